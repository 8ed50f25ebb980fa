/**
 * The map comparison: `<vitrine-map cluster tiles="none">` against the plain Leaflet.markercluster
 * recipe on the same 40,000 points, in the same page. bench/run.mjs calls `window.vitrineMapRound`
 * once per round and per variant, and aggregates the figures (its MAP_METHOD says what each one
 * means). Loaded on demand by bench.ts, so neither Leaflet nor the plugin is in the page while the
 * parse and table measurements run.
 *
 * Every wait has a time limit; a failing step gives an error string instead of a figure, and the
 * steps after it in that round are skipped.
 */
import type { Map as LeafletMap, MarkerClusterGroup } from 'leaflet';
import 'leaflet/dist/leaflet.css';
// The plugin extends the global L: that module sets it, and must run first.
import { defaultImport, globalBefore, globalLeaflet } from './leaflet-global.ts';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import Papa from 'papaparse';
import '../src/components/map/map.ts';
import { clearLoadCache } from '../src/data/load.ts';
import { fresh, nextPaint, step } from './page-utils.ts';

/** The limit of every wait, in ms. */
const TIMEOUT = 120_000;
/** The map box of both sides (Vitrine's part=map has a 1 px border, added around it). */
const WIDTH = 1000;
const HEIGHT = 600;
/** Pan steps after drawn: how many, and how far each (px, to the east). */
const PAN_STEPS = 10;
const PAN_PX = 150;
/** The pause between drawn and the first pan, as a person who looks before dragging. */
const PAUSE_AFTER_DRAWN = 500;

export interface MapRoundOptions {
  /** The CSV (`;`-separated, Xlongitude and Ylatitude columns). */
  url: string;
}

/** A figure, or why it could not be measured. */
export type Figure = number | string;

export interface MapSample {
  /** From the start (createElement or fetch) until the data is ready. */
  readyMs?: Figure;
  /** From the start until the clusters are drawn and painted. */
  drawnMs?: Figure;
  drawnAfterReadyMs?: Figure;
  /** markercluster only: fetch + PapaParse (equal to its readyMs). */
  fetchParseMs?: Figure;
  /** Vitrine only: `elapsed` of its vitrine-load event (its own fetch + parse time). */
  loadElapsedMs?: Figure;
  /** Vitrine only: vitrine-map-ready came before vitrine-load. */
  mapReadyBeforeLoad?: boolean;
  /** Vitrine only: no Leaflet chunk was fetched during the round; and the scripts that were. */
  leafletChunkCached?: boolean;
  scriptsLoaded?: string[];
  /** markercluster only: where L.markerClusterGroup was found. */
  markerclusterAttach?: string;
  longestTaskMs?: Figure;
  longestTaskAfterReadyMs?: Figure;
  rows?: Figure;
  points?: Figure;
  /** Vitrine only: its summary line ("40 000 lieux"). */
  summary?: string;
  mapSize?: string;
  zoom?: Figure;
  markersInDom?: Figure;
  clustersInDom?: Figure;
  clustersInDomZoomedIn?: Figure;
  panStepsMs?: number[];
  panStepMedianMs?: Figure;
  panStepMaxMs?: Figure;
  /** The panBy call alone (its moveend handlers included), median and max of the steps. */
  panStepSyncMedianMs?: Figure;
  panStepSyncMaxMs?: Figure;
  longestPanTaskMs?: Figure;
  zoomInMs?: Figure;
  zoomInSettledMs?: Figure;
  zoomInSyncMs?: Figure;
  panZoomedInStepMedianMs?: Figure;
  panZoomedInStepMaxMs?: Figure;
  panZoomedInStepSyncMedianMs?: Figure;
  panZoomedInStepSyncMaxMs?: Figure;
  longestPanZoomedInTaskMs?: Figure;
  zoomOutMs?: Figure;
  zoomOutSettledMs?: Figure;
  zoomOutSyncMs?: Figure;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT): Promise<T> {
  let timer = 0;
  const late = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`timeout after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Starts each round on a clean heap, with no element of an earlier round left. */
async function settle(): Promise<void> {
  document.querySelectorAll('.map-bench-box').forEach((b) => b.remove());
  clearLoadCache();
  (window as unknown as { gc?: () => void }).gc?.();
  performance.setResourceTimingBufferSize(10_000);
  performance.clearResourceTimings();
  await sleep(200);
}

function box(): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'map-bench-box';
  div.style.cssText = 'position:relative';
  document.body.append(div);
  return div;
}

/** Every long task of the round; the longest in a time window once the round is over. */
function longTasks() {
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration })),
  );
  observer.observe({ type: 'longtask', buffered: false });
  let stopped = false;
  return {
    /** Lets the observer deliver the last entries, then stops it. */
    async stop() {
      if (stopped) return;
      stopped = true;
      await sleep(50);
      observer.disconnect();
    },
    longest(from: number, to: number): number {
      return Math.max(0, ...tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration));
    },
  };
}

type Tasks = ReturnType<typeof longTasks>;

/** How each side waits after a move: nothing more (Vitrine), or the end of its cluster animation. */
interface MoveSide {
  map: LeafletMap;
  /** Called before the move; the promise it returns resolves once the side is settled after it. */
  settled?: () => () => Promise<void>;
  clusters: () => number;
}

/**
 * Times one move: the call itself (`syncMs`: without animation Leaflet fires moveend, and both
 * sides redraw, inside it), until its moveend and a paint (`ms`), then until the side has settled.
 */
async function timedMove(side: MoveSide, move: () => void): Promise<{ syncMs: number; ms: number; settledMs: number }> {
  const moved = new Promise<void>((r) => side.map.once('moveend', () => r()));
  const waitSettled = side.settled?.();
  const t = performance.now();
  move();
  const syncMs = performance.now() - t;
  await withTimeout(moved, 'moveend');
  await nextPaint();
  const ms = performance.now() - t;
  if (waitSettled) {
    await withTimeout(waitSettled(), 'the end of the cluster animation');
    await nextPaint();
  }
  return { syncMs, ms, settledMs: performance.now() - t };
}

async function pans(side: MoveSide, tasks: Tasks) {
  const steps: number[] = [];
  const sync: number[] = [];
  const start = performance.now();
  for (let i = 0; i < PAN_STEPS; i++) {
    const { syncMs, settledMs } = await timedMove(side, () => side.map.panBy([PAN_PX, 0], { animate: false }));
    steps.push(settledMs);
    sync.push(syncMs);
  }
  const end = performance.now();
  return {
    steps,
    median: median(steps),
    max: Math.max(...steps),
    syncMedian: median(sync),
    syncMax: Math.max(...sync),
    longest: () => tasks.longest(start, end),
  };
}

/**
 * After drawn, the same interaction for both: a pause, 10 pans, back to the fitted view, zoom in
 * 2 levels, 10 pans, zoom out 2 levels.
 */
async function interact(sample: MapSample, side: MoveSide, tasks: Tasks): Promise<() => void> {
  const map = side.map;
  const late: (() => void)[] = [];
  const fitted = { center: map.getCenter(), zoom: map.getZoom() };
  await step(sample, async () => {
    await sleep(PAUSE_AFTER_DRAWN);
    const size = map.getSize();
    sample.mapSize = `${size.x} x ${size.y}`;
    sample.zoom = fitted.zoom;
    const p = await pans(side, tasks);
    sample.panStepsMs = p.steps;
    sample.panStepMedianMs = p.median;
    sample.panStepMaxMs = p.max;
    sample.panStepSyncMedianMs = p.syncMedian;
    sample.panStepSyncMaxMs = p.syncMax;
    late.push(() => (sample.longestPanTaskMs = p.longest()));
  });
  await step(sample, async () => {
    // Back to the fitted view (not timed).
    await timedMove(side, () => map.setView(fitted.center, fitted.zoom, { animate: false }));
    await sleep(200);
    const z = await timedMove(side, () => map.setZoom(fitted.zoom + 2, { animate: false }));
    sample.zoomInMs = z.ms;
    sample.zoomInSyncMs = z.syncMs;
    sample.zoomInSettledMs = z.settledMs;
    sample.clustersInDomZoomedIn = side.clusters();
  });
  await step(sample, async () => {
    await sleep(200);
    const p = await pans(side, tasks);
    sample.panZoomedInStepMedianMs = p.median;
    sample.panZoomedInStepMaxMs = p.max;
    sample.panZoomedInStepSyncMedianMs = p.syncMedian;
    sample.panZoomedInStepSyncMaxMs = p.syncMax;
    late.push(() => (sample.longestPanZoomedInTaskMs = p.longest()));
  });
  await step(sample, async () => {
    await sleep(200);
    const z = await timedMove(side, () => map.setZoom(fitted.zoom, { animate: false }));
    sample.zoomOutMs = z.ms;
    sample.zoomOutSyncMs = z.syncMs;
    sample.zoomOutSettledMs = z.settledMs;
  });
  return () => late.forEach((f) => f());
}

/** The scripts fetched since the round started (file names), from Resource Timing. */
function scriptsSince(t0: number): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.startTime >= t0 && /\.m?js(\?|$)/.test(e.name))
    .map((e) => e.name.replace(/^.*\//, '').replace(/\?.*$/, ''));
}

type VitrineMapElement = HTMLElementTagNameMap['vitrine-map'];

/** <vitrine-map cluster tiles="none" src> in the box, until vitrine-load and vitrine-map-ready, then painted. */
export async function vitrineMapRound(opts: MapRoundOptions): Promise<MapSample> {
  await settle();
  const sample: MapSample = {};
  const div = box();
  const tasks = longTasks();
  let el: VitrineMapElement | undefined;
  let finish = () => {};
  try {
    let t0 = 0;
    let tLoad = 0;
    let tDrawn = 0;
    await step(sample, async () => {
      t0 = performance.now();
      let tMapReady = 0;
      const e = document.createElement('vitrine-map');
      el = e;
      const failed = new Promise<never>((_, reject) =>
        e.addEventListener('vitrine-error', (ev) =>
          reject(new Error(`vitrine-map error: ${(ev as CustomEvent<{ message: string }>).detail.message}`)),
        ),
      );
      const loaded = new Promise<void>((r) =>
        e.addEventListener('vitrine-load', (ev) => {
          tLoad = performance.now();
          sample.loadElapsedMs = ev.detail.elapsed;
          sample.rows = ev.detail.rowCount;
          r();
        }),
      );
      const ready = new Promise<void>((r) =>
        e.addEventListener('vitrine-map-ready', () => {
          tMapReady = performance.now();
          r();
        }),
      );
      e.toggleAttribute('cluster', true);
      e.setAttribute('tiles', 'none');
      e.setAttribute('src', fresh(opts.url));
      e.style.cssText = `display:block;width:${WIDTH + 2}px;--vitrine-map-height:${HEIGHT + 2}px`;
      div.append(e);
      await withTimeout(Promise.race([Promise.all([loaded, ready]), failed]), 'vitrine-load and vitrine-map-ready');
      await nextPaint();
      tDrawn = performance.now();
      sample.readyMs = tLoad - t0;
      sample.drawnMs = tDrawn - t0;
      sample.drawnAfterReadyMs = tDrawn - tLoad;
      sample.mapReadyBeforeLoad = tMapReady < tLoad;
      const root = e.shadowRoot!;
      sample.summary = root.querySelector('[part="summary"]')?.textContent?.replace(/\s+/g, ' ').trim();
      sample.points = Number(sample.summary?.match(/^[\d\s\u202f\u00a0,.]+/)?.[0].replace(/\D/g, '') ?? NaN);
      sample.markersInDom = root.querySelectorAll('.leaflet-marker-icon').length;
      sample.clustersInDom = root.querySelectorAll('.vitrine-cluster').length;
      if (!sample.clustersInDom) throw new Error('no .vitrine-cluster in the shadow root once drawn');
      sample.scriptsLoaded = scriptsSince(t0);
      sample.leafletChunkCached = !sample.scriptsLoaded.some((s) => /leaflet/i.test(s));
    });
    if (el && !sample.error) {
      const root = el.shadowRoot!;
      const map = el.leafletMap as LeafletMap | undefined;
      if (!map) sample.error = 'el.leafletMap is undefined after vitrine-map-ready';
      else
        finish = await interact(
          sample,
          { map, clusters: () => root.querySelectorAll('.vitrine-cluster').length },
          tasks,
        );
    }
    await tasks.stop();
    if (tDrawn) {
      sample.longestTaskMs = tasks.longest(t0, tDrawn);
      sample.longestTaskAfterReadyMs = tasks.longest(tLoad, tDrawn);
    }
    finish();
  } finally {
    await tasks.stop();
    el?.remove();
    div.remove();
    clearLoadCache();
  }
  return sample;
}

/** A number as written in the file (a decimal comma allowed), NaN when empty. */
function readNumber(s: string | undefined): number {
  const v = s?.trim();
  return v ? Number(v.replace(',', '.')) : NaN;
}

/** The rule Vitrine uses (src/components/map/points.ts): finite, in range, not 0,0. */
function valid(lat: number, lon: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0)
  );
}

/** How the plugin reached L, for the method notes. */
function attachNote(): string {
  const L = globalLeaflet();
  const where =
    typeof L.markerClusterGroup === 'function'
      ? 'globalThis.L.markerClusterGroup'
      : 'nowhere: L.markerClusterGroup is not a function';
  const same = L === defaultImport ? 'the same object as' : 'not the same object as';
  return `globalThis.L before the bench module ran: ${globalBefore}; globalThis.L is ${same} the default import of leaflet; the plugin is at ${where}${typeof (defaultImport as { markerClusterGroup?: unknown }).markerClusterGroup === 'function' ? ' (and on the default import)' : ' (not on the default import)'}`;
}

/**
 * fetch + PapaParse (header, `;`) on the main thread, then L.map, fitBounds, markerClusterGroup
 * with chunked loading, one L.marker (div icon) per valid point, addLayers, until chunked loading
 * is over and the clusters are painted.
 */
export async function markerclusterRound(opts: MapRoundOptions): Promise<MapSample> {
  await settle();
  const sample: MapSample = {};
  const div = box();
  const holder = document.createElement('div');
  holder.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px`;
  div.append(holder);
  const tasks = longTasks();
  const L = globalLeaflet();
  let map: LeafletMap | undefined;
  let group: MarkerClusterGroup | undefined;
  let finish = () => {};
  try {
    let t0 = 0;
    let tReady = 0;
    let tDrawn = 0;
    await step(sample, async () => {
      sample.markerclusterAttach = attachNote();
      if (typeof L.markerClusterGroup !== 'function') throw new Error(sample.markerclusterAttach);
      t0 = performance.now();
      const text = await withTimeout(
        fetch(fresh(opts.url)).then((r) => r.text()),
        'the CSV for markercluster',
      );
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true });
      tReady = performance.now();
      sample.fetchParseMs = tReady - t0;
      sample.readyMs = tReady - t0;
      sample.rows = parsed.data.length;
      const icon = L.divIcon({ className: 'map-bench-point', iconSize: [12, 12] });
      const markers = [];
      const bounds = L.latLngBounds([]);
      for (const row of parsed.data) {
        const lat = readNumber(row.Ylatitude);
        const lon = readNumber(row.Xlongitude);
        if (!valid(lat, lon)) continue;
        markers.push(L.marker([lat, lon], { icon }));
        bounds.extend([lat, lon]);
      }
      sample.points = markers.length;
      // markercluster needs a maxZoom; a tile layer would give it (OpenStreetMap's: 19), there is none here.
      const m = L.map(holder, { maxZoom: 19 });
      map = m;
      // Before the group is added: chunked loading only applies to a group on a map with a view.
      m.fitBounds(bounds, { padding: [16, 16] });
      let done = () => {};
      const loaded = new Promise<void>((r) => (done = r));
      const g = L.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: (processed, total) => {
          // Also called with (0, 0) when the group is added to the map, before addLayers.
          if (processed === total && total === markers.length) done();
        },
      });
      group = g;
      g.addTo(m);
      g.addLayers(markers);
      // The group adds its clusters right after the last chunkProgress call, before this continues.
      await withTimeout(loaded, 'the end of chunked loading');
      if (!holder.querySelector('.marker-cluster')) throw new Error('no .marker-cluster once chunked loading is over');
      await nextPaint();
      tDrawn = performance.now();
      sample.drawnMs = tDrawn - t0;
      sample.drawnAfterReadyMs = tDrawn - tReady;
      sample.markersInDom = holder.querySelectorAll('.leaflet-marker-icon').length;
      sample.clustersInDom = holder.querySelectorAll('.marker-cluster').length;
    });
    if (map && group && !sample.error) {
      const g = group as MarkerClusterGroup & { _inZoomAnimation?: number };
      finish = await interact(
        sample,
        {
          map,
          clusters: () => holder.querySelectorAll('.marker-cluster').length,
          // After a zoom the group animates its clusters (a 300 ms queue), then fires animationend.
          settled: () => {
            const end = new Promise<void>((r) => g.once('animationend', () => r()));
            return () => ((g._inZoomAnimation ?? 0) > 0 ? end : Promise.resolve());
          },
        },
        tasks,
      );
    }
    await tasks.stop();
    if (tDrawn) {
      sample.longestTaskMs = tasks.longest(t0, tDrawn);
      sample.longestTaskAfterReadyMs = tasks.longest(tReady, tDrawn);
    }
    finish();
  } finally {
    await tasks.stop();
    group?.off('animationend');
    map?.remove();
    div.remove();
  }
  return sample;
}

// The baseline's point icon (Vitrine styles its own in its shadow root).
const style = document.createElement('style');
style.textContent = '.map-bench-point{background:#0072b2;border:1px solid #fff;border-radius:50%}';
document.head.append(style);

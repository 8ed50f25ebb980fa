/**
 * Runs in headless Chromium (bench/run.mjs drives it). Every figure is measured in this page, with
 * the baseline in the same page on the same bytes, so ratios hold on a noisy shared machine.
 */
import Papa from 'papaparse';
import { clearLoadCache, loadTable } from '../src/data/load.ts';
import { searchRows, sortRows } from '../src/data/query.ts';
import type { LinkedRoundOptions } from './linked-bench.ts';
import type { MapRoundOptions } from './map-bench.ts';
import { fresh } from './page-utils.ts';
import type { TableRoundOptions } from './table-bench.ts';

interface Sample {
  baseline: number;
  vitrine: number;
  longestTask: number;
  longTasks: number;
  rows: number;
}

let lastBaselineFetch = 0;

async function papaAlone(url: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  // The same request as Vitrine makes: a fresh URL each time, default cache mode.
  const bytes = new Uint8Array(await (await fetch(fresh(url))).arrayBuffer());
  lastBaselineFetch = performance.now() - t0;
  const text = new TextDecoder().decode(bytes);
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const ms = performance.now() - t0;
  return { ms, rows: result.data.length - 1 };
}

async function vitrine(url: string): Promise<{ ms: number; rows: number; longestTask: number; longTasks: number }> {
  clearLoadCache();
  const tasks: number[] = [];
  const t0 = performance.now();
  // Only tasks that start during this load (an earlier baseline's task may be reported late).
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => e.startTime >= t0 && tasks.push(e.duration)),
  );
  observer.observe({ type: 'longtask', buffered: false });
  const result = await loadTable(fresh(url));
  const ms = performance.now() - t0;
  // Let the observer deliver the last entries.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return {
    ms,
    rows: result.table.rowCount,
    longestTask: Math.max(0, ...tasks),
    longTasks: tasks.filter((d) => d > 50).length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Starts each measurement on a clean heap, so neither side pays for the other's garbage. */
async function settle(): Promise<void> {
  clearLoadCache();
  (window as unknown as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 100));
}

async function run(url: string, rounds: number) {
  const samples: Sample[] = [];
  const fetches: number[] = [];
  // Warm up both paths once (JIT, worker module cache).
  await papaAlone(url);
  await vitrine(url);
  for (let i = 0; i < rounds; i++) {
    // Alternate the order so neither side always runs on a warmer machine.
    await settle();
    const b = i % 2 === 0 ? await papaAlone(url) : undefined;
    await settle();
    const v = await vitrine(url);
    await settle();
    const b2 = b ?? (await papaAlone(url));
    fetches.push(lastBaselineFetch);
    samples.push({ baseline: b2.ms, vitrine: v.ms, longestTask: v.longestTask, longTasks: v.longTasks, rows: v.rows });
    if (v.rows !== b2.rows) throw new Error(`row counts differ: vitrine ${v.rows}, papaparse ${b2.rows}`);
  }
  const ratios = samples.map((s) => s.vitrine / s.baseline);
  return {
    rows: samples[0].rows,
    rounds,
    baselineMs: Math.round(median(samples.map((s) => s.baseline))),
    baselineFetchMs: Math.round(median(fetches)),
    vitrineMs: Math.round(median(samples.map((s) => s.vitrine))),
    ratio: Number(median(ratios).toFixed(3)),
    ratios: ratios.map((r) => Number(r.toFixed(3))),
    longestMainThreadTaskMs: Math.round(Math.max(...samples.map((s) => s.longestTask))),
    longTasksOver50ms: Math.max(...samples.map((s) => s.longTasks)),
  };
}

/** Where the time goes in one load: when each phase starts, and when each long task happened. */
async function profile(url: string) {
  clearLoadCache();
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => tasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) })),
  );
  observer.observe({ type: 'longtask', buffered: false });
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  await loadTable(fresh(url), {
    onProgress: (p) => {
      phases[p.phase] ??= Math.round(performance.now() - t0);
    },
  });
  const total = Math.round(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { total, phases, longTasks: tasks.map((t) => ({ at: Math.round(t.start - t0), ms: t.duration })) };
}

/** Search and sort on the loaded 200,000 rows (the table element's budget: each under 150 ms). */
async function queries(url: string) {
  await settle();
  const { table } = await loadTable(fresh(url));
  const time = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return Math.round(performance.now() - t0);
  };
  const text = table.column('n_station')!.index;
  const number = table.column('Xlongitude')!.index;
  const result = {
    rows: table.rowCount,
    searchFirstMs: time(() => searchRows(table, 'paris')),
    searchAgainMs: time(() => searchRows(table, 'gare')),
    sortTextFirstMs: time(() => sortRows(table, [{ column: text }])),
    sortTextAgainMs: time(() => sortRows(table, [{ column: text, descending: true }])),
    sortNumberMs: time(() => sortRows(table, [{ column: number }])),
  };
  clearLoadCache();
  return result;
}

/**
 * One round of the table comparison (bench/table-bench.ts, loaded on demand so that Tabulator is
 * not in the page while the measurements above run): `vitrine` with a page size, or `tabulator`.
 */
async function tableRound(which: 'vitrine' | 'tabulator', opts: TableRoundOptions, pageSize = 20) {
  const bench = await import('./table-bench.ts');
  return which === 'vitrine' ? bench.vitrineRound(opts, pageSize) : bench.tabulatorRound(opts);
}

/**
 * One round of the map comparison (bench/map-bench.ts, loaded on demand like the table one):
 * `<vitrine-map cluster>` or the Leaflet.markercluster recipe.
 */
async function mapRound(which: 'vitrine' | 'markercluster', opts: MapRoundOptions) {
  const bench = await import('./map-bench.ts');
  return which === 'vitrine' ? bench.vitrineMapRound(opts) : bench.markerclusterRound(opts);
}

/**
 * One round of the linked-elements measurement (bench/linked-bench.ts, loaded on demand like the
 * others): source + filter + search + map + table + cards, or the table alone as a reference.
 */
async function linkedRound(which: 'linked' | 'tableAlone', opts: LinkedRoundOptions) {
  const bench = await import('./linked-bench.ts');
  return which === 'linked' ? bench.linkedRound(opts) : bench.tableAloneRound(opts);
}

declare global {
  interface Window {
    vitrineBench: (url: string, rounds: number) => Promise<unknown>;
    vitrineProfile: (url: string) => Promise<unknown>;
    vitrineQueries: (url: string) => Promise<unknown>;
    vitrineTableRound: typeof tableRound;
    vitrineMapRound: typeof mapRound;
    vitrineLinkedRound: typeof linkedRound;
  }
}
window.vitrineBench = run;
window.vitrineProfile = profile;
window.vitrineQueries = queries;
window.vitrineTableRound = tableRound;
window.vitrineMapRound = mapRound;
window.vitrineLinkedRound = linkedRound;
document.getElementById('out')!.textContent = 'ready';

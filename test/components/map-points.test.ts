/**
 * <vitrine-map>, the points side, on real fixtures: 10,000 IRVE charging points with padded
 * coordinates, Opendatasoft GeoJSON and v1 JSON exports, the observatory coloured by type,
 * hostile popup values, a map inside a scaled slide, a map revealed after display:none, a hundred
 * connect/disconnect cycles, keyboard use, and axe.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import L from 'leaflet';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import type { VitrineSelectEvent } from '../../src/internal/events.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';

const IRVE = '/test/fixtures/messy/bornes-IRVE-10000-points.csv';
const RENNES_GEOJSON = '/test/fixtures/api-responses/opendatasoft/exports_geojson_v2_rennes_decheteries.geojson';
const SANISETTES_V1 = '/test/fixtures/api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json';
const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const HOSTILE = '/test/fixtures/hostile/hostile-points.csv';

/*
 * Figures computed with python3 (csv module, delimiter ';', newline='') on the fixtures, with the
 * element's rules: cells trimmed of white space (spaces, NBSP, newlines), a row is valid when
 * -90 <= lat <= 90, -180 <= lon <= 180 and not (0, 0), missing when both cells are empty.
 *
 * bornes-IRVE-10000-points.csv (10,000 records):
 *   valid 9,994; invalid 6 (longitudes written with a letter I: ' -0.I2414381' at row indexes 9412
 *   and 9439, '-0.I101419912' at 9454 and 9468, ' -0.I42448' at 9465 and 9510); missing 0.
 *   238 valid rows have padded coordinates: 1 with NBSP (index 1606, n_station 'DINAN - rapide',
 *   Xlongitude ' \xa0-2.045631\xa0 ', Ylatitude ' 48.474826 '), 7 with an embedded newline
 *   (e.g. index 6416, 'Place Duboc Epaignes', Xlongitude '\n0.43984', Ylatitude '49.27973').
 *   Extent of the valid points: lat 1.0 … 50.726433, lon -4.770224 … 51.44743366
 *   (a few records have latitude and longitude swapped; still in range, so drawn).
 * exports_geojson_v2_rennes_decheteries.geojson: 25 features, all Point, all valid, geometry equal
 *   to properties.geo_point_2d.
 * exports_json_v1_paris_sanisettes.json: 615 records, all with geo_point_2d [lat, lon], all valid.
 * Observatory (891 rows, all valid): type counts COM 454, CA 101, OACT 78, AGCT 65, DEP 61, CC 53,
 *   DSPT 34, then MET 19, REG 16, CU 6, EPT 3, SDE 1 (the "others"). Near Rennes: ACIGNE (COM,
 *   48.133181, -1.533969), AIR BREIZH (OACT), KEOLIS RENNES (DSPT), RENNES METROPOLE (MET).
 *   'CA GRAND GUERET' (46.170889, 1.874464): no other record within 0.54°.
 */
const IRVE_SHOWN = 9994;
const IRVE_INVALID = 6;

type Box = { left: number; top: number; width: number; height: number };

/** A <vitrine-map> in a box of the given style, once its Leaflet map is drawn. */
async function mapWith(attrs: Record<string, string>, boxStyle = 'width: 800px'): Promise<VitrineMap> {
  const el = document.createElement('vitrine-map');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const ready = Promise.race([oneEvent(el, 'vitrine-map-ready'), oneEvent(el, 'vitrine-error')]);
  const parent = await fixture(html`<div style=${boxStyle}></div>`);
  parent.append(el);
  const event = await ready;
  if (event.type === 'vitrine-error') throw new Error(`vitrine-error: ${(event as CustomEvent).detail.message}`);
  await el.updateComplete;
  // The box's ResizeObserver reports its first size a frame later, and the map redraws then.
  await frames(2);
  return el;
}

function leaflet(el: VitrineMap): L.Map {
  return el.leafletMap as L.Map;
}

function summary(el: VitrineMap): string {
  return plain(root(el).querySelector('[part="summary"]')?.textContent);
}

function mapBox(el: VitrineMap): HTMLElement {
  return root(el).querySelector<HTMLElement>('[part="map"]')!;
}

function markers(el: VitrineMap): HTMLElement[] {
  return [...root(el).querySelectorAll<HTMLElement>('.vitrine-point')];
}

function markerTitled(el: VitrineMap, title: string): HTMLElement {
  const found = markers(el).find((m) => m.title === title);
  expect(found, `a marker titled ${title}`).to.exist;
  return found!;
}

/** Points drawn on the canvas (beyond the number of focusable markers). */
function canvasPoints(map: L.Map): L.CircleMarker[] {
  const out: L.CircleMarker[] = [];
  map.eachLayer((l) => {
    if (l instanceof L.CircleMarker) out.push(l);
  });
  return out;
}

function centre(r: Box): [number, number] {
  return [r.left + r.width / 2, r.top + r.height / 2];
}

/** The innermost element at a point of the viewport, through open shadow roots. */
function deepElementFromPoint(x: number, y: number): Element | null {
  let e = document.elementFromPoint(x, y);
  while (e?.shadowRoot) {
    const inner = e.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === e) break;
    e = inner;
  }
  return e;
}

function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function leafletOnce(map: L.Map, type: string): Promise<L.LeafletEvent> {
  return new Promise((resolve) => map.once(type, resolve));
}

/** The popup last opened (a closed one fades out for 200 ms before it leaves the DOM). */
function currentPopup(el: VitrineMap): HTMLElement | undefined {
  return [...root(el).querySelectorAll<HTMLElement>('.vitrine-popup')].pop();
}

function popups(el: VitrineMap): number {
  return root(el).querySelectorAll('.vitrine-popup').length;
}

/** The fields of the current popup: label → shown text. */
function popupFields(el: VitrineMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const div of currentPopup(el)?.querySelectorAll('dl > div') ?? []) {
    out[plain(div.querySelector('dt')?.textContent)] = div.querySelector('dd')?.textContent ?? '';
  }
  return out;
}

async function clickAt(x: number, y: number): Promise<void> {
  await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
}

/** Collects the page's uncaught errors (and keeps them from failing the run) until stop(). */
function pageErrors(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => {
    errors.push(e.message);
    e.preventDefault();
  };
  window.addEventListener('error', onError);
  return { errors, stop: () => window.removeEventListener('error', onError) };
}

describe('<vitrine-map> points on real data', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(async () => {
    await resetMouse();
    checkWarnings();
  });

  describe('IRVE: 10,000 charging points, padded coordinates', () => {
    it('counts the places shown and those without valid coordinates', async () => {
      const el = await mapWith({ src: IRVE, tiles: 'none', cluster: '' });
      expect(summary(el)).to.equal(`9 994 lieux affichés, ${IRVE_INVALID} sans coordonnées valides`);
    });

    it('draws clusters whose counts and the single points in view add up to the points in view', async () => {
      const el = await mapWith({ src: IRVE, tiles: 'none', cluster: '' });
      const map = leaflet(el);
      const drawnInView = () => {
        const clusters = [...root(el).querySelectorAll<HTMLElement>('.vitrine-cluster')];
        const inClusters = clusters.reduce((n, c) => n + Number(plain(c.textContent)), 0);
        return { clusters: clusters.length, points: inClusters + markers(el).length + canvasPoints(map).length };
      };
      // The first view frames the bulk of the points: count those in it from the records.
      const inView = (b: L.LatLngBounds) =>
        (el.rows as Record<string, unknown>[]).filter((r) => {
          const lat = typeof r['Ylatitude'] === 'number' ? r['Ylatitude'] : NaN;
          const lon = typeof r['Xlongitude'] === 'number' ? r['Xlongitude'] : NaN;
          return Number.isFinite(lat) && Number.isFinite(lon) && b.contains([lat, lon]);
        }).length;
      const first = drawnInView();
      expect(first.clusters).to.be.greaterThan(0);
      expect(first.points).to.equal(inView(map.getBounds()));
      // Zoomed out to the whole extent of the valid points (python): every one of the 9,994.
      map.fitBounds(
        [
          [1.0, -4.770224],
          [50.726433, 51.44743366],
        ],
        { animate: false },
      );
      expect(map.getBounds().contains([1.0, -4.770224]), 'south-west corner of the data').to.equal(true);
      expect(map.getBounds().contains([50.726433, 51.44743366]), 'north-east corner of the data').to.equal(true);
      const all = drawnInView();
      expect(all.clusters).to.be.greaterThan(0);
      expect(all.points).to.equal(IRVE_SHOWN);
      expect(inView(map.getBounds())).to.equal(IRVE_SHOWN);
      // Each cluster says how many places it holds, in words, for screen readers.
      const cluster = root(el).querySelector<HTMLElement>('.vitrine-cluster')!;
      expect(plain(cluster.title).replace(/(\d) (?=\d)/g, '$1')).to.equal(
        `${plain(cluster.textContent)} lieux ici : zoomer`,
      );
    });

    it('accepts coordinates padded with NBSP and newlines, and skips the unreadable ones', async () => {
      const el = await mapWith({ src: IRVE, tiles: 'none', cluster: '' });
      const map = leaflet(el);
      // Index 1606: Xlongitude ' \xa0-2.045631\xa0 ', Ylatitude ' 48.474826 '.
      let opened = leafletOnce(map, 'popupopen') as Promise<L.PopupEvent>;
      el.openRecord(1606);
      let popup = (await opened).popup;
      expect(popup.getLatLng()!.lat).to.be.closeTo(48.474826, 1e-9);
      expect(popup.getLatLng()!.lng).to.be.closeTo(-2.045631, 1e-9);
      expect(plain(popupFields(el)['n_station'])).to.equal('DINAN - rapide');
      // Index 6416: Xlongitude '\n0.43984' (a newline inside the quoted field).
      opened = leafletOnce(map, 'popupopen') as Promise<L.PopupEvent>;
      el.openRecord(6416);
      popup = (await opened).popup;
      expect(popup.getLatLng()!.lat).to.be.closeTo(49.27973, 1e-9);
      expect(popup.getLatLng()!.lng).to.be.closeTo(0.43984, 1e-9);
      expect(plain(popupFields(el)['ad_station'])).to.equal('Place Duboc Epaignes');
      // Index 9412: ' -0.I2414381' is not a number: no point, nothing opens.
      map.closePopup();
      let reopened = false;
      map.once('popupopen', () => (reopened = true));
      el.openRecord(9412);
      expect(reopened).to.equal(false);
    });
  });

  describe('Opendatasoft exports', () => {
    it('GeoJSON export (Rennes déchèteries): one point per feature, where its geometry says', async () => {
      const el = await mapWith({ src: RENNES_GEOJSON, tiles: 'none' });
      expect(summary(el)).to.equal('25 lieux affichés');
      const map = leaflet(el);
      const drawn: [number, number][] = [];
      map.eachLayer((l) => {
        if (l instanceof L.Marker && String(l.options.icon?.options.className).includes('vitrine-point')) {
          const p = l.getLatLng();
          drawn.push([p.lat, p.lng]);
        }
      });
      const doc = (await (await fetch(RENNES_GEOJSON)).json()) as GeoJSON.FeatureCollection<GeoJSON.Point>;
      const expected = doc.features
        .map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]])
        .sort((a, b) => a[0] - b[0]);
      const got = drawn.sort((a, b) => a[0] - b[0]);
      expect(got.length).to.equal(25);
      // geo_point_2d and the geometry differ in the 16th digit: the same place either way.
      got.forEach(([lat, lon], k) => {
        expect(lat).to.be.closeTo(expected[k][0], 1e-8);
        expect(lon).to.be.closeTo(expected[k][1], 1e-8);
      });
      expect(markers(el).length).to.equal(25);
    });

    it('v1 JSON export (Paris sanisettes): 615 points from geo_point_2d [lat, lon]', async () => {
      const el = await mapWith({ src: SANISETTES_V1, tiles: 'none' });
      expect(summary(el)).to.equal('615 lieux affichés');
      const map = leaflet(el);
      // More than the focusable-marker limit in view: drawn on the canvas, all of them.
      expect(canvasPoints(map).length + markers(el).length).to.equal(615);
      const lats = canvasPoints(map).map((c) => c.getLatLng().lat);
      expect(Math.min(...lats)).to.be.greaterThan(48.8);
      expect(Math.max(...lats)).to.be.lessThan(48.91);
    });
  });

  it('observatory coloured by type: each marker carries the colour class of its category', async () => {
    const el = await mapWith({
      src: ODF,
      tiles: 'none',
      'color-by': 'type',
      popup: 'nom, type',
      center: '48.11, -1.62',
      zoom: '11',
    });
    expect(markerTitled(el, 'ACIGNE').classList.contains('c0'), 'COM, the most frequent type').to.equal(true);
    expect(markerTitled(el, 'AIR BREIZH').classList.contains('c2'), 'OACT, third').to.equal(true);
    expect(markerTitled(el, 'KEOLIS RENNES').classList.contains('c6'), 'DSPT, seventh').to.equal(true);
    expect(markerTitled(el, 'RENNES METROPOLE').classList.contains('cn'), 'MET, among the others').to.equal(true);
    // The marker is painted with the colour of its legend swatch.
    const swatches = [...root(el).querySelectorAll<HTMLElement>('[part="legend"] .swatch')];
    const bg = (e: Element) => getComputedStyle(e).backgroundColor;
    expect(bg(markerTitled(el, 'ACIGNE'))).to.equal(bg(swatches[0]));
    expect(bg(markerTitled(el, 'KEOLIS RENNES'))).to.equal(bg(swatches[6]));
    expect(bg(markerTitled(el, 'RENNES METROPOLE'))).to.equal(bg(swatches[7]));
  });

  describe('hostile values', () => {
    const win = window as unknown as { __pwnedMap?: number };
    beforeEach(() => delete win.__pwnedMap);

    it('popups show script, HTML and javascript: values as text and run nothing', async () => {
      const el = await mapWith({ src: HOSTILE, tiles: 'none', popup: 'nom, description, site : link' });
      const rows = el.rows as Record<string, unknown>[];
      expect(rows.length).to.equal(5);
      expect(markers(el).length).to.equal(5);
      for (let i = 0; i < rows.length; i++) {
        const nom = String(rows[i]['nom']);
        // Each point in the middle of the map, whatever the pans to earlier popups did.
        leaflet(el).setView([Number(rows[i]['lat']), Number(rows[i]['lon'])], leaflet(el).getZoom(), {
          animate: false,
        });
        const marker = markerTitled(el, nom);
        const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
        marker.click();
        expect((await selected).detail.index).to.equal(i);
        const popup = currentPopup(el)!;
        expect(popup, `popup of row ${i}`).to.exist;
        const fields = popupFields(el);
        expect(fields['nom']).to.equal(nom.trim());
        expect(fields['description']).to.equal(String(rows[i]['description']).trim());
        expect(fields['site']).to.equal(String(rows[i]['site']).trim());
        expect(popup.querySelectorAll('script, img, svg, iframe, style, b').length, `elements in popup ${i}`).to.equal(
          0,
        );
        // Let Leaflet's pan to the popup end before the next click.
        await sleep(400);
      }
      await sleep(300); // an <img onerror> would have fired by now
      const all = [...root(el).querySelectorAll('*')];
      const hrefs = all.flatMap((e) => [e.getAttribute('href'), e.getAttribute('xlink:href'), e.getAttribute('src')]);
      expect(hrefs.filter((h) => h && /^\s*(javascript|data|vbscript):/i.test(h))).to.deep.equal([]);
      expect(root(el).querySelectorAll('script, iframe, svg[onload], img[onerror]').length).to.equal(0);
      expect(win.__pwnedMap).to.equal(undefined);
      // Only the https links became links.
      el.openRecord(3);
      const links = [...(currentPopup(el)?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
      expect(links.map((a) => a.protocol)).to.deep.equal(['https:']);
      expect(plain(links[0].textContent)).to.equal('https://example.fr/?q=<script>window.__pwnedMap=11</script>');
      await sleep(400); // openRecord zooms in with an animation: let it end before the map leaves the page
    });
  });

  describe('in a slide scaled by a CSS transform (reveal.js)', () => {
    const SCALED = 'width: 800px; transform: scale(0.5); transform-origin: top left';

    it('a real click on a marker opens the popup of that record, next to the marker', async () => {
      const el = await mapWith(
        { src: ODF, tiles: 'none', popup: 'nom, type', center: '48.11, -1.62', zoom: '11' },
        SCALED,
      );
      const box = mapBox(el).getBoundingClientRect();
      expect(box.width).to.be.closeTo(mapBox(el).offsetWidth / 2, 1);
      // The marker nearest the middle of the map (its popup needs no pan to fit).
      const [cx, cy] = centre(box);
      const marker = markers(el)
        .filter((m) => deepElementFromPoint(...centre(m.getBoundingClientRect())) === m)
        .sort((a, b) => {
          const [ax, ay] = centre(a.getBoundingClientRect());
          const [bx, by] = centre(b.getBoundingClientRect());
          return Math.hypot(ax - cx, ay - cy) - Math.hypot(bx - cx, by - cy);
        })[0];
      expect(marker, 'a marker hit at its own centre').to.exist;
      const [mx, my] = centre(marker.getBoundingClientRect());
      const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
      await clickAt(mx, my);
      const { record } = (await selected).detail;
      expect(String(record['nom'])).to.equal(marker.title);
      expect(plain(popupFields(el)['nom'])).to.equal(marker.title);
      // The popup's tip points at the marker, on screen.
      const tip = root(el).querySelector('.leaflet-popup-tip')!.getBoundingClientRect();
      const [tx] = centre(tip);
      expect(Math.abs(tx - mx), 'tip x vs marker x').to.be.lessThan(6);
      expect(Math.abs(tip.bottom - my), 'tip bottom vs marker centre').to.be.lessThan(12);
    });

    it('a real click on a point drawn on the canvas selects the point under the pointer', async () => {
      const el = await mapWith({ src: ODF, tiles: 'none', popup: 'nom, type', center: '46.5, 2.5', zoom: '6' }, SCALED);
      const map = leaflet(el);
      expect(root(el).querySelector('canvas'), 'points on the canvas').to.exist;
      // 'CA GRAND GUERET' (46.170889, 1.874464): no other record within 0.54°, ~24 px at zoom 6.
      const at = map.latLngToContainerPoint([46.170889, 1.874464]);
      const box = mapBox(el);
      const r = box.getBoundingClientRect();
      const x = r.left + (box.clientLeft + at.x) * (r.width / box.offsetWidth);
      const y = r.top + (box.clientTop + at.y) * (r.height / box.offsetHeight);
      const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
      await clickAt(x, y);
      const got = await Promise.race([selected, sleep(1500).then(() => undefined)]);
      expect(got, 'a vitrine-select after the click').to.exist;
      expect(String(got!.detail.record['nom'])).to.equal('CA GRAND GUERET');
      expect(plain(popupFields(el)['nom'])).to.equal('CA GRAND GUERET');
    });
  });

  describe('box size changes', () => {
    it('a map built in a display:none box sizes itself and fits the data once shown', async () => {
      const reference = await mapWith({ src: RENNES_GEOJSON, tiles: 'none' });
      const refZoom = leaflet(reference).getZoom();
      const refCenter = leaflet(reference).getCenter();
      const el = await mapWith({ src: RENNES_GEOJSON, tiles: 'none' }, 'width: 800px; display: none');
      const parent = el.parentElement!;
      parent.style.display = 'block';
      await frames(3);
      const map = leaflet(el);
      const box = mapBox(el);
      expect(box.clientWidth).to.be.greaterThan(0);
      expect(map.getSize().x).to.equal(box.clientWidth);
      expect(map.getSize().y).to.equal(box.clientHeight);
      const shown = markers(el).filter((m) => {
        const r = m.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.height > 0 &&
          r.left >= b.left &&
          r.right <= b.right &&
          r.top >= b.top &&
          r.bottom <= b.bottom
        );
      });
      expect(shown.length, 'markers on screen inside the map').to.equal(25);
      // The same view as a map that was visible from the start: the data fitted, not zoom 0.
      expect(map.getZoom()).to.equal(refZoom);
      expect(map.getCenter().distanceTo(refCenter)).to.be.lessThan(50);
    });

    it('follows the width of its box (400 px, then 900 px)', async () => {
      const el = await mapWith({ src: RENNES_GEOJSON, tiles: 'none' }, 'width: 400px');
      const map = leaflet(el);
      const box = mapBox(el);
      expect(map.getSize().x).to.equal(box.clientWidth);
      expect(box.clientWidth).to.be.lessThan(400);
      el.parentElement!.style.width = '900px';
      await frames(3);
      expect(box.clientWidth).to.be.greaterThan(800);
      expect(map.getSize().x).to.equal(box.clientWidth);
      expect(map.getSize().y).to.equal(box.clientHeight);
    });
  });

  it('100 connect/disconnect cycles leave one map and no observer or page listener behind', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '' });
    const parent = el.parentElement!;
    // Spies: live ResizeObservers, and listeners on window and document, added during the cycles.
    const observers = new Set<ResizeObserver>();
    const ro = ResizeObserver.prototype;
    const { observe, disconnect } = ro;
    ro.observe = function (this: ResizeObserver, ...args: Parameters<ResizeObserver['observe']>) {
      observers.add(this);
      return observe.apply(this, args);
    };
    ro.disconnect = function (this: ResizeObserver) {
      observers.delete(this);
      return disconnect.apply(this);
    };
    type Entry = { target: EventTarget; type: string; listener: unknown; capture: boolean };
    const live: Entry[] = [];
    const et = EventTarget.prototype;
    const { addEventListener: add, removeEventListener: remove } = et;
    const captureOf = (o?: boolean | AddEventListenerOptions) => (typeof o === 'boolean' ? o : !!o?.capture);
    const page = (t: EventTarget) =>
      t === window || t === document || t === document.documentElement || t === document.body;
    et.addEventListener = function (
      this: EventTarget,
      type: string,
      listener: unknown,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (page(this) && listener) {
        const capture = captureOf(options);
        if (
          !live.some((e) => e.target === this && e.type === type && e.listener === listener && e.capture === capture)
        ) {
          live.push({ target: this, type, listener, capture });
        }
      }
      return add.call(this, type, listener as EventListener, options);
    };
    et.removeEventListener = function (
      this: EventTarget,
      type: string,
      listener: unknown,
      options?: boolean | EventListenerOptions,
    ) {
      const capture = captureOf(options);
      const k = live.findIndex(
        (e) => e.target === this && e.type === type && e.listener === listener && e.capture === capture,
      );
      if (k >= 0) live.splice(k, 1);
      return remove.call(this, type, listener as EventListener, options);
    };
    let liveAt10 = -1;
    try {
      for (let i = 0; i < 100; i++) {
        el.remove();
        // (Leaflet leaves its classes on the box; its panes and controls go.)
        expect(root(el).querySelectorAll('.leaflet-pane, .leaflet-control-container').length, `removed ${i}`).to.equal(
          0,
        );
        const ready = oneEvent(el, 'vitrine-map-ready');
        parent.append(el);
        await ready;
        if (i === 9) liveAt10 = live.length;
      }
    } finally {
      Object.assign(ro, { observe, disconnect });
      Object.assign(et, { addEventListener: add, removeEventListener: remove });
    }
    expect(root(el).querySelectorAll('.leaflet-map-pane').length).to.equal(1);
    expect(root(el).querySelectorAll('.leaflet-container').length).to.equal(1);
    expect(root(el).querySelectorAll('.leaflet-control-container').length).to.equal(1);
    expect(root(el).querySelectorAll('.leaflet-marker-pane').length).to.equal(1);
    expect(document.querySelectorAll('.leaflet-container').length, 'nothing in the light DOM').to.equal(0);
    expect(observers.size, 'ResizeObservers still observing').to.be.at.most(1);
    expect(
      live.length,
      `page listeners left: ${live.map((e) => `${e.target === window ? 'window' : 'document'} ${e.type}`).join(', ')}`,
    ).to.equal(liveAt10);
    expect(live.length).to.be.at.most(2);
    expect(root(el).querySelectorAll('.vitrine-cluster').length).to.be.greaterThan(0);
  });

  describe('keyboard', () => {
    // Centred on ACIGNE (48.133181, -1.533969): its popup fits without a pan.
    const RENNES_VIEW = { src: ODF, tiles: 'none', popup: 'nom, type', center: '48.133181, -1.533969', zoom: '11' };

    it('a point marker is focusable and Enter opens its popup', async () => {
      const el = await mapWith(RENNES_VIEW);
      const marker = markerTitled(el, 'ACIGNE');
      expect(marker.getAttribute('tabindex')).to.equal('0');
      marker.focus();
      expect(root(el).activeElement === marker, 'the marker has focus').to.equal(true);
      await sendKeys({ press: 'Enter' });
      expect(plain(popupFields(el)['nom'])).to.equal('ACIGNE');
    });

    it('Enter on a point fires vitrine-select with its record, as a click does', async () => {
      const el = await mapWith(RENNES_VIEW);
      const marker = markerTitled(el, 'ACIGNE');
      marker.focus();
      let detail: VitrineSelectEvent['detail'] | undefined;
      el.addEventListener('vitrine-select', (e) => (detail = e.detail), { once: true });
      await sendKeys({ press: 'Enter' });
      expect(detail, 'vitrine-select after Enter').to.exist;
      expect(detail!.index).to.equal(0); // ACIGNE is the first record of the observatory
    });

    it('Escape closes the popup opened from a focused marker', async () => {
      const el = await mapWith(RENNES_VIEW);
      const marker = markerTitled(el, 'ACIGNE');
      marker.focus();
      await sendKeys({ press: 'Enter' });
      expect(popups(el)).to.equal(1);
      await sendKeys({ press: 'Escape' });
      await sleep(300); // Leaflet fades a closed popup out for 200 ms
      expect(popups(el), 'popup after Escape').to.equal(0);
    });

    it('the focused marker keeps the focus when the map redraws (here after a small pan)', async () => {
      const el = await mapWith(RENNES_VIEW);
      markerTitled(el, 'ACIGNE').focus();
      leaflet(el).panBy([5, 0], { animate: false });
      await frames(1);
      const active = root(el).activeElement as HTMLElement | null;
      expect(active?.title ?? '(the focus left the map)').to.equal('ACIGNE');
    });

    it('the map box is focusable; + and - zoom, arrows pan, Escape closes a popup', async () => {
      const el = await mapWith(RENNES_VIEW);
      const map = leaflet(el);
      const container = map.getContainer();
      expect(container === mapBox(el), 'the Leaflet container is the map part').to.equal(true);
      expect(container.tabIndex).to.equal(0);
      container.focus();
      expect(root(el).activeElement === container, 'the map box has focus').to.equal(true);
      const z = map.getZoom();
      let end = leafletOnce(map, 'zoomend');
      await sendKeys({ press: '+' });
      await end;
      expect(map.getZoom()).to.equal(z + 1);
      end = leafletOnce(map, 'zoomend');
      await sendKeys({ press: '-' });
      await end;
      expect(map.getZoom()).to.equal(z);
      const before = map.getCenter();
      end = leafletOnce(map, 'moveend');
      await sendKeys({ press: 'ArrowRight' });
      await end;
      expect(map.getCenter().lng).to.be.greaterThan(before.lng);
      el.openRecord(0);
      container.focus();
      expect(popups(el)).to.equal(1);
      await sendKeys({ press: 'Escape' });
      await sleep(300);
      expect(popups(el), 'popup after Escape').to.equal(0);
    });
  });

  it('a popup opened near the edge stays open after the map pans to show it', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', popup: 'nom, type', center: '48.11, -1.62', zoom: '11' });
    const map = leaflet(el);
    // ACIGNE brought 20 px under the top edge: its popup does not fit above it, Leaflet pans the map.
    const at = map.latLngToContainerPoint([48.133181, -1.533969]);
    map.panBy([0, at.y - 20], { animate: false });
    const marker = markerTitled(el, 'ACIGNE');
    expect(marker.getBoundingClientRect().top - mapBox(el).getBoundingClientRect().top).to.be.lessThan(30);
    const moved = leafletOnce(map, 'moveend');
    marker.click();
    expect(plain(popupFields(el)['nom']), 'popup right after the click').to.equal('ACIGNE');
    await Promise.race([moved, sleep(1000)]);
    await sleep(300);
    expect(popups(el), 'popups after the pan').to.equal(1);
    expect(plain(popupFields(el)['nom']), 'popup after the pan').to.equal('ACIGNE');
  });

  it('clicking a point while the map is still panning opens its popup without an exception', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', popup: 'nom, type', center: '48.11, -1.62', zoom: '11' });
    const map = leaflet(el);
    const { errors, stop } = pageErrors();
    try {
      map.panBy([120, 40], { animate: true, duration: 1 });
      const anim = (map as unknown as { _panAnim?: { _inProgress: boolean } })._panAnim;
      expect(!!anim?._inProgress, 'panning').to.equal(true);
      let thrown: unknown;
      try {
        markerTitled(el, 'ACIGNE').click();
      } catch (e) {
        thrown = e;
      }
      await sleep(300);
      expect(String(thrown ?? ''), 'exception from the click').to.equal('');
      expect(errors, 'uncaught errors').to.deep.equal([]);
      expect(plain(popupFields(el)['nom'])).to.equal('ACIGNE');
    } finally {
      stop();
    }
  });

  it('leaving the page during a zoom animation throws nothing afterwards', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', center: '48.11, -1.62', zoom: '9' });
    const map = leaflet(el);
    const { errors, stop } = pageErrors();
    try {
      map.setZoom(10); // animated: Leaflet ends the zoom 250 ms later, in a timer
      await frames(1);
      el.remove();
      await sleep(400);
    } finally {
      stop();
    }
    expect(errors, 'uncaught errors after the removal').to.deep.equal([]);
  });

  describe('axe', () => {
    it('a loaded, clustered IRVE map', async () => {
      const el = await mapWith({ src: IRVE, tiles: 'none', cluster: '', label: 'Bornes de recharge' });
      await expect(el).to.be.accessible();
    });

    it('a map with an open popup', async () => {
      const el = await mapWith({ src: IRVE, tiles: 'none', cluster: '', label: 'Bornes de recharge' });
      el.openRecord(1606);
      expect(root(el).querySelector('.vitrine-popup')).to.exist;
      await expect(el).to.be.accessible();
    });
  });
});

/**
 * <vitrine-map> as a PNG image (exportPng and its button) and the map's part of presentation mode
 * (--vitrine-mark-scale, --vitrine-font-size). The image is decoded and its pixels read where the
 * fixture's features fall: areas (at a point well inside each département of the GeoJSON),
 * markers and cluster bubbles (at their projected positions), the legend's colours, and tiles
 * from this origin, from another origin with CORS headers, and from one without (left out).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type * as L from 'leaflet';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import { CATEGORICAL } from '../../src/components/map/thematic.ts';
import { crossOrigin, failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const DEPARTEMENTS = '/test/fixtures/geo/departements-version-simplifiee.geojson';
/** A raster image the test servers can serve (a PNG with transparent parts): our "tile". */
const TILE = '/node_modules/leaflet/dist/images/layers.png';
/** The map's background (--vitrine-map-background) and the frame drawn around the map in the image. */
const BACKGROUND: RGB = [0xee, 0xf1, 0xf4];
const FRAME: RGB = [0xdd, 0xdd, 0xdd];

type RGB = [number, number, number];

/** A <vitrine-map> in an 800 px box, once its Leaflet map is drawn (or its error shown). */
async function mapWith(attrs: Record<string, string>, style = ''): Promise<VitrineMap> {
  const el = document.createElement('vitrine-map');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (style) el.style.cssText = style;
  const ready = Promise.race([oneEvent(el, 'vitrine-map-ready'), oneEvent(el, 'vitrine-error')]);
  const parent = await fixture(html`<div style="width: 800px"></div>`);
  parent.append(el);
  await ready;
  await el.updateComplete;
  return el;
}

const leaflet = (el: VitrineMap) => el.leafletMap as L.Map;

/** The points drawn on the canvas renderer (circle markers), in the order they are drawn. */
function circleMarkers(el: VitrineMap): L.CircleMarker[] {
  const out: L.CircleMarker[] = [];
  leaflet(el).eachLayer((l) => {
    if ('getRadius' in l) out.push(l as L.CircleMarker);
  });
  return out;
}
const box = (el: VitrineMap) => root(el).querySelector<HTMLElement>('[part="map"]')!;

/** A decoded image, its pixels readable. */
interface Picture {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

async function decode(blob: Blob): Promise<Picture> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
}

function pixel(p: Picture, x: number, y: number): RGB {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return [p.data[i], p.data[i + 1], p.data[i + 2]];
}

const near = (a: RGB, b: RGB, tolerance = 2) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

function hex(color: string): RGB {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) throw new Error(`not a hex colour: ${color}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function cssRgb(color: string): RGB {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (!m) throw new Error(`not an rgb colour: ${color}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A colour drawn with an opacity over another. */
const over = (top: RGB, under: RGB, alpha: number): RGB =>
  top.map((v, i) => Math.round(alpha * v + (1 - alpha) * under[i])) as RGB;

/**
 * The map's place in the image, inside the frame drawn around it: the rows and columns where the
 * frame's grey runs over most of the width or height.
 */
function mapFrame(p: Picture): { x0: number; y0: number; x1: number; y1: number } {
  const rows: number[] = [];
  for (let y = 0; y < p.height; y++) {
    let n = 0;
    for (let x = 0; x < p.width; x++) if (near(pixel(p, x, y), FRAME, 0)) n++;
    if (n > p.width / 2) rows.push(y);
  }
  expect(rows.length, 'the frame of the map').to.be.greaterThan(1);
  const top = rows[0];
  const bottom = rows[rows.length - 1];
  const cols: number[] = [];
  for (let x = 0; x < p.width; x++) {
    let n = 0;
    for (let y = top; y <= bottom; y++) if (near(pixel(p, x, y), FRAME, 0)) n++;
    if (n > (bottom - top) / 2) cols.push(x);
  }
  const edge = (list: number[], from: number, step: 1 | -1) => {
    let i = from;
    while (list[i + step] === list[i] + step) i += step;
    return list[i];
  };
  return {
    x0: edge(cols, 0, 1) + 1,
    y0: edge(rows, 0, 1) + 1,
    x1: edge(cols, cols.length - 1, -1) - 1,
    y1: edge(rows, rows.length - 1, -1) - 1,
  };
}

/** Where a point of the map box (CSS px) lands in the image. */
function locate(p: Picture, el: VitrineMap) {
  const frame = mapFrame(p);
  const scale = (frame.x1 - frame.x0 + 1) / box(el).clientWidth;
  return { frame, scale, at: (x: number, y: number) => pixel(p, frame.x0 + x * scale, frame.y0 + y * scale) };
}

/**
 * A point well inside a feature of the GeoJSON, in px of the map box: on a grid over the largest
 * ring, the inside point farthest from its edges.
 */
function insidePoint(map: L.Map, geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): { x: number; y: number } {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = polygons.map((poly) => poly[0].map(([lon, lat]) => map.latLngToContainerPoint([lat, lon])));
  const ring = rings.reduce((a, b) => (b.length > a.length ? b : a));
  const xs = ring.map((q) => q.x);
  const ys = ring.map((q) => q.y);
  const inside = (x: number, y: number) => {
    let c = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) c = !c;
    }
    return c;
  };
  const edgeDistance = (x: number, y: number) => {
    let d = Infinity;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy || 1)));
      d = Math.min(d, Math.hypot(x - a.x - t * dx, y - a.y - t * dy));
    }
    return d;
  };
  let best = { x: NaN, y: NaN, d: -1 };
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 1; i < 30; i++) {
    for (let j = 1; j < 30; j++) {
      const x = minX + ((maxX - minX) * i) / 30;
      const y = minY + ((maxY - minY) * j) / 30;
      if (!inside(x, y)) continue;
      const d = edgeDistance(x, y);
      if (d > best.d) best = { x, y, d };
    }
  }
  expect(best.d, 'a point well inside the feature').to.be.greaterThan(4);
  return best;
}

/** The buttons' downloads: names and blobs, while `run` goes. */
async function downloads(run: () => Promise<void> | void, count = 1): Promise<{ name: string; blob: Blob }[]> {
  const saved: { name: string; href: string }[] = [];
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  };
  try {
    await run();
    await until(() => saved.length >= count, 'a download');
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  return Promise.all(saved.map(async (s) => ({ name: s.name, blob: await (await fetch(s.href)).blob() })));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('<vitrine-map> PNG export', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  describe('a choropleth of the observatory per département', () => {
    let el: VitrineMap;
    let picture: Picture;
    let blob: Blob;
    let features: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string; nom: string }>[];
    const holder = document.createElement('div');
    before(async () => {
      resetCache();
      holder.style.width = '800px';
      document.body.append(holder);
      el = document.createElement('vitrine-map');
      const attrs = { src: ODF, areas: DEPARTEMENTS, join: 'depcode', tiles: 'none', label: 'Collectivités' };
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      const ready = oneEvent(el, 'vitrine-map-ready');
      holder.append(el);
      await ready;
      blob = await el.exportPng();
      picture = await decode(blob);
      features = (await (await fetch(DEPARTEMENTS)).json()).features;
    });
    after(() => holder.remove());

    it('is a PNG at twice the size of the map on screen, with margins', async () => {
      expect(blob.type).to.equal('image/png');
      const bytes = [...new Uint8Array(await blob.arrayBuffer()).slice(0, 8)];
      expect(bytes).to.deep.equal(PNG_SIGNATURE);
      const map = box(el);
      const { frame, scale } = locate(picture, el);
      expect(scale).to.equal(Math.max(2, Math.min(4, devicePixelRatio)));
      expect(frame.x1 - frame.x0 + 1).to.equal(map.clientWidth * scale);
      expect(frame.y1 - frame.y0 + 1).to.equal(map.clientHeight * scale);
      // 16 px of margin on each side.
      expect(picture.width).to.equal((map.clientWidth + 32) * scale);
      expect(picture.height).to.be.greaterThan((map.clientHeight + 32) * scale);
    });

    it('colours each département as on the map, where the GeoJSON puts it', () => {
      const map = leaflet(el);
      const { at } = locate(picture, el);
      // python: 35 → 30 rows, 01 → 3, 2A → 5 (see map-areas.test.ts).
      for (const [code, label] of [
        ['35', 'Ille-et-Vilaine : 30'],
        ['01', 'Ain : 3'],
        ['2A', 'Corse-du-Sud : 5'],
      ]) {
        const path = root(el).querySelector(`path.vitrine-area[aria-label="${label}"]`)!;
        const fill = hex(path.getAttribute('fill')!);
        const feature = features.find((f) => f.properties.code === code)!;
        const { x, y } = insidePoint(map, feature.geometry);
        // Areas are filled at 85 % over the map's background.
        expect(near(at(x, y), over(fill, BACKGROUND, 0.85), 3), `${label}: ${at(x, y)} vs ${fill}`).to.equal(true);
      }
      // Different classes, different colours.
      const rennes = insidePoint(map, features.find((f) => f.properties.code === '35')!.geometry);
      const ain = insidePoint(map, features.find((f) => f.properties.code === '01')!.geometry);
      expect(near(at(rennes.x, rennes.y), at(ain.x, ain.y), 10)).to.equal(false);
    });

    it('hatches the départements without data, and leaves the background around', () => {
      const map = leaflet(el);
      const { at, frame, scale } = locate(picture, el);
      const empty = [...root(el).querySelectorAll('path.vitrine-area')].filter((p) =>
        p.getAttribute('fill')!.startsWith('url('),
      );
      // python: 94 of the 96 départements have rows.
      expect(empty).to.have.length(2);
      for (const path of empty) {
        const name = path.getAttribute('aria-label')!.split(' : ')[0];
        const feature = features.find((f) => f.properties.nom === name)!;
        const { x, y } = insidePoint(map, feature.geometry);
        const shades = [];
        for (let dx = -4; dx <= 4; dx += 0.5) for (let dy = -4; dy <= 4; dy += 0.5) shades.push(at(x + dx, y + dy)[0]);
        expect(Math.max(...shades), `${name}: light hatch`).to.be.greaterThan(225);
        expect(Math.min(...shades), `${name}: dark hatch`).to.be.lessThan(190);
      }
      // The corners of the view are the map's background.
      expect(at(2, 2)).to.deep.equal(BACKGROUND);
      expect(pixel(picture, frame.x1 - 2 * scale, frame.y1 - 2 * scale)).to.deep.equal(BACKGROUND);
    });

    it('draws the legend under the map: every class in its colour', () => {
      const { frame } = locate(picture, el);
      const colours = [...root(el).querySelectorAll<HTMLElement>('[part="legend"] .swatch:not(.no-data)')].map((s) =>
        cssRgb(s.style.background),
      );
      expect(colours.length).to.be.within(3, 5);
      const below = new Set<string>();
      for (let y = frame.y1 + 2; y < picture.height; y++) {
        for (let x = 0; x < picture.width; x++) below.add(pixel(picture, x, y).join());
      }
      for (const c of colours) expect(below.has(c.join()), `legend colour ${c}`).to.equal(true);
    });
  });

  it('draws the cluster bubbles and the points where they are, in their colours', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '', 'color-by': 'type' });
    const picture = await decode(await el.exportPng());
    const { at } = locate(picture, el);
    const map = leaflet(el);
    type Mark = { x: number; y: number; r: number; el: HTMLElement; cluster: boolean };
    const marks: Mark[] = [];
    map.eachLayer((layer) => {
      const m = layer as L.Marker;
      const icon = m.options?.icon?.options as L.DivIconOptions | undefined;
      const e = icon && m.getElement?.();
      if (!e) return;
      const p = map.latLngToContainerPoint(m.getLatLng());
      const size = (icon.iconSize as [number, number])[0];
      marks.push({ x: p.x, y: p.y, r: size / 2, el: e, cluster: e.classList.contains('vitrine-cluster') });
    });
    const clusters = marks.filter((m) => m.cluster);
    const points = marks.filter((m) => !m.cluster);
    expect(clusters.length).to.be.greaterThan(10);
    expect(points.length).to.be.greaterThan(3);
    // Inside a bubble, above its count; at the centre of a point; where no other mark covers it.
    const sample = (m: Mark) => (m.cluster ? { x: m.x, y: m.y - 0.6 * (m.r - 3) } : { x: m.x, y: m.y });
    const alone = (m: Mark) => {
      const s = sample(m);
      return marks.every((o) => o === m || Math.hypot(o.x - s.x, o.y - s.y) > o.r + 2);
    };
    let checked = { clusters: 0, points: 0 };
    for (const m of marks.filter(alone)) {
      const { x, y } = sample(m);
      const expected = cssRgb(getComputedStyle(m.el).backgroundColor);
      expect(near(at(x, y), expected), `${m.el.className} at ${x},${y}: ${at(x, y)} vs ${expected}`).to.equal(true);
      if (m.cluster) checked = { ...checked, clusters: checked.clusters + 1 };
      else {
        // The colour of the point's category (class c0…c7 → the palette).
        const k = /\bc(\d)\b/.exec(m.el.className);
        if (k) expect(expected).to.deep.equal(hex(CATEGORICAL[Number(k[1])]));
        checked = { ...checked, points: checked.points + 1 };
      }
    }
    expect(checked.clusters).to.be.greaterThan(5);
    expect(checked.points).to.be.greaterThan(2);
    // The bubbles' colour is the page's.
    expect(cssRgb(getComputedStyle(clusters[0].el).backgroundColor)).to.deep.equal([0x00, 0x5b, 0x8f]);
  });

  it('draws the points of the canvas renderer (hundreds in view) over the background shapes', async () => {
    const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, tiles: 'none', 'color-by': 'type' });
    const map = leaflet(el);
    const circles = circleMarkers(el);
    expect(circles.length, 'points drawn on the canvas').to.be.greaterThan(400);
    const picture = await decode(await el.exportPng());
    const { at } = locate(picture, el);
    const palette = new Set([...CATEGORICAL, '#6b6b6b'].map((c) => hex(c).join()));
    const centres = circles.map((c) => map.latLngToContainerPoint(c.getLatLng()));
    const { clientWidth, clientHeight } = box(el);
    let seen = 0;
    circles.forEach((c, i) => {
      const p = centres[i];
      if (p.x < 2 || p.y < 2 || p.x > clientWidth - 2 || p.y > clientHeight - 2) return;
      // Points drawn later (on top) that cover this centre hide it.
      if (centres.slice(i + 1).some((q, j) => Math.hypot(q.x - p.x, q.y - p.y) <= circles[i + 1 + j].getRadius() + 2)) {
        return;
      }
      const fill = hex(c.options.fillColor!);
      expect(palette.has(fill.join())).to.equal(true);
      // 90 % over whatever is under (a background shape, the map's background, an earlier point):
      // each channel between 90 % of the fill's over black and over white.
      const got = at(p.x, p.y);
      const lowest = over(fill, [0, 0, 0], 0.9);
      const highest = over(fill, [255, 255, 255], 0.9);
      const inRange = got.every((v, k) => v >= lowest[k] - 2 && v <= highest[k] + 2);
      expect(inRange, `${got} vs ${fill}`).to.equal(true);
      seen++;
    });
    expect(seen).to.be.greaterThan(100);
  });

  it('on the page too, the points of the canvas are stacked above the background shapes', async () => {
    const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, tiles: 'none' });
    const paneOf = (node: Element) => node.closest('.leaflet-pane')!;
    const shapes = paneOf(root(el).querySelector('path.vitrine-background')!);
    const points = paneOf(root(el).querySelector('canvas')!);
    // Sibling panes of the map pane: the higher z-index is drawn on top.
    expect(shapes.parentElement).to.equal(points.parentElement);
    expect(Number(getComputedStyle(points).zIndex)).to.be.greaterThan(Number(getComputedStyle(shapes).zIndex));
  });

  it('with tiles="none", exports offline: no request at all', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '' });
    const before = performance.getEntriesByType('resource').length;
    const picture = await decode(await el.exportPng());
    expect(performance.getEntriesByType('resource').length).to.equal(before);
    expect(locate(picture, el).at(3, 3)).to.deep.equal(BACKGROUND);
  });

  describe('tiles', () => {
    /** Pixels of the map's view (CSS px grid) that are not its plain background. */
    async function tilePixels(el: VitrineMap): Promise<number> {
      const picture = await decode(await el.exportPng());
      const { at } = locate(picture, el);
      let n = 0;
      for (let x = 0; x < box(el).clientWidth; x += 4) {
        for (let y = 0; y < box(el).clientHeight; y += 4) if (!near(at(x, y), BACKGROUND)) n++;
      }
      return n;
    }

    // Far from every point: only tiles in view.
    const OCEAN = { src: ODF, center: '40, -35', zoom: '5' };

    async function tiledMap(url: string): Promise<VitrineMap> {
      const el = await mapWith({ ...OCEAN, tiles: url, attribution: 'Tuiles de test' });
      await until(() => root(el).querySelector('img.leaflet-tile-loaded'), 'a tile shown on the map');
      return el;
    }

    it('draws tiles of the page’s own origin', async () => {
      const el = await tiledMap(TILE);
      expect(await tilePixels(el)).to.be.greaterThan(200);
    });

    it('draws tiles of another origin that allows it (CORS)', async () => {
      const el = await tiledMap(`${await crossOrigin()}/cors${TILE}`);
      expect(await tilePixels(el)).to.be.greaterThan(200);
    });

    it('leaves out tiles of another origin without CORS headers: the map shows them, the image does not', async () => {
      const el = await tiledMap(`${await crossOrigin()}/nocors${TILE}`);
      // On the map, the tiles are there (an image without CORS may be shown, not read).
      const tile = root(el).querySelector<HTMLImageElement>('img.leaflet-tile-loaded')!;
      expect(tile.naturalWidth).to.be.greaterThan(0);
      // The export neither fails nor is tainted: it is a PNG of the map without its tiles.
      expect(await tilePixels(el)).to.equal(0);
    });
  });

  describe('the button', () => {
    it('downloads the PNG under a name made from the label', async () => {
      const el = await mapWith({ src: ODF, tiles: 'none', cluster: '', label: 'Collectivités ouvertes' });
      const button = root(el).querySelector<HTMLButtonElement>('button[part="export"]')!;
      expect(button.closest('[part="actions"]')).to.exist;
      expect(plain(button.textContent)).to.equal('Télécharger l’image (PNG)');
      const [saved] = await downloads(() => button.click());
      expect(saved.name).to.equal('collectivites-ouvertes.png');
      const bytes = [...new Uint8Array(await saved.blob.arrayBuffer()).slice(0, 8)];
      expect(bytes).to.deep.equal(PNG_SIGNATURE);
      const image = await createImageBitmap(saved.blob);
      expect(image.width).to.equal((box(el).clientWidth + 32) * Math.max(2, Math.min(4, devicePixelRatio)));
    });

    it('is reached with Tab after the list button and works with Enter', async () => {
      const el = await mapWith({ src: ODF, tiles: 'none', cluster: '', label: 'Observatoire' });
      root(el).querySelector<HTMLButtonElement>('[part="list-toggle"]')!.focus();
      await sendKeys({ press: 'Tab' });
      const focused = root(el).activeElement as HTMLElement;
      expect(focused.getAttribute('part')).to.equal('export');
      expect(focused.tagName).to.equal('BUTTON');
      const [saved] = await downloads(() => sendKeys({ press: 'Enter' }));
      expect(saved.name).to.equal('observatoire.png');
      await expect(el).to.be.accessible();
    });

    it('controls="none" hides the buttons, controls="list" keeps only the list, a bad name is a config error', async () => {
      const none = await mapWith({ src: ODF, tiles: 'none', controls: 'none' });
      expect(root(none).querySelector('[part="actions"]')).to.equal(null);
      expect(root(none).querySelector('#list')).to.equal(null);
      const list = await mapWith({ src: ODF, tiles: 'none', controls: 'list' });
      expect(root(list).querySelector('[part="list-toggle"]')).to.exist;
      expect(root(list).querySelector('[part="export"]')).to.equal(null);
      // The element still exports from JavaScript.
      expect((await list.exportPng()).type).to.equal('image/png');
      const bad = await mapWith({ src: ODF, tiles: 'none', controls: 'list, imprimer' });
      const alert = plain(root(bad).querySelector('[role="alert"]')!.textContent);
      expect(alert).to.include('imprimer');
      expect(alert).to.include('export');
    });
  });

  it('rejects when there is no map (an error shown instead)', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', controls: 'bogus' });
    let error: unknown;
    await el.exportPng().catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });
});

describe('<vitrine-map> presentation: --vitrine-mark-scale and --vitrine-font-size', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  const radii = (el: VitrineMap) => circleMarkers(el).map((c) => c.getRadius());

  it('--vitrine-mark-scale: 2 doubles the radius of the points on the canvas, and the outlines of areas', async () => {
    const plainMap = await mapWith({ src: ODF, tiles: 'none' });
    const scaled = await mapWith({ src: ODF, tiles: 'none' }, '--vitrine-mark-scale: 2');
    const one = radii(plainMap);
    const two = radii(scaled);
    expect(one.length).to.be.greaterThan(400);
    expect(new Set(one)).to.deep.equal(new Set([6]));
    expect(new Set(two)).to.deep.equal(new Set([12]));
    const areas = await mapWith(
      { src: ODF, areas: DEPARTEMENTS, join: 'depcode', tiles: 'none' },
      '--vitrine-mark-scale: 2',
    );
    expect(Number(root(areas).querySelector('path.vitrine-area')!.getAttribute('stroke-width'))).to.be.closeTo(
      1.2,
      1e-9,
    );
  });

  it('follows the presentation attribute: markers, cluster bubbles and their count 1.75 times larger, and back', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '', center: '48.11, -1.68', zoom: '9' });
    const sizes = (selector: string) =>
      [...root(el).querySelectorAll<HTMLElement>(selector)]
        .map((m) => m.getBoundingClientRect().width)
        .sort((a, b) => a - b);
    const font = () => parseFloat(getComputedStyle(root(el).querySelector('.vitrine-cluster')!).fontSize);
    const points = sizes('.vitrine-point');
    const bubbles = sizes('.vitrine-cluster');
    const text = font();
    expect(points.length, 'points as markers').to.be.greaterThan(0);
    expect(new Set(points)).to.deep.equal(new Set([12]));
    expect(bubbles.length, 'cluster bubbles').to.be.greaterThan(0);
    el.presentation = true;
    // Presentation mode: --vitrine-mark-scale 1.75 (host.styles.ts); sizes are whole pixels.
    await until(() => sizes('.vitrine-point')[0] === 21, 'larger points');
    expect(sizes('.vitrine-point')).to.deep.equal(points.map((w) => Math.round(w * 1.75)));
    expect(sizes('.vitrine-cluster')).to.deep.equal(bubbles.map((w) => Math.round(w * 1.75)));
    expect(font()).to.be.closeTo(1.75 * text, 0.01);
    el.removeAttribute('presentation');
    await until(() => sizes('.vitrine-point')[0] === 12, 'points back to their size');
    expect(sizes('.vitrine-cluster')).to.deep.equal(bubbles);
    expect(font()).to.be.closeTo(text, 0.01);
  });

  it('in presentation mode, the size legend grows with the points', async () => {
    const attrs = { src: ODF, tiles: 'none', 'size-by': 'pop_insee', center: '48.11, -1.68', zoom: '9' };
    const radius = (el: VitrineMap) =>
      Math.max(...[...root(el).querySelectorAll('.size-circle')].map((c) => Number(c.getAttribute('r'))));
    const normal = await mapWith(attrs);
    const large = await mapWith({ ...attrs, presentation: '' });
    // The largest value gets the largest circle: 24 px (MAX_RADIUS), times the mark scale.
    expect(radius(normal)).to.equal(24);
    expect(radius(large)).to.equal(24 * 1.75);
  });

  it('--vitrine-font-size sets the size of the legend, the buttons, the zoom buttons and the popups', async () => {
    const normal = await mapWith({ src: ODF, tiles: 'none', 'color-by': 'type', center: '48.11, -1.68', zoom: '11' });
    const large = await mapWith(
      { src: ODF, tiles: 'none', 'color-by': 'type', center: '48.11, -1.68', zoom: '11' },
      '--vitrine-font-size: 24px',
    );
    const size = (el: VitrineMap, selector: string) =>
      parseFloat(getComputedStyle(root(el).querySelector(selector)!).fontSize);
    for (const selector of [
      '[part="legend"] li',
      '[part="export"]',
      '.leaflet-container',
      '.leaflet-control-zoom-in',
    ]) {
      expect(size(large, selector) / size(normal, selector), selector).to.be.closeTo(1.5, 0.01);
    }
    const zoom = (el: VitrineMap) => root(el).querySelector<HTMLElement>('.leaflet-control-zoom-in')!.offsetWidth;
    expect(zoom(normal)).to.be.within(31, 33);
    expect(zoom(large) / zoom(normal)).to.be.closeTo(1.5, 0.05);
    large.openRecord(large.rows.findIndex((r) => /rennes/i.test(String(r['nom']))));
    expect(size(large, '.leaflet-popup-content') / size(normal, '.leaflet-container')).to.be.closeTo(1.5, 0.01);
  });
});

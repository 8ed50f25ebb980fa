/**
 * The current view of a Leaflet map painted on a 2D canvas, for the PNG export of `<vitrine-map>`:
 * tiles (when their server allows a page to read them), background shapes and areas, points on
 * the canvas renderer, then the DOM markers (points and cluster bubbles) redrawn from their
 * positions and computed styles. Nothing of the DOM is rasterised through an SVG foreignObject
 * (that would taint the canvas); vectors are projected and drawn again, sharp at any scale.
 *
 * Loaded with leaflet-view.ts (only when a map is on the page). Popups and the map's controls are
 * left out: the export shows the map, its legend and its sources, not the interface.
 */
import L from 'leaflet';
import { NO_DATA_HATCH } from './hatch.ts';

/** What the painter needs of the map's layers, bottom to top. */
export interface PaintLayers {
  tiles?: L.TileLayer;
  /** Vector layers drawn in the overlay pane (background shapes, areas), in this order. */
  vectors: (L.Layer | undefined)[];
  /** The points: circle markers on the canvas renderer, markers with div icons. */
  points: L.LayerGroup;
  /** Proportional circles: the largest are drawn first (as on the map). */
  sized: boolean;
}

/** How the tiles went: drawn, none (no tile layer), or left out (a tile could not be read). */
export type TileOutcome = 'drawn' | 'none' | 'left-out';

/** How long a tile may take to load again with CORS before the tiles are left out. */
const TILE_TIMEOUT = 8000;

/**
 * Paints the map's view on `ctx`, whose transform is in CSS px of the map box (origin at its top
 * left corner, inside the border), `scale` device pixels per CSS px.
 */
export async function paintMap(
  map: L.Map,
  layers: PaintLayers,
  ctx: CanvasRenderingContext2D,
  scale: number,
): Promise<TileOutcome> {
  const container = map.getContainer();
  const width = container.clientWidth;
  const height = container.clientHeight;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  ctx.fillStyle = getComputedStyle(container).backgroundColor || '#eef1f4';
  ctx.fillRect(0, 0, width, height);
  let tiles: TileOutcome = 'none';
  if (layers.tiles) {
    const canvas = await tileCanvas(container, layers.tiles, width, height, scale);
    tiles = canvas ? 'drawn' : 'left-out';
    if (canvas) ctx.drawImage(canvas, 0, 0, width, height);
  }
  for (const layer of layers.vectors) if (layer) paintVectors(map, layer, ctx, scale);
  paintCircles(map, layers.points, layers.sized, ctx);
  paintMarkers(map, layers.points, ctx);
  ctx.restore();
  return tiles;
}

// ---- tiles ------------------------------------------------------------------------------------

/**
 * The loaded tiles on a canvas of their own, where the person sees them; undefined when one of
 * them cannot be read by the page (a server without CORS headers): the tiles are then left out
 * rather than make the whole image unreadable (a tainted canvas cannot be exported).
 */
async function tileCanvas(
  container: HTMLElement,
  layer: L.TileLayer,
  width: number,
  height: number,
  scale: number,
): Promise<HTMLCanvasElement | undefined> {
  if (layer.isLoading()) await settled(layer);
  const imgs = [...(layer.getContainer()?.querySelectorAll<HTMLImageElement>('img.leaflet-tile-loaded') ?? [])];
  // Zoom levels are stacked by z-index (the current one on top), whatever their DOM order.
  const level = (img: HTMLImageElement) => Number(img.parentElement?.style.zIndex) || 0;
  imgs.sort((a, b) => level(a) - level(b));
  // Positions as laid out (zoom transforms included), in CSS px of the map box: a page that
  // scales the map (a slide deck's transform) scales these rectangles too, hence `k`.
  const box = container.getBoundingClientRect();
  const k = box.width / (container.offsetWidth || 1) || 1;
  const placed = imgs
    .map((img) => {
      const r = img.getBoundingClientRect();
      return {
        img,
        x: (r.left - box.left) / k - container.clientLeft,
        y: (r.top - box.top) / k - container.clientTop,
        w: r.width / k,
        h: r.height / k,
      };
    })
    .filter((t) => t.x < width && t.y < height && t.x + t.w > 0 && t.y + t.h > 0);
  const readable = await Promise.all(placed.map((t) => readableImage(t.img)));
  if (readable.some((img) => !img)) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  const opacity = layer.options.opacity ?? 1;
  ctx.globalAlpha = opacity;
  placed.forEach((t, i) => ctx.drawImage(readable[i]!, t.x, t.y, t.w, t.h));
  // A redirect to another origin, or anything else that escaped the checks, shows here.
  return readableCanvas(canvas) ? canvas : undefined;
}

/** Waits for a tile layer to finish loading (or for a while, with a slow server). */
function settled(layer: L.TileLayer): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      layer.off('load', done);
      resolve();
    };
    const timer = setTimeout(done, TILE_TIMEOUT);
    layer.on('load', done);
  });
}

/**
 * An image of the tile that a canvas may read: the tile itself when it came from the page's own
 * origin (or was loaded with CORS), else the same URL loaded again with CORS (the browser's cache
 * usually answers); undefined when the server does not allow it.
 */
function readableImage(img: HTMLImageElement): Promise<HTMLImageElement | undefined> {
  const src = img.currentSrc || img.src;
  let url: URL;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    return Promise.resolve(undefined);
  }
  if (img.crossOrigin !== null || url.origin === location.origin || url.protocol === 'data:') {
    return Promise.resolve(img);
  }
  return new Promise((resolve) => {
    const copy = new Image();
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      copy.onload = copy.onerror = null;
      resolve(ok ? copy : undefined);
    };
    const timer = setTimeout(() => finish(false), TILE_TIMEOUT);
    copy.crossOrigin = 'anonymous';
    copy.onload = () => finish(true);
    copy.onerror = () => finish(false);
    copy.src = url.href;
  });
}

/** False for a canvas that something of another origin tainted. */
function readableCanvas(canvas: HTMLCanvasElement): boolean {
  try {
    canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    return true;
  } catch {
    return false;
  }
}

// ---- vectors ----------------------------------------------------------------------------------

/** The hatch pattern of areas without data, at the scale of the image. */
function hatch(ctx: CanvasRenderingContext2D, scale: number): CanvasPattern | string {
  const { size, background, stroke } = NO_DATA_HATCH;
  const tile = document.createElement('canvas');
  tile.width = tile.height = Math.max(1, Math.round(size * scale));
  const t = tile.getContext('2d')!;
  t.scale(tile.width / size, tile.height / size);
  t.fillStyle = background;
  t.fillRect(0, 0, size, size);
  t.strokeStyle = stroke;
  t.lineWidth = 1;
  t.beginPath();
  t.moveTo(-1, 1);
  t.lineTo(1, -1);
  t.moveTo(0, size);
  t.lineTo(size, 0);
  t.moveTo(size - 1, size + 1);
  t.lineTo(size + 1, size - 1);
  t.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) return background;
  pattern.setTransform(new DOMMatrix().scale(size / tile.width, size / tile.height));
  return pattern;
}

type Rings = L.LatLng[] | Rings[];

/** Adds the rings of a polyline or polygon (any nesting) to the current path, in container px. */
function tracePath(map: L.Map, latlngs: Rings, ctx: CanvasRenderingContext2D, closed: boolean): void {
  if (!latlngs.length) return;
  if (!Array.isArray(latlngs[0])) {
    (latlngs as L.LatLng[]).forEach((ll, i) => {
      const p = map.latLngToContainerPoint(ll);
      if (i === 0) ctx.moveTo(p.x, p.y);
      else ctx.lineTo(p.x, p.y);
    });
    if (closed) ctx.closePath();
    return;
  }
  for (const part of latlngs as Rings[]) tracePath(map, part, ctx, closed);
}

/** Applies a path's stroke and fill options as Leaflet's SVG and canvas renderers do. */
function paintPath(
  ctx: CanvasRenderingContext2D,
  o: L.PathOptions,
  filled: boolean,
  hatchOf: () => CanvasPattern | string,
) {
  if (filled && o.fill !== false) {
    const fill = o.fillColor ?? o.color ?? '#3388ff';
    ctx.globalAlpha = o.fillOpacity ?? 0.2;
    ctx.fillStyle = fill.startsWith('url(') ? hatchOf() : fill;
    ctx.fill(o.fillRule === 'nonzero' ? 'nonzero' : 'evenodd');
  }
  if (o.stroke !== false && (o.weight ?? 3) > 0) {
    ctx.globalAlpha = o.opacity ?? 1;
    ctx.strokeStyle = o.color ?? '#3388ff';
    ctx.lineWidth = o.weight ?? 3;
    ctx.lineCap = (o.lineCap as CanvasLineCap | undefined) ?? 'round';
    ctx.lineJoin = (o.lineJoin as CanvasLineJoin | undefined) ?? 'round';
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The polygons and lines of a layer (a GeoJSON layer or a group), projected on the view. */
function paintVectors(map: L.Map, root: L.Layer, ctx: CanvasRenderingContext2D, scale: number): void {
  let pattern: CanvasPattern | string | undefined;
  const hatchOf = () => (pattern ??= hatch(ctx, scale));
  const visit = (layer: L.Layer) => {
    if (layer instanceof L.LayerGroup) {
      layer.eachLayer(visit);
      return;
    }
    if (!(layer instanceof L.Polyline) || !map.hasLayer(layer)) return;
    const polygon = layer instanceof L.Polygon;
    ctx.beginPath();
    tracePath(map, layer.getLatLngs() as Rings, ctx, polygon);
    paintPath(ctx, layer.options, polygon, hatchOf);
  };
  visit(root);
}

/** The points on the canvas renderer: circle markers, the largest first when sizes vary. */
function paintCircles(map: L.Map, group: L.LayerGroup, sized: boolean, ctx: CanvasRenderingContext2D): void {
  const circles: L.CircleMarker[] = [];
  group.eachLayer((l) => {
    if (l instanceof L.CircleMarker && map.hasLayer(l)) circles.push(l);
  });
  if (sized) circles.sort((a, b) => b.getRadius() - a.getRadius());
  for (const c of circles) {
    const p = map.latLngToContainerPoint(c.getLatLng());
    ctx.beginPath();
    ctx.arc(p.x, p.y, c.getRadius(), 0, Math.PI * 2);
    paintPath(ctx, c.options, true, () => c.options.fillColor ?? '#3388ff');
  }
}

// ---- markers ----------------------------------------------------------------------------------

/** A ring of `box-shadow: 0 0 0 <spread> <colour>` (the outline of the markers), if that is the shadow. */
function ringOf(shadow: string): { color: string; width: number } | undefined {
  const m = /^(rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+)\s+0px\s+0px\s+0px\s+([\d.]+)px$/i.exec(shadow.trim());
  return m ? { color: m[1], width: Number(m[2]) } : undefined;
}

/**
 * The markers with a div icon (points drawn as focusable markers, cluster bubbles), as the page
 * styles them: round boxes with a background, a border, an outline ring and centred text, at
 * their positions, lower ones on top and sized ones by their z-index offset (as Leaflet stacks them).
 */
function paintMarkers(map: L.Map, group: L.LayerGroup, ctx: CanvasRenderingContext2D): void {
  const markers: { marker: L.Marker; el: HTMLElement; x: number; y: number; z: number }[] = [];
  group.eachLayer((l) => {
    if (!(l instanceof L.Marker) || !map.hasLayer(l)) return;
    const el = l.getElement();
    if (!el) return;
    const p = map.latLngToContainerPoint(l.getLatLng());
    markers.push({ marker: l, el, x: p.x, y: p.y, z: Math.round(p.y) + (l.options.zIndexOffset ?? 0) });
  });
  markers.sort((a, b) => a.z - b.z);
  for (const { marker, el, x, y } of markers) {
    const icon = marker.options.icon?.options as L.DivIconOptions | undefined;
    const size = L.point((icon?.iconSize as L.PointExpression | undefined) ?? [el.offsetWidth, el.offsetHeight]);
    const anchor = icon?.iconAnchor ? L.point(icon.iconAnchor as L.PointExpression) : size.divideBy(2);
    const cx = x - anchor.x + size.x / 2;
    const cy = y - anchor.y + size.y / 2;
    const r = Math.min(size.x, size.y) / 2;
    const style = getComputedStyle(el);
    ctx.save();
    ctx.globalAlpha = Number(style.opacity) || 1;
    const ring = ringOf(style.boxShadow);
    if (ring) {
      ctx.beginPath();
      ctx.arc(cx, cy, r + ring.width / 2, 0, Math.PI * 2);
      ctx.strokeStyle = ring.color;
      ctx.lineWidth = ring.width;
      ctx.stroke();
    }
    // The background fills the border box (CSS background-clip: border-box), the border over it.
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, Math.PI * 2);
    ctx.fillStyle = style.backgroundColor;
    ctx.fill();
    const border = parseFloat(style.borderTopWidth) || 0;
    if (border > 0 && style.borderTopStyle !== 'none') {
      ctx.beginPath();
      ctx.arc(cx, cy, r - border / 2, 0, Math.PI * 2);
      ctx.strokeStyle = style.borderTopColor;
      ctx.lineWidth = border;
      ctx.stroke();
    }
    const text = (el.textContent ?? '').trim();
    if (text) {
      ctx.fillStyle = style.color;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, cx, cy, size.x - 2 * border);
    }
    ctx.restore();
  }
}

/**
 * The Leaflet side of `<vitrine-map>`, loaded only when a map is on the page (dynamic import).
 *
 * Points are drawn from a view of the data, redrawn when the map moves: with clustering, the
 * clusters of the box at the zoom (cluster.ts: a hierarchy built once for every row of a table, and
 * views of it for the rows a filter keeps); without, the points in the box.
 * Up to DOM_LIMIT items are keyboard-reachable vector markers (Leaflet markers with a div icon:
 * Tab reaches them, Enter opens their popup); beyond, they are circles on one canvas, and the
 * element's list is the way to reach each record by keyboard.
 */
import L from 'leaflet';
import { ClusterIndex, type ClusterView } from './cluster.ts';
import { NO_DATA_HATCH } from './hatch.ts';
import type { TileOutcome } from './map-paint.ts';
import type { Points } from './points.ts';

/** Id of the hatch pattern of areas without data (unique within the element's shadow root). */
export const NO_DATA_PATTERN = 'vitrine-no-data';

/** Items in view above which points are drawn on a canvas rather than as focusable markers. */
const DOM_LIMIT = 400;

/** The pane of the background shapes (class leaflet-vitrineBackground-pane, stacked in map.styles.ts). */
const BACKGROUND_PANE = 'vitrineBackground';

export interface TileSpec {
  url: string;
  /** HTML of the attribution (built by the element: presets, or escaped author text). */
  attribution: string;
  maxZoom: number;
}

export interface AreaLayerSpec {
  features: GeoJSON.Feature[];
  /** Fill colour of each feature (undefined: no data). */
  fill: (index: number) => string | undefined;
  title: (index: number) => string;
  popup: (index: number) => HTMLElement;
  onSelect: (index: number) => void;
}

export interface MapSpec {
  /**
   * The points. The same object again means the same points: their cluster index (kept per Points
   * object, see clusterIndexOf) and their drawn markers are reused.
   */
  points?: Points;
  /**
   * Changes whenever the look of a point (colour, class, size, title, popup) may change. While it
   * stays the same, the markers of rows still shown are kept across updates (a filter only adds
   * and removes markers).
   */
  styleKey: string;
  /** Class name of a point's marker (its category, "c0"…), a hook for styles. */
  pointClass: (row: number) => string;
  /** Fill colour of a point. */
  pointColor: (row: number) => string;
  /** Radius in px (proportional circles), when sizes vary. */
  radiusOf?: (row: number) => number;
  title: (row: number) => string;
  popup: (row: number) => HTMLElement;
  onSelect: (row: number) => void;
  cluster: boolean;
  clusterTitle: (count: number) => string;
  /** Names of the map's controls, in the element's language. */
  labels: { zoomIn: string; zoomOut: string; close: string };
  tiles?: TileSpec;
  /** Areas coloured by the data (a choropleth, or the data's own polygons). */
  areas?: AreaLayerSpec;
  /** Shapes drawn as a light background under everything (no data, no interaction). */
  background?: GeoJSON.Feature[];
  center?: [number, number];
  zoom?: number;
  /**
   * Factor on the size of what marks the data (`--vitrine-mark-scale`, 1 by default): radii of the
   * points, size and text of the cluster bubbles, stroke widths of areas and shapes.
   */
  markScale: number;
}

export interface MapView {
  readonly map: L.Map;
  /** Redraws with new data or styles. */
  update(spec: MapSpec): void;
  /** Opens the popup of a row (from the list). */
  open(row: number): void;
  /**
   * Paints the view on a 2D context whose transform is in CSS px of the map box, `scale` device
   * pixels per CSS px (see map-paint.ts): what the tiles became, and the text of the tiles' attribution.
   */
  paint(ctx: CanvasRenderingContext2D, scale: number): Promise<{ tiles: TileOutcome; attribution: string }>;
  destroy(): void;
}

/**
 * Leaflet's canvas renderer, with a redraw that does nothing once the renderer is gone. Leaflet
 * 1.9 can leave a redraw frame pending (a synchronous redraw forgets the scheduled one, which
 * then escapes cancellation) that fires after the map was removed and throws on the deleted
 * canvas context.
 */
const SafeCanvas = L.Canvas.extend({
  _redraw(this: { _ctx?: unknown }) {
    if (this._ctx) (L.Canvas.prototype as unknown as { _redraw: () => void })._redraw.call(this);
  },
}) as unknown as new (options?: L.RendererOptions) => L.Canvas;

/**
 * Leaflet's map, with a zoom animation that ends quietly when the map was removed meanwhile
 * (Leaflet finishes a zoom in a 250 ms timer that `remove()` does not cancel).
 */
const SafeMap = L.Map.extend({
  _onZoomTransitionEnd(this: { _mapPane?: HTMLElement; _animatingZoom?: boolean }) {
    if (!this._mapPane) {
      this._animatingZoom = false;
      return;
    }
    (L.Map.prototype as unknown as { _onZoomTransitionEnd: () => void })._onZoomTransitionEnd.call(this);
  },
}) as unknown as new (element: HTMLElement, options?: L.MapOptions) => L.Map;

export function createMapView(container: HTMLElement, first: MapSpec): MapView {
  const map = new SafeMap(container, { keyboard: true, zoomSnap: 0.25, worldCopyJump: false, zoomControl: false });
  map.attributionControl.setPrefix(false);
  // No scroll trap: the wheel scrolls the page over the map (in a CMS page, a slide, an iframe)
  // until the person clicks or focuses the map; then it zooms, until the focus or the pointer leaves.
  map.scrollWheelZoom.disable();
  map.on('focus click', () => map.scrollWheelZoom.enable());
  map.on('blur', () => map.scrollWheelZoom.disable());
  container.addEventListener('mouseleave', () => map.scrollWheelZoom.disable());
  L.control.zoom({ zoomInTitle: first.labels.zoomIn, zoomOutTitle: first.labels.zoomOut }).addTo(map);
  // Popups and the keyboard: the element that opened a popup gets the focus back when it
  // closes by Escape, from wherever the focus is in the map (Leaflet only listens on the box).
  let opener: HTMLElement | undefined;
  map.on('popupopen', (e) => {
    const active = (container.getRootNode() as Document | ShadowRoot).activeElement;
    opener = active instanceof HTMLElement && container.contains(active) ? active : undefined;
    // Leaflet's close button is a link to "#close": a button it is, named in the page's language.
    const close = (e as L.PopupEvent).popup.getElement()?.querySelector<HTMLElement>('.leaflet-popup-close-button');
    if (close) {
      close.removeAttribute('href');
      close.setAttribute('tabindex', '0');
      close.setAttribute('aria-label', spec.labels.close);
      close.title = spec.labels.close;
      close.addEventListener('keydown', (k) => {
        if (k.key === 'Enter' || k.key === ' ') {
          k.preventDefault();
          closePopup();
        }
      });
    }
  });
  const closePopup = () => {
    const back = opener;
    map.closePopup();
    if (back?.isConnected) back.focus();
    else container.focus();
  };
  container.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && (map as unknown as { _popup?: L.Popup })._popup?.isOpen()) {
      e.stopPropagation();
      closePopup();
    }
  });
  // The background shapes get a pane of their own under the overlay pane: there, Leaflet stacks
  // every SVG over every canvas, and their SVG hid the points drawn on the canvas.
  map.createPane(BACKGROUND_PANE);
  const renderer = new SafeCanvas({ padding: 0.3 });
  const pointLayer = L.layerGroup().addTo(map);
  let tileLayer: L.TileLayer | undefined;
  let tilesKey = '';
  let areaLayer: L.GeoJSON | undefined;
  let spec = first;
  let index: ClusterView | undefined;
  /** Changes with the cluster index: cluster ids of another index are other clusters. */
  let indexVersion = 0;

  let backgroundLayer: L.GeoJSON | undefined;

  /**
   * Applies a spec: only what changed is redone. Tiles, background and areas are kept when they are
   * the same (areas whose values changed are restyled in place); the cluster index of the points is
   * taken from the cache when these points were indexed before (clearing a filter); the markers of
   * rows still shown are kept while the look of the points is the same.
   */
  const setUp = (previous: MapSpec | undefined) => {
    const tiles = spec.tiles ? JSON.stringify(spec.tiles) : '';
    if (!previous || tiles !== tilesKey) {
      tileLayer?.remove();
      tileLayer = spec.tiles
        ? L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution, maxZoom: spec.tiles.maxZoom }).addTo(map)
        : undefined;
      tilesKey = tiles;
    }
    const backgroundChanged = !previous || spec.background !== previous.background;
    if (backgroundChanged) {
      backgroundLayer?.remove();
      backgroundLayer = spec.background?.length ? drawBackground(spec.background) : undefined;
    }
    if (!backgroundChanged && spec.markScale !== previous?.markScale) backgroundLayer?.setStyle(backgroundStyle());
    const areasChanged = !previous || spec.areas?.features !== previous.areas?.features;
    if (areasChanged) {
      areaLayer?.remove();
      areaLayer = spec.areas ? drawAreas() : undefined;
    } else if (areaLayer) restyleAreas();
    const p = spec.points;
    const pointsChanged = !previous || p !== previous.points || spec.cluster !== previous.cluster;
    if (pointsChanged) {
      index = p && spec.cluster ? clusterViewOf(p) : undefined;
      indexVersion++;
    }
    if (!previous || spec.styleKey !== previous.styleKey || spec.markScale !== previous.markScale) clearDrawn();
    if (pointsChanged || areasChanged || backgroundChanged) fitView();
    // The areas' SVG exists once the map has a view.
    if (areaLayer) addNoDataPattern();
    draw();
  };

  /** Whether the view is still the one the element chose (not moved by the person): kept on resize. */
  let autoView = true;
  let fitting = false;
  const ourMove = (move: () => void) => {
    fitting = true;
    try {
      move();
    } finally {
      fitting = false;
    }
  };
  map.on('movestart zoomstart', () => {
    if (!fitting) autoView = false;
  });

  const fitView = () =>
    ourMove(() => {
      autoView = true;
      if (spec.center) {
        map.setView(spec.center, spec.zoom ?? 10, { animate: false });
        return;
      }
      const bounds = L.latLngBounds([]);
      const p = spec.points;
      if (p?.rows.length) {
        const [south, west, north, east] = coreBoxOf(p);
        bounds.extend([south, west]).extend([north, east]);
      }
      if (areaLayer) bounds.extend(areaLayer.getBounds());
      // The background frames the view only when there is nothing else to show.
      if (!bounds.isValid() && backgroundLayer) bounds.extend(backgroundLayer.getBounds());
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: spec.zoom ?? 15, animate: false });
      else map.setView([46.6, 2.4], spec.zoom ?? 5, { animate: false });
    });

  const collection = (features: GeoJSON.Feature[]) =>
    ({ type: 'FeatureCollection', features }) as GeoJSON.FeatureCollection;

  const backgroundStyle = (): L.PathOptions => ({
    color: '#b9b9b9',
    weight: 0.8 * spec.markScale,
    fillColor: '#f4f4f2',
    fillOpacity: 1,
    className: 'vitrine-background',
  });

  const drawBackground = (features: GeoJSON.Feature[]): L.GeoJSON =>
    L.geoJSON(collection(features), { interactive: false, pane: BACKGROUND_PANE, style: backgroundStyle }).addTo(map);

  /** Position of each area feature in spec.areas.features (the same array while the areas are drawn). */
  let areaIndexOf = new Map<GeoJSON.Feature, number>();

  /** The style of an area, from the spec in force (its fill follows the values). */
  const areaStyle = (f?: GeoJSON.Feature): L.PathOptions => {
    const fill = f ? spec.areas?.fill(areaIndexOf.get(f) ?? -1) : undefined;
    return {
      color: '#5a5a5a',
      weight: 0.6 * spec.markScale,
      fillColor: fill ?? `url(#${NO_DATA_PATTERN})`,
      fillOpacity: 0.85,
      className: 'vitrine-area',
    };
  };

  /** The areas drawn; popups, titles and selection read the spec in force, so a restyle is enough when only values change. */
  const drawAreas = (): L.GeoJSON => {
    const features = spec.areas!.features;
    areaIndexOf = new Map();
    features.forEach((f, k) => areaIndexOf.set(f, k));
    const layer = L.geoJSON(collection(features), {
      style: areaStyle,
      onEachFeature: (f, l) => {
        const k = areaIndexOf.get(f) ?? -1;
        l.bindPopup(() => spec.areas!.popup(k));
        l.on('click', () => spec.areas!.onSelect(k));
        l.on('add', () => {
          // Areas are reachable by keyboard: the path takes focus, Enter opens its popup.
          const el = (l as L.Path).getElement?.();
          if (!el) return;
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'button');
          el.setAttribute('aria-label', spec.areas!.title(k));
          el.addEventListener('keydown', (e) => {
            const key = (e as KeyboardEvent).key;
            if (key === 'Enter' || key === ' ') {
              e.preventDefault();
              (l as L.Path).openPopup();
              spec.areas!.onSelect(k);
            }
          });
        });
      },
    });
    return layer.addTo(map);
  };

  /** New values on the same areas: fills and names again, the paths (and an open popup) stay. */
  const restyleAreas = () => {
    const layer = areaLayer!;
    layer.eachLayer((l) => {
      const f = (l as L.Path & { feature?: GeoJSON.Feature }).feature;
      (l as L.Path).setStyle(areaStyle(f));
      const k = f ? (areaIndexOf.get(f) ?? -1) : -1;
      (l as L.Path).getElement?.()?.setAttribute('aria-label', spec.areas!.title(k));
      const popup = l.getPopup();
      // An open popup shows the new value.
      if (popup?.isOpen()) popup.setContent(spec.areas!.popup(k));
    });
  };

  /** The hatching of areas without data, defined once in the SVG the areas are drawn in. */
  const addNoDataPattern = () => {
    const svgRoot = map.getPanes().overlayPane.querySelector('svg');
    if (!svgRoot || svgRoot.querySelector(`#${NO_DATA_PATTERN}`)) return;
    const ns = 'http://www.w3.org/2000/svg';
    const make = (tag: string, attrs: Record<string, string>) => {
      const el = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      return el;
    };
    // The export paints the same hatching (map-paint.ts).
    const { size, background, stroke } = NO_DATA_HATCH;
    const n = String(size);
    const pattern = make('pattern', { id: NO_DATA_PATTERN, patternUnits: 'userSpaceOnUse', width: n, height: n });
    pattern.append(
      make('rect', { width: n, height: n, fill: background }),
      make('path', {
        d: `M-1,1 l2,-2 M0,${size} l${size},-${size} M${size - 1},${size + 1} l2,-2`,
        stroke,
        'stroke-width': '1',
      }),
    );
    const defs = make('defs', {});
    defs.append(pattern);
    svgRoot.prepend(defs);
  };

  /** The layers drawn for the current view, by item: kept across redraws while they stay in view. */
  let drawn = new Map<string, L.Layer>();

  /** Forgets every drawn layer (new data or styles). */
  const clearDrawn = () => {
    pointLayer.clearLayers();
    drawn = new Map();
  };

  const clusterMarker = (lat: number, lon: number, count: number, id: number): L.Marker => {
    // The index this cluster belongs to (a later filter brings another).
    const clusters = index!;
    const scale = spec.markScale;
    const size = Math.round((count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52) * scale);
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: 'vitrine-cluster',
        html: `<span>${formatCount(count)}</span>`,
        iconSize: [size, size],
      }),
      title: spec.clusterTitle(count),
      keyboard: true,
      riseOnHover: true,
    });
    // The count grows with the bubble (through the CSSOM: a style attribute would break a strict CSP).
    if (scale !== 1) marker.on('add', () => marker.getElement()?.style.setProperty('font-size', `${0.8 * scale}rem`));
    const zoomIn = () => {
      const zoom = clusters.expansionZoom(id);
      map.setView([lat, lon], Math.min(zoom, map.getMaxZoom() || 18));
    };
    marker.on('click', zoomIn);
    marker.on('keypress', (e) => {
      if ((e as L.LeafletKeyboardEvent).originalEvent.key === 'Enter') zoomIn();
    });
    return marker;
  };

  const pointMarker = (lat: number, lon: number, row: number, asMarker: boolean): L.Layer => {
    const color = spec.pointColor(row);
    const radius = (spec.radiusOf?.(row) ?? 6) * spec.markScale;
    let layer: L.Layer;
    if (asMarker) {
      const d = Math.round(radius * 2);
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({
          className: `vitrine-point ${spec.pointClass(row)}${spec.radiusOf ? ' sized' : ''}`,
          iconSize: [d, d],
        }),
        title: spec.title(row),
        keyboard: true,
        // Proportional circles: the largest below, so that small ones stay visible and clickable.
        zIndexOffset: spec.radiusOf ? -Math.round(radius * 1000) : 0,
      });
      // The colour goes through the CSSOM (a style attribute would break a strict CSP).
      marker.on('add', () => marker.getElement()?.style.setProperty('background', color));
      // Enter opens the popup (Leaflet) and selects the record, as a click does.
      marker.on('keypress', (e) => {
        if ((e as L.LeafletKeyboardEvent).originalEvent.key === 'Enter') spec.onSelect(row);
      });
      layer = marker;
    } else {
      layer = L.circleMarker([lat, lon], {
        renderer,
        radius,
        color: '#ffffff',
        weight: spec.markScale,
        fillColor: color,
        fillOpacity: spec.radiusOf ? 0.75 : 0.9,
      });
    }
    layer.bindPopup(() => spec.popup(row));
    layer.on('click', () => spec.onSelect(row));
    return layer;
  };

  /**
   * Draws the items in view: clusters and points. Layers already drawn for an item are kept (an
   * open popup stays open, a focused marker keeps the focus); those out of view are removed,
   * except one whose popup is open.
   */
  const draw = () => {
    const p = spec.points;
    if (!p || !p.rows.length) {
      clearDrawn();
      return;
    }
    const b = map.getBounds();
    const west = b.getWest();
    const south = b.getSouth();
    const east = b.getEast();
    const north = b.getNorth();
    type Item = { lat: number; lon: number; slot: number; count: number; id: number };
    const items: Item[] = [];
    const zoom = Math.round(map.getZoom());
    if (index) {
      items.push(
        ...index.clusters(Math.max(-180, west), Math.max(-85, south), Math.min(180, east), Math.min(85, north), zoom),
      );
    } else {
      for (let i = 0; i < p.rows.length; i++) {
        const lat = p.lat[i];
        const lon = p.lon[i];
        if (lat >= south && lat <= north && lon >= west && lon <= east)
          items.push({ lat, lon, slot: i, count: 1, id: -1 });
      }
    }
    const asMarkers = items.length <= DOM_LIMIT;
    const next = new Map<string, L.Layer>();
    let added = false;
    for (const it of items) {
      const key = it.count > 1 ? `c${indexVersion}:${zoom}:${it.id}` : `${asMarkers ? 'm' : 'p'}${p.rows[it.slot]}`;
      let layer = drawn.get(key);
      if (!layer) {
        layer =
          it.count > 1
            ? clusterMarker(it.lat, it.lon, it.count, it.id)
            : pointMarker(it.lat, it.lon, p.rows[it.slot], asMarkers);
        pointLayer.addLayer(layer);
        added = true;
      }
      next.set(key, layer);
    }
    for (const [key, layer] of drawn) {
      if (next.has(key)) continue;
      if (layer.isPopupOpen?.()) next.set(key, layer);
      else pointLayer.removeLayer(layer);
    }
    drawn = next;
    // Proportional circles on the canvas are painted in order: the largest first.
    if (added && spec.radiusOf && !asMarkers) {
      const radius = spec.radiusOf;
      const order = items
        .filter((it) => it.count === 1)
        .sort((a, c) => radius(p.rows[c.slot]) - radius(p.rows[a.slot]));
      for (const it of order) (drawn.get(`p${p.rows[it.slot]}`) as L.CircleMarker | undefined)?.bringToFront();
    }
  };

  map.on('moveend', draw);
  // Redraw after the box changes size (a slide revealed, a tab shown, a window resized).
  const resize = new ResizeObserver(() => {
    if (!container.clientWidth || !container.clientHeight) return;
    // The first fit may have been made in a box of another size (or none, while hidden): fit
    // again, unless the person has moved the map since.
    ourMove(() => map.invalidateSize({ animate: false, pan: false }));
    if (autoView) fitView();
  });
  resize.observe(container);
  setUp(undefined);

  return {
    map,
    update(next) {
      const previous = spec;
      spec = next;
      setUp(previous);
    },
    async paint(ctx, scale) {
      // The painting code is fetched by the first export only.
      const { paintMap } = await import('./map-paint.ts');
      const tiles = await paintMap(
        map,
        { tiles: tileLayer, vectors: [backgroundLayer, areaLayer], points: pointLayer, sized: !!spec.radiusOf },
        ctx,
        scale,
      );
      const attribution = tileLayer ? (map.attributionControl.getContainer()?.textContent ?? '').trim() : '';
      return { tiles, attribution };
    },
    open(row) {
      const p = spec.points;
      const slot = p ? slotOf(p, row) : -1;
      if (!p || slot < 0) return;
      const at = L.latLng(p.lat[slot], p.lon[slot]);
      map.setView(at, Math.max(map.getZoom(), 15));
      L.popup().setLatLng(at).setContent(spec.popup(row)).openOn(map);
    },
    destroy() {
      resize.disconnect();
      // Paths first, while their renderer is there: removing them after it would schedule a
      // redraw of a canvas already gone.
      clearDrawn();
      areaLayer?.remove();
      backgroundLayer?.remove();
      map.off();
      map.remove();
    },
  };
}

/** Cluster radius (px of a 512 px tile) and the highest zoom at which points are clustered. */
const CLUSTERS = { radius: 60, extent: 512, maxZoom: 17 };

/**
 * Cluster hierarchies and views, by the points they are for. The hierarchy of every row of a table
 * is built once and lives as long as the element keeps those points (see MapSpec.points); the
 * points of a filter (read from those, see Points.base) get a view of that hierarchy, made in time
 * proportional to their number, and clearing the filter gives back the view of the whole.
 */
const clusterIndexes = new WeakMap<Points, ClusterIndex>();
const clusterViews = new WeakMap<Points, ClusterView>();

function clusterIndexOf(p: Points): ClusterIndex {
  let index = clusterIndexes.get(p);
  if (!index) {
    index = new ClusterIndex(p.lat, p.lon, CLUSTERS);
    clusterIndexes.set(p, index);
  }
  return index;
}

export function clusterViewOf(p: Points): ClusterView {
  let view = clusterViews.get(p);
  if (!view) {
    view = p.base ? clusterIndexOf(p.base.points).subset(p.base.slots, p.lat, p.lon) : clusterIndexOf(p).all();
    clusterViews.set(p, view);
  }
  return view;
}

/** The position of a row in the points (-1 when it is not drawn as a point): rows are in table order. */
export function slotOf(p: Points, row: number): number {
  const rows = p.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid;
  }
  if (rows[lo] === row) return lo;
  // Not in order (never so from the element): look through.
  return rows.indexOf(row);
}

const coreBoxes = new WeakMap<Points, [number, number, number, number]>();

/** coreBox of a set of points, computed once per Points object. */
function coreBoxOf(p: Points): [number, number, number, number] {
  let box = coreBoxes.get(p);
  if (!box) {
    box = coreBox(p.lat, p.lon);
    coreBoxes.set(p, box);
  }
  return box;
}

function formatCount(n: number): string {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : String(n);
}

/** Share of the points left out on each side when framing the view (far-away outliers). */
const OUTLIERS = 0.025;

/**
 * The box [south, west, north, east] that frames the points: all of them, unless a few far-away
 * ones (overseas places in a national file, a misplaced point) would shrink the rest to a dot;
 * then the box of the points between the 2.5th and 97.5th percentiles of latitude and longitude.
 * The others stay on the map, a zoom out away, and the element's summary counts them all.
 */
export function coreBox(lat: ArrayLike<number>, lon: ArrayLike<number>): [number, number, number, number] {
  const n = lat.length;
  const k = Math.floor(n * OUTLIERS);
  // The k-th smallest and largest values (and the extremes) by selection, not by a sort: O(n).
  const ranks = (a: ArrayLike<number>) => {
    const copy = Float64Array.from(a);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (copy[i] < min) min = copy[i];
      if (copy[i] > max) max = copy[i];
    }
    if (n < 20 || k === 0) return [min, max, min, max];
    selectNth(copy, k, 0, n - 1);
    const low = copy[k];
    selectNth(copy, n - 1 - k, k, n - 1);
    return [min, max, low, copy[n - 1 - k]];
  };
  const [laMin, laMax, laLow, laHigh] = ranks(lat);
  const [loMin, loMax, loLow, loHigh] = ranks(lon);
  const full: [number, number, number, number] = [laMin, loMin, laMax, loMax];
  if (n < 20 || k === 0) return full;
  const core: [number, number, number, number] = [laLow, loLow, laHigh, loHigh];
  const area = (b: number[]) => Math.max(b[2] - b[0], 1e-6) * Math.max(b[3] - b[1], 1e-6);
  // Keep every point unless leaving out the few makes the view at least 16 times tighter.
  return area(core) * 16 < area(full) ? core : full;
}

/** Puts the k-th smallest of a[left..right] at k, smaller values before it and larger after (quickselect). */
function selectNth(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    // Median of three as the pivot.
    const mid = (left + right) >> 1;
    const x = a[left];
    const y = a[mid];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

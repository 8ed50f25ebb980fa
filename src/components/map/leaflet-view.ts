/**
 * The Leaflet side of `<vitrine-map>`, loaded only when a map is on the page (dynamic import).
 *
 * Points are drawn from a view of the data, redrawn when the map moves: with clustering, the
 * clusters supercluster returns for the visible box and zoom; without, the points in the box.
 * Up to DOM_LIMIT items are keyboard-reachable vector markers (Leaflet markers with a div icon:
 * Tab reaches them, Enter opens their popup); beyond, they are circles on one canvas, and the
 * element's list is the way to reach each record by keyboard.
 */
import L from 'leaflet';
import Supercluster, { type PointFeature } from 'supercluster';
import type { Points } from './points.ts';

/** Id of the hatch pattern of areas without data (unique within the element's shadow root). */
export const NO_DATA_PATTERN = 'vitrine-no-data';

/** Items in view above which points are drawn on a canvas rather than as focusable markers. */
const DOM_LIMIT = 400;

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
  points?: Points;
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
}

export interface MapView {
  readonly map: L.Map;
  /** Redraws with new data or styles. */
  update(spec: MapSpec): void;
  /** Opens the popup of a row (from the list). */
  open(row: number): void;
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
  const renderer = new SafeCanvas({ padding: 0.3 });
  const pointLayer = L.layerGroup().addTo(map);
  let tileLayer: L.TileLayer | undefined;
  let areaLayer: L.GeoJSON | undefined;
  let spec = first;
  let index: Supercluster<{ i: number }> | undefined;
  /** Position of a row in spec.points. */
  let slotOf = new Map<number, number>();

  let backgroundLayer: L.GeoJSON | undefined;

  const setUp = (fit: boolean) => {
    tileLayer?.remove();
    tileLayer = spec.tiles
      ? L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution, maxZoom: spec.tiles.maxZoom }).addTo(map)
      : undefined;
    backgroundLayer?.remove();
    backgroundLayer = spec.background?.length ? drawBackground(spec.background) : undefined;
    areaLayer?.remove();
    areaLayer = spec.areas ? drawAreas(spec.areas) : undefined;
    const p = spec.points;
    slotOf = new Map();
    index = undefined;
    if (p) {
      for (let i = 0; i < p.rows.length; i++) slotOf.set(p.rows[i], i);
      if (spec.cluster) {
        index = new Supercluster({ radius: 60, maxZoom: 17 });
        const features: PointFeature<{ i: number }>[] = new Array(p.rows.length);
        for (let i = 0; i < p.rows.length; i++) {
          features[i] = {
            type: 'Feature',
            properties: { i },
            geometry: { type: 'Point', coordinates: [p.lon[i], p.lat[i]] },
          };
        }
        index.load(features);
      }
    }
    clearDrawn();
    if (fit) fitView();
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
        const [south, west, north, east] = coreBox(p.lat, p.lon);
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

  const drawBackground = (features: GeoJSON.Feature[]): L.GeoJSON =>
    L.geoJSON(collection(features), {
      interactive: false,
      style: () => ({
        color: '#b9b9b9',
        weight: 0.8,
        fillColor: '#f4f4f2',
        fillOpacity: 1,
        className: 'vitrine-background',
      }),
    }).addTo(map);

  const drawAreas = (a: AreaLayerSpec): L.GeoJSON => {
    const indexOf = new Map<GeoJSON.Feature, number>();
    a.features.forEach((f, k) => indexOf.set(f, k));
    const layer = L.geoJSON(collection(a.features), {
      style: (f) => {
        const fill = f ? a.fill(indexOf.get(f) ?? -1) : undefined;
        return {
          color: '#5a5a5a',
          weight: 0.6,
          fillColor: fill ?? `url(#${NO_DATA_PATTERN})`,
          fillOpacity: 0.85,
          className: 'vitrine-area',
        };
      },
      onEachFeature: (f, l) => {
        const k = indexOf.get(f) ?? -1;
        l.bindPopup(() => a.popup(k));
        l.on('click', () => a.onSelect(k));
        l.on('add', () => {
          // Areas are reachable by keyboard: the path takes focus, Enter opens its popup.
          const el = (l as L.Path).getElement?.();
          if (!el) return;
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'button');
          el.setAttribute('aria-label', a.title(k));
          el.addEventListener('keydown', (e) => {
            const key = (e as KeyboardEvent).key;
            if (key === 'Enter' || key === ' ') {
              e.preventDefault();
              (l as L.Path).openPopup();
              a.onSelect(k);
            }
          });
        });
      },
    });
    return layer.addTo(map);
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
    const pattern = make('pattern', { id: NO_DATA_PATTERN, patternUnits: 'userSpaceOnUse', width: '6', height: '6' });
    pattern.append(
      make('rect', { width: '6', height: '6', fill: '#f7f7f7' }),
      make('path', { d: 'M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2', stroke: '#8a8a8a', 'stroke-width': '1' }),
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
    const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
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
    const zoomIn = () => {
      const zoom = index!.getClusterExpansionZoom(id);
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
    const radius = spec.radiusOf?.(row) ?? 6;
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
        weight: 1,
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
      for (const c of index.getClusters(
        [Math.max(-180, west), Math.max(-85, south), Math.min(180, east), Math.min(85, north)],
        zoom,
      )) {
        const [lon, lat] = c.geometry.coordinates;
        const props = c.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
        if (props.cluster)
          items.push({ lat, lon, slot: -1, count: props.point_count ?? 0, id: props.cluster_id ?? -1 });
        else items.push({ lat, lon, slot: props.i ?? -1, count: 1, id: -1 });
      }
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
      const key = it.count > 1 ? `c${zoom}:${it.id}` : `${asMarkers ? 'm' : 'p'}${p.rows[it.slot]}`;
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
  setUp(true);

  return {
    map,
    update(next) {
      const refit =
        next.points !== spec.points ||
        next.areas?.features !== spec.areas?.features ||
        next.background !== spec.background;
      spec = next;
      setUp(refit);
    },
    open(row) {
      const p = spec.points;
      const slot = slotOf.get(row);
      if (!p || slot === undefined) return;
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
  const sorted = (a: ArrayLike<number>) => Float64Array.from(a).sort();
  const la = sorted(lat);
  const lo = sorted(lon);
  const full: [number, number, number, number] = [la[0], lo[0], la[n - 1], lo[n - 1]];
  const k = Math.floor(n * OUTLIERS);
  if (n < 20 || k === 0) return full;
  const core: [number, number, number, number] = [la[k], lo[k], la[n - 1 - k], lo[n - 1 - k]];
  const area = (b: number[]) => Math.max(b[2] - b[0], 1e-6) * Math.max(b[3] - b[1], 1e-6);
  // Keep every point unless leaving out the few makes the view at least 16 times tighter.
  return area(core) * 16 < area(full) ? core : full;
}

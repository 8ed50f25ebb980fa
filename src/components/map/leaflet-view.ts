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
  /** Areas drawn only as a light background (no data, no interaction). */
  background?: boolean;
}

export interface MapSpec {
  points?: Points;
  /** Class of a point (its colour is colors[class]); -1 for the neutral colour. */
  classOf: (row: number) => number;
  colors: readonly string[];
  neutral: string;
  /** Radius in px (proportional circles), when sizes vary. */
  radiusOf?: (row: number) => number;
  title: (row: number) => string;
  popup: (row: number) => HTMLElement;
  onSelect: (row: number) => void;
  cluster: boolean;
  clusterTitle: (count: number) => string;
  tiles?: TileSpec;
  areas?: AreaLayerSpec;
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

export function createMapView(container: HTMLElement, first: MapSpec): MapView {
  const map = L.map(container, { keyboard: true, zoomSnap: 0.5, worldCopyJump: false });
  map.attributionControl.setPrefix(false);
  const renderer = L.canvas({ padding: 0.3 });
  const pointLayer = L.layerGroup().addTo(map);
  let tileLayer: L.TileLayer | undefined;
  let areaLayer: L.GeoJSON | undefined;
  let spec = first;
  let index: Supercluster<{ i: number }> | undefined;
  /** Position of a row in spec.points. */
  let slotOf = new Map<number, number>();

  const setUp = (fit: boolean) => {
    tileLayer?.remove();
    tileLayer = spec.tiles
      ? L.tileLayer(spec.tiles.url, { attribution: spec.tiles.attribution, maxZoom: spec.tiles.maxZoom }).addTo(map)
      : undefined;
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
    if (fit) fitView();
    draw();
  };

  const fitView = () => {
    if (spec.center) {
      map.setView(spec.center, spec.zoom ?? 10);
      return;
    }
    const bounds = L.latLngBounds([]);
    const p = spec.points;
    if (p) for (let i = 0; i < p.rows.length; i++) bounds.extend([p.lat[i], p.lon[i]]);
    if (areaLayer) bounds.extend(areaLayer.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: spec.zoom ?? 15 });
    else map.setView([46.6, 2.4], spec.zoom ?? 5);
  };

  const drawAreas = (a: AreaLayerSpec): L.GeoJSON => {
    let i = 0;
    const indexOf = new Map<GeoJSON.Feature, number>();
    a.features.forEach((f, k) => indexOf.set(f, k));
    const layer = L.geoJSON({ type: 'FeatureCollection', features: a.features } as GeoJSON.FeatureCollection, {
      interactive: !a.background,
      style: (f) => {
        const fill = f ? a.fill(indexOf.get(f) ?? -1) : undefined;
        return {
          color: a.background ? '#b9b9b9' : '#5a5a5a',
          weight: a.background ? 0.8 : 0.6,
          fillColor: fill ?? '#f2f2f2',
          fillOpacity: a.background ? 1 : fill ? 0.85 : 0.6,
          className: a.background ? 'vitrine-background' : 'vitrine-area',
        };
      },
      onEachFeature: (f, l) => {
        const k = indexOf.get(f) ?? i++;
        if (a.background) return;
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

  const draw = () => {
    pointLayer.clearLayers();
    const p = spec.points;
    if (!p || !p.rows.length) return;
    const b = map.getBounds();
    const west = b.getWest();
    const south = b.getSouth();
    const east = b.getEast();
    const north = b.getNorth();
    type Item = { lat: number; lon: number; slot: number; count: number; id?: number };
    const items: Item[] = [];
    if (index) {
      const zoom = Math.round(map.getZoom());
      for (const c of index.getClusters(
        [Math.max(-180, west), Math.max(-85, south), Math.min(180, east), Math.min(85, north)],
        zoom,
      )) {
        const [lon, lat] = c.geometry.coordinates;
        const props = c.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
        if (props.cluster) items.push({ lat, lon, slot: -1, count: props.point_count ?? 0, id: props.cluster_id });
        else items.push({ lat, lon, slot: props.i ?? -1, count: 1 });
      }
    } else {
      for (let i = 0; i < p.rows.length; i++) {
        const lat = p.lat[i];
        const lon = p.lon[i];
        if (lat >= south && lat <= north && lon >= west && lon <= east) items.push({ lat, lon, slot: i, count: 1 });
      }
    }
    const asMarkers = items.length <= DOM_LIMIT;
    for (const it of items) {
      if (it.count > 1) {
        const size = it.count < 10 ? 30 : it.count < 100 ? 36 : it.count < 1000 ? 44 : 52;
        const marker = L.marker([it.lat, it.lon], {
          icon: L.divIcon({
            className: `vitrine-cluster`,
            html: `<span>${formatCount(it.count)}</span>`,
            iconSize: [size, size],
          }),
          title: spec.clusterTitle(it.count),
          keyboard: true,
          riseOnHover: true,
        });
        marker.on('click', () => {
          const zoom = index!.getClusterExpansionZoom(it.id!);
          map.setView([it.lat, it.lon], Math.min(zoom, map.getMaxZoom() || 18));
        });
        pointLayer.addLayer(marker);
        continue;
      }
      const row = p.rows[it.slot];
      const cls = spec.classOf(row);
      const radius = spec.radiusOf?.(row) ?? 6;
      let layer: L.Layer;
      if (asMarkers) {
        const d = Math.round(radius * 2);
        layer = L.marker([it.lat, it.lon], {
          icon: L.divIcon({ className: `vitrine-point c${cls < 0 ? 'n' : cls}`, iconSize: [d, d] }),
          title: spec.title(row),
          keyboard: true,
        });
      } else {
        layer = L.circleMarker([it.lat, it.lon], {
          renderer,
          radius,
          color: '#ffffff',
          weight: 1,
          fillColor: cls < 0 ? spec.neutral : spec.colors[cls],
          fillOpacity: 0.9,
        });
      }
      layer.bindPopup(() => spec.popup(row));
      layer.on('click', () => spec.onSelect(row));
      pointLayer.addLayer(layer);
    }
  };

  map.on('moveend', draw);
  // Redraw after the box changes size (a slide revealed, a tab shown, a window resized).
  const resize = new ResizeObserver(() => {
    if (container.clientWidth && container.clientHeight) map.invalidateSize();
  });
  resize.observe(container);
  setUp(true);

  return {
    map,
    update(next) {
      const refit = next.points !== spec.points || next.areas?.features !== spec.areas?.features;
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
      map.off();
      map.remove();
    },
  };
}

function formatCount(n: number): string {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : String(n);
}

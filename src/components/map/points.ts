/**
 * Where each row of a table sits on a map: latitude/longitude columns, one "lat,lon" column, or a
 * GeoJSON geometry. Rows without valid coordinates are counted, never silently dropped; values
 * out of range (and the 0,0 placeholder) are rejected. No DOM, no Leaflet.
 */
import { detectGeo } from '../../data/geo.ts';
import type { Column, GeoPoint, Table } from '../../data/model.ts';
import { looseNumber } from '../table/cells.ts';

/** The columns that locate the rows, as the element resolved them. */
export type Locator =
  | { kind: 'latlon'; lat: Column; lon: Column }
  | { kind: 'point'; point: Column }
  | { kind: 'geometry'; geometry: Column };

export interface Points {
  /** Rows drawn as points, and their coordinates (same order). */
  rows: Uint32Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Rows drawn as shapes (lines, polygons) from a GeoJSON geometry. */
  shapes: { row: number; geometry: GeoJsonGeometry }[];
  /** Rows with no coordinates at all (empty cells). */
  missing: number;
  /** Rows whose coordinates are not valid (out of range, 0,0, unreadable, broken geometry). */
  invalid: number;
  /**
   * Points read from the index of every row (pointsIn): those points, and the position there of
   * each of these (so that views of them, such as clusters, are views of the whole).
   */
  base?: { points: Points; slots: Uint32Array };
}

export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

/** The locating columns found by detection (undefined when the data has none). */
export function detectLocator(table: Table): Locator | undefined {
  const found = detectGeo(table.columns, (i) => table.data(i).values);
  if (!found) return undefined;
  const c = table.columns;
  if (found.kind === 'latlon') return { kind: 'latlon', lat: c[found.lat], lon: c[found.lon] };
  if (found.kind === 'point') return { kind: 'point', point: c[found.point] };
  return { kind: 'geometry', geometry: c[found.geometry] };
}

/** A latitude and a longitude that can be drawn. */
export function validCoordinates(lat: number, lon: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180 &&
    !(lat === 0 && lon === 0)
  );
}

/** What a row is on the map (see PointIndex.status). */
export const ROW_POINT = 0;
export const ROW_MISSING = 1;
export const ROW_INVALID = 2;
export const ROW_SHAPE = 3;

/**
 * Every row of a table located once: the points and shapes of all the rows, and for each row what it
 * is (point, shape, missing, invalid) and where it sits in `all`. The points of any subset of the
 * rows (the filters of a source) are then read from these arrays (pointsIn), not from the cells.
 */
export interface PointIndex {
  all: Points;
  /** Per row: ROW_POINT, ROW_MISSING, ROW_INVALID or ROW_SHAPE. */
  status: Uint8Array;
  /** Per row: its position in all.rows (a point) or in all.shapes (a shape), else -1. */
  slot: Int32Array;
}

export function pointsOf(table: Table, locator: Locator, rows?: ArrayLike<number>): Points {
  return scan(table, locator, rows).points;
}

/** Locates every row of the table (see PointIndex). */
export function indexPoints(table: Table, locator: Locator): PointIndex {
  const status = new Uint8Array(table.rowCount);
  const slot = new Int32Array(table.rowCount).fill(-1);
  const all = scan(table, locator, undefined, status, slot).points;
  return { all, status, slot };
}

/**
 * The points of `rows` (any subset of the table's rows, in any order), read from the index: the
 * same result as pointsOf on those rows, without reading a cell.
 */
export function pointsIn(index: PointIndex, rows: ArrayLike<number>): Points {
  const { all, status, slot } = index;
  const n = rows.length;
  const outRows = new Uint32Array(n);
  const slots = new Uint32Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const shapes: Points['shapes'] = [];
  let k = 0;
  let missing = 0;
  let invalid = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    switch (status[r]) {
      case ROW_POINT: {
        const s = slot[r];
        outRows[k] = r;
        slots[k] = s;
        lat[k] = all.lat[s];
        lon[k] = all.lon[s];
        k++;
        break;
      }
      case ROW_SHAPE:
        shapes.push(all.shapes[slot[r]]);
        break;
      case ROW_MISSING:
        missing++;
        break;
      default:
        invalid++;
    }
  }
  return {
    rows: outRows.slice(0, k),
    lat: lat.slice(0, k),
    lon: lon.slice(0, k),
    shapes,
    missing,
    invalid,
    base: { points: all, slots: slots.slice(0, k) },
  };
}

function scan(
  table: Table,
  locator: Locator,
  rows?: ArrayLike<number>,
  status?: Uint8Array,
  slot?: Int32Array,
): { points: Points } {
  const n = rows ? rows.length : table.rowCount;
  const outRows = new Uint32Array(n);
  const outLat = new Float64Array(n);
  const outLon = new Float64Array(n);
  let k = 0;
  const shapes: Points['shapes'] = [];
  let missing = 0;
  let invalid = 0;
  const numberAt = (r: number, c: Column) => {
    const v = table.number(r, c.index);
    return Number.isNaN(v) ? looseNumber(table.text(r, c.index)) : v;
  };
  const mark = (r: number, what: number, at = -1) => {
    if (status) status[r] = what;
    if (slot) slot[r] = at;
  };
  const add = (r: number, lat: number, lon: number) => {
    if (validCoordinates(lat, lon)) {
      mark(r, ROW_POINT, k);
      outRows[k] = r;
      outLat[k] = lat;
      outLon[k] = lon;
      k++;
    } else {
      mark(r, ROW_INVALID);
      invalid++;
    }
  };
  const none = (r: number) => {
    mark(r, ROW_MISSING);
    missing++;
  };
  const bad = (r: number) => {
    mark(r, ROW_INVALID);
    invalid++;
  };
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    if (locator.kind === 'latlon') {
      // Numeric columns first (no text read); the text when a cell did not read as a number.
      const lat = table.number(r, locator.lat.index);
      const lon = table.number(r, locator.lon.index);
      if (Number.isFinite(lat) && Number.isFinite(lon)) {
        add(r, lat, lon);
        continue;
      }
      const latText = table.text(r, locator.lat.index).trim();
      const lonText = table.text(r, locator.lon.index).trim();
      if (!latText && !lonText) none(r);
      else add(r, numberAt(r, locator.lat), numberAt(r, locator.lon));
    } else if (locator.kind === 'point') {
      const v = table.value(r, locator.point.index);
      if (v === null || v === '') none(r);
      else if (typeof v === 'object' && 'lat' in v) add(r, (v as GeoPoint).lat, (v as GeoPoint).lon);
      else {
        // A "lat,lon" text the inference did not read (stray characters): one more try.
        const m = /^\s*\[?\s*(-?[\d.,]+)\s*[,;]\s*(-?[\d.,]+)\s*\]?\s*$/.exec(
          String(v).replace(/[\u00a0\u202f]/g, ' '),
        );
        if (m) add(r, Number(m[1]), Number(m[2]));
        else bad(r);
      }
    } else {
      const g = table.value(r, locator.geometry.index) as GeoJsonGeometry | null;
      if (!g || typeof g !== 'object') {
        none(r);
        continue;
      }
      const point = pointOf(g);
      if (point) add(r, point[1], point[0]);
      else if (validShape(g)) {
        mark(r, ROW_SHAPE, shapes.length);
        shapes.push({ row: r, geometry: g });
      } else bad(r);
    }
  }
  return {
    points: {
      rows: outRows.slice(0, k),
      lat: outLat.slice(0, k),
      lon: outLon.slice(0, k),
      shapes,
      missing,
      invalid,
    },
  };
}

/** [lon, lat] of a Point (or a one-point MultiPoint); undefined for other geometries. */
function pointOf(g: GeoJsonGeometry): [number, number] | undefined {
  const c = g.coordinates;
  if (g.type === 'Point' && Array.isArray(c)) return [Number(c[0]), Number(c[1])];
  if (g.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && Array.isArray(c[0]))
    return [Number(c[0][0]), Number(c[0][1])];
  return undefined;
}

/** A line or polygon geometry whose positions are all valid (a broken one is skipped and counted). */
export function validShape(g: GeoJsonGeometry): boolean {
  if (g.type === 'GeometryCollection') return Array.isArray(g.geometries) && g.geometries.every(validShape);
  const depth: Record<string, number> = {
    MultiPoint: 1,
    LineString: 1,
    MultiLineString: 2,
    Polygon: 2,
    MultiPolygon: 3,
  };
  const d = depth[g.type];
  if (d === undefined) return false;
  const check = (c: unknown, level: number): boolean => {
    if (!Array.isArray(c)) return false;
    if (level === 0) return c.length >= 2 && validCoordinates(Number(c[1]), Number(c[0]));
    return c.length > 0 && c.every((x) => check(x, level - 1));
  };
  return check(g.coordinates, d);
}

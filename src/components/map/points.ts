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

export function pointsOf(table: Table, locator: Locator, rows?: ArrayLike<number>): Points {
  const n = rows ? rows.length : table.rowCount;
  const outRows: number[] = [];
  const outLat: number[] = [];
  const outLon: number[] = [];
  const shapes: Points['shapes'] = [];
  let missing = 0;
  let invalid = 0;
  const numberAt = (r: number, c: Column) => {
    const v = table.number(r, c.index);
    return Number.isNaN(v) ? looseNumber(table.text(r, c.index)) : v;
  };
  const add = (r: number, lat: number, lon: number) => {
    if (validCoordinates(lat, lon)) {
      outRows.push(r);
      outLat.push(lat);
      outLon.push(lon);
    } else invalid++;
  };
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    if (locator.kind === 'latlon') {
      const latText = table.text(r, locator.lat.index).trim();
      const lonText = table.text(r, locator.lon.index).trim();
      if (!latText && !lonText) missing++;
      else add(r, numberAt(r, locator.lat), numberAt(r, locator.lon));
    } else if (locator.kind === 'point') {
      const v = table.value(r, locator.point.index);
      if (v === null || v === '') missing++;
      else if (typeof v === 'object' && 'lat' in v) add(r, (v as GeoPoint).lat, (v as GeoPoint).lon);
      else {
        // A "lat,lon" text the inference did not read (stray characters): one more try.
        const m = /^\s*\[?\s*(-?[\d.,]+)\s*[,;]\s*(-?[\d.,]+)\s*\]?\s*$/.exec(
          String(v).replace(/[\u00a0\u202f]/g, ' '),
        );
        if (m) add(r, Number(m[1]), Number(m[2]));
        else invalid++;
      }
    } else {
      const g = table.value(r, locator.geometry.index) as GeoJsonGeometry | null;
      if (!g || typeof g !== 'object') {
        missing++;
        continue;
      }
      const point = pointOf(g);
      if (point) add(r, point[1], point[0]);
      else if (validShape(g)) shapes.push({ row: r, geometry: g });
      else invalid++;
    }
  }
  return {
    rows: Uint32Array.from(outRows),
    lat: Float64Array.from(outLat),
    lon: Float64Array.from(outLon),
    shapes,
    missing,
    invalid,
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

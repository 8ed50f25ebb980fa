/**
 * Which columns of a table locate its rows on a map.
 *
 * Order of preference:
 * 1. a pair of number columns named like latitude and longitude ("lat"/"lon", "latitude"/
 *    "longitude", "Ylatitude"/"Xlongitude", "y_lat"/"x_long", "lng", "long", "coordonnees_lat"…,
 *    in any case, with or without accents, underscores or camelCase), or "y"/"x" pairs
 *    ("Y", "coordonnee_y", "coord_x"…) when their values are degrees;
 * 2. a 'geopoint' column ("lat,lon" in one field, {lat, lon}), preferring names such as
 *    geo_point_2d, geopoint, coordonnées, position, localisation;
 * 3. a 'geometry' column (GeoJSON), preferring names such as geo_shape, geometry, geom.
 *
 * Projected coordinates are not degrees: Lambert-93 X/Y ("coordonnee_X" = 332503.4) or Web Mercator.
 * When the values of the columns are given (`valuesOf`), a latitude column must hold values in
 * [-90, 90] and a longitude column in [-180, 180] (at most 2 % outside, at least one value), so
 * such columns are never taken for degrees. Without values, only columns named like latitude
 * and longitude are accepted, never "x"/"y", which are too often projected.
 *
 * No DOM, no Lit.
 */
import type { Column } from './model.ts';
import { normalizeName } from './model.ts';

export type GeoColumns =
  | { kind: 'latlon'; lat: number; lon: number }
  | { kind: 'point'; point: number }
  | { kind: 'geometry'; geometry: number };

/** The numeric values of the column at an index (e.g. `(i) => table.data(i).values`). */
export type ValuesOf = (index: number) => ArrayLike<number> | undefined;

/** Share of the finite values of a coordinate column that may lie outside the range. */
const OUT_OF_RANGE = 0.02;

const LAT_WORDS: ReadonlySet<string> = new Set(['lat', 'latitude', 'ylat', 'ylatitude', 'latitudes']);
const LON_WORDS: ReadonlySet<string> = new Set([
  'lon',
  'lng',
  'long',
  'longitude',
  'xlon',
  'xlng',
  'xlong',
  'xlongitude',
  'longitudes',
]);
/** Words that may accompany "x"/"y" in a coordinate column name. */
const COORD_WORDS: ReadonlySet<string> = new Set([
  'coord',
  'coords',
  'coordonnee',
  'coordonnees',
  'coordinate',
  'coordinates',
  'wgs84',
  'wgs',
  '84',
  'gps',
  'geo',
  'point',
  'pt',
]);
const POINT_NAMES = ['geo point 2d', 'geopoint', 'geo point', 'coordonnees', 'coordinates', 'position', 'localisation'];
const GEOMETRY_NAMES = ['geo shape', 'geoshape', 'geometry', 'geometrie', 'geom', 'shape', 'contour'];

/** Words of a name: camelCase split, lower case, no accents ("coordonneeX" → coordonnee, x). */
function words(name: string): string[] {
  return normalizeName(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * How strongly a name says "latitude" (axis 'lat') or "longitude" (axis 'lon'):
 * 3 the name is exactly that word, 2 it contains it, 1 it is a y/x coordinate, 0 not at all.
 */
export function coordinateScore(name: string, axis: 'lat' | 'lon'): number {
  const ws = words(name);
  const named = axis === 'lat' ? LAT_WORDS : LON_WORDS;
  const other = axis === 'lat' ? LON_WORDS : LAT_WORDS;
  if (ws.some((w) => other.has(w))) return 0;
  if (ws.some((w) => named.has(w))) return ws.length === 1 ? 3 : 2;
  const letter = axis === 'lat' ? 'y' : 'x';
  if (ws.includes(letter) && ws.every((w) => w === letter || COORD_WORDS.has(w))) return 1;
  return 0;
}

/** Whether at least one value is finite and at most 2 % of the finite values exceed ±limit. */
function inDegrees(values: ArrayLike<number> | undefined, limit: number): boolean {
  if (!values) return false;
  let finite = 0;
  let out = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      finite++;
      if (v > limit || v < -limit) out++;
    }
  }
  return finite > 0 && out <= finite * OUT_OF_RANGE;
}

function nameRank(name: string, preferred: readonly string[]): number {
  const n = normalizeName(name);
  const i = preferred.findIndex((p) => n === p || n.replace(/ /g, '') === p.replace(/ /g, ''));
  if (i >= 0) return preferred.length * 2 - i;
  const j = preferred.findIndex((p) => n.includes(p));
  return j >= 0 ? preferred.length - j : 0;
}

/** The best column of a type, by name preference, first on ties. */
function bestOfType(columns: readonly Column[], type: Column['type'], preferred: readonly string[]): number {
  let best = -1;
  let bestRank = -1;
  columns.forEach((c, i) => {
    if (c.type !== type) return;
    const r = nameRank(c.name, preferred);
    if (r > bestRank) {
      best = i;
      bestRank = r;
    }
  });
  return best;
}

/**
 * Finds the columns that locate the rows: a latitude/longitude pair, a geopoint column or a
 * geometry column (column indices). Pass `valuesOf` to check that coordinates are degrees.
 */
export function detectGeo(columns: readonly Column[], valuesOf?: ValuesOf): GeoColumns | undefined {
  let lat = -1;
  let lon = -1;
  let latScore = 0;
  let lonScore = 0;
  columns.forEach((c, i) => {
    if (c.type !== 'number' && c.type !== 'integer') return;
    const ls = coordinateScore(c.name, 'lat');
    const os = ls > 0 ? 0 : coordinateScore(c.name, 'lon');
    if (ls === 0 && os === 0) return;
    if (!valuesOf && Math.max(ls, os) < 2) return;
    if (ls > latScore && (!valuesOf || inDegrees(valuesOf(i), 90))) {
      lat = i;
      latScore = ls;
    } else if (os > lonScore && (!valuesOf || inDegrees(valuesOf(i), 180))) {
      lon = i;
      lonScore = os;
    }
  });
  if (lat >= 0 && lon >= 0) return { kind: 'latlon', lat, lon };
  const point = bestOfType(columns, 'geopoint', POINT_NAMES);
  if (point >= 0) return { kind: 'point', point };
  const geometry = bestOfType(columns, 'geometry', GEOMETRY_NAMES);
  if (geometry >= 0) return { kind: 'geometry', geometry };
  return undefined;
}

/**
 * The areas of a map: the shapes of a GeoJSON of communes, départements or régions, and the value
 * each one gets from the data (a choropleth). No DOM, no Leaflet.
 *
 * Two ways to get areas:
 * - `areas` + `join`: the areas come from their own GeoJSON; the data rows are grouped by the
 *   code of the `join` column and matched to the feature property `area-key` (both normalized);
 *   an area's value is the count of its rows, or the sum or mean of a `value` column over them;
 * - the data itself is a GeoJSON of polygons: each row is an area, its value the row's `value`.
 */
import type { Column, Table } from '../../data/model.ts';
import { cellNumber } from '../table/cells.ts';
import type { ShownColumn } from '../table/column-spec.ts';
import { detectLocator, pointsOf, type GeoJsonGeometry } from './points.ts';
import { aggregateByCode, normalizeCode } from './thematic.ts';

export type Aggregate = 'count' | 'sum' | 'mean';
export const AGGREGATES: readonly Aggregate[] = ['count', 'sum', 'mean'];

export interface AreaShapes {
  /** Rows of the table that have a drawable line or polygon, and their geometry. */
  rows: number[];
  geometries: GeoJsonGeometry[];
  /** Rows whose geometry is broken (unreadable positions, out of range, unknown type) or a point. */
  skipped: number;
  /** Rows with no geometry at all. */
  missing: number;
}

/** The drawable shapes of a table read from a GeoJSON (undefined when it has no geometry column). */
export function shapesOf(table: Table): AreaShapes | undefined {
  const locator = detectLocator(table);
  if (!locator || locator.kind !== 'geometry') return undefined;
  const found = pointsOf(table, locator);
  return {
    rows: found.shapes.map((s) => s.row),
    geometries: found.shapes.map((s) => s.geometry),
    // A point in a file of areas cannot be coloured as an area: it is skipped, and said so.
    skipped: found.invalid + found.rows.length,
    missing: found.missing,
  };
}

/** Rows looked at to detect the area key (enough to tell codes apart, cheap on big files). */
const DETECT_ROWS = 5000;

/**
 * The column of the areas table whose normalized values match the most codes of the data's join
 * column (undefined when none matches): the `area-key` a page author left out.
 */
export function detectAreaKey(areas: Table, data: Table, joinColumn: number): Column | undefined {
  const codes = new Set<string>();
  for (let r = 0; r < Math.min(data.rowCount, DETECT_ROWS); r++) {
    const code = normalizeCode(data.text(r, joinColumn));
    if (code) codes.add(code);
  }
  return detectAreaKeyOf(areas, codes);
}

/** The column of the areas table whose normalized values match the most of `codes` (normalized). */
export function detectAreaKeyOf(areas: Table, codes: ReadonlySet<string>): Column | undefined {
  let best: Column | undefined;
  let bestCount = 0;
  for (const column of areas.columns) {
    if (column.type === 'geometry' || column.type === 'geopoint' || column.type === 'json') continue;
    let count = 0;
    for (let r = 0; r < areas.rowCount; r++) if (codes.has(normalizeCode(areas.text(r, column.index)))) count++;
    if (count > bestCount) {
      best = column;
      bestCount = count;
    }
  }
  return best;
}

/** Names that say a column holds the name of a place (for titles of areas). */
const NAME_WORDS = /^(nom|name|libelle|label|lib|nom_.*|.*_nom|.*name|libelle_.*|.*_libelle|lib_.*)$/i;

/** The column that names the areas: nom, name, libelle… else the first text column but `skip`. */
export function nameColumn(table: Table, skip?: Column): Column | undefined {
  const texts = table.columns.filter((c) => c !== skip && c.type === 'string');
  const plain = (c: Column) => c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return texts.find((c) => NAME_WORDS.test(plain(c))) ?? texts[0];
}

/** The areas drawn, with what the data gives each one. */
export interface AreaValues {
  /** Per area: its value, NaN when the data gives it none. */
  values: Float64Array;
  /** Per area: the data rows it stands for. */
  rows: number[][];
  /** Data rows whose (non-empty) code matches no area. */
  unmatched: number;
  /** Data rows with an empty code. */
  noCode: number;
}

/**
 * Joins data rows to areas on a code: `codes[i]` is the code of area i through normalizeCode; the data rows
 * are grouped by the normalized code of `join`; an area gets the count of its rows, or the sum
 * or mean of `value` over them (NaN when none of them has a number).
 */
export function joinValues(
  codes: readonly string[],
  data: Table,
  join: Column,
  value: ShownColumn | undefined,
  aggregate: Aggregate,
  only?: ArrayLike<number>,
): AreaValues {
  const groups = aggregateByCode(data, join.index, undefined, only);
  const values = new Float64Array(codes.length).fill(NaN);
  const rows: number[][] = codes.map(() => []);
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const g = code ? groups.get(code) : undefined;
    if (!g) return;
    seen.add(code);
    rows[i] = g.rows;
    if (aggregate === 'count' || !value) {
      values[i] = g.count;
      return;
    }
    let sum = 0;
    let valued = 0;
    for (const r of g.rows) {
      const v = cellNumber(data, r, value);
      if (Number.isFinite(v)) {
        sum += v;
        valued++;
      }
    }
    if (valued) values[i] = aggregate === 'mean' ? sum / valued : sum;
  });
  let unmatched = 0;
  let grouped = 0;
  for (const [code, g] of groups) {
    grouped += g.count;
    if (!seen.has(code)) unmatched += g.count;
  }
  // aggregateByCode leaves out the rows without a code.
  const noCode = (only ? only.length : data.rowCount) - grouped;
  return { values, rows, unmatched, noCode };
}

/** What the server's group-by gives for one normalized code (see groupValues). */
export interface CodeGroup {
  /** Rows with this code (count), or those of them that have a value (sum, mean). */
  count: number;
  /** Sum of the value over these rows (sum, mean); NaN for a count, or when the API did not give it. */
  sum: number;
}

/**
 * The values of the areas from aggregates computed elsewhere (a query API's group-by), keyed by
 * normalized code: what joinValues gives from the rows, without the rows. count: the group's
 * count; sum: its sum; mean: sum ÷ count. With sum and mean, an area whose rows have no value (a
 * count of 0) has no data, as with joinValues; so has an area of no group. `unmatched` and `noCode` count rows only when the counts are those of
 * every row (`rowCounts`), else they are 0 (not known).
 */
export function groupValues(
  codes: readonly string[],
  groups: ReadonlyMap<string, CodeGroup>,
  aggregate: Aggregate,
  rowCounts: { noCode: number } | undefined,
): AreaValues {
  const values = new Float64Array(codes.length).fill(NaN);
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const g = code ? groups.get(code) : undefined;
    if (!g) return;
    seen.add(code);
    const v = aggregate === 'count' ? g.count : g.count <= 0 ? NaN : aggregate === 'sum' ? g.sum : g.sum / g.count;
    if (Number.isFinite(v)) values[i] = v;
  });
  let unmatched = 0;
  if (rowCounts) for (const [code, g] of groups) if (!seen.has(code)) unmatched += g.count;
  return { values, rows: codes.map(() => []), unmatched, noCode: rowCounts?.noCode ?? 0 };
}

/** Values of rows that are areas themselves (a GeoJSON of polygons with a `value` property). */
export function rowValues(data: Table, rows: readonly number[], value: ShownColumn | undefined): AreaValues {
  const values = new Float64Array(rows.length).fill(NaN);
  if (value) rows.forEach((r, i) => (values[i] = cellNumber(data, r, value)));
  return { values, rows: rows.map((r) => [r]), unmatched: 0, noCode: 0 };
}

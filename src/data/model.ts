/**
 * The shared table model: immutable, columnar and compact.
 *
 * Every column keeps the text of its cells concatenated in one string with a Uint32Array of
 * offsets (cell i is `text.slice(offsets[i], offsets[i + 1])`), plus, for typed columns, a
 * Float64Array of parsed values (NaN where the cell is empty or does not parse). A 200,000-row
 * table is therefore a few strings and typed arrays per column, cheap to transfer from the
 * parse worker and cheap to keep. Views (filter, sort) are index arrays over this model.
 *
 * No DOM, no Lit.
 */

export const COLUMN_TYPES = [
  'string', // free text
  'code', // identifier made of digits that must stay text: INSEE "01004", SIREN, SIRET, postcodes
  'integer', // whole numbers
  'number', // decimal numbers (French decimal comma and thin/NBSP thousands accepted)
  'percent', // "12,5 %" stored as 12.5
  'date', // dd/mm/yyyy, d/m/yyyy, yyyy/mm/dd, ISO dates and date-times, stored as UTC epoch ms
  'boolean', // oui/non, true/false, t/f, vrai/faux: 1 or 0
  'geopoint', // "lat, lon" in one field or {lat, lon}: values holds lat, values2 holds lon
  'geometry', // GeoJSON geometry (objects kept as they are)
  'json', // other nested objects or arrays (objects kept as they are)
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Types whose cells have a numeric value in `values`. */
export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set([
  'integer',
  'number',
  'percent',
  'date',
  'boolean',
  'geopoint',
]);

/** What a column holds, as transferable plain data (what the parse worker posts back). */
export interface ColumnData {
  /** The header as written in the file (trimmed). Unique within a table. */
  name: string;
  type: ColumnType;
  /** Every cell's text, concatenated. */
  text: string;
  /**
   * The same text cut into pieces of PIECE_ROWS rows (piece k holds rows k·PIECE_ROWS onwards;
   * `offsets` stay global). Set instead of `text` (then '') on columns handed over from the parse
   * worker, so that no single message carries tens of megabytes.
   */
  pieces?: string[];
  /** rowCount + 1 offsets into `text`. */
  offsets: Uint32Array;
  /** Parsed value per row for numeric types (NaN = empty or unparsable). */
  values?: Float64Array;
  /** Second coordinate (longitude) of a geopoint column. */
  values2?: Float64Array;
  /** The original objects of a `geometry` or `json` column (undefined where empty). */
  objects?: unknown[];
  /** Hints found while inferring: e.g. the number of decimals seen, the date had a time part. */
  meta?: ColumnMeta;
}

/** Rows per piece of a column's text (see ColumnData.pieces). */
export const PIECE_ROWS = 8192;

export interface ColumnMeta {
  /** Largest number of decimals seen in a number/percent column. */
  decimals?: number;
  /** A date column whose values carry a time of day. */
  time?: boolean;
  /** An integer column of years (named so, every value from 1000 to 2999): written without grouping. */
  year?: boolean;
  /** Count of non-empty cells that did not parse as the chosen type (kept as text). */
  invalid?: number;
  /** Count of empty cells. */
  empty?: number;
}

export interface TableData {
  rowCount: number;
  columns: ColumnData[];
}

/** A value as a program sees it: number, string, boolean, Date, {lat, lon}, an object, or null. */
export type CellValue = string | number | boolean | Date | GeoPoint | object | null;

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** The public description of a column (the `columns` property of every element). */
export interface Column {
  readonly name: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly index: number;
  readonly meta: Readonly<ColumnMeta>;
}

/** Lower case, no accents, no surrounding or repeated spaces: how column names are matched. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .trim();
}

export class Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly #data: ColumnData[];
  readonly #byName = new Map<string, number>();

  constructor(data: TableData) {
    this.rowCount = data.rowCount;
    this.#data = data.columns;
    this.columns = data.columns.map((c, index) =>
      Object.freeze({ name: c.name, label: c.name, type: c.type, index, meta: Object.freeze({ ...c.meta }) }),
    );
    Object.freeze(this.columns);
    data.columns.forEach((c, i) => {
      if (!this.#byName.has(c.name)) this.#byName.set(c.name, i);
    });
    data.columns.forEach((c, i) => {
      const key = normalizeName(c.name);
      if (!this.#byName.has(key)) this.#byName.set(key, i);
    });
  }

  /** The column whose header matches `name` exactly, or else ignoring case, accents and separators. */
  column(name: string): Column | undefined {
    const i = this.#byName.get(name) ?? this.#byName.get(normalizeName(name));
    return i === undefined ? undefined : this.columns[i];
  }

  /** The text of a cell as written in the source (empty string when empty). */
  text(row: number, col: number): string {
    const c = this.#data[col];
    if (c.pieces) {
      const k = Math.floor(row / PIECE_ROWS);
      const base = c.offsets[k * PIECE_ROWS];
      return c.pieces[k].slice(c.offsets[row] - base, c.offsets[row + 1] - base);
    }
    return c.text.slice(c.offsets[row], c.offsets[row + 1]);
  }

  /** The numeric value of a cell of a numeric column (NaN when empty or unparsable, or not numeric). */
  number(row: number, col: number): number {
    const v = this.#data[col].values;
    return v ? v[row] : NaN;
  }

  /** The typed value of a cell. */
  value(row: number, col: number): CellValue {
    const c = this.#data[col];
    switch (c.type) {
      case 'integer':
      case 'number':
      case 'percent': {
        const v = c.values![row];
        return Number.isNaN(v) ? this.#textOrNull(row, col) : v;
      }
      case 'date': {
        const v = c.values![row];
        return Number.isNaN(v) ? this.#textOrNull(row, col) : new Date(v);
      }
      case 'boolean': {
        const v = c.values![row];
        return Number.isNaN(v) ? this.#textOrNull(row, col) : v === 1;
      }
      case 'geopoint': {
        const lat = c.values![row];
        const lon = c.values2![row];
        return Number.isNaN(lat) || Number.isNaN(lon) ? this.#textOrNull(row, col) : { lat, lon };
      }
      case 'geometry':
      case 'json':
        return (c.objects?.[row] as object | undefined) ?? this.#textOrNull(row, col);
      default:
        return this.#textOrNull(row, col);
    }
  }

  /** One row as a plain object keyed by column name, with typed values. */
  record(row: number): Record<string, CellValue> {
    const out: Record<string, CellValue> = {};
    for (let c = 0; c < this.#data.length; c++) out[this.#data[c].name] = this.value(row, c);
    return out;
  }

  /** The raw column data (for the query engine and renderers that work on whole columns). */
  data(col: number): Readonly<ColumnData> {
    return this.#data[col];
  }

  #textOrNull(row: number, col: number): string | null {
    const t = this.text(row, col);
    return t === '' ? null : t;
  }
}

/** Builds the concatenated text and offsets of a column from its cell strings. */
export function packText(cells: readonly string[]): { text: string; offsets: Uint32Array } {
  const offsets = new Uint32Array(cells.length + 1);
  let at = 0;
  for (let i = 0; i < cells.length; i++) {
    at += cells[i].length;
    offsets[i + 1] = at;
  }
  return { text: cells.join(''), offsets };
}

/** Cuts a column's text into pieces of PIECE_ROWS rows (see ColumnData.pieces). */
export function cutText(text: string, offsets: Uint32Array): string[] {
  const rows = offsets.length - 1;
  const pieces: string[] = [];
  for (let start = 0; start < rows; start += PIECE_ROWS) {
    const end = Math.min(rows, start + PIECE_ROWS);
    pieces.push(text.slice(offsets[start], offsets[end]));
  }
  return pieces;
}

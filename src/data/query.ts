/**
 * Queries over the table model: search, sort and value filters, as views (index arrays), never copies of rows.
 *
 * - Search is accent- and case-insensitive ("etampes" finds "Étampes"): each column's text is
 *   folded once (lower case, accents removed, one UTF-16 unit for one, so the offsets stay valid)
 *   and searched with `indexOf`, which costs a few milliseconds per column at 200,000 rows. Every
 *   word of the query must appear in the row, in any of the searched columns.
 * - Sort is numeric for numbers, chronological for dates, French for text (accents and case do
 *   not scatter "Étampes" after "Zonza", "2" before "10"); empty cells sort last in both
 *   directions. Each column's sort ranks are computed once and cached with the table.
 *
 * No DOM, no Lit.
 */
import { NUMERIC_TYPES, PIECE_ROWS, type Table } from './model.ts';

/** Lower case without accents, of the same length as the input (so offsets into it stay valid). */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length !== s.length) return foldEachUnit(s);
  return lower.replace(ACCENTED, foldChar);
}

/** Accented lower-case letters of the Latin ranges, and the typographic forms people type plainly. */
const ACCENTED = /[\u00e0-\u024f\u2019\u2018\u00a0\u202f\u2009]/g;
const FOLDED = new Map<string, string>([
  ['\u2019', "'"],
  ['\u2018', "'"],
  ['\u00a0', ' '],
  ['\u202f', ' '],
  ['\u2009', ' '],
]);

function foldChar(c: string): string {
  let f = FOLDED.get(c);
  if (f === undefined) {
    const base = c.normalize('NFD').charAt(0);
    f = base.length === 1 && base.charCodeAt(0) < 0x80 ? base : c;
    FOLDED.set(c, f);
  }
  return f;
}

/** The slow path for the rare letters whose lower case is longer (e.g. "İ"): unit by unit. */
function foldEachUnit(s: string): string {
  let out = '';
  for (const c of s) {
    if (c.length !== 1) {
      out += c;
      continue;
    }
    const lower = c.toLowerCase();
    out += lower.length === 1 ? lower.replace(ACCENTED, foldChar) : c;
  }
  return out;
}

interface Cache {
  folded: (readonly string[] | undefined)[];
  ranks: (Float64Array | undefined)[];
  distinct: (Distinct | undefined)[];
}
const caches = new WeakMap<Table, Cache>();

function cacheOf(table: Table): Cache {
  let c = caches.get(table);
  if (!c) {
    c = { folded: [], ranks: [], distinct: [] };
    caches.set(table, c);
  }
  return c;
}

function foldedColumn(table: Table, col: number): readonly string[] {
  const cache = cacheOf(table);
  let f = cache.folded[col];
  if (!f) {
    const d = table.data(col);
    f = (d.pieces ?? [d.text]).map(fold);
    cache.folded[col] = f;
  }
  return f;
}

/**
 * Folds the text of `columns` ahead of a search, one column per idle moment, so the first search
 * is as fast as the next ones without one long task. Returns a function that stops it.
 */
export function prepareSearch(table: Table, columns: readonly number[]): () => void {
  const idle: (cb: () => void) => number =
    typeof requestIdleCallback === 'function'
      ? (cb) => requestIdleCallback(cb)
      : (cb) => setTimeout(cb, 0) as unknown as number;
  const cancel: (id: number) => void =
    typeof cancelIdleCallback === 'function' ? cancelIdleCallback : (id) => clearTimeout(id);
  let i = 0;
  let handle = 0;
  const step = () => {
    if (i < columns.length) foldedColumn(table, columns[i++]);
    if (i < columns.length) handle = idle(step);
  };
  handle = idle(step);
  return () => cancel(handle);
}

/** Whether a column's text is folded already (for tests). */
export function isPrepared(table: Table, col: number): boolean {
  return cacheOf(table).folded[col] !== undefined;
}

export interface SearchOptions {
  /** Columns to search (indices); all by default. */
  columns?: readonly number[];
  /** Rows to search among, in their order; all rows by default. */
  rows?: ArrayLike<number>;
}

/** The rows where every word of `query` appears (accent- and case-insensitive), in the order of `rows`. */
export function searchRows(table: Table, query: string, options: SearchOptions = {}): Uint32Array {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const rows = options.rows ?? allRows(table);
  if (!words.length) return Uint32Array.from(rows);
  const columns = options.columns ?? table.columns.map((c) => c.index);
  const matched = new Uint8Array(table.rowCount);
  const inRow = new Uint8Array(table.rowCount);
  for (const word of words) {
    inRow.fill(0);
    for (const col of columns) markMatches(table, col, word, inRow);
    for (let r = 0; r < inRow.length; r++) if (inRow[r]) matched[r]++;
  }
  const need = words.length;
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (matched[rows[i]] === need) out.push(rows[i]);
  return Uint32Array.from(out);
}

/** Sets inRow[r] for every row whose cell in `col` contains `word` (folded). */
function markMatches(table: Table, col: number, word: string, inRow: Uint8Array): void {
  const d = table.data(col);
  const offsets = d.offsets;
  const texts = foldedColumn(table, col);
  // A pieced column holds PIECE_ROWS rows a piece (see model.ts).
  const rowsPer = d.pieces ? PIECE_ROWS : table.rowCount;
  for (let k = 0; k < texts.length; k++) {
    const text = texts[k];
    const first = k * rowsPer;
    const last = Math.min(table.rowCount, first + rowsPer);
    const base = offsets[first];
    let row = first;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      const pos = at + base;
      while (row < last && offsets[row + 1] <= pos) row++;
      if (row >= last) break;
      // The match must lie inside one cell, not across two.
      if (pos + word.length <= offsets[row + 1]) {
        inRow[row] = 1;
        // Next match in the next row: this row is found already.
        at = offsets[row + 1] - base - 1;
      }
    }
  }
}

export interface SortKey {
  column: number;
  descending?: boolean;
}

/** The rows in the order of the keys (stable), empty cells last whatever the direction. */
export function sortRows(table: Table, keys: readonly SortKey[], rows?: ArrayLike<number>): Uint32Array {
  const out = Uint32Array.from(rows ?? allRows(table));
  if (!keys.length) return out;
  const ranks = keys.map((k) => ranksOf(table, k.column));
  const signs = keys.map((k) => (k.descending ? -1 : 1));
  // Stability: ties keep their order in `rows`.
  const position = new Uint32Array(table.rowCount);
  for (let i = 0; i < out.length; i++) position[out[i]] = i;
  out.sort((a, b) => {
    for (let k = 0; k < ranks.length; k++) {
      const x = ranks[k][a];
      const y = ranks[k][b];
      if (x === y) continue;
      // NaN: empty or unparsable, always after the values.
      if (Number.isNaN(x)) {
        if (!Number.isNaN(y)) return 1;
        continue;
      }
      if (Number.isNaN(y)) return -1;
      return x < y ? -signs[k] : signs[k];
    }
    return position[a] - position[b];
  });
  return out;
}

/**
 * A number per row whose order is the column's order: the value for numbers, dates and booleans
 * (NaN when empty), and for text the rank of the cell among the column's distinct values in
 * French order (NaN when empty).
 */
export function ranksOf(table: Table, col: number): Float64Array {
  const cache = cacheOf(table);
  let ranks = cache.ranks[col];
  if (ranks) return ranks;
  const column = table.columns[col];
  const values = table.data(col).values;
  if (NUMERIC_TYPES.has(column.type) && values && column.type !== 'geopoint') {
    ranks = values;
  } else {
    ranks = textRanks(table, col);
  }
  cache.ranks[col] = ranks;
  return ranks;
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
/** Ties of the base collator (É and é) are ordered by the full French collation: é, then É. */
const tieBreaker = new Intl.Collator('fr', { numeric: true });
/** Above this many distinct values, text is ordered by folded keys, not by the collator (too slow). */
const COLLATOR_LIMIT = 20_000;

/**
 * The distinct non-empty values of a column (trimmed text), cached with the table: `ids[r]` is the
 * value id of row r (-1 when empty), `values[id]` its text, and `order` the ids in the column's
 * order (by value for numbers and dates, French order for text).
 */
export interface Distinct {
  readonly ids: Int32Array;
  readonly values: readonly string[];
  readonly order: Uint32Array;
}

export function distinctOf(table: Table, col: number): Distinct {
  const cache = cacheOf(table);
  let d = cache.distinct[col];
  if (d) return d;
  const n = table.rowCount;
  const map = new Map<string, number>();
  const ids = new Int32Array(n);
  const values: string[] = [];
  const first: number[] = [];
  for (let r = 0; r < n; r++) {
    const t = table.text(r, col).trim();
    if (!t) {
      ids[r] = -1;
      continue;
    }
    let id = map.get(t);
    if (id === undefined) {
      id = values.length;
      map.set(t, id);
      values.push(t);
      first.push(r);
    }
    ids[r] = id;
  }
  const order = Uint32Array.from(values.keys());
  const column = table.columns[col];
  const numbers = table.data(col).values;
  if (numbers && NUMERIC_TYPES.has(column.type) && column.type !== 'geopoint') {
    // Unparsable values after the numbers, in text order.
    const v = (id: number) => numbers[first[id]];
    order.sort((a, b) => {
      const x = v(a);
      const y = v(b);
      if (Number.isNaN(x) || Number.isNaN(y))
        return Number.isNaN(x) === Number.isNaN(y) ? compareText(values[a], values[b]) : Number.isNaN(x) ? 1 : -1;
      return x - y;
    });
  } else if (values.length <= COLLATOR_LIMIT) {
    order.sort((a, b) => compareText(values[a], values[b]));
  } else {
    const keys = values.map(naturalKey);
    order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  }
  d = { ids, values, order };
  cache.distinct[col] = d;
  return d;
}

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || tieBreaker.compare(a, b);
}

function textRanks(table: Table, col: number): Float64Array {
  const { ids, values, order } = distinctOf(table, col);
  const rankOfId = new Float64Array(values.length);
  order.forEach((id, rank) => (rankOfId[id] = rank));
  const ranks = new Float64Array(ids.length);
  for (let r = 0; r < ids.length; r++) ranks[r] = ids[r] < 0 ? NaN : rankOfId[ids[r]];
  return ranks;
}

/** A filter on one column: the rows whose value is one of `values` (matched ignoring case and accents). */
export interface ValueFilter {
  column: number;
  values: readonly string[];
}

/** The value ids a filter accepts. */
function acceptedIds(table: Table, filter: ValueFilter): Uint8Array {
  const d = distinctOf(table, filter.column);
  const accept = new Uint8Array(d.values.length);
  const wanted = new Set(filter.values.map((v) => fold(v.trim())));
  d.values.forEach((v, id) => {
    if (wanted.has(fold(v))) accept[id] = 1;
  });
  return accept;
}

/** The rows (in the order of `rows`) that pass every filter; filters on different columns combine with AND. */
export function filterRows(table: Table, filters: readonly ValueFilter[], rows?: ArrayLike<number>): Uint32Array {
  const source = rows ?? allRows(table);
  if (!filters.length) return Uint32Array.from(source);
  const tests = filters.map((f) => ({ ids: distinctOf(table, f.column).ids, accept: acceptedIds(table, f) }));
  const out = new Uint32Array(source.length);
  let n = 0;
  outer: for (let i = 0; i < source.length; i++) {
    const r = source[i];
    for (const t of tests) {
      const id = t.ids[r];
      if (id < 0 || !t.accept[id]) continue outer;
    }
    out[n++] = r;
  }
  return out.slice(0, n);
}

/** How many of `rows` hold each value of a column: counts[id] (see distinctOf). */
export function countValues(table: Table, col: number, rows?: ArrayLike<number>): Uint32Array {
  const { ids, values } = distinctOf(table, col);
  const counts = new Uint32Array(values.length);
  if (!rows) {
    for (let r = 0; r < ids.length; r++) if (ids[r] >= 0) counts[ids[r]]++;
  } else {
    for (let i = 0; i < rows.length; i++) {
      const id = ids[rows[i]];
      if (id >= 0) counts[id]++;
    }
  }
  return counts;
}

/** A folded key whose plain order is close to the collator's: numbers padded so "2" < "10". */
function naturalKey(s: string): string {
  return fold(s).replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

function allRows(table: Table): Uint32Array {
  const rows = new Uint32Array(table.rowCount);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return rows;
}

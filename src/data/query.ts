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
  /** Folded text of a column, piece by piece (see foldedColumn). */
  folded: (string[] | undefined)[];
  /** Distinct values, finished or being read. */
  distinct: (Distinct | undefined)[];
  builders: (DistinctBuilder | undefined)[];
  /** The distinct values folded and joined (see foldedValues). */
  foldedValues: ({ text: string; starts: Uint32Array } | undefined)[];
  orders: (Uint32Array | undefined)[];
  ranks: (Ranks | undefined)[];
  rankers: (NumberRanker | undefined)[];
  floatRanks: (Float64Array | undefined)[];
}
const caches = new WeakMap<Table, Cache>();

function cacheOf(table: Table): Cache {
  let c = caches.get(table);
  if (!c) {
    c = {
      folded: [],
      distinct: [],
      builders: [],
      foldedValues: [],
      orders: [],
      ranks: [],
      rankers: [],
      floatRanks: [],
    };
    caches.set(table, c);
  }
  return c;
}

/** Pieces of a column's text (one when the column is not cut in pieces). */
function piecesOf(table: Table, col: number): readonly string[] {
  const d = table.data(col);
  return d.pieces ?? [d.text];
}

/** A column's text folded, piece by piece; `stop` (checked between pieces) lets idle work pause. */
function foldedColumn(table: Table, col: number, stop?: () => boolean): readonly string[] | undefined {
  const pieces = piecesOf(table, col);
  const f = (cacheOf(table).folded[col] ??= []);
  while (f.length < pieces.length) {
    f.push(fold(pieces[f.length]));
    if (stop && f.length < pieces.length && stop()) return undefined;
  }
  return f;
}

/**
 * Reads a column's distinct values, a slice of rows at a time when `stop` is given (idle work),
 * all at once otherwise.
 */
class DistinctBuilder {
  readonly ids: Int32Array;
  readonly values: string[] = [];
  readonly first: number[] = [];
  readonly #map = new Map<string, number>();
  #row = 0;

  constructor(
    readonly table: Table,
    readonly col: number,
  ) {
    this.ids = new Int32Array(table.rowCount);
  }

  /** True when every row is read. */
  step(stop?: () => boolean): boolean {
    const { table, col, ids, values, first } = this;
    const map = this.#map;
    const n = table.rowCount;
    let r = this.#row;
    while (r < n) {
      const end = stop ? Math.min(n, r + 2048) : n;
      for (; r < end; r++) {
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
      if (stop && r < n && stop()) break;
    }
    this.#row = r;
    return r >= n;
  }
}

/**
 * Prepares `columns` for search and sort while the page is idle, so the first search and sort are
 * as fast as the next ones: first reads each column's distinct values and folds them (or folds
 * the whole text when most values are distinct), then computes each column's sort ranks. The
 * work runs in the browser's idle periods, in slices that stop when the period ends, so no task
 * runs long. Returns a function that stops it.
 */
export function prepareColumns(table: Table, columns: readonly number[]): () => void {
  const idle: (cb: (d?: IdleDeadline) => void) => number =
    typeof requestIdleCallback === 'function'
      ? (cb) => requestIdleCallback(cb)
      : (cb) => setTimeout(cb, 0) as unknown as number;
  const cancel: (id: number) => void =
    typeof cancelIdleCallback === 'function' ? cancelIdleCallback : (id) => clearTimeout(id);
  const cache = cacheOf(table);
  let i = 0;
  let handle = 0;
  /** Idle periods too short for a step that cannot be cut; after a few, it runs anyway. */
  let waited = 0;
  const step = (deadline?: IdleDeadline) => {
    const started = performance.now();
    const left = () => (deadline ? deadline.timeRemaining() : 40 - (performance.now() - started));
    const stop = () => left() < 2;
    while (i < 2 * columns.length) {
      const col = columns[i % columns.length];
      if (i < columns.length) {
        // Phase 1: ready for search.
        if (!cache.distinct[col]) {
          const b = (cache.builders[col] ??= new DistinctBuilder(table, col));
          if (!b.step(stop)) break;
          distinctOf(table, col);
        }
        if (useValues(table, cache.distinct[col]!)) foldedValues(table, col);
        else if (!foldedColumn(table, col, stop)) break;
      } else if (
        !stepRanks(table, col, stop, () => {
          const ok = left() > 30 || ++waited > 10;
          if (ok) waited = 0;
          return ok;
        })
      ) {
        // Phase 2: ready for sort.
        break;
      }
      i++;
      if (stop()) break;
    }
    if (i < 2 * columns.length) handle = idle(step);
  };
  handle = idle(step);
  return () => cancel(handle);
}

/** Whether a column is ready for search with no further work (for tests). */
export function isPrepared(table: Table, col: number): boolean {
  const cache = cacheOf(table);
  const d = cache.distinct[col];
  if (d && useValues(table, d)) return cache.foldedValues[col] !== undefined;
  return cache.folded[col]?.length === piecesOf(table, col).length;
}

/** Search the distinct values rather than every cell when values repeat (categories, communes…). */
function useValues(table: Table, d: Distinct): boolean {
  return d.values.length * 4 <= table.rowCount;
}

/** The distinct values of a column, folded and joined by U+0000, with where each one starts. */
function foldedValues(table: Table, col: number): { text: string; starts: Uint32Array } {
  const cache = cacheOf(table);
  let f = cache.foldedValues[col];
  if (!f) {
    const values = distinctOf(table, col).values;
    const starts = new Uint32Array(values.length + 1);
    let at = 0;
    values.forEach((v, id) => {
      starts[id] = at;
      at += v.length + 1;
    });
    starts[values.length] = at;
    f = { text: fold(values.join('\u0000')), starts };
    cache.foldedValues[col] = f;
  }
  return f;
}

export interface SearchOptions {
  /** Columns to search (indices); all by default. */
  columns?: readonly number[];
  /** Rows to search among, in their order; all rows by default. */
  rows?: ArrayLike<number>;
}

/** The rows where every word of `query` appears (accent- and case-insensitive), in the order of `rows`. */
export function searchRows(table: Table, query: string, options: SearchOptions = {}): Uint32Array {
  const words = fold(query.split('\u0000').join('')).split(/\s+/).filter(Boolean);
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
  const d = cacheOf(table).distinct[col];
  if (d && useValues(table, d)) {
    // The values that hold the word, then their rows. Values are joined by U+0000, which no
    // word holds, so a match never spans two values.
    const { text, starts } = foldedValues(table, col);
    const hit = new Uint8Array(d.values.length);
    let id = 0;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      while (starts[id + 1] <= at) id++;
      hit[id] = 1;
      at = starts[id + 1] - 1;
    }
    const ids = d.ids;
    for (let r = 0; r < ids.length; r++) if (ids[r] >= 0 && hit[ids[r]]) inRow[r] = 1;
    return;
  }
  const offsets = table.data(col).offsets;
  const texts = foldedColumn(table, col)!;
  // A pieced column holds PIECE_ROWS rows a piece (see model.ts).
  const rowsPer = texts.length > 1 ? PIECE_ROWS : table.rowCount;
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

/** Rows a packed sort key can address (positions take the low 22 bits of a float64's 53). */
const PACK = 2 ** 22;

/** The rows in the order of the keys (stable), empty cells last whatever the direction. */
export function sortRows(table: Table, keys: readonly SortKey[], rows?: ArrayLike<number>): Uint32Array {
  const source = rows ?? allRows(table);
  const out = Uint32Array.from(source);
  if (!keys.length) return out;
  const ranks = keys.map((k) => rankOf(table, k.column));
  if (keys.length === 1 && source.length < PACK) {
    // One key: each row's (rank, position) packed in one number and sorted by the engine's native
    // numeric sort; the position keeps ties in their order (stable) and gives the row back.
    const { rank, count } = ranks[0];
    const desc = keys[0].descending === true;
    const packed = new Float64Array(source.length);
    for (let i = 0; i < source.length; i++) {
      const k = rank[source[i]];
      packed[i] = (k < 0 ? count : desc ? count - 1 - k : k) * PACK + i;
    }
    packed.sort();
    for (let i = 0; i < packed.length; i++) out[i] = source[packed[i] % PACK];
    return out;
  }
  const signs = keys.map((k) => (k.descending ? -1 : 1));
  // Stability: ties keep their order in `rows`.
  const position = new Uint32Array(table.rowCount);
  for (let i = 0; i < out.length; i++) position[out[i]] = i;
  out.sort((a, b) => {
    for (let k = 0; k < ranks.length; k++) {
      const x = ranks[k].rank[a];
      const y = ranks[k].rank[b];
      if (x === y) continue;
      // -1: empty or unparsable, always after the values.
      if (x < 0) return 1;
      if (y < 0) return -1;
      return x < y ? -signs[k] : signs[k];
    }
    return position[a] - position[b];
  });
  return out;
}

/** Each row's rank in a column's order (-1 when empty or unparsable), and how many ranks there are. */
interface Ranks {
  rank: Int32Array;
  count: number;
}

/** Numeric ranks, built in slices when `stop` is given (idle work), all at once otherwise. */
class NumberRanker {
  readonly rank: Int32Array;
  #sorted?: Float64Array;
  #count = 0;
  #row = 0;

  constructor(readonly values: Float64Array) {
    this.rank = new Int32Array(values.length);
  }

  get count(): number {
    return this.#count;
  }

  /** True when every row has its rank. */
  step(stop?: () => boolean): boolean {
    const { values, rank } = this;
    if (!this.#sorted) {
      // The distinct numbers in order (one native sort).
      const sorted = values.filter((v) => !Number.isNaN(v)).sort();
      let u = 0;
      for (let i = 0; i < sorted.length; i++) if (u === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
      this.#sorted = sorted;
      this.#count = u;
      if (stop?.()) return false;
    }
    const sorted = this.#sorted;
    const last = this.#count - 1;
    let i = this.#row;
    while (i < values.length) {
      const end = stop ? Math.min(values.length, i + 8192) : values.length;
      for (; i < end; i++) {
        const v = values[i];
        if (Number.isNaN(v)) {
          rank[i] = -1;
          continue;
        }
        // Binary search of the value among the distinct ones.
        let lo = 0;
        let hi = last;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (sorted[mid] < v) lo = mid + 1;
          else hi = mid;
        }
        rank[i] = lo;
      }
      if (stop && i < values.length && stop()) break;
    }
    this.#row = i;
    return i >= values.length;
  }
}

/** The numbers of a column that sorts by value (numbers, dates, booleans), or undefined. */
function numbersOf(table: Table, col: number): Float64Array | undefined {
  const column = table.columns[col];
  const values = table.data(col).values;
  return values && NUMERIC_TYPES.has(column.type) && column.type !== 'geopoint' ? values : undefined;
}

/**
 * Prepares a column's ranks a slice at a time; true when they are ready. The one sort of the
 * distinct numbers cannot be cut, so it waits for an idle period with room for it (`room`).
 */
function stepRanks(table: Table, col: number, stop: () => boolean, room: () => boolean): boolean {
  const cache = cacheOf(table);
  if (cache.ranks[col]) return true;
  const values = numbersOf(table, col);
  if (values) {
    let ranker = cache.rankers[col];
    if (!ranker) {
      if (!room()) return false;
      ranker = cache.rankers[col] = new NumberRanker(values);
    }
    if (!ranker.step(stop)) return false;
  } else if (!cache.orders[col] && !room()) {
    return false;
  }
  rankOf(table, col);
  return true;
}

function rankOf(table: Table, col: number): Ranks {
  const cache = cacheOf(table);
  let r = cache.ranks[col];
  if (r) return r;
  const values = numbersOf(table, col);
  if (values) {
    const ranker = cache.rankers[col] ?? new NumberRanker(values);
    ranker.step();
    r = { rank: ranker.rank, count: ranker.count };
    cache.rankers[col] = undefined;
  } else {
    const { ids, values: distinct } = distinctOf(table, col);
    const rank = new Int32Array(table.rowCount);
    const rankOfId = new Int32Array(distinct.length);
    orderOf(table, col).forEach((id, k) => (rankOfId[id] = k));
    for (let i = 0; i < ids.length; i++) rank[i] = ids[i] < 0 ? -1 : rankOfId[ids[i]];
    r = { rank, count: distinct.length };
  }
  cache.ranks[col] = r;
  return r;
}

/**
 * A number per row whose order is the column's order: the rank among the column's distinct
 * values in order (numbers by value, dates by date, text in French order); NaN when empty.
 */
export function ranksOf(table: Table, col: number): Float64Array {
  const cache = cacheOf(table);
  let f = cache.floatRanks[col];
  if (!f) {
    f = Float64Array.from(rankOf(table, col).rank, (k) => (k < 0 ? NaN : k));
    cache.floatRanks[col] = f;
  }
  return f;
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
/** Ties of the base collator (É and é) are ordered by the full French collation: é, then É. */
const tieBreaker = new Intl.Collator('fr', { numeric: true });
/** Above this many distinct values, text is ordered by folded keys, not by the collator (too slow). */
const COLLATOR_LIMIT = 20_000;

/**
 * The distinct non-empty values of a column (trimmed text), cached with the table: `ids[r]` is the
 * value id of row r (-1 when empty) and `values[id]` its text. See orderOf for their order.
 */
export interface Distinct {
  readonly ids: Int32Array;
  readonly values: readonly string[];
  /** The first row that holds each value. */
  readonly first: readonly number[];
}

export function distinctOf(table: Table, col: number): Distinct {
  const cache = cacheOf(table);
  let d = cache.distinct[col];
  if (d) return d;
  const b = cache.builders[col] ?? new DistinctBuilder(table, col);
  b.step();
  d = { ids: b.ids, values: b.values, first: b.first };
  cache.distinct[col] = d;
  cache.builders[col] = undefined;
  return d;
}

/** The value ids of a column in its order: by value for numbers and dates, French order for text. */
export function orderOf(table: Table, col: number): Uint32Array {
  const cache = cacheOf(table);
  let order = cache.orders[col];
  if (order) return order;
  const { values, first } = distinctOf(table, col);
  order = Uint32Array.from(values.keys());
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
  cache.orders[col] = order;
  return order;
}

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || tieBreaker.compare(a, b);
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

/** A range on one numeric or date column (bounds inclusive, either may be absent; dates as epoch ms). */
export interface RangeFilter {
  column: number;
  min?: number;
  max?: number;
}

/** The rows (in the order of `rows`) whose value lies in the range; empty or unreadable cells are out. */
export function rangeRows(table: Table, range: RangeFilter, rows?: ArrayLike<number>): Uint32Array {
  const source = rows ?? allRows(table);
  const values = table.data(range.column).values;
  const min = range.min ?? -Infinity;
  const max = range.max ?? Infinity;
  const out = new Uint32Array(source.length);
  let n = 0;
  if (!values) return out.slice(0, 0);
  for (let i = 0; i < source.length; i++) {
    const v = values[source[i]];
    if (v >= min && v <= max) out[n++] = source[i];
  }
  return out.slice(0, n);
}

/** The smallest and largest value of a numeric or date column (undefined when it has none). */
export function extentOf(table: Table, col: number): { min: number; max: number } | undefined {
  const values = table.data(col).values;
  if (!values) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < table.rowCount; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
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

/**
 * The shared query of a `<vitrine-source>`: the filters on its fields (values or a range) and a
 * search, over one immutable table, and what every bound element reads from it: the rows that
 * pass everything, and for a facet the rows that pass everything but its own filter (so its counts
 * say what choosing another value would give). Results are index arrays, cached until the query
 * changes. No DOM, no Lit.
 */
import type { Table } from './model.ts';
import { countValues, filterRows, rangeRows, searchRows } from './query.ts';

export type FieldFilter = { kind: 'values'; values: readonly string[] } | { kind: 'range'; min?: number; max?: number };

/** True when a filter keeps every row (no value chosen, no bound set). */
export function isOpen(f: FieldFilter | undefined): boolean {
  if (!f) return true;
  return f.kind === 'values' ? f.values.length === 0 : f.min === undefined && f.max === undefined;
}

function sameFilter(a: FieldFilter | undefined, b: FieldFilter | undefined): boolean {
  if (isOpen(a) || isOpen(b)) return isOpen(a) === isOpen(b);
  if (a!.kind !== b!.kind) return false;
  if (a!.kind === 'range' && b!.kind === 'range') return a!.min === b!.min && a!.max === b!.max;
  const x = (a as { values: readonly string[] }).values;
  const y = (b as { values: readonly string[] }).values;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export class QueryState {
  readonly table: Table;
  /** Bumped on every change: a cache key for the elements that derive views from the rows. */
  version = 0;
  #filters = new Map<number, FieldFilter>();
  #search = '';
  #searchColumns?: readonly number[];
  #cache = new Map<string, Uint32Array>();

  constructor(table: Table) {
    this.table = table;
  }

  /** The filters in force, by column index (open filters are not kept). */
  get filters(): ReadonlyMap<number, FieldFilter> {
    return this.#filters;
  }

  get search(): string {
    return this.#search;
  }

  get searchColumns(): readonly number[] | undefined {
    return this.#searchColumns;
  }

  /** Sets (or, with undefined or an open filter, removes) the filter of a column; false when nothing changed. */
  setFilter(column: number, filter: FieldFilter | undefined): boolean {
    if (sameFilter(this.#filters.get(column), filter)) return false;
    if (isOpen(filter)) this.#filters.delete(column);
    else this.#filters.set(column, filter!);
    this.#changed();
    return true;
  }

  /** Removes every filter and the search; false when there was none. */
  clear(): boolean {
    if (!this.#filters.size && !this.#search.trim()) return false;
    this.#filters.clear();
    this.#search = '';
    this.#changed();
    return true;
  }

  /** Sets the search text and, optionally, the columns it looks in (all by default). */
  setSearch(text: string, columns?: readonly number[]): boolean {
    const sameColumns = JSON.stringify(columns ?? null) === JSON.stringify(this.#searchColumns ?? null);
    if (text === this.#search && sameColumns) return false;
    const before = this.#search.trim();
    this.#search = text;
    this.#searchColumns = columns;
    // Spaces typed at the end change no result.
    if (before !== text.trim() || (!sameColumns && text.trim())) this.#changed();
    return true;
  }

  /** The rows that pass the search and every filter, in table order. */
  rows(): Uint32Array {
    return this.#rowsWithout(-1);
  }

  /** The rows that pass the search and every filter but the one on `column`. */
  rowsExcept(column: number): Uint32Array {
    return this.#filters.has(column) ? this.#rowsWithout(column) : this.rows();
  }

  /** How many rows hold each value of `column` (see distinctOf) under every other filter and the search. */
  counts(column: number): Uint32Array {
    return countValues(this.table, column, this.rowsExcept(column));
  }

  /** True when some filter or a search restricts the rows. */
  get active(): boolean {
    return this.#filters.size > 0 || this.#search.trim() !== '';
  }

  #changed(): void {
    this.version++;
    this.#cache.clear();
  }

  #rowsWithout(skip: number): Uint32Array {
    const key = String(skip);
    let rows = this.#cache.get(key);
    if (rows) return rows;
    const table = this.table;
    let base: Uint32Array | undefined = this.#search.trim()
      ? searchRows(table, this.#search, { columns: this.#searchColumns })
      : undefined;
    const values = [];
    for (const [column, f] of this.#filters) {
      if (column === skip) continue;
      if (f.kind === 'values') values.push({ column, values: f.values });
      else base = rangeRows(table, { column, min: f.min, max: f.max }, base);
    }
    if (values.length) base = filterRows(table, values, base);
    if (!base) {
      base = new Uint32Array(table.rowCount);
      for (let i = 0; i < base.length; i++) base[i] = i;
    }
    rows = base;
    this.#cache.set(key, rows);
    return rows;
  }
}

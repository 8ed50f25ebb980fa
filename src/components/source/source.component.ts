import { css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { VitrineError } from '../../data/errors.ts';
import type { CellValue, Table } from '../../data/model.ts';
import { NUMERIC_TYPES } from '../../data/model.ts';
import { parseDate } from '../../data/infer.ts';
import { QueryState, type FieldFilter } from '../../data/query-state.ts';
import type { RemoteDataset, RemoteFilter, RemoteQuery } from '../../data/remote/index.ts';
import { parseFilter } from '../../internal/filter-spec.ts';
import { RemoteController, readServerMode, schemaTable } from '../../internal/remote-controller.ts';
import { VitrineErrorEvent, VitrineLoadEvent } from '../../internal/events.ts';
import { errorMessage } from '../../internal/error-message.ts';
import { registerSource, unregisterSource, type SharedSource } from '../../internal/source-link.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { nullableText } from '../../internal/text-properties.ts';
import { readUrlState, writeUrlState, type UrlPlace, type UrlState } from './url-state.ts';

/** A range written as "min..max" (either side may be empty): numbers or dates. */
const RANGE = /^\s*([^.]*?)\s*\.\.\s*([^.]*?)\s*$/;

/** A number, or a date as epoch ms, read from a bound of a range; undefined when empty or unreadable. */
export function boundOf(table: Table, column: number, text: string): number | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const type = table.columns[column].type;
  const v = type === 'date' ? parseDate(s) : Number(s.replace(',', '.'));
  return Number.isFinite(v) ? v : undefined;
}

/** A bound as written in a URL or an attribute: a number, or yyyy-mm-dd for a date. */
export function boundText(table: Table, column: number, v: number | undefined): string {
  if (v === undefined) return '';
  return table.columns[column].type === 'date' ? new Date(v).toISOString().slice(0, 10) : String(v);
}

/** True when a column can take a range filter. */
export function isRangeColumn(table: Table, column: number): boolean {
  const type = table.columns[column].type;
  return NUMERIC_TYPES.has(type) && type !== 'geopoint' && type !== 'boolean';
}

/** The filter that values written for a column stand for: a range "a..b" on a numeric or date column, else values. */
function filterOf(table: Table, column: number, values: readonly string[]): FieldFilter {
  const m = values.length === 1 && isRangeColumn(table, column) ? RANGE.exec(values[0]) : null;
  if (m) return { kind: 'range', min: boundOf(table, column, m[1]), max: boundOf(table, column, m[2]) };
  return { kind: 'values', values };
}

/**
 * @tagname vitrine-source
 * @summary One shared dataset for several elements of a page: fetched once, filtered once. Elements name it with `source="id"`; `<vitrine-filter>` and `<vitrine-search>` filter it, and a record picked in one bound element is shown in the others.
 *
 * @attribute {string} id - The name other elements give in their `source` attribute to use this source (required; when two sources share an id, the last one connected is used).
 * @attribute server - For a dataset behind a query API (Opendatasoft Explore v2.1, data.gouv.fr tabular API, CKAN DataStore): `auto` (default: above `server-threshold` rows the source downloads nothing; tables, cards and filters bound to it ask the API for their page and counts), `always`, or `never`.
 *
 * @event {VitrineLoadEvent} vitrine-load - The data is loaded. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event {VitrineErrorEvent} vitrine-error - Loading failed, or `filter`/`key` names no column. `detail`: `{ code, message, url }`.
 */
export class VitrineSource extends VitrineElement implements SharedSource {
  static override styles = [
    css`
      :host {
        display: none !important;
      }
    `,
  ];

  /** Initial filter: "type = COM | DEP, pop_insee = 1000..50000" (values, or a range on a number or date column). */
  @property() filter = '';

  /**
   * Writes the filters, the search and the selection into the page address so that a filtered view
   * can be shared: `query` (default) or `hash`. Reading the address restores them. The page's own
   * parameters are kept. Without the attribute (`null`), the address is neither read nor written.
   */
  @property({ attribute: 'url-state', converter: nullableText }) urlState: string | null = null;

  /** The column that identifies a record in the address (`id_odf`); the row number when absent. */
  @property() key = '';

  #state?: QueryState;
  #configError?: VitrineError;
  #listeners = new Set<() => void>();
  #registeredAs = '';
  #selection = -1;
  #selectedBy?: Element;
  #selectionVersion = 0;
  #applied = '';
  readonly #onAddress = () => this.#readAddress();
  readonly #remote = new RemoteController(this, () => this.#remoteFailed());
  /** Server side: the filters by API column name, and the search. */
  #remoteFilters = new Map<string, RemoteFilter>();
  #remoteSearch = '';
  #remoteApplied?: { dataset: RemoteDataset; setup: string };
  #remoteAnnounced?: RemoteDataset;
  #remoteStarted = 0;

  /** @internal The load bound elements mirror. */
  get loader() {
    return this.data;
  }

  /** @internal For the bound elements (see SharedSource). */
  get state(): QueryState | undefined {
    return this.#state;
  }

  /** @internal For the bound elements (see SharedSource). */
  get configError(): VitrineError | undefined {
    return this.#configError;
  }

  /** @internal For the bound elements (see SharedSource). */
  get remoteStatus(): 'idle' | 'deciding' | 'local' | 'server' | 'error' {
    return this.#remote.status;
  }

  /** @internal The query API, when the server does the work (see `server`). */
  get remote(): RemoteDataset | undefined {
    return this.#remote.status === 'server' ? this.#remote.dataset : undefined;
  }

  /** @internal For the bound elements (see SharedSource). */
  get remoteError(): unknown {
    return this.#remote.status === 'error' ? this.#remote.error : undefined;
  }

  /** True when the server filters and counts (see `server`). */
  get serverSide(): boolean {
    return this.#remote.status === 'server';
  }

  /** @internal For the bound elements (see SharedSource). */
  remoteQuery(except?: string): RemoteQuery {
    const filters = [...this.#remoteFilters.values()].filter((f) => f.column !== except);
    return { filters, search: this.#remoteSearch.trim() || undefined };
  }

  /** @internal For the bound elements (see SharedSource). */
  remoteFilter(column: string): RemoteFilter | undefined {
    return this.#remoteFilters.get(column);
  }

  /** @internal For the bound elements (see SharedSource). */
  get selection(): number {
    return this.#selection;
  }

  /** @internal For the bound elements (see SharedSource). */
  get selectedBy(): Element | undefined {
    return this.#selectedBy;
  }

  /** @internal For the bound elements (see SharedSource). */
  get selectionVersion(): number {
    return this.#selectionVersion;
  }

  /** The selected record, or undefined. */
  get selected(): Record<string, CellValue> | undefined {
    return this.#state && this.#selection >= 0 ? this.#state.table.record(this.#selection) : undefined;
  }

  /** @internal For the bound elements (see SharedSource). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Filters a field: values (any of them), `{ min, max }` (numbers, or dates as Date or epoch ms), or nothing to clear it. */
  setFilter(field: string, filter: readonly string[] | { min?: number | Date; max?: number | Date } | undefined): void {
    const dataset = this.remote;
    if (dataset) {
      const column = this.requireColumn(schemaTable(dataset), field, 'field');
      if (this.#setRemoteFilter(column.name, column.type === 'date', filter)) this.#changed();
      return;
    }
    const state = this.#state;
    if (!state) return;
    const column = this.requireColumn(state.table, field, 'field').index;
    const num = (v: number | Date | undefined) => (v instanceof Date ? v.getTime() : v);
    const f: FieldFilter | undefined =
      filter === undefined
        ? undefined
        : Array.isArray(filter)
          ? { kind: 'values', values: [...(filter as readonly string[])] }
          : {
              kind: 'range',
              min: num((filter as { min?: number | Date }).min),
              max: num((filter as { max?: number | Date }).max),
            };
    if (state.setFilter(column, f)) this.#changed();
  }

  /** Sets the search text (accent- and case-insensitive, every word must match). */
  setSearch(text: string, columns?: readonly number[]): void {
    if (this.remote) {
      if (text === this.#remoteSearch) return;
      this.#remoteSearch = text;
      this.#changed();
      return;
    }
    if (this.#state?.setSearch(text, columns)) this.#changed();
  }

  /** Removes every filter and the search. */
  clear(): void {
    if (this.remote) {
      if (!this.#remoteFilters.size && !this.#remoteSearch) return;
      this.#remoteFilters.clear();
      this.#remoteSearch = '';
      this.#changed();
      return;
    }
    if (this.#state?.clear()) this.#changed();
  }

  /** Server side: sets (or clears) the filter of an API column; true when it changed. */
  #setRemoteFilter(
    column: string,
    date: boolean,
    filter: readonly string[] | { min?: number | Date | string; max?: number | Date | string } | undefined,
  ): boolean {
    const before = JSON.stringify(this.#remoteFilters.get(column) ?? null);
    const bound = (v: number | Date | string | undefined): string | number | undefined => {
      if (v === undefined || v === '') return undefined;
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === 'number' && date) return new Date(v).toISOString().slice(0, 10);
      return v;
    };
    let next: RemoteFilter | undefined;
    if (Array.isArray(filter)) {
      if (filter.length) next = { column, values: [...(filter as readonly string[])] };
    } else if (filter) {
      const f = filter as { min?: number | Date | string; max?: number | Date | string };
      const min = bound(f.min);
      const max = bound(f.max);
      if (min !== undefined || max !== undefined) next = { column, min, max };
    }
    if (next) this.#remoteFilters.set(column, next);
    else this.#remoteFilters.delete(column);
    return JSON.stringify(next ?? null) !== before;
  }

  /**
   * Picks the record at `row` (its index in the data; -1 picks none), as a click in a bound element
   * does: the bound elements show it, and `url-state` keeps it in the address. `by` is the element it
   * was picked in, if any.
   */
  select(row: number, by?: Element): void {
    if (!this.#state || row >= this.#state.table.rowCount) return;
    this.#selection = row;
    this.#selectedBy = by;
    this.#selectionVersion++;
    this.#changed();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#register();
    addEventListener('popstate', this.#onAddress);
    addEventListener('hashchange', this.#onAddress);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unregisterSource(this.#registeredAs, this);
    this.#registeredAs = '';
    removeEventListener('popstate', this.#onAddress);
    removeEventListener('hashchange', this.#onAddress);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'id' && this.isConnected) this.#register();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'id'];
  }

  #register(): void {
    if (this.#registeredAs === this.id) return;
    unregisterSource(this.#registeredAs, this);
    this.#registeredAs = this.id;
    registerSource(this.id, this);
  }

  protected override loadsTable(): boolean {
    return this.#remote.status === 'local';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.#remoteStarted = performance.now();
    this.#remote.decide(this.src, this.proxy, readServerMode(this.server), this.serverThreshold);
    super.willUpdate(changed);
    if (this.remote) {
      this.#setUpRemote(this.remote);
      return;
    }
    this.#remoteApplied = undefined;
    const table = this.data.status === 'complete' ? this.data.result?.table : undefined;
    if (!table) {
      this.#state = undefined;
      this.#configError = undefined;
      return;
    }
    const setup = JSON.stringify([this.filter, this.key, this.urlState]);
    if (this.#state?.table === table && this.#applied === setup) return;
    this.#applied = setup;
    this.#selection = -1;
    this.#selectedBy = undefined;
    const state = new QueryState(table);
    try {
      const initial = parseFilter(this.filter, this.language, this.data.result?.url ?? this.src, (name) =>
        this.requireColumn(table, name, 'filter'),
      );
      for (const [column, values] of initial) state.setFilter(column, filterOf(table, column, values));
      if (this.key) this.requireColumn(table, this.key, 'key');
      this.#configError = undefined;
    } catch (err) {
      if (!(err instanceof VitrineError)) throw err;
      this.#configError = err;
    }
    this.#state = state;
    if (this.#place()) this.#readAddress(false);
  }

  /** Server side: the initial filter and the address, once per dataset and setup. */
  #setUpRemote(dataset: RemoteDataset): void {
    this.#state = undefined;
    this.#selection = -1;
    const setup = JSON.stringify([this.filter, this.urlState]);
    if (this.#remoteApplied?.dataset === dataset && this.#remoteApplied.setup === setup) return;
    this.#remoteApplied = { dataset, setup };
    this.#remoteFilters.clear();
    this.#remoteSearch = '';
    const schema = schemaTable(dataset);
    try {
      const initial = parseFilter(this.filter, this.language, this.src, (name) =>
        this.requireColumn(schema, name, 'filter'),
      );
      for (const [column, values] of initial) this.#applyWritten(schema, column, values);
      this.#configError = undefined;
    } catch (err) {
      if (!(err instanceof VitrineError)) throw err;
      this.#configError = err;
    }
    if (this.#place()) this.#readAddress(false);
  }

  /** Values written for a column (attribute or address) as a server filter: "a..b" is a range on numbers and dates. */
  #applyWritten(schema: Table, column: number, values: readonly string[]): boolean {
    const c = schema.columns[column];
    const m = values.length === 1 && isRangeColumn(schema, column) ? RANGE.exec(values[0]) : null;
    return this.#setRemoteFilter(c.name, c.type === 'date', m ? { min: m[1], max: m[2] } : values);
  }

  #remoteFailed(): void {
    void this.updateComplete.then(() => {
      const err = this.#remote.error;
      const e = err instanceof VitrineError ? err : undefined;
      this.dispatchEvent(
        new VitrineErrorEvent({
          code: e?.code ?? 'network',
          message: errorMessage(this.language, err),
          url: e?.url || this.src,
        }),
      );
    });
  }

  protected override validate(table: Table): void {
    parseFilter(this.filter, this.language, this.src, (name) => this.requireColumn(table, name, 'filter'));
    if (this.key) this.requireColumn(table, this.key, 'key');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dataset = this.remote;
    if (dataset && this.#remoteAnnounced !== dataset) {
      this.#remoteAnnounced = dataset;
      if (this.#configError) {
        const err = this.#configError;
        this.dispatchEvent(
          new VitrineErrorEvent({
            code: err.code,
            message: errorMessage(this.language, err),
            url: err.url || this.src,
          }),
        );
      } else {
        this.dispatchEvent(
          new VitrineLoadEvent({
            rowCount: dataset.total,
            columns: schemaTable(dataset).columns,
            elapsed: Math.round(performance.now() - this.#remoteStarted),
            url: dataset.api.url,
          }),
        );
      }
    }
    // The load moved on (progress, done, failed) or an attribute changed: bound elements follow.
    this.#notify();
  }

  /** The rows that pass the filters and the search (the `rows` property). */
  protected override visibleIndices(table: Table): ArrayLike<number> {
    return this.#state?.table === table ? this.#state.rows() : super.visibleIndices(table);
  }

  protected override renderData(): TemplateResult {
    return html``;
  }

  #place(): UrlPlace | undefined {
    if (this.urlState === null) return undefined;
    return this.urlState.trim().toLowerCase() === 'hash' ? 'hash' : 'query';
  }

  /** Applies the address to the state (on load, and when the person goes back or edits the address). */
  #readAddress(notify = true): void {
    const place = this.#place();
    const dataset = this.remote;
    if (place && dataset && this.id) {
      const schema = schemaTable(dataset);
      const read = readUrlState(this.id, place);
      let changed = false;
      for (const column of schema.columns) {
        const written = [...read.filters].find(([name]) => schema.column(name) === column)?.[1];
        if (written) changed = this.#applyWritten(schema, column.index, written) || changed;
        else if (notify) changed = this.#setRemoteFilter(column.name, false, undefined) || changed;
      }
      if (read.search !== this.#remoteSearch) {
        this.#remoteSearch = read.search;
        changed = true;
      }
      if (changed && notify) this.#notify();
      return;
    }
    const state = this.#state;
    if (!place || !state || !this.id) return;
    const table = state.table;
    const read = readUrlState(this.id, place);
    let changed = false;
    for (const column of table.columns) {
      const written = [...read.filters].find(([name]) => table.column(name) === column)?.[1];
      if (written) changed = state.setFilter(column.index, filterOf(table, column.index, written)) || changed;
      else if (notify) changed = state.setFilter(column.index, undefined) || changed;
    }
    changed = state.setSearch(read.search, state.searchColumns) || changed;
    const row = this.#rowOfKey(read.selection);
    if (row !== this.#selection) {
      this.#selection = row;
      this.#selectedBy = undefined;
      this.#selectionVersion++;
      changed = true;
    }
    if (changed && notify) this.#notify();
  }

  #rowOfKey(key: string): number {
    const table = this.#state?.table;
    if (!table || !key) return -1;
    const column = this.key ? table.column(this.key) : undefined;
    if (!column) {
      const n = Number(key);
      return Number.isInteger(n) && n >= 1 && n <= table.rowCount ? n - 1 : -1;
    }
    for (let r = 0; r < table.rowCount; r++) if (table.text(r, column.index).trim() === key) return r;
    return -1;
  }

  #keyOfRow(row: number): string {
    const table = this.#state?.table;
    if (!table || row < 0) return '';
    const column = this.key ? table.column(this.key) : undefined;
    return column ? table.text(row, column.index).trim() : String(row + 1);
  }

  #changed(): void {
    this.#writeAddress();
    this.#notify();
  }

  #writeAddress(): void {
    const place = this.#place();
    if (place && this.remote && this.id) {
      const out: UrlState = { filters: new Map(), search: this.#remoteSearch, selection: '' };
      for (const f of this.#remoteFilters.values()) {
        out.filters.set(f.column, f.values ? [...f.values] : [`${f.min ?? ''}..${f.max ?? ''}`]);
      }
      writeUrlState(this.id, place, out);
      return;
    }
    const state = this.#state;
    if (!place || !state || !this.id) return;
    const table = state.table;
    const out: UrlState = { filters: new Map(), search: state.search, selection: this.#keyOfRow(this.#selection) };
    for (const [column, f] of state.filters) {
      const name = table.columns[column].name;
      out.filters.set(
        name,
        f.kind === 'values'
          ? [...f.values]
          : [`${boundText(table, column, f.min)}..${boundText(table, column, f.max)}`],
      );
    }
    writeUrlState(this.id, place, out);
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

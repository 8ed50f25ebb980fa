import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Table } from '../data/model.ts';
import {
  countValues,
  distinctOf,
  filterRows,
  orderOf,
  searchRows,
  sortRows,
  type SortKey,
  type ValueFilter,
} from '../data/query.ts';
import { formatInteger } from '../format/format.ts';
import { t } from '../i18n/localize.ts';
import type { RemoteQuery, ValueCount } from '../data/remote/index.ts';
import { parseList } from './converters.ts';
import { parseFilter } from './filter-spec.ts';
import type { RemoteController } from './remote-controller.ts';
import { facetCountsQuery, remoteQuery } from './server-records.ts';
import { VitrineElement } from './vitrine-element.ts';

/** `page-size`: a number, or 0 / "all" / "tout" for every record; `fallback` when absent or unreadable. */
export function pageSizeConverter(fallback: number) {
  return {
    fromAttribute(value: string | null): number {
      if (value === null) return fallback;
      if (/^\s*(0|all|tout|toutes)\s*$/i.test(value)) return 0;
      const n = Math.floor(Number(value));
      return Number.isFinite(n) && n > 0 ? n : fallback;
    },
  };
}

/** One facet of a view: value ids in display order and their counts under the other filters. */
export interface FacetView {
  column: number;
  order: Uint32Array;
  counts: Uint32Array;
  total: number;
}

/** The records shown (after filters, search and sort) and what the controls show. */
export interface RecordView {
  key: string;
  table: Table;
  rows: Uint32Array;
  facets: FacetView[];
}

/**
 * The base of the elements that list records (the table, the cards): the `sort`, `search`,
 * `facets` and `filter` attributes, with the same names and syntax on each, the view they give
 * (cached until a query, choice or sort changes), and the search box and facet controls.
 */
export abstract class VitrineRecordsElement extends VitrineElement {
  /** Initial sort: column names, each optionally followed by `asc` or `desc`: "Région asc, Population desc". */
  @property() sort = '';

  /** Shows a search box that filters the records (accent- and case-insensitive). */
  @property({ type: Boolean }) search = false;

  /** Columns offered as facet filters (comma-separated). */
  @property() facets = '';

  /** Initial filter: "column = value, other = a | b". */
  @property() filter = '';

  /** The sort chosen by the person; the `sort` attribute applies until then. */
  @state() protected chosenSort?: SortKey[];
  /** The text typed in the search box. */
  @state() protected query = '';
  /** Facet choices made by the person (column index → value, '' for all); the `filter` attribute applies until then. */
  @state() protected chosenFacets = new Map<number, string>();

  #view?: RecordView;

  /** Columns the search box looks in. */
  protected abstract searchedColumns(table: Table): number[];

  /** Called when the search, a facet or the sort changes: back to the first page. */
  protected abstract resetPosition(): void;

  protected url(): string {
    return this.data.result?.url ?? this.src;
  }

  /** Checks `sort`, `facets` and `filter` against the table (a `config` error when a name matches nothing). */
  protected validateQuery(table: Table): void {
    this.sortKeys(table);
    this.facetColumns(table);
    this.filters(table);
  }

  /** The sort in force: the one chosen by the person, else the `sort` attribute. */
  protected sortKeys(table: Table): SortKey[] {
    if (this.chosenSort) return this.chosenSort;
    return parseList(this.sort).map((item) => {
      const m = /^(.*?)(?:\s+(asc|desc|croissant|décroissant|decroissant))?$/i.exec(item.trim())!;
      const column = this.requireColumn(table, m[1].trim(), 'sort').index;
      const dir = (m[2] ?? 'asc').toLowerCase();
      return { column, descending: dir === 'desc' || dir === 'décroissant' || dir === 'decroissant' };
    });
  }

  protected facetColumns(table: Table): number[] {
    return parseList(this.facets).map((name) => this.requireColumn(table, name, 'facets').index);
  }

  /** The `filter` attribute: column index → accepted values. */
  protected filters(table: Table): Map<number, string[]> {
    return parseFilter(this.filter, this.language, this.url(), (name) => this.requireColumn(table, name, 'filter'));
  }

  /** The value chosen on a facet, '' for all. */
  protected facetChoice(table: Table, column: number): string {
    const initial = this.filters(table).get(column);
    return this.chosenFacets.get(column) ?? (initial?.length === 1 ? initial[0] : '');
  }

  /** The rows shown, in order. */
  protected override visibleIndices(table: Table): Uint32Array {
    return this.recordView(table).rows;
  }

  /**
   * The view: search, then the fixed filters, then the facet choices, then the sort. `extraKey`
   * names anything else a subclass derives from the view (its cache is the view's).
   */
  protected recordView(table: Table, extraKey = ''): RecordView {
    const keys = this.sortKeys(table);
    const searched = this.searchedColumns(table);
    const facets = this.facetColumns(table);
    const fixed: ValueFilter[] = [];
    for (const [column, values] of this.filters(table)) {
      // On a facet column, one value is the facet's first choice; several stay a fixed filter
      // (the facet then offers those values).
      if (!facets.includes(column) || values.length > 1) fixed.push({ column, values });
    }
    const choices = facets.map((column) => this.facetChoice(table, column));
    const key = JSON.stringify([keys, this.query, searched, fixed, facets, choices, extraKey, this.linkKey()]);
    if (this.#view?.table === table && this.#view.key === key) return this.#view;

    // Bound to a `<vitrine-source>`: its filters and search apply first.
    const linked = this.linkedRows(table);
    let base: Uint32Array | undefined = this.query.trim()
      ? searchRows(table, this.query, { columns: searched, rows: linked })
      : linked;
    if (fixed.length) base = filterRows(table, fixed, base);
    const facetFilters: (ValueFilter | undefined)[] = facets.map((column, i) =>
      choices[i] ? { column, values: [choices[i]] } : undefined,
    );
    const active = facetFilters.filter((f): f is ValueFilter => f !== undefined);
    const filtered = active.length ? filterRows(table, active, base) : base;
    const facetViews = facets.map((column, i) => {
      // Each facet counts its values under every other filter, so a choice never leads to nothing.
      const others = active.filter((f) => f !== facetFilters[i]);
      const rows = others.length ? filterRows(table, others, base) : base;
      return {
        column,
        order: orderOf(table, column),
        counts: countValues(table, column, rows),
        total: rows ? rows.length : table.rowCount,
      };
    });
    this.#view = { key, table, rows: sortRows(table, keys, filtered), facets: facetViews };
    return this.#view;
  }

  // ---- server side (see server-records.ts) ------------------------------------------------------

  /** The query in force as a RemoteQuery on the API's `schema` (throws config errors). */
  protected serverQuery(schema: Table, search: string, searchColumns: readonly number[]): RemoteQuery {
    return remoteQuery(schema, {
      sort: this.sortKeys(schema),
      filters: this.filters(schema),
      facets: this.facetColumns(schema),
      choice: (column) => this.facetChoice(schema, column),
      search,
      searchColumns,
    });
  }

  /** Asks the server for each facet's counts under `query` and the other facets' choices (only when changed). */
  protected askFacetCounts(remote: RemoteController, schema: Table, query: RemoteQuery): void {
    for (const column of this.facetColumns(schema)) {
      const name = schema.columns[column].name;
      remote.fetchCounts(name, facetCountsQuery(query, name, this.facetChoice(schema, column)));
    }
  }

  /** The toolbar when the server filters: the search box (unless `searchable` is false) and facets counted by the server. */
  protected renderServerToolbar(
    schema: Table,
    searchLabel: string,
    label: (column: number) => string,
    counts: ReadonlyMap<string, ValueCount[] | undefined>,
    searchable = true,
  ): TemplateResult | typeof nothing {
    const facets = this.facetColumns(schema);
    const search = this.search && searchable;
    if (!search && !facets.length) return nothing;
    return html`<div part="toolbar">
      ${search ? this.renderSearch(searchLabel) : nothing}
      ${
        facets.length
          ? html`<div part="facets">
              ${facets.map((c, i) => this.#renderServerFacet(schema, c, i, label(c), counts.get(schema.columns[c].name)))}
            </div>`
          : nothing
      }
    </div>`;
  }

  /** A facet whose values and counts come from the server (group by), under the other filters. */
  #renderServerFacet(
    schema: Table,
    column: number,
    i: number,
    label: string,
    counts: ValueCount[] | undefined = [],
  ): TemplateResult {
    const lang = this.language;
    const choice = this.facetChoice(schema, column);
    const total = counts.reduce((a, c) => a + c.count, 0);
    const values = [...counts].sort((a, b) => a.value.localeCompare(b.value, 'fr', { numeric: true }));
    if (choice && !values.some((v) => v.value === choice)) values.unshift({ value: choice, count: 0 });
    return html`<div part="facet">
      <label for=${`facet-${i}`}>${label}</label>
      <select id=${`facet-${i}`} @change=${(e: Event) => this.#onFacet(column, e)}>
        <option value="" ?selected=${!choice}>${t(lang, 'facetAll', { count: formatInteger(lang, total) })}</option>
        ${values.map(
          (v) =>
            html`<option value=${v.value} ?selected=${v.value === choice}>
              ${v.value} (${formatInteger(lang, v.count)})
            </option>`,
        )}
      </select>
    </div>`;
  }

  protected onSearchInput(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.resetPosition();
  }

  #onFacet(column: number, e: Event): void {
    const next = new Map(this.chosenFacets);
    next.set(column, (e.target as HTMLSelectElement).value);
    this.chosenFacets = next;
    this.resetPosition();
  }

  /** The search box, labelled `label` (in the element's language). */
  protected renderSearch(label: string): TemplateResult {
    return html`<div part="search">
      <label for="search">${label}</label>
      <input id="search" type="search" .value=${this.query} @input=${this.onSearchInput} autocomplete="off" />
    </div>`;
  }

  /** The search box (when `search` is on) and the facets, or nothing. `label` names a column for people. */
  protected renderToolbar(
    table: Table,
    view: RecordView,
    searchLabel: string,
    label: (column: number) => string,
    extra: TemplateResult | typeof nothing = nothing,
  ): TemplateResult | typeof nothing {
    if (!this.search && !view.facets.length && extra === nothing) return nothing;
    return html`<div part="toolbar">
      ${this.search ? this.renderSearch(searchLabel) : nothing}
      ${
        view.facets.length
          ? html`<div part="facets">${view.facets.map((f, i) => this.#renderFacet(table, f, i, label(f.column)))}</div>`
          : nothing
      }
      ${extra}
    </div>`;
  }

  #renderFacet(table: Table, f: FacetView, i: number, label: string): TemplateResult {
    const lang = this.language;
    const d = distinctOf(table, f.column);
    const choice = this.facetChoice(table, f.column);
    const chosen = d.values.findIndex((v) => v.localeCompare(choice, 'fr', { sensitivity: 'base' }) === 0);
    return html`<div part="facet">
      <label for=${`facet-${i}`}>${label}</label>
      <select id=${`facet-${i}`} @change=${(e: Event) => this.#onFacet(f.column, e)}>
        <option value="" ?selected=${chosen < 0}>
          ${t(lang, 'facetAll', { count: formatInteger(lang, f.total) })}
        </option>
        ${Array.from(f.order, (id) =>
          // Values the other filters leave no row for are not offered (unless chosen).
          f.counts[id] || id === chosen
            ? html`<option value=${d.values[id]} ?selected=${id === chosen}>
                ${d.values[id]} (${formatInteger(lang, f.counts[id])})
              </option>`
            : nothing,
        )}
      </select>
    </div>`;
  }
}

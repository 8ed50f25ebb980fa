import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Column, Table } from '../../data/model.ts';
import { formatCell, formatInteger } from '../../format/format.ts';
import { t } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import { prepareSearch, searchRows, sortRows, type SortKey } from '../../data/query.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { tableStyles } from './table.styles.ts';

const NUMERIC = new Set(['integer', 'number', 'percent']);

/**
 * @tagname vitrine-table
 * @summary The indicator table: the rows of a CSV, JSON or GeoJSON file or portal dataset, as an accessible `<table>`.
 *
 * @attribute columns - Columns to show, in order, by header name as written in the file (comma-separated; matching ignores case and accents). All columns when absent. A name that matches nothing is a `config` error listing the columns that exist.
 * @attribute page-size - Rows per page (default 20).
 * @attribute sort - Initial sort: column names each followed by `asc` or `desc`, comma-separated ("Région asc, Population desc").
 * @attribute search - Boolean: shows a search box that filters the rows (accent- and case-insensitive).
 *
 * @event vitrine-load - The data is loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 *
 * @csspart status - The loading state (`role="status"`).
 * @csspart error - The error message (`role="alert"`).
 * @csspart error-url - The URL line of the error message.
 * @csspart search - The search box and its label.
 * @csspart sort-button - The button inside each header cell that sorts by its column.
 * @csspart scroller - The scrolling box around the table.
 * @csspart table - The `<table>`.
 * @csspart caption - The `<caption>`.
 * @csspart header - Each `<th>` of the header row.
 * @csspart row - Each body `<tr>`.
 * @csspart cell - Each body `<td>`.
 * @csspart footer - The row count and pagination.
 * @csspart pagination - The page buttons.
 *
 * @cssproperty --vitrine-font - Font family.
 * @cssproperty --vitrine-color-text - Text colour.
 * @cssproperty --vitrine-color-primary - Colour of buttons and progress.
 * @cssproperty --vitrine-color-border - Colour of row borders.
 * @cssproperty --vitrine-color-surface - Header background.
 * @cssproperty --vitrine-color-stripe - Background of even rows.
 * @cssproperty --vitrine-radius - Corner radius.
 * @cssproperty --vitrine-spacing - Base spacing.
 */
export class VitrineTable extends VitrineElement {
  static override styles = [...VitrineElement.styles, tableStyles];

  /** Columns to show, in order, by header name (comma-separated); all columns when absent. */
  @property({ attribute: false }) columnsShown: string[] = [];

  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Initial sort: column names, each optionally followed by `asc` or `desc`: "Région asc, Population desc". */
  @property() sort = '';

  /** Shows a search box that filters the rows (accent- and case-insensitive, over the shown columns). */
  @property({ type: Boolean }) search = false;

  @state() private page = 0;
  /** The sort chosen by clicking a header; the `sort` attribute applies until then. */
  @state() private chosenSort?: SortKey[];
  @state() private query = '';
  #view?: { table: Table; key: string; rows: Uint32Array };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'columns'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // `columns` is the attribute; the `columns` property is the read-only column list of the data.
    if (name === 'columns') this.columnsShown = parseList(value);
    else super.attributeChangedCallback(name, old, value);
  }

  protected override validate(table: Table): void {
    for (const name of this.columnsShown) this.requireColumn(table, name, 'columns');
    this.#sortKeys(table);
  }

  /** The sort in force: the one chosen by clicking a header, else the `sort` attribute. */
  #sortKeys(table: Table): SortKey[] {
    if (this.chosenSort) return this.chosenSort;
    return parseList(this.sort).map((item) => {
      const m = /^(.*?)(?:\s+(asc|desc|croissant|décroissant|decroissant))?$/i.exec(item.trim())!;
      const column = this.requireColumn(table, m[1].trim(), 'sort').index;
      const dir = (m[2] ?? 'asc').toLowerCase();
      return { column, descending: dir === 'desc' || dir === 'décroissant' || dir === 'decroissant' };
    });
  }

  /** The rows shown, in order, after search and sort (cached until one of them changes). */
  protected override visibleIndices(table: Table): Uint32Array {
    const keys = this.#sortKeys(table);
    const columns = this.#shown(table).map((c) => c.index);
    const key = JSON.stringify([keys, this.query, columns]);
    if (this.#view?.table !== table || this.#view.key !== key) {
      let rows = this.query.trim() ? searchRows(table, this.query, { columns }) : undefined;
      rows = keys.length ? sortRows(table, keys, rows) : (rows ?? sortRows(table, [], undefined));
      this.#view = { table, key, rows };
    }
    return this.#view.rows;
  }

  #stopPreparing?: () => void;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // With a search box, fold the shown columns while the page is idle, so the first search is fast.
    const table = this.table;
    if (this.search && table && this.#prepared !== table) {
      this.#prepared = table;
      this.#stopPreparing?.();
      this.#stopPreparing = prepareSearch(
        table,
        this.#shown(table).map((c) => c.index),
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPreparing?.();
    this.#prepared = undefined;
  }

  #prepared?: Table;

  #toggleSort(table: Table, column: number): void {
    const current = this.#sortKeys(table)[0];
    const descending = current?.column === column ? !current.descending : false;
    this.chosenSort = [{ column, descending }];
    this.page = 0;
  }

  #onSearch(e: Event): void {
    this.query = (e.target as HTMLInputElement).value;
    this.page = 0;
  }

  #shown(table: Table): Column[] {
    if (!this.columnsShown.length) return [...table.columns];
    // Names that match nothing are a config error (see validate); they are left out here.
    return this.columnsShown.map((n) => table.column(n)).filter((c): c is Column => c !== undefined);
  }

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const columns = this.#shown(table);
    const view = this.visibleIndices(table);
    const keys = this.#sortKeys(table);
    const size = Math.max(1, Math.floor(this.pageSize) || 20);
    const pages = Math.max(1, Math.ceil(view.length / size));
    const page = Math.min(this.page, pages - 1);
    const from = page * size;
    const to = Math.min(view.length, from + size);
    const yes = t(lang, 'yes');
    const no = t(lang, 'no');
    const rows: TemplateResult[] = [];
    for (let i = from; i < to; i++) {
      const r = view[i];
      rows.push(
        html`<tr part="row">
          ${columns.map((c) => {
            const text = table.text(r, c.index);
            const value = table.number(r, c.index);
            return html`<td part="cell" class=${NUMERIC.has(c.type) ? 'num' : ''}>
              ${formatCell(lang, text, value, { type: c.type, meta: c.meta, yes, no })}
            </td>`;
          })}
        </tr>`,
      );
    }
    const sortOf = (c: Column) => {
      const k = keys[0]?.column === c.index ? keys[0] : undefined;
      return k ? (k.descending ? 'descending' : 'ascending') : 'none';
    };
    const filtered = view.length !== table.rowCount;
    return html`${this.search ? this.#renderSearch() : nothing}
      <div part="scroller">
        <table part="table">
          ${
            this.label
              ? html`<caption part="caption">
                  ${this.label}
                </caption>`
              : nothing
          }
          <thead>
            <tr>
              ${columns.map((c) => {
                const state = sortOf(c);
                return html`<th
                  part="header"
                  scope="col"
                  class=${NUMERIC.has(c.type) ? 'num' : ''}
                  aria-sort=${state === 'none' ? nothing : state}
                >
                  <button type="button" part="sort-button" @click=${() => this.#toggleSort(table, c.index)}>
                    ${c.label}<span class="sort-mark" aria-hidden="true"
                      >${state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}</span
                    >
                  </button>
                </th>`;
              })}
            </tr>
          </thead>
          <tbody>
            ${
              rows.length
                ? rows
                : html`<tr>
                    <td colspan=${columns.length || 1}>${t(lang, 'noRows')}</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      <div part="footer">
        <span aria-live="polite">
          ${
            filtered
              ? t(lang, 'rowsFiltered', {
                  count: formatInteger(lang, view.length),
                  total: formatInteger(lang, table.rowCount),
                })
              : t(lang, 'rowsRange', {
                  from: formatInteger(lang, view.length ? from + 1 : 0),
                  to: formatInteger(lang, to),
                  count: formatInteger(lang, view.length),
                })
          }
        </span>
        ${pages > 1 ? this.#renderPagination(page, pages) : nothing}
      </div>`;
  }

  #renderSearch(): TemplateResult {
    const lang = this.language;
    return html`<div part="search">
      <label for="search">${t(lang, 'search')}</label>
      <input id="search" type="search" .value=${this.query} @input=${this.#onSearch} autocomplete="off" />
    </div>`;
  }

  #renderPagination(page: number, pages: number): TemplateResult {
    const lang = this.language;
    const go = (p: number) => () => {
      this.page = Math.max(0, Math.min(pages - 1, p));
    };
    return html`<nav part="pagination" aria-label=${t(lang, 'pagination')}>
      <button type="button" @click=${go(0)} ?disabled=${page === 0} aria-label=${t(lang, 'firstPage')}>«</button>
      <button type="button" @click=${go(page - 1)} ?disabled=${page === 0} aria-label=${t(lang, 'previousPage')}>
        ‹
      </button>
      <span>${t(lang, 'pageOf', { page: formatInteger(lang, page + 1), pages: formatInteger(lang, pages) })}</span>
      <button type="button" @click=${go(page + 1)} ?disabled=${page >= pages - 1} aria-label=${t(lang, 'nextPage')}>
        ›
      </button>
      <button type="button" @click=${go(pages - 1)} ?disabled=${page >= pages - 1} aria-label=${t(lang, 'lastPage')}>
        »
      </button>
    </nav>`;
  }
}

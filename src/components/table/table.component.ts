import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Column, Table } from '../../data/model.ts';
import { formatCell, formatInteger } from '../../format/format.ts';
import { t } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { tableStyles } from './table.styles.ts';

const NUMERIC = new Set(['integer', 'number', 'percent']);

/**
 * @tagname vitrine-table
 * @summary The indicator table: the rows of a CSV, JSON or GeoJSON file or portal dataset, as an accessible `<table>`.
 *
 * @attribute columns - Columns to show, in order, by header name as written in the file (comma-separated; matching ignores case and accents). All columns when absent. A name that matches nothing is a `config` error listing the columns that exist.
 * @attribute page-size - Rows per page (default 20).
 *
 * @event vitrine-load - The data is loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 *
 * @csspart status - The loading state (`role="status"`).
 * @csspart error - The error message (`role="alert"`).
 * @csspart error-url - The URL line of the error message.
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

  @state() private page = 0;

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
  }

  #shown(table: Table): Column[] {
    if (!this.columnsShown.length) return [...table.columns];
    return this.columnsShown.map((n) => table.column(n)!);
  }

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const columns = this.#shown(table);
    const size = Math.max(1, Math.floor(this.pageSize) || 20);
    const pages = Math.max(1, Math.ceil(table.rowCount / size));
    const page = Math.min(this.page, pages - 1);
    const from = page * size;
    const to = Math.min(table.rowCount, from + size);
    const yes = t(lang, 'yes');
    const no = t(lang, 'no');
    const rows: TemplateResult[] = [];
    for (let r = from; r < to; r++) {
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
    return html`<div part="scroller">
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
              ${columns.map(
                (c) => html`<th part="header" scope="col" class=${NUMERIC.has(c.type) ? 'num' : ''}>${c.label}</th>`,
              )}
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
          ${t(lang, 'rowsRange', {
            from: formatInteger(lang, table.rowCount ? from + 1 : 0),
            to: formatInteger(lang, to),
            count: formatInteger(lang, table.rowCount),
          })}
        </span>
        ${pages > 1 ? this.#renderPagination(page, pages) : nothing}
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

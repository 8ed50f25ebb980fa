import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VitrineError } from '../../data/errors.ts';
import type { Table } from '../../data/model.ts';
import { distinctOf, extentOf, fold, orderOf } from '../../data/query.ts';
import type { QueryState } from '../../data/query-state.ts';
import { formatInteger, formatNumber } from '../../format/format.ts';
import { t, type Lang } from '../../i18n/localize.ts';
import type { RemoteDataset } from '../../data/remote/index.ts';
import { VitrineLinkedControl } from '../../internal/linked-control.ts';
import { RemoteController, schemaTable } from '../../internal/remote-controller.ts';
import { boundOf, boundText, isRangeColumn } from '../source/source.component.ts';

export const FILTER_CONTROLS = ['checkbox', 'select', 'range'] as const;
export type FilterControl = (typeof FILTER_CONTROLS)[number];

/** Distinct values up to which a text column gets checkboxes rather than a select. */
const CHECKBOX_LIMIT = 12;

let ids = 0;

/** What a facet shows, from the downloaded rows or from the API's counts. */
interface FacetView {
  /** The values in the order shown, with their counts under the other filters. */
  values: string[];
  counts: number[];
  /** The values ticked when drawn. */
  chosen: readonly string[];
  /** The values ticked now (two clicks may come before the next draw). */
  current: () => readonly string[];
  /** Rows under the other filters (the select's "all" option); undefined when unknown. */
  others?: number;
  /** Rows under every filter (the range's count); undefined when unknown. */
  rows?: number;
  /** The range in force, as the inputs write it. */
  range?: { min: string; max: string };
  /** The column's smallest and largest values (numbers, dates as epoch ms). */
  extent?: { min: number; max: number };
  /** True while the counts are asked of the API. */
  loading?: boolean;
}

/**
 * @tagname vitrine-filter
 * @summary A facet of a shared `<vitrine-source>`: checkboxes, a select, or a minimum and maximum for numbers and dates, with the count of each value under the other filters. Every element bound to the source follows.
 *
 * @attribute source - The `id` of the `<vitrine-source>` to filter.
 * @attribute label - The visible label (the column's name when absent).
 *
 * @csspart filter - The group (a fieldset, or the select's wrapper).
 * @csspart label - The legend or label.
 * @csspart option - One checkbox with its value and count.
 * @csspart count - The count of a value.
 * @csspart clear - The button that removes this filter.
 * @csspart more - The button that shows every value.
 * @csspart error - The error message (`role="alert"`).
 *
 * @event {VitrineErrorEvent} vitrine-error - `source` or `field` names nothing. `detail`: `{ code: 'config', message, url }`.
 */
export class VitrineFilter extends VitrineLinkedControl {
  static override styles = [
    ...VitrineLinkedControl.styles,
    css`
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      legend,
      label.title {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.25rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.15rem;
      }
      [part~='option'] {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        min-height: 1.75rem;
      }
      [part~='option'].empty {
        color: var(--vitrine-color-muted, #595959);
      }
      input[type='checkbox'] {
        width: 1.1rem;
        height: 1.1rem;
        margin: 0;
        accent-color: var(--vitrine-color-primary, #000091);
      }
      [part='count'] {
        color: var(--vitrine-color-muted, #595959);
        font-variant-numeric: tabular-nums;
      }
      .range {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .range label {
        display: grid;
        gap: 0.15rem;
      }
      .range input,
      select {
        font: inherit;
        padding: 0.3rem 0.4rem;
        border: 1px solid var(--vitrine-color-border-strong, #767676);
        border-radius: var(--vitrine-radius, 4px);
        background: var(--vitrine-color-background, #fff);
        color: inherit;
        max-width: 100%;
      }
      .range input {
        width: 9rem;
      }
      input:focus-visible,
      select:focus-visible {
        outline: 2px solid var(--vitrine-color-focus, #0a76f6);
        outline-offset: 1px;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        margin-top: 0.35rem;
      }
      .actions button {
        padding: 0.15rem 0.5rem;
      }
    `,
  ];

  /** The column to filter on, as written in the file (case and accents do not matter). */
  @property() field = '';

  /**
   * `checkbox` (several values), `select` (one value) or `range` (numbers, dates). Chosen from the
   * column when absent: a range for numbers and dates, checkboxes up to 12 values, else a select.
   */
  @property() control = '';

  /** Checkboxes shown before a "show all" button (default 10; 0 for all). */
  @property({ type: Number, attribute: 'max-values' }) maxValues = 10;

  @state() private showAll = false;

  readonly #id = `vitrine-filter-${++ids}`;
  /** Server side (a source queried on the server): the counts of this field, asked of the API. */
  readonly #remote = new RemoteController(this, () => {});

  protected override check(state: QueryState): void {
    this.#column(state.table);
    this.#control(state.table);
  }

  protected override checkRemote(dataset: RemoteDataset): void {
    const schema = schemaTable(dataset);
    this.#column(schema);
    this.#control(schema);
  }

  protected override willUpdate(): void {
    super.willUpdate();
    const shared = this.shared;
    const dataset = shared?.remote;
    this.#remote.adopt(dataset);
    if (!shared || !dataset) return;
    try {
      const schema = schemaTable(dataset);
      const column = schema.columns[this.#column(schema)];
      if (this.#control(schema) !== 'range') this.#remote.fetchCounts(column.name, shared.remoteQuery(column.name));
    } catch {
      // shown by render
    }
  }

  #column(table: Table): number {
    if (!this.field.trim()) {
      throw new VitrineError('config', 'no field', '', {
        column: '',
        available: table.columns.map((c) => c.name),
        attribute: 'field',
      });
    }
    return this.requireColumn(table, this.field, 'field').index;
  }

  /**
   * The control in force: the attribute, else from the column's type and number of values (on the
   * server, the values counted by the API; checkboxes until they arrive).
   */
  #control(table: Table): FilterControl {
    const column = this.#column(table);
    const asked = this.control.trim().toLowerCase();
    if (asked) {
      if (!(FILTER_CONTROLS as readonly string[]).includes(asked)) {
        throw new VitrineError('config', `unknown control "${asked}"`, '', {
          value: this.control,
          allowed: [...FILTER_CONTROLS],
          attribute: 'control',
        });
      }
      if (asked === 'range' && !isRangeColumn(table, column)) {
        throw new VitrineError('config', `no range on a ${table.columns[column].type} column`, '', {
          value: this.control,
          allowed: ['checkbox', 'select'],
          attribute: 'control',
        });
      }
      return asked as FilterControl;
    }
    if (isRangeColumn(table, column)) return 'range';
    const values = table.rowCount
      ? distinctOf(table, column).values.length
      : (this.#remote.counts.get(table.columns[column].name)?.length ?? 0);
    return values <= CHECKBOX_LIMIT ? 'checkbox' : 'select';
  }

  #title(table: Table | undefined): string {
    return this.label || (table?.column(this.field)?.label ?? this.field);
  }

  protected override renderControl(state: QueryState | undefined, lang: Lang): TemplateResult {
    const dataset = this.shared?.remote;
    if (dataset) return this.#render(schemaTable(dataset), this.#remoteView(dataset), lang);
    if (!state) {
      // Loading: the label, and a control that cannot be used yet.
      return html`<fieldset part="filter" disabled aria-busy="true">
        <legend part="label">${this.#title(undefined)}</legend>
        <span part="count">${t(lang, 'loading')}</span>
      </fieldset>`;
    }
    return this.#render(state.table, this.#localView(state), lang);
  }

  #render(table: Table, view: FacetView, lang: Lang): TemplateResult {
    switch (this.#control(table)) {
      case 'range':
        return this.#renderRange(table, view, lang);
      case 'select':
        return this.#renderSelect(table, view, lang);
      default:
        return this.#renderCheckboxes(table, view, lang);
    }
  }

  /** The facet from the downloaded rows of the source. */
  #localView(state: QueryState): FacetView {
    const table = state.table;
    const column = this.#column(table);
    const f = state.filters.get(column);
    const view: FacetView = {
      values: [],
      counts: [],
      chosen: f?.kind === 'values' ? f.values : [],
      current: () => {
        const now = state.filters.get(column);
        return now?.kind === 'values' ? now.values : [];
      },
      others: state.rowsExcept(column).length,
      rows: state.rows().length,
    };
    if (isRangeColumn(table, column)) {
      const text = (v: number | undefined) => boundText(table, column, v);
      view.range = f?.kind === 'range' ? { min: text(f.min), max: text(f.max) } : undefined;
      const extent = extentOf(table, column);
      if (extent) view.extent = { min: extent.min, max: extent.max };
      return view;
    }
    const d = distinctOf(table, column);
    const counts = state.counts(column);
    for (const id of orderOf(table, column)) {
      view.values.push(d.values[id]);
      view.counts.push(counts[id]);
    }
    return view;
  }

  /** The facet from the API's group-by counts under the source's other filters and search. */
  #remoteView(dataset: RemoteDataset): FacetView {
    const schema = schemaTable(dataset);
    const name = schema.columns[this.#column(schema)].name;
    const f = this.shared?.remoteFilter(name);
    const counted = this.#remote.counts.get(name);
    const view: FacetView = {
      values: [],
      counts: [],
      chosen: f?.values ?? [],
      current: () => this.shared?.remoteFilter(name)?.values ?? [],
      loading: !this.#remote.counts.has(name),
    };
    if (f && !f.values) {
      view.range = { min: f.min === undefined ? '' : String(f.min), max: f.max === undefined ? '' : String(f.max) };
    }
    for (const c of counted ?? []) {
      if (c.value === '') continue;
      view.values.push(c.value);
      view.counts.push(c.count);
    }
    // The API gives the 100 most frequent values: their sum is every row only when it gave fewer.
    if (counted && counted.length < 100) view.others = counted.reduce((a, c) => a + c.count, 0);
    // A chosen value the counts do not list (none left under the other filters) still shows, ticked.
    const listed = new Set(view.values.map(fold));
    for (const v of view.chosen) {
      if (!listed.has(fold(v))) {
        view.values.push(v);
        view.counts.push(0);
      }
    }
    return view;
  }

  #set(values: readonly string[]): void {
    this.shared?.setFilter(this.field, values.length ? values : undefined);
  }

  #renderCheckboxes(table: Table, view: FacetView, lang: Lang): TemplateResult {
    const chosen = new Set(view.chosen.map((v) => fold(v.trim())));
    const limit = this.maxValues > 0 && !this.showAll ? this.maxValues : Infinity;
    const shown: number[] = [];
    // Chosen values always show, then the others in order, up to the limit.
    view.values.forEach((v, i) => chosen.has(fold(v)) && shown.push(i));
    for (let i = 0; i < view.values.length; i++) {
      if (shown.length >= Math.max(limit, chosen.size)) break;
      if (!chosen.has(fold(view.values[i]))) shown.push(i);
    }
    shown.sort((a, b) => a - b);
    const toggle = (value: string, on: boolean) => {
      const now = view.current().filter((v) => fold(v) !== fold(value));
      this.#set(on ? [...now, value] : now);
    };
    const hidden = view.values.length - shown.length;
    return html`<fieldset part="filter" aria-busy=${view.loading ? 'true' : 'false'}>
      <legend part="label">${this.#title(table)}</legend>
      <ul>
        ${shown.map((i) => {
          const value = view.values[i];
          const on = chosen.has(fold(value));
          const count = view.counts[i];
          const inputId = `${this.#id}-${i}`;
          return html`<li>
            <label part="option" class=${count || on ? '' : 'empty'} for=${inputId}>
              <input
                id=${inputId}
                type="checkbox"
                .checked=${on}
                ?disabled=${!count && !on}
                @change=${(e: Event) => toggle(value, (e.target as HTMLInputElement).checked)}
              />
              <span>${value}</span>
              <span part="count">(${formatInteger(lang, count)})</span>
            </label>
          </li>`;
        })}
      </ul>
      ${
        hidden > 0 || this.showAll || chosen.size
          ? html`<div class="actions">
              ${
                hidden > 0 || this.showAll
                  ? html`<button
                      type="button"
                      part="more"
                      aria-expanded=${this.showAll ? 'true' : 'false'}
                      @click=${() => (this.showAll = !this.showAll)}
                    >
                      ${this.showAll ? t(lang, 'filterFewer') : t(lang, 'filterMore', { count: formatInteger(lang, hidden) })}
                    </button>`
                  : nothing
              }
              ${
                chosen.size
                  ? html`<button type="button" part="clear" @click=${() => this.#set([])}>
                      ${t(lang, 'filterClear')}<span class="visually-hidden"> ${this.#title(table)}</span>
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  #renderSelect(table: Table, view: FacetView, lang: Lang): TemplateResult {
    const chosen = new Set(view.chosen.map((v) => fold(v.trim())));
    const selectId = `${this.#id}-select`;
    return html`<div part="filter" aria-busy=${view.loading ? 'true' : 'false'}>
      <label part="label" class="title" for=${selectId}>${this.#title(table)}</label>
      <div>
        <select
          id=${selectId}
          @change=${(e: Event) => this.#set((e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [])}
        >
          <option value="" ?selected=${!chosen.size}>
            ${
              view.others === undefined
                ? t(lang, 'facetAllValues')
                : t(lang, 'facetAll', { count: formatInteger(lang, view.others) })
            }
          </option>
          ${view.values.map((value, i) => {
            const on = chosen.has(fold(value));
            return view.counts[i] || on
              ? html`<option value=${value} ?selected=${on}>${value} (${formatInteger(lang, view.counts[i])})</option>`
              : nothing;
          })}
        </select>
      </div>
    </div>`;
  }

  #renderRange(table: Table, view: FacetView, lang: Lang): TemplateResult {
    const column = this.#column(table);
    const range = view.range;
    const extent = view.extent;
    const date = table.columns[column].type === 'date';
    const text = (v: number | undefined) => boundText(table, column, v);
    const shownBound = (v: number | undefined) => (v === undefined ? '' : date ? text(v) : formatNumber(lang, v));
    const apply = () => {
      const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('.range input');
      const min = boundOf(table, column, inputs[0]?.value ?? '');
      const max = boundOf(table, column, inputs[1]?.value ?? '');
      this.shared?.setFilter(this.field, min === undefined && max === undefined ? undefined : { min, max });
    };
    const type = date ? 'date' : 'number';
    return html`<fieldset part="filter">
      <legend part="label">${this.#title(table)}</legend>
      <div class="range">
        <label>
          ${t(lang, 'filterMin')}
          <input
            type=${type}
            step="any"
            .value=${range?.min ?? ''}
            min=${text(extent?.min) || nothing}
            max=${text(extent?.max) || nothing}
            placeholder=${shownBound(extent?.min)}
            @change=${apply}
          />
        </label>
        <label>
          ${t(lang, 'filterMax')}
          <input
            type=${type}
            step="any"
            .value=${range?.max ?? ''}
            min=${text(extent?.min) || nothing}
            max=${text(extent?.max) || nothing}
            placeholder=${shownBound(extent?.max)}
            @change=${apply}
          />
        </label>
      </div>
      <div class="actions">
        ${
          view.rows === undefined
            ? nothing
            : html`<span part="count">${t(lang, 'filterRows', { count: formatInteger(lang, view.rows) })}</span>`
        }
        ${
          range
            ? html`<button type="button" part="clear" @click=${() => this.shared?.setFilter(this.field, undefined)}>
                ${t(lang, 'filterClear')}<span class="visually-hidden"> ${this.#title(table)}</span>
              </button>`
            : nothing
        }
      </div>
    </fieldset>`;
  }
}

import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Table } from '../../data/model.ts';
import type { QueryState } from '../../data/query-state.ts';
import { formatInteger } from '../../format/format.ts';
import { t, type Lang } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import type { RemoteDataset } from '../../data/remote/index.ts';
import { schemaTable } from '../../internal/remote-controller.ts';
import { VitrineLinkedControl } from '../../internal/linked-control.ts';

let ids = 0;
/** Wait after the last key typed before a source queried on the server asks the API. */
const SERVER_DELAY = 350;

/**
 * @tagname vitrine-search
 * @summary A search box for a shared `<vitrine-source>`: every word must appear in a record, ignoring case and accents ("rénnes" finds "RENNES"). Every element bound to the source follows.
 *
 * @attribute source - The `id` of the `<vitrine-source>` to search.
 * @attribute label - The visible label ("Rechercher" when absent).
 *
 * @csspart search - The label and the box.
 * @csspart count - The number of records found (announced politely).
 * @csspart error - The error message (`role="alert"`).
 *
 * @event {VitrineErrorEvent} vitrine-error - `source` or `columns` names nothing. `detail`: `{ code: 'config', message, url }`.
 */
export class VitrineSearch extends VitrineLinkedControl {
  /** An example shown in the empty box. */
  @property() placeholder = '';

  /** The columns searched (comma-separated); all text columns when absent. */
  @property() columns = '';

  readonly #id = `vitrine-search-${++ids}`;
  #frame = 0;
  #timer = 0;
  #typed?: string;

  protected override check(state: QueryState): void {
    this.#columns(state.table);
  }

  protected override checkRemote(dataset: RemoteDataset): void {
    // The portal searches its own text fields; `columns` must still name existing ones.
    this.#columns(schemaTable(dataset));
  }

  #columns(table: Table): number[] | undefined {
    const names = parseList(this.columns);
    if (!names.length) {
      return table.columns
        .filter((c) => c.type !== 'geometry' && c.type !== 'json' && c.type !== 'geopoint')
        .map((c) => c.index);
    }
    return names.map((n) => this.requireColumn(table, n, 'columns').index);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
  }

  #onInput(e: Event): void {
    this.#typed = (e.target as HTMLInputElement).value;
    // One search per frame however fast the person types.
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      const state = this.state;
      if (state && this.#typed !== undefined) this.shared?.setSearch(this.#typed, this.#columns(state.table));
      this.#typed = undefined;
    });
    // A source queried on the server: one request once the person stops typing, not one per frame.
    if (this.shared?.remote) {
      cancelAnimationFrame(this.#frame);
      clearTimeout(this.#timer);
      this.#timer = window.setTimeout(() => {
        if (this.#typed !== undefined) this.shared?.setSearch(this.#typed);
        this.#typed = undefined;
      }, SERVER_DELAY);
    }
  }

  protected override renderControl(state: QueryState | undefined, lang: Lang): TemplateResult {
    const inputId = `${this.#id}-input`;
    const remote = this.shared?.remote;
    // On the server the elements bound to the source say how many records they found: this says who searches.
    const value = this.#typed ?? (remote ? this.shared!.remoteQuery().search : state?.search) ?? '';
    return html`<div part="search">
      <label for=${inputId}>${this.label || t(lang, 'searchSource')}</label>
      <input
        id=${inputId}
        type="search"
        autocomplete="off"
        .value=${value}
        placeholder=${this.placeholder}
        ?disabled=${!state && !remote}
        @input=${this.#onInput}
      />
      <span part="count" aria-live=${remote ? 'off' : 'polite'}>${this.#countText(state, remote, lang)}</span>
    </div>`;
  }

  #countText(state: QueryState | undefined, remote: RemoteDataset | undefined, lang: Lang): string {
    if (remote) return t(lang, 'searchServer', { total: formatInteger(lang, remote.total) });
    if (!state) return t(lang, 'loading');
    const total = formatInteger(lang, state.table.rowCount);
    if (!state.active) return t(lang, 'searchAll', { total });
    return t(lang, 'searchFound', { count: formatInteger(lang, state.rows().length), total });
  }
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleProps } from '../../internal/style-props.ts';
import type { CellValue, Column, Table } from '../../data/model.ts';
import { normalizeName } from '../../data/model.ts';
import { formatInteger } from '../../format/format.ts';
import { t } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import { prepareColumns, type SortKey } from '../../data/query.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { nullableText } from '../../internal/text-properties.ts';
import { VitrineSelectEvent } from '../../internal/events.ts';
import { errorMessage } from '../../internal/error-message.ts';
import { RemoteController, readServerMode } from '../../internal/remote-controller.ts';
import { remoteSettledEvent, schemaTable, serverPageSize, withLinked } from '../../internal/server-records.ts';
import type { RemoteQuery } from '../../data/remote/index.ts';
import { pageSizeConverter, VitrineRecordsElement, type RecordView } from '../../internal/records-element.ts';
import { cellContent, cellNumber, formatValue, isNumeric, type CellContext } from './cells.ts';
import { resolveColumns, type ShownColumn } from './column-spec.ts';
import { csvFileName, rowsToCsv } from './csv-export.ts';
import { tableStyles } from './table.styles.ts';
import { controlsStyles } from '../../styles/controls.styles.ts';

/** Virtual scrolling: rows drawn above and below the visible ones, and never more than this many rows. */
const OVERSCAN = 12;
const MAX_ROWS = 160;
/** Row height assumed until one is measured (px). */
const ROW_GUESS = 34;

/** The records view, with the sums of the totals row over its rows. */
interface View extends RecordView {
  totals?: Map<number, number>;
}

/**
 * @tagname vitrine-table
 * @summary The indicator table: the rows of a CSV, JSON or GeoJSON file or portal dataset, as an accessible `<table>` with sort, search, facets, data bars, totals and CSV download.
 *
 * @attribute {string} columns - Columns to show, in order, comma-separated: `name`, `name = Label`, `name : format`, `name = Label : format decimals` ("pop_insee = Population : integer, taux : percent 1"). Formats: number, integer, currency (€), percent (12.5 → 12,5 %), date, link, image, text. Names match the header as written in the file, ignoring case and accents. All columns when absent. A name that matches nothing, or an unknown format, is a `config` error.
 * @attribute sort - Initial sort: column names each followed by `asc` or `desc`, comma-separated ("Région asc, Population desc"). Shift-click on a header adds a column to the sort.
 * @attribute search - Boolean: shows a search box that filters the rows (accent- and case-insensitive, over the shown columns).
 * @attribute facets - Columns offered as filters, each a list of its values with their counts ("type, région").
 * @attribute filter - Initial filter, `column = value` pairs, comma-separated ("type = Commune"); alternatives with `|` ("type = COM | EPCI"). On a facet column one value is the facet's initial choice; several values, or any value on another column, are a fixed filter.
 * @attribute server - For a dataset behind a query API (Opendatasoft Explore v2.1, data.gouv.fr tabular API, CKAN DataStore): `auto` (default: sort, search, facets and paging happen on the server when the API announces more rows than `server-threshold`), `always`, or `never` (download everything).
 *
 * @event {VitrineLoadEvent} vitrine-load - The data is loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event {VitrineErrorEvent} vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 * @event {VitrineSelectEvent} vitrine-select - Bound to a source: a person picked a row (a click, or its button). `detail`: `{ record, index }`.
 *
 * @csspart status - The loading state (`role="status"`).
 * @csspart error - The error message (`role="alert"`).
 * @csspart error-url - The URL line of the error message.
 * @csspart toolbar - The box that holds the search box and the facets.
 * @csspart search - The search box and its label.
 * @csspart facets - The box of facet filters.
 * @csspart facet - One facet: its label and its list of values.
 * @csspart sort-button - The button inside each header cell that sorts by its column.
 * @csspart note - Server side: the note that the portal gives only the first rows of a query.
 * @csspart select - Bound to a source: the button that picks a row (`aria-pressed`).
 * @csspart selected - The row picked in any element bound to the same source (with `row`).
 * @csspart scroller - The scrolling box around the table.
 * @csspart table - The `<table>`.
 * @csspart caption - The visible title of the table (the `label`; the `<caption>` that screen readers announce holds the same text).
 * @csspart header - Each `<th>` of the header row.
 * @csspart row - Each body `<tr>`.
 * @csspart cell - Each body `<td>`.
 * @csspart totals - The totals row.
 * @csspart footer - The row count, pagination and download.
 * @csspart pagination - The page buttons.
 * @csspart download - The download button.
 * @csspart source - The link to the source of the data.
 *
 * @cssproperty --vitrine-font - Font family.
 * @cssproperty --vitrine-color-text - Text colour.
 * @cssproperty --vitrine-color-primary - Colour of buttons and progress.
 * @cssproperty --vitrine-color-border - Colour of row borders.
 * @cssproperty --vitrine-color-surface - Header background.
 * @cssproperty --vitrine-color-stripe - Background of even rows.
 * @cssproperty --vitrine-color-bar - Colour of data bars.
 * @cssproperty --vitrine-color-scale-low - Colour of the lowest value of a colour scale.
 * @cssproperty --vitrine-color-scale-high - Colour of the highest value of a colour scale.
 * @cssproperty --vitrine-color-focus - Focus outline colour.
 * @cssproperty --vitrine-table-height - Height of the scrolling box with `page-size="0"` (default 32rem).
 * @cssproperty --vitrine-radius - Corner radius.
 * @cssproperty --vitrine-spacing - Base spacing.
 * @cssproperty --vitrine-line-height - Line height of the text (default 1.4).
 * @cssproperty --vitrine-focus-width - Width of the focus ring (default 2px; 4px in presentation mode).
 * @cssproperty --vitrine-focus-offset - Gap between a control and its focus ring.
 * @cssproperty --vitrine-presentation-font-size - Text size in presentation mode (default 1.5rem).
 * @cssproperty --vitrine-presentation-mark-scale - `--vitrine-mark-scale` in presentation mode (default 1.75).
 * @cssproperty --vitrine-mark-scale - Factor on the thickness of data bars and of the selected row's mark (default 1).
 * @cssproperty --vitrine-table-cell-padding - Padding of the cells (default 0.4em 0.6em).
 * @cssproperty --vitrine-table-overflow-unfocused - Overflow of the scrolling box of `page-size="all"` while it has no focus: `auto` (default), or `hidden` to leave the wheel to the page (presentation mode).
 */
export class VitrineTable extends VitrineRecordsElement {
  static override styles = [...VitrineElement.styles, controlsStyles, tableStyles];

  /** Columns to show, in order, as written in the `columns` attribute; all columns when empty. */
  @property({ attribute: false }) columnsShown: string[] = [];

  /**
   * Rows per page (default 20); `0` or `all` shows every row in a scrolling box (virtual scrolling:
   * fewer than 200 rows in the page at any time).
   */
  @property({ attribute: 'page-size', converter: pageSizeConverter(20) }) pageSize = 20;

  /** Numeric columns drawn with a data bar behind the value (comma-separated). */
  @property() bars = '';

  /** Numeric columns (comma-separated) whose cells are shaded from light (low) to strong (high). */
  @property() colors = '';

  /**
   * Adds a totals row over the rows shown: empty (`totals` alone) for every summable numeric column,
   * or a list of columns; absent (`null`) for none.
   */
  @property({ converter: nullableText }) totals: string | null = null;

  /**
   * Boolean: a button that saves the rows shown (after filters and search) as CSV (UTF-8 with BOM,
   * `;`), and a link to the source.
   */
  @property({ type: Boolean }) download = false;

  @state() private page = 0;
  /** The search sent to the server: the box's text once the person stops typing. */
  @state() private serverSearch = '';
  /** First row of the window drawn in virtual-scrolling mode. */
  @state() private firstRow = 0;
  /** Column widths frozen after the first draw in virtual-scrolling mode, so columns do not jump while scrolling. */
  @state() private widths?: number[];

  readonly #remote = new RemoteController(this, (ok) => this.#remoteSettled(ok));
  #remoteStarted = 0;
  #linkedQuery?: string;
  #searchTimer = 0;

  #seenSelection = -1;
  /** A position to scroll to once drawn (a record picked elsewhere, in virtual scrolling). */
  #scrollTo = -1;

  #totals?: { rows: Uint32Array; sums: Map<number, number> };
  #totalsKey = '';
  #rowHeight = ROW_GUESS;
  #scrollFrame = 0;
  #measureFrame = 0;
  #prepared?: Table;
  #stopPreparing?: () => void;
  #ranges = new WeakMap<Table, Map<number, { min: number; max: number }>>();

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'columns'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // `columns` is the attribute; the `columns` property is the read-only column list of the data.
    if (name === 'columns') this.columnsShown = parseList(value);
    else super.attributeChangedCallback(name, old, value);
  }

  /**
   * Assigning a list sets the columns to show, as the `columns` attribute does (text as in the
   * attribute, or an array): React 19 and Vue 3 assign `columns="…"` in a template to this property.
   */

  // ---- configuration, resolved against the data ----------------------------------------------

  protected override validate(table: Table): void {
    this.#shown(table);
    this.validateQuery(table);
    for (const [attribute, list] of [
      ['bars', this.bars],
      ['colors', this.colors],
      ['totals', this.totals ?? ''],
    ] as const) {
      for (const name of parseList(list)) this.requireColumn(table, name, attribute);
    }
  }

  #shown(table: Table): ShownColumn[] {
    return resolveColumns(table, this.columnsShown, this.url());
  }

  protected override searchedColumns(table: Table): number[] {
    return this.#shown(table).map((s) => s.column.index);
  }

  /** The records view, with the totals row's sums over the rows shown. */
  #computeView(table: Table): View {
    const shown = this.#shown(table);
    const totals = this.#totalColumns(table, shown);
    const view = this.recordView(table);
    if (!totals.length) return view;
    const rows = view.rows;
    const key = totals.join(',');
    if (this.#totals?.rows !== rows || this.#totalsKey !== key) {
      const sums = new Map<number, number>();
      for (const s of shown.filter((c) => totals.includes(c.column.index))) {
        let sum = 0;
        for (let i = 0; i < rows.length; i++) {
          const v = cellNumber(table, rows[i], s);
          if (!Number.isNaN(v)) sum += v;
        }
        sums.set(s.column.index, sum);
      }
      this.#totals = { rows, sums };
      this.#totalsKey = key;
    }
    return { ...view, totals: this.#totals!.sums };
  }

  /** Columns summed in the totals row. */
  #totalColumns(table: Table, shown: ShownColumn[]): number[] {
    if (this.totals === null) return [];
    const named = parseList(this.totals);
    if (named.length) return named.map((n) => this.requireColumn(table, n, 'totals').index);
    // Every numeric column where a sum means something: not percentages, years or identifiers.
    return shown
      .filter(
        (s) =>
          isNumeric(s) &&
          s.format !== 'percent' &&
          s.column.type !== 'percent' &&
          !/\b(annee|year|exercice|code|cod|id|siren|siret|insee|lat|lon|latitude|longitude|x|y)\b/.test(
            normalizeName(s.column.name.replace(/([a-z])([A-Z])/g, '$1 $2')),
          ),
      )
      .map((s) => s.column.index);
  }

  /** Minimum and maximum of a numeric column over the whole table (for bars and colour scales). */
  #range(table: Table, shown: ShownColumn): { min: number; max: number } {
    let perTable = this.#ranges.get(table);
    if (!perTable) this.#ranges.set(table, (perTable = new Map()));
    let r = perTable.get(shown.column.index);
    if (!r) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < table.rowCount; i++) {
        const v = cellNumber(table, i, shown);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      r = min <= max ? { min, max } : { min: 0, max: 0 };
      perTable.set(shown.column.index, r);
    }
    return r;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.source) {
      // Bound to a source: its query API when it works on the server, else its downloaded rows.
      this.#remote.adopt(this.linkedRemote());
    } else {
      if (changed.has('src')) this.#remoteStarted = performance.now();
      this.#remote.decide(
        this.src,
        this.proxy,
        readServerMode(this.server),
        this.serverThreshold,
        this.#firstPageSize(),
      );
    }
    super.willUpdate(changed);
    if (changed.has('pageSize') || changed.has('columnsShown') || changed.has('presentation')) this.widths = undefined;
    this.#followSelection();
    if (this.#serverMode()) this.#askServer();
  }

  // ---- server-side queries ------------------------------------------------------------------------

  /** True when a query API does the work (see `server`), this element's or that of its source. */
  #serverMode(): boolean {
    return this.#remote.status === 'server';
  }

  protected override acceptsServerSource(): boolean {
    return true;
  }

  protected override loadsTable(): boolean {
    return !!this.source || this.#remote.status === 'local';
  }

  /** The API's columns as an empty table: sort, filter and facet names resolve against it before any page. */
  #schemaTable(): Table {
    return schemaTable(this.#remote.dataset!);
  }

  /**
   * The rows of the first page when it has no sort, search nor filter (opened with the decision, in
   * one request); undefined when the first page will carry a query anyway.
   */
  #firstPageSize(): number | undefined {
    if (this.sort.trim() || this.filter.trim()) return undefined;
    return this.pageSize || 50;
  }

  /** The rows per request: the page size, within what the API gives at once. */
  #serverPageSize(): number {
    return serverPageSize(this.pageSize, this.#remote.dataset, 50);
  }

  /** The query in force, in the API's column names (throws config errors): the source's, then the table's own. */
  #serverQuery(schema: Table): RemoteQuery {
    const searched = this.#shown(schema).map((c) => c.column.index);
    const own = this.serverQuery(schema, this.serverSearch, searched);
    return withLinked(own, this.linkedRemoteQuery());
  }

  /** Asks the server for the page shown and the counts of the facets (each only when it changed). */
  #askServer(): void {
    const schema = this.#schemaTable();
    let query: RemoteQuery;
    try {
      this.validate(schema);
      query = this.#serverQuery(schema);
    } catch {
      return; // shown by render
    }
    // A new query (the source's filters or search changed) starts again from the first page.
    const linked = JSON.stringify(this.linkedRemoteQuery());
    if (linked !== this.#linkedQuery) {
      if (this.#linkedQuery !== undefined) this.page = 0;
      this.#linkedQuery = linked;
    }
    const size = this.#serverPageSize();
    const window = this.#remote.dataset?.capabilities.maxWindow;
    const maxPage = window ? Math.max(0, Math.floor(window / size) - 1) : Infinity;
    this.#remote.fetchPage(query, Math.min(this.page, maxPage) * size, size);
    this.askFacetCounts(this.#remote, schema, query);
  }

  #remoteSettled(ok: boolean): void {
    void this.updateComplete.then(() =>
      this.dispatchEvent(remoteSettledEvent(this.#remote, ok, this.#remoteStarted, this.language, this.src)),
    );
  }

  protected override onSearchInput(e: Event): void {
    super.onSearchInput(e);
    if (!this.#serverMode()) return;
    // One request once the person stops typing, not one per key.
    clearTimeout(this.#searchTimer);
    this.#searchTimer = window.setTimeout(() => {
      this.serverSearch = this.query;
    }, 350);
  }

  /** The columns of the loaded data (`name`, `label`, `type`, `index`). */
  override get columns(): readonly Column[] {
    return this.#serverMode() ? (this.#remote.page?.table.columns ?? this.#schemaTable().columns) : super.columns;
  }

  /**
   * Assigning a list sets the columns to show, as the `columns` attribute does (text as in the
   * attribute, or an array): React 19 and Vue 3 assign `columns="…"` in a template to this property.
   */
  override set columns(value: string | readonly string[] | null | undefined) {
    this.columnsShown = typeof value === 'string' || value == null ? parseList(value ?? '') : [...value];
  }

  override get rows(): Record<string, CellValue>[] {
    if (!this.#serverMode()) return super.rows;
    const page = this.#remote.page?.table;
    return page ? Array.from({ length: page.rowCount }, (_, i) => page.record(i)) : [];
  }

  /** Rows matching the query on the server (after search and filters); the rows shown otherwise. */
  get total(): number {
    return this.#serverMode() ? (this.#remote.page?.total ?? 0) : this.rows.length;
  }

  /** True when the server sorts, searches and pages (see `server`). */
  get serverSide(): boolean {
    return this.#serverMode();
  }

  /** A record picked in another element bound to the same source: go to its page, or scroll to it. */
  #followSelection(): void {
    const picked = this.linkedSelection();
    if (picked.version === this.#seenSelection) return;
    this.#seenSelection = picked.version;
    const table = this.table;
    if (picked.mine || picked.row < 0 || !table) return;
    let position = -1;
    try {
      position = this.#computeView(table).rows.indexOf(picked.row);
    } catch {
      return; // a configuration error is shown already
    }
    if (position < 0) return;
    if (this.pageSize > 0) this.page = Math.floor(position / this.pageSize);
    else {
      this.firstRow = Math.max(0, position - OVERSCAN);
      this.#scrollTo = position;
    }
  }

  #pick(row: number, e: Event): void {
    // A link or a button inside the row does its own job.
    if ((e.target as Element).closest?.('a, button:not([part="select"]), input, select')) return;
    this.selectLinked(row);
    this.dispatchEvent(new VitrineSelectEvent({ record: this.table!.record(row), index: row }));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const table = this.table;
    // Read and fold the shown columns while the page is idle, so the first search and sort are fast.
    if (table && this.#prepared !== table) {
      this.#prepared = table;
      this.#stopPreparing?.();
      try {
        const columns = new Set([...this.#shown(table).map((s) => s.column.index), ...this.facetColumns(table)]);
        this.#stopPreparing = prepareColumns(table, [...columns]);
      } catch {
        // A configuration error is shown by the element already.
      }
    }
    if (this.#scrollTo >= 0) {
      const scroller = this.renderRoot.querySelector<HTMLElement>('[part="scroller"]');
      if (scroller) scroller.scrollTop = Math.max(0, this.#scrollTo * this.#rowHeight - scroller.clientHeight / 3);
      this.#scrollTo = -1;
    }
    // Measured after the browser has laid the rows out, not during this update.
    if (this.pageSize === 0 && table) {
      cancelAnimationFrame(this.#measureFrame);
      this.#measureFrame = requestAnimationFrame(() => this.#measure());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPreparing?.();
    this.#prepared = undefined;
    cancelAnimationFrame(this.#scrollFrame);
    cancelAnimationFrame(this.#measureFrame);
  }

  /** Virtual scrolling: measures the rows drawn, and freezes column widths after the first draw. */
  #measure(): void {
    const body = this.renderRoot.querySelector('tbody');
    if (!body) return;
    const rows = body.querySelectorAll<HTMLElement>('tr[part~="row"]');
    if (rows.length) {
      let sum = 0;
      rows.forEach((r) => (sum += r.offsetHeight));
      const h = sum / rows.length;
      if (h > 0) this.#rowHeight = h;
    }
    if (!this.widths && rows.length) {
      const ths = this.renderRoot.querySelectorAll<HTMLElement>('thead th');
      this.widths = [...ths].map((th) => Math.ceil(th.getBoundingClientRect().width));
    }
  }

  #onScroll(e: Event): void {
    const scroller = e.currentTarget as HTMLElement;
    cancelAnimationFrame(this.#scrollFrame);
    this.#scrollFrame = requestAnimationFrame(() => {
      const first = Math.max(0, Math.floor(scroller.scrollTop / this.#rowHeight) - OVERSCAN);
      if (Math.abs(first - this.firstRow) >= OVERSCAN / 2 || first === 0) this.firstRow = first;
    });
  }

  // ---- interactions ----------------------------------------------------------------------------

  protected override resetPosition(): void {
    this.page = 0;
    this.firstRow = 0;
    const scroller = this.renderRoot.querySelector<HTMLElement>('[part="scroller"]');
    if (scroller) scroller.scrollTop = 0;
  }

  #toggleSort(table: Table, column: number, add: boolean): void {
    const keys = this.sortKeys(table);
    const current = keys.find((k) => k.column === column);
    const descending = current ? !current.descending : false;
    if (add) {
      const others = keys.filter((k) => k.column !== column);
      this.chosenSort = current
        ? keys.map((k) => (k.column === column ? { column, descending } : k))
        : [...others, { column, descending }];
    } else {
      this.chosenSort = [{ column, descending: keys[0]?.column === column ? descending : false }];
    }
    this.resetPosition();
  }

  /** The rows shown (after filters and search, in the order shown), as CSV text: UTF-8 BOM, `;`. */
  toCsv(): string {
    const table = this.table;
    if (!table) return '';
    return rowsToCsv(table, this.visibleIndices(table), this.#shown(table), this.language);
  }

  #download(): void {
    const blob = new Blob([this.toCsv()], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = csvFileName(this.label, this.url());
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  // ---- rendering -------------------------------------------------------------------------------

  protected override render(): TemplateResult | typeof nothing {
    const remote = this.#remote;
    // Bound to a source: the source's own state (loading, errors) unless it works on the server.
    if (this.source && remote.status !== 'server') return super.render();
    const lang = this.language;
    if (remote.status === 'deciding') return this.renderLoading(lang);
    if (remote.status === 'error') return this.renderError(lang, remote.error);
    if (remote.status !== 'server') return super.render();
    const schema = this.#schemaTable();
    try {
      this.validate(schema);
    } catch (err) {
      return this.renderError(lang, err);
    }
    if (!remote.page) return remote.error ? this.renderError(lang, remote.error) : this.renderLoading(lang);
    return this.#renderServer(schema);
  }

  /** One page asked of the server: the same table, its rows those of the page, the counts those of the API. */
  #renderServer(schema: Table): TemplateResult {
    const lang = this.language;
    const remote = this.#remote;
    const page = remote.page!;
    const table = page.table;
    const shown = this.#shown(table);
    const keys = this.sortKeys(schema);
    const size = this.#serverPageSize();
    const window = remote.dataset?.capabilities.maxWindow;
    const reachable = window ? Math.min(page.total, window) : page.total;
    const pages = Math.max(1, Math.ceil(reachable / size));
    const current = Math.min(Math.floor(page.offset / size), pages - 1);
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    const body: TemplateResult[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      body.push(
        html`<tr part="row" aria-rowindex=${page.offset + r + 2}>
          ${shown.map((s) => this.#renderCell(table, r, s, ctx, undefined))}
        </tr>`,
      );
    }
    const caption = this.label || t(lang, 'tableCaption');
    const toolbar = this.renderServerToolbar(
      schema,
      t(lang, 'search'),
      (c) => this.#shown(schema).find((s) => s.column.index === c)?.label ?? schema.columns[c].name,
      remote.counts,
    );
    return html`${toolbar} ${this.label ? html`<div part="caption" aria-hidden="true">${this.label}</div>` : nothing}
      <div part="scroller">
        <table part="table" aria-rowcount=${page.total + 1} aria-busy=${remote.pageLoading ? 'true' : 'false'}>
          <caption class="visually-hidden">
            ${caption}
          </caption>
          <thead>
            <tr aria-rowindex="1">
              ${shown.map((s) => this.#renderHeader(table, s, keys, undefined))}
            </tr>
          </thead>
          <tbody>
            ${
              body.length
                ? body
                : html`<tr>
                    <td colspan=${shown.length || 1}>${t(lang, 'noRows')}</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      <div part="footer">
        <span aria-live="polite">
          ${
            remote.pageLoading
              ? t(lang, 'loading')
              : t(lang, 'rowsRange', {
                  from: formatInteger(lang, table.rowCount ? page.offset + 1 : 0),
                  to: formatInteger(lang, page.offset + table.rowCount),
                  count: formatInteger(lang, page.total),
                })
          }
        </span>
        ${pages > 1 ? this.#renderPagination(current, pages) : nothing}
        ${
          remote.error
            ? html`<span part="error" role="alert"
                >${errorMessage(lang, remote.error)}
                <button type="button" @click=${() => remote.retry()}>${t(lang, 'catalogRetry')}</button></span
              >`
            : nothing
        }
      </div>
      ${
        window && page.total > window
          ? html`<p part="note">${t(lang, 'serverWindow', { count: formatInteger(lang, window) })}</p>`
          : nothing
      }`;
  }

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const shown = this.#shown(table);
    const view = this.#computeView(table);
    const rows = view.rows;
    const keys = this.sortKeys(table);
    const virtual = this.pageSize === 0;
    let from: number;
    let to: number;
    let page = 0;
    let pages = 1;
    if (virtual) {
      from = Math.min(this.firstRow, Math.max(0, rows.length - 1));
      const viewport = this.renderRoot.querySelector<HTMLElement>('[part="scroller"]')?.clientHeight || 600;
      to = Math.min(rows.length, from + Math.min(MAX_ROWS, Math.ceil(viewport / this.#rowHeight) + 2 * OVERSCAN));
    } else {
      const size = this.pageSize;
      pages = Math.max(1, Math.ceil(rows.length / size));
      page = Math.min(this.page, pages - 1);
      from = page * size;
      to = Math.min(rows.length, from + size);
    }
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    const bars = new Set(parseList(this.bars).map((n) => table.column(n)?.index));
    const colors = new Set(parseList(this.colors).map((n) => table.column(n)?.index));
    const decor = shown.map((s) => {
      const i = s.column.index;
      if (!bars.has(i) && !colors.has(i)) return undefined;
      return { bar: bars.has(i), color: colors.has(i), ...this.#range(table, s) };
    });
    const body: TemplateResult[] = [];
    // Bound to a source: a row can be picked (a click, or its button) to show it in the other views.
    const linked = !!this.source;
    const picked = linked ? this.linkedSelection().row : -1;
    const nameOf = (r: number) => (shown[0] ? table.text(r, shown[0].column.index).trim() : String(r + 1));
    for (let i = from; i < to; i++) {
      const r = rows[i];
      const selected = r === picked;
      body.push(
        html`<tr
          part=${selected ? 'row selected' : 'row'}
          class=${selected ? 'selected' : ''}
          aria-rowindex=${i + 2}
          @click=${linked ? (e: Event) => this.#pick(r, e) : nothing}
        >
          ${
            linked
              ? html`<td part="cell select-cell" class="select-cell">
                  <button type="button" part="select" aria-pressed=${selected ? 'true' : 'false'}>
                    <span aria-hidden="true">${selected ? '◉' : '○'}</span
                    ><span class="visually-hidden">${t(lang, 'selectRow')} : ${nameOf(r)}</span>
                  </button>
                </td>`
              : nothing
          }
          ${shown.map((s, c) => this.#renderCell(table, r, s, ctx, decor[c]))}
        </tr>`,
      );
    }
    const widths = virtual ? this.widths : undefined;
    const spacer = (count: number) =>
      count > 0
        ? html`<tr class="spacer" aria-hidden="true">
            <td
              colspan=${shown.length + (this.source ? 1 : 0)}
              style=${styleProps({ height: `${count * this.#rowHeight}px` })}
            ></td>
          </tr>`
        : nothing;
    const filtered = rows.length !== table.rowCount;
    const caption = this.label || t(lang, 'tableCaption');
    // The visible title sits outside the scrolling box, so it wraps to the box's width on a narrow
    // screen; the <caption> (what screen readers announce) holds the same text.
    return html`${this.renderToolbar(table, view, t(lang, 'search'), (column) => this.#labelOf(table, column))}
      ${this.label ? html`<div part="caption" aria-hidden="true">${this.label}</div>` : nothing}
      <div
        part="scroller"
        class=${virtual ? 'virtual' : ''}
        tabindex=${virtual ? '0' : nothing}
        role=${virtual ? 'region' : nothing}
        aria-label=${virtual ? caption : nothing}
        @scroll=${virtual ? this.#onScroll : nothing}
      >
        <table
          part="table"
          aria-rowcount=${rows.length + 1}
          class=${widths ? 'fixed' : ''}
          style=${styleProps({ width: widths ? `${widths.reduce((a, b) => a + b, 0)}px` : undefined })}
        >
          <caption class="visually-hidden">
            ${caption}
          </caption>
          <thead>
            <tr aria-rowindex="1">
              ${
                linked
                  ? html`<th
                      scope="col"
                      class="select-cell"
                      style=${styleProps({ width: widths ? `${widths[0]}px` : undefined })}
                    >
                      <span class="visually-hidden">${t(lang, 'selectColumn')}</span>
                    </th>`
                  : nothing
              }
              ${shown.map((s, c) => this.#renderHeader(table, s, keys, widths?.[c + (linked ? 1 : 0)]))}
            </tr>
          </thead>
          <tbody>
            ${virtual ? spacer(from) : nothing}
            ${
              body.length
                ? body
                : html`<tr>
                    <td colspan=${shown.length + (linked ? 1 : 0) || 1}>${t(lang, 'noRows')}</td>
                  </tr>`
            }
            ${virtual ? spacer(rows.length - to) : nothing}
          </tbody>
          ${view.totals ? this.#renderTotals(shown, view.totals, linked) : nothing}
        </table>
      </div>
      <div part="footer">
        <span aria-live="polite">
          ${
            filtered
              ? t(lang, 'rowsFiltered', {
                  count: formatInteger(lang, rows.length),
                  total: formatInteger(lang, table.rowCount),
                })
              : virtual
                ? t(lang, 'rowsCount', { count: formatInteger(lang, rows.length) })
                : t(lang, 'rowsRange', {
                    from: formatInteger(lang, rows.length ? from + 1 : 0),
                    to: formatInteger(lang, to),
                    count: formatInteger(lang, rows.length),
                  })
          }
        </span>
        ${pages > 1 ? this.#renderPagination(page, pages) : nothing} ${this.download ? this.#renderDownload() : nothing}
      </div>`;
  }

  #renderCell(
    table: Table,
    row: number,
    s: ShownColumn,
    ctx: CellContext,
    decor: { bar: boolean; color: boolean; min: number; max: number } | undefined,
  ): TemplateResult {
    const numeric = isNumeric(s);
    let style: Record<string, string> = {};
    let cls = numeric ? 'num' : '';
    if (decor) {
      const v = cellNumber(table, row, s);
      if (!Number.isNaN(v)) {
        if (decor.bar) {
          const extent = Math.max(Math.abs(decor.min), Math.abs(decor.max)) || 1;
          style = { '--vitrine-bar': `${((Math.abs(v) / extent) * 100).toFixed(1)}%` };
          cls += v < 0 ? ' bar negative' : ' bar';
        }
        if (decor.color) {
          const span = decor.max - decor.min || 1;
          style['--vitrine-scale'] = `${(((v - decor.min) / span) * 100).toFixed(1)}%`;
          cls += ' scale';
        }
      }
    }
    return html`<td part="cell" class=${cls} style=${styleProps(style)}>${cellContent(table, row, s, ctx)}</td>`;
  }

  #renderHeader(table: Table, s: ShownColumn, keys: SortKey[], width: number | undefined): TemplateResult {
    const position = keys.findIndex((k) => k.column === s.column.index);
    const key = keys[position];
    const state = key ? (key.descending ? 'descending' : 'ascending') : 'none';
    // aria-sort on the first sort column only, as ARIA asks; the others show their mark.
    return html`<th
      part="header"
      scope="col"
      class=${isNumeric(s) ? 'num' : ''}
      aria-sort=${position === 0 ? state : nothing}
      style=${styleProps({ width: width ? `${width}px` : undefined })}
    >
      <button
        type="button"
        part="sort-button"
        @click=${(e: MouseEvent) => this.#toggleSort(table, s.column.index, e.shiftKey)}
      >
        ${s.label}<span class="sort-mark" aria-hidden="true"
          >${state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}${
            keys.length > 1 && position >= 0 ? position + 1 : ''
          }</span
        >
      </button>
    </th>`;
  }

  #renderTotals(shown: ShownColumn[], sums: Map<number, number>, linked: boolean): TemplateResult {
    const lang = this.language;
    return html`<tfoot>
      <tr part="totals">
        ${linked ? html`<td></td>` : nothing}
        ${shown.map((s, c) => {
          const sum = sums.get(s.column.index);
          if (c === 0 && sum === undefined) return html`<th scope="row">${t(lang, 'total')}</th>`;
          const text = sum === undefined ? '' : formatValue(sum, s, lang);
          return html`<td class=${sum === undefined ? '' : 'num'}>
            ${c === 0 ? html`<span class="visually-hidden">${t(lang, 'total')} </span>` : nothing}${text}
          </td>`;
        })}
      </tr>
    </tfoot>`;
  }

  #labelOf(table: Table, column: number): string {
    return this.#shown(table).find((s) => s.column.index === column)?.label ?? table.columns[column].label;
  }

  #renderDownload(): TemplateResult {
    const lang = this.language;
    const source = this.#sourceLink();
    return html`<div class="download">
      <button type="button" part="download" @click=${this.#download}>${t(lang, 'download')}</button>
      ${source ? html`<a part="source" href=${source} rel="noopener">${t(lang, 'source')}</a>` : nothing}
    </div>`;
  }

  /** The address the page author gave (a dataset page or a file), when it is a web address. */
  #sourceLink(): string | undefined {
    try {
      const url = new URL(this.src, document.baseURI);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
    } catch {
      return undefined;
    }
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

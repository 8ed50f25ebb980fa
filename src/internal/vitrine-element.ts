import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { attributeValue } from './text-properties.ts';
import { VitrineError } from '../data/errors.ts';
import type { CellValue, Column, Table } from '../data/model.ts';
import type { RemoteDataset, RemoteQuery } from '../data/remote/index.ts';
import { langOf, t, toLang, withStrings, type Lang } from '../i18n/localize.ts';
import { hostStyles } from '../styles/host.styles.ts';
import { DataController } from './data-controller.ts';
import { SERVER_THRESHOLD } from './server-mode.ts';
import { missingSourceError, SourceLink } from './source-link.ts';
import { errorMessage } from './error-message.ts';
import { VitrineErrorEvent, VitrineLoadEvent } from './events.ts';

/** The column a name designates (tolerant of case and accents), or a `config` error listing those that exist. */
export function requireColumn(table: Table, name: string, attribute: string, url: string): Column {
  const column = table.column(name);
  if (!column) {
    throw new VitrineError('config', `no column "${name}"`, url, {
      column: name,
      available: table.columns.map((c) => c.name),
      attribute,
    });
  }
  return column;
}

/**
 * The base of every data element: the `src` contract (format hints, proxy), the loading state with
 * progress (`role="status"`), the error state (`role="alert"`, `part="error"`), the events
 * `vitrine-load` and `vitrine-error`, cancellation, and the readable `rows` and `columns`.
 *
 * Subclasses implement `renderData(table)` and may override `validate(table)` to check their
 * column attributes (throwing a `config` VitrineError through `requireColumn`).
 */
export abstract class VitrineElement extends LitElement {
  static override styles = [hostStyles];

  /** A removed text attribute reads as '' (the default), never null (see text-properties.ts). */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, attributeValue(this, name, value));
  }

  /**
   * Holds a render until the strings of the element's language are here: English is a chunk of
   * its own, fetched the first time an element is in English (see localize.ts).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return withStrings(this.language, () => super.scheduleUpdate());
  }

  /** URL of a CSV, TSV, JSON or GeoJSON file, or of a dataset page / API URL of a supported portal. */
  @property() src = '';

  /** Language of strings and formats: `fr` (default) or `en`; falls back to the nearest `lang` on the page. */
  @property() override lang = '';

  /** Accessible name: the caption of a table, the title of a map or chart. */
  @property() label = '';

  /** Format hint: `csv`, `tsv`, `json` or `geojson` (detected when absent). */
  @property() format = '';

  /** CSV delimiter hint (detected among `;` `,` tab `|` when absent). */
  @property() delimiter = '';

  /** Encoding hint, e.g. `windows-1252` (detected when absent). */
  @property() encoding = '';

  /** Path to the array of records inside a JSON document, e.g. `result.records`. */
  @property() records = '';

  /** URL template of your own proxy for servers without CORS headers, e.g. `https://proxy.example/?url={url}`. */
  @property() proxy = '';

  /** The `id` of a `<vitrine-source>` to show instead of `src`: its data, filtered by its filters and search. */
  @property() source = '';

  /**
   * Where the work happens for a dataset behind a query API (Opendatasoft Explore v2.1, data.gouv.fr
   * tabular API, CKAN DataStore): `auto` (on the server when the API announces more rows than
   * `server-threshold`), `always`, or `never` (download everything). Elements that cannot use the
   * server ignore it.
   */
  @property() server = 'auto';

  /** In `server="auto"`, the number of rows above which the server does the work (default 50,000). */
  @property({ type: Number, attribute: 'server-threshold' }) serverThreshold: number = SERVER_THRESHOLD;

  // Reflected, since the styles key on the attribute; a change redraws what is drawn on a canvas.
  /**
   * Presentation mode, for a projector: larger text and marks, thicker focus rings, stronger
   * contrast, and no scrolling box that takes the mouse wheel before it is clicked or focused.
   * The style sheet `themes/presentation.css` does the same for every element of a page.
   */
  @property({ type: Boolean, reflect: true }) presentation = false;

  protected readonly data = new DataController(this, () => this.#settled());
  /** The `<vitrine-source>` named by `source`, followed wherever and whenever it appears on the page. */
  protected readonly link = new SourceLink(this, () => this.#linkChanged());
  /** Further files the element needs besides `src` (the areas of a map): see addData. */
  readonly #extra: DataController[] = [];
  #configError?: VitrineError;
  #linkProblem = '';
  #rowsCache?: { indices: ArrayLike<number>; rows: Record<string, CellValue>[] };
  #allRows?: { table: Table; indices: Uint32Array };

  /** The language in force. */
  protected get language(): Lang {
    return this.lang ? toLang(this.lang) : langOf(this);
  }

  /** The loaded table (undefined while loading or on error). */
  get table(): Table | undefined {
    return this.#status() === 'complete' ? this.data.result?.table : undefined;
  }

  /**
   * A second load for the element (e.g. the GeoJSON of a map's areas), driven by the subclass in
   * willUpdate before `super.willUpdate`. The element is loading until every load is done, shows
   * the first error of any, and fires one `vitrine-load` once all are complete.
   */
  protected addData(): DataController {
    const controller = new DataController(this, () => this.#settled());
    this.#extra.push(controller);
    return controller;
  }

  /** The state of all loads together: loading while one is, error when one failed. */
  #status(): 'idle' | 'loading' | 'complete' | 'error' {
    if (this.#missingSource()) return 'error';
    const shared = this.source ? this.link.source : undefined;
    switch (shared?.remoteStatus) {
      case 'deciding':
        return 'loading';
      case 'error':
        return 'error';
      case 'server':
        // An element that shows a source queried on the server draws itself (see acceptsServerSource).
        return this.acceptsServerSource() ? 'idle' : 'error';
    }
    const all = [this.data, ...this.#extra];
    if (all.some((c) => c.status === 'error')) return 'error';
    if (all.some((c) => c.status === 'loading')) return 'loading';
    return this.data.status;
  }

  #loadError(): unknown {
    const shared = this.source ? this.link.source : undefined;
    if (shared?.remoteStatus === 'error') return shared.remoteError;
    if (shared?.remoteStatus === 'server' && !this.acceptsServerSource()) {
      return new VitrineError('config', `<${this.localName}> cannot show a source queried on the server`, shared.src, {
        reason: 'server-source',
        attribute: 'source',
        value: this.source,
      });
    }
    return this.#missingSource() ?? [this.data, ...this.#extra].find((c) => c.status === 'error')?.error;
  }

  /**
   * True for the elements that can show a `<vitrine-source>` queried on the server (they ask the
   * API for what they show, with linkedRemote and linkedRemoteQuery); the others say that they
   * cannot, in a `config` error.
   */
  protected acceptsServerSource(): boolean {
    return false;
  }

  /** The query API of the bound source when it works on the server; undefined otherwise. */
  protected linkedRemote(): RemoteDataset | undefined {
    return this.source ? this.link.source?.remote : undefined;
  }

  /** The bound source's filters and search, for the server (empty without a source). */
  protected linkedRemoteQuery(): RemoteQuery {
    return (this.source ? this.link.source?.remoteQuery() : undefined) ?? {};
  }

  /** A `source` that names no `<vitrine-source>` of the page, as a `config` error. */
  #missingSource(): VitrineError | undefined {
    return this.source && this.link.missing ? missingSourceError(this.source) : undefined;
  }

  #linkChanged(): void {
    this.data.sync();
    // A source that is not on the page, failed, or works on the server for an element that cannot
    // follow it there: an error as soon as that is known (once per state of the source).
    const shared = this.link.source;
    const problem = this.link.missing
      ? 'missing'
      : shared?.remoteStatus === 'error' || (shared?.remoteStatus === 'server' && !this.acceptsServerSource())
        ? shared.remoteStatus
        : '';
    if (problem && problem !== this.#linkProblem) this.#settled();
    this.#linkProblem = problem;
  }

  /**
   * The rows the bound `<vitrine-source>` keeps (its filters and search), in table order;
   * undefined without a source. Elements start their own view from these.
   */
  protected linkedRows(table: Table): Uint32Array | undefined {
    const state = this.source ? this.link.source?.state : undefined;
    return state && state.table === table ? state.rows() : undefined;
  }

  /** A key that changes whenever the linked rows do (for the caches of views). */
  protected linkKey(): number {
    return this.source ? (this.link.source?.state?.version ?? -1) : -1;
  }

  /** Tells the bound source (and through it every element bound to it) that a person picked this row. */
  protected selectLinked(row: number): void {
    if (this.source) this.link.source?.select(row, this);
  }

  /** The row picked in the bound source (-1 when none), with a number that changes on every pick. */
  protected linkedSelection(): { row: number; version: number; mine: boolean } {
    const s = this.source ? this.link.source : undefined;
    if (!s || !s.state || s.state.table !== this.table) return { row: -1, version: -1, mine: false };
    return { row: s.selection, version: s.selectionVersion, mine: s.selectedBy === this };
  }

  /** The columns of the loaded data: name, label, type. */
  get columns(): readonly Column[] {
    return this.table?.columns ?? [];
  }

  /** The records currently shown, after filters, as plain objects with typed values. */
  get rows(): Record<string, CellValue>[] {
    const table = this.table;
    if (!table) return [];
    let indices: ReturnType<typeof this.visibleIndices>;
    try {
      indices = this.visibleIndices(table);
    } catch (err) {
      // A column named in an attribute is not in the data: the element shows that error, no rows.
      if (err instanceof VitrineError) return [];
      throw err;
    }
    // Views are cached by the element, so the same view is the same array.
    if (this.#rowsCache?.indices !== indices) {
      this.#rowsCache = { indices, rows: Array.from(indices, (i) => table.record(i)) };
    }
    return this.#rowsCache.rows;
  }

  /** Row indices the element shows, in order (all rows, or those of its source; elements that filter or sort override it and cache their view). */
  protected visibleIndices(table: Table): ArrayLike<number> {
    const linked = this.linkedRows(table);
    if (linked) return linked;
    if (this.#allRows?.table !== table) {
      const indices = new Uint32Array(table.rowCount);
      for (let i = 0; i < indices.length; i++) indices[i] = i;
      this.#allRows = { table, indices };
    }
    return this.#allRows.indices;
  }

  /** The address `data` loads: `src` (an element that reads several files takes the first here and loads the others with addData). */
  protected primarySrc(): string {
    return this.src;
  }

  /** False when the element reads its data another way (the cards of a portal catalogue): `src` is then not loaded as a table. */
  protected loadsTable(): boolean {
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.link.follow(this.source);
    if (this.source) {
      // Bound to a shared source: its load is this element's load.
      this.data.follow(this.link.source?.loader);
      const table = this.#status() === 'complete' ? this.data.result?.table : undefined;
      this.#configError = table ? (this.link.source?.configError ?? this.#check(table)) : undefined;
      return;
    }
    this.data.follow(undefined);
    if (!this.loadsTable()) {
      this.data.reset();
      this.#configError = undefined;
      return;
    }
    this.data.request(this.primarySrc(), {
      format: this.format || undefined,
      delimiter: this.delimiter || undefined,
      encoding: this.encoding || undefined,
      records: this.records || undefined,
      proxy: this.proxy || undefined,
    });
    if (this.#status() === 'complete' && this.data.result) {
      this.#configError = this.#check(this.data.result.table);
    }
  }

  /** Checks the element's own attributes against the table; return nothing when all is well. */
  protected validate(_table: Table): void {}

  /** The column an attribute names (tolerant of case and accents), or a `config` error listing those that exist. */
  protected requireColumn(table: Table, name: string, attribute: string): Column {
    return requireColumn(table, name, attribute, this.data.result?.url ?? this.src);
  }

  #check(table: Table): VitrineError | undefined {
    try {
      this.validate(table);
      return undefined;
    } catch (err) {
      if (err instanceof VitrineError) return err;
      throw err;
    }
  }

  #settled(): void {
    const status = this.#status();
    // One event once every load is done: a failed load (the map's areas) while another is still
    // under way is shown at once but announced with the others, not once now and once then.
    if (status === 'loading' || status === 'idle') return;
    if ([this.data, ...this.#extra].some((c) => c.status === 'loading')) return;
    const ok = status === 'complete';
    // Wait for the render so that listeners see the element in its new state.
    void this.updateComplete.then(() => {
      const result = this.data.result;
      const error = ok ? this.#configError : this.#loadError();
      if (ok && !error && result) {
        this.dispatchEvent(
          new VitrineLoadEvent({
            rowCount: result.table.rowCount,
            columns: result.table.columns,
            elapsed: Math.round(result.elapsed),
            url: result.dataUrl,
          }),
        );
      } else {
        const err = error instanceof VitrineError ? error : undefined;
        this.dispatchEvent(
          new VitrineErrorEvent({
            code: err?.code ?? 'parse',
            message: errorMessage(this.language, error),
            url: err?.url || this.data.result?.url || this.src,
          }),
        );
      }
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const lang = this.language;
    switch (this.#status()) {
      case 'loading':
        return this.renderLoading(lang);
      case 'error':
        return this.renderError(lang, this.#loadError());
      case 'complete':
        if (this.#configError) return this.renderError(lang, this.#configError);
        return this.renderData(this.data.result!.table);
      default:
        return nothing;
    }
  }

  protected abstract renderData(table: Table): TemplateResult;

  protected renderLoading(lang: Lang): TemplateResult {
    const p = this.data.progress;
    const fraction = p?.fraction;
    const percent = fraction === undefined ? undefined : Math.min(100, Math.round(fraction * 100));
    const say = (value: number | undefined) =>
      value === undefined
        ? t(lang, 'loading')
        : t(lang, p?.phase === 'parse' ? 'parsing' : 'loadingProgress', { percent: value });
    // The visible text follows every step; screen readers hear it by quarters, not at every frame.
    const spoken = percent === undefined ? undefined : Math.floor(percent / 25) * 25;
    return html`<div part="status" role="status">
      <progress max="100" value=${percent ?? nothing} aria-hidden="true"></progress>
      <span aria-hidden="true">${say(percent)}</span>
      <span class="visually-hidden">${say(spoken)}</span>
    </div>`;
  }

  protected renderError(lang: Lang, err: unknown): TemplateResult {
    const url = err instanceof VitrineError && err.url ? err.url : this.src;
    return html`<div part="error" role="alert">
      <strong>${t(lang, 'errorTitle')}</strong>
      <p>${errorMessage(lang, err)}</p>
      ${url ? html`<p part="error-url">${t(lang, 'errorUrl', { url })}</p>` : nothing}
    </div>`;
  }
}

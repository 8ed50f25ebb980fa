import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { CATALOG_SORTS, type CatalogDataset, type CatalogSort } from '../../data/catalog/types.ts';
import { DESCRIPTION_MAX, richTextToPlain } from '../../data/catalog/text.ts';
import { VitrineError } from '../../data/errors.ts';
import type { CellValue, Column, ColumnType, Table } from '../../data/model.ts';
import { formatInteger, formatLongDate } from '../../format/format.ts';
import { t, type Lang } from '../../i18n/localize.ts';
import { tCards, type CardsKey } from '../../i18n/fr-cards.ts';
import { headingConverter, parseList } from '../../internal/converters.ts';
import { errorMessage } from '../../internal/error-message.ts';
import { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from '../../internal/events.ts';
import { pageSizeConverter, VitrineRecordsElement } from '../../internal/records-element.ts';
import { RemoteController, readServerMode } from '../../internal/remote-controller.ts';
import { remoteSettledEvent, schemaTable, serverPageSize, withLinked } from '../../internal/server-records.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import type { RemoteDataset, RemotePage, RemoteQuery } from '../../data/remote/index.ts';
import { controlsStyles } from '../../styles/controls.styles.ts';
import { cellContent, safeUrl, type CellContext } from '../table/cells.ts';
import { cardColumns, fillTemplate, resolveCardSpec, splitTags, type CardSpec } from './card-spec.ts';
import { cardsStyles } from './cards.styles.ts';
import { CatalogController } from './catalog-controller.ts';

export const CARDS_MODES = ['auto', 'records', 'catalog'] as const;
export type CardsMode = (typeof CARDS_MODES)[number];

/** Tags shown on a card before "+N". */
const MAX_TAGS = 8;
/** Characters of a title or subtitle kept (the rest is cut with …). */
const MAX_TITLE = 300;
/** Wait after the last key typed before asking a catalogue or query API. */
const SEARCH_DELAY = 350;
/** Server side: the cards asked at once with `page-size="0"` (within what the API gives). */
const SERVER_ALL = 100;

/** The names and types of a dataset's columns: pages read with the same ones are alike. */
function columnsKey(dataset: RemoteDataset): string {
  return JSON.stringify(dataset.columns.map((c) => [c.name, c.type]));
}

/** Server side: the cards shown for one query, page after page ("Voir plus" appends the next). */
interface ServerCards {
  dataset: RemoteDataset;
  /** The names and types of the columns the pages were read with (a dataset may read its own schema later). */
  columns: string;
  /** The query, as JSON. */
  key: string;
  pages: RemotePage[];
  /** Cards in `pages`. */
  count: number;
  /** Records matching the query on the server. */
  total: number;
}

/** A dataset of a catalogue as a record (`rows`, `vitrine-select`). */
function datasetRecord(d: CatalogDataset): Record<string, CellValue> {
  return {
    id: d.id,
    title: d.title,
    publisher: d.publisher ?? null,
    description: d.description,
    license: d.license?.label ?? null,
    updated: d.updated ?? null,
    formats: d.formats.join(', '),
    resources: d.resourceCount ?? null,
    url: d.url ?? null,
    tags: d.tags.join(', '),
    portal: d.portal,
  };
}

const CATALOG_COLUMNS: readonly Column[] = (
  [
    ['id', 'string'],
    ['title', 'string'],
    ['publisher', 'string'],
    ['description', 'string'],
    ['license', 'string'],
    ['updated', 'string'],
    ['formats', 'string'],
    ['resources', 'integer'],
    ['url', 'string'],
    ['tags', 'string'],
    ['portal', 'string'],
  ] as const
).map(([name, type], index) => ({ name, label: name, type: type as ColumnType, index, meta: {} }));

function clip(text: string, max = MAX_TITLE): string {
  const s = text.trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** The catalogue sort an attribute names ('updated' also as "date", "mise à jour"…). */
function catalogSortOf(value: string): CatalogSort | undefined {
  const v = value.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (!v) return undefined;
  if ((CATALOG_SORTS as readonly string[]).includes(v)) return v as CatalogSort;
  if (/^(date|modified|last[_ -]?update|mise a jour|maj|recent)/.test(v)) return 'updated';
  if (/^(titre|nom|name|alpha)/.test(v)) return 'title';
  if (/^(pertinence|score)/.test(v)) return 'relevance';
  return undefined;
}

/**
 * @tagname vitrine-cards
 * @summary Records as cards (places, associations, equipment), or the dataset catalogue of a portal (a data.gouv.fr organisation, an Opendatasoft portal, a CKAN search) as one card per dataset.
 *
 * @attribute mode - `auto` (default): a catalogue when `src` is a catalogue URL (a data.gouv.fr organisation page or dataset list API, an Opendatasoft portal's `/explore/` page or catalog API, a CKAN `package_search`, `package_show` or organisation page), records otherwise. `records`: the rows of the data as cards. `catalog`: `src` is read as a catalogue answer whatever its address (e.g. a saved API response).
 * @attribute card-title - Column of the card title (the card's link text). Default: a name-like column (nom, titre, libellé…), else the first text column.
 * @attribute card-subtitle - Column shown under the title.
 * @attribute card-image - Column of image URLs (http/https only); lazy-loaded; a neutral placeholder when missing or broken.
 * @attribute card-image-alt - Column of the images' text alternative. Without it, images are decorative (empty `alt`).
 * @attribute card-description - Column of a longer text; HTML and Markdown are shown as plain text, cut at 300 characters.
 * @attribute card-tags - Column of a list split on `,` `;` or `|`, shown as tags.
 * @attribute card-link - Column of the URL each card links to (http, https or mailto). Without it the title is a button that fires `vitrine-select`.
 * @attribute card-fields - Extra "label: value" lines, with the syntax of the table's `columns` ("pop = Population : integer, site : link").
 * @attribute card-template - A sentence with `{column}` placeholders, e.g. "{nom} publie {nb_ptf} jeux de données", each value in its column's format; always text, never HTML.
 * @attribute heading-level - Level of the card titles in the page outline, 1–6 (default 3).
 * @attribute page-size - Cards shown at first and added by "Voir plus" (default 12; `0` or `all` for all). In a catalogue, the page size asked of the API (at most 100). On the server (see `server`), the cards asked per request, within what the API gives at once (Opendatasoft 100, data.gouv.fr tabular API 50); `all` asks 100 at a time.
 * @attribute sort - Records: the table's syntax ("Population desc"). Catalogue: `updated` (default), `title` or `relevance`, applied by the portal's API.
 * @attribute search - Boolean: a search box (records: accent- and case-insensitive over the card's columns; catalogue: the portal's own search).
 * @attribute facets - Records: columns offered as filters, with their counts (as on the table).
 * @attribute filter - Records: initial filter "column = value" (as on the table).
 * @attribute server - Records behind a query API (Opendatasoft Explore v2.1, data.gouv.fr tabular API, CKAN DataStore): `auto` (default: when the API announces more records than `server-threshold`, nothing is downloaded; the server sorts, searches, filters, counts the facets and gives the cards page by page), `always`, or `never` (download everything).
 * @attribute server-threshold - Records above which `server="auto"` uses the server (default 50000).
 *
 * @event {VitrineLoadEvent} vitrine-load - The data is loaded and shown (in a catalogue, again after each search or sort; on the server, once the first cards are shown, `rowCount` being the server's total). `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event {VitrineErrorEvent} vitrine-error - Loading or configuration failed (on the server, also a page that could not be read). `detail`: `{ code, message, url }`.
 * @event {VitrineSelectEvent} vitrine-select - A card was activated (click, Enter). `detail`: `{ record, index }` (on the server, `index` is the card's position among the query's records). Cancelable: `preventDefault()` keeps the link from being followed.
 *
 * @csspart status - The loading state (`role="status"`).
 * @csspart error - The error message (`role="alert"`).
 * @csspart error-url - The URL line of the error message.
 * @csspart caption - The visible title of the list (the `label`).
 * @csspart toolbar - The box of the search box, facets and sort.
 * @csspart search - The search box and its label.
 * @csspart facets - The box of facet filters.
 * @csspart facet - One facet.
 * @csspart sort - The catalogue's sort control.
 * @csspart list - The `<ul>` of cards.
 * @csspart card - Each card (`<li>`).
 * @csspart selected - The card of the record picked in any element bound to the same source (with `card`).
 * @csspart image - The card image, or its placeholder.
 * @csspart title - The card heading.
 * @csspart link - The link (or button) of the card title; the whole card is its click target.
 * @csspart subtitle - The line under the title (the publisher of a dataset).
 * @csspart text - The template sentence.
 * @csspart description - The description.
 * @csspart fields - The list of "label: value" lines.
 * @csspart tags - The list of tags, or of a dataset's formats.
 * @csspart tag - One tag.
 * @csspart badge - One format badge of a dataset.
 * @csspart meta - A dataset's licence, last update and number of files.
 * @csspart footer - The count and the "Voir plus" button.
 * @csspart more - The "Voir plus" button.
 * @csspart note - On the server: the note that the portal gives only the first records of a query.
 *
 * @cssproperty --vitrine-font - Font family.
 * @cssproperty --vitrine-color-text - Text colour.
 * @cssproperty --vitrine-color-primary - Colour of links and buttons.
 * @cssproperty --vitrine-color-border - Card border colour.
 * @cssproperty --vitrine-color-surface - Background of tags, badges and image placeholders.
 * @cssproperty --vitrine-color-focus - Focus outline colour.
 * @cssproperty --vitrine-card-min-width - Narrowest card before the grid drops a column (default 16em).
 * @cssproperty --vitrine-card-image-height - Height of card images (default 10em).
 * @cssproperty --vitrine-radius - Corner radius.
 * @cssproperty --vitrine-spacing - Base spacing.
 * @cssproperty --vitrine-line-height - Line height of the text (default 1.4).
 * @cssproperty --vitrine-focus-width - Width of the focus ring (default 2px; 4px in presentation mode).
 * @cssproperty --vitrine-focus-offset - Gap between a control and its focus ring.
 * @cssproperty --vitrine-presentation-font-size - Text size in presentation mode (default 1.5rem).
 * @cssproperty --vitrine-presentation-mark-scale - `--vitrine-mark-scale` in presentation mode (default 1.75).
 * @cssproperty --vitrine-mark-scale - Factor on the selected card's ring (default 1).
 */
export class VitrineCards extends VitrineRecordsElement {
  static override styles = [...VitrineElement.styles, controlsStyles, cardsStyles];

  @property() mode: CardsMode = 'auto';
  @property({ attribute: 'card-title' }) cardTitle = '';
  @property({ attribute: 'card-subtitle' }) cardSubtitle = '';
  @property({ attribute: 'card-image' }) cardImage = '';
  @property({ attribute: 'card-image-alt' }) cardImageAlt = '';
  @property({ attribute: 'card-description' }) cardDescription = '';
  @property({ attribute: 'card-tags' }) cardTags = '';
  @property({ attribute: 'card-link' }) cardLink = '';
  @property({ attribute: 'card-fields' }) cardFields = '';
  @property({ attribute: 'card-template' }) cardTemplate = '';
  @property({ attribute: 'heading-level', converter: headingConverter }) headingLevel = 3;
  @property({ attribute: 'page-size', converter: pageSizeConverter(12) }) pageSize = 12;

  /** Records: how many cards are shown ("Voir plus" adds a page). */
  @state() private limit?: number;
  /** Image URLs that failed to load (shown as a placeholder). */
  @state() private broken = new Set<string>();
  /** Catalogue: the search sent to the API (the box's text, once typing pauses). */
  @state() private apiQuery = '';
  /** Catalogue: the sort chosen in the control. */
  @state() private chosenCatalogSort?: CatalogSort;

  /** Server side: the search sent to the API (the box's text once typing stops). */
  @state() private serverSearch = '';

  readonly #catalog = new CatalogController(this, (ok) => this.#catalogSettled(ok));
  readonly #remote = new RemoteController(this, (ok) => this.#remoteSettled(ok));
  #remoteStarted = 0;
  /** Server side: the cards of the query shown, the page last asked for, the page last taken. */
  #server?: ServerCards;
  #asked?: {
    dataset: RemoteDataset;
    id: string;
    key: string;
    offset: number;
    columns: string;
    before?: RemotePage;
  };
  /** The query in force, as JSON. */
  #wanted = '';
  #taken?: RemotePage;
  #serverRows?: { cards: ServerCards; rows: Record<string, CellValue>[] };
  #serverConfigKey?: string;
  #firstPage?: { key: string; size: number | undefined };
  #searchTimer = 0;
  #configErrorKey?: string;
  /** After "Voir plus": the position of the first new card, to move the focus there. */
  #focusFrom?: number;
  #catalogRows?: { datasets: CatalogDataset[]; rows: Record<string, CellValue>[] };
  /** Per table: on the server every page has its own table (same columns, same order). */
  #specs = new WeakMap<Table, { key: string; spec: CardSpec }>();

  // ---- mode ------------------------------------------------------------------------------------

  #isCatalog(): boolean {
    if (this.mode === 'catalog') return true;
    if (this.mode === 'records') return false;
    return CatalogController.recognises(this.src);
  }

  protected override loadsTable(): boolean {
    // Records behind a query API: nothing is downloaded until the server has said how many there are.
    return !this.#isCatalog() && (!!this.source || this.#remote.status === 'local');
  }

  /** The catalogue sort in force, or a config error for a value that is none. */
  #catalogSort(): CatalogSort {
    if (this.chosenCatalogSort) return this.chosenCatalogSort;
    if (!this.sort.trim()) return 'updated';
    const sort = catalogSortOf(this.sort);
    if (!sort) {
      throw new VitrineError('config', `unknown sort "${this.sort}"`, this.src, {
        attribute: 'sort',
        value: this.sort,
        allowed: [...CATALOG_SORTS],
      });
    }
    return sort;
  }

  /** The loaded table (records); undefined for a catalogue, whose datasets are in `rows`. */
  override get table(): Table | undefined {
    return this.#isCatalog() ? undefined : super.table;
  }

  /** The records shown; in a catalogue, one per dataset shown: id, title, publisher, description, license, updated, formats, resources, url, tags, portal. */
  override get rows(): Record<string, CellValue>[] {
    if (this.#serverMode()) return this.#serverRecords();
    if (!this.#isCatalog()) return super.rows;
    if (this.#catalog.status !== 'complete') return [];
    const datasets = this.#catalog.datasets;
    if (this.#catalogRows?.datasets !== datasets) {
      this.#catalogRows = { datasets, rows: datasets.map(datasetRecord) };
    }
    return this.#catalogRows.rows;
  }

  /** The columns of the data; in a catalogue, those of `rows`. */
  override get columns(): readonly Column[] {
    if (this.#serverMode()) {
      const dataset = this.#remote.dataset!;
      return this.#shownCards()?.pages[0]?.table.columns ?? schemaTable(dataset).columns;
    }
    if (!this.#isCatalog()) return super.columns;
    return this.#catalog.status === 'complete' ? CATALOG_COLUMNS : [];
  }

  // ---- records ---------------------------------------------------------------------------------

  #cardSpec(table: Table): CardSpec {
    const attrs = {
      title: this.cardTitle,
      subtitle: this.cardSubtitle,
      image: this.cardImage,
      imageAlt: this.cardImageAlt,
      description: this.cardDescription,
      tags: this.cardTags,
      link: this.cardLink,
      fields: parseList(this.cardFields),
      template: this.cardTemplate,
    };
    const key = JSON.stringify(attrs);
    let cached = this.#specs.get(table);
    if (cached?.key !== key) {
      const spec = resolveCardSpec(table, attrs, this.url(), (name, attribute) =>
        this.requireColumn(table, name, attribute),
      );
      cached = { key, spec };
      this.#specs.set(table, cached);
    }
    return cached.spec;
  }

  protected override validate(table: Table): void {
    this.#cardSpec(table);
    this.validateQuery(table);
  }

  protected override searchedColumns(table: Table): number[] {
    return cardColumns(this.#cardSpec(table));
  }

  protected override resetPosition(): void {
    this.limit = undefined;
  }

  #seenSelection = -1;

  /** A record picked in another element bound to the same source: make sure its card is shown. */
  #followSelection(): void {
    const picked = this.linkedSelection();
    if (picked.version === this.#seenSelection) return;
    this.#seenSelection = picked.version;
    const table = this.table;
    if (picked.mine || picked.row < 0 || !table || this.#isCatalog()) return;
    let position = -1;
    try {
      position = this.recordView(table).rows.indexOf(picked.row);
    } catch {
      return; // a configuration error is shown already
    }
    const shown = this.limit ?? (this.pageSize || Infinity);
    if (position >= shown) {
      const step = this.pageSize || position + 1;
      this.limit = Math.ceil((position + 1) / step) * step;
    }
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Records from `src` (not a source, not a catalogue): the server may do the work (see `server`).
    if (!this.source && !this.#isCatalog()) {
      if (changed.has('src')) this.#remoteStarted = performance.now();
      this.#remote.decide(
        this.src,
        this.proxy,
        readServerMode(this.server),
        this.serverThreshold,
        this.#firstPageSize(),
      );
    } else if (this.source && !this.#isCatalog()) {
      // Bound to a source: its query API when it works on the server, else its downloaded rows.
      this.#remote.adopt(this.linkedRemote());
    } else this.#remote.decide('', '', 'never', 0);
    super.willUpdate(changed);
    this.#followSelection();
    if (changed.has('src') || changed.has('mode')) {
      this.limit = undefined;
      this.query = '';
      this.apiQuery = '';
      this.serverSearch = '';
      this.chosenCatalogSort = undefined;
    }
    if (this.#serverMode()) this.#askServer();
    if (!this.#isCatalog()) {
      this.#catalog.reset();
      return;
    }
    let sort: CatalogSort;
    try {
      sort = this.#catalogSort();
    } catch (err) {
      // Shown by render; announced once.
      this.#catalog.reset();
      const key = `${this.src}|${this.sort}`;
      if (this.#configErrorKey !== key) {
        this.#configErrorKey = key;
        void this.updateComplete.then(() => this.#dispatchError(err));
      }
      return;
    }
    this.#configErrorKey = undefined;
    this.#catalog.request({
      src: this.src,
      query: { q: this.apiQuery.trim(), sort, pageSize: Math.min(100, this.pageSize || 100) },
      proxy: this.proxy || undefined,
      forced: this.mode === 'catalog',
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusFrom !== undefined) {
      const target = this.renderRoot.querySelector<HTMLElement>(`li[data-pos="${this.#focusFrom}"] [part~='link']`);
      if (target) {
        this.#focusFrom = undefined;
        target.focus();
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  // ---- server side -----------------------------------------------------------------------------

  /** True when a query API sorts, searches, filters and pages the records (see `server`). */
  #serverMode(): boolean {
    return !this.#isCatalog() && this.#remote.status === 'server';
  }

  protected override acceptsServerSource(): boolean {
    return !this.#isCatalog();
  }

  /**
   * The cards of the first page when it has no sort nor filter (the API may open the dataset and
   * answer that page in one request); undefined when the first page carries a query anyway.
   */
  #firstPageSize(): number | undefined {
    // Once per address: a sort or filter set later must not make the element open the dataset again.
    const key = JSON.stringify([this.src, this.proxy, this.server, this.serverThreshold]);
    if (this.#firstPage?.key !== key) {
      const size = this.sort.trim() || this.filter.trim() ? undefined : this.pageSize || SERVER_ALL;
      this.#firstPage = { key, size };
    }
    return this.#firstPage.size;
  }

  /** The cards shown: those of the dataset in force, read with its current columns. */
  #shownCards(): ServerCards | undefined {
    const cards = this.#server;
    return cards && cards.dataset === this.#remote.dataset ? cards : undefined;
  }

  /** The query in force, in the API's column names (throws config errors). */
  #serverQuery(schema: Table): RemoteQuery {
    const searchable = this.#remote.dataset?.capabilities.search !== 'none';
    const own = this.serverQuery(schema, searchable ? this.serverSearch : '', this.searchedColumns(schema));
    // Bound to a source queried on the server: its filters and search first.
    return withLinked(own, this.linkedRemoteQuery());
  }

  /**
   * Takes the page the server last gave (the answer to the page last asked for): the first page of
   * the query in force replaces the cards, its next page is appended; anything else is stale. The
   * answer for a query left meanwhile stays untaken, should that query come back.
   */
  #takePage(dataset: RemoteDataset): void {
    const page = this.#remote.page;
    const asked = this.#asked;
    if (!page || !asked || asked.dataset !== dataset || page === asked.before || page === this.#taken) return;
    if (asked.key !== this.#wanted) return;
    this.#taken = page;
    if (asked.columns !== columnsKey(dataset) || page.offset !== asked.offset) return;
    const cards = this.#shownCards();
    const count = page.table.rowCount;
    if (page.offset === 0) {
      // A new query starts again from its first page.
      if (cards?.key !== asked.key) {
        this.limit = undefined;
        this.#focusFrom = undefined;
      }
      this.#server = { dataset, columns: asked.columns, key: asked.key, pages: [page], count, total: page.total };
    } else if (cards && cards.key === asked.key && cards.columns === asked.columns && page.offset === cards.count) {
      this.#server = { ...cards, pages: [...cards.pages, page], count: cards.count + count, total: page.total };
    }
  }

  /** Asks the server for the page the cards need, and the counts of the facets (each only when it changed). */
  #askServer(): void {
    const remote = this.#remote;
    const dataset = remote.dataset!;
    const schema = schemaTable(dataset);
    let query: RemoteQuery;
    try {
      this.validate(schema);
      query = this.#serverQuery(schema);
    } catch (err) {
      this.#announceConfig(err);
      return;
    }
    this.#serverConfigKey = undefined;
    const key = JSON.stringify(query);
    this.#wanted = key;
    this.#takePage(dataset);
    const size = serverPageSize(this.pageSize, dataset, SERVER_ALL);
    const cards = this.#shownCards();
    const columns = columnsKey(dataset);
    const ask = (offset: number, limit: number) => {
      // The same request asked again keeps what was on screen before it (see #takePage).
      const id = JSON.stringify([key, offset, limit, columns]);
      if (this.#asked?.id !== id || this.#asked.dataset !== dataset) {
        this.#asked = { dataset, id, key, offset, columns, before: remote.page };
      }
      remote.fetchPage(query, offset, limit);
    };
    // A new query, or columns whose types changed since (the API read its own schema): the first page.
    if (!cards || cards.key !== key || cards.columns !== columns) ask(0, size);
    else {
      // "Voir plus": the next page, within the records the API lets one reach.
      const window = dataset.capabilities.maxWindow ?? Infinity;
      const reachable = Math.min(cards.total, window);
      if ((this.limit ?? size) > cards.count && cards.count < reachable) {
        ask(cards.count, Math.min(size, window - cards.count));
      }
    }
    this.askFacetCounts(remote, schema, query);
  }

  /** A configuration error on the server side: shown by render, announced once. */
  #announceConfig(err: unknown): void {
    const key = err instanceof Error ? `${this.src}|${err.message}` : this.src;
    if (this.#serverConfigKey === key) return;
    this.#serverConfigKey = key;
    void this.updateComplete.then(() => this.#dispatchError(err));
  }

  #remoteSettled(ok: boolean): void {
    void this.updateComplete.then(() => {
      if (this.source || this.#isCatalog()) return;
      // A failure of a query left meanwhile is not this element's state any more.
      if (!ok && this.#asked && this.#asked.key !== this.#wanted) return;
      this.dispatchEvent(remoteSettledEvent(this.#remote, ok, this.#remoteStarted, this.language, this.src));
    });
  }

  /** The records of the cards shown on the server side. */
  #serverRecords(): Record<string, CellValue>[] {
    const cards = this.#shownCards();
    if (!cards) return [];
    if (this.#serverRows?.cards !== cards) {
      const rows = cards.pages.flatMap((p) => Array.from({ length: p.table.rowCount }, (_, i) => p.table.record(i)));
      this.#serverRows = { cards, rows };
    }
    return this.#serverRows.rows;
  }

  /** On the server, the records matching the query (after search and filters); the records after filters otherwise. */
  get total(): number {
    if (this.#serverMode()) return this.#shownCards()?.total ?? 0;
    if (this.#isCatalog()) return this.#catalog.status === 'complete' ? (this.#catalog.total ?? this.rows.length) : 0;
    return this.rows.length;
  }

  /** True when the server sorts, searches, filters and pages the records (see `server`). */
  get serverSide(): boolean {
    return this.#serverMode();
  }

  #catalogSettled(ok: boolean): void {
    void this.updateComplete.then(() => {
      const c = this.#catalog;
      if (ok) {
        this.dispatchEvent(
          new VitrineLoadEvent({
            rowCount: c.datasets.length,
            columns: this.columns,
            elapsed: Math.round(c.elapsed),
            url: c.firstUrl,
          }),
        );
      } else {
        this.#dispatchError(c.error);
      }
    });
  }

  #dispatchError(error: unknown): void {
    const err = error instanceof VitrineError ? error : undefined;
    this.dispatchEvent(
      new VitrineErrorEvent({
        code: err?.code ?? 'parse',
        message: errorMessage(this.language, error),
        url: err?.url || this.src,
      }),
    );
  }

  // ---- interactions ----------------------------------------------------------------------------

  protected override onSearchInput(e: Event): void {
    if (!this.#isCatalog()) {
      super.onSearchInput(e);
      if (!this.#serverMode()) return;
      // One request once the person stops typing, not one per key.
      clearTimeout(this.#searchTimer);
      this.#searchTimer = window.setTimeout(() => (this.serverSearch = this.query), SEARCH_DELAY);
      return;
    }
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = window.setTimeout(() => (this.apiQuery = this.query), SEARCH_DELAY);
  }

  #onCatalogSort(e: Event): void {
    this.chosenCatalogSort = (e.target as HTMLSelectElement).value as CatalogSort;
  }

  #select(e: Event, record: Record<string, CellValue>, index: number): void {
    if (index >= 0) this.selectLinked(index);
    const event = new VitrineSelectEvent({ record, index });
    this.dispatchEvent(event);
    if (event.defaultPrevented) e.preventDefault();
  }

  #onImageError(url: string): void {
    if (this.broken.has(url)) return;
    this.broken = new Set([...this.broken, url]);
  }

  #more(shown: number, step = this.pageSize || shown): void {
    this.#focusFrom = shown;
    this.limit = shown + step;
  }

  async #moreDatasets(): Promise<void> {
    const before = this.#catalog.datasets.length;
    const added = await this.#catalog.more();
    if (added > 0) {
      this.#focusFrom = before;
      this.requestUpdate();
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  protected override render(): TemplateResult | typeof nothing {
    if (!this.#isCatalog()) {
      const remote = this.#remote;
      if ((this.source && remote.status !== 'server') || remote.status === 'local' || remote.status === 'idle')
        return super.render();
      if (remote.status === 'deciding') return this.renderLoading(this.language);
      if (remote.status === 'error') return this.renderError(this.language, remote.error);
      return this.#renderServer(remote.dataset!);
    }
    const lang = this.language;
    let sort: CatalogSort;
    try {
      sort = this.#catalogSort();
    } catch (err) {
      return this.renderError(lang, err);
    }
    const c = this.#catalog;
    // One template whatever the state, so the search box keeps its text and focus while a search loads.
    const body =
      c.status === 'loading'
        ? this.renderLoading(lang)
        : c.status === 'error'
          ? this.renderError(lang, c.error)
          : c.status === 'complete'
            ? this.#renderCatalog()
            : nothing;
    return html`${this.#caption()}${this.#renderCatalogToolbar(sort)}${body}`;
  }

  #caption(): TemplateResult | typeof nothing {
    return this.label ? html`<div part="caption" id="caption">${this.label}</div>` : nothing;
  }

  #heading(content: TemplateResult): TemplateResult {
    return html`<div part="title" role="heading" aria-level=${this.headingLevel}>${content}</div>`;
  }

  /** The card's title as its link, or as a button when there is nowhere to go. */
  #titleLink(text: string, href: string | undefined, onActivate: (e: Event) => void): TemplateResult {
    return href
      ? html`<a part="link" href=${href} rel="noopener noreferrer nofollow ugc" @click=${onActivate}>${text}</a>`
      : html`<button type="button" part="link" @click=${onActivate}>${text}</button>`;
  }

  #list(cards: unknown[], listKey: CardsKey, busy?: boolean): TemplateResult {
    const lang = this.language;
    return html`<ul
      part="list"
      role="list"
      aria-labelledby=${this.label ? 'caption' : nothing}
      aria-label=${this.label ? nothing : tCards(lang, listKey)}
      aria-busy=${busy === undefined ? nothing : busy ? 'true' : 'false'}
    >
      ${cards}
    </ul>`;
  }

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const spec = this.#cardSpec(table);
    const view = this.recordView(table);
    const rows = view.rows;
    const pageSize = this.pageSize || rows.length;
    const shown = Math.min(rows.length, this.limit ?? pageSize);
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    const cards: TemplateResult[] = [];
    for (let i = 0; i < shown; i++) cards.push(this.#renderRecordCard(table, rows[i], i, spec, ctx));
    const filtered = rows.length !== table.rowCount;
    const count =
      shown < rows.length || filtered
        ? tCards(lang, 'cardsShown', { shown: formatInteger(lang, shown), count: formatInteger(lang, rows.length) })
        : rows.length === 1
          ? tCards(lang, 'cardsOne')
          : tCards(lang, 'cardsAll', { count: formatInteger(lang, rows.length) });
    const label = (column: number) =>
      spec.fields.find((f) => f.column.index === column)?.label ?? table.columns[column].label;
    return html`${this.#caption()} ${this.renderToolbar(table, view, tCards(lang, 'cardsSearch'), label)}
      ${cards.length ? this.#list(cards, 'cardsList') : html`<p class="empty">${tCards(lang, 'cardsNone')}</p>`}
      <div part="footer">
        <span aria-live="polite">${count}</span>
        ${
          shown < rows.length
            ? html`<button type="button" part="more" @click=${() => this.#more(shown)}>
                ${tCards(lang, 'cardsMore')}
              </button>`
            : nothing
        }
      </div>`;
  }

  /** The cards the server gave for the query (the last ones stay while the next are asked for). */
  #renderServer(dataset: RemoteDataset): TemplateResult {
    const lang = this.language;
    const remote = this.#remote;
    const schema = schemaTable(dataset);
    try {
      this.validate(schema);
    } catch (err) {
      return this.renderError(lang, err);
    }
    const server = this.#shownCards();
    const retry = html`<button type="button" @click=${() => remote.retry()}>${t(lang, 'catalogRetry')}</button>`;
    if (!server) {
      if (!remote.error) return this.renderLoading(lang);
      return html`${this.renderError(lang, remote.error)}
        <p>${retry}</p>`;
    }
    // The request under way, or the failure, of the query in force (not of one left meanwhile).
    const current = this.#asked?.key === this.#wanted;
    const failure =
      remote.error && current
        ? html`<div part="error" role="alert">
            <p>${errorMessage(lang, remote.error)}</p>
            ${retry}
          </div>`
        : nothing;
    const busy = remote.pageLoading && current;
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    // Each page's cards are drawn once (until the card attributes, language or a broken image change
    // them), so that "Voir plus" costs the new cards only, however many are shown.
    const cards = server.pages.map((page) => {
      const table = page.table;
      const spec = this.#cardSpec(table);
      return guard([page, spec, lang, this.broken, this.headingLevel], () =>
        Array.from({ length: table.rowCount }, (_, r) =>
          this.#renderRecordCard(table, r, page.offset + r, spec, ctx, page.offset + r, page.requestUrl),
        ),
      );
    });
    const size = serverPageSize(this.pageSize, dataset, SERVER_ALL);
    const window = dataset.capabilities.maxWindow;
    const reachable = window ? Math.min(server.total, window) : server.total;
    const shown = server.count;
    const count = busy
      ? t(lang, 'loading')
      : shown < server.total
        ? tCards(lang, 'cardsShown', { shown: formatInteger(lang, shown), count: formatInteger(lang, server.total) })
        : shown === 1
          ? tCards(lang, 'cardsOne')
          : tCards(lang, 'cardsAll', { count: formatInteger(lang, shown) });
    const specOf = this.#cardSpec(schema);
    const label = (column: number) =>
      specOf.fields.find((f) => f.column.index === column)?.label ?? schema.columns[column].label;
    const searchable = dataset.capabilities.search !== 'none';
    return html`${this.#caption()}
      ${this.renderServerToolbar(schema, tCards(lang, 'cardsSearch'), label, remote.counts, searchable)}
      ${
        server.count
          ? this.#list(cards, 'cardsList', busy)
          : html`<p class="empty" aria-busy=${busy ? 'true' : 'false'}>${tCards(lang, 'cardsNone')}</p>`
      }
      <div part="footer">
        <span aria-live="polite">${count}</span>
        ${
          shown < reachable
            ? html`<button
                type="button"
                part="more"
                ?disabled=${busy}
                aria-busy=${busy ? 'true' : 'false'}
                @click=${() => this.#more(shown, size)}
              >
                ${tCards(lang, 'cardsMore')}
              </button>`
            : nothing
        }
      </div>
      ${failure}
      ${
        window && server.total > window && shown >= window
          ? html`<p part="note">${tCards(lang, 'cardsServerWindow', { count: formatInteger(lang, window) })}</p>`
          : nothing
      }`;
  }

  #renderImage(url: string | undefined, alt: string): TemplateResult {
    if (!url || this.broken.has(url)) return html`<div part="image" class="placeholder" aria-hidden="true"></div>`;
    return html`<img
      part="image"
      src=${url}
      alt=${alt}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      @error=${() => this.#onImageError(url)}
    />`;
  }

  /** One record's card; `index` is the record's number in `vitrine-select`, `base` resolves relative links. */
  #renderRecordCard(
    table: Table,
    row: number,
    pos: number,
    spec: CardSpec,
    ctx: CellContext,
    index = row,
    base = this.data.result?.dataUrl,
  ): TemplateResult {
    const text = (c: { index: number } | undefined) => (c ? table.text(row, c.index).trim() : '');
    const title = clip(text(spec.title)) || t(ctx.lang, 'mapEmptyValue');
    const href = spec.link ? safeUrl(text(spec.link), true, base) : undefined;
    const subtitle = clip(text(spec.subtitle));
    const description = spec.description ? richTextToPlain(text(spec.description), DESCRIPTION_MAX).text : '';
    const sentence = spec.template ? fillTemplate(table, row, spec.template, ctx.lang, ctx.yes, ctx.no) : '';
    const tags = spec.tags ? splitTags(text(spec.tags)) : [];
    const fields = spec.fields
      .map((f) => ({ label: f.label, value: cellContent(table, row, f, ctx) }))
      .filter((f) => f.value !== '');
    const activate = (e: Event) => this.#select(e, table.record(row), index);
    const selected = this.source !== '' && this.linkedSelection().row === row;
    return html`<li part=${selected ? 'card selected' : 'card'} class=${selected ? 'selected' : ''} data-pos=${pos}>
      ${spec.image ? this.#renderImage(safeUrl(text(spec.image), false, base), clip(text(spec.imageAlt))) : nothing}
      <div class="body">
        ${this.#heading(this.#titleLink(title, href, activate))}
        ${subtitle ? html`<p part="subtitle">${subtitle}</p>` : nothing}
        ${sentence ? html`<p part="text">${clip(sentence, DESCRIPTION_MAX)}</p>` : nothing}
        ${description ? html`<p part="description">${description}</p>` : nothing}
        ${
          fields.length
            ? html`<dl part="fields">
                ${fields.map(
                  (f) =>
                    html`<div>
                      <dt>${f.label}</dt>
                      <dd>${f.value}</dd>
                    </div>`,
                )}
              </dl>`
            : nothing
        }
        ${tags.length ? this.#renderTags(tags, ctx.lang) : nothing}
      </div>
    </li>`;
  }

  #renderTags(tags: string[], lang: Lang): TemplateResult {
    const extra = tags.length - MAX_TAGS;
    return html`<ul part="tags" aria-label=${tCards(lang, 'cardsTags')}>
      ${tags.slice(0, MAX_TAGS).map((tag) => html`<li part="tag">${clip(tag, 60)}</li>`)}
      ${extra > 0 ? html`<li part="tag" class="extra">+${formatInteger(lang, extra)}</li>` : nothing}
    </ul>`;
  }

  // ---- catalogue -------------------------------------------------------------------------------

  #renderCatalogToolbar(sort: CatalogSort): TemplateResult | typeof nothing {
    const supports = this.#catalog.api?.supports ?? { search: this.mode !== 'catalog', sort: this.mode !== 'catalog' };
    const search = this.search && supports.search;
    if (!search && !supports.sort) return nothing;
    const lang = this.language;
    const label: Record<CatalogSort, CardsKey> = {
      relevance: 'catalogSortRelevance',
      updated: 'catalogSortUpdated',
      title: 'catalogSortTitle',
    };
    return html`<div part="toolbar">
      ${search ? this.renderSearch(tCards(lang, 'catalogSearch')) : nothing}
      ${
        supports.sort
          ? html`<div part="sort">
              <label for="sort">${tCards(lang, 'catalogSort')}</label>
              <select id="sort" @change=${this.#onCatalogSort}>
                ${CATALOG_SORTS.map(
                  (s) => html`<option value=${s} ?selected=${s === sort}>${tCards(lang, label[s])}</option>`,
                )}
              </select>
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderCatalog(): TemplateResult {
    const lang = this.language;
    const c = this.#catalog;
    const datasets = c.datasets;
    const records = this.rows;
    const cards = datasets.map((d, i) => this.#renderDatasetCard(d, i, records[i]));
    const total = c.total !== undefined && c.total >= datasets.length ? c.total : undefined;
    const count =
      total !== undefined && total > datasets.length
        ? tCards(lang, 'catalogShown', {
            shown: formatInteger(lang, datasets.length),
            count: formatInteger(lang, total),
          })
        : datasets.length === 1
          ? tCards(lang, 'catalogOne')
          : tCards(lang, 'catalogAll', { count: formatInteger(lang, datasets.length) });
    return html`${cards.length ? this.#list(cards, 'catalogList') : html`<p class="empty">${tCards(lang, 'catalogNone')}</p>`}
      <div part="footer">
        <span aria-live="polite">${count}</span>
        ${
          c.hasMore
            ? html`<button
                type="button"
                part="more"
                ?disabled=${c.loadingMore}
                aria-busy=${c.loadingMore ? 'true' : 'false'}
                @click=${this.#moreDatasets}
              >
                ${tCards(lang, 'cardsMore')}
              </button>`
            : nothing
        }
      </div>
      ${
        c.moreError
          ? html`<div part="error" role="alert">
              <p>${tCards(lang, 'catalogMoreFailed', { message: errorMessage(lang, c.moreError) })}</p>
              <button type="button" @click=${this.#moreDatasets}>${t(lang, 'catalogRetry')}</button>
            </div>`
          : nothing
      }`;
  }

  #licenseText(d: CatalogDataset, lang: Lang): string {
    const l = d.license;
    if (!l) return tCards(lang, 'catalogNoLicense');
    const label = lang === 'en' ? (l.labelEn ?? l.label) : l.label;
    return tCards(lang, l.known ? 'catalogLicense' : 'catalogLicenseUnknown', { license: label });
  }

  #renderDatasetCard(d: CatalogDataset, pos: number, record: Record<string, CellValue>): TemplateResult {
    const lang = this.language;
    const date = d.updated ? formatLongDate(lang, d.updated) : undefined;
    const files =
      d.resourceCount === undefined
        ? undefined
        : d.resourceCount === 1
          ? tCards(lang, 'catalogFile')
          : tCards(lang, 'catalogFiles', { count: formatInteger(lang, d.resourceCount) });
    const meta = [this.#licenseText(d, lang), date ? tCards(lang, 'catalogUpdated', { date }) : '', files ?? ''].filter(
      Boolean,
    );
    const activate = (e: Event) => this.#select(e, record, pos);
    return html`<li part="card" data-pos=${pos}>
      <div class="body">
        ${this.#heading(this.#titleLink(clip(d.title) || d.id, d.url, activate))}
        ${d.publisher ? html`<p part="subtitle">${clip(d.publisher)}</p>` : nothing}
        ${
          d.description
            ? html`<p part="description">${d.description}</p>`
            : html`<p part="description" class="none">${tCards(lang, 'catalogNoDescription')}</p>`
        }
        ${
          d.formats.length
            ? html`<ul part="tags" aria-label=${tCards(lang, 'catalogFormats')}>
                ${d.formats.slice(0, MAX_TAGS).map((f) => html`<li part="badge">${clip(f, 20)}</li>`)}
              </ul>`
            : nothing
        }
        <p part="meta">${meta.map((m, i) => html`${i ? html`<span aria-hidden="true"> · </span>` : nothing}${m}`)}</p>
      </div>
    </li>`;
  }
}

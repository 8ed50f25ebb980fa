import { html, nothing, render, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VitrineError, isAbort } from '../../data/errors.ts';
import type { Column, Table } from '../../data/model.ts';
import { countValues, distinctOf, filterRows, fold, orderOf } from '../../data/query.ts';
import type { RemoteQuery, ValueCount } from '../../data/remote/index.ts';
import { formatInteger } from '../../format/format.ts';
import { tMap } from '../../i18n/fr-map.ts';
import { t, type Lang } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import { errorMessage } from '../../internal/error-message.ts';
import { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from '../../internal/events.ts';
import { parseFilter } from '../../internal/filter-spec.ts';
import { RemoteController, readServerMode } from '../../internal/remote-controller.ts';
import { schemaTable, withLinked } from '../../internal/server-records.ts';
import { styleProps } from '../../internal/style-props.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { cellContent, cellNumber, formatValue, type CellContext } from '../table/cells.ts';
import { resolveColumns, type ShownColumn } from '../table/column-spec.ts';
import {
  AGGREGATES,
  detectAreaKey,
  detectAreaKeyOf,
  groupValues,
  joinValues,
  nameColumn,
  rowValues,
  shapesOf,
  type Aggregate,
  type AreaShapes,
  type AreaValues,
  type CodeGroup,
} from './areas.ts';
import type { AreaLayerSpec, MapSpec, MapView, TileSpec } from './leaflet-view.ts';
import type { Legend, LegendItem } from './map-export.ts';
import { mapStyles } from './map.styles.ts';
import { detectLocator, indexPoints, pointsIn, type Locator, type PointIndex, type Points } from './points.ts';
import {
  CATEGORICAL,
  OTHER_COLOR,
  classBreaks,
  classOf,
  legendRanges,
  normalizeCode,
  sequentialColors,
} from './thematic.ts';

/** The point colours: the classes c0…c7 of map.styles.ts follow this order. */
const CATEGORY_COLORS = CATEGORICAL;
const NEUTRAL = OTHER_COLOR;
/** Classes of a sequential scale at most (the ramp has 7 blues, the lightest unused). */
const MAX_CLASSES = 6;
/** Groups asked of a query API at most (communes of a département, départements, régions: enough). */
const GROUP_LIMIT = 20_000;
/**
 * A lower bound below any real value: a count of the rows that have a value (for a mean) is a count
 * under `value >= this` (the query layer has no "is not empty" filter, and a comparison with an
 * empty cell is false on every API).
 */
const ANY_VALUE = -Number.MAX_SAFE_INTEGER;
/** Radius in px of the smallest and the largest proportional circle. */
const MIN_RADIUS = 3;
const MAX_RADIUS = 24;

/** The controls `controls` may name: the list (or table of areas) and the PNG export. */
export const MAP_CONTROLS = ['list', 'export'] as const;
export type MapControl = (typeof MAP_CONTROLS)[number];

/** Device pixels per CSS px of the PNG export at least (sharp on slides), and at most. */
const PNG_MIN_SCALE = 2;
const PNG_MAX_SCALE = 4;

/**
 * `--vitrine-mark-scale` of an element (presentation mode sets it): 1 when absent or unreadable,
 * kept within 0.5–4 (as the budget chart reads it). Read whenever the map draws: a change of the
 * `presentation` property updates the element, and the map redraws when the scale read differs.
 */
export function markScaleOf(el: Element): number {
  const value = parseFloat(getComputedStyle(el).getPropertyValue('--vitrine-mark-scale'));
  return Number.isFinite(value) && value > 0 ? Math.min(Math.max(value, 0.5), 4) : 1;
}

/** Tile presets: name → URL template, attribution (HTML we write), max zoom. */
const TILES: Record<string, TileSpec> = {
  'osm-fr': {
    url: 'https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png',
    attribution:
      '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>, fond OpenStreetMap France',
    maxZoom: 20,
  },
  osm: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
    maxZoom: 19,
  },
  ign: {
    url: 'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
    attribution: '© <a href="https://www.ign.fr/">IGN</a> Géoplateforme',
    maxZoom: 19,
  },
};

/** How the map colours what it draws: one colour per category, or classes of a number. */
interface Scale {
  kind: 'category' | 'sequential';
  title: string;
  colors: string[];
  labels: string[];
  /** Rows (category) or areas (sequential choropleth) per entry. */
  counts?: number[];
  /** Count of the "other categories" entry (category scale). */
  other: number;
  /** Whether some drawn item has no value (a "no data" entry in the legend). */
  noData: boolean;
}

/** A colour scale and how items map to its entries (see VitrineMap #scale). */
interface Scaled {
  scale: Scale;
  /** The entry of a data row (-1: none, i.e. no value or "other categories"). */
  classOf: (row: number) => number;
  /** The entry of an area (-1: none). */
  areaClass: (i: number) => number;
}

/** The group-by asked of a query API (server mode), and its answer. */
interface Aggregates {
  key: string;
  /** `unavailable`: the API refused the group-by (the rows are then downloaded). */
  status: 'loading' | 'complete' | 'error' | 'unavailable';
  controller: AbortController;
  /** By normalized code (rows without a code left out). */
  groups?: Map<string, CodeGroup>;
  /** Rows without a code, when the counts are those of every row (count). */
  rowCounts?: { noCode: number };
  error?: unknown;
}

/** The areas of a choropleth joined from `areas` + `join`, or drawn from the data's own polygons. */
interface AreaModel {
  source: 'join' | 'rows';
  shapes: AreaShapes;
  /** Areas table (join) or data table (rows) the shapes come from. */
  table: Table;
  /** Code of each area as its GeoJSON writes it (join). */
  codes: string[];
  names: string[];
  values: AreaValues;
}

/**
 * @tagname vitrine-map
 * @summary A map of the rows of a CSV, JSON or GeoJSON file: points (clustered when there are many) coloured by category or by a number and sized by a number, or areas (a choropleth joined on a code against a GeoJSON of communes, départements or régions), with popups, a legend and a list as a text alternative.
 *
 * @attribute server - For a dataset behind a query API (Opendatasoft Explore v2.1, data.gouv.fr tabular API, CKAN DataStore): `auto` (default: when the API announces more rows than `server-threshold`), `always`, or `never` (download every row). In server mode a choropleth (`areas` + `join`) downloads no row: its areas are coloured from the API's group-by on `join` (the counts of the rows; for a sum or a mean of `value`, the sums and the counts of the rows that have a value, two requests at once), under `filter`, with the same values, legend, tooltips and popups as when the rows are downloaded (the summary then counts the rows that match no area only for a count). A map of points cannot be drawn from aggregates: it always downloads its rows (as with `never`), and so does a sum or a mean on an API that cannot sum (CKAN DataStore) or that refuses the group-by.
 * @attribute server-threshold - Rows above which `server="auto"` uses the server (default 50000).
 *
 * @event {VitrineLoadEvent} vitrine-load - The data (and the areas) are loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event {VitrineErrorEvent} vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 * @event {VitrineSelectEvent} vitrine-select - A person activated a point or an area. `detail`: `{ record, index }`: the data row; for an area that stands for several rows, the area's properties with its value, and index -1.
 *
 * @csspart summary - The line that counts the places or areas shown and what could not be drawn.
 * @csspart map - The map box.
 * @csspart legend - The legend.
 * @csspart actions - The box of the buttons under the map.
 * @csspart list-toggle - The button that shows or hides the list of places or the table of areas.
 * @csspart export - The button that downloads the map as a PNG image.
 * @csspart list - The list of places (a `<vitrine-table>`) or the table of areas.
 *
 * @cssproperty --vitrine-map-height - Height of the map (default 28rem).
 * @cssproperty --vitrine-mark-scale - Factor on the size of points, cluster bubbles (and their count) and area outlines (default 1; presentation mode sets 1.75). Read when the map draws, and again when `presentation` changes.
 * @cssproperty --vitrine-font-size - Font size of the element, its legend, buttons, map controls and popups.
 * @cssproperty --vitrine-focus-width - Width of the focus ring (default 2px; 4px in presentation mode).
 * @cssproperty --vitrine-presentation-font-size - Text size in presentation mode (default 1.5rem).
 * @cssproperty --vitrine-presentation-mark-scale - `--vitrine-mark-scale` in presentation mode (default 1.75).
 */
export class VitrineMap extends VitrineElement {
  static override styles = [...VitrineElement.styles, mapStyles];

  /** Latitude column (detected when absent: lat, latitude, y, ylatitude…). */
  @property({ attribute: 'lat' }) latColumn = '';
  /** Longitude column (detected when absent: lon, lng, longitude, x, xlongitude…). */
  @property({ attribute: 'lon' }) lonColumn = '';
  /** A single "lat,lon" column (detected when absent: geo_point_2d, coordonnees_gps…). */
  @property() coordinates = '';
  /** URL of a GeoJSON of areas (communes, départements, régions). With `join`, the areas are coloured
   * by the data (a choropleth); without, they are a light background.
   */
  @property() areas = '';
  /** The property of the areas that holds their code (detected when absent: the one that matches the
   * most codes of `join`).
   */
  @property({ attribute: 'area-key' }) areaKey = '';
  /** The data column that holds the code of each row's area (INSEE code, department code…). Codes match
   * after normalisation (leading zeros, 2A/2B, numbers read as text).
   */
  @property() join = '';
  /** A numeric column, with a label and format as in `<vitrine-table columns>` ("montant = Montant :
   * currency"): colours points or areas on a sequential scale with a legend. With `join`, summed over
   * the rows of each area; without it, areas are coloured by their number of rows.
   */
  @property() value = '';
  /** With `join`: `sum` (default with `value`), `mean`, or `count` (default without `value`). */
  @property() aggregate = '';
  /** Number of classes of the `value` scale (2 to 6, default 5). */
  @property({ type: Number }) classes = 5;
  /** A numeric column: points are drawn as circles whose area is proportional to it. */
  @property({ attribute: 'size-by' }) sizeBy = '';
  /** A category column: one colour per category (colour-blind-safe palette), with a legend. */
  @property({ attribute: 'color-by' }) colorBy = '';
  /** Title of the legend (the label of the `value`, `color-by` or count column when absent). */
  @property({ attribute: 'legend-title' }) legendTitle = '';
  /** Fields shown in a point's popup, with labels and formats as in `<vitrine-table columns>` ("nom =
   * Collectivité, pop_insee = Population : integer"). All columns when absent.
   */
  @property() popup = '';
  /** Boolean: groups nearby points into clusters (for thousands of points). */
  @property({ type: Boolean }) cluster = false;
  /** Background map: `osm-fr` (default), `osm`, `ign`, a tile URL template with {z}/{x}/{y}, or `none`
   * (no tile server).
   */
  @property() tiles = 'osm-fr';
  /** Attribution text for a tile URL template of your own. */
  @property() attribution = '';
  /** Initial centre, "lat, lon" (the view fits the data when absent). */
  @property() center = '';
  /** Initial zoom level. */
  @property({ type: Number }) zoom?: number;
  /** The rows to map: "column = value, other = a | b" (as on the table): points, areas and legend show
   * only these rows (within those of `source`). Values match ignoring case and accents; a query API in
   * server mode compares them as written.
   */
  @property() filter = '';
  /** The buttons under the map: `all` (default), `none`, or a list among `list` (the list of places or
   * table of areas, the map's text alternative) and `export` (the PNG download).
   */
  @property() controls = '';

  @state() private listShown = false;

  readonly #areasData = this.addData();
  readonly #remote = new RemoteController(this, () => this.requestUpdate());
  #remoteStarted = 0;
  /** The group-by asked of the query API, and its answer. */
  #aggregates?: Aggregates;
  /** What the last vitrine-load or vitrine-error of the server mode said (one event per state). */
  #announced = '';
  #view?: MapView;
  #loading?: Promise<void>;
  /** Every row located once per table and locating columns (see PointIndex), and a number per index. */
  #pointIndex?: { table: Table; key: string; index: PointIndex; version: number };
  #pointIndexVersion = 0;
  /** The points of the rows shown, read from the index. */
  #points?: { index: PointIndex; rows: ArrayLike<number> | undefined; points: Points };
  /** The rows kept by `filter` within those of the source. */
  #shown?: { table: Table; linked: ArrayLike<number> | undefined; filter: string; rows: Uint32Array };
  #areaModel?: { key: unknown[]; model: AreaModel | undefined; features?: GeoJSON.Feature[] };
  #background?: { table: Table; shapes: AreaShapes; features: GeoJSON.Feature[] };
  #categoryColors?: { table: Table; column: number; kept: number[]; others: number[]; classOfId: Int32Array };
  #stableNumbers?: { key: unknown[]; breaks: number[] };
  #sizeMax?: { key: unknown[]; max: number };
  #scaleCache?: { key: unknown[]; scaled: Scaled | undefined };

  protected override willUpdate(changed: PropertyValues<this>): void {
    const areas = (this.areas ?? '').trim();
    if (areas) this.#areasData.request(areas, { format: 'geojson', proxy: this.#proxyFor(areas) });
    else this.#areasData.reset();
    if (!this.source) {
      if (changed.has('src')) this.#remoteStarted = performance.now();
      // Only a choropleth can be drawn from the server's aggregates: points always download.
      const mode = this.#aggregatable() ? readServerMode(this.server) : 'never';
      this.#remote.decide(this.src, this.proxy, mode, this.serverThreshold);
    } else {
      // Bound to a source queried on the server: a choropleth from its API, under its filters and search.
      this.#remote.adopt(this.#aggregatable() ? this.linkedRemote() : undefined);
    }
    // A group-by the API refused is asked again for another configuration.
    const config: PropertyKey[] = ['src', 'join', 'value', 'aggregate', 'filter', 'server', 'serverThreshold'];
    if (this.#aggregates?.status === 'unavailable' && config.some((k) => changed.has(k as keyof VitrineMap))) {
      this.#aggregates = undefined;
    }
    super.willUpdate(changed);
    if (this.#serverMode()) this.#askAggregates();
    else {
      this.#aggregates?.controller.abort();
      this.#aggregates = undefined;
    }
  }

  // ---- server mode: a choropleth from the query API's group-by ------------------------------------

  /** Whether the configuration can be drawn from aggregates: a choropleth joined on a code. */
  #aggregatable(): boolean {
    return !!(this.areas ?? '').trim() && !!(this.join ?? '').trim();
  }

  /**
   * True when the areas are coloured from the API's group-by (nothing downloaded): a choropleth on
   * a query API in server mode, unless the API cannot give the aggregate (no sums for a sum or a
   * mean, or a group-by it refuses), in which case the rows are downloaded.
   */
  #serverMode(): boolean {
    const remote = this.#remote;
    if (remote.status !== 'server' || !remote.dataset || !this.#aggregatable()) return false;
    if (this.#aggregates?.status === 'unavailable') return false;
    const caps = remote.dataset.capabilities;
    return caps.counts && (this.#effectiveAggregate() === 'count' || caps.sums);
  }

  /** A choropleth can follow a source queried on the server, when its API can give the aggregate. */
  protected override acceptsServerSource(): boolean {
    const caps = this.linkedRemote()?.capabilities;
    return this.#aggregatable() && !!caps?.counts && (this.#effectiveAggregate() === 'count' || caps.sums);
  }

  /** True when the areas are coloured from the query API's aggregates, without downloading the rows. */
  get serverSide(): boolean {
    return this.#serverMode();
  }

  protected override loadsTable(): boolean {
    return (
      !!this.source || this.#remote.status === 'local' || (this.#remote.status === 'server' && !this.#serverMode())
    );
  }

  /** The API's columns as an empty table: the attributes resolve against it (names, labels, formats). */
  #schemaTable(): Table {
    return schemaTable(this.#remote.dataset!);
  }

  /** The columns of the data: the API's in server mode. */
  override get columns(): readonly Column[] {
    return this.#serverMode() ? this.#schemaTable().columns : super.columns;
  }

  /** The `filter` attribute as the API's filters (the API compares values as written). */
  #serverQuery(schema: Table): RemoteQuery {
    const own: RemoteQuery = {
      filters: [...this.#filters(schema)].map(([column, values]) => ({ column: schema.columns[column].name, values })),
    };
    return withLinked(own, this.linkedRemoteQuery());
  }

  /**
   * Asks the API for the group-by of the join column once per configuration: the counts of the
   * rows (count); or, at once, the sums of `value` and the counts of the rows that have a value
   * (sum and mean: an area whose rows have no value has no data, and a mean is sum ÷ that count,
   * as when the rows are downloaded). An API that answers without groups (it refuses the group-by)
   * leaves the rows to download.
   */
  #askAggregates(): void {
    const dataset = this.#remote.dataset!;
    const schema = this.#schemaTable();
    let query: RemoteQuery;
    let join: string;
    let value: string | undefined;
    try {
      this.#checkAttributes(schema);
      join = this.requireColumn(schema, this.join, 'join').name;
      value = this.#valueColumn(schema)?.column.name;
      query = this.#serverQuery(schema);
    } catch {
      return; // a configuration error, shown by render
    }
    const aggregate = this.#effectiveAggregate();
    const key = JSON.stringify([dataset.api.url, join, value, aggregate, query]);
    if (this.#aggregates?.key === key) return;
    this.#aggregates?.controller.abort();
    const controller = new AbortController();
    const entry: Aggregates = { key, status: 'loading', controller };
    this.#aggregates = entry;
    const signal = controller.signal;
    // The column summed (sum, mean), whose rows with a value are counted.
    const summed = aggregate !== 'count' ? value : undefined;
    const counts: Promise<ValueCount[] | undefined> = dataset.counts(
      join,
      summed ? { filters: [...(query.filters ?? []), { column: summed, min: ANY_VALUE }] } : query,
      signal,
      GROUP_LIMIT,
    );
    const sums = summed ? dataset.sums(join, summed, query, signal) : Promise.resolve(undefined);
    Promise.all([counts, sums]).then(
      ([c, s]) => {
        if (this.#aggregates !== entry) return;
        if (!c || (summed && !s)) entry.status = 'unavailable';
        else {
          const groups = new Map<string, CodeGroup>();
          const group = (raw: string) => {
            const code = normalizeCode(raw);
            let g = groups.get(code);
            if (!g) groups.set(code, (g = { count: 0, sum: NaN }));
            return g;
          };
          for (const { value: v, count } of c ?? []) group(v).count += count;
          // A code the sums leave out (an API that gives only the largest sums) has no known sum: no data.
          for (const { value: v, sum } of s ?? []) {
            const g = group(v);
            g.sum = (Number.isNaN(g.sum) ? 0 : g.sum) + sum;
          }
          // Rows without a code: a group of their own, as the local join leaves them out.
          const noCode = groups.get('');
          groups.delete('');
          entry.groups = groups;
          if (aggregate === 'count') entry.rowCounts = { noCode: noCode?.count ?? 0 };
          entry.status = 'complete';
        }
        this.requestUpdate();
      },
      (err: unknown) => {
        if (this.#aggregates !== entry || isAbort(err)) return;
        entry.status = 'error';
        entry.error = err;
        this.requestUpdate();
      },
    );
  }

  /** The state of the server mode: the error to show, or whether everything is there. */
  #serverState(schema: Table): { state: 'loading' | 'complete' | 'error'; error?: unknown } {
    if (this.#areasData.status === 'error') return { state: 'error', error: this.#areasData.error };
    try {
      this.#checkAttributes(schema);
      this.requireColumn(schema, this.join, 'join');
    } catch (error) {
      return { state: 'error', error };
    }
    const aggregates = this.#aggregates;
    if (aggregates?.status === 'error') return { state: 'error', error: aggregates.error };
    if (this.#areasData.status !== 'complete' || aggregates?.status !== 'complete') return { state: 'loading' };
    try {
      this.#areas(schema);
    } catch (error) {
      return { state: 'error', error };
    }
    return { state: 'complete' };
  }

  protected override render(): TemplateResult | typeof nothing {
    const remote = this.#remote;
    const lang = this.language;
    // Bound to a source: its state (loading, errors, rows) unless its API colours the areas.
    if (this.source && !this.#serverMode()) return super.render();
    if (remote.status === 'deciding') return this.renderLoading(lang);
    if (remote.status === 'error') return this.renderError(lang, remote.error);
    if (!this.#serverMode()) return super.render();
    const schema = this.#schemaTable();
    const { state, error } = this.#serverState(schema);
    if (state === 'error') return this.renderError(lang, error);
    if (state === 'loading') return this.renderLoading(lang);
    return this.renderData(schema);
  }

  /**
   * The events of the server mode (the base element announces downloads): vitrine-load once the
   * areas are coloured, vitrine-error on a failure of the API or of the configuration. The areas
   * file's own failure is announced by the base element.
   */
  #announce(): void {
    const remote = this.#remote;
    let said = '';
    let event: Event | undefined;
    if (!this.source && remote.status === 'error') {
      said = `error:${this.src}`;
      event = this.#errorEvent(remote.error);
    } else if (this.#serverMode()) {
      const schema = this.#schemaTable();
      const { state, error } = this.#serverState(schema);
      if (state === 'complete') {
        said = `load:${this.#aggregates!.key}:${this.areas}`;
        event = new VitrineLoadEvent({
          rowCount: remote.dataset!.total,
          columns: schema.columns,
          elapsed: Math.round(performance.now() - this.#remoteStarted),
          url: remote.dataset!.api.url,
        });
      } else if (state === 'error' && this.#areasData.status !== 'error') {
        said = `error:${this.#aggregates?.key}:${errorMessage(this.language, error)}`;
        event = this.#errorEvent(error);
      }
    }
    if (!event || said === this.#announced) return;
    this.#announced = said;
    this.dispatchEvent(event);
  }

  #errorEvent(error: unknown): VitrineErrorEvent {
    const err = error instanceof VitrineError ? error : undefined;
    return new VitrineErrorEvent({
      code: err?.code ?? 'network',
      message: errorMessage(this.language, error),
      url: err?.url || this.src,
    });
  }

  /** The author's proxy, for a file of another origin only (a file of the page's own site needs none). */
  #proxyFor(url: string): string | undefined {
    if (!this.proxy) return undefined;
    try {
      return new URL(url, document.baseURI).origin === location.origin ? undefined : this.proxy;
    } catch {
      return this.proxy;
    }
  }

  protected override validate(table: Table): void {
    this.#checkAttributes(table);
    const model = this.#areas(table);
    if (model?.source !== 'join') this.#pointsOf(table);
    if (!this.join) this.#backgroundShapes();
  }

  /** The attributes that name columns, checked against the table (or the API's columns). */
  #checkAttributes(table: Table): void {
    this.#controls();
    this.#popupColumns(table);
    if (this.colorBy) this.requireColumn(table, this.colorBy, 'color-by');
    this.#valueColumn(table);
    this.#sizeColumn(table);
    this.#aggregate();
    this.#filters(table);
    if (this.join && !(this.areas ?? '').trim()) {
      throw new VitrineError('config', 'join needs areas', this.#url(), { reason: 'join-needs-areas' });
    }
  }

  /** The rows shown: those of the source, kept by `filter`. */
  protected override visibleIndices(table: Table): ArrayLike<number> {
    return this.#shownRows(table) ?? super.visibleIndices(table);
  }

  /** The `filter` attribute's text ('' when absent or removed). */
  #filterText(): string {
    return (this.filter ?? '').trim();
  }

  /** The `filter` attribute: column index → accepted values. */
  #filters(table: Table): Map<number, string[]> {
    if (!this.#filterText()) return new Map();
    return parseFilter(this.filter, this.language, this.#url(), (name) => this.requireColumn(table, name, 'filter'));
  }

  /**
   * The rows the map shows, in table order: those of the bound `<vitrine-source>` (its filters and
   * search), kept by `filter`; undefined for every row.
   */
  #shownRows(table: Table): ArrayLike<number> | undefined {
    const linked = this.linkedRows(table);
    const filter = this.#filterText();
    if (!filter) return linked;
    const c = this.#shown;
    if (c && c.table === table && c.linked === linked && c.filter === filter) return c.rows;
    const filters = [...this.#filters(table)].map(([column, values]) => ({ column, values }));
    const rows = filterRows(table, filters, linked);
    this.#shown = { table, linked, filter, rows };
    return rows;
  }

  /** A key that changes whenever the rows shown do. */
  #shownKey(): string {
    return `${this.linkKey()}|${this.#filterText()}`;
  }

  #url(): string {
    return this.data.result?.url ?? this.src;
  }

  /** `controls`: "all" (default), "none", or a list of control names; anything else is a `config` error. */
  #controls(): Set<MapControl> {
    const f = fold(this.controls ?? '').trim();
    if (!f || f === 'all' || f === 'tout' || f === 'toutes') return new Set(MAP_CONTROLS);
    if (f === 'none' || f === 'aucun' || f === 'aucune') return new Set();
    const out = new Set<MapControl>();
    for (const name of f.split(/[\s,]+/)) {
      if (!(MAP_CONTROLS as readonly string[]).includes(name)) {
        throw new VitrineError('config', 'bad controls', this.#url(), {
          attribute: 'controls',
          value: name,
          allowed: ['all', 'none', ...MAP_CONTROLS],
        });
      }
      out.add(name as MapControl);
    }
    return out;
  }

  #areasTable(): { table: Table; url: string } | undefined {
    const r = this.#areasData.status === 'complete' ? this.#areasData.result : undefined;
    return r ? { table: r.table, url: r.url } : undefined;
  }

  /** The locating columns, found once per table and attributes (detection reads the columns). */
  #locator(table: Table): Locator {
    const key = [table, this.coordinates, this.latColumn, this.lonColumn];
    if (this.#foundLocator && key.every((k, i) => k === this.#foundLocator!.key[i])) return this.#foundLocator.locator;
    const locator = this.#findLocator(table);
    this.#foundLocator = { key, locator };
    return locator;
  }

  #foundLocator?: { key: unknown[]; locator: Locator };

  #findLocator(table: Table): Locator {
    if (this.coordinates) return { kind: 'point', point: this.requireColumn(table, this.coordinates, 'coordinates') };
    if (this.latColumn || this.lonColumn) {
      return {
        kind: 'latlon',
        lat: this.requireColumn(table, this.latColumn, 'lat'),
        lon: this.requireColumn(table, this.lonColumn, 'lon'),
      };
    }
    const found = detectLocator(table);
    if (!found) {
      throw new VitrineError('config', 'no coordinates', this.#url(), {
        reason: 'no-coordinates',
        available: table.columns.map((c) => c.name),
      });
    }
    return found;
  }

  #popupColumns(table: Table): ShownColumn[] {
    const shown = resolveColumns(table, parseList(this.popup), this.#url());
    // Without a list, every column but the coordinates themselves.
    if (this.popup) return shown;
    return shown.filter((s) => s.column.type !== 'geometry' && s.column.type !== 'geopoint');
  }

  /** One column given with the `<vitrine-table columns>` syntax (label, format). */
  #shownColumn(table: Table, spec: string, attribute: string): ShownColumn | undefined {
    if (!spec.trim()) return undefined;
    try {
      return resolveColumns(table, [spec.trim()], this.#url())[0];
    } catch (err) {
      if (err instanceof VitrineError) err.details.attribute = attribute;
      throw err;
    }
  }

  #valueColumn(table: Table): ShownColumn | undefined {
    return this.#shownColumn(table, this.value, 'value');
  }

  #sizeColumn(table: Table): ShownColumn | undefined {
    return this.#shownColumn(table, this.sizeBy, 'size-by');
  }

  #aggregate(): Aggregate {
    const a = this.aggregate.trim().toLowerCase();
    if (!a) return this.value ? 'sum' : 'count';
    if (!(AGGREGATES as readonly string[]).includes(a)) {
      throw new VitrineError('config', `unknown aggregate "${a}"`, this.#url(), {
        value: this.aggregate,
        allowed: [...AGGREGATES],
        attribute: 'aggregate',
      });
    }
    return a as Aggregate;
  }

  /** Every row of the table located once (per table and locating columns). */
  #pointIndexOf(table: Table): { index: PointIndex; version: number } {
    const locator = this.#locator(table);
    const key = JSON.stringify([
      locator.kind,
      Object.values(locator).map((c) => (typeof c === 'object' ? c.index : c)),
    ]);
    if (this.#pointIndex?.table !== table || this.#pointIndex.key !== key) {
      this.#pointIndex = { table, key, index: indexPoints(table, locator), version: ++this.#pointIndexVersion };
    }
    return this.#pointIndex;
  }

  /**
   * The points of the rows shown. Read from the index of every row (no cell is read again when a
   * filter changes); every row shown gives the index's own points, so that the map finds their
   * cluster index again when a filter is cleared.
   */
  #pointsOf(table: Table): Points {
    const { index } = this.#pointIndexOf(table);
    const rows = this.#shownRows(table);
    if (this.#points?.index !== index || this.#points.rows !== rows) {
      const all = !rows || rows.length === table.rowCount;
      this.#points = { index, rows, points: all ? index.all : pointsIn(index, rows) };
    }
    return this.#points.points;
  }

  /** The areas coloured by the data, when there are: `areas` + `join`, or the data's own polygons. */
  #areas(table: Table): AreaModel | undefined {
    const areasTable = this.#areasTable()?.table;
    const server = this.#serverMode() ? this.#aggregates : undefined;
    const key = [
      table,
      areasTable,
      this.join,
      this.areaKey,
      this.value,
      this.aggregate,
      this.#shownKey(),
      server,
      server?.status,
    ];
    if (this.#areaModel && key.every((k, i) => k === this.#areaModel!.key[i])) return this.#areaModel.model;
    const model = server ? this.#serverAreas(table) : this.join ? this.#joinedAreas(table) : this.#rowAreas(table);
    this.#areaModel = { key, model, features: model ? this.#featuresOf(model.shapes) : undefined };
    return model;
  }

  /**
   * The features drawn for shapes, made once per shapes: the areas of a file keep the same features
   * while the values change (a filter), so the map restyles them instead of drawing them again.
   */
  #featuresOf(shapes: AreaShapes): GeoJSON.Feature[] {
    let features = this.#features.get(shapes);
    if (!features) {
      features = shapes.geometries.map((geometry) => ({
        type: 'Feature',
        properties: {},
        geometry: geometry as GeoJSON.Geometry,
      }));
      this.#features.set(shapes, features);
    }
    return features;
  }

  readonly #features = new WeakMap<AreaShapes, GeoJSON.Feature[]>();
  /** The shapes of each file of areas, read once. */
  readonly #fileShapes = new WeakMap<Table, AreaShapes>();

  #joinedAreas(table: Table): AreaModel | undefined {
    const areas = this.#areasTable();
    if (!areas) return undefined;
    const join = this.requireColumn(table, this.join, 'join');
    const frame = this.#joinFrame(areas, join, () => detectAreaKey(areas.table, table, join.index));
    return {
      ...frame,
      values: joinValues(
        frame.codes.map(normalizeCode),
        table,
        join,
        this.#valueColumn(table),
        this.#aggregate(),
        this.#shownRows(table),
      ),
    };
  }

  /** The area key given by `area-key`, or detected from the codes the data has. */
  /** The areas of a choropleth joined on `join`: their shapes, codes (the key column) and names. */
  #joinFrame(
    areas: { table: Table; url: string },
    join: Column,
    detect: () => Column | undefined,
  ): Omit<AreaModel, 'values'> {
    const shapes = this.#shapesOrError(areas.table, areas.url);
    const key = this.#areaKeyColumn(areas, detect, join);
    const codes = shapes.rows.map((r) => areas.table.text(r, key.index).trim());
    const name = nameColumn(areas.table, key);
    return {
      source: 'join',
      shapes,
      table: areas.table,
      codes,
      names: shapes.rows.map((r, i) => (name ? areas.table.text(r, name.index).trim() : '') || codes[i]),
    };
  }

  #areaKeyColumn(areas: { table: Table; url: string }, detect: () => Column | undefined, join: Column): Column {
    let keyColumn: Column | undefined;
    if (this.areaKey) {
      keyColumn = areas.table.column(this.areaKey);
      if (!keyColumn) {
        throw new VitrineError('config', `no area property "${this.areaKey}"`, areas.url, {
          column: this.areaKey,
          available: this.#properties(areas.table),
          attribute: 'area-key',
        });
      }
    } else keyColumn = detect();
    if (!keyColumn) {
      throw new VitrineError('config', `no area property matches "${join.name}"`, areas.url, {
        reason: 'no-area-key',
        joinColumn: join.name,
        available: this.#properties(areas.table),
      });
    }
    return keyColumn;
  }

  /** A choropleth coloured from the query API's group-by (server mode): the same model, without rows. */
  #serverAreas(schema: Table): AreaModel | undefined {
    const areas = this.#areasTable();
    const aggregates = this.#aggregates;
    if (!areas || aggregates?.status !== 'complete' || !aggregates.groups) return undefined;
    const groups = aggregates.groups;
    const join = this.requireColumn(schema, this.join, 'join');
    const frame = this.#joinFrame(areas, join, () => detectAreaKeyOf(areas.table, new Set(groups.keys())));
    return {
      ...frame,
      values: groupValues(frame.codes.map(normalizeCode), groups, this.#effectiveAggregate(), aggregates.rowCounts),
    };
  }

  #rowAreas(table: Table): AreaModel | undefined {
    const points = this.#pointsOf(table);
    if (!points.shapes.length) return undefined;
    const rows = points.shapes.map((s) => s.row);
    const name = nameColumn(table);
    return {
      source: 'rows',
      shapes: { rows, geometries: points.shapes.map((s) => s.geometry), skipped: 0, missing: 0 },
      table,
      codes: rows.map(() => ''),
      names: rows.map((r) => (name ? table.text(r, name.index).trim() : '') || String(r + 1)),
      values: rowValues(table, rows, this.#valueColumn(table)),
    };
  }

  #properties(table: Table): string[] {
    return table.columns.filter((c) => c.type !== 'geometry').map((c) => c.name);
  }

  #shapesOrError(table: Table, url: string): AreaShapes {
    let shapes = this.#fileShapes.get(table);
    if (!shapes) {
      shapes = shapesOf(table);
      if (!shapes?.rows.length) throw new VitrineError('config', 'no areas', url, { reason: 'no-areas' });
      this.#fileShapes.set(table, shapes);
    }
    return shapes;
  }

  /** The areas drawn as a light background (`areas` without `join`). */
  #backgroundShapes(): { shapes: AreaShapes; features: GeoJSON.Feature[] } | undefined {
    const areas = this.#areasTable();
    if (!areas || this.join) return undefined;
    if (this.#background?.table !== areas.table) {
      const shapes = this.#shapesOrError(areas.table, areas.url);
      this.#background = { table: areas.table, shapes, features: this.#featuresOf(shapes) };
    }
    return this.#background;
  }

  #effectiveAggregate(): Aggregate {
    return this.value ? this.#aggregate() : 'count';
  }

  /**
   * Categories of `color-by`: their colours, given once per table by frequency over every row (so a
   * category keeps its colour whatever the filters), and their counts over the rows shown.
   */
  #categories(table: Table): { labels: string[]; counts: number[]; classOfId: Int32Array; other: number } | undefined {
    if (!this.colorBy) return undefined;
    const col = this.requireColumn(table, this.colorBy, 'color-by').index;
    let colors = this.#categoryColors;
    if (colors?.table !== table || colors.column !== col) {
      const all = countValues(table, col);
      const order = Array.from(orderOf(table, col)).sort((a, b) => all[b] - all[a]);
      const classOfId = new Int32Array(all.length).fill(-1);
      const max = CATEGORY_COLORS.length;
      // Beyond the palette, the least frequent categories share the neutral colour ("Autres").
      const kept = order.length > max ? order.slice(0, max - 1) : order;
      kept.forEach((id, k) => (classOfId[id] = k));
      colors = { table, column: col, kept, others: order.slice(kept.length), classOfId };
      this.#categoryColors = colors;
    }
    const counts = countValues(table, col, this.#shownRows(table));
    let other = 0;
    for (const id of colors.others) other += counts[id];
    const values = distinctOf(table, col).values;
    return {
      labels: colors.kept.map((id) => values[id]),
      counts: colors.kept.map((id) => counts[id]),
      classOfId: colors.classOfId,
      other,
    };
  }

  /**
   * Class breaks of `value` over every point and shape of the table, whatever the filters: a place
   * keeps its colour when a filter changes, and two filtered views read on the same scale. (The
   * areas of a joined choropleth are different: their values are sums or counts of the rows shown,
   * so their breaks follow those values, see #scale.)
   */
  #stableBreaks(table: Table, value: ShownColumn, classes: number): number[] {
    const { index } = this.#pointIndexOf(table);
    const key = [table, index, value.column, value.format, classes];
    if (!this.#stableNumbers || key.some((k, i) => k !== this.#stableNumbers!.key[i])) {
      const numbers: number[] = [];
      for (const s of index.all.shapes) numbers.push(cellNumber(table, s.row, value));
      for (const row of index.all.rows) numbers.push(cellNumber(table, row, value));
      this.#stableNumbers = { key, breaks: classBreaks(numbers.filter(Number.isFinite), classes) };
    }
    return this.#stableNumbers.breaks;
  }

  /**
   * The colour scale: categories of `color-by`, or classes of the value (of the areas of a
   * choropleth, else of the points and shapes). `classOf` maps a data row (or, for a joined
   * choropleth, an area) to its entry, -1 for no entry (no data, or "other categories").
   */
  #scale(table: Table): Scaled | undefined {
    const model = this.#areas(table);
    const points = model?.source === 'join' ? undefined : this.#pointsOf(table);
    const key = [
      table,
      model,
      points,
      this.colorBy,
      this.value,
      this.classes,
      this.legendTitle,
      this.popup,
      this.aggregate,
      this.language,
      this.#shownRows(table),
    ];
    if (this.#scaleCache && key.every((k, i) => k === this.#scaleCache!.key[i])) return this.#scaleCache.scaled;
    const scaled = this.#computeScale(table, model);
    this.#scaleCache = { key, scaled };
    return scaled;
  }

  /**
   * The legend's counts are those of what is shown (the rows a source or `filter` keeps): rows per
   * category, places per class of `value`, areas per class of a choropleth.
   */
  #computeScale(table: Table, model: AreaModel | undefined): Scaled | undefined {
    const lang = this.language;
    if (this.colorBy && model?.source !== 'join') {
      const c = this.#categories(table)!;
      const ids = distinctOf(table, this.requireColumn(table, this.colorBy, 'color-by').index).ids;
      const rowClass = (row: number) => (ids[row] >= 0 ? c.classOfId[ids[row]] : -1);
      return {
        scale: {
          kind: 'category',
          title: this.legendTitle || this.#label(table, this.colorBy),
          colors: CATEGORY_COLORS.slice(0, c.labels.length),
          labels: c.labels,
          counts: c.counts,
          other: c.other,
          noData: false,
        },
        classOf: rowClass,
        areaClass: (i) => (model ? rowClass(model.shapes.rows[i]) : -1),
      };
    }
    const value = this.#valueColumn(table);
    if (!value && model?.source !== 'join') return undefined;
    // The numbers shown: one per area of a joined choropleth, else one per point and shape shown.
    const numbers: number[] = [];
    if (model) numbers.push(...model.values.values);
    if (model?.source !== 'join' && value) {
      const points = this.#pointsOf(table);
      for (const row of points.rows) numbers.push(cellNumber(table, row, value));
    }
    const finite = numbers.filter(Number.isFinite);
    const classes = Math.min(Math.max(Math.round(this.classes) || 5, 2), MAX_CLASSES);
    // A choropleth's breaks follow the values of its areas (sums or counts of the rows shown: with
    // breaks of every row, a filter would leave all areas in the first class); the breaks of points
    // and shapes are those of every row (#stableBreaks). The counts are always those shown.
    const breaks =
      model?.source === 'join' || !value ? classBreaks(finite, classes) : this.#stableBreaks(table, value, classes);
    const counted = model?.source === 'join' && this.#aggregate() === 'count';
    const format = value && !counted && value.format ? (n: number) => formatValue(n, value, lang) : undefined;
    const counts = new Array<number>(breaks.length).fill(0);
    for (const v of finite) counts[classOf(v, breaks)]++;
    return {
      scale: {
        kind: 'sequential',
        title: this.legendTitle || (counted || !value ? tMap(lang, 'mapCount') : value.label),
        // The lightest blue of the ramp is left out: it would read as the background.
        colors: sequentialColors(breaks.length + 1).slice(1),
        labels: legendRanges(breaks, lang, format),
        counts,
        other: 0,
        noData: finite.length < numbers.length,
      },
      classOf: (row) => (value ? classOf(cellNumber(table, row, value), breaks) : -1),
      areaClass: (i) => (model ? classOf(model.values.values[i], breaks) : -1),
    };
  }

  /** The label a column gets in the popup, else its own label. */
  #label(table: Table, name: string): string {
    const column = table.column(name);
    if (!column) return name;
    try {
      return this.#popupColumns(table).find((p) => p.column === column)?.label ?? column.label;
    } catch {
      return column.label;
    }
  }

  /** Radius of each point when `size-by` is set: the circle's area is proportional to the value. */
  #sizes(table: Table): { radiusOf: (row: number) => number; max: number; column: ShownColumn } | undefined {
    const column = this.#sizeColumn(table);
    if (!column) return undefined;
    // The largest value of every point, whatever the filters: a circle keeps its size when they change.
    const { index } = this.#pointIndexOf(table);
    const key = [table, index, column.column, column.format];
    if (!this.#sizeMax || key.some((k, i) => k !== this.#sizeMax!.key[i])) {
      let largest = 0;
      for (const row of index.all.rows) {
        const v = cellNumber(table, row, column);
        if (v > largest) largest = v;
      }
      this.#sizeMax = { key, max: largest };
    }
    const max = this.#sizeMax.max;
    const radiusOf = (row: number) => {
      const v = cellNumber(table, row, column);
      return v > 0 && max > 0 ? Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(v / max)) : MIN_RADIUS;
    };
    return { radiusOf, max, column };
  }

  #tiles(): TileSpec | undefined {
    const v = this.tiles.trim();
    if (!v || v === 'none') return undefined;
    const preset = TILES[v.toLowerCase()];
    if (preset) return preset;
    const escaped = this.attribution.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return { url: v, attribution: escaped, maxZoom: 19 };
  }

  #spec(table: Table): MapSpec {
    const lang = this.language;
    const model = this.#areas(table);
    const points = model?.source === 'join' ? undefined : this.#pointsOf(table);
    const scaled = this.#scale(table);
    const sizes = model?.source === 'join' ? undefined : this.#sizes(table);
    const popupColumns = this.#popupColumns(table);
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    // A marker's title (tooltip and accessible name): the name of the place when the popup shows it.
    const named = nameColumn(table);
    const titleColumn =
      popupColumns.find((s) => s.column === named) ??
      popupColumns.find((s) => s.column.type === 'string') ??
      popupColumns[0];
    const center = parseList(this.center.replace(/;/g, ',')).map(Number);
    // No class: "other categories", or no value on a sequential scale.
    const colorOf = (k: number) => (k < 0 || !scaled ? NEUTRAL : scaled.scale.colors[k]);
    return {
      points,
      // The look of a point depends on these only (categories, breaks and sizes do not follow filters).
      styleKey: JSON.stringify([
        points ? this.#pointIndexOf(table).version : 0,
        this.colorBy,
        this.value,
        this.classes,
        this.sizeBy,
        this.popup,
        lang,
      ]),
      pointClass: (row) => {
        const k = scaled?.scale.kind === 'category' ? scaled.classOf(row) : -1;
        return k < 0 ? 'cn' : `c${k}`;
      },
      pointColor: (row) => (scaled ? colorOf(scaled.classOf(row)) : CATEGORY_COLORS[0]),
      radiusOf: sizes?.radiusOf,
      title: (row) => (titleColumn ? table.text(row, titleColumn.column.index).trim() : String(row + 1)),
      popup: (row) => this.#popupContent(table, row, popupColumns, ctx),
      onSelect: (row) => {
        this.selectLinked(row);
        this.dispatchEvent(new VitrineSelectEvent({ record: table.record(row), index: row }));
      },
      cluster: this.cluster,
      clusterTitle: (count) => tMap(lang, 'mapCluster', { count: formatInteger(lang, count) }),
      labels: { zoomIn: tMap(lang, 'mapZoomIn'), zoomOut: tMap(lang, 'mapZoomOut'), close: tMap(lang, 'mapClose') },
      tiles: this.#tiles(),
      areas: model ? this.#areaLayer(table, model, scaled?.areaClass, colorOf, popupColumns, ctx) : undefined,
      background: this.#backgroundShapes()?.features,
      center: center.length === 2 && center.every(Number.isFinite) ? [center[0], center[1]] : undefined,
      zoom: this.zoom,
      markScale: markScaleOf(this),
    };
  }

  #areaLayer(
    table: Table,
    model: AreaModel,
    areaClass: ((i: number) => number) | undefined,
    colorOf: (k: number) => string,
    popupColumns: ShownColumn[],
    ctx: CellContext,
  ): AreaLayerSpec {
    const rowsOf = model.values.rows;
    const single = (i: number) => (rowsOf[i].length === 1 ? rowsOf[i][0] : -1);
    return {
      features: this.#areaModel!.features!,
      fill: (i) => {
        const k = areaClass ? areaClass(i) : -1;
        if (k >= 0) return colorOf(k);
        // No data: hatched (undefined), unless the area is an "other category".
        return areaClass && model.source === 'rows' && this.colorBy ? NEUTRAL : undefined;
      },
      title: (i) => {
        const v = this.#areaValueText(table, model, i);
        return v ? tMap(this.language, 'mapAreaTitle', { name: model.names[i], value: v }) : model.names[i];
      },
      popup: (i) => this.#areaPopup(table, model, i, popupColumns, ctx),
      onSelect: (i) => {
        const row = single(i);
        if (row >= 0) {
          this.dispatchEvent(new VitrineSelectEvent({ record: table.record(row), index: row }));
          return;
        }
        const record = model.table.record(model.shapes.rows[i]);
        for (const c of model.table.columns) if (c.type === 'geometry') delete record[c.name];
        const title = this.#scale(table)?.scale.title ?? tMap(this.language, 'mapCount');
        record[title] = model.values.values[i];
        this.dispatchEvent(new VitrineSelectEvent({ record, index: -1 }));
      },
    };
  }

  /** The value of an area, formatted ("" without data or without a value to show). */
  #areaValueText(table: Table, model: AreaModel, i: number): string {
    const lang = this.language;
    const v = model.values.values[i];
    if (!Number.isFinite(v)) return model.source === 'join' ? t(lang, 'legend.noData') : '';
    const value = this.#valueColumn(table);
    if (model.source === 'join' && this.#aggregate() === 'count') return formatInteger(lang, v);
    return value ? formatValue(v, value, lang) : '';
  }

  /** An area's popup: its name, its value, and the fields of its row when it stands for one row. */
  #areaPopup(table: Table, model: AreaModel, i: number, columns: ShownColumn[], ctx: CellContext): HTMLElement {
    const rows = model.values.rows[i];
    const valueText = this.#areaValueText(table, model, i);
    const title = this.#scale(table)?.scale.title ?? '';
    const box = document.createElement('div');
    box.className = 'vitrine-popup';
    render(
      html`<p class="popup-title">${model.names[i]}</p>
        ${
          valueText && model.source === 'join'
            ? html`<dl>
                <div>
                  <dt>${title}</dt>
                  <dd>${valueText}</dd>
                </div>
              </dl>`
            : nothing
        }
        ${rows.length === 1 ? this.#fields(table, rows[0], columns, ctx) : nothing}`,
      box,
    );
    return box;
  }

  #fields(table: Table, row: number, columns: ShownColumn[], ctx: CellContext): TemplateResult {
    return html`<dl>
      ${columns.map((s) => {
        const content = cellContent(table, row, s, ctx);
        return content === ''
          ? nothing
          : html`<div>
              <dt>${s.label}</dt>
              <dd>${content}</dd>
            </div>`;
      })}
    </dl>`;
  }

  /** A popup: the chosen fields as a definition list, formatted and safe (rendered by Lit, never as HTML). */
  #popupContent(table: Table, row: number, columns: ShownColumn[], ctx: CellContext): HTMLElement {
    const box = document.createElement('div');
    box.className = 'vitrine-popup';
    render(this.#fields(table, row, columns, ctx), box);
    return box;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: the map is built again on the next update.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A group-by under way is asked again if the element comes back.
    if (this.#aggregates?.status === 'loading') {
      this.#aggregates.controller.abort();
      this.#aggregates = undefined;
    }
    this.#view?.destroy();
    this.#view = undefined;
    this.#loading = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#announce();
    const table = this.#drawnTable();
    const box = this.renderRoot.querySelector<HTMLElement>('[part="map"]');
    if (!table || !box || this.#loading) return;
    let spec: MapSpec;
    try {
      spec = this.#spec(table);
    } catch {
      return; // a configuration error is shown already
    }
    if (this.#view && this.#view.map.getContainer() === box) {
      // Showing the list changes nothing on the map; the filters of a source do, and the aggregates.
      const linkKey = `${this.linkKey()}|${this.#aggregates?.status}:${this.#aggregates?.key}`;
      if (
        [...changed.keys()].some((k) => k !== 'listShown' && k !== 'controls') ||
        linkKey !== this.#drawnLinkKey ||
        spec.markScale !== this.#drawnScale
      ) {
        this.#drawnLinkKey = linkKey;
        this.#drawnScale = spec.markScale;
        this.#view.update(spec);
      }
      this.#followSelection();
      return;
    }
    this.#view?.destroy();
    this.#view = undefined;
    // Leaflet and the clustering code load with the first map on the page, not before.
    const loading = import('./leaflet-view.ts').then(({ createMapView }) => {
      if (this.#loading !== loading || !this.isConnected) return;
      this.#loading = undefined;
      this.#drawnLinkKey = `${this.linkKey()}|${this.#aggregates?.status}:${this.#aggregates?.key}`;
      const first = this.#spec(table);
      this.#drawnScale = first.markScale;
      this.#view = createMapView(box, first);
      this.#followSelection();
      /** @internal Not an API: tests wait for the first draw. */
      this.dispatchEvent(new Event('vitrine-map-ready'));
    });
    this.#loading = loading;
  }

  #drawnLinkKey = '';
  /** The mark scale the map was last drawn with. */
  #drawnScale = 1;
  #seenSelection = -1;
  #exporting = false;

  /** The table the map draws: the data, or in server mode the API's columns once its aggregates are in. */
  #drawnTable(): Table | undefined {
    if (!this.#serverMode()) return this.table;
    const schema = this.#schemaTable();
    return this.#serverState(schema).state === 'complete' ? schema : undefined;
  }

  /** A record picked in another element bound to the same source: open its popup. */
  #followSelection(): void {
    const picked = this.linkedSelection();
    if (picked.version === this.#seenSelection) return;
    this.#seenSelection = picked.version;
    if (!picked.mine && picked.row >= 0) this.#view?.open(picked.row);
  }

  /** Opens the popup of a record on the map (its row index in the data). */
  openRecord(index: number): void {
    this.#view?.open(index);
  }

  /** The Leaflet map, once drawn (for advanced use). */
  get leafletMap(): unknown {
    return this.#view?.map;
  }

  // ---- export ----------------------------------------------------------------------------------

  /**
   * The map as a PNG image, as the person sees it (for slides and reports): the title (`label`),
   * the summary line, the current view at twice its size on screen (or the screen's pixel ratio
   * when higher) with its tiles, areas, points and cluster bubbles, the legend, and the sources
   * underneath (data, areas, base map). The tiles are left out when their server does not allow
   * a page to read them (no CORS headers); popups and zoom buttons are not part of the image.
   * Rejects when there is no map to show (an error, or a box of no size).
   */
  async exportPng(): Promise<Blob> {
    await this.updateComplete;
    if (this.#loading) await this.#loading;
    const view = this.#view;
    const table = this.#drawnTable();
    const box = view?.map.getContainer();
    if (!view || !table || !box?.isConnected || !box.clientWidth || !box.clientHeight) throw new Error('no map');
    const width = box.clientWidth;
    const height = box.clientHeight;
    const scale = Math.min(PNG_MAX_SCALE, Math.max(PNG_MIN_SCALE, window.devicePixelRatio || 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    const [{ tiles, attribution }, { mapPng }] = await Promise.all([view.paint(ctx, scale), import('./map-export.ts')]);
    const lang = this.language;
    const dataUrl = this.#serverMode() ? (this.#remote.dataset?.api.url ?? this.src) : this.#url();
    const areasUrl = this.#areasTable()?.url;
    const sources = [
      dataUrl ? tMap(lang, 'mapPngSource', { url: dataUrl }) : '',
      areasUrl ? tMap(lang, 'mapPngAreas', { url: areasUrl }) : '',
      tiles === 'drawn' && attribution ? tMap(lang, 'mapPngTiles', { attribution }) : '',
    ].filter(Boolean);
    return mapPng({
      title: this.label,
      subtitle: this.#summary(table),
      map: canvas,
      width,
      height,
      legends: this.#legends(table),
      sources,
      scale,
      family: getComputedStyle(this).fontFamily || 'sans-serif',
    });
  }

  /** The PNG button: the image under a name made from the title. */
  async #downloadPng(): Promise<void> {
    if (this.#exporting) return;
    this.#exporting = true;
    try {
      const table = this.#drawnTable();
      const title = this.label || (table ? this.#scale(table)?.scale.title : '') || '';
      const [blob, { download, slug }] = await Promise.all([this.exportPng(), import('../../internal/png.ts')]);
      download(this.renderRoot, blob, `${slug(title, this.language === 'fr' ? 'carte' : 'map')}.png`);
    } catch (err) {
      // Nothing to save (the map went away meanwhile): the page goes on.
      console.warn('vitrine-map: PNG export failed', err);
    } finally {
      this.#exporting = false;
    }
  }

  /** The legends as the page shows them: colours, and reference circles of `size-by`. */
  #legends(table: Table): Legend[] {
    const model = this.#areas(table);
    const scaled = this.#scale(table);
    const sizes = model?.source === 'join' ? undefined : this.#sizes(table);
    const legends: Legend[] = [];
    if (scaled)
      legends.push({ kind: 'colors', title: scaled.scale.title, items: this.#legendItems(scaled.scale, !!model) });
    if (sizes && sizes.max > 0) legends.push({ kind: 'sizes', ...this.#sizeLegend(sizes) });
    return legends;
  }

  // ---- rendering -------------------------------------------------------------------------------

  #summary(table: Table): string {
    const lang = this.language;
    const n = (count: number) => formatInteger(lang, count);
    const model = this.#areas(table);
    const skippedOf = (s?: AreaShapes) => (s ? s.skipped + s.missing : 0);
    const skipped = skippedOf(model?.shapes) + skippedOf(this.#backgroundShapes()?.shapes);
    const parts: string[] = [];
    if (model?.source === 'join') {
      const count = model.shapes.rows.length;
      const valued = model.values.values.filter(Number.isFinite).length;
      parts.push(count === 1 ? tMap(lang, 'mapArea') : tMap(lang, 'mapAreas', { count: n(count) }));
      parts.push(tMap(lang, 'mapAreasWithData', { count: n(valued) }));
      if (model.values.unmatched) parts.push(tMap(lang, 'mapUnmatched', { count: n(model.values.unmatched) }));
      if (model.values.noCode) parts.push(tMap(lang, 'mapNoCode', { count: n(model.values.noCode) }));
    } else {
      const points = this.#pointsOf(table);
      const shown = points.rows.length;
      const without = points.missing + points.invalid;
      if (shown || !points.shapes.length) {
        parts.push(shown === 1 ? tMap(lang, 'mapPlace') : tMap(lang, 'mapPlaces', { count: n(shown) }));
      }
      if (points.shapes.length)
        parts.push(
          points.shapes.length === 1
            ? tMap(lang, 'mapShape')
            : tMap(lang, 'mapShapes', { count: n(points.shapes.length) }),
        );
      if (without) parts.push(tMap(lang, 'mapWithout', { count: n(without) }));
    }
    if (skipped) parts.push(tMap(lang, 'mapSkipped', { count: n(skipped) }));
    return parts.join(', ');
  }

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const model = this.#areas(table);
    const joined = model?.source === 'join';
    const scaled = this.#scale(table);
    const sizes = model?.source === 'join' ? undefined : this.#sizes(table);
    const controls = this.#controls();
    const list = controls.has('list');
    return html`<p part="summary" aria-live="polite">${this.#summary(table)}</p>
      <div part="map" class="map" role="region" aria-label=${this.label || t(lang, 'tableCaption')}></div>
      ${scaled || sizes ? this.#renderLegend(lang, scaled?.scale, sizes, !!model) : nothing}
      ${
        controls.size
          ? html`<div part="actions">
              ${
                list
                  ? html`<button
                      type="button"
                      part="list-toggle"
                      aria-expanded=${this.listShown ? 'true' : 'false'}
                      aria-controls="list"
                      @click=${() => (this.listShown = !this.listShown)}
                    >
                      ${
                        joined
                          ? tMap(lang, this.listShown ? 'mapAreasHide' : 'mapAreasShow')
                          : tMap(lang, this.listShown ? 'mapListHide' : 'mapListShow')
                      }
                    </button>`
                  : nothing
              }
              ${
                controls.has('export')
                  ? html`<button type="button" part="export" @click=${() => void this.#downloadPng()}>
                      ${tMap(lang, 'mapPng')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        list
          ? html`<div id="list" ?hidden=${!this.listShown}>
              ${this.listShown ? (joined ? this.#renderAreaTable(table, model) : this.#renderList(lang)) : nothing}
            </div>`
          : nothing
      }`;
  }

  #renderList(lang: Lang): TemplateResult {
    // <vitrine-table> is fetched when a person first opens the list (a map page without the list
    // does not download the table); the element upgrades as soon as it is defined.
    void import('../table/table.ts');
    return html`<vitrine-table
      part="list"
      src=${this.src}
      lang=${lang}
      label=${this.label}
      format=${this.format || nothing}
      delimiter=${this.delimiter || nothing}
      encoding=${this.encoding || nothing}
      records=${this.records || nothing}
      proxy=${this.proxy || nothing}
      source=${this.source || nothing}
      filter=${this.filter || nothing}
      server="never"
      columns=${this.popup || nothing}
      page-size="10"
      search
    ></vitrine-table>`;
  }

  /** The text alternative of a choropleth: every area with its code and value. */
  #renderAreaTable(table: Table, model: AreaModel): TemplateResult {
    const lang = this.language;
    const title = this.#scale(table)?.scale.title ?? tMap(lang, 'mapCount');
    return html`<div
      class="area-table"
      part="list"
      tabindex="0"
      role="region"
      aria-label=${tMap(lang, 'mapAreaTitle', { name: tMap(lang, 'mapAreasTable'), value: this.label || title })}
    >
      <table>
        <caption>
          ${this.label || title}
        </caption>
        <thead>
          <tr>
            <th scope="col">${tMap(lang, 'mapAreaName')}</th>
            <th scope="col">${tMap(lang, 'mapAreaCode')}</th>
            <th scope="col">${title}</th>
          </tr>
        </thead>
        <tbody>
          ${model.names.map(
            (name, i) =>
              html`<tr>
                <th scope="row">${name}</th>
                <td>${model.codes[i]}</td>
                <td class="number">${this.#areaValueText(table, model, i)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The entries of a colour legend: classes or categories, "other categories", "no data". */
  #legendItems(scale: Scale, areas: boolean): LegendItem[] {
    const lang = this.language;
    const square = scale.kind === 'sequential';
    // Areas without data are hatched; points without a value are grey.
    const hatched = square && areas;
    const count = (n: number | undefined) => (n === undefined ? undefined : `(${formatInteger(lang, n)})`);
    const items: LegendItem[] = [];
    scale.labels.forEach((label, k) => {
      // A category none of the rows shown has is left out (its colour stays its own).
      if (scale.kind === 'category' && scale.counts?.[k] === 0) return;
      items.push({ label, count: count(scale.counts?.[k]), color: scale.colors[k], kind: square ? 'square' : 'dot' });
    });
    if (scale.other)
      items.push({ label: tMap(lang, 'mapOther'), count: count(scale.other), color: NEUTRAL, kind: 'dot' });
    if (scale.noData)
      items.push({ label: t(lang, 'legend.noData'), color: NEUTRAL, kind: hatched ? 'hatched' : 'dot' });
    return items;
  }

  #renderLegend(
    lang: Lang,
    scale: Scale | undefined,
    sizes: { max: number; column: ShownColumn } | undefined,
    areas: boolean,
  ): TemplateResult {
    const swatch = (item: LegendItem) =>
      item.kind === 'hatched'
        ? html`<span class="swatch square no-data"></span>`
        : html`<span
            class="swatch ${item.kind === 'square' ? 'square' : ''}"
            style=${styleProps({ background: item.color })}
          ></span>`;
    return html`${
      scale
        ? html`<figure part="legend">
            <figcaption>${scale.title}</figcaption>
            <ul>
              ${this.#legendItems(scale, areas).map(
                (item) =>
                  html`<li>
                    ${swatch(item)}${item.label}
                    ${item.count ? html`<span class="count">${item.count}</span>` : nothing}
                  </li>`,
              )}
            </ul>
          </figure>`
        : nothing
    }
    ${sizes && sizes.max > 0 ? this.#renderSizeLegend(lang, sizes) : nothing}`;
  }

  /**
   * The reference circles of `size-by`: the largest value and two rounded fractions of it, with
   * the radii the points get (times the mark scale).
   */
  #sizeLegend(sizes: { max: number; column: ShownColumn }): {
    title: string;
    items: { label: string; radius: number }[];
  } {
    const nice = (x: number) => {
      const step = 10 ** Math.floor(Math.log10(x));
      return Math.floor(x / step) * step;
    };
    const values = [...new Set([sizes.max, nice(sizes.max / 4), nice(sizes.max / 16)])].filter((v) => v > 0);
    const scale = markScaleOf(this);
    const radius = (v: number) => Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(v / sizes.max)) * scale;
    return {
      title: this.legendTitle && !this.value && !this.colorBy ? this.legendTitle : sizes.column.label,
      items: values.map((v) => ({ label: formatValue(v, sizes.column, this.language), radius: radius(v) })),
    };
  }

  /** Reference circles for `size-by`. */
  #renderSizeLegend(_lang: Lang, sizes: { max: number; column: ShownColumn }): TemplateResult {
    const { title, items } = this.#sizeLegend(sizes);
    const d = Math.max(...items.map((i) => i.radius)) * 2 + 2;
    return html`<figure part="legend" class="sizes">
      <figcaption>${title}</figcaption>
      <ul>
        ${items.map(
          (item) =>
            html`<li>
              <svg width=${d} height=${d} viewBox="0 0 ${d} ${d}" aria-hidden="true">
                ${svg`<circle cx=${d / 2} cy=${d - 1 - item.radius} r=${item.radius} class="size-circle"></circle>`}
              </svg>
              ${item.label}
            </li>`,
        )}
      </ul>
    </figure>`;
  }
}

/**
 * Server-side queries: for a dataset behind an API that can filter, sort, aggregate and page on the
 * server (Opendatasoft Explore v2.1, the data.gouv.fr tabular API, CKAN datastore_search), the
 * elements ask the server for the page, sort, search and counts they need instead of downloading
 * everything.
 *
 *   const ds = await openRemote(resolved.api, { proxy, signal });
 *   const page = await ds.page({ sort: [{ column: 'nom', descending: false }] }, 0, 50, signal);
 *
 * Every request goes through `fetchJson` (the author's proxy template, errors as VitrineError codes
 * http/cors/network/parse, `abort` when the signal fires). Filters already in `api.url` (the author's
 * refine/where, tabular filters, CKAN filters/q) always stay, ANDed with the query. Every page's table
 * has the same columns, in the schema's order, with the schema's types.
 *
 * What each API can do (see each module for exactly what is sent):
 * - Opendatasoft (`ods.ts`): full-text search, counts and sums by group_by, 100 rows a request, no
 *   record past offset + limit = 10,000 (page() throws a `too-large` VitrineError beyond).
 * - data.gouv.fr tabular API (`tabular.ts`): no full-text search (every word must be contained in one
 *   column: `searchColumns[0]`), counts and sums by `__groupby` when the API allows aggregation for the
 *   resource (else undefined), 50 rows a request, one sort key.
 * - CKAN DataStore (`datastore.ts`): full-text search (`q`), counts from distinct values (one request
 *   per value, up to 50 values), no sums, 32,000 rows a request; a min/max filter reads the column's
 *   distinct values once (one extra request, cached) to send them as a values filter.
 *
 * No DOM, no Lit.
 */
import { VitrineError } from '../errors.ts';
import type { ColumnType, Table } from '../model.ts';
import type { ServerApi } from '../portals/index.ts';
import { openDatastore } from './datastore.ts';
import { openOds } from './ods.ts';
import { openTabular } from './tabular.ts';

export interface RemoteFilter {
  column: string;
  /** Rows whose value is one of these (OR). '' means an empty cell. */
  values?: readonly string[];
  /** Inclusive bounds; dates as ISO yyyy-mm-dd (a max day includes the whole day). */
  min?: string | number;
  max?: string | number;
}

export interface RemoteQuery {
  filters?: readonly RemoteFilter[];
  /** Words, all must match; accent-insensitivity as the API gives it. */
  search?: string;
  /** For APIs without full-text search (tabular): contains on these (only the first is used, see tabular.ts). */
  searchColumns?: readonly string[];
  sort?: readonly { column: string; descending: boolean }[];
}

export interface RemotePage {
  table: Table;
  /** Rows matching the query. */
  total: number;
  /** Index of the table's first row among the rows matching the query. */
  offset: number;
  /** The API URL requested (without the proxy). */
  requestUrl: string;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface RemoteCapabilities {
  search: 'full-text' | 'column' | 'none';
  counts: boolean;
  sums: boolean;
  /** Most rows one request can return. */
  maxLimit: number;
  /** offset + limit may not exceed this (Opendatasoft: 10,000). */
  maxWindow?: number;
}

export interface RemoteDataset {
  readonly api: ServerApi;
  /** From the API's own schema. */
  readonly columns: readonly { name: string; label: string; type: ColumnType }[];
  /** Rows without any filter (but those of the author's URL). */
  readonly total: number;
  readonly capabilities: RemoteCapabilities;
  /**
   * Opened from its first page (Opendatasoft with RemoteOptions.firstPage), the column types were
   * read from the values: this reads the API's own schema (one request; `columns` is then a new
   * array, with the portal's labels) and returns true when a column's name or type changed. Absent
   * otherwise.
   */
  describe?(signal: AbortSignal): Promise<boolean>;
  /** One request (see the module of each API for the exceptions). */
  page(query: RemoteQuery, offset: number, limit: number, signal: AbortSignal): Promise<RemotePage>;
  /** Server group-by counts, most frequent first; undefined when the API cannot. */
  counts(column: string, query: RemoteQuery, signal: AbortSignal, limit?: number): Promise<ValueCount[] | undefined>;
  /** Sums of `valueColumn` per value of `groupColumn`, largest first; undefined when the API cannot. */
  sums(
    groupColumn: string,
    valueColumn: string,
    query: RemoteQuery,
    signal: AbortSignal,
  ): Promise<{ value: string; sum: number }[] | undefined>;
}

export interface RemoteOptions {
  /** The author's proxy template ("/__portal?url={url}"). */
  proxy?: string;
  /** Base for a relative API URL (the page's URL by default). */
  base?: string;
  signal: AbortSignal;
  /**
   * The rows of the first page the caller will ask for with an empty query: an API that gives its
   * total and its rows in one answer fetches them while opening, and page() then answers from them.
   */
  firstPage?: number;
}

/**
 * Opens the API with as few requests as possible: Opendatasoft, the dataset object (plus
 * records?limit=0 when the URL carries filters, for their total); tabular, the profile and
 * data?page_size=1 (in parallel); CKAN, datastore_search?limit=0.
 */
export function openRemote(api: ServerApi, opts: RemoteOptions): Promise<RemoteDataset> {
  switch (api.kind) {
    case 'ods-explore-v2.1':
      return openOds(api, opts);
    case 'datagouv-tabular':
      return openTabular(api, opts);
    case 'ckan-datastore':
      return openDatastore(api, opts);
    default:
      return Promise.reject(
        new VitrineError('config', `Unknown server API "${(api as ServerApi).kind}"`, (api as ServerApi).url),
      );
  }
}

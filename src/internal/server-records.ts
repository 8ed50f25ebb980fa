/**
 * The server side of the records elements (the table, the cards), as plain functions both use: the
 * API's schema as an empty table (attribute names resolve against it before any page), the
 * RemoteQuery of the sort, filters, facet choices and search in force, the query of each facet's
 * counts, the rows asked per request, and the event once the server answered.
 */
import { VitrineError } from '../data/errors.ts';
import type { Table } from '../data/model.ts';
import type { SortKey } from '../data/query.ts';
import type { RemoteDataset, RemoteFilter, RemoteQuery } from '../data/remote/index.ts';
import type { Lang } from '../i18n/localize.ts';
import { errorMessage } from './error-message.ts';
import { VitrineErrorEvent, VitrineLoadEvent } from './events.ts';
import { schemaTable, type RemoteController } from './remote-controller.ts';

export { schemaTable };

/** Rows per request: `pageSize` (`all` when 0) within what the API gives at once. */
export function serverPageSize(pageSize: number, dataset: RemoteDataset | undefined, all: number): number {
  const max = dataset?.capabilities.maxLimit ?? 100;
  return Math.max(1, Math.min(pageSize || all, max));
}

/** What a records element has in force, as column indices of the schema table. */
export interface RecordsQueryState {
  sort: readonly SortKey[];
  /** The `filter` attribute: column → accepted values. */
  filters: ReadonlyMap<number, readonly string[]>;
  facets: readonly number[];
  /** The value chosen on a facet, '' for all. */
  choice: (column: number) => string;
  /** The search sent to the server (the box's text once typing stops). */
  search: string;
  /** Columns searched by an API without full-text search (text and code columns only are sent). */
  searchColumns: readonly number[];
}

/**
 * The query in the API's column names: the fixed filters (on a facet column, one value is the
 * facet's initial choice, several stay a fixed filter), then the facet choices, the search, the sort.
 */
export function remoteQuery(schema: Table, s: RecordsQueryState): RemoteQuery {
  const name = (i: number) => schema.columns[i].name;
  const filters: RemoteFilter[] = [];
  for (const [column, values] of s.filters) {
    if (!s.facets.includes(column) || values.length > 1) filters.push({ column: name(column), values: [...values] });
  }
  for (const column of s.facets) {
    const choice = s.choice(column);
    if (choice) filters.push({ column: name(column), values: [choice] });
  }
  const searchColumns = s.searchColumns
    .filter((i) => schema.columns[i].type === 'string' || schema.columns[i].type === 'code')
    .map(name);
  return {
    filters,
    search: s.search.trim() || undefined,
    searchColumns,
    sort: s.sort.map((k) => ({ column: name(k.column), descending: !!k.descending })),
  };
}

/** A bound source's filters and search (queried on the server) ANDed with an element's own query. */
export function withLinked(own: RemoteQuery, linked: RemoteQuery): RemoteQuery {
  const search = [linked.search, own.search].filter(Boolean).join(' ');
  return { ...own, filters: [...(linked.filters ?? []), ...(own.filters ?? [])], search: search || undefined };
}

/** The query of a facet's counts: every filter of `query` but the facet's own choice. */
export function facetCountsQuery(query: RemoteQuery, column: string, choice: string): RemoteQuery {
  const filters = (query.filters ?? []).filter(
    (f) => !(choice && f.column === column && f.values?.length === 1 && f.values[0] === choice),
  );
  return { filters, search: query.search, searchColumns: query.searchColumns };
}

/**
 * The event once the server answered: `vitrine-load` for the first page (the query's total as the
 * row count), `vitrine-error` for a failure (deciding, or any page).
 */
export function remoteSettledEvent(
  remote: RemoteController,
  ok: boolean,
  started: number,
  lang: Lang,
  src: string,
): VitrineLoadEvent | VitrineErrorEvent {
  if (ok && remote.page && remote.dataset) {
    return new VitrineLoadEvent({
      rowCount: remote.page.total,
      columns: remote.page.table.columns,
      elapsed: Math.round(performance.now() - started),
      url: remote.page.requestUrl,
    });
  }
  const err = remote.error instanceof VitrineError ? remote.error : undefined;
  return new VitrineErrorEvent({
    code: err?.code ?? 'network',
    message: errorMessage(lang, remote.error),
    url: err?.url || src,
  });
}

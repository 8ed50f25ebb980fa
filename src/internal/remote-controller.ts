import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VitrineError, isAbort } from '../data/errors.ts';
import { fetchJson } from '../data/load.ts';
import { Table } from '../data/model.ts';
import type { ServerApi } from '../data/portals/index.ts';
import { resolveSource } from '../data/portals/resolve.ts';
import { readServerMode, SERVER_THRESHOLD, type ServerMode } from './server-mode.ts';
import type { RemoteDataset, RemotePage, RemoteQuery, ValueCount } from '../data/remote/index.ts';

export { readServerMode, SERVER_THRESHOLD, type ServerMode };

/**
 * URLs that may lead to an API able to filter, sort and page on the server: checked before any
 * request, so that a plain file never waits for a decision.
 */
export function mayHaveServerApi(src: string): boolean {
  return (
    /\/api\/explore\/v2\.1\/catalog\/datasets\/[^/?#]+\/records/.test(src) ||
    /\/explore\/(?:embed\/)?dataset\/[^/?#]+/.test(src) ||
    /tabular-api\.data\.gouv\.fr\/api\/resources\/[^/?#]+\/data\/?(?:[?#]|$)/.test(src) ||
    /\/api\/(?:3\/)?action\/datastore_search(?:\?|$)/.test(src) ||
    /(?:^|\/\/)(?:www\.)?data\.gouv\.fr\/(?:[a-z]{2}\/)?(?:datasets|api\/[12]\/datasets)\/[^/?#]+\/?(?:[?#].*)?$/.test(
      src,
    )
  );
}

const schemas = new WeakMap<object, Table>();

/**
 * The API's columns as an empty table (cached per columns array: a schema read later is a new
 * one), so that column attributes resolve and are checked before any page arrives.
 */
export function schemaTable(dataset: RemoteDataset): Table {
  let table = schemas.get(dataset.columns);
  if (!table) {
    table = new Table({
      rowCount: 0,
      columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, text: '', offsets: Uint32Array.of(0) })),
    });
    schemas.set(dataset.columns, table);
  }
  return table;
}

export type RemoteStatus = 'idle' | 'deciding' | 'local' | 'server' | 'error';

/**
 * The server side of a records element: decides from the URL and the API's total whether the
 * server does the work, then asks it for one page (sort, search, filters) and for the counts of
 * the facets, the last request always winning. Each change of the query is one request for the
 * page (plus one per facet whose counts it changes).
 */
export class RemoteController implements ReactiveController {
  status: RemoteStatus = 'idle';
  dataset?: RemoteDataset;
  page?: RemotePage;
  error?: unknown;
  /** True while a page is asked for (the last page stays on screen meanwhile). */
  pageLoading = false;
  /** Counts per facet column, for the query in force. */
  counts = new Map<string, ValueCount[] | undefined>();

  #host: ReactiveControllerHost & HTMLElement;
  #decideKey = '';
  #decide?: AbortController;
  #pageKey = '';
  #pageAbort?: AbortController;
  #countsKey = new Map<string, string>();
  #countsAbort = new Map<string, AbortController>();
  #onSettled: (ok: boolean) => void;
  #describing?: RemoteDataset;
  #describeAbort?: AbortController;

  constructor(host: ReactiveControllerHost & HTMLElement, onSettled: (ok: boolean) => void) {
    this.#host = host;
    this.#onSettled = onSettled;
    host.addController(this);
  }

  /**
   * Decides once per (src, proxy, mode, threshold); synchronous for a URL no API stands behind.
   * `firstLimit`: the rows of the first page the host will ask for (no sort, search nor filter), which
   * an API able to give its total and rows in one answer returns with the decision (one request).
   */
  decide(src: string, proxy: string, mode: ServerMode, threshold: number, firstLimit?: number): void {
    const key = JSON.stringify([src, proxy, mode, threshold, firstLimit]);
    if (key === this.#decideKey) return;
    this.#decideKey = key;
    this.#decide?.abort();
    this.#reset();
    if (mode === 'never' || !src.trim() || !mayHaveServerApi(src)) {
      this.status = 'local';
      return;
    }
    this.status = 'deciding';
    const controller = new AbortController();
    this.#decide = controller;
    const signal = controller.signal;
    const opts = { signal, proxy: proxy || undefined, firstPage: firstLimit };
    void (async () => {
      try {
        const resolved = await resolveSource(src, {
          fetchJson: (url) => fetchJson(url, opts),
          signal,
          base: document.baseURI,
        });
        const api: ServerApi | undefined = resolved.api;
        if (!api) return this.#settle(controller, 'local');
        // The query layer is fetched only when an API stands behind the URL (a CDN chunk of its own).
        const { openRemote } = await import('../data/remote/index.ts');
        const dataset = await openRemote(api, opts);
        if (mode === 'auto' && dataset.total <= threshold) return this.#settle(controller, 'local');
        this.dataset = dataset;
        this.#settle(controller, 'server');
      } catch (err) {
        if (isAbort(err) || signal.aborted) return;
        // In `auto`, an API that cannot be reached this way still leaves the file to download.
        if (mode === 'auto') return this.#settle(controller, 'local');
        this.error = err;
        this.#settle(controller, 'error');
      }
    })();
  }

  /**
   * Works with a dataset opened elsewhere (a `<vitrine-source>` queried on the server): status
   * `server` with it, `local` without. A new dataset starts again from nothing.
   */
  adopt(dataset: RemoteDataset | undefined): void {
    if (dataset === this.dataset && this.status === (dataset ? 'server' : 'local')) return;
    this.#decide?.abort();
    this.#decideKey = '';
    this.#reset();
    this.dataset = dataset;
    this.status = dataset ? 'server' : 'local';
  }

  #settle(controller: AbortController, status: RemoteStatus): void {
    if (this.#decide !== controller) return;
    this.status = status;
    this.#host.requestUpdate();
    if (status === 'error') this.#onSettled(false);
  }

  /** Asks for a page when the query, offset or limit changed. */
  fetchPage(query: RemoteQuery, offset: number, limit: number): void {
    const dataset = this.dataset;
    if (!dataset) return;
    const key = JSON.stringify([query, offset, limit]);
    if (key === this.#pageKey) return;
    this.#pageKey = key;
    this.#pageAbort?.abort();
    const controller = new AbortController();
    this.#pageAbort = controller;
    this.pageLoading = true;
    const first = !this.page;
    dataset.page(query, offset, limit, controller.signal).then(
      (page) => {
        if (this.#pageAbort !== controller) return;
        this.page = page;
        this.error = undefined;
        this.pageLoading = false;
        this.#host.requestUpdate();
        if (first) {
          this.#onSettled(true);
          // After the host has drawn the page and announced it (vitrine-load).
          void this.#host.updateComplete.then(() => this.#describe(dataset));
        }
      },
      (err) => {
        if (this.#pageAbort !== controller || isAbort(err)) return;
        this.error = err instanceof VitrineError ? err : new VitrineError('network', String(err), dataset.api.url);
        this.pageLoading = false;
        this.#host.requestUpdate();
        this.#onSettled(false);
      },
    );
  }

  /**
   * An API opened from its first page (types read from the values) reads its own schema once that
   * page is on screen; when a type or label changed, the page in force is asked again (answered from
   * the opening when it is still the first page).
   */
  #describe(dataset: RemoteDataset): void {
    if (!dataset.describe || this.#describing === dataset) return;
    this.#describing = dataset;
    const controller = new AbortController();
    this.#describeAbort = controller;
    dataset.describe(controller.signal).then(
      (changed) => {
        if (!changed || this.dataset !== dataset) return;
        this.#pageKey = '';
        this.#host.requestUpdate();
      },
      () => {
        // The types read from the values stay.
      },
    );
  }

  /** Asks for the counts of a facet under `query` (the filters of the other facets) when it changed. */
  fetchCounts(column: string, query: RemoteQuery): void {
    const dataset = this.dataset;
    if (!dataset || !dataset.capabilities.counts) return;
    const key = JSON.stringify(query);
    if (this.#countsKey.get(column) === key) return;
    this.#countsKey.set(column, key);
    this.#countsAbort.get(column)?.abort();
    const controller = new AbortController();
    this.#countsAbort.set(column, controller);
    dataset.counts(column, query, controller.signal, 100).then(
      (counts) => {
        if (this.#countsAbort.get(column) !== controller) return;
        this.counts.set(column, counts);
        this.#host.requestUpdate();
      },
      (err) => {
        if (this.#countsAbort.get(column) !== controller || isAbort(err)) return;
        // Counts are a help: without them the facet still offers the values it knows.
        this.counts.set(column, undefined);
        this.#host.requestUpdate();
      },
    );
  }

  /** Asks again for the current page (after an error). */
  retry(): void {
    const key = this.#pageKey;
    this.#pageKey = '';
    if (key) {
      const [query, offset, limit] = JSON.parse(key) as [RemoteQuery, number, number];
      this.fetchPage(query, offset, limit);
    }
  }

  #reset(): void {
    this.#pageAbort?.abort();
    this.#describeAbort?.abort();
    this.#describing = undefined;
    for (const c of this.#countsAbort.values()) c.abort();
    this.#countsAbort.clear();
    this.#countsKey.clear();
    this.#pageKey = '';
    this.dataset = undefined;
    this.page = undefined;
    this.error = undefined;
    this.pageLoading = false;
    this.counts = new Map();
  }

  hostConnected(): void {
    // Came back after leaving the page mid-way: decide again.
    if (this.status === 'deciding' && this.#decide?.signal.aborted) {
      const key = this.#decideKey;
      this.#decideKey = '';
      const [src, proxy, mode, threshold, first] = JSON.parse(key) as [string, string, ServerMode, number, number?];
      this.decide(src, proxy, mode, threshold, first ?? undefined);
    }
  }

  hostDisconnected(): void {
    if (this.status === 'deciding') this.#decide?.abort();
    this.#pageAbort?.abort();
    if (this.#pageKey) this.#pageKey = '';
    for (const c of this.#countsAbort.values()) c.abort();
    this.#countsKey.clear();
  }
}

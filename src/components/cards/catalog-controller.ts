import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { catalogApi } from '../../data/catalog/api.ts';
import type { CatalogApi, CatalogDataset, CatalogPortal, CatalogQuery } from '../../data/catalog/types.ts';
import { VitrineError, isAbort } from '../../data/errors.ts';
import { fetchJson } from '../../data/load.ts';

const loadReader = () => import('../../data/catalog/read.ts');

export type CatalogStatus = 'idle' | 'loading' | 'complete' | 'error';

export interface CatalogRequest {
  src: string;
  query: CatalogQuery;
  proxy?: string;
  /** `catalog`: `src` is read as a catalogue document whatever its URL (a saved API answer). */
  forced: boolean;
}

/**
 * Loads a portal catalogue one page at a time: the first page for a query (search and sort are
 * the API's own parameters), then the next ones on request ("Voir plus"). A new query aborts the
 * previous run and its results are ignored; an error on a next page keeps the datasets shown.
 */
export class CatalogController implements ReactiveController {
  status: CatalogStatus = 'idle';
  error?: unknown;
  datasets: CatalogDataset[] = [];
  total?: number;
  portal?: CatalogPortal;
  /** The organisation when the URL named one (data.gouv.fr organisation page). */
  publisher?: string;
  api?: CatalogApi;
  /** True while the next page loads. */
  loadingMore = false;
  /** The error of the last next-page request, cleared by the next attempt. */
  moreError?: unknown;
  /** Milliseconds the first page took. */
  elapsed = 0;
  /** URL of the first page, as asked. */
  firstUrl = '';

  #host: ReactiveControllerHost;
  #key = '';
  #run = 0;
  #controller?: AbortController;
  #next?: string;
  #last?: CatalogRequest;
  #onSettled: (ok: boolean) => void;

  constructor(host: ReactiveControllerHost, onSettled: (ok: boolean) => void) {
    this.#host = host;
    this.#onSettled = onSettled;
    host.addController(this);
  }

  /** Whether `src` is a catalogue URL Vitrine recognises. */
  static recognises(src: string): boolean {
    return catalogApi(src, typeof document !== 'undefined' ? document.baseURI : undefined) !== undefined;
  }

  get hasMore(): boolean {
    return this.#next !== undefined;
  }

  request(req: CatalogRequest): void {
    const key = JSON.stringify(req);
    if (key === this.#key) return;
    this.#key = key;
    this.#last = req;
    void this.#start(req);
  }

  reset(): void {
    if (!this.#key) return;
    this.#controller?.abort();
    this.#run++;
    this.#key = '';
    this.#last = undefined;
    this.status = 'idle';
    this.datasets = [];
    this.error = undefined;
    this.moreError = undefined;
    this.#next = undefined;
  }

  /** Fetches through the proxy, except on the page's own origin, which never needs one (a saved answer beside the page). */
  #fetch(url: string, signal: AbortSignal): Promise<unknown> {
    let sameOrigin = false;
    try {
      sameOrigin = typeof location !== 'undefined' && new URL(url, document.baseURI).origin === location.origin;
    } catch {
      // not a URL: fetchJson reports it
    }
    return fetchJson(url, { signal, proxy: (!sameOrigin && this.#last?.proxy) || undefined });
  }

  async #start(req: CatalogRequest): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const run = ++this.#run;
    const started = performance.now();
    this.status = 'loading';
    this.error = undefined;
    this.moreError = undefined;
    this.loadingMore = false;
    this.#host.requestUpdate();
    try {
      if (!req.src.trim()) throw new VitrineError('config', 'no src', '', { attribute: 'src' });
      const base = typeof document !== 'undefined' ? document.baseURI : undefined;
      const api = req.forced ? undefined : catalogApi(req.src, base);
      let url: string;
      let publisher: string | undefined;
      if (api) {
        ({ url, publisher } = await api.firstPage(req.query, (u) => this.#fetch(u, controller.signal)));
      } else {
        url = new URL(req.src.trim(), base).href;
      }
      // The reader (portal shapes, licences) loads only when a catalogue is on the page.
      const notCatalog = () => new VitrineError('config', `${url} is not a catalogue`, url, { reason: 'not-catalog' });
      const [doc, { readCatalog }] = await Promise.all([
        // Text that is not JSON at all (a CSV file given to mode="catalog") is not a catalogue either.
        this.#fetch(url, controller.signal).catch((err: unknown) => {
          throw err instanceof VitrineError && err.code === 'parse' && err.details.reason === 'invalid-json'
            ? notCatalog()
            : err;
        }),
        loadReader(),
      ]);
      const page = readCatalog(doc, url);
      if (!page) throw notCatalog();
      if (run !== this.#run) return;
      this.api = api;
      this.firstUrl = url;
      this.publisher = publisher;
      this.portal = page.portal;
      this.datasets = page.datasets;
      this.total = page.total;
      this.#next = page.next;
      this.elapsed = performance.now() - started;
      this.status = 'complete';
      this.#host.requestUpdate();
      this.#onSettled(true);
    } catch (err) {
      if (run !== this.#run || isAbort(err) || (err instanceof VitrineError && err.code === 'abort')) return;
      this.status = 'error';
      this.error = err;
      this.#host.requestUpdate();
      this.#onSettled(false);
    }
  }

  /** Loads the next page and appends its datasets; resolves to the number added. */
  async more(): Promise<number> {
    const next = this.#next;
    if (!next || this.loadingMore || this.status !== 'complete') return 0;
    const run = this.#run;
    const signal = this.#controller?.signal ?? new AbortController().signal;
    this.loadingMore = true;
    this.moreError = undefined;
    this.#host.requestUpdate();
    try {
      const doc = await this.#fetch(next, signal);
      if (run !== this.#run) return 0;
      const { readCatalog } = await loadReader();
      const page = readCatalog(doc, next);
      if (!page) throw new VitrineError('config', `${next} is not a catalogue`, next, { reason: 'not-catalog' });
      // A page may repeat a dataset when the catalogue changed between two requests.
      const seen = new Set(this.datasets.map((d) => d.id));
      const added = page.datasets.filter((d) => !seen.has(d.id));
      this.datasets = [...this.datasets, ...added];
      if (page.total !== undefined) this.total = page.total;
      // An empty page ends the list even when the API announced more.
      this.#next = page.datasets.length ? page.next : undefined;
      return added.length;
    } catch (err) {
      if (run === this.#run && !isAbort(err)) this.moreError = err;
      return 0;
    } finally {
      if (run === this.#run) {
        this.loadingMore = false;
        this.#host.requestUpdate();
      }
    }
  }

  hostConnected(): void {
    // Came back after a cancelled load: start again.
    if (this.status === 'loading' && this.#last && this.#controller?.signal.aborted) void this.#start(this.#last);
  }

  hostDisconnected(): void {
    if (this.status === 'loading' || this.loadingMore) {
      this.#controller?.abort();
      this.#run++;
      if (this.loadingMore) {
        this.loadingMore = false;
        this.#key = '';
      }
    }
  }
}

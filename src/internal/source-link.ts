import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VitrineError } from '../data/errors.ts';
import type { QueryState } from '../data/query-state.ts';
import type { RemoteDataset, RemoteFilter, RemoteQuery } from '../data/remote/index.ts';
import type { DataController } from './data-controller.ts';

/** What a `<vitrine-source>` offers the elements bound to it (see VitrineSource). */
export interface SharedSource extends HTMLElement {
  /** Its load: bound elements mirror its state (loading, progress, error, the table). */
  readonly loader: DataController;
  /** The shared filters and search, once the table is loaded. */
  readonly state: QueryState | undefined;
  /** A configuration error of the source itself (its `filter` or `key` names no column). */
  readonly configError: VitrineError | undefined;
  /** The row picked last in any bound element (-1: none), and the element it was picked in. */
  readonly selection: number;
  readonly selectedBy: Element | undefined;
  /** Bumped when the selection changes (a row picked again is shown again). */
  readonly selectionVersion: number;
  select(row: number, by?: Element): void;
  /** Filters a field: values (any of them), a range, or nothing to clear it. */
  setFilter(field: string, filter: readonly string[] | { min?: number | Date; max?: number | Date } | undefined): void;
  /** Sets the search text and the columns it looks in. */
  setSearch(text: string, columns?: readonly number[]): void;
  /** The source's URL (for error messages). */
  readonly src: string;
  /**
   * Where the source's work happens (its `server` attribute): `local` (downloaded: `loader` and
   * `state`), `deciding` (asking the API its size), `server` (`remote`: nothing is downloaded, bound
   * elements and controls ask the API with `remoteQuery()`), or `error` (`remoteError`).
   */
  readonly remoteStatus: 'idle' | 'deciding' | 'local' | 'server' | 'error';
  readonly remote: RemoteDataset | undefined;
  readonly remoteError: unknown;
  /** Server side: the filters and search in force, in the API's column names (without `except`'s filter). */
  remoteQuery(except?: string): RemoteQuery;
  /** Server side: the filter of a column, by its API name. */
  remoteFilter(column: string): RemoteFilter | undefined;
  /** Calls `listener` after every change (load, filters, search, selection); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** The `config` error of a `source` attribute that names no `<vitrine-source>` of the page. */
export function missingSourceError(id: string): VitrineError {
  return new VitrineError('config', `no <vitrine-source id="${id}">`, '', {
    reason: 'no-source',
    value: id,
    attribute: 'source',
  });
}

// The sources of the page by id. Any element anywhere on the page (another block of a CMS page,
// another shadow root) finds a source by its id alone, whichever was defined first.
const sources = new Map<string, SharedSource>();
const waiting = new Map<string, Set<() => void>>();

function announce(id: string): void {
  for (const wake of [...(waiting.get(id) ?? [])]) wake();
}

export function registerSource(id: string, source: SharedSource): void {
  if (!id) return;
  sources.set(id, source);
  announce(id);
}

export function unregisterSource(id: string, source: SharedSource): void {
  if (!id || sources.get(id) !== source) return;
  sources.delete(id);
  announce(id);
}

/** The source registered under `id`, if any (for tests and scripts). */
export function sourceById(id: string): SharedSource | undefined {
  return sources.get(id);
}

/** Resolves once the page has parsed and every element defined so far has had a chance to connect. */
function pageSettled(): Promise<void> {
  const later = () => new Promise<void>((r) => setTimeout(r, 0));
  if (document.readyState === 'loading') {
    return new Promise<void>((r) => document.addEventListener('DOMContentLoaded', () => r(), { once: true })).then(
      later,
    );
  }
  return later();
}

/**
 * Binds an element to the `<vitrine-source>` whose id its `source` attribute names: follows it
 * when it appears (before or after the element), leaves it when it goes, and tells the host on
 * every change of the source. `missing` turns true when the page has settled without such a source.
 */
export class SourceLink implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #onChange: () => void;
  #id = '';
  #source?: SharedSource;
  #unsubscribe?: () => void;
  #missing = false;
  #check = 0;
  #connected = false;
  readonly #wake = () => this.#resolve();

  constructor(host: ReactiveControllerHost & HTMLElement, onChange: () => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  get id(): string {
    return this.#id;
  }

  get source(): SharedSource | undefined {
    return this.#source;
  }

  /** True when no source with this id exists on the settled page. */
  get missing(): boolean {
    return this.#missing;
  }

  /** Follows the source of this id ('' for none); no-op when it is the current one. */
  follow(id: string): void {
    id = id.trim();
    if (id === this.#id) return;
    this.#leave();
    this.#id = id;
    if (this.#connected) this.#join();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#join();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#leave();
  }

  #join(): void {
    if (!this.#id) return;
    let set = waiting.get(this.#id);
    if (!set) waiting.set(this.#id, (set = new Set()));
    set.add(this.#wake);
    this.#resolve();
  }

  #leave(): void {
    const set = waiting.get(this.#id);
    set?.delete(this.#wake);
    if (set && !set.size) waiting.delete(this.#id);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#source = undefined;
    this.#missing = false;
    this.#check++;
  }

  #resolve(): void {
    const found = this.#id ? sources.get(this.#id) : undefined;
    if (found !== this.#source) {
      this.#unsubscribe?.();
      this.#source = found;
      this.#unsubscribe = found?.subscribe(() => this.#changed());
    }
    if (found) {
      this.#missing = false;
      this.#changed();
      return;
    }
    // Not there (yet): a source written later in the page, or defined by a later script, comes
    // when the page has settled; only then is its absence an error.
    const check = ++this.#check;
    void pageSettled().then(() => {
      if (check !== this.#check || this.#source || !this.#id) return;
      const element = document.getElementById(this.#id);
      // There but not upgraded yet: it registers itself when its definition arrives.
      if (element?.localName === 'vitrine-source' && !customElements.get('vitrine-source')) return;
      this.#missing = true;
      this.#changed();
    });
    this.#changed();
  }

  #changed(): void {
    this.#onChange();
    this.#host.requestUpdate();
  }
}

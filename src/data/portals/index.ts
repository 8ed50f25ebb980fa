/**
 * Portal adapters: turn the URL an author pasted (a dataset page, a resource link, an API URL, a
 * GitHub/GitLab "blob" page) into the URL that returns data. Each adapter recognises its own URLs
 * and returns undefined for the others; the first that answers wins, and anything else is a plain
 * file. Adapters never fetch by themselves: they ask `ctx.fetchJson` (which applies the proxy and
 * maps errors), and its errors propagate.
 *
 * Paged answers (the data.gouv.fr tabular API, CKAN datastore_search, Opendatasoft /records,
 * data.gouv.fr API lists): the loader follows `nextPageUrl(doc, url)` until it returns undefined.
 */
import { ckan } from './ckan.ts';
import { datagouv } from './datagouv.ts';
import { git } from './git.ts';
import { opendatasoft } from './opendatasoft.ts';
import { formatFromUrl, parseUrl } from './util.ts';

export { nextPageUrl } from './paging.ts';
export { proxied } from './proxy.ts';

export type PortalName = 'datagouv' | 'opendatasoft' | 'ckan' | 'github' | 'gitlab' | 'file';

/** An API that can filter, sort and page on the server, for elements that push the work there. */
export interface ServerApi {
  kind: 'ods-explore-v2.1' | 'datagouv-tabular' | 'ckan-datastore';
  /**
   * The paged records endpoint, without paging parameters:
   * `https://<domain>/api/explore/v2.1/catalog/datasets/<id>/records` (plus refine/where from the page),
   * `https://tabular-api.data.gouv.fr/api/resources/<rid>/data/`,
   * `<ckan>/api/3/action/datastore_search?resource_id=<rid>`.
   */
  url: string;
}

/** What the loader needs to fetch the data behind a URL an author wrote. */
export interface ResolvedSource {
  /** The URL that returns the data (a file, an export or an API URL). */
  dataUrl: string;
  portal: PortalName;
  /** Format known from the portal (e.g. 'json' for an API, 'csv' for an export), else undefined. */
  format?: 'csv' | 'json' | 'geojson';
  /** Path to the records inside the JSON answer, when the portal tells. */
  records?: string;
  /**
   * URLs to try, in order, when dataUrl cannot be read because of CORS (e.g. the data.gouv.fr
   * tabular API, which answers 50 rows a page: follow `nextPageUrl`).
   */
  corsFallbacks?: { url: string; format?: 'csv' | 'json' | 'geojson'; records?: string; via: string }[];
  /** Human name of the dataset/resource when the portal told us. */
  title?: string;
  /** True when dataUrl answers one page at a time (follow `nextPageUrl`). */
  paged?: boolean;
  /** The server-side query API behind this source, when there is one. */
  api?: ServerApi;
}

export interface ResolveContext {
  /** Fetches and parses JSON (the loader supplies it: it applies the proxy and maps errors). */
  fetchJson(url: string): Promise<unknown>;
  signal?: AbortSignal;
  /** Base for relative URLs (the page's URL). Relative URLs without a base are plain files. */
  base?: string;
}

/** One portal family. `resolve` returns undefined when the URL is not one of its own. */
export interface PortalAdapter {
  readonly name: PortalName;
  resolve(url: URL, ctx: ResolveContext): Promise<ResolvedSource | undefined> | ResolvedSource | undefined;
}

/** In the order they are tried: the host-based ones first, then the path-based ones. */
export const ADAPTERS: readonly PortalAdapter[] = [git, datagouv, opendatasoft, ckan];

/** Turns a page or API URL of a portal into the URL that returns data. Plain files pass through. */
export async function resolveSource(url: string, ctx: ResolveContext): Promise<ResolvedSource> {
  const trimmed = url.trim();
  const parsed = parseUrl(trimmed, ctx.base);
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    for (const adapter of ADAPTERS) {
      const resolved = await adapter.resolve(parsed, ctx);
      if (resolved) return resolved;
    }
  }
  const format = formatFromUrl(parsed ?? trimmed);
  return format ? { dataUrl: trimmed, portal: 'file', format } : { dataUrl: trimmed, portal: 'file' };
}

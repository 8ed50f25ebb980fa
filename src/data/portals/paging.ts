/**
 * The next page of a paged JSON answer, for every portal Vitrine reads:
 * - data.gouv.fr tabular API `{data, links: {next}, meta}`: `links.next` (null on the last page);
 * - data.gouv.fr API v1/v2 lists `{data, next_page}`: `next_page`;
 * - CKAN datastore_search `{result: {records, total, _links: {next}}}`: `_links.next`, relative to the
 *   site, always present, so the paging stops when a page is empty or the offset reaches `total`;
 * - CKAN package_search `{result: {results, count}}`: `start` + `rows` of the current URL (needs `url`);
 * - Opendatasoft Explore v2.1 `{total_count, results}`: `offset` + `limit` of the current URL (needs
 *   `url`); links are used when the answer has them (`include_links=true`, v2.0). The records API
 *   stops at offset + limit = 10,000: past that, undefined (the exports endpoint has no such limit);
 * - Opendatasoft v1 search `{nhits, records}`: `start` + `rows` of the current URL (needs `url`);
 * - generic `{next: "<url>"}`, `{links: {next}}`, `{_links: {next: {href}}}`.
 * Relative links resolve against `url`. Returns undefined on the last page or when unknown.
 */

type Rec = Record<string, unknown>;

function isObject(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Opendatasoft records API: offset + limit must stay within this. */
export const ODS_RECORDS_WINDOW = 10000;

function resolve(link: string, url?: string): string | undefined {
  try {
    return new URL(link, url).href;
  } catch {
    return url ? undefined : link;
  }
}

/** A link given as a string or as `{href}`, or in a `[{rel: 'next', href}]` list. */
function linkOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (isObject(v) && typeof v.href === 'string' && v.href) return v.href;
  if (Array.isArray(v)) {
    for (const l of v) if (isObject(l) && l.rel === 'next' && typeof l.href === 'string') return l.href;
  }
  return undefined;
}

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const v = Number(params.get(name));
  return params.has(name) && Number.isFinite(v) ? v : fallback;
}

/** The current URL with `offsetName` moved by one page, when `offset + size < total`. */
function byOffset(
  url: string | undefined,
  total: number | undefined,
  got: number,
  offsetName: string,
  sizeName: string,
  defaultSize: number,
  window = Infinity,
): string | undefined {
  if (!url || total === undefined || got === 0) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const size = intParam(u.searchParams, sizeName, defaultSize);
  if (size <= 0) return undefined; // limit=-1: everything was in this answer
  const next = intParam(u.searchParams, offsetName, 0) + size;
  if (next >= total || next + size > window) return undefined;
  u.searchParams.set(offsetName, String(next));
  return u.href;
}

/** The URL of the next page of a paged JSON answer, or undefined on the last page (see above). */
export function nextPageUrl(doc: unknown, url?: string): string | undefined {
  if (!isObject(doc)) return undefined;

  // CKAN
  if (isObject(doc.result)) {
    const r = doc.result;
    if (Array.isArray(r.records)) {
      const link = isObject(r._links) ? linkOf(r._links.next) : undefined;
      if (!link || r.records.length === 0) return undefined;
      const next = resolve(link, url);
      const total = num(r.total);
      if (next && total !== undefined) {
        const offset = Number(new URL(next, 'http://x.invalid/').searchParams.get('offset') ?? NaN);
        if (Number.isFinite(offset) && offset >= total) return undefined;
      }
      return next;
    }
    if (Array.isArray(r.results)) return byOffset(url, num(r.count), r.results.length, 'start', 'rows', 10);
    return undefined;
  }

  // data.gouv.fr tabular API and other {links: {next}}
  if (isObject(doc.links) && 'next' in doc.links) {
    const link = linkOf(doc.links.next);
    return link ? resolve(link, url) : undefined;
  }
  // data.gouv.fr API lists
  if ('next_page' in doc) {
    const link = linkOf(doc.next_page);
    return link ? resolve(link, url) : undefined;
  }

  // Opendatasoft
  const links = linkOf(doc.links) ?? linkOf(doc._links);
  if ('total_count' in doc) {
    if (links) return resolve(links, url);
    const items = Array.isArray(doc.results) ? doc.results : Array.isArray(doc.records) ? doc.records : [];
    return byOffset(url, num(doc.total_count), items.length, 'offset', 'limit', 10, ODS_RECORDS_WINDOW);
  }
  if ('nhits' in doc && Array.isArray(doc.records)) {
    return byOffset(url, num(doc.nhits), doc.records.length, 'start', 'rows', 10, ODS_RECORDS_WINDOW);
  }

  // Generic
  const generic = linkOf(doc.next) ?? (isObject(doc._links) ? linkOf(doc._links.next) : undefined) ?? links;
  return generic ? resolve(generic, url) : undefined;
}

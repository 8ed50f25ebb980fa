/**
 * Catalogue URLs an author may paste, and the first-page API URL built from them with each API's
 * own parameters:
 *
 * - data.gouv.fr (www, bare domain, demo): an organisation page `/fr/organizations/<slug>/` or its
 *   API `/api/1/organizations/<slug>/[datasets/]` → `/api/1/datasets/?organization=<id>` (the id comes
 *   from the organisation object, fetched first; the API wants an id, not a slug). The dataset list
 *   `/api/1/datasets/?…`, the search `/api/2/datasets/search/?…` and the search page `/fr/datasets/?q=…`
 *   (→ `/api/1/datasets/`) keep their filters. Sort `-last_update` or `title`; API v2 search has no
 *   sort by title, so that sort is asked from API v1 with the same filters.
 * - Opendatasoft, any host: the portal's catalogue page `/explore/` (or `/fr/explore/`), the Explore
 *   API catalogue (v2.1, v2.0, v2) and the v1 dataset search → Explore v2.1
 *   `/api/explore/v2.1/catalog/datasets?limit=&offset=0&order_by=&where=search("…")`, with the
 *   `where`/`refine`/`exclude` the URL had.
 * - CKAN, any host and path prefix: `package_search` (keeps `fq` and `q`), the dataset search page
 *   `<base>/dataset/`, an organisation page `<base>/organization/<name>` (→ `fq=organization:<name>`);
 *   `package_show?id=` is read as it is (one dataset, no search, no sort).
 *
 * A single dataset page (`/fr/datasets/<slug>/`, `/explore/dataset/<id>/`, `<base>/dataset/<name>`)
 * or a file is not a catalogue: undefined (those show the dataset's data).
 */
import { VitrineError } from '../errors.ts';
import { pageFilters } from '../portals/opendatasoft.ts';
import { isObject, parseUrl, str } from '../portals/util.ts';
import { plainLine } from './text.ts';
import type { CatalogApi, CatalogQuery, CatalogSort } from './types.ts';

/** Datasets per page when the query asks for none that makes sense. */
const DEFAULT_PAGE_SIZE = 20;
/** Largest page every API here serves (Explore v2.1: `limit` ≤ 100). */
const MAX_PAGE_SIZE = 100;

function pageSizeOf(query: CatalogQuery): number {
  const n = Math.floor(Number(query.pageSize));
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function queryText(query: CatalogQuery): string {
  return typeof query.q === 'string' ? query.q.trim() : '';
}

function segments(url: URL): string[] | undefined {
  try {
    return url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined; // malformed %-escape
  }
}

const isLang = (seg: string | undefined): boolean => /^[a-z]{2}$/.test(seg ?? '');

/** The parameters of `params` minus `drop`, in their order. */
/** `map[key]` when it is the map's own entry (never an inherited `constructor`…). */
function own<T>(map: Record<string, T>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}

function without(params: URLSearchParams, drop: string[]): [string, string][] {
  return [...params].filter(([k]) => !drop.includes(k));
}

// ---------------------------------------------------------------------------------------------
// data.gouv.fr

const DATAGOUV_ORIGINS: Record<string, string> = {
  'www.data.gouv.fr': 'https://www.data.gouv.fr',
  'data.gouv.fr': 'https://www.data.gouv.fr',
  'demo.data.gouv.fr': 'https://demo.data.gouv.fr',
};

const DATAGOUV_SORT: Record<CatalogSort, string | undefined> = {
  relevance: undefined,
  updated: '-last_update',
  title: 'title',
};

/** `<origin><endpoint>?<filters>&page_size=&sort=&q=`, `q` from the query or else from the URL. */
function datagouvUrl(origin: string, endpoint: string, filters: [string, string][], urlQ: string, query: CatalogQuery) {
  const params = new URLSearchParams(filters);
  params.set('page_size', String(pageSizeOf(query)));
  const sort = own(DATAGOUV_SORT, query.sort);
  if (sort) params.set('sort', sort);
  const q = queryText(query) || urlQ;
  if (q) params.set('q', q);
  return `${origin}${endpoint}?${params.toString()}`;
}

function datagouvList(origin: string, endpoint: string, params: URLSearchParams): CatalogApi {
  const filters = without(params, ['page', 'page_size', 'sort', 'q']);
  const urlQ = params.get('q')?.trim() ?? '';
  return {
    portal: 'datagouv',
    supports: { search: true, sort: true },
    async firstPage(query) {
      // API v2 search sorts by created, last_update, reuses, followers, views: not by title.
      const v1 = endpoint === '/api/2/datasets/search/' && query.sort === 'title' ? '/api/1/datasets/' : endpoint;
      return { url: datagouvUrl(origin, v1, filters, urlQ, query) };
    },
  };
}

function datagouvOrganization(origin: string, slug: string, params: URLSearchParams): CatalogApi {
  const urlQ = params.get('q')?.trim() ?? '';
  return {
    portal: 'datagouv',
    supports: { search: true, sort: true },
    async firstPage(query, fetchJson) {
      const orgUrl = `${origin}/api/1/organizations/${encodeURIComponent(slug)}/`;
      const org = await fetchJson(orgUrl);
      const id = isObject(org) ? str(org.id).trim() : '';
      if (!id) {
        throw new VitrineError('parse', `data.gouv.fr did not answer with the organisation "${slug}".`, orgUrl, {
          reason: 'not-an-organization',
        });
      }
      const url = datagouvUrl(origin, '/api/1/datasets/', [['organization', id]], urlQ, query);
      const publisher = isObject(org) ? plainLine(org.name, 200) : '';
      return publisher ? { url, publisher } : { url };
    },
  };
}

function datagouvApi(url: URL, origin: string): CatalogApi | undefined {
  const segs = segments(url);
  if (!segs) return undefined;
  if (segs[0] === 'api') {
    const [, version, kind, a, b] = segs;
    if (
      version === '1' &&
      kind === 'organizations' &&
      a &&
      (segs.length === 4 || (segs.length === 5 && b === 'datasets'))
    )
      return datagouvOrganization(origin, a, url.searchParams);
    if (version === '1' && kind === 'datasets' && segs.length === 3)
      return datagouvList(origin, '/api/1/datasets/', url.searchParams);
    if (version === '2' && kind === 'datasets' && a === 'search' && segs.length === 4)
      return datagouvList(origin, '/api/2/datasets/search/', url.searchParams);
    return undefined;
  }
  const page = isLang(segs[0]) ? segs.slice(1) : segs;
  if (page[0] === 'organizations' && page[1] && page.length === 2)
    return datagouvOrganization(origin, page[1], url.searchParams);
  if (page[0] === 'datasets' && page.length === 1) return datagouvList(origin, '/api/1/datasets/', url.searchParams);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Opendatasoft

const ODS_SORT: Record<CatalogSort, string | undefined> = {
  relevance: undefined,
  updated: 'modified desc',
  title: 'title asc',
};

/** A `search("…")` call alone: needs no parentheses in an AND. */
const SEARCH_CALL = /^search\("(?:[^"\\]|\\.)*"\)$/;

/** An ODSQL full-text search: `search("…")` with `"` and `\` escaped. */
export function odsSearch(q: string): string {
  return `search("${q.replace(/[\\"]/g, '\\$&')}")`;
}

/**
 * The catalogue on `origin` with the filters of the URL: `wheres` (ANDed) and refine/exclude pairs.
 * `urlWhere` is the `where` form of the URL's own full-text query, used when the query has none.
 */
function odsCatalog(origin: string, wheres: string[], facets: [string, string][], urlWhere?: string): CatalogApi {
  return {
    portal: 'opendatasoft',
    supports: { search: true, sort: true },
    async firstPage(query) {
      const params = new URLSearchParams();
      params.set('limit', String(pageSizeOf(query)));
      params.set('offset', '0');
      const order = own(ODS_SORT, query.sort);
      if (order) params.set('order_by', order);
      const q = queryText(query);
      const all = [...wheres, ...(q ? [odsSearch(q)] : urlWhere ? [urlWhere] : [])];
      if (all.length === 1) params.set('where', all[0]);
      else if (all.length > 1) params.set('where', all.map((w) => (SEARCH_CALL.test(w) ? w : `(${w})`)).join(' AND '));
      for (const [k, v] of facets) params.append(k, v);
      return { url: `${origin}/api/explore/v2.1/catalog/datasets?${params.toString()}` };
    },
  };
}

/** The `where` form of a page's or v1 API's `q` (a search, or the expression as written). */
function odsUrlWhere(params: URLSearchParams): string | undefined {
  const q = params.get('q')?.trim();
  return q ? pageFilters(new URLSearchParams([['q', q]]))[0]?.[1] : undefined;
}

function opendatasoftApi(url: URL): CatalogApi | undefined {
  const segs = segments(url);
  if (!segs) return undefined;
  const origin = url.origin;
  // The portal's catalogue page: /explore/ or /<lang>/explore/ (and nothing after: a dataset page is not one).
  const e = segs.indexOf('explore');
  if (e === 0 || (e === 1 && isLang(segs[0]))) {
    if (segs.length !== e + 1) return undefined;
    const facets = pageFilters(new URLSearchParams(without(url.searchParams, ['q'])));
    return odsCatalog(origin, [], facets, odsUrlWhere(url.searchParams));
  }
  if (segs[0] !== 'api') return undefined;
  const explore = segs[1] === 'explore' && (segs[2] === 'v2.1' || segs[2] === 'v2.0') && segs.length === 5 ? 3 : -1;
  const v2 = segs[1] === 'v2' && segs.length === 4 ? 2 : -1;
  const at = explore > 0 ? explore : v2;
  if (at > 0 && segs[at] === 'catalog' && segs[at + 1] === 'datasets') {
    const params = url.searchParams;
    const wheres = params
      .getAll('where')
      .map((w) => w.trim())
      .filter(Boolean);
    const facets = without(params, []).filter(([k, v]) => (k === 'refine' || k === 'exclude') && v !== '');
    return odsCatalog(origin, wheres, facets, odsUrlWhere(params));
  }
  // API v1 dataset search: refine.<facet>/exclude.<facet> and q, as on the pages.
  if (segs[1] === 'datasets' && segs[2] === '1.0' && segs[3] === 'search' && segs.length === 4) {
    const facets = pageFilters(new URLSearchParams(without(url.searchParams, ['q'])));
    return odsCatalog(origin, [], facets, odsUrlWhere(url.searchParams));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CKAN

const CKAN_SORT: Record<CatalogSort, string | undefined> = {
  relevance: undefined,
  updated: 'metadata_modified desc',
  title: 'title_string asc',
};

/** Facets of CKAN's dataset search page that are fields of its Solr index. */
const CKAN_PAGE_FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id'];

/** `field:value`, the value in double quotes unless it is a plain name. */
function solrTerm(field: string, value: string): string {
  return `${field}:${/^[\w.-]+$/.test(value) ? value : JSON.stringify(value)}`;
}

/** `<origin><prefix>`: the path before `/dataset/`, `/organization/` or `/api/`, without a locale. */
function ckanBase(url: URL, prefix: string[]): string {
  const p =
    prefix.length && /^[a-z]{2}(?:[_-][A-Za-z]{2})?$/.test(prefix[prefix.length - 1]) ? prefix.slice(0, -1) : prefix;
  return url.origin + p.map((s) => `/${encodeURIComponent(s)}`).join('');
}

function ckanSearch(base: string, fq: string, urlQ: string): CatalogApi {
  return {
    portal: 'ckan',
    supports: { search: true, sort: true },
    async firstPage(query) {
      const params = new URLSearchParams();
      params.set('rows', String(pageSizeOf(query)));
      params.set('start', '0');
      const sort = own(CKAN_SORT, query.sort);
      if (sort) params.set('sort', sort);
      const q = queryText(query) || urlQ;
      if (q) params.set('q', q);
      if (fq) params.set('fq', fq);
      return { url: `${base}/api/3/action/package_search?${params.toString()}` };
    },
  };
}

function ckanApi(url: URL): CatalogApi | undefined {
  const segs = segments(url);
  if (!segs) return undefined;
  const params = url.searchParams;
  const urlQ = params.get('q')?.trim() ?? '';

  // API: <base>/api/3/action/<action> or <base>/api/action/<action>
  const a = segs.indexOf('api');
  if (a >= 0) {
    const v = segs[a + 1] === 'action' ? a + 1 : segs[a + 1] === '3' && segs[a + 2] === 'action' ? a + 2 : -1;
    if (v < 0 || segs.length !== v + 2) return undefined;
    const action = segs[v + 1];
    if (action === 'package_search') return ckanSearch(ckanBase(url, segs.slice(0, a)), params.get('fq') ?? '', urlQ);
    if (action === 'package_show' && params.get('id')) {
      const href = url.href;
      return {
        portal: 'ckan',
        supports: { search: false, sort: false },
        async firstPage() {
          return { url: href };
        },
      };
    }
    return undefined;
  }

  // The dataset search page: <base>/dataset or <base>/dataset/ (not <base>/dataset/<name>).
  const d = segs.lastIndexOf('dataset');
  if (d >= 0 && d === segs.length - 1 && segs[d - 1] !== 'explore') {
    const fq = CKAN_PAGE_FACETS.flatMap((f) =>
      params
        .getAll(f)
        .filter(Boolean)
        .map((v) => solrTerm(f, v)),
    ).join(' AND ');
    return ckanSearch(ckanBase(url, segs.slice(0, d)), fq, urlQ);
  }
  // An organisation page: <base>/organization/<name>.
  const o = segs.lastIndexOf('organization');
  if (o >= 0 && o === segs.length - 2) {
    return ckanSearch(ckanBase(url, segs.slice(0, o)), solrTerm('organization', segs[o + 1]), urlQ);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/**
 * The catalogue API behind a URL an author wrote (relative URLs resolve against `base`), or
 * undefined when the URL is not a catalogue.
 */
export function catalogApi(src: string, base?: string): CatalogApi | undefined {
  if (typeof src !== 'string' || !src.trim()) return undefined;
  const url = parseUrl(src.trim(), base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  const datagouvOrigin = own(DATAGOUV_ORIGINS, url.hostname.toLowerCase());
  if (datagouvOrigin) return datagouvApi(url, datagouvOrigin);
  return opendatasoftApi(url) ?? ckanApi(url);
}

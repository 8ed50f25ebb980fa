// A local fake of the portal catalogue APIs (data.gouv.fr, CKAN, Opendatasoft Explore v2.1) for the
// demo (Vite) and the browser tests (web-test-runner): it serves the real responses saved under
// test/fixtures/api-responses/ with the query parameters applied (filters, search, sort, paging).
// Nothing leaves the machine. Elements reach it through their proxy template:
// proxy="/__portal?url={url}" → GET /__portal?url=<encoded absolute portal URL>.
// The record APIs (Opendatasoft /records, the data.gouv.fr tabular API, CKAN datastore_search) are
// in fake-records.mjs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fakeRecordsRequest } from './fake-records.mjs';

const DIR = resolve(import.meta.dirname, '../test/fixtures/api-responses');
const JSON_TYPE = 'application/json; charset=utf-8';

/** Read on every request (small files): a fixture edited or added meanwhile is picked up. */
async function fixture(path) {
  try {
    return JSON.parse(await readFile(resolve(DIR, path), 'utf8'));
  } catch {
    return undefined;
  }
}

const json = (status, data) => ({ status, type: JSON_TYPE, body: JSON.stringify(data) });
const fold = (s) =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
/** Every word of `q` occurs somewhere in `texts` (accent- and case-insensitive). */
const matches = (q, ...texts) => {
  const hay = fold(texts.flat().join(' '));
  return fold(q)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
};
const DATE = /^\d{4}-\d{2}-\d{2}/;
function compare(a, b) {
  if (DATE.test(a) && DATE.test(b)) return Date.parse(a) - Date.parse(b) || (a < b ? -1 : a > b ? 1 : 0);
  return fold(a).localeCompare(fold(b), 'fr');
}
/** A sorted copy (stable: ties keep the pool order); no getter = pool order. */
const sortBy = (items, get, desc) =>
  get ? [...items].sort((x, y) => (desc ? -1 : 1) * compare(get(x) ?? '', get(y) ?? '')) : items;
/** An integer parameter: `fallback` when absent, NaN when not an integer. */
function int(params, name, fallback) {
  const v = params.get(name);
  return v === null || v === '' ? fallback : /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
}

// --- data.gouv.fr ---------------------------------------------------------------------------------
const DG_SEARCH = 'datagouv/api2_datasets_search_from_udata-front_storybook.json';
// The pool: the 20 datasets of the saved v2 search page plus the saved v1 dataset, each served as
// saved. So v2 items have `resources` as a link {rel, href, total} while the v1 object has an inline
// array of resources, whichever endpoint (v1 list or v2 search) is asked.
async function datagouvPool() {
  return [...((await fixture(DG_SEARCH))?.data ?? []), await fixture('datagouv/dataset_metadata.json')];
}
const DG_SORTS = { title: (d) => d.title, last_update: (d) => d.last_update, created: (d) => d.created_at };

function datagouvList(url, pool) {
  const p = url.searchParams;
  let items = pool;
  const org = p.get('organization');
  if (org) items = items.filter((d) => d.organization?.id === org);
  const q = p.get('q');
  if (q) items = items.filter((d) => matches(q, d.title, d.description));
  const sort = p.get('sort') ?? '';
  items = sortBy(items, DG_SORTS[sort.replace(/^-/, '')], sort.startsWith('-'));
  const page = Math.max(1, int(p, 'page', 1) || 1);
  const pageSize = Math.min(100, Math.max(1, int(p, 'page_size', 20) || 20));
  const link = (n) => {
    const u = new URL(url.pathname + url.search, 'https://www.data.gouv.fr');
    u.searchParams.set('page', String(n));
    return u.href;
  };
  return json(200, {
    data: items.slice((page - 1) * pageSize, page * pageSize),
    page,
    page_size: pageSize,
    total: items.length,
    next_page: page * pageSize < items.length ? link(page + 1) : null,
    previous_page: page > 1 ? link(page - 1) : null,
  });
}

async function datagouv(url) {
  const path = url.pathname;
  const notFound = json(404, { message: 'Not found' });
  if (/^\/api\/1\/datasets\/?$/.test(path) || /^\/api\/2\/datasets\/search\/?$/.test(path)) {
    return datagouvList(url, await datagouvPool());
  }
  let m = /^\/api\/1\/datasets\/([^/]+)\/?$/.exec(path);
  if (m) {
    const d = (await datagouvPool()).find((d) => d.id === m[1] || d.slug === m[1]);
    return d ? json(200, d) : notFound;
  }
  m = /^\/api\/1\/organizations\/([^/]+)\/(datasets\/)?$/.exec(path);
  if (!m) return undefined;
  const saved = await fixture('datagouv/organization_metadata.json');
  const pool = await datagouvPool();
  const org = [saved, ...pool.map((d) => d.organization)].find((o) => o && (o.id === m[1] || o.slug === m[1]));
  if (!org) return notFound;
  if (!m[2]) return json(200, org);
  // /organizations/<org>/datasets/ (used by the data.gouv.fr adapter): the list of that organisation.
  const own = pool.filter((d) => d.organization?.id === org.id);
  return datagouvList(url, own);
}

// --- CKAN -----------------------------------------------------------------------------------------
const CKAN_DEFAULT_SORT = 'score desc, metadata_modified desc';
const CKAN_SORTS = { metadata_modified: (p) => p.metadata_modified, title_string: (p) => p.title };

async function ckan(url, action) {
  const saved = await fixture('ckan/package_search_birmingham.json');
  const pool = saved?.result?.results ?? [];
  const p = url.searchParams;
  const help = `${url.origin}/api/3/action/help_show?name=${action}`;
  if (action === 'package_show') {
    const id = p.get('id') ?? '';
    const pkg = pool.find((x) => x.id === id || x.name === id);
    if (pkg) return json(200, { help, success: true, result: pkg });
    const dkan = await fixture('ckan/dkan_package_show_hautsdefrance.json');
    if (dkan?.result?.some((x) => x.id === id || x.name === id)) return json(200, dkan); // DKAN: as saved
    return json(404, { help, success: false, error: { message: 'Not found', __type: 'Not Found Error' } });
  }
  let items = pool;
  const q = p.get('q');
  if (q && q.trim() !== '*:*') items = items.filter((x) => matches(q, x.title, x.notes));
  // Only the `organization:<name>` clause of fq is applied; other Solr clauses are ignored.
  const org = /(?:^|\s|\+)organization:"?([^"\s]+)"?/.exec(p.get('fq') ?? '');
  if (org) items = items.filter((x) => x.organization?.name === org[1]);
  const sort = (p.get('sort') ?? CKAN_DEFAULT_SORT).trim().replace(/\s+/g, ' ');
  const [field, dir] = sort.split(' ');
  if (!sort.includes(',')) items = sortBy(items, CKAN_SORTS[field], dir === 'desc'); // else: pool order
  const start = Math.max(0, int(p, 'start', 0) || 0);
  const rawRows = int(p, 'rows', 10);
  const rows = Number.isNaN(rawRows) ? 10 : Math.min(1000, Math.max(0, rawRows));
  // The saved answer says count 38 but holds only 10 packages: `count` is what matches in those 10.
  return json(200, {
    help: saved?.help ?? help,
    success: true,
    result: { count: items.length, sort, results: items.slice(start, start + rows) },
  });
}

// --- Opendatasoft Explore v2.1 catalogue ----------------------------------------------------------
const odsError = (message, code = 'InvalidRESTParameterError') => json(400, { error_code: code, message });
const ODS_SORTS = { modified: (d) => d.metas?.default?.modified, title: (d) => d.metas?.default?.title };

async function opendatasoft(url) {
  const saved = await fixture('opendatasoft/catalog_datasets_v2.1.json');
  if (!saved) return { status: 500, type: 'text/plain', body: 'fake-portals: opendatasoft catalogue fixture missing' };
  const p = url.searchParams;
  const limit = int(p, 'limit', 10);
  const offset = int(p, 'offset', 0);
  if (!(limit >= 0 && limit <= 100)) return odsError(`Invalid value for limit: ${p.get('limit')} (0 to 100)`);
  if (!(offset >= 0)) return odsError(`Invalid value for offset: ${p.get('offset')}`);
  if (offset + limit > 10000) return odsError('offset + limit must not exceed 10000');
  let items = saved.results ?? [];
  // Only the search("text") calls of `where` are applied (what the elements send), each one as
  // "every word somewhere in title, description, keywords or publisher"; any other clause ANDed
  // with them is ignored: this is not an ODSQL parser.
  for (const [, literal] of (p.get('where') ?? '').matchAll(/search\(\s*("(?:[^"\\]|\\.)*")\s*\)/gi)) {
    const text = JSON.parse(literal);
    items = items.filter(({ metas: { default: m = {} } = {} }) =>
      matches(text, m.title ?? '', m.description ?? '', m.keyword ?? [], m.publisher ?? ''),
    );
  }
  const order = p.get('order_by')?.trim();
  if (order) {
    const [, field, dir = 'asc'] = /^(\w+)(?:\s+(asc|desc))?$/i.exec(order) ?? [];
    if (!ODS_SORTS[field]) return odsError(`Unsupported order_by in this fake: ${order}`, 'ODSQLError');
    items = sortBy(items, ODS_SORTS[field], dir.toLowerCase() === 'desc');
  }
  return json(200, { total_count: items.length, results: items.slice(offset, offset + limit) });
}

// --- entry points ---------------------------------------------------------------------------------
/** The fake answer for an absolute portal URL, or undefined when it is not one the fake knows. */
export async function fakePortalRequest(targetUrl) {
  let url;
  try {
    url = new URL(targetUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const records = await fakeRecordsRequest(url);
  if (records) return records;
  if (url.hostname === 'www.data.gouv.fr' || url.hostname === 'data.gouv.fr') return datagouv(url);
  const action = /\/api(?:\/3)?\/action\/(package_search|package_show)\/?$/.exec(url.pathname);
  if (action) return ckan(url, action[1]);
  if (/\/api\/explore\/v2\.1\/catalog\/datasets\/?$/.test(url.pathname)) return opendatasoft(url);
  return undefined;
}

/** Connect-style middleware (Vite): GET <prefix>?url=<encoded absolute URL>. */
export function fakePortalMiddleware(prefix = '/__portal') {
  return (req, res, next) => {
    const here = new URL(req.url ?? '/', 'http://localhost');
    if (here.pathname !== prefix || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const send = ({ status, type, body }) => {
      res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    fakePortalRequest(here.searchParams.get('url') ?? '').then(
      (answer) => send(answer ?? { status: 404, type: 'text/plain', body: 'fake-portals: unknown portal URL' }),
      (err) => send({ status: 500, type: 'text/plain', body: `fake-portals: ${err}` }),
    );
  };
}

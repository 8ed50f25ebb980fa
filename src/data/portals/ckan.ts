/**
 * CKAN (and CKAN-compatible DKAN) portals, on any host and under any path prefix
 * (`https://host/data/dataset/x` has its API at `https://host/data/api/3/action/`).
 *
 * - Dataset page `<base>/dataset/<name>` (also `?q=dataset/<name>` on DKAN without clean URLs) →
 *   `package_show?id=<name>` → the best resource (see `bestCkanResource`).
 * - Resource page `<base>/dataset/<name>/resource/<id>` → `resource_show?id=<id>`.
 * - A resource in the DataStore (`datastore_active`) is read through
 *   `datastore_search?resource_id=<id>&limit=32000` (JSON, records 'result.records', paged with
 *   `result._links.next`; 32000 is CKAN's default `ckan.datastore.search.rows_max`, and larger limits
 *   are capped by the server); any other resource is read from its `url`.
 * - Download links `<base>/dataset/<d>/resource/<id>/download/<file>` pass through as files.
 * - API URLs `<base>/api/3/action/<action>` (and `/api/action/`) pass through as JSON, with the
 *   records path of the actions that list things (datastore_search, package_search).
 * A locale segment before `/dataset/` (`/fr/dataset/x`) is not part of the API base.
 */
import { VitrineError } from '../errors.ts';
import type { PortalAdapter, ResolveContext, ResolvedSource } from './index.ts';
import {
  checkAborted,
  formatFromUrl,
  isObject,
  normalizeFormat,
  parseableRank,
  pickBest,
  str,
  timeOf,
  toDataFormat,
} from './util.ts';

/** Rows asked per datastore_search page (CKAN's default maximum). */
export const DATASTORE_LIMIT = 32000;

type Resource = Record<string, unknown>;

function isLocale(seg: string): boolean {
  return /^[a-z]{2}(?:[_-][A-Za-z]{2})?$/.test(seg);
}

/** `<origin><prefix>` of the site: the path before `/dataset/` or `/api/`, without a locale segment. */
function baseOf(url: URL, segs: string[], at: number): string {
  let prefix = segs.slice(0, at);
  if (prefix.length && isLocale(prefix[prefix.length - 1])) prefix = prefix.slice(0, -1);
  return url.origin + prefix.map((s) => `/${encodeURIComponent(s)}`).join('');
}

export function datastoreSearchUrl(base: string, rid: string): string {
  return `${base}/api/3/action/datastore_search?resource_id=${encodeURIComponent(rid)}&limit=${DATASTORE_LIMIT}`;
}

function resourceRank(r: Resource): number | undefined {
  if (r.datastore_active === true || r.datastore_active === 'true') return 0;
  return parseableRank(normalizeFormat(r.format, r.mimetype, str(r.url)));
}

/**
 * The resource to show: DataStore resources and CSV first, then GeoJSON > JSON > TSV; resources
 * Vitrine cannot read (XLS without DataStore, PDF, web pages…) and documentation are skipped;
 * then the most recently modified, then the first listed.
 */
export function bestCkanResource(resources: unknown): Resource | undefined {
  if (!Array.isArray(resources)) return undefined;
  const candidates: { item: Resource; rank: number; date: number }[] = [];
  for (const r of resources) {
    if (!isObject(r) || !str(r.id)) continue;
    if (str(r.resource_type).toLowerCase() === 'documentation') continue;
    const rank = resourceRank(r);
    if (rank === undefined) continue;
    if (rank > 0 && !str(r.url)) continue;
    candidates.push({ item: r, rank, date: timeOf(r.last_modified ?? r.metadata_modified ?? r.created) });
  }
  return pickBest(candidates);
}

function fromResource(r: Resource, base: string, title?: string): ResolvedSource {
  const rid = str(r.id);
  const name = title ?? (str(r.name) || undefined);
  if (r.datastore_active === true || r.datastore_active === 'true') {
    const dataUrl = datastoreSearchUrl(base, rid);
    return {
      dataUrl,
      portal: 'ckan',
      format: 'json',
      records: 'result.records',
      paged: true,
      api: {
        kind: 'ckan-datastore',
        url: `${base}/api/3/action/datastore_search?resource_id=${encodeURIComponent(rid)}`,
      },
      ...(name ? { title: name } : {}),
    };
  }
  const out: ResolvedSource = { dataUrl: str(r.url), portal: 'ckan' };
  const format = toDataFormat(normalizeFormat(r.format, r.mimetype, str(r.url)));
  if (format) out.format = format;
  if (name) out.title = name;
  return out;
}

function noResource(url: string, what: string): VitrineError {
  return new VitrineError('config', `No resource that Vitrine can read was found in ${what}.`, url, {
    reason: 'no-resource',
  });
}

/** The `result` of an action answer; DKAN's package_show wraps the package in a list. */
function resultOf(answer: unknown): Record<string, unknown> | undefined {
  const result = isObject(answer) ? answer.result : undefined;
  if (Array.isArray(result)) return isObject(result[0]) ? result[0] : undefined;
  return isObject(result) ? result : undefined;
}

async function resolveDataset(base: string, name: string, ctx: ResolveContext, page: string) {
  const answer = await ctx.fetchJson(`${base}/api/3/action/package_show?id=${encodeURIComponent(name)}`);
  checkAborted(ctx.signal);
  const pkg = resultOf(answer);
  const title = str(pkg?.title) || undefined;
  const best = bestCkanResource(pkg?.resources);
  if (!best) throw noResource(page, `the dataset "${title ?? name}"`);
  return fromResource(best, base, title);
}

async function resolveResource(base: string, rid: string, ctx: ResolveContext, page: string) {
  const answer = await ctx.fetchJson(`${base}/api/3/action/resource_show?id=${encodeURIComponent(rid)}`);
  checkAborted(ctx.signal);
  const r = resultOf(answer);
  if (!r || !str(r.id) || (resourceRank(r) === undefined && !str(r.url))) throw noResource(page, 'this resource');
  return fromResource(r, base);
}

const DATASET_SUBPAGES = new Set(['activity', 'groups', 'edit', 'resources', 'changes', 'followers']);

/** Records path of the answer of a CKAN action. */
function actionRecords(action: string): string | undefined {
  switch (action) {
    case 'datastore_search':
    case 'datastore_search_sql':
      return 'result.records';
    case 'package_search':
    case 'resource_search':
      return 'result.results';
    default:
      return undefined;
  }
}

export const ckan: PortalAdapter = {
  name: 'ckan',
  async resolve(url, ctx) {
    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);

    // API: <base>/api/3/action/<action> or <base>/api/action/<action>
    const a = segs.indexOf('api');
    if (a >= 0) {
      const v = segs[a + 1] === 'action' ? a + 1 : segs[a + 1] === '3' && segs[a + 2] === 'action' ? a + 2 : -1;
      if (v > 0 && segs[v + 1]) {
        const action = segs[v + 1];
        const records = actionRecords(action);
        // datastore_search of one resource: the server can also filter, sort and page it.
        const rid = action === 'datastore_search' ? url.searchParams.get('resource_id') : null;
        const apiBase = `${url.origin}/${segs
          .slice(0, v + 2)
          .map((s) => encodeURIComponent(s))
          .join('/')}`;
        return {
          dataUrl: url.href,
          portal: 'ckan',
          format: 'json',
          ...(records ? { records } : {}),
          ...(action === 'datastore_search' || action === 'package_search' ? { paged: true } : {}),
          ...(rid
            ? { api: { kind: 'ckan-datastore' as const, url: `${apiBase}?resource_id=${encodeURIComponent(rid)}` } }
            : {}),
        };
      }
    }

    // Pages: <base>/dataset/<name>[/resource/<id>[/download/<file>]]
    let d = segs.indexOf('dataset');
    let pathSegs = segs;
    let base: string;
    if (d < 0) {
      // DKAN without clean URLs: /?q=dataset/<name>
      const q = url.searchParams.get('q');
      if (!q || !/^dataset\/[^/]+/.test(q)) return undefined;
      pathSegs = q.split('/').filter(Boolean);
      d = 0;
      base = url.origin + url.pathname.replace(/\/+$/, '');
    } else {
      if (segs[d - 1] === 'explore') return undefined; // Opendatasoft
      base = baseOf(url, segs, d);
    }
    // CKAN 2.9+ dataset sub-pages: /dataset/activity/<name>, /dataset/groups/<name>…
    if (DATASET_SUBPAGES.has(pathSegs[d + 1] ?? '') && pathSegs[d + 2])
      pathSegs = [...pathSegs.slice(0, d + 1), ...pathSegs.slice(d + 2)];
    const name = pathSegs[d + 1];
    if (!name || name === 'new') return undefined;
    const last = pathSegs[pathSegs.length - 1];
    if (pathSegs[d + 2] === 'resource' && pathSegs[d + 3]) {
      if (pathSegs[d + 4] === 'download') {
        const format = formatFromUrl(url);
        return { dataUrl: url.href, portal: 'ckan', ...(format ? { format } : {}) };
      }
      return resolveResource(base, pathSegs[d + 3], ctx, url.href);
    }
    // `/dataset/report.csv` is a file, not a dataset page.
    if (pathSegs.length === d + 2 && /\.[a-z0-9]{2,7}$/i.test(last) && formatFromUrl(url)) return undefined;
    return resolveDataset(base, name, ctx, url.href);
  },
};

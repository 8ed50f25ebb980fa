/**
 * data.gouv.fr (www and demo): dataset pages, resource links, API URLs, the tabular API and
 * explore.data.gouv.fr previews.
 *
 * - Dataset page `/fr/datasets/<slug-or-id>/` (also without /fr/, or as `/api/1/datasets/<id>/`):
 *   the dataset's API v1 object gives its resources and the best one is used (see `bestResource`).
 *   A resource named in the page URL (`#/resources/<rid>`, `#resource-<rid>`, `?resource_id=<rid>`)
 *   is used instead when it exists.
 * - Resource link `/fr/datasets/r/<rid>` (the stable redirect data.gouv.fr gives to the latest
 *   file), explore.data.gouv.fr `/fr/resources/<rid>`, `/api/2/datasets/resources/<rid>/`: the API v2
 *   resource envelope gives the file URL, format and title. `/api/1/datasets/<d>/resources/<rid>/`:
 *   the API v1 resource object does.
 * - Every resource of www.data.gouv.fr gets a CORS fallback to the tabular API (paged, 50 rows a
 *   page at most: the loader follows `links.next` through `nextPageUrl`), except JSON/GeoJSON files
 *   which the tabular API does not serve. A resource Vitrine cannot parse itself (xls, xlsx, ods,
 *   parquet, csv.gz) but the tabular API serves is read from the tabular API directly.
 * - Other API URLs (`/api/1/…`, `/api/2/…`) and tabular API URLs pass through as JSON.
 * - Organisation page `/fr/organizations/<slug>/` → the organisation's datasets (catalogue cards).
 */
import { VitrineError } from '../errors.ts';
import type { PortalAdapter, ResolveContext, ResolvedSource } from './index.ts';
import { checkAborted, isObject, normalizeFormat, parseableRank, pickBest, str, timeOf, toDataFormat } from './util.ts';

const ORIGINS: Record<string, string> = {
  'www.data.gouv.fr': 'https://www.data.gouv.fr',
  'data.gouv.fr': 'https://www.data.gouv.fr',
  'demo.data.gouv.fr': 'https://demo.data.gouv.fr',
};
const WWW = 'https://www.data.gouv.fr';
const TABULAR_HOST = 'tabular-api.data.gouv.fr';

/** Largest page the tabular API serves (PAGE_SIZE_MAX of datagouv/api-tabular). */
export const TABULAR_PAGE_SIZE = 50;

/** Formats the tabular API reads that Vitrine does not parse itself. */
const TABULAR_ONLY = new Set(['xls', 'xlsx', 'ods', 'parquet', 'csv.gz']);
/** Resource types that are not data. */
const SKIPPED_TYPES = new Set(['documentation', 'api', 'code']);

export function tabularDataUrl(rid: string): string {
  return `https://${TABULAR_HOST}/api/resources/${encodeURIComponent(rid)}/data/?page_size=${TABULAR_PAGE_SIZE}`;
}

function tabularApiBase(rid: string): string {
  return `https://${TABULAR_HOST}/api/resources/${encodeURIComponent(rid)}/data/`;
}

type Resource = Record<string, unknown>;

function resourceFormat(r: Resource): string {
  return normalizeFormat(r.format, r.mime, str(r.url));
}

/** Whether the tabular API serves this resource: parsed by hydra, or a tabular format. */
function onTabular(r: Resource, format: string): boolean {
  const extras = isObject(r.extras) ? r.extras : {};
  if ('analysis:parsing:error' in extras && extras['analysis:parsing:error']) return false;
  if (extras['analysis:parsing:finished_at']) return true;
  return format === 'csv' || format === 'tsv' || TABULAR_ONLY.has(format);
}

function usableRank(r: Resource, production: boolean): number | undefined {
  const format = resourceFormat(r);
  const rank = parseableRank(format);
  if (rank !== undefined) return rank;
  if (production && TABULAR_ONLY.has(format) && onTabular(r, format)) return 4;
  return undefined;
}

/**
 * The resource to show: main resources before others (documentation, API and code resources are
 * skipped), then CSV > GeoJSON > JSON > TSV > formats only the tabular API reads, then the most
 * recently modified.
 */
export function bestResource(resources: unknown, production = true): Resource | undefined {
  if (!Array.isArray(resources)) return undefined;
  const candidates: { item: Resource; rank: number; date: number }[] = [];
  for (const r of resources) {
    if (!isObject(r) || !str(r.url) || !str(r.id)) continue;
    const type = str(r.type).toLowerCase();
    if (SKIPPED_TYPES.has(type)) continue;
    const rank = usableRank(r, production);
    if (rank === undefined) continue;
    const typeRank = type === 'main' || type === '' ? 0 : 1;
    candidates.push({ item: r, rank: typeRank * 10 + rank, date: timeOf(r.last_modified ?? r.created_at) });
  }
  return pickBest(candidates);
}

/** The source for one resource object of the API. */
function fromResource(r: Resource, origin: string, title?: string): ResolvedSource {
  const rid = str(r.id);
  const url = str(r.url) || str(r.latest);
  const format = resourceFormat(r);
  const production = origin === WWW;
  const name = title ?? (str(r.title) || undefined);
  if (production && rid && TABULAR_ONLY.has(format)) {
    return {
      dataUrl: tabularDataUrl(rid),
      portal: 'datagouv',
      format: 'json',
      records: 'data',
      paged: true,
      api: { kind: 'datagouv-tabular', url: tabularApiBase(rid) },
      ...(name ? { title: name } : {}),
    };
  }
  const out: ResolvedSource = { dataUrl: url, portal: 'datagouv' };
  const dataFormat = toDataFormat(format);
  if (dataFormat) out.format = dataFormat;
  if (name) out.title = name;
  if (production && rid && onTabular(r, format) && format !== 'json' && format !== 'geojson') {
    out.corsFallbacks = [{ url: tabularDataUrl(rid), format: 'json', records: 'data', via: 'tabular' }];
    out.api = { kind: 'datagouv-tabular', url: tabularApiBase(rid) };
  }
  return out;
}

function noResource(url: string, what: string): VitrineError {
  return new VitrineError('config', `No resource that Vitrine can read was found in ${what}.`, url, {
    reason: 'no-resource',
  });
}

async function resolveResourceId(rid: string, origin: string, ctx: ResolveContext, page: string) {
  const answer = await ctx.fetchJson(`${origin}/api/2/datasets/resources/${encodeURIComponent(rid)}/`);
  checkAborted(ctx.signal);
  const resource = isObject(answer) && isObject(answer.resource) ? answer.resource : answer;
  if (!isObject(resource) || !str(resource.url)) throw noResource(page, 'this resource');
  return fromResource(resource, origin);
}

async function resolveDataset(id: string, origin: string, ctx: ResolveContext, page: string, rid?: string) {
  const dataset = await ctx.fetchJson(`${origin}/api/1/datasets/${encodeURIComponent(id)}/`);
  checkAborted(ctx.signal);
  if (!isObject(dataset)) throw noResource(page, 'this dataset');
  const title = str(dataset.title) || undefined;
  const resources = Array.isArray(dataset.resources) ? dataset.resources : [];
  const named = rid ? resources.find((r) => isObject(r) && r.id === rid) : undefined;
  if (isObject(named) && str(named.url)) return fromResource(named, origin);
  const best = bestResource(resources, origin === WWW);
  if (!best) throw noResource(page, `the dataset "${title ?? id}"`);
  return fromResource(best, origin, title);
}

/** A resource id named in a dataset page URL: #/resources/<rid>, #resource-<rid>, ?resource_id=<rid>. */
function resourceInPage(url: URL): string | undefined {
  const hash = /^#\/?resources\/([\w-]+)/.exec(url.hash) ?? /^#resource-([\w-]+)/.exec(url.hash);
  if (hash) return hash[1];
  return url.searchParams.get('resource_id') ?? undefined;
}

function tabularPassThrough(url: URL): ResolvedSource {
  const m = /^\/api\/resources\/([^/]+)\/data\/(csv|json)?\/?$/.exec(url.pathname);
  if (m?.[2] === 'csv') return { dataUrl: url.href, portal: 'datagouv', format: 'csv' };
  if (m?.[2] === 'json') return { dataUrl: url.href, portal: 'datagouv', format: 'json' };
  if (m) {
    return {
      dataUrl: url.href,
      portal: 'datagouv',
      format: 'json',
      records: 'data',
      paged: true,
      api: { kind: 'datagouv-tabular', url: tabularApiBase(decodeURIComponent(m[1])) },
    };
  }
  return { dataUrl: url.href, portal: 'datagouv', format: 'json' };
}

export const datagouv: PortalAdapter = {
  name: 'datagouv',
  async resolve(url, ctx) {
    const host = url.hostname.toLowerCase();
    if (host === TABULAR_HOST) return tabularPassThrough(url);
    if (host === 'explore.data.gouv.fr') {
      const m = /\/resources\/([\w-]+)/.exec(url.pathname);
      if (m) return resolveResourceId(m[1], WWW, ctx, url.href);
      const file = url.searchParams.get('url');
      if (file) return { dataUrl: file, portal: 'datagouv', ...formatOf(file) };
      return undefined;
    }
    const origin = ORIGINS[host];
    if (!origin) return undefined;
    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segs[0] === 'api') {
      const version = segs[1];
      if (segs[2] === 'datasets') {
        const [, , , a, b, c] = segs;
        if (version === '1' && a === 'r' && b && segs.length === 5) return resolveResourceId(b, origin, ctx, url.href);
        if (version === '2' && a === 'resources' && b && segs.length === 5)
          return resolveResourceId(b, origin, ctx, url.href);
        if (version === '1' && a && b === 'resources' && c && segs.length === 6) {
          const r = await ctx.fetchJson(url.href);
          checkAborted(ctx.signal);
          if (!isObject(r) || !str(r.url)) throw noResource(url.href, 'this resource');
          return fromResource(r, origin);
        }
        if ((version === '1' || version === '2') && a && segs.length === 4 && !NOT_A_DATASET.has(a))
          return resolveDataset(a, origin, ctx, url.href);
      }
      return { dataUrl: url.href, portal: 'datagouv', format: 'json' };
    }
    // Pages, with or without a language prefix.
    const page = /^[a-z]{2}$/.test(segs[0] ?? '') ? segs.slice(1) : segs;
    if (page[0] === 'datasets' && page[1]) {
      if (page[1] === 'r' && page[2]) return resolveResourceId(page[2], origin, ctx, url.href);
      return resolveDataset(page[1], origin, ctx, url.href, resourceInPage(url));
    }
    if (page[0] === 'organizations' && page[1]) {
      return {
        dataUrl: `${origin}/api/1/organizations/${encodeURIComponent(page[1])}/datasets/`,
        portal: 'datagouv',
        format: 'json',
        records: 'data',
        paged: true,
      };
    }
    return undefined;
  },
};

/** Collection endpoints under /api/1/datasets/ that are not a dataset id. */
const NOT_A_DATASET = new Set([
  'search',
  'suggest',
  'badges',
  'frequencies',
  'licenses',
  'schemas',
  'community_resources',
]);

function formatOf(file: string): Pick<ResolvedSource, 'format'> {
  const f = toDataFormat(normalizeFormat('', '', file));
  return f ? { format: f } : {};
}

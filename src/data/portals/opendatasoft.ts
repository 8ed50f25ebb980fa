/**
 * Opendatasoft portals, on any domain (data.<city>.fr, *.opendatasoft.com…), recognised by their paths.
 *
 * - Dataset page `/explore/dataset/<id>/<tab>/` (and `/explore/embed/dataset/<id>/…`) →
 *   `https://<domain>/api/explore/v2.1/catalog/datasets/<id>/exports/json?timezone=Europe/Paris`.
 *   JSON rather than CSV: it keeps the types (numbers, booleans, nulls), keeps `geo_point_2d` as a
 *   `{lon, lat}` object and `geo_shape` as GeoJSON, and has no delimiter, BOM or header-label
 *   ambiguity; it costs more bytes than CSV for the same rows. `timezone=Europe/Paris` makes date-times
 *   read as on the portal (the API default is UTC; the instant is the same). `lang` only changes text
 *   produced by date_format(), so it is left to the portal's default (fr).
 *   The page's filters come along: `refine.<field>=<value>` → `refine=<field>:<value>`,
 *   `exclude.<field>=<value>` → `exclude=<field>:<value>`, `q=<text>` → `where=search("<text>")`
 *   (or `where=<q>` as written when it already is an expression).
 * - Legacy download `/explore/dataset/<id>/download?format=csv` and v1 `/api/records/1.0/download/`:
 *   pass through with their format.
 * - Explore v2.1 (and v2.0 `/api/v2/…`): `…/records` pass through (records 'results', paged;
 *   v2.0: 'records'), `…/exports/<fmt>` pass through with format, `…/catalog/datasets/<id>` → its
 *   JSON export, `…/catalog/datasets` (the catalogue) pass through (records 'results', paged).
 * - v1 `/api/records/1.0/search/`: pass through (records 'records', paged).
 * - The portal's catalogue page `/explore/` → the catalogue API (dataset cards).
 */
import type { PortalAdapter, ResolvedSource } from './index.ts';
import { formatFromExtension, type DataFormat } from './util.ts';

/** Timezone asked for exports: the portals Vitrine targets are French. */
export const ODS_TIMEZONE = 'Europe/Paris';

function exportFormat(fmt: string | null | undefined): DataFormat | undefined {
  return formatFromExtension((fmt ?? '').toLowerCase());
}

function withFormat(out: ResolvedSource, fmt: string | null | undefined): ResolvedSource {
  const f = exportFormat(fmt);
  if (f) out.format = f;
  return out;
}

/** A facet value for refine/exclude: as is when simple, else in double quotes. */
function facetValue(v: string): string {
  return /^[\p{L}\p{N}_\-./]+$/u.test(v) ? v : JSON.stringify(v);
}

/** Explore v2.1 query parameters equivalent to the filters of an explore page URL. */
export function pageFilters(params: URLSearchParams): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of params) {
    const m = /^(refine|exclude)\.(.+)$/.exec(key);
    if (m && value !== '') out.push([m[1], `${m[2]}:${facetValue(value)}`]);
  }
  const q = params.get('q')?.trim();
  if (q) {
    const expression = /[:<>=()"']|\b(AND|OR|NOT)\b/.test(q);
    out.push(['where', expression ? q : `search(${JSON.stringify(q)})`]);
  }
  return out;
}

function datasetExport(origin: string, id: string, filters: [string, string][]): ResolvedSource {
  const base = `${origin}/api/explore/v2.1/catalog/datasets/${encodeURIComponent(id)}`;
  const query = new URLSearchParams(filters);
  const apiQuery = query.toString();
  query.append('timezone', ODS_TIMEZONE);
  return {
    dataUrl: `${base}/exports/json?${query.toString()}`,
    portal: 'opendatasoft',
    format: 'json',
    api: { kind: 'ods-explore-v2.1', url: `${base}/records${apiQuery ? `?${apiQuery}` : ''}` },
  };
}

export const opendatasoft: PortalAdapter = {
  name: 'opendatasoft',
  resolve(url) {
    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const origin = url.origin;
    const pass = (extra: Partial<ResolvedSource> = {}): ResolvedSource => ({
      dataUrl: url.href,
      portal: 'opendatasoft',
      ...extra,
    });

    // Pages: /explore/dataset/<id>/…, /explore/embed/dataset/<id>/…, optionally after a language (/fr/explore/…).
    const e = segs.indexOf('explore');
    if (e >= 0 && e <= 1 && (e === 0 || /^[a-z]{2}$/.test(segs[0]))) {
      const rest = segs.slice(e + 1);
      const d = rest[0] === 'embed' ? 1 : 0;
      if (rest[d] === 'dataset' && rest[d + 1]) {
        const id = rest[d + 1];
        if (rest[d + 2] === 'download' || rest[d + 2] === 'files') {
          return withFormat(pass(), url.searchParams.get('format'));
        }
        return datasetExport(origin, id, pageFilters(url.searchParams));
      }
      if (rest.length === 0) {
        return {
          dataUrl: `${origin}/api/explore/v2.1/catalog/datasets?limit=100`,
          portal: 'opendatasoft',
          format: 'json',
          records: 'results',
          paged: true,
        };
      }
      return undefined;
    }

    if (segs[0] !== 'api') return undefined;

    // Explore API v2.1 / v2.0
    const v21 = segs[1] === 'explore' && (segs[2] === 'v2.1' || segs[2] === 'v2.0');
    const v20 = segs[1] === 'v2';
    if ((v21 || v20) && segs[v21 ? 3 : 2] === 'catalog') {
      const legacy = v20 || segs[2] === 'v2.0';
      const rest = segs.slice(v21 ? 4 : 3);
      if (rest[0] === 'datasets' && rest[1]) {
        const id = rest[1];
        if (rest.length === 2) return datasetExport(origin, id, []);
        if (rest[2] === 'records' && rest.length === 3) {
          return pass({
            format: 'json',
            records: legacy ? 'records' : 'results',
            paged: true,
            ...(legacy ? {} : { api: { kind: 'ods-explore-v2.1' as const, url: url.href } }),
          });
        }
        if (rest[2] === 'exports' && rest[3]) return withFormat(pass(), rest[3]);
        return pass({ format: 'json' });
      }
      if (rest[0] === 'datasets' && rest.length === 1) {
        return pass({ format: 'json', records: legacy ? 'datasets' : 'results', paged: true });
      }
      if (rest[0] === 'exports' && rest[1]) return withFormat(pass(), rest[1]);
      return pass({ format: 'json' });
    }

    // API v1
    if (segs[1] === 'records' && segs[2] === '1.0') {
      if (segs[3] === 'search') return pass({ format: 'json', records: 'records', paged: true });
      if (segs[3] === 'download') return withFormat(pass(), url.searchParams.get('format') ?? 'csv');
      return pass({ format: 'json' });
    }
    if (segs[1] === 'datasets' && segs[2] === '1.0') return pass({ format: 'json' });
    return undefined;
  },
};

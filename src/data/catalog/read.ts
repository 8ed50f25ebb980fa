/**
 * Reads one page of a portal catalogue, recognised by the SHAPE of the JSON document (the URL only
 * helps build links and the next page, and tells an empty list apart from other empty lists):
 *
 * - data.gouv.fr: list pages `{data: [dataset], page, page_size, total, next_page}` (API v1
 *   `/api/1/datasets/`, `/api/1/organizations/<org>/datasets/`, API v2 `/api/2/datasets/search/`),
 *   and a single API v1/v2 dataset object;
 * - CKAN: `package_search` `{result: {count, results: [package]}}`, `package_show`
 *   `{result: package}`, and DKAN's `package_show` `{result: [package]}`;
 * - Opendatasoft: Explore v2.1 `{total_count, results: [{dataset_id, metas: {default}}]}`, v2.0
 *   `{total_count, datasets: [{dataset: {…}}], links}`, v1 `{nhits, datasets: [{datasetid, metas}]}`.
 *
 * Everything read is untrusted: strings become plain text (tags removed, capped), URLs are kept only
 * when http(s), and odd values (null, numbers for strings, missing arrays) are skipped, never thrown on.
 */
import { nextPageUrl } from '../portals/paging.ts';
import { isObject, parseUrl, str } from '../portals/util.ts';
import { licenseOf } from './licenses.ts';
import { plainLine, richTextToPlain } from './text.ts';
import type { CatalogDataset, CatalogPage, CatalogPortal } from './types.ts';

type Rec = Record<string, unknown>;

const TITLE_MAX = 300;
const NAME_MAX = 200;
const ID_MAX = 200;
const TAG_MAX = 100;
const TAGS_MAX = 50;
const FORMATS_MAX = 20;
const FORMAT_MAX = 20;
const DATE_MAX = 64;

/** The URL when it is absolute http(s), else undefined. */
function httpUrl(v: unknown, base?: string): string | undefined {
  const s = str(v).trim();
  if (!s) return undefined;
  const u = parseUrl(s, base);
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : undefined;
}

function count(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function optional(v: string): string | undefined {
  return v || undefined;
}

const FORMAT_LABELS: Record<string, string> = {
  csv: 'CSV',
  'text/csv': 'CSV',
  'application/csv': 'CSV',
  tsv: 'TSV',
  'text/tab-separated-values': 'TSV',
  json: 'JSON',
  'application/json': 'JSON',
  geojson: 'GeoJSON',
  'application/geo+json': 'GeoJSON',
  'application/vnd.geo+json': 'GeoJSON',
  jsonld: 'JSON-LD',
  'json-ld': 'JSON-LD',
  xls: 'XLS',
  'application/vnd.ms-excel': 'XLS',
  xlsx: 'XLSX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  ods: 'ODS',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  zip: 'ZIP',
  'application/zip': 'ZIP',
  pdf: 'PDF',
  'application/pdf': 'PDF',
  xml: 'XML',
  'application/xml': 'XML',
  'text/xml': 'XML',
  html: 'HTML',
  'text/html': 'HTML',
  txt: 'TXT',
  'text/plain': 'TXT',
  parquet: 'Parquet',
  shp: 'SHP',
  shapefile: 'SHP',
  'esri shapefile': 'SHP',
  kml: 'KML',
  kmz: 'KMZ',
  gpkg: 'GeoPackage',
  geopackage: 'GeoPackage',
  gpx: 'GPX',
  gtfs: 'GTFS',
  'gtfs-rt': 'GTFS-RT',
  netex: 'NeTEx',
  rdf: 'RDF',
  ttl: 'Turtle',
  docx: 'DOCX',
  doc: 'DOC',
  odt: 'ODT',
  pptx: 'PPTX',
  png: 'PNG',
  jpg: 'JPEG',
  jpeg: 'JPEG',
  tif: 'TIFF',
  tiff: 'TIFF',
  geotiff: 'GeoTIFF',
  api: 'API',
  wms: 'WMS',
  wfs: 'WFS',
  'csv.gz': 'CSV.GZ',
  gz: 'GZ',
  '7z': '7Z',
  sql: 'SQL',
};

/** A resource format in display form: 'csv' → 'CSV', 'geojson' → 'GeoJSON', 'text/csv' → 'CSV'. */
export function formatLabel(v: unknown): string {
  const raw = plainLine(v, 60);
  const key = raw.toLowerCase().replace(/^\./, '');
  if (!key) return '';
  if (Object.hasOwn(FORMAT_LABELS, key)) return FORMAT_LABELS[key];
  if (/^[\w.+-]{1,12}$/.test(key)) return key.toUpperCase();
  return plainLine(raw, FORMAT_MAX);
}

function formatsOf(values: Iterable<unknown>): string[] {
  const out: string[] = [];
  for (const v of values) {
    const f = formatLabel(v);
    if (f && !out.includes(f)) out.push(f);
    if (out.length >= FORMATS_MAX) break;
  }
  return out;
}

/** Tags given as strings, `{display_name, name}` objects (CKAN) or one string `"a; b"` (Opendatasoft). */
function tagsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[;,]/) : [];
  const out: string[] = [];
  for (const t of list.slice(0, TAGS_MAX * 2)) {
    const text = plainLine(isObject(t) ? (str(t.display_name) ? t.display_name : t.name) : t, TAG_MAX);
    if (text && !out.includes(text)) out.push(text);
    if (out.length >= TAGS_MAX) break;
  }
  return out;
}

function dateOf(v: unknown): string | undefined {
  return optional(plainLine(typeof v === 'string' ? v : '', DATE_MAX));
}

function dataset(
  portal: CatalogPortal,
  fields: Omit<CatalogDataset, 'portal' | 'description' | 'truncated' | 'title' | 'id'> & {
    id: unknown;
    title: unknown;
    description: unknown;
  },
): CatalogDataset {
  const { text, truncated } = richTextToPlain(fields.description);
  const id = plainLine(fields.id, ID_MAX);
  const out: CatalogDataset = {
    id,
    title: plainLine(fields.title, TITLE_MAX) || id,
    description: text,
    truncated,
    formats: fields.formats,
    tags: fields.tags,
    portal,
  };
  if (fields.publisher) out.publisher = fields.publisher;
  if (fields.license) out.license = fields.license;
  if (fields.updated) out.updated = fields.updated;
  if (fields.resourceCount !== undefined) out.resourceCount = fields.resourceCount;
  if (fields.url) out.url = fields.url;
  return out;
}

// ---------------------------------------------------------------------------------------------
// data.gouv.fr

const DATAGOUV_KEYS = ['resources', 'license', 'organization', 'last_update', 'page', 'slug'];

/**
 * A data.gouv.fr dataset: an id and a title, and at least two of the keys only datasets have
 * together, one of them `resources` or `license` (so that reuses, organisations and arbitrary
 * records with an id and a title are not taken for datasets).
 */
function isDatagouvDataset(d: unknown): d is Rec {
  if (!isObject(d) || !str(d.id) || !str(d.title)) return false;
  const resources = Array.isArray(d.resources) || (isObject(d.resources) && 'total' in d.resources);
  if (!resources && typeof d.license !== 'string') return false;
  return DATAGOUV_KEYS.filter((k) => d[k] !== undefined && d[k] !== null).length >= 2;
}

function datagouvPublisher(d: Rec): string | undefined {
  if (isObject(d.organization)) {
    const name = plainLine(d.organization.name, NAME_MAX);
    if (name) return name;
  }
  if (isObject(d.owner)) {
    const name = plainLine(`${str(d.owner.first_name)} ${str(d.owner.last_name)}`, NAME_MAX);
    if (name) return name;
  }
  return undefined;
}

function datagouvDataset(d: Rec): CatalogDataset {
  // API v1: the resources inline; API v2: a link `{rel, href, total}` (formats unknown here).
  const inline = Array.isArray(d.resources) ? d.resources : undefined;
  const linked = isObject(d.resources) ? count(d.resources.total) : undefined;
  const short = typeof d.description_short === 'string' && d.description_short.trim() ? d.description_short : '';
  return dataset('datagouv', {
    id: d.id,
    title: d.title,
    publisher: datagouvPublisher(d),
    description: short || d.description,
    license: licenseOf(d.license),
    updated: dateOf(d.last_update) ?? dateOf(d.last_modified),
    formats: inline ? formatsOf(inline.map((r) => (isObject(r) ? r.format : undefined))) : [],
    resourceCount: inline ? inline.length : linked,
    url: httpUrl(d.page),
    tags: tagsOf(d.tags),
  });
}

/** A data.gouv.fr list page: `data` and the pager keys. */
function isDatagouvList(doc: Rec, url: string): boolean {
  if (!Array.isArray(doc.data) || !('page' in doc || 'total' in doc || 'next_page' in doc)) return false;
  if (doc.data.some(isDatagouvDataset)) return true;
  // An empty page: a catalogue only when asked for datasets.
  return doc.data.length === 0 && /\/datasets\//.test(parseUrl(url)?.pathname ?? '');
}

function readDatagouv(doc: Rec, url: string): CatalogPage | undefined {
  if (isDatagouvList(doc, url)) {
    const list = doc.data as unknown[];
    const page: CatalogPage = { portal: 'datagouv', datasets: list.filter(isDatagouvDataset).map(datagouvDataset) };
    const total = count(doc.total);
    if (total !== undefined) page.total = total;
    const next = list.length > 0 ? httpUrl(nextPageUrl({ next_page: doc.next_page }, url)) : undefined;
    if (next) page.next = next;
    return page;
  }
  if (isDatagouvDataset(doc)) {
    return { portal: 'datagouv', datasets: [datagouvDataset(doc)], total: 1 };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CKAN (and DKAN)

/** A CKAN package: a title or name, and at least one key only packages have. */
function isCkanPackage(p: unknown): p is Rec {
  if (!isObject(p) || !(str(p.title) || str(p.name))) return false;
  return (
    Array.isArray(p.resources) ||
    'num_resources' in p ||
    'notes' in p ||
    'license_id' in p ||
    'license_title' in p ||
    'metadata_modified' in p
  );
}

/** `<site>` of a CKAN API URL: everything before `/api/3/action/` or `/api/action/`. */
function ckanSite(url: string): string | undefined {
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  const m = /^(.*?)\/api(?:\/3)?\/action(?:\/|$)/.exec(u.pathname);
  return u.origin + (m ? m[1] : '').replace(/\/+$/, '');
}

function ckanPublisher(p: Rec): string | undefined {
  if (isObject(p.organization)) {
    const org = plainLine(p.organization.title, NAME_MAX) || plainLine(p.organization.name, NAME_MAX);
    if (org) return org;
  }
  return optional(plainLine(p.author, NAME_MAX)) ?? optional(plainLine(p.maintainer, NAME_MAX));
}

function ckanDataset(p: Rec, site: string | undefined): CatalogDataset {
  const resources = Array.isArray(p.resources) ? p.resources : [];
  const name = str(p.name).trim() || str(p.id).trim();
  return dataset('ckan', {
    id: str(p.id) ? p.id : p.name,
    title: str(p.title).trim() ? p.title : p.name,
    publisher: ckanPublisher(p),
    description: p.notes,
    license: licenseOf(p.license_id, p.license_url, p.license_title),
    updated: dateOf(p.metadata_modified),
    formats: formatsOf(resources.map((r) => (isObject(r) ? r.format : undefined))),
    resourceCount: count(p.num_resources) ?? (Array.isArray(p.resources) ? resources.length : undefined),
    url: site && name ? httpUrl(`${site}/dataset/${encodeURIComponent(name)}`) : undefined,
    tags: tagsOf(p.tags),
  });
}

function readCkan(doc: Rec, url: string): CatalogPage | undefined {
  const result = doc.result;
  const site = ckanSite(url);
  // package_search
  if (isObject(result) && Array.isArray(result.results) && 'count' in result) {
    const list = result.results;
    const packages = list.filter(isCkanPackage);
    if (list.length > 0 && packages.length === 0) return undefined; // resource_search and the like
    if (list.length === 0 && !/package_search/.test(url)) return undefined;
    const page: CatalogPage = { portal: 'ckan', datasets: packages.map((p) => ckanDataset(p, site)) };
    const total = count(result.count);
    if (total !== undefined) page.total = total;
    const next = httpUrl(nextPageUrl({ result: { results: list, count: total } }, url));
    if (next) page.next = next;
    return page;
  }
  // package_show (CKAN: the package; DKAN: a list of one package)
  const pkg = Array.isArray(result) && result.length === 1 ? result[0] : result;
  if (isCkanPackage(pkg)) return { portal: 'ckan', datasets: [ckanDataset(pkg, site)], total: 1 };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Opendatasoft

function odsOrigin(url: string): string | undefined {
  const u = parseUrl(url);
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u.origin : undefined;
}

/** A dataset of the catalogue: v2.x `{dataset_id, metas: {default}}`, v1 `{datasetid, metas}`. */
function odsMetas(d: unknown): { id: string; metas: Rec; d: Rec } | undefined {
  if (!isObject(d)) return undefined;
  const id = str(d.dataset_id) || str(d.datasetid);
  if (!id || !isObject(d.metas)) return undefined;
  const metas = isObject(d.metas.default) ? d.metas.default : d.metas;
  return { id, metas, d };
}

function odsDataset(item: { id: string; metas: Rec; d: Rec }, origin: string | undefined): CatalogDataset {
  const { id, metas, d } = item;
  const features = Array.isArray(d.features) ? d.features : [];
  // A dataset is one table that the portal exports on demand in every format (CSV, JSON, and GeoJSON
  // when it has a geographic field); a dataset without records only has attachments.
  const formats = d.has_records === false ? [] : ['CSV', 'JSON', ...(features.includes('geo') ? ['GeoJSON'] : [])];
  const page = origin ? `${origin}/explore/dataset/${encodeURIComponent(id).replace(/%40/g, '@')}/` : undefined;
  return dataset('opendatasoft', {
    id,
    title: str(metas.title).trim() ? metas.title : id,
    publisher: optional(plainLine(metas.publisher, NAME_MAX)),
    description: metas.description,
    license: licenseOf(metas.license, metas.license_url),
    updated: dateOf(metas.modified) ?? dateOf(metas.data_processed),
    formats,
    // Not a count of files: the exports above are computed from one table, and attachments are
    // extras. No number would mean the same as data.gouv.fr's or CKAN's resources, so none is given.
    resourceCount: undefined,
    url: page ? httpUrl(page) : undefined,
    tags: tagsOf(metas.keyword),
  });
}

function readOpendatasoft(doc: Rec, url: string): CatalogPage | undefined {
  const origin = odsOrigin(url);
  const catalogUrl = /\/catalog\/datasets\/?$|\/api\/datasets\/1\.0\/search\/?$/.test(parseUrl(url)?.pathname ?? '');
  let items: unknown[];
  let total: number | undefined;
  let nextDoc: unknown;
  if ('total_count' in doc && Array.isArray(doc.results)) {
    // Explore v2.1
    items = doc.results;
    total = count(doc.total_count);
    nextDoc = { total_count: total, results: items, links: doc.links, _links: doc._links };
  } else if ('total_count' in doc && Array.isArray(doc.datasets)) {
    // Explore v2.0: [{dataset: {…}, links}]
    items = doc.datasets.map((x) => (isObject(x) && isObject(x.dataset) ? x.dataset : x));
    total = count(doc.total_count);
    nextDoc = { total_count: total, results: items, links: doc.links, _links: doc._links };
  } else if ('nhits' in doc && Array.isArray(doc.datasets)) {
    // API v1
    items = doc.datasets;
    total = count(doc.nhits);
    nextDoc = { nhits: total, records: items };
  } else {
    return undefined;
  }
  const datasets = items.map(odsMetas).filter((x) => x !== undefined);
  if (items.length > 0 && datasets.length === 0) return undefined; // the records API, not the catalogue
  if (items.length === 0 && !catalogUrl) return undefined;
  const page: CatalogPage = { portal: 'opendatasoft', datasets: datasets.map((x) => odsDataset(x, origin)) };
  if (total !== undefined) page.total = total;
  const next = httpUrl(nextPageUrl(nextDoc, url));
  if (next) page.next = next;
  return page;
}

// ---------------------------------------------------------------------------------------------

/**
 * One page of a catalogue read from a portal's JSON answer; `url` is the URL it was fetched from
 * (for links, the CKAN site and the next page). Undefined when the document is not a catalogue.
 */
export function readCatalog(doc: unknown, url: string): CatalogPage | undefined {
  if (!isObject(doc)) return undefined;
  const u = typeof url === 'string' ? url : '';
  try {
    if ('result' in doc) return readCkan(doc, u);
    if ('total_count' in doc || 'nhits' in doc) return readOpendatasoft(doc, u);
    return readDatagouv(doc, u);
  } catch {
    // Defensive: a getter or a proxy object that throws. Plain JSON never gets here.
    return undefined;
  }
}

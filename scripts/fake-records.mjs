// A local fake of three record APIs that filter, sort, aggregate and page on the server, for the demo
// (Vite) and the browser tests (web-test-runner), reached through fake-portals.mjs
// (GET /__portal?url=<encoded absolute URL>). Nothing leaves the machine. Every answer is computed
// from real rows saved in the repository, with the query parameters really applied.
//
// 1. Opendatasoft Explore API v2.1, on any host:
//    GET …/api/explore/v2.1/catalog/datasets/<id>           the dataset object (fields, records_count)
//    GET …/api/explore/v2.1/catalog/datasets/<id>/records   {total_count, results}
//    Datasets (the object comes from opendatasoft/catalog_datasets_v2.1.json, the rows from the saved export):
//    - `sanisettesparis` (opendata.paris.fr): 615 rows of opendatasoft/exports_json_v1_paris_sanisettes.json
//      (geo_point_2d [lat, lon] served as {lon, lat}, geo_shape as a GeoJSON Feature; `statut` is in the
//      schema but not in that export, so it is null everywhere);
//    - `fr-en-annuaire-education` (data.education.gouv.fr): 996 rows of
//      opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv, the 12 fields of the catalogue entry
//      (text, int `nombre_d_eleves`, double `latitude`/`longitude`, date `date_ouverture`, geo_point_2d
//      `position`); empty cells are null;
//    - `decheteries-et-plateformes-de-vegetaux` (data.rennesmetropole.fr): the 25 features of
//      opendatasoft/exports_geojson_v2_rennes_decheteries.geojson, the 10 fields of the catalogue entry;
//    - `vitrine-10-millions` (synthetic, announced as exactly 10,000,000 rows): row k (0-based) is row
//      k mod 891 of demo/data/odf-observatoire.csv (the Open Data France observatory, 891 organisations)
//      with `id` = k + 1 and `geo_point_2d` = {lon, lat} of its `lat`/`lon` columns. Nothing is
//      stored per row: filters, search and group_by are computed on the 891 pool rows and scaled by how
//      many times each pool row occurs (10,000,000 = 891 × 11,223 + 307, so pool rows 0–306 occur
//      11,224 times and the others 11,223 times); sorted order on a field is the pool sorted on it, rows
//      of equal values in `id` order. Every count and page is exact. `id` can be selected and sorted
//      on, not filtered or grouped on (400).
//    - `vitrine-ofgl-occitanie` (a budget-like table with a year column): the 330 rows of the OFGL extracts
//      scdl/budget/ofgl/ofgl-base-departement.test.csv (126), ofgl-base-region.test.csv (104) and
//      ofgl-base-communes-consolidee.test.csv (100), in that order, with `id` = row number (1–330, not
//      filtered or grouped on: 400, as above), `exercice` (int), `categorie` (DEPT, REG, Commune),
//      `libelle_budget`, `nom_2024_region`, `agregat` (text), `montant` (double), `population_totale` (int).
//    Parameters: `select` (`*`, field lists with `as`, `count(*)`, `count(f)`, `sum|avg|min|max(f)` with
//    `as`), `where` (the subset below, several `where` are ANDed), `refine=field:value` and
//    `exclude=field:value` (repeatable; a date refines on its prefix: 2020, 2020/05, 2020-05-01),
//    `group_by` (fields, `as` aliases), `order_by` (comma-separated `expr [asc|desc]` on fields, select
//    aliases or aggregates), `limit` (default 10; max 100, offset + limit ≤ 10,000; with group_by max
//    20,000, offset + limit ≤ 20,000) and `offset`. A group_by answer is {results} (no total_count), as in
//    the spec's group_by example. Anything else ODSQL has is a 400 {error_code: "ODSQLError", message}.
//    ODSQL subset of `where` (keywords in any case; fields as names or `back-quoted`):
//      expr := expr OR expr | expr AND expr | NOT expr | ( expr ) | comparison | search | "text"
//      comparison := field (= | != | <> | < | <= | > | >=) literal | field IS [NOT] NULL
//      literal := "string" | 'string' (backslash escapes: \" \' \\) | number | date'2020-01-31'
//                 | true | false
//      search := search("text") | search(field, …, "text")   ("text" alone = search("text"))
//    `=` on text is exact (case and accents count); `!=` is NOT `=` (nulls match it); `<`… on text
//    compare UTF-16 code units; dates and date-times compare as instants (a date without zone is UTC);
//    a comparison with a null value is false. Full-text search: every word of the text (lower case,
//    accents removed, cut on anything not a letter or digit) must begin a word of one of the text
//    fields. Sorting: numbers, instants, booleans by value, text by UTF-16 code units, nulls last in
//    both directions, ties in row order (`id` order on the synthetic set); geo fields cannot be sorted.
//
// 2. data.gouv.fr tabular API: GET https://tabular-api.data.gouv.fr/api/resources/<rid>/data/ and
//    …/profile/ for rid 4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d (the catalogue's resources export,
//    datagouv/tabular_api_profile.json served as saved). 31 rows: the 20 of datagouv/tabular_api_data.json
//    (__id 1–20, as saved) and the 11 of datagouv/catalog_export_datagouv_resources_sample.csv (an older
//    export of the same file: __id 21–31, cells typed after the profile: "False" → false for the bool
//    column, ints, `extras` parsed as JSON, empty → null; its `harvest.created_at` column is not in the
//    profile and is dropped, `harvest.issued_at` is null). Parameters as api-tabular reads them (the raw
//    query split on & and =, then decoded): `<col>__exact|differs|contains|notcontains|in|notin|less|
//    greater|strictly_less|strictly_greater=<v>`, `<col>__isnull`, `<col>__isnotnull`, `<col>__sort=asc|desc`
//    (several: in the order given), `columns=a,b`, `page` (default 1), `page_size` (default 20, max 50),
//    aggregation `<col>__groupby` with `<col>__count|sum|avg|min|max` (output keys `<col>__<op>`, groups
//    in order of first appearance unless sorted with `<col>__<op>__sort`; no meta.total, as the real API).
//    `contains` is case-insensitive (ILIKE), not accent-insensitive; `in` lists are PostgREST lists
//    (a,b or "a,b","c"); less/greater are ≤/≥; comparisons with null are false, `differs` is IS DISTINCT
//    FROM; json columns accept only isnull/isnotnull. Sort as PostgreSQL: nulls last ascending, first
//    descending, text by code units, ties in __id order. Errors: {errors: [{code, title, detail}]}
//    with 400; an unknown rid is a 404.
//
// 3. CKAN DataStore: GET <any host>[/<path>]/api/3/action/datastore_search (also /api/action/…),
//    resource 38d6520a-b1b9-4224-a7ae-23d4b14f598f (odaa.dk, Aarhus): the 9 records of
//    ckan/datastore_search_odaa_aarhus.json with its `fields`. Parameters: `resource_id` (unknown: 404
//    Not Found Error), `filters` (JSON object, value or list of values, equality typed as the field),
//    `q` (text: every word must be a word of the row, lower case, accents kept, as PostgreSQL's english
//    plainto_tsquery without stemming; or a JSON object field → text), `sort` ("f desc, "G" asc"),
//    `limit` (default 100, at most 32000), `offset`, `fields` (comma list or JSON list), `distinct=true`,
//    `include_total=false`. Validation errors are 409 {success: false, error: {<param>: [msg],
//    __type: "Validation Error"}}. Sort: nulls last ascending, first descending; ties in _id order.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const API_DIR = resolve(ROOT, 'test/fixtures/api-responses');
const JSON_TYPE = 'application/json; charset=utf-8';
const json = (status, data) => ({ status, type: JSON_TYPE, body: JSON.stringify(data) });

// --- files, cached until they change --------------------------------------------------------------
const cache = new Map();
/** Builds something from files, once per version of those files (by modification time). */
async function cached(key, paths, build) {
  const stamps = (await Promise.all(paths.map((p) => stat(p).then((s) => s.mtimeMs)))).join(',');
  const hit = cache.get(key);
  if (hit && hit.stamps === stamps) return hit.value;
  const value = build(await Promise.all(paths.map((p) => readFile(p, 'utf8'))));
  cache.set(key, { stamps, value });
  return value;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF), without BOM; the rows as objects keyed by header. */
export function parseCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// --- values ---------------------------------------------------------------------------------------
/** Lower case, accents removed. */
export const fold = (s) =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
/** Words: runs of letters and digits. */
export const words = (s) =>
  String(s ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** An ISO date or date-time as epoch ms; a date or a date-time without zone is UTC. NaN otherwise. */
export function instant(v) {
  if (v === null || v === undefined || v === '') return NaN;
  const s = String(v)
    .trim()
    .replace(/^(\d{4})\/(\d{2})(?:\/(\d{2}))?/, (_, y, m, d) => `${y}-${m}-${d ?? '01'}`);
  const m = /^(\d{4}-\d{2}(?:-\d{2})?)(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return NaN;
  const day = m[1].length === 7 ? `${m[1]}-01` : m[1];
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${day}T${m[2] ?? '00:00'}${zone}`);
}

const NUMERIC = new Set(['int', 'double']);
const TIME = new Set(['date', 'datetime']);
const TEXT = 'text';

/** The comparable form of a value of a field type: number or string; undefined when null. */
function comparable(type, v) {
  if (v === null || v === undefined) return undefined;
  if (NUMERIC.has(type)) return typeof v === 'number' ? v : Number(v);
  if (TIME.has(type)) return instant(v);
  if (type === 'boolean') return v === true || v === 'true' ? 1 : 0;
  if (type === TEXT) return typeof v === 'string' ? v : String(v);
  return undefined;
}
const orderable = (type) => NUMERIC.has(type) || TIME.has(type) || type === 'boolean' || type === TEXT;
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// --- the record pool ------------------------------------------------------------------------------
/**
 * Rows of a dataset: `rows` (the pool, N rows) repeated to `total` rows. Row k is rows[k mod N]
 * (plus `idField` = k + 1 when there is one). With total = N (every real dataset) it is just the rows.
 */
class Pool {
  constructor({ fields, rows, total = rows.length, idField }) {
    this.fields = fields;
    this.byName = new Map(fields.map((f) => [f.name, f]));
    this.rows = rows;
    this.n = rows.length;
    this.total = total;
    this.idField = idField;
    this.full = Math.floor(total / this.n);
    this.rest = total % this.n;
    this.tokenCache = new Map();
  }
  /** How many rows of the dataset are pool row p. */
  copies(p) {
    return this.full + (p < this.rest ? 1 : 0);
  }
  count(pool) {
    let c = 0;
    for (const p of pool) c += this.copies(p);
    return c;
  }
  row(k) {
    const r = this.rows[k % this.n];
    return this.idField ? { ...r, [this.idField]: k + 1 } : r;
  }
  /** Pool rows (indices, ascending) for which `pred(row)` holds. */
  match(pred) {
    const out = [];
    for (let p = 0; p < this.n; p++) if (pred(this.rows[p], p)) out.push(p);
    return out;
  }
  /** Words of the given fields of pool row p (folded or not), cached. */
  tokens(p, names, folded) {
    const key = `${folded ? 'f' : 'c'}:${names.join('\u0000')}`;
    let perRow = this.tokenCache.get(key);
    if (!perRow) this.tokenCache.set(key, (perRow = new Map()));
    let t = perRow.get(p);
    if (!t) {
      const text = names.map((n) => this.rows[p][n] ?? '').join(' ');
      t = words(folded ? fold(text) : String(text).toLowerCase());
      perRow.set(p, t);
    }
    return t;
  }
  /**
   * Pool rows split into runs of equal sort keys, in sort order. keys: [{name, desc}], fields of the
   * pool; the id field (if any) ends the keys: its direction orders rows within a run.
   * `nulls`: 'last' (both directions) or 'pg' (last ascending, first descending).
   */
  order(pool, keys, nulls = 'last') {
    const own = [];
    let idDesc = false;
    for (const k of keys) {
      if (k.name === this.idField) {
        idDesc = k.desc;
        break;
      }
      own.push({ ...k, type: this.byName.get(k.name).type });
    }
    if (!own.length) return { runs: [pool], idDesc };
    const value = (p, k) => comparable(k.type, this.rows[p][k.name]);
    const sorted = [...pool].sort((a, b) => {
      for (const k of own) {
        const va = value(a, k);
        const vb = value(b, k);
        const na = va === undefined || Number.isNaN(va);
        const nb = vb === undefined || Number.isNaN(vb);
        if (na || nb) {
          if (na && nb) continue;
          const nullFirst = nulls === 'pg' && k.desc;
          return (na ? 1 : -1) * (nullFirst ? -1 : 1);
        }
        const c = cmp(va, vb);
        if (c) return k.desc ? -c : c;
      }
      return a - b;
    });
    const runs = [];
    let run = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && own.some((k) => !same(value(sorted[i - 1], k), value(sorted[i], k)))) {
        runs.push(run.sort((x, y) => x - y));
        run = [];
      }
      run.push(sorted[i]);
    }
    if (run.length) runs.push(run.sort((x, y) => x - y));
    return { runs, idDesc };
  }
  /** Rows (as k) offset…offset+limit of ordered runs; rows of one run in k order (reversed if idDesc). */
  window({ runs, idDesc }, offset, limit) {
    const out = [];
    let skip = offset;
    for (const run of runs) {
      if (out.length >= limit) break;
      const low = run.filter((p) => p < this.rest);
      const size = this.full * run.length + low.length;
      if (skip >= size) {
        skip -= size;
        continue;
      }
      for (let j = skip; j < size && out.length < limit; j++) {
        const i = idDesc ? size - 1 - j : j;
        const fullPart = this.full * run.length;
        out.push(
          i < fullPart
            ? Math.floor(i / run.length) * this.n + run[i % run.length]
            : this.full * this.n + low[i - fullPart],
        );
      }
      skip = 0;
    }
    return out;
  }
}
const same = (a, b) => a === b || (a === undefined && Number.isNaN(b)) || (Number.isNaN(a) && Number.isNaN(b));

/** Groups of pool rows by the values of `names`, with their row counts and the requested aggregates. */
function aggregate(pool, rows, names, aggs) {
  const groups = new Map();
  for (const p of rows) {
    const row = pool.rows[p];
    const keyValues = names.map((n) => row[n] ?? null);
    const key = JSON.stringify(keyValues);
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { keyValues, acc: aggs.map(() => ({ n: 0, sum: 0, min: undefined, max: undefined })) }));
    const w = pool.copies(p);
    aggs.forEach((a, i) => {
      const acc = g.acc[i];
      if (a.field === '*') {
        acc.n += w;
        return;
      }
      const v = row[a.field];
      if (v === null || v === undefined) return;
      acc.n += w;
      const c = comparable(pool.byName.get(a.field).type, v);
      if (typeof c === 'number' && !Number.isNaN(c)) acc.sum += w * c;
      if (acc.min === undefined || comparable(pool.byName.get(a.field).type, acc.min) > c) acc.min = v;
      if (acc.max === undefined || comparable(pool.byName.get(a.field).type, acc.max) < c) acc.max = v;
    });
  }
  return [...groups.values()].map((g) => ({
    keyValues: g.keyValues,
    values: aggs.map((a, i) => {
      const acc = g.acc[i];
      switch (a.fn) {
        case 'count':
          return acc.n;
        case 'sum':
          return acc.n ? acc.sum : null;
        case 'avg':
          return acc.n ? acc.sum / acc.n : null;
        case 'min':
          return acc.min ?? null;
        default:
          return acc.max ?? null;
      }
    }),
  }));
}

// --- Opendatasoft datasets ------------------------------------------------------------------------
const ODS = resolve(API_DIR, 'opendatasoft');
const CATALOG = resolve(ODS, 'catalog_datasets_v2.1.json');
const SYNTHETIC_ID = 'vitrine-10-millions';
export const SYNTHETIC_TOTAL = 10_000_000;
const OFGL_ID = 'vitrine-ofgl-occitanie';
const OFGL_FILES = [
  'ofgl-base-departement.test.csv',
  'ofgl-base-region.test.csv',
  'ofgl-base-communes-consolidee.test.csv',
];

/** A value of an export as the records API gives it for a field type. */
function odsValue(type, v) {
  if (v === undefined || v === null || v === '') return null;
  switch (type) {
    case 'int': {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      return Number.isFinite(n) ? Math.trunc(n) : null;
    }
    case 'double': {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return v === true || /^(true|1|oui)$/i.test(String(v));
    case 'geo_point_2d': {
      if (Array.isArray(v)) return { lon: Number(v[1]), lat: Number(v[0]) };
      if (typeof v === 'object') return { lon: Number(v.lon), lat: Number(v.lat) };
      const [lat, lon] = String(v).split(',').map(Number);
      return Number.isFinite(lat) && Number.isFinite(lon) ? { lon, lat } : null;
    }
    case 'geo_shape':
      return typeof v === 'object'
        ? v.type === 'Feature'
          ? v
          : { type: 'Feature', geometry: v, properties: {} }
        : null;
    case 'text':
      return typeof v === 'string' ? v : String(v);
    default:
      return v;
  }
}

function datasetFromCatalog(catalog, id, rows) {
  const entry = structuredClone(catalog.results.find((d) => d.dataset_id === id));
  entry.metas.default.records_count = rows;
  return entry;
}

/** Pool rows keyed by the schema's field names, each value typed after its field. */
function typedRows(fields, sources, pick) {
  return sources.map((src) => Object.fromEntries(fields.map((f) => [f.name, odsValue(f.type, pick(src, f))])));
}

const odsLoaders = {
  sanisettesparis: () =>
    cached(
      'ods:sanisettes',
      [CATALOG, resolve(ODS, 'exports_json_v1_paris_sanisettes.json')],
      ([catalogText, exportText]) => {
        const catalog = JSON.parse(catalogText);
        const records = JSON.parse(exportText);
        const dataset = datasetFromCatalog(catalog, 'sanisettesparis', records.length);
        const fields = dataset.fields;
        return { dataset, pool: new Pool({ fields, rows: typedRows(fields, records, (r, f) => r.fields[f.name]) }) };
      },
    ),
  'fr-en-annuaire-education': () =>
    cached(
      'ods:annuaire',
      [CATALOG, resolve(ODS, 'exports_csv_education_annuaire_ille-et-vilaine.csv')],
      ([catalogText, csvText]) => {
        const catalog = JSON.parse(catalogText);
        const records = parseCsv(csvText, ';');
        const dataset = datasetFromCatalog(catalog, 'fr-en-annuaire-education', records.length);
        const fields = dataset.fields;
        const header = Object.keys(records[0]);
        const column = new Map(fields.map((f) => [f.name, header.find((h) => h.toLowerCase() === f.name)]));
        return {
          dataset,
          pool: new Pool({ fields, rows: typedRows(fields, records, (r, f) => r[column.get(f.name)]) }),
        };
      },
    ),
  'decheteries-et-plateformes-de-vegetaux': () =>
    cached(
      'ods:decheteries',
      [CATALOG, resolve(ODS, 'exports_geojson_v2_rennes_decheteries.geojson')],
      ([catalogText, geojsonText]) => {
        const catalog = JSON.parse(catalogText);
        const features = JSON.parse(geojsonText).features;
        const dataset = datasetFromCatalog(catalog, 'decheteries-et-plateformes-de-vegetaux', features.length);
        const fields = dataset.fields;
        return {
          dataset,
          pool: new Pool({ fields, rows: typedRows(fields, features, (r, f) => r.properties[f.name]) }),
        };
      },
    ),
  [SYNTHETIC_ID]: () =>
    cached('ods:synthetic', [resolve(ROOT, 'demo/data/odf-observatoire.csv')], ([csvText]) => {
      const records = parseCsv(csvText, ';');
      const field = (name, type, label = name) => ({ name, label, type, description: null, annotations: {} });
      const fields = [
        field('id', 'int', 'Identifiant'),
        field('id_odf', 'text', 'Identifiant ODF'),
        field('siren', 'text', 'SIREN'),
        field('nom', 'text', 'Nom'),
        field('type', 'text', 'Type'),
        field('adress', 'text', 'Adresse'),
        field('url_ptf', 'text', 'Portail'),
        field('nb_ptf', 'int', 'Jeux sur le portail'),
        field('url_datagouv', 'text', 'Page data.gouv.fr'),
        field('nb_datagouv', 'int', 'Jeux sur data.gouv.fr'),
        field('id_datagouv', 'text'),
        field('merge', 'text', 'Source'),
        field('tranche_ptf', 'text', 'Tranche de jeux'),
        field('platform_clean', 'text', 'Plateforme'),
        field('orga', 'text', 'Organisation'),
        field('tags', 'text', 'Thème'),
        field('id_ods', 'text'),
        field('depcode', 'text', 'Département (code)'),
        field('dep_label', 'text', 'Département'),
        field('reg_code_short', 'text', 'Région (sigle)'),
        field('reg_code_geo', 'text', 'Région (code)'),
        field('pop_insee', 'int', 'Population'),
        field('tranche_pop', 'text', 'Tranche de population'),
        field('lat', 'double', 'Latitude'),
        field('lon', 'double', 'Longitude'),
        field('geo_point_2d', 'geo_point_2d', 'Position'),
      ];
      const rows = records.map((r) => {
        const row = {};
        for (const f of fields) {
          if (f.name === 'id') continue;
          row[f.name] =
            f.name === 'geo_point_2d'
              ? odsValue(f.type, r.lat && r.lon ? `${r.lat},${r.lon}` : '')
              : odsValue(f.type, r[f.name]);
        }
        return row;
      });
      const dataset = {
        dataset_id: SYNTHETIC_ID,
        attachments: [],
        has_records: true,
        data_visible: true,
        fields,
        metas: {
          default: {
            title: 'Vitrine : 10 millions de lignes (synthétique)',
            description:
              '<p>La ligne k est la ligne k modulo 891 de l’observatoire Open Data France (2022-04-25), avec un identifiant unique.</p>',
            records_count: SYNTHETIC_TOTAL,
            publisher: 'Vitrine',
            license: 'Licence Ouverte v2.0 (Etalab)',
            language: 'fr',
          },
        },
        features: ['analyze', 'geo'],
      };
      return { dataset, pool: new Pool({ fields, rows, total: SYNTHETIC_TOTAL, idField: 'id' }) };
    }),
  [OFGL_ID]: () => {
    const files = OFGL_FILES.map((f) => resolve(ROOT, 'test/fixtures/scdl/budget/ofgl', f));
    return cached('ods:ofgl', files, (texts) => {
      const field = (name, type, label) => ({ name, label, type, description: null, annotations: {} });
      const fields = [
        field('id', 'int', 'Identifiant'),
        field('exercice', 'int', 'Exercice'),
        field('categorie', 'text', 'Catégorie'),
        field('libelle_budget', 'text', 'Libellé Budget'),
        field('nom_2024_region', 'text', 'Nom 2024 Région'),
        field('agregat', 'text', 'Agrégat'),
        field('montant', 'double', 'Montant'),
        field('population_totale', 'int', 'Population totale'),
      ];
      const rows = texts
        .flatMap((text) => parseCsv(text, ';'))
        .map((r) => {
          const row = {};
          for (const f of fields) if (f.name !== 'id') row[f.name] = odsValue(f.type, r[f.label]);
          return row;
        });
      const dataset = {
        dataset_id: OFGL_ID,
        attachments: [],
        has_records: true,
        data_visible: true,
        fields,
        metas: {
          default: {
            title: 'Vitrine : agrégats OFGL en Occitanie (extraits)',
            description: '<p>Trois extraits OFGL (département, région, commune), exercices 2022 et 2023.</p>',
            records_count: rows.length,
            publisher: 'Vitrine',
            license: 'Licence Ouverte v2.0 (Etalab)',
            language: 'fr',
          },
        },
        features: ['analyze'],
      };
      return { dataset, pool: new Pool({ fields, rows, idField: 'id' }) };
    });
  },
};

// --- ODSQL ----------------------------------------------------------------------------------------
class OdsqlError extends Error {}
const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'true', 'false', 'as', 'asc', 'desc']);

function tokenize(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const date = /^date\s*(['"])/i.exec(src.slice(i, i + 8));
    if (c === '"' || c === "'" || date) {
      const quote = date ? date[1] : c;
      let j = i + (date ? date[0].length : 1);
      let text = '';
      while (j < src.length && src[j] !== quote) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j++];
      }
      if (j >= src.length) throw new OdsqlError(`unterminated string at ${i}`);
      out.push({ kind: date ? 'date' : 'string', value: text });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new OdsqlError(`unterminated field name at ${i}`);
      out.push({ kind: 'name', value: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(src.slice(i));
    if (num && !/[\w]/.test(src[i + num[0].length] ?? '')) {
      out.push({ kind: 'number', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      const lower = ident[0].toLowerCase();
      out.push(KEYWORDS.has(lower) ? { kind: 'kw', value: lower } : { kind: 'name', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>|\(|\)|,|\*)/.exec(src.slice(i));
    if (op) {
      out.push({ kind: 'op', value: op[1] === '<>' ? '!=' : op[1] });
      i += op[1].length;
      continue;
    }
    throw new OdsqlError(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

class Tokens {
  constructor(src) {
    this.list = tokenize(src);
    this.i = 0;
  }
  peek(kind, value) {
    const t = this.list[this.i];
    return t && (!kind || t.kind === kind) && (value === undefined || t.value === value) ? t : undefined;
  }
  take(kind, value) {
    const t = this.peek(kind, value);
    if (t) this.i++;
    return t;
  }
  expect(kind, value) {
    const t = this.take(kind, value);
    if (!t) throw new OdsqlError(`expected ${value ?? kind} at token ${this.i + 1}`);
    return t;
  }
  done() {
    return this.i >= this.list.length;
  }
}

/** Text fields searched by full-text search. */
const textFields = (pool) => pool.fields.filter((f) => f.type === TEXT).map((f) => f.name);

/** Every word of `text` begins a word of the given fields of pool row p. */
function fullText(pool, names, text) {
  const query = words(fold(text));
  return (_row, p) => {
    const have = pool.tokens(p, names, true);
    return query.every((w) => have.some((t) => t.startsWith(w)));
  };
}

function fieldOf(pool, name, state) {
  const f = pool.byName.get(name);
  if (!f) throw new OdsqlError(`Unknown field: ${name}`);
  if (name === pool.idField) state.usesId = true;
  return f;
}

/** A `where` expression as a predicate over pool rows: (row, p) => boolean. */
function parseWhere(src, pool, state) {
  const t = new Tokens(src);
  if (t.done()) return () => true;
  const expr = parseOr(t, pool, state);
  if (!t.done()) throw new OdsqlError(`unexpected ${JSON.stringify(t.peek().value)}`);
  return expr;
}
function parseOr(t, pool, state) {
  let left = parseAnd(t, pool, state);
  while (t.take('kw', 'or')) {
    const a = left;
    const b = parseAnd(t, pool, state);
    left = (r, p) => a(r, p) || b(r, p);
  }
  return left;
}
function parseAnd(t, pool, state) {
  let left = parseNot(t, pool, state);
  while (t.take('kw', 'and')) {
    const a = left;
    const b = parseNot(t, pool, state);
    left = (r, p) => a(r, p) && b(r, p);
  }
  return left;
}
function parseNot(t, pool, state) {
  if (t.take('kw', 'not')) {
    const e = parseNot(t, pool, state);
    return (r, p) => !e(r, p);
  }
  return parsePrimary(t, pool, state);
}
function parsePrimary(t, pool, state) {
  if (t.take('op', '(')) {
    const e = parseOr(t, pool, state);
    t.expect('op', ')');
    return e;
  }
  const str = t.take('string');
  if (str) return fullText(pool, textFields(pool), str.value);
  const name = t.expect('name').value;
  if (t.take('op', '(')) {
    if (name.toLowerCase() !== 'search') throw new OdsqlError(`Unknown or unsupported function: ${name}()`);
    const names = [];
    let text;
    do {
      const s = t.take('string');
      if (s) text = s.value;
      else names.push(fieldOf(pool, t.expect('name').value, state).name);
    } while (t.take('op', ','));
    t.expect('op', ')');
    if (text === undefined) throw new OdsqlError('search() needs a text');
    return fullText(pool, names.length ? names : textFields(pool), text);
  }
  const field = fieldOf(pool, name, state);
  if (t.take('kw', 'is')) {
    const negate = !!t.take('kw', 'not');
    t.expect('kw', 'null');
    return (r) => (r[field.name] === null || r[field.name] === undefined) !== negate;
  }
  const op = t.take('op');
  if (!op || !['=', '!=', '<', '<=', '>', '>='].includes(op.value)) {
    throw new OdsqlError(`unsupported condition on ${field.name}`);
  }
  const lit = literal(t, field);
  const test = {
    '=': (c) => c === 0,
    '!=': (c) => c === 0,
    '<': (c) => c < 0,
    '<=': (c) => c <= 0,
    '>': (c) => c > 0,
    '>=': (c) => c >= 0,
  }[op.value];
  const pred = (r) => {
    const v = comparable(field.type, r[field.name]);
    return v !== undefined && !Number.isNaN(v) && test(cmp(v, lit));
  };
  return op.value === '!=' ? (r) => !pred(r) : pred;
}

/** A literal compared with a field, in the field's comparable form. */
function literal(t, field) {
  const tok = t.take();
  if (!tok || !['string', 'number', 'date', 'kw'].includes(tok.kind)) throw new OdsqlError('expected a value');
  const type = field.type;
  if (!orderable(type)) throw new OdsqlError(`field ${field.name} (${type}) cannot be compared`);
  if (tok.kind === 'kw') {
    if (type !== 'boolean' || (tok.value !== 'true' && tok.value !== 'false'))
      throw new OdsqlError(`unexpected ${tok.value}`);
    return tok.value === 'true' ? 1 : 0;
  }
  if (NUMERIC.has(type)) {
    const n = tok.kind === 'number' ? tok.value : tok.kind === 'string' ? Number(tok.value) : NaN;
    if (Number.isNaN(n) || (tok.kind === 'string' && tok.value.trim() === ''))
      throw new OdsqlError(`${field.name} is a number`);
    return n;
  }
  if (TIME.has(type)) {
    const ms = tok.kind === 'number' ? NaN : instant(tok.value);
    if (Number.isNaN(ms)) throw new OdsqlError(`${field.name} is a date: ${tok.value}`);
    return ms;
  }
  if (type === 'boolean') {
    if (tok.kind === 'string' && /^(true|false)$/i.test(tok.value)) return /^true$/i.test(tok.value) ? 1 : 0;
    throw new OdsqlError(`${field.name} is a boolean`);
  }
  return tok.kind === 'date' ? tok.value : String(tok.value);
}

/**
 * `select`/`group_by`/`order_by` items. `loose`: names are not checked (order_by may name an alias);
 * the caller resolves them.
 */
function parseItems(src, pool, state, allowAggregates, loose = false) {
  const t = new Tokens(src);
  const items = [];
  if (t.done()) return items;
  do {
    let item;
    if (t.take('op', '*')) item = { kind: 'all' };
    else {
      const name = t.expect('name').value;
      const fn = name.toLowerCase();
      if (t.take('op', '(')) {
        if (!allowAggregates || !['count', 'sum', 'avg', 'min', 'max'].includes(fn))
          throw new OdsqlError(`Unknown or unsupported function: ${name}()`);
        let field = '*';
        if (!t.take('op', '*')) field = fieldOf(pool, t.expect('name').value, state).name;
        else if (fn !== 'count') throw new OdsqlError(`${fn}(*) is not valid`);
        t.expect('op', ')');
        if (
          field !== '*' &&
          fn !== 'count' &&
          fn !== 'min' &&
          fn !== 'max' &&
          !NUMERIC.has(pool.byName.get(field).type)
        )
          throw new OdsqlError(`${fn}() needs a numeric field`);
        item = { kind: 'agg', fn, field, expr: `${fn}(${field})` };
      } else item = { kind: 'field', field: loose ? name : fieldOf(pool, name, state).name };
    }
    if (t.take('kw', 'as')) item.alias = t.expect('name').value;
    const dir = t.take('kw', 'asc') ?? t.take('kw', 'desc');
    if (dir) item.desc = dir.value === 'desc';
    items.push(item);
  } while (t.take('op', ','));
  if (!t.done()) throw new OdsqlError(`unexpected ${JSON.stringify(t.peek().value)}`);
  return items;
}

/** refine/exclude `field:value` as a predicate. */
function facet(pool, spec, state) {
  const at = spec.indexOf(':');
  if (at < 1) throw new OdsqlError(`Invalid facet: ${spec}`);
  const field = fieldOf(pool, spec.slice(0, at), state);
  let value = spec.slice(at + 1);
  if (/^".*"$/.test(value)) value = JSON.parse(value);
  if (TIME.has(field.type)) {
    const prefix = value.replace(/\//g, '-');
    return (r) => r[field.name] !== null && String(r[field.name]).startsWith(prefix);
  }
  if (NUMERIC.has(field.type)) return (r) => r[field.name] !== null && r[field.name] === Number(value);
  return (r) => r[field.name] !== null && String(r[field.name]) === value;
}

const odsError = (message, code = 'ODSQLError', status = 400) => json(status, { error_code: code, message });

function intParam(p, name, fallback) {
  const v = p.get(name);
  if (v === null || v.trim() === '') return fallback;
  return /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
}

function odsRecords(url, { pool }) {
  const p = url.searchParams;
  const state = { usesId: false };
  let pred;
  let select;
  let groupBy;
  let orderBy;
  try {
    const preds = p.getAll('where').map((w) => parseWhere(w, pool, state));
    for (const r of p.getAll('refine')) preds.push(facet(pool, r, state));
    for (const e of p.getAll('exclude')) {
      const f = facet(pool, e, state);
      preds.push((r, i) => !f(r, i));
    }
    pred = (r, i) => preds.every((f) => f(r, i));
    select = parseItems(p.get('select') ?? '', pool, {}, true);
    groupBy = parseItems(p.get('group_by') ?? '', pool, state, false);
    orderBy = parseItems(p.get('order_by') ?? '', pool, {}, true, true);
  } catch (err) {
    if (!(err instanceof OdsqlError)) throw err;
    return odsError(`ODSQL query is malformed: ${err.message}`);
  }
  if (state.usesId) {
    return odsError(`The fake cannot filter or group on ${pool.idField} of the synthetic dataset (row identity).`);
  }
  const grouped = groupBy.length > 0 || select.some((s) => s.kind === 'agg');
  const maxLimit = grouped ? 20000 : 100;
  const window = grouped ? 20000 : 10000;
  const limit = intParam(p, 'limit', 10);
  const offset = intParam(p, 'offset', 0);
  if (!(limit >= 0 && limit <= maxLimit))
    return odsError(`Invalid value for limit: ${p.get('limit')} (0 to ${maxLimit})`, 'InvalidRESTParameterError');
  if (!(offset >= 0)) return odsError(`Invalid value for offset: ${p.get('offset')}`, 'InvalidRESTParameterError');
  if (offset + limit > window)
    return odsError(
      `Invalid value for limit and offset: offset + limit must not exceed ${window} (use the exports endpoint to get more records)`,
      'InvalidRESTParameterError',
    );
  const rows = pool.match(pred);

  if (grouped) {
    if (select.some((s) => s.kind === 'all' || (s.kind === 'field' && !groupBy.some((g) => g.field === s.field))))
      return odsError('ODSQL query is malformed: select fields must be in group_by');
    const aggs = select.filter((s) => s.kind === 'agg');
    const names = groupBy.map((g) => g.field);
    const out = aggregate(pool, rows, names, aggs).map(({ keyValues, values }) => {
      const r = {};
      groupBy.forEach((g, i) => (r[g.alias ?? g.field] = keyValues[i]));
      aggs.forEach((a, i) => (r[a.alias ?? a.expr] = values[i]));
      return r;
    });
    const keyOf = (o) => {
      if (o.kind === 'agg') {
        const a = aggs.find((s) => s.expr === o.expr);
        if (!a) throw new OdsqlError(`order_by ${o.expr} is not in select`);
        return { key: a.alias ?? a.expr, type: 'double' };
      }
      const alias = [...aggs, ...groupBy].find((s) => s.alias === o.field);
      if (alias) return { key: o.field, type: alias.kind === 'agg' ? 'double' : pool.byName.get(alias.field).type };
      const g = groupBy.find((s) => s.field === o.field);
      if (!g) throw new OdsqlError(`order_by ${o.field} must be a group_by field or a select alias`);
      return { key: g.alias ?? g.field, type: pool.byName.get(g.field).type };
    };
    let keys;
    try {
      keys = (orderBy.length ? orderBy : groupBy.map((g) => ({ kind: 'field', field: g.alias ?? g.field }))).map(
        (o) => ({ ...keyOf(o), desc: !!o.desc }),
      );
    } catch (err) {
      return odsError(`ODSQL query is malformed: ${err.message}`);
    }
    const sorted = out
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        for (const k of keys) {
          const va = comparable(k.type, a.r[k.key]);
          const vb = comparable(k.type, b.r[k.key]);
          if (va === undefined || vb === undefined) {
            if (va !== vb) return va === undefined ? 1 : -1;
            continue;
          }
          const c = cmp(va, vb);
          if (c) return k.desc ? -c : c;
        }
        return a.i - b.i;
      })
      .map((x) => x.r);
    return json(200, { results: sorted.slice(offset, offset + limit) });
  }

  // Records.
  for (const o of orderBy) {
    if (o.kind !== 'field') return odsError('ODSQL query is malformed: aggregates in order_by need a group_by');
    if (!pool.byName.has(o.field)) return odsError(`ODSQL query is malformed: Unknown field: ${o.field}`);
    if (o.field !== pool.idField && !orderable(pool.byName.get(o.field).type))
      return odsError(`ODSQL query is malformed: field ${o.field} cannot be sorted`);
  }
  const names = select.length && !select.some((s) => s.kind === 'all') ? select : undefined;
  const order = pool.order(
    rows,
    orderBy.map((o) => ({ name: o.field, desc: !!o.desc })),
  );
  const results = pool.window(order, offset, limit).map((k) => {
    const row = pool.row(k);
    if (!names) return Object.fromEntries(pool.fields.map((f) => [f.name, row[f.name] ?? null]));
    return Object.fromEntries(names.map((s) => [s.alias ?? s.field, row[s.field] ?? null]));
  });
  return json(200, { total_count: pool.count(rows), results });
}

async function opendatasoft(url) {
  const m = /\/api\/explore\/v2\.1\/catalog\/datasets\/([^/]+)(\/records)?\/?$/.exec(url.pathname);
  if (!m) return undefined;
  const id = decodeURIComponent(m[1]);
  const load = Object.hasOwn(odsLoaders, id) ? odsLoaders[id] : undefined;
  if (!load) return odsError(`Unknown dataset: ${id}`, 'NotFound', 404);
  const ds = await load();
  return m[2] ? odsRecords(url, ds) : json(200, ds.dataset);
}

// --- data.gouv.fr tabular API ---------------------------------------------------------------------
const TABULAR_HOST = 'tabular-api.data.gouv.fr';
export const TABULAR_RID = '4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d';
const DG = resolve(API_DIR, 'datagouv');
const PYTHON_TYPES = {
  string: 'text',
  int: 'int',
  float: 'double',
  bool: 'boolean',
  date: 'date',
  datetime: 'datetime',
  json: 'json',
};

function tabularPool() {
  return cached(
    'tabular',
    [
      resolve(DG, 'tabular_api_profile.json'),
      resolve(DG, 'tabular_api_data.json'),
      resolve(DG, 'catalog_export_datagouv_resources_sample.csv'),
    ],
    ([profileText, dataText, csvText]) => {
      const profile = JSON.parse(profileText);
      const header = profile.profile.header;
      const fields = [
        { name: '__id', type: 'int' },
        ...header.map((name) => ({ name, type: PYTHON_TYPES[profile.profile.columns[name]?.python_type] ?? 'text' })),
      ];
      const saved = JSON.parse(dataText).data;
      const typed = (type, raw) => {
        if (raw === undefined || raw === '') return null;
        if (type === 'int') return Number(raw);
        if (type === 'double') return Number(raw);
        if (type === 'boolean') return /^true$/i.test(raw);
        if (type === 'json') {
          try {
            return JSON.parse(raw);
          } catch {
            return raw;
          }
        }
        return raw;
      };
      const older = parseCsv(csvText, ';').map((r, i) =>
        Object.fromEntries(
          fields.map((f) => [f.name, f.name === '__id' ? saved.length + i + 1 : typed(f.type, r[f.name])]),
        ),
      );
      const rows = [...saved.map((r) => Object.fromEntries(fields.map((f) => [f.name, r[f.name] ?? null]))), ...older];
      return { profile, pool: new Pool({ fields, rows }) };
    },
  );
}

const tabularError = (status, title, detail) => json(status, { errors: [{ code: null, title, detail }] });
const decode = (s) => decodeURIComponent(s.replace(/\+/g, ' '));

/** A PostgREST in-list: a,b or "a,b","c" (backslash escapes inside quotes). */
function postgrestList(s) {
  const out = [];
  let i = 0;
  while (i <= s.length) {
    if (s[i] === '"') {
      let v = '';
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') i++;
        v += s[i++];
      }
      out.push(v);
      i += 2; // closing quote and comma
    } else {
      const j = s.indexOf(',', i);
      out.push(s.slice(i, j < 0 ? s.length : j));
      i = j < 0 ? s.length + 1 : j + 1;
    }
  }
  return out;
}

/** Equality of a stored value with a query text, typed as the column (PostgreSQL casts the text). */
function equalsText(type, v, text) {
  if (v === null || v === undefined) return false;
  if (NUMERIC.has(type)) return Number(v) === Number(text) && text.trim() !== '';
  if (TIME.has(type)) return instant(v) === instant(text);
  if (type === 'boolean') return String(v) === text.toLowerCase();
  return String(v) === text;
}

async function tabular(url) {
  const m = /^\/api\/resources\/([^/]+)\/(data|profile)\/?$/.exec(url.pathname);
  if (!m) return undefined;
  if (decodeURIComponent(m[1]) !== TABULAR_RID)
    return { status: 404, type: 'text/plain; charset=utf-8', body: '404: Not Found' };
  const { profile, pool } = await tabularPool();
  if (m[2] === 'profile') return json(200, profile);

  const preds = [];
  const sorts = [];
  const groupBy = [];
  const aggs = [];
  let page = 1;
  let pageSize = 20;
  let columns;
  const args = url.search.slice(1).split('&').filter(Boolean);
  for (const arg of args) {
    const parts = arg.split('=');
    if (parts.length > 2)
      return tabularError(
        400,
        'Invalid query string',
        `Malformed query: argument '${decode(arg)}' could not be parsed`,
      );
    const key = decode(parts[0]);
    const value = parts.length === 2 ? decode(parts[1]) : undefined;
    if (key === 'page' || key === 'page_size') {
      const n = /^\d+$/.test(value ?? '') ? Number(value) : NaN;
      if (Number.isNaN(n)) return tabularError(400, 'Invalid query string', `Invalid ${key}: ${value}`);
      if (key === 'page') page = Math.max(1, n);
      else pageSize = n;
      continue;
    }
    if (key === 'columns') {
      columns = (value ?? '').split(',');
      const unknown = columns.find((c) => !pool.byName.has(c));
      if (unknown) return tabularError(400, 'Database error', `column ${unknown} does not exist`);
      continue;
    }
    const at = key.lastIndexOf('__');
    if (at <= 0)
      return tabularError(400, 'Invalid query string', `Malformed query: argument '${key}' could not be parsed`);
    const column = key.slice(0, at);
    const op = key.slice(at + 2).toLowerCase();
    if (op === 'sort') {
      if (value !== 'asc' && value !== 'desc')
        return tabularError(400, 'Invalid query string', `Malformed query: bad sort ${value}`);
      sorts.push({ name: column, desc: value === 'desc' });
      continue;
    }
    const field = pool.byName.get(column);
    if (!field) return tabularError(400, 'Database error', `column "${column}" does not exist`);
    if (value === undefined) {
      if (op === 'isnull' || op === 'isnotnull') {
        preds.push((r) => (r[column] === null) === (op === 'isnull'));
      } else if (op === 'groupby') groupBy.push(column);
      else if (['count', 'sum', 'avg', 'min', 'max'].includes(op)) {
        if (op !== 'count' && op !== 'min' && op !== 'max' && !NUMERIC.has(field.type))
          return tabularError(400, 'Database error', `function ${op}(${field.type}) does not exist`);
        aggs.push({ fn: op, field: column, expr: `${column}__${op}` });
      } else return tabularError(400, 'Invalid query string', `Malformed query: argument '${key}' could not be parsed`);
      continue;
    }
    if (field.type === 'json') return tabularError(400, 'Database error', `operator does not exist: json ${op}`);
    const type = field.type;
    const ordered = (test) => {
      const lit = comparable(type, type === TEXT ? value : NUMERIC.has(type) ? Number(value) : value);
      if (lit === undefined || Number.isNaN(lit))
        return tabularError(400, 'Database error', `invalid input syntax for type ${type}: "${value}"`);
      preds.push((r) => {
        const v = comparable(type, r[column]);
        return v !== undefined && !Number.isNaN(v) && test(cmp(v, lit));
      });
      return undefined;
    };
    const lower = value.toLowerCase();
    let error;
    switch (op) {
      case 'exact':
        preds.push((r) => equalsText(type, r[column], value));
        break;
      case 'differs':
        preds.push((r) => !equalsText(type, r[column], value));
        break;
      case 'contains':
        preds.push((r) => r[column] !== null && String(r[column]).toLowerCase().includes(lower));
        break;
      case 'notcontains':
        preds.push((r) => r[column] !== null && !String(r[column]).toLowerCase().includes(lower));
        break;
      case 'in':
      case 'notin': {
        const list = postgrestList(value);
        const isIn = (r) => list.some((v) => equalsText(type, r[column], v));
        preds.push(op === 'in' ? isIn : (r) => r[column] !== null && !isIn(r));
        break;
      }
      case 'less':
        error = ordered((c) => c <= 0);
        break;
      case 'greater':
        error = ordered((c) => c >= 0);
        break;
      case 'strictly_less':
        error = ordered((c) => c < 0);
        break;
      case 'strictly_greater':
        error = ordered((c) => c > 0);
        break;
      default:
        return tabularError(
          400,
          'Invalid query string',
          `Malformed query: argument '${key}=${value}' could not be parsed`,
        );
    }
    if (error) return error;
  }
  if (pageSize > 50) return tabularError(400, 'Invalid query string', 'Page size exceeds allowed maximum: 50');
  const offset = (page - 1) * pageSize;
  const rows = pool.match((r) => preds.every((f) => f(r)));
  const base = `https://${TABULAR_HOST}/api/resources/${TABULAR_RID}`;
  const pageLink = (n) => {
    const kept = args.filter((a) => !/^page(_size)?=/.test(a));
    return `${base}/data/?${[...kept, `page=${n}`, `page_size=${pageSize}`].join('&')}`;
  };
  const links = (count, total) => ({
    profile: `${base}/profile/`,
    swagger: `${base}/swagger/`,
    next: (total === undefined ? count === pageSize : offset + pageSize < total) ? pageLink(page + 1) : null,
    prev: page > 1 ? pageLink(page - 1) : null,
  });

  if (groupBy.length || aggs.length) {
    if (columns)
      return tabularError(
        400,
        'Invalid query string',
        'Malformed query: the argument `columns` cannot be set alongside aggregators',
      );
    const groups = aggregate(pool, rows, groupBy, aggs).map(({ keyValues, values }) => {
      const r = {};
      groupBy.forEach((g, i) => (r[g] = keyValues[i]));
      aggs.forEach((a, i) => (r[a.expr] = values[i]));
      return r;
    });
    const keys = sorts.map((s) => {
      const a = aggs.find((x) => x.expr === s.name);
      return { ...s, type: a ? 'double' : (pool.byName.get(s.name)?.type ?? 'text') };
    });
    const out = groups
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        for (const k of keys) {
          const va = comparable(k.type, a.r[k.name]);
          const vb = comparable(k.type, b.r[k.name]);
          if (va === undefined || vb === undefined) {
            if (va !== vb) return (va === undefined ? 1 : -1) * (k.desc ? -1 : 1);
            continue;
          }
          const c = cmp(va, vb);
          if (c) return k.desc ? -c : c;
        }
        return a.i - b.i;
      })
      .map((x) => x.r)
      .slice(offset, offset + pageSize);
    return json(200, { data: out, links: links(out.length), meta: { page, page_size: pageSize } });
  }

  const unknownSort = sorts.find((s) => !pool.byName.has(s.name));
  if (unknownSort) return tabularError(400, 'Database error', `column "${unknownSort.name}" does not exist`);
  const order = pool.order(rows, sorts, 'pg');
  const data = pool.window(order, offset, pageSize).map((k) => {
    const row = pool.row(k);
    return columns ? Object.fromEntries(columns.map((c) => [c, row[c]])) : row;
  });
  return json(200, {
    data,
    links: links(data.length, rows.length),
    meta: { page, page_size: pageSize, total: rows.length },
  });
}

// --- CKAN DataStore -------------------------------------------------------------------------------
export const DATASTORE_RID = '38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const CKAN_TYPES = {
  int: 'int',
  int2: 'int',
  int4: 'int',
  int8: 'int',
  integer: 'int',
  bigint: 'int',
  smallint: 'int',
  numeric: 'double',
  float: 'double',
  float4: 'double',
  float8: 'double',
  real: 'double',
  'double precision': 'double',
  timestamp: 'datetime',
  timestamptz: 'datetime',
  date: 'date',
  bool: 'boolean',
  boolean: 'boolean',
  json: 'json',
  jsonb: 'json',
};

function datastorePool() {
  return cached('datastore', [resolve(API_DIR, 'ckan/datastore_search_odaa_aarhus.json')], ([text]) => {
    const saved = JSON.parse(text).result;
    const fields = saved.fields.map((f) => ({ name: f.id, type: CKAN_TYPES[f.type] ?? 'text', ckan: f }));
    const rows = [...saved.records]
      .sort((a, b) => a._id - b._id)
      .map((r) => Object.fromEntries(fields.map((f) => [f.name, r[f.name] ?? null])));
    return new Pool({ fields, rows });
  });
}

async function datastore(url) {
  const p = url.searchParams;
  const help = `${url.origin}/api/3/action/help_show?name=datastore_search`;
  const invalid = (param, message) =>
    json(409, { help, success: false, error: { [param]: [message], __type: 'Validation Error' } });
  const rid = p.get('resource_id') ?? p.get('id');
  if (!rid) return invalid('resource_id', 'Missing value');
  if (rid !== DATASTORE_RID)
    return json(404, {
      help,
      success: false,
      error: { message: `Not found: Resource "${rid}" was not found.`, __type: 'Not Found Error' },
    });
  const pool = await datastorePool();
  const preds = [];
  const result = {
    include_total: true,
    limit: 100,
    records_format: 'objects',
    resource_id: rid,
    total_estimation_threshold: null,
  };

  const filtersText = p.get('filters');
  if (filtersText) {
    let filters;
    try {
      filters = JSON.parse(filtersText);
    } catch {
      return invalid('filters', 'Could not parse as valid JSON');
    }
    if (!filters || typeof filters !== 'object' || Array.isArray(filters))
      return invalid('filters', 'Not a JSON object');
    for (const [name, want] of Object.entries(filters)) {
      const field = pool.byName.get(name);
      if (!field) return invalid('filters', `field "${name}" not in table`);
      const list = Array.isArray(want) ? want : [want];
      preds.push((r) => list.some((v) => (v === null ? r[name] === null : equalsText(field.type, r[name], String(v)))));
    }
    result.filters = filters;
  }

  const q = p.get('q');
  if (q && q.trim()) {
    const searchable = pool.fields.filter((f) => f.name !== '_id').map((f) => f.name);
    const textQuery = (names, text) => {
      const want = words(String(text).toLowerCase());
      return (_r, i) => {
        const have = pool.tokens(i, names, false);
        return want.every((w) => have.includes(w));
      };
    };
    if (q.trim().startsWith('{')) {
      let obj;
      try {
        obj = JSON.parse(q);
      } catch {
        return invalid('q', 'Could not parse as valid JSON');
      }
      for (const [name, text] of Object.entries(obj)) {
        if (!pool.byName.has(name)) return invalid('q', `field "${name}" not in table`);
        preds.push(textQuery([name], text));
      }
    } else preds.push(textQuery(searchable, q));
    result.q = q;
  }

  let keys = [];
  const sort = p.get('sort');
  if (sort && sort.trim()) {
    for (const clause of sort.split(',')) {
      const m = /^\s*(?:"((?:[^"]|"")+)"|([^\s"]+))\s*(asc|desc)?\s*$/i.exec(clause);
      const name = m && (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
      if (!m || !pool.byName.has(name)) return invalid('sort', `field "${clause.trim()}" not in table`);
      if (!orderable(pool.byName.get(name).type)) return invalid('sort', `field "${name}" cannot be sorted`);
      keys.push({ name, desc: (m[3] ?? '').toLowerCase() === 'desc' });
    }
    result.sort = sort;
  }

  const limitText = p.get('limit');
  let limit = 100;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText.trim())) return invalid('limit', 'Must be a natural number');
    limit = Math.min(32000, Number(limitText));
  }
  const offsetText = p.get('offset');
  let offset = 0;
  if (offsetText !== null) {
    if (!/^\d+$/.test(offsetText.trim())) return invalid('offset', 'Must be a natural number');
    offset = Number(offsetText);
  }
  result.limit = limit;
  if (offsetText !== null) result.offset = offset;

  let outFields = pool.fields;
  const fieldsText = p.get('fields');
  if (fieldsText && fieldsText.trim()) {
    let names;
    try {
      names = fieldsText.trim().startsWith('[') ? JSON.parse(fieldsText) : fieldsText.split(',').map((s) => s.trim());
    } catch {
      return invalid('fields', 'Could not parse as valid JSON');
    }
    const unknown = names.find((n) => !pool.byName.has(n));
    if (unknown) return invalid('fields', `field "${unknown}" not in table`);
    outFields = names.map((n) => pool.byName.get(n));
  }
  const distinct = /^(true|1)$/i.test(p.get('distinct') ?? '');
  const includeTotal = !/^(false|0)$/i.test(p.get('include_total') ?? '');
  result.include_total = includeTotal;

  const rows = pool.match((r, i) => preds.every((f) => f(r, i)));
  if (!keys.length) keys = [{ name: '_id', desc: false }].filter((k) => pool.byName.has(k.name));
  const order = pool.order(rows, keys, 'pg');
  const project = (row) => Object.fromEntries(outFields.map((f) => [f.name, row[f.name] ?? null]));
  let records;
  if (distinct) {
    const seen = new Set();
    const all = pool.window(order, 0, pool.total).map((k) => project(pool.row(k)));
    records = all.filter((r) => {
      const key = JSON.stringify(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    records = records.slice(offset, offset + limit);
  } else records = pool.window(order, offset, limit).map((k) => project(pool.row(k)));

  const link = (off) => {
    const u = new URLSearchParams(p);
    u.delete('offset');
    if (off) u.set('offset', String(off));
    return `/api/action/datastore_search?${u.toString()}`;
  };
  result.fields = outFields.map((f) => f.ckan);
  result.records = records;
  result._links = { start: link(0), next: link(offset + limit) };
  if (includeTotal) {
    result.total = pool.count(rows);
    result.total_was_estimated = false;
  }
  return json(200, { help, success: true, result });
}

// --- entry point ----------------------------------------------------------------------------------
/** The fake answer for a record-API URL (a URL object), or undefined when it is not one. */
export async function fakeRecordsRequest(url) {
  if (url.hostname === TABULAR_HOST) return tabular(url);
  if (/\/api(?:\/3)?\/action\/datastore_search\/?$/.test(url.pathname)) return datastore(url);
  if (/\/api\/explore\/v2\.1\/catalog\/datasets\/[^/]+(\/records)?\/?$/.test(url.pathname)) return opendatasoft(url);
  return undefined;
}

/**
 * Opendatasoft Explore API v2.1: `…/catalog/datasets/<id>/records`.
 *
 * Open: GET `…/catalog/datasets/<id>` (fields with their types and labels, `metas.default.records_count`);
 * when the author's URL carries filters (`where`, `refine`, `exclude`), GET `records?limit=0` with
 * them too, in parallel, for the total of that view (also, after, when the dataset object has no
 * records_count). With RemoteOptions.firstPage = n: ONE GET of the first page instead
 * (`records?…&limit=n&offset=0`, the author's order_by), whose `total_count` is the total and whose
 * JSON values give the column types (inferOdsColumns); page() answers that page without a request,
 * and describe() reads the dataset object later for the portal's own types and labels (the request
 * above when the page is empty). The author's refine/exclude/timezone/lang and where are kept on every request;
 * other parameters of the URL (select, limit, offset) are not; its order_by is the order when the
 * query has no sort.
 *
 * page(): ONE GET `records?<author's refine/exclude/timezone/lang>&where=…&order_by=…&limit=…&offset=…`.
 * - `where` = the author's where (in parentheses) AND each filter AND the search, as ODSQL:
 *   fields back-quoted (`nom`); strings double-quoted with `\` before `"` and `\` (so a value such as
 *   `a" OR "1"="1` stays one string); numbers as JavaScript writes them; dates as date'2020-01-31'.
 *   - values: (`f` = "a" OR `f` = "b"); '' is `f` IS NULL; a number column compares numbers, a boolean
 *     column true/false, a date column a day as the range date'd' ≤ f < date'd+1' (an ISO date-time
 *     as f = date'…'); values that are not of the column's type match nothing.
 *   - min/max (inclusive): `f` >= n / `f` <= n; on dates `f` >= date'min' and `f` < date'max+1'.
 *   - search: search("the text") (every word, the portal's own normalisation: accents and case ignored).
 * - order_by: `f` ASC|DESC, … (the author's order_by when the query has no sort).
 * - limit ≤ 100 (a larger limit is cut to 100); offset + limit ≤ 10,000, else a VitrineError
 *   'too-large' with details.limit 10000 (before any request).
 * counts(): ONE GET `records?where=…&group_by=`f` as vitrine_value&select=count(*) as vitrine_count&
 * order_by=vitrine_count desc, vitrine_value asc&limit=<limit, default 100>`. sums(): the same with
 * `select=sum(`v`) as vitrine_sum` (up to 1000 groups, largest sum first).
 */
import { VitrineError } from '../errors.ts';
import { parseBoolean } from '../infer.ts';
import type { ColumnType } from '../model.ts';
import type { ServerApi } from '../portals/index.ts';
import type { RemoteDataset, RemoteOptions, RemotePage, RemoteQuery, ValueCount } from './index.ts';
import {
  apiUrl,
  buildTable,
  dateBound,
  filterValues,
  findColumn,
  firstPageSize,
  getJson,
  getPageJson,
  isObject,
  nextDay,
  requester,
  toNumber,
  unsupported,
  valueText,
  type OpenedPage,
  type Requester,
  type SchemaColumn,
} from './shared.ts';

export const ODS_MAX_LIMIT = 100;
export const ODS_MAX_WINDOW = 10_000;
const GROUP_LIMIT = 20_000;

/** Opendatasoft field types → column types. */
const ODS_TYPES: Record<string, ColumnType> = {
  text: 'string',
  int: 'integer',
  double: 'number',
  date: 'date',
  datetime: 'date',
  boolean: 'boolean',
  geo_point_2d: 'geopoint',
  geo_shape: 'geometry',
  file: 'json',
  json: 'json',
};

/** Query parameters of the author's URL that are kept on every request. */
const KEPT = new Set(['refine', 'exclude', 'timezone', 'lang']);

/** An ODSQL field name. */
export const odsField = (name: string) => `\`${name.replace(/`/g, '')}\``;
/** An ODSQL string literal: double quotes, backslash before `"` and `\`. */
export const odsString = (s: string) => `"${s.replace(/[\\"]/g, '\\$&')}"`;
const odsNumber = (n: number) => String(n);
const odsDate = (iso: string) => `date'${iso.replace(/'/g, '')}'`;
const NOTHING = (f: string) => `(${f} IS NULL AND ${f} IS NOT NULL)`;

export async function openOds(api: ServerApi, opts: RemoteOptions): Promise<RemoteDataset> {
  const req = requester(opts);
  const url = apiUrl(api.url, req.base);
  const records = new URL(url.href);
  records.search = '';
  records.pathname = records.pathname.replace(/\/records\/?$/, '/records');
  if (!records.pathname.endsWith('/records')) {
    throw new VitrineError('config', `${api.url} is not an Opendatasoft records URL`, api.url, { attribute: 'src' });
  }
  const datasetUrl = records.href.replace(/\/records$/, '');
  const kept: [string, string][] = [];
  for (const [k, v] of url.searchParams) if (KEPT.has(k) && v !== '') kept.push([k, v]);
  const authorWhere = url.searchParams
    .getAll('where')
    .map((w) => w.trim())
    .filter(Boolean);
  const authorOrder = url.searchParams.get('order_by')?.trim() || undefined;
  const filtered = authorWhere.length > 0 || kept.some(([k]) => k === 'refine' || k === 'exclude');

  const build = (params: [string, string][], where: string[]): string => {
    const u = new URL(records.href);
    for (const [k, v] of kept) u.searchParams.append(k, v);
    const clauses = [...authorWhere.map((w) => `(${w})`), ...where];
    if (clauses.length) u.searchParams.set('where', clauses.join(' AND '));
    for (const [k, v] of params) u.searchParams.set(k, v);
    return u.href;
  };

  /** The fields of the dataset object, with their labels and types. */
  const describe = async (
    signal: AbortSignal,
  ): Promise<{ columns: SchemaColumn[]; metas: Record<string, unknown> }> => {
    const dataset = await getJson(datasetUrl, req, signal);
    const fields = isObject(dataset) && Array.isArray(dataset.fields) ? dataset.fields.filter(isObject) : [];
    if (!fields.length) {
      throw new VitrineError('parse', `${datasetUrl} did not describe the dataset's fields`, datasetUrl, {
        reason: 'no-fields',
      });
    }
    const described: SchemaColumn[] = fields.map((f) => {
      const name = String(f.name);
      return {
        name,
        label: typeof f.label === 'string' && f.label ? f.label : name,
        type: ODS_TYPES[String(f.type)] ?? 'string',
      };
    });
    const metas: Record<string, unknown> =
      isObject(dataset) && isObject(dataset.metas) && isObject(dataset.metas.default) ? dataset.metas.default : {};
    return { columns: described, metas };
  };

  let columns: SchemaColumn[] = [];
  let total = NaN;
  let opened: OpenedPage | undefined;
  let inferred = false;
  const firstSize = firstPageSize(opts, ODS_MAX_LIMIT);
  if (firstSize !== undefined) {
    // One request: the first page as page() will ask it, whose total_count decides and whose values
    // give the column types until the dataset object is read (describe()).
    const url = build(firstPageParams(firstSize, authorOrder), []);
    const doc = await getJson(url, req, opts.signal);
    const results = isObject(doc) && Array.isArray(doc.results) ? doc.results.filter(isObject) : [];
    total = Number(isObject(doc) ? doc.total_count : NaN);
    if (results.length) {
      columns = inferOdsColumns(results);
      opened = { url, doc };
      inferred = true;
    }
  }
  if (!columns.length) {
    const [described, view] = await Promise.all([
      describe(opts.signal),
      filtered && !Number.isFinite(total) ? getJson(build([['limit', '0']], []), req, opts.signal) : undefined,
    ]);
    columns = described.columns;
    if (!Number.isFinite(total)) {
      total = Number(
        view !== undefined ? (isObject(view) ? view.total_count : undefined) : described.metas.records_count,
      );
    }
    if (!Number.isFinite(total)) {
      // No records_count in the dataset object: ask the records endpoint.
      const counted = await getJson(build([['limit', '0']], []), req, opts.signal);
      total = Number(isObject(counted) ? counted.total_count : NaN);
    }
  }

  const where = (query: RemoteQuery): string[] => odsWhere(columns, query, api.url);
  const orderBy = (query: RemoteQuery): string | undefined => {
    if (!query.sort?.length) return authorOrder;
    return query.sort
      .map((s) => {
        const c = findColumn(columns, s.column, api.url);
        if (c.type === 'geopoint' || c.type === 'geometry' || c.type === 'json')
          throw unsupported('Sorting', c, api.url);
        return `${odsField(c.name)} ${s.descending ? 'DESC' : 'ASC'}`;
      })
      .join(', ');
  };

  return {
    api,
    get columns() {
      return columns;
    },
    total: Number.isFinite(total) ? total : 0,
    capabilities: { search: 'full-text', counts: true, sums: true, maxLimit: ODS_MAX_LIMIT, maxWindow: ODS_MAX_WINDOW },

    describe: inferred
      ? async (signal: AbortSignal): Promise<boolean> => {
          const described = (await describe(signal)).columns;
          inferred = false;
          // Labels are not part of a page: only a name or a type makes the page worth asking again.
          const changed =
            described.length !== columns.length ||
            described.some((c, i) => c.name !== columns[i].name || c.type !== columns[i].type);
          columns = described;
          return changed;
        }
      : undefined,

    async page(query, offset, limit, signal): Promise<RemotePage> {
      const size = Math.max(0, Math.min(ODS_MAX_LIMIT, Math.floor(limit)));
      const start = Math.max(0, Math.floor(offset));
      if (start + size > ODS_MAX_WINDOW) {
        throw new VitrineError(
          'too-large',
          `Opendatasoft gives at most the first ${ODS_MAX_WINDOW} records of a query (asked ${start + size})`,
          api.url,
          { limit: ODS_MAX_WINDOW },
        );
      }
      const requestUrl = build(
        [['limit', String(size)], ['offset', String(start)], ...orderParam(orderBy(query))],
        where(query),
      );
      const doc = await getPageJson(requestUrl, opened, req, signal);
      const results = isObject(doc) && Array.isArray(doc.results) ? doc.results : [];
      return {
        table: buildTable(columns, results),
        total: Number(isObject(doc) ? doc.total_count : 0) || 0,
        offset: start,
        requestUrl,
      };
    },

    async counts(column, query, signal, limit = 100): Promise<ValueCount[] | undefined> {
      const c = findColumn(columns, column, api.url);
      if (c.type === 'geopoint' || c.type === 'geometry' || c.type === 'json') return undefined;
      const url = build(
        [
          ['group_by', `${odsField(c.name)} as vitrine_value`],
          ['select', 'count(*) as vitrine_count'],
          ['order_by', 'vitrine_count DESC, vitrine_value ASC'],
          ['limit', String(Math.max(1, Math.min(GROUP_LIMIT, Math.floor(limit))))],
        ],
        where(query),
      );
      const rows = await groups(url, req, signal);
      return rows?.map((r) => ({ value: valueText(r.vitrine_value), count: Number(r.vitrine_count) || 0 }));
    },

    async sums(groupColumn, valueColumn, query, signal) {
      const g = findColumn(columns, groupColumn, api.url);
      const v = findColumn(columns, valueColumn, api.url);
      if (g.type === 'geopoint' || g.type === 'geometry' || g.type === 'json') return undefined;
      if (v.type !== 'integer' && v.type !== 'number' && v.type !== 'percent') throw unsupported('A sum', v, api.url);
      const url = build(
        [
          ['group_by', `${odsField(g.name)} as vitrine_value`],
          ['select', `sum(${odsField(v.name)}) as vitrine_sum`],
          ['order_by', 'vitrine_sum DESC, vitrine_value ASC'],
          ['limit', '1000'],
        ],
        where(query),
      );
      const rows = await groups(url, req, signal);
      return rows?.map((r) => ({ value: valueText(r.vitrine_value), sum: Number(r.vitrine_sum) || 0 }));
    },
  };
}

const orderParam = (order: string | undefined): [string, string][] => (order ? [['order_by', order]] : []);

/** The parameters of a first page (no query): as page() builds them, so that the URLs are equal. */
function firstPageParams(size: number, order: string | undefined): [string, string][] {
  return [['limit', String(size)], ['offset', '0'], ...orderParam(order)];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Column types read from the JSON values of records (before the dataset object is read): numbers,
 * booleans, {lon, lat} points, GeoJSON shapes, ISO dates; text otherwise. Columns in the order of
 * their first appearance.
 */
export function inferOdsColumns(records: readonly Record<string, unknown>[]): SchemaColumn[] {
  const names = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) names.add(k);
  return [...names].map((name) => {
    const values = records.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== '');
    return { name, label: name, type: inferType(values) };
  });
}

function inferType(values: readonly unknown[]): ColumnType {
  if (!values.length) return 'string';
  if (values.every((v) => typeof v === 'number')) return values.every(Number.isInteger) ? 'integer' : 'number';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => isObject(v) && typeof v.lon === 'number' && typeof v.lat === 'number')) return 'geopoint';
  if (values.every((v) => isObject(v) && typeof v.type === 'string' && ('coordinates' in v || 'geometry' in v)))
    return 'geometry';
  if (values.some((v) => typeof v === 'object')) return 'json';
  if (values.every((v) => typeof v === 'string' && ISO_DATE.test(v))) return 'date';
  return 'string';
}

/** The groups of a group_by answer; undefined when the portal refuses the query (HTTP 400). */
async function groups(
  url: string,
  req: Requester,
  signal: AbortSignal,
): Promise<Record<string, unknown>[] | undefined> {
  try {
    const doc = await getJson(url, req, signal);
    return isObject(doc) && Array.isArray(doc.results) ? doc.results.filter(isObject) : [];
  } catch (err) {
    if (err instanceof VitrineError && err.code === 'http' && err.details.status === 400) return undefined;
    throw err;
  }
}

/** The ODSQL clauses (ANDed) of a query's filters and search. */
export function odsWhere(columns: readonly SchemaColumn[], query: RemoteQuery, url = ''): string[] {
  const clauses: string[] = [];
  for (const f of query.filters ?? []) {
    const c = findColumn(columns, f.column, url);
    const name = odsField(c.name);
    if (f.values !== undefined) {
      const alternatives = filterValues(f).map((v) => valueClause(c, name, v, url));
      const valid = alternatives.filter((a): a is string => a !== undefined);
      clauses.push(valid.length ? `(${valid.join(' OR ')})` : NOTHING(name));
    }
    if (f.min !== undefined && f.min !== '') clauses.push(boundClause(c, name, f.min, 'min', url));
    if (f.max !== undefined && f.max !== '') clauses.push(boundClause(c, name, f.max, 'max', url));
  }
  const search = query.search?.trim();
  if (search) clauses.push(`search(${odsString(search)})`);
  return clauses;
}

/** One value of a values filter as an ODSQL condition; undefined when it cannot match the column. */
function valueClause(c: SchemaColumn, name: string, v: string, url: string): string | undefined {
  if (v === '') return `${name} IS NULL`;
  switch (c.type) {
    case 'integer':
    case 'number':
    case 'percent': {
      const n = toNumber(v);
      return n === undefined ? undefined : `${name} = ${odsNumber(n)}`;
    }
    case 'boolean': {
      const b = parseBoolean(v);
      return b === undefined ? undefined : `${name} = ${b}`;
    }
    case 'date': {
      const d = dateBound(v);
      if (!d) return undefined;
      if ('instant' in d) return `${name} = ${odsDate(d.instant)}`;
      return `(${name} >= ${odsDate(d.day)} AND ${name} < ${odsDate(nextDay(d.day))})`;
    }
    case 'geopoint':
    case 'geometry':
    case 'json':
      throw unsupported('A values filter', c, url);
    default:
      return `${name} = ${odsString(v)}`;
  }
}

function boundClause(c: SchemaColumn, name: string, bound: string | number, side: 'min' | 'max', url: string): string {
  const op = side === 'min' ? '>=' : '<=';
  switch (c.type) {
    case 'integer':
    case 'number':
    case 'percent': {
      const n = toNumber(bound);
      if (n === undefined) throw badBound(c, bound, url);
      return `${name} ${op} ${odsNumber(n)}`;
    }
    case 'date': {
      const d = dateBound(bound);
      if (!d) throw badBound(c, bound, url);
      if ('instant' in d) return `${name} ${op} ${odsDate(d.instant)}`;
      return side === 'min' ? `${name} >= ${odsDate(d.day)}` : `${name} < ${odsDate(nextDay(d.day))}`;
    }
    case 'string':
    case 'code':
      return `${name} ${op} ${odsString(String(bound))}`;
    default:
      throw unsupported('A range filter', c, url);
  }
}

function badBound(c: SchemaColumn, bound: string | number, url: string): VitrineError {
  return new VitrineError('config', `"${bound}" is not a valid bound for column "${c.name}" (${c.type})`, url, {
    column: c.name,
    value: String(bound),
  });
}

/**
 * CKAN DataStore: `<ckan>/api/3/action/datastore_search?resource_id=<rid>` (also /api/action/…).
 *
 * Open: ONE GET `…&limit=0` (result.fields and result.total), with the author's filters and q.
 *
 * page(): ONE GET `…datastore_search?resource_id=…&filters=<JSON>&q=…&sort=…&limit=…&offset=…`.
 * - filters: a JSON object, column → list of values (numbers for number columns, booleans for
 *   boolean columns, null for ''), merged with the author's `filters` (a column in both keeps the
 *   values in both). When nothing can match (no valid value), no request is sent: an empty page.
 * - min/max: datastore_search has no range filter. The column's distinct values (under the author's
 *   filters) are read once (`fields=<col>&distinct=true&limit=32000&sort="<col>" asc`, cached: the
 *   first range filter on a column costs one more request) and the values within the bounds (numbers,
 *   dates as instants with a max day taking the whole day, text by code units) are sent as a values
 *   filter; more than 500 of them, or a column of 32,000 distinct values or more, is a VitrineError
 *   'too-large'.
 * - search: `q=<the author's q> <the words>` (PostgreSQL full-text search of the whole row: every
 *   word, case-insensitive; accents as the portal's text search configuration treats them). When the
 *   author's q is an object (per-column search), full-text search cannot be added: capabilities.search
 *   is 'none' and a search is a 'config' error.
 * - sort: `"col" asc|desc, …, "_id" asc` (the _id ends it so that pages never overlap); without a sort,
 *   the author's sort or none.
 * counts(): GET the distinct values of the column under the query (`fields`, `distinct=true`,
 * limit 51): more than 50 is undefined; else one `limit=0` request per value, in parallel, for its
 * total (null is not counted). sums(): undefined (the DataStore does not aggregate).
 */
import { VitrineError } from '../errors.ts';
import { parseBoolean, parseDate } from '../infer.ts';
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
  searchWords,
  toNumber,
  unsupported,
  valueText,
  type OpenedPage,
  type SchemaColumn,
} from './shared.ts';

export const DATASTORE_MAX_LIMIT = 32_000;
/** Most distinct values counted one request each. */
export const DATASTORE_COUNT_VALUES = 50;
/** Most values a range filter may expand to. */
export const DATASTORE_RANGE_VALUES = 500;
const INTERNAL = new Set(['_id', '_full_text']);

function ckanType(type: string): ColumnType {
  const t = type.toLowerCase();
  if (t.startsWith('_')) return 'json';
  if (/^(int|int2|int4|int8|integer|bigint|smallint|serial)$/.test(t)) return 'integer';
  if (/^(numeric|float|float4|float8|real|double precision|decimal|number)$/.test(t)) return 'number';
  if (t.startsWith('timestamp') || t === 'date') return 'date';
  if (t === 'bool' || t === 'boolean') return 'boolean';
  if (t === 'json' || t === 'jsonb') return 'json';
  return 'string';
}

type Filters = Record<string, unknown[]>;

/** A sort clause's column: double-quoted, `"` doubled. */
const sortField = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function openDatastore(api: ServerApi, opts: RemoteOptions): Promise<RemoteDataset> {
  const req = requester(opts);
  const url = apiUrl(api.url, req.base);
  const resourceId = url.searchParams.get('resource_id') ?? url.searchParams.get('id');
  if (!resourceId) {
    throw new VitrineError('config', `${api.url} names no resource_id`, api.url, { attribute: 'src' });
  }
  const endpoint = `${url.origin}${url.pathname}`;
  const kept: [string, string][] = [];
  for (const k of ['plain', 'language']) {
    const v = url.searchParams.get(k);
    if (v !== null) kept.push([k, v]);
  }
  const authorFilters: Filters = {};
  const rawFilters = url.searchParams.get('filters');
  if (rawFilters) {
    try {
      const parsed: unknown = JSON.parse(rawFilters);
      if (isObject(parsed)) for (const [k, v] of Object.entries(parsed)) authorFilters[k] = Array.isArray(v) ? v : [v];
    } catch {
      throw new VitrineError('config', `The filters of ${api.url} are not JSON`, api.url, { attribute: 'src' });
    }
  }
  let authorQ: string | Record<string, unknown> | undefined = url.searchParams.get('q')?.trim() || undefined;
  if (authorQ?.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(authorQ);
      if (isObject(parsed)) authorQ = parsed;
    } catch {
      // a text that starts with "{": full-text search as written
    }
  }
  const authorSort = url.searchParams.get('sort')?.trim() || undefined;

  const build = (filters: Filters, q: string | Record<string, unknown> | undefined, params: [string, string][]) => {
    const u = new URLSearchParams([['resource_id', resourceId], ...kept]);
    if (Object.keys(filters).length) u.set('filters', JSON.stringify(filters));
    if (q !== undefined) u.set('q', typeof q === 'string' ? q : JSON.stringify(q));
    for (const [k, v] of params) u.set(k, v);
    return `${endpoint}?${u.toString()}`;
  };

  // With firstPage, the opening answer is the first page as page() asks it (fields, total and rows at once).
  const firstSize = firstPageSize(opts, DATASTORE_MAX_LIMIT);
  const firstUrl = build(
    authorFilters,
    authorQ,
    firstSize === undefined
      ? [['limit', '0']]
      : [
          ['limit', String(firstSize)],
          ['offset', '0'],
          ...(authorSort ? [['sort', authorSort] as [string, string]] : []),
        ],
  );
  const first = await getJson(firstUrl, req, opts.signal);
  const opened: OpenedPage | undefined = firstSize === undefined ? undefined : { url: firstUrl, doc: first };
  const result = isObject(first) && isObject(first.result) ? first.result : undefined;
  const fields = Array.isArray(result?.fields) ? result.fields.filter(isObject) : [];
  const all: SchemaColumn[] = fields.map((f) => {
    const name = String(f.id);
    const label = isObject(f.info) && typeof f.info.label === 'string' && f.info.label.trim() ? f.info.label : name;
    return { name, label, type: ckanType(String(f.type ?? 'text')) };
  });
  const columns = all.filter((c) => !INTERNAL.has(c.name));
  if (!columns.length) {
    throw new VitrineError('parse', `${api.url} did not describe the resource's fields`, api.url, {
      reason: 'no-fields',
    });
  }
  const hasId = all.some((c) => c.name === '_id');
  const total = Number(result?.total);
  const objectQ = isObject(authorQ);

  // Distinct values of a column (under the author's filters), for range filters; one request per column.
  const distinctCache = new Map<string, Promise<unknown[]>>();
  const distinct = (c: SchemaColumn, signal: AbortSignal): Promise<unknown[]> => {
    let p = distinctCache.get(c.name);
    if (!p) {
      p = getJson(
        build(authorFilters, authorQ, [
          ['fields', c.name],
          ['distinct', 'true'],
          ['limit', String(DATASTORE_MAX_LIMIT)],
          ['sort', `${sortField(c.name)} asc`],
          ['include_total', 'false'],
        ]),
        req,
        signal,
      ).then((doc) => {
        const records =
          isObject(doc) && isObject(doc.result) && Array.isArray(doc.result.records) ? doc.result.records : [];
        if (records.length >= DATASTORE_MAX_LIMIT) {
          throw new VitrineError('too-large', `Column "${c.name}" has too many values for a range filter`, api.url, {
            column: c.name,
            limit: DATASTORE_MAX_LIMIT,
          });
        }
        return records.filter(isObject).map((r) => r[c.name]);
      });
      distinctCache.set(c.name, p);
      p.catch(() => distinctCache.delete(c.name));
    }
    return p;
  };

  /** The filters and q of a query, merged with the author's; undefined when nothing can match. */
  const prepare = async (
    query: RemoteQuery,
    signal: AbortSignal,
  ): Promise<{ filters: Filters; q: string | Record<string, unknown> | undefined } | undefined> => {
    const filters: Filters = { ...authorFilters };
    for (const f of query.filters ?? []) {
      const c = findColumn(columns, f.column, api.url);
      if (c.type === 'json') throw unsupported('A filter', c, api.url);
      let values: unknown[] | undefined;
      if (f.values !== undefined) values = typedValues(c, filterValues(f));
      const hasMin = f.min !== undefined && f.min !== '';
      const hasMax = f.max !== undefined && f.max !== '';
      if (hasMin || hasMax) {
        const inRange = within(c, hasMin ? f.min : undefined, hasMax ? f.max : undefined, api.url);
        const candidates = (await distinct(c, signal)).filter((v) => v !== null && v !== undefined && inRange(v));
        values = values ? intersect(values, candidates) : candidates;
        if (values.length > DATASTORE_RANGE_VALUES) {
          throw new VitrineError('too-large', `Too many values of "${c.name}" in that range`, api.url, {
            column: c.name,
            limit: DATASTORE_RANGE_VALUES,
          });
        }
      }
      if (values === undefined) continue;
      const merged = filters[c.name] ? intersect(values, filters[c.name]) : values;
      if (!merged.length) return undefined;
      filters[c.name] = merged;
    }
    let q: string | Record<string, unknown> | undefined = authorQ;
    const words = searchWords(query.search);
    if (words.length) {
      if (objectQ) {
        throw new VitrineError('config', `${api.url} already searches per column (q): no full-text search`, api.url, {
          reason: 'no-search',
        });
      }
      q = [authorQ, ...words].filter(Boolean).join(' ');
    }
    return { filters, q };
  };

  const sortParam = (query: RemoteQuery): string | undefined => {
    if (!query.sort?.length) return authorSort;
    const keys = query.sort.map((s) => {
      const c = findColumn(columns, s.column, api.url);
      if (c.type === 'json') throw unsupported('Sorting', c, api.url);
      return `${sortField(c.name)} ${s.descending ? 'desc' : 'asc'}`;
    });
    if (hasId) keys.push(`${sortField('_id')} asc`);
    return keys.join(', ');
  };

  const totalOf = (doc: unknown) => Number(isObject(doc) && isObject(doc.result) ? doc.result.total : 0) || 0;

  return {
    api,
    columns,
    total: Number.isFinite(total) ? total : 0,
    capabilities: {
      search: objectQ ? 'none' : 'full-text',
      counts: true,
      sums: false,
      maxLimit: DATASTORE_MAX_LIMIT,
    },

    async page(query, offset, limit, signal): Promise<RemotePage> {
      const start = Math.max(0, Math.floor(offset));
      const size = Math.max(0, Math.min(DATASTORE_MAX_LIMIT, Math.floor(limit)));
      const prepared = await prepare(query, signal);
      if (!prepared) return { table: buildTable(columns, []), total: 0, offset: start, requestUrl: '' };
      const params: [string, string][] = [
        ['limit', String(size)],
        ['offset', String(start)],
      ];
      const sort = sortParam(query);
      if (sort) params.push(['sort', sort]);
      const requestUrl = build(prepared.filters, prepared.q, params);
      const doc = await getPageJson(requestUrl, opened, req, signal);
      const records =
        isObject(doc) && isObject(doc.result) && Array.isArray(doc.result.records) ? doc.result.records : [];
      return { table: buildTable(columns, records), total: totalOf(doc), offset: start, requestUrl };
    },

    async counts(column, query, signal, limit = 100): Promise<ValueCount[] | undefined> {
      const c = findColumn(columns, column, api.url);
      if (c.type === 'json') return undefined;
      const prepared = await prepare(query, signal);
      if (!prepared) return [];
      const doc = await getJson(
        build(prepared.filters, prepared.q, [
          ['fields', c.name],
          ['distinct', 'true'],
          ['limit', String(DATASTORE_COUNT_VALUES + 1)],
          ['sort', `${sortField(c.name)} asc`],
          ['include_total', 'false'],
        ]),
        req,
        signal,
      );
      const records =
        isObject(doc) && isObject(doc.result) && Array.isArray(doc.result.records) ? doc.result.records : [];
      if (records.length > DATASTORE_COUNT_VALUES) return undefined;
      const values = records
        .filter(isObject)
        .map((r) => r[c.name])
        .filter((v) => v !== null && v !== undefined);
      const counted = await Promise.all(
        values.map(async (v) => {
          const answer = await getJson(
            build({ ...prepared.filters, [c.name]: [v] }, prepared.q, [['limit', '0']]),
            req,
            signal,
          );
          return { value: valueText(v), count: totalOf(answer) };
        }),
      );
      return counted
        .filter((x) => x.count > 0)
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, Math.max(0, limit));
    },

    async sums() {
      return undefined;
    },
  };
}

/** Values of a values filter as the DataStore compares them; those the column cannot hold are dropped. */
function typedValues(c: SchemaColumn, values: string[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (v === '') out.push(null);
    else if (c.type === 'integer' || c.type === 'number' || c.type === 'percent') {
      const n = toNumber(v);
      if (n !== undefined) out.push(n);
    } else if (c.type === 'boolean') {
      const b = parseBoolean(v);
      if (b !== undefined) out.push(b);
    } else out.push(v);
  }
  return out;
}

/** The values of `a` that are also in `b` (compared as text). */
function intersect(a: unknown[], b: unknown[]): unknown[] {
  const keep = new Set(b.map(valueText));
  return a.filter((v) => keep.has(valueText(v)));
}

/** Whether a stored value is within inclusive bounds, compared as the column's type. */
function within(
  c: SchemaColumn,
  min: string | number | undefined,
  max: string | number | undefined,
  url: string,
): (v: unknown) => boolean {
  const bad = (b: string | number) =>
    new VitrineError('config', `"${b}" is not a valid bound for column "${c.name}" (${c.type})`, url, {
      column: c.name,
      value: String(b),
    });
  if (c.type === 'integer' || c.type === 'number' || c.type === 'percent') {
    const lo = min === undefined ? -Infinity : toNumber(min);
    const hi = max === undefined ? Infinity : toNumber(max);
    if (lo === undefined) throw bad(min!);
    if (hi === undefined) throw bad(max!);
    return (v) => {
      const n = typeof v === 'number' ? v : toNumber(String(v));
      return n !== undefined && n >= lo && n <= hi;
    };
  }
  if (c.type === 'date') {
    const at = (b: string | number, side: 'min' | 'max') => {
      const d = dateBound(b);
      if (!d) throw bad(b);
      if ('instant' in d) return Date.parse(d.instant);
      return Date.parse(`${side === 'min' ? d.day : nextDay(d.day)}T00:00:00Z`);
    };
    const lo = min === undefined ? -Infinity : at(min, 'min');
    const hi = max === undefined ? Infinity : at(max, 'max');
    const dayMax =
      max !== undefined &&
      (() => {
        const d = dateBound(max);
        return !!d && 'day' in d;
      })();
    return (v) => {
      const t = typeof v === 'number' ? v : parseDate(String(v));
      return Number.isFinite(t) && t >= lo && (dayMax ? t < hi : t <= hi);
    };
  }
  if (c.type === 'string' || c.type === 'code') {
    const lo = min === undefined ? undefined : String(min);
    const hi = max === undefined ? undefined : String(max);
    return (v) => {
      const s = valueText(v);
      return (lo === undefined || s >= lo) && (hi === undefined || s <= hi);
    };
  }
  throw unsupported('A range filter', c, url);
}

/**
 * The data.gouv.fr tabular API: `https://tabular-api.data.gouv.fr/api/resources/<rid>/data/`.
 *
 * Open: GET `…/profile/` (the csv-detective profile: `header`, each column's `python_type`) and
 * GET `…/data/?<author's filters>&page_size=1` (`meta.total`), in parallel.
 *
 * page(): ONE GET `…/data/?<author's filters>&<filters>&<search>&<sort>&page_size=s&page=p`. The API
 * pages by page number, so the request asks for the smallest page size s (≥ limit, ≤ 50) whose page
 * p holds the whole window [offset, offset + limit), and the table is that window; when no page size
 * can (limit > 25 and a window across two pages of 50), the table holds the rows from offset to the
 * end of its page of 50 (fewer than limit; `offset` is always the one asked). A limit above 50 is
 * cut to 50.
 * - values: one value `col__exact=v`, several `col__in="a","b"` (PostgREST list, `\` before `"` and `\`);
 *   [''] alone is `col__isnull` ('' among other values is dropped: the API has no OR); a number or
 *   boolean column gets the values that are numbers or booleans; on a date-time column one day d is
 *   `col__greater=d&col__strictly_less=d+1`.
 * - min/max (inclusive): `col__greater=min` (≥), `col__less=max` (≤); a max day on a date column is
 *   `col__strictly_less=<the next day>`.
 * - search: no full-text search here. Every word of the search must be contained (ILIKE, case-insensitive,
 *   accents count) in ONE column: `<searchColumns[0]>__contains=<word>` for each word (without
 *   searchColumns: the first text column named like title/titre/nom/name/libelle/label/intitule/
 *   designation, else the first text column). Words in other columns are not found.
 * - sort: only the first key, `col__sort=asc|desc` (the API sorts on one column).
 * counts(): GET `…/data/?<filters>&col__groupby&col__count&page_size=50&page=1…` until a page holds fewer
 * than 50 groups (at most 20 pages), sorted here by count; the empty value is not counted (COUNT(col)
 * of null is 0). sums(): `g__groupby&v__sum` the same way. Both are undefined when the API refuses
 * aggregation for the resource (403: aggregation is allowed on listed resources only) or the column (400).
 */
import { VitrineError } from '../errors.ts';
import { parseBoolean } from '../infer.ts';
import { normalizeName, type ColumnType } from '../model.ts';
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

export const TABULAR_MAX_PAGE = 50;
/** Column names searched by default: the first that looks like a name or a title. */
const NAME_LIKE = /^(title|titre|nom|name|libelle|label|intitule|designation|raison sociale)\b/;
const MAX_GROUP_PAGES = 20;

/** csv-detective python types → column types. */
const PYTHON_TYPES: Record<string, ColumnType> = {
  string: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  date: 'date',
  datetime: 'date',
  json: 'json',
};

type Param = [string, string | undefined];

/** A query string as api-tabular reads it: `key=value` or a bare `key`, each part encoded. */
function queryString(params: readonly Param[]): string {
  return params
    .map(([k, v]) => (v === undefined ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** A PostgREST in-list item: always double-quoted, `\` before `"` and `\`. */
const listItem = (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`;

export async function openTabular(api: ServerApi, opts: RemoteOptions): Promise<RemoteDataset> {
  const req = requester(opts);
  const url = apiUrl(api.url, req.base);
  if (!/\/data\/?$/.test(url.pathname)) {
    throw new VitrineError('config', `${api.url} is not a tabular API data URL`, api.url, { attribute: 'src' });
  }
  const dataBase = `${url.origin}${url.pathname.replace(/\/?$/, '/')}`;
  const profileUrl = dataBase.replace(/\/data\/$/, '/profile/');
  // The author's own parameters (filters), kept on every request; paging and columns are ours.
  const author: Param[] = [];
  let authorSort: Param | undefined;
  for (const part of url.search.slice(1).split('&').filter(Boolean)) {
    const at = part.indexOf('=');
    const key = decodeURIComponent((at < 0 ? part : part.slice(0, at)).replace(/\+/g, ' '));
    const value = at < 0 ? undefined : decodeURIComponent(part.slice(at + 1).replace(/\+/g, ' '));
    if (key === 'page' || key === 'page_size' || key === 'columns') continue;
    if (key.endsWith('__sort')) authorSort ??= [key, value];
    else author.push([key, value]);
  }
  const build = (params: readonly Param[]) => `${dataBase}?${queryString([...author, ...params])}`;

  // With firstPage, the total comes with the first page as page() asks it (page 1, the author's sort).
  const firstSize = firstPageSize(opts, TABULAR_MAX_PAGE);
  const firstUrl = build(
    firstSize === undefined
      ? [['page_size', '1']]
      : [...(authorSort ? [authorSort] : []), ['page_size', String(firstSize)], ['page', '1']],
  );
  const [profileDoc, first] = await Promise.all([
    getJson(profileUrl, req, opts.signal),
    getJson(firstUrl, req, opts.signal),
  ]);
  const opened: OpenedPage | undefined = firstSize === undefined ? undefined : { url: firstUrl, doc: first };
  const profile = isObject(profileDoc) && isObject(profileDoc.profile) ? profileDoc.profile : undefined;
  const header = Array.isArray(profile?.header) ? profile.header.map(String) : [];
  if (!header.length) {
    throw new VitrineError('parse', `${profileUrl} did not describe the columns`, profileUrl, { reason: 'no-fields' });
  }
  const described = isObject(profile?.columns) ? profile.columns : {};
  const columns: SchemaColumn[] = header
    .filter((name) => name !== '__id')
    .map((name) => {
      const d = described[name];
      const python = isObject(d) ? String(d.python_type ?? '') : '';
      return { name, label: name, type: PYTHON_TYPES[python] ?? 'string' };
    });
  const total = Number(isObject(first) && isObject(first.meta) ? first.meta.total : NaN);

  const filters = (query: RemoteQuery): Param[] => tabularFilters(columns, query, api.url);
  const sortParam = (query: RemoteQuery): Param | undefined => {
    const s = query.sort?.[0];
    if (!s) return authorSort;
    const c = findColumn(columns, s.column, api.url);
    if (c.type === 'json') throw unsupported('Sorting', c, api.url);
    return [`${c.name}__sort`, s.descending ? 'desc' : 'asc'];
  };

  /** Groups of an aggregation, page after page. */
  const aggregate = async (params: Param[], signal: AbortSignal) => {
    const out: Record<string, unknown>[] = [];
    for (let page = 1; page <= MAX_GROUP_PAGES; page++) {
      let doc: unknown;
      try {
        doc = await getJson(
          build([...params, ['page_size', String(TABULAR_MAX_PAGE)], ['page', String(page)]]),
          req,
          signal,
        );
      } catch (err) {
        const status = err instanceof VitrineError && err.code === 'http' ? err.details.status : undefined;
        if (status === 400 || status === 403) return undefined;
        throw err;
      }
      const rows = isObject(doc) && Array.isArray(doc.data) ? doc.data.filter(isObject) : [];
      out.push(...rows);
      if (rows.length < TABULAR_MAX_PAGE) break;
    }
    return out;
  };

  return {
    api,
    columns,
    total: Number.isFinite(total) ? total : 0,
    capabilities: { search: 'column', counts: true, sums: true, maxLimit: TABULAR_MAX_PAGE },

    async page(query, offset, limit, signal): Promise<RemotePage> {
      const start = Math.max(0, Math.floor(offset));
      const want = Math.max(1, Math.min(TABULAR_MAX_PAGE, Math.floor(limit) || 1));
      let size = TABULAR_MAX_PAGE;
      for (let s = want; s <= TABULAR_MAX_PAGE; s++) {
        if (Math.floor(start / s) === Math.floor((start + want - 1) / s)) {
          size = s;
          break;
        }
      }
      const page = Math.floor(start / size) + 1;
      const params: Param[] = [...filters(query)];
      const sort = sortParam(query);
      if (sort) params.push(sort);
      params.push(['page_size', String(size)], ['page', String(page)]);
      const requestUrl = build(params);
      const doc = await getPageJson(requestUrl, opened, req, signal);
      const rows = isObject(doc) && Array.isArray(doc.data) ? doc.data : [];
      const from = start - (page - 1) * size;
      return {
        table: buildTable(columns, rows.slice(from, from + (limit > 0 ? want : 0))),
        total: Number(isObject(doc) && isObject(doc.meta) ? doc.meta.total : 0) || 0,
        offset: start,
        requestUrl,
      };
    },

    async counts(column, query, signal, limit = 100): Promise<ValueCount[] | undefined> {
      const c = findColumn(columns, column, api.url);
      if (c.type === 'json') return undefined;
      const rows = await aggregate(
        [...filters(query), [`${c.name}__groupby`, undefined], [`${c.name}__count`, undefined]],
        signal,
      );
      if (!rows) return undefined;
      return rows
        .map((r) => ({ value: valueText(r[c.name]), count: Number(r[`${c.name}__count`]) || 0 }))
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, Math.max(0, limit));
    },

    async sums(groupColumn, valueColumn, query, signal) {
      const g = findColumn(columns, groupColumn, api.url);
      const v = findColumn(columns, valueColumn, api.url);
      if (g.type === 'json') return undefined;
      if (v.type !== 'integer' && v.type !== 'number' && v.type !== 'percent') throw unsupported('A sum', v, api.url);
      const rows = await aggregate(
        [...filters(query), [`${g.name}__groupby`, undefined], [`${v.name}__sum`, undefined]],
        signal,
      );
      if (!rows) return undefined;
      return rows
        .map((r) => ({ value: valueText(r[g.name]), sum: Number(r[`${v.name}__sum`]) || 0 }))
        .sort((a, b) => b.sum - a.sum || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    },
  };
}

/** The tabular API parameters of a query's filters and search (see the file header). */
export function tabularFilters(columns: readonly SchemaColumn[], query: RemoteQuery, url = ''): Param[] {
  const out: Param[] = [];
  for (const f of query.filters ?? []) {
    const c = findColumn(columns, f.column, url);
    if (c.type === 'json' || c.type === 'geopoint' || c.type === 'geometry') {
      if (f.values !== undefined || f.min !== undefined || f.max !== undefined) throw unsupported('A filter', c, url);
      continue;
    }
    if (f.values !== undefined) out.push(...valuesParams(c, filterValues(f)));
    if (f.min !== undefined && f.min !== '') out.push([`${c.name}__greater`, bound(c, f.min, 'min', url)]);
    if (f.max !== undefined && f.max !== '') {
      const d = c.type === 'date' ? dateBound(f.max) : undefined;
      if (d && 'day' in d) out.push([`${c.name}__strictly_less`, nextDay(d.day)]);
      else out.push([`${c.name}__less`, bound(c, f.max, 'max', url)]);
    }
  }
  const words = searchWords(query.search);
  if (words.length) {
    const wanted = query.searchColumns?.length ? findColumn(columns, query.searchColumns[0], url) : undefined;
    const text = columns.filter((c) => c.type === 'string' || c.type === 'code');
    const column = wanted ?? text.find((c) => NAME_LIKE.test(normalizeName(c.name))) ?? text[0];
    if (!column) throw new VitrineError('config', 'No column to search in', url, { attribute: 'search-columns' });
    for (const w of words) out.push([`${column.name}__contains`, w]);
  }
  return out;
}

function valuesParams(c: SchemaColumn, values: string[]): Param[] {
  if (values.length === 1 && values[0] === '') return [[`${c.name}__isnull`, undefined]];
  let typed: string[] = values.filter((v) => v !== '');
  if (c.type === 'integer' || c.type === 'number' || c.type === 'percent') {
    typed = typed
      .map(toNumber)
      .filter((n): n is number => n !== undefined)
      .map(String);
  } else if (c.type === 'boolean') {
    typed = typed
      .map((v) => parseBoolean(v))
      .filter((b): b is boolean => b !== undefined)
      .map(String);
  } else if (c.type === 'date' && typed.length === 1) {
    const d = dateBound(typed[0]);
    if (d && 'day' in d)
      return [
        [`${c.name}__greater`, d.day],
        [`${c.name}__strictly_less`, nextDay(d.day)],
      ];
  }
  typed = [...new Set(typed)];
  // Nothing the column can hold: a condition no row meets.
  if (!typed.length)
    return [
      [`${c.name}__isnull`, undefined],
      [`${c.name}__isnotnull`, undefined],
    ];
  if (typed.length === 1) return [[`${c.name}__exact`, typed[0]]];
  return [[`${c.name}__in`, typed.map(listItem).join(',')]];
}

function bound(c: SchemaColumn, b: string | number, side: 'min' | 'max', url: string): string {
  if (c.type === 'integer' || c.type === 'number' || c.type === 'percent') {
    const n = toNumber(b);
    if (n !== undefined) return String(n);
  } else if (c.type === 'date') {
    const d = dateBound(b);
    if (d) return 'day' in d ? d.day : d.instant;
  } else if (c.type === 'string' || c.type === 'code') return String(b);
  throw new VitrineError('config', `"${b}" is not a valid ${side} for column "${c.name}" (${c.type})`, url, {
    column: c.name,
    value: String(b),
  });
}

/**
 * What the three server-side adapters share: the request (through `fetchJson`, so the author's proxy
 * and the error codes apply), column lookup, typed tables built from the API's own schema, and the
 * formatting of filter bounds. No DOM, no Lit.
 */
import { VitrineError } from '../errors.ts';
import { asGeometry, parseBoolean, parseDate, parseGeoPoint, parseNumberFr } from '../infer.ts';
import { fetchJson } from '../load.ts';
import { normalizeName, packText, Table, type ColumnData, type ColumnType } from '../model.ts';
import type { RemoteFilter, RemoteOptions } from './index.ts';

/** A column as the API's schema describes it. */
export interface SchemaColumn {
  name: string;
  label: string;
  type: ColumnType;
}

/** What an adapter needs to send a request. */
export interface Requester {
  proxy?: string;
  base?: string;
}

/** GETs a JSON answer of the API (absolute URL), through the author's proxy. */
export function getJson(url: string, req: Requester, signal: AbortSignal): Promise<unknown> {
  return fetchJson(url, { signal, proxy: req.proxy, base: req.base });
}

/**
 * The answer to the first page, fetched while opening (RemoteOptions.firstPage): page() asking the
 * same URL gets it without a request.
 */
export interface OpenedPage {
  url: string;
  doc: unknown;
}

/** The opened answer when `url` is the one fetched while opening, else one GET. */
export function getPageJson(
  url: string,
  opened: OpenedPage | undefined,
  req: Requester,
  signal: AbortSignal,
): Promise<unknown> {
  return opened?.url === url ? Promise.resolve(opened.doc) : getJson(url, req, signal);
}

/** The rows of the first page to fetch while opening, within what one request of the API gives. */
export function firstPageSize(opts: RemoteOptions, max: number): number | undefined {
  const n = Math.floor(opts.firstPage ?? 0);
  return n > 0 ? Math.min(n, max) : undefined;
}

export function requester(opts: RemoteOptions): Requester {
  return { proxy: opts.proxy, base: opts.base ?? (typeof document !== 'undefined' ? document.baseURI : undefined) };
}

/** The API URL as an absolute URL object. */
export function apiUrl(url: string, base?: string): URL {
  try {
    return new URL(url, base);
  } catch {
    throw new VitrineError('config', `"${url}" is not a valid URL`, url, { attribute: 'src' });
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A schema column by name: exact, else ignoring case, accents and separators (name or label). */
export function findColumn(columns: readonly SchemaColumn[], name: string, url = ''): SchemaColumn {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const key = normalizeName(name);
  const loose =
    columns.find((c) => normalizeName(c.name) === key) ?? columns.find((c) => normalizeName(c.label) === key);
  if (loose) return loose;
  throw new VitrineError('config', `No column "${name}"`, url, {
    column: name,
    available: columns.map((c) => c.name),
  });
}

/** Words of a search text (white space separated, empty ones dropped). */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').split(/\s+/).filter(Boolean);
}

/** The text of a value as an API returned it (for counts): '' for null. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/** A filter value or bound as a number (French or international writing); undefined when it is none. */
export function toNumber(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const n = parseNumberFr(v);
  return Number.isFinite(n) ? n : undefined;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date filter value or bound: a plain day ("2020-01-31", "31/01/2020", or epoch ms at UTC
 * midnight) or an instant (an ISO date-time, or other epoch ms). Undefined when it is not a date.
 */
export function dateBound(v: string | number): { day: string } | { instant: string } | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    const iso = new Date(v).toISOString();
    return v % DAY_MS === 0 ? { day: iso.slice(0, 10) } : { instant: iso };
  }
  const s = v.trim();
  if (ISO_DAY.test(s)) return Number.isNaN(parseDate(s)) ? undefined : { day: s };
  const ms = parseDate(s);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  // A day without a time of day ("31/01/2020", "2020-01"): the day.
  return ms % DAY_MS === 0 && !/\d:\d/.test(s) ? { day: iso.slice(0, 10) } : { instant: iso };
}

/** The day after an ISO day ("2020-12-31" → "2021-01-01"). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The values of a filter without duplicates, in the order given. */
export function filterValues(f: RemoteFilter): string[] {
  return [...new Set(f.values ?? [])];
}

// --- typed tables ---------------------------------------------------------------------------------

/** Builds a page's table: the schema's columns, in its order, with its types, whatever the rows hold. */
export function buildTable(columns: readonly SchemaColumn[], records: readonly unknown[]): Table {
  const rows = records.map((r) => (isObject(r) ? r : {}));
  return new Table({
    rowCount: rows.length,
    columns: columns.map((c) =>
      typedColumn(
        c.name,
        c.type,
        rows.map((r) => r[c.name]),
      ),
    ),
  });
}

/** Decimals written by String(number): "1.25" → 2, "1.5e-7" → 8. */
function decimalsOf(n: number): number {
  const t = String(n);
  const e = t.indexOf('e');
  const mantissa = e < 0 ? t : t.slice(0, e);
  const dot = mantissa.indexOf('.');
  const d = (dot < 0 ? 0 : mantissa.length - dot - 1) - (e < 0 ? 0 : Number(t.slice(e + 1)));
  return Math.max(0, Math.min(20, d));
}

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A point from {lat, lon}, {lon, lat}, [lat, lon] (Opendatasoft geo_point_2d) or "lat,lon". */
function pointOf(v: unknown): { lat: number; lon: number } | undefined {
  if (Array.isArray(v) && v.length === 2) {
    const [lat, lon] = v.map(Number);
    return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : undefined;
  }
  if (isObject(v)) {
    const lat = Number(v.lat ?? v.latitude);
    const lon = Number(v.lon ?? v.lng ?? v.longitude);
    return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : undefined;
  }
  return typeof v === 'string' ? parseGeoPoint(v) : undefined;
}

/** One column of a page, typed as the schema says (never inferred: an empty page keeps its types). */
export function typedColumn(name: string, type: ColumnType, cells: readonly unknown[]): ColumnData {
  const n = cells.length;
  const texts = new Array<string>(n);
  let empty = 0;
  let invalid = 0;
  const numeric = type === 'integer' || type === 'number' || type === 'percent';
  if (numeric || type === 'date' || type === 'boolean') {
    const values = new Float64Array(n);
    let decimals = 0;
    let time = false;
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      values[i] = NaN;
      if (isEmpty(v)) {
        texts[i] = '';
        empty++;
        continue;
      }
      texts[i] = valueText(v);
      let x = NaN;
      if (numeric) {
        x = typeof v === 'number' ? v : typeof v === 'string' ? parseNumberFr(v) : NaN;
        if (Number.isFinite(x) && !Number.isInteger(x)) decimals = Math.max(decimals, decimalsOf(x));
      } else if (type === 'date') {
        x = typeof v === 'number' ? v : typeof v === 'string' ? parseDate(v) : NaN;
        if (Number.isFinite(x) && x % DAY_MS !== 0) time = true;
      } else {
        const b =
          typeof v === 'boolean'
            ? v
            : typeof v === 'number'
              ? v === 1
                ? true
                : v === 0
                  ? false
                  : undefined
              : parseBoolean(texts[i]);
        x = b === undefined ? NaN : b ? 1 : 0;
      }
      if (Number.isFinite(x)) values[i] = x === 0 ? 0 : x;
      else invalid++;
    }
    const meta: ColumnData['meta'] = { empty, invalid };
    if (numeric) meta.decimals = decimals;
    if (type === 'date') meta.time = time;
    return { name, type, ...packText(texts), values, meta };
  }
  if (type === 'geopoint') {
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      lat[i] = lon[i] = NaN;
      texts[i] = '';
      if (isEmpty(v)) {
        empty++;
        continue;
      }
      const p = pointOf(v);
      if (p) {
        lat[i] = p.lat;
        lon[i] = p.lon;
        texts[i] = `${p.lat},${p.lon}`;
      } else {
        texts[i] = valueText(v);
        invalid++;
      }
    }
    return { name, type, ...packText(texts), values: lat, values2: lon, meta: { empty, invalid } };
  }
  if (type === 'geometry' || type === 'json') {
    const objects = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      texts[i] = '';
      if (isEmpty(v)) {
        empty++;
        continue;
      }
      if (type === 'geometry') {
        const g = asGeometry(v);
        if (g) objects[i] = g;
        else {
          texts[i] = valueText(v);
          invalid++;
        }
      } else if (typeof v === 'object') {
        objects[i] = v;
        texts[i] = valueText(v);
      } else texts[i] = valueText(v);
    }
    return { name, type, ...packText(texts), objects, meta: { empty, invalid } };
  }
  for (let i = 0; i < n; i++) {
    const v = cells[i];
    if (isEmpty(v)) {
      texts[i] = '';
      empty++;
    } else texts[i] = valueText(v);
  }
  return { name, type, ...packText(texts), meta: { empty, invalid: 0 } };
}

/** An error for a filter the API cannot express on a column of that type. */
export function unsupported(what: string, column: SchemaColumn, url: string): VitrineError {
  return new VitrineError('config', `${what} is not possible on column "${column.name}" (${column.type})`, url, {
    column: column.name,
    reason: 'unsupported-filter',
  });
}

/**
 * Small helpers shared by the portal adapters: format detection and resource ranking.
 * No DOM, no fetch.
 */
import type { ResolvedSource } from './index.ts';

export type DataFormat = NonNullable<ResolvedSource['format']>;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The extension of the last path segment, lower case, without the dot ('' when none). */
export function extensionOf(url: URL | string): string {
  let path: string;
  try {
    path = typeof url === 'string' ? new URL(url, 'http://x.invalid/').pathname : url.pathname;
  } catch {
    return '';
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? decodeURIComponent(last.slice(dot + 1)).toLowerCase() : '';
}

/** Format Vitrine can parse, known from a file extension; undefined when unknown or unsupported. */
export function formatFromExtension(ext: string): DataFormat | undefined {
  switch (ext) {
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'json':
      return 'json';
    case 'geojson':
      return 'geojson';
    default:
      return undefined;
  }
}

export function formatFromUrl(url: URL | string): DataFormat | undefined {
  return formatFromExtension(extensionOf(url));
}

/**
 * What a portal says about a resource's format ('CSV', 'text/csv', 'GeoJSON', 'application/json',
 * 'xlsx'…), reduced to one lower-case token: csv, tsv, geojson, json, or the original token.
 */
export function normalizeFormat(format: unknown, mime?: unknown, url?: string): string {
  const tokens = [str(format), str(mime)].map((t) => t.trim().toLowerCase()).filter(Boolean);
  for (const t of tokens) {
    const short = t.replace(/^\./, '');
    if (short === 'csv' || short === 'text/csv' || short === 'application/csv') return 'csv';
    if (short === 'tsv' || short === 'text/tab-separated-values') return 'tsv';
    if (short === 'geojson' || short === 'application/geo+json' || short === 'application/vnd.geo+json')
      return 'geojson';
    if (short === 'json' || short === 'application/json') return 'json';
  }
  const ext = url ? extensionOf(url) : '';
  if (ext === 'csv' || ext === 'tsv' || ext === 'geojson' || ext === 'json') return ext;
  return tokens[0]?.replace(/^\./, '') ?? ext;
}

/** Rank of a normalized format among those Vitrine parses itself: lower is better, undefined = cannot parse. */
export function parseableRank(format: string): number | undefined {
  switch (format) {
    case 'csv':
      return 0;
    case 'geojson':
      return 1;
    case 'json':
      return 2;
    case 'tsv':
      return 3;
    default:
      return undefined;
  }
}

export function toDataFormat(format: string): DataFormat | undefined {
  if (format === 'csv' || format === 'tsv') return 'csv';
  if (format === 'json') return 'json';
  if (format === 'geojson') return 'geojson';
  return undefined;
}

/** Milliseconds since epoch of an ISO-like date, or -Infinity. */
export function timeOf(v: unknown): number {
  if (typeof v !== 'string' || !v) return -Infinity;
  const t = Date.parse(v);
  return Number.isNaN(t) ? -Infinity : t;
}

/** Sorts candidates by rank (ascending), then date (most recent first), then original order. */
export function pickBest<T>(candidates: { item: T; rank: number; date: number }[]): T | undefined {
  let best: { item: T; rank: number; date: number } | undefined;
  for (const c of candidates) {
    if (!best || c.rank < best.rank || (c.rank === best.rank && c.date > best.date)) best = c;
  }
  return best?.item;
}

/** Throws the abort reason when the signal was aborted while an adapter awaited. */
export function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) signal.throwIfAborted();
}

/** Parses a URL; undefined when it is not absolute (and no base) or invalid. */
export function parseUrl(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * From a URL an author wrote to the shared table model.
 *
 *   resolve (portal adapters) → fetch (progress, proxy, CORS diagnosis and fallbacks) → parse (worker) → Table
 *
 * One load per (URL, hints) per page: elements asking for the same data share the request and the
 * parsed table. Each caller has its own AbortSignal; the shared work is cancelled only when every
 * caller has given up. No DOM, no Lit.
 */
import { VitrineError, isAbort } from './errors.ts';
import { Table } from './model.ts';
import { openParseStream, parseInPlace, workersAvailable, WORKER_THRESHOLD, type ParseStream } from './parse-client.ts';
import type { ParseHints, ParseResult } from './parse.ts';
import type { FoundRecords } from './json.ts';
import type { ResolvedSource } from './portals/index.ts';
import { resolveSource } from './portals/resolve.ts';
import { proxied } from './portals/proxy.ts';
import { concatBytes } from './bytes.ts';

export interface LoadHints {
  format?: string;
  delimiter?: string;
  encoding?: string;
  records?: string;
  /** URL template of the author's own proxy ("https://proxy.example/?url={url}"). */
  proxy?: string;
  /** Refuse files larger than this many bytes (default 256 MB). */
  maxBytes?: number;
}

export type LoadPhase = 'resolve' | 'fetch' | 'parse';

export interface LoadProgress {
  phase: LoadPhase;
  /** 0..1 when known. */
  fraction?: number;
  loaded?: number;
  total?: number;
}

export interface LoadOptions extends LoadHints {
  signal?: AbortSignal;
  onProgress?: (p: LoadProgress) => void;
  /** Base URL for relative `src` (defaults to the document's). */
  base?: string;
}

export interface LoadResult {
  table: Table;
  /** The absolute URL the author gave. */
  url: string;
  /** The URL the data was read from in the end. */
  dataUrl: string;
  portal: ResolvedSource['portal'];
  format: ParseResult['format'];
  encoding: string;
  /** How the data was reached when the direct URL failed (e.g. 'tabular'). */
  via?: string;
  /** Total announced by a paged API, if more records exist than were read. */
  total?: number;
  /** Milliseconds spent by the shared load. */
  elapsed: number;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** Pages followed at most on a paged JSON API used as a fallback (e.g. the tabular API: 50 rows a page). */
export const MAX_PAGES = 200;

interface Job {
  key: string;
  promise: Promise<LoadResult>;
  controller: AbortController;
  waiting: number;
  listeners: Set<(p: LoadProgress) => void>;
  done: boolean;
}

const jobs = new Map<string, Job>();
const MAX_CACHED = 24;

/** Forgets every shared result (tests; or a page that wants fresh data). */
export function clearLoadCache(): void {
  for (const job of jobs.values()) if (!job.done) job.controller.abort();
  jobs.clear();
}

/** Loads a table, sharing the work with every other caller of the same URL and hints. */
export function loadTable(src: string, opts: LoadOptions = {}): Promise<LoadResult> {
  let url: string;
  try {
    url = absolute(src, opts.base);
  } catch (err) {
    return Promise.reject(err);
  }
  const key = JSON.stringify([
    url,
    opts.format,
    opts.delimiter,
    opts.encoding,
    opts.records,
    opts.proxy,
    opts.maxBytes,
  ]);
  let job = jobs.get(key);
  if (!job) {
    const controller = new AbortController();
    const listeners = new Set<(p: LoadProgress) => void>();
    const created: Job = {
      key,
      controller,
      listeners,
      waiting: 0,
      done: false,
      promise: run(url, opts, controller.signal, (p) => listeners.forEach((l) => l(p))),
    };
    created.promise.then(
      () => {
        created.done = true;
      },
      () => {
        // Never keep a failure: the next element (or a retry) tries again.
        created.done = true;
        if (jobs.get(key) === created) jobs.delete(key);
      },
    );
    jobs.set(key, created);
    job = created;
    trimCache();
  } else {
    // Most recently used last.
    jobs.delete(key);
    jobs.set(key, job);
  }
  return subscribe(job, opts.signal, opts.onProgress);
}

function subscribe(job: Job, signal?: AbortSignal, onProgress?: (p: LoadProgress) => void): Promise<LoadResult> {
  if (job.done) return job.promise;
  if (signal?.aborted) return Promise.reject(new VitrineError('abort', 'aborted'));
  job.waiting++;
  if (onProgress) job.listeners.add(onProgress);
  return new Promise((resolve, reject) => {
    const leave = () => {
      job.waiting--;
      if (onProgress) job.listeners.delete(onProgress);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      leave();
      if (job.waiting === 0 && !job.done) {
        // Nobody wants it any more: cancel it, and let the next caller start afresh.
        job.controller.abort();
        if (jobs.get(job.key) === job) jobs.delete(job.key);
      }
      reject(new VitrineError('abort', 'aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    job.promise.then(
      (r) => {
        if (signal?.aborted) return;
        leave();
        resolve(r);
      },
      (e) => {
        if (signal?.aborted) return;
        leave();
        reject(e);
      },
    );
  });
}

function trimCache(): void {
  for (const [key, job] of jobs) {
    if (jobs.size <= MAX_CACHED) break;
    if (job.done) jobs.delete(key);
  }
}

function absolute(src: string, base?: string): string {
  const b = base ?? (typeof document !== 'undefined' ? document.baseURI : undefined);
  try {
    return new URL(src.trim(), b).href;
  } catch {
    throw new VitrineError('config', `"${src}" is not a valid URL`, src, { attribute: 'src' });
  }
}

async function run(
  url: string,
  opts: LoadOptions,
  signal: AbortSignal,
  progress: (p: LoadProgress) => void,
): Promise<LoadResult> {
  const started = now();
  const via = (u: string) => (opts.proxy ? proxied(u, opts.proxy, opts.base) : u);
  progress({ phase: 'resolve' });
  const resolved = await resolveSource(url, {
    signal,
    base: opts.base ?? (typeof document !== 'undefined' ? document.baseURI : undefined),
    fetchJson: async (u) => {
      const { bytes } = await fetchBytes(via(u), u, signal, opts.maxBytes);
      return parseJsonBytes(bytes, u);
    },
  });
  const hints: ParseHints = {
    format: opts.format ?? resolved.format,
    delimiter: opts.delimiter,
    encoding: opts.encoding,
    records: opts.records ?? resolved.records,
    url: resolved.dataUrl,
  };
  try {
    if (resolved.paged) {
      // An author's `records` path is followed as written; the portal's own is a hint after detection.
      const path = opts.records ? { path: opts.records, exact: true } : { path: resolved.records, exact: false };
      const parsed = await fetchPagedJson(via, resolved.dataUrl, path, signal, opts.maxBytes, progress);
      return finish(parsed, url, resolved, resolved.dataUrl, started);
    }
    const parsed = await loadFile(via(resolved.dataUrl), resolved.dataUrl, hints, signal, opts.maxBytes, progress);
    return finish(parsed, url, resolved, resolved.dataUrl, started);
  } catch (err) {
    if (!(err instanceof VitrineError) || err.code !== 'cors' || opts.proxy || !resolved.corsFallbacks?.length)
      throw err;
    // The file's server sends no CORS header: try what the portal offers instead (e.g. the tabular API).
    for (const fallback of resolved.corsFallbacks) {
      try {
        const parsed =
          fallback.records !== undefined
            ? await fetchPagedJson(
                (u) => u,
                fallback.url,
                { path: fallback.records, exact: false },
                signal,
                opts.maxBytes,
                progress,
              )
            : await loadFile(
                fallback.url,
                fallback.url,
                { ...hints, format: fallback.format ?? hints.format },
                signal,
                opts.maxBytes,
                progress,
              );
        return finish(parsed, url, resolved, fallback.url, started, fallback.via);
      } catch (fallbackError) {
        if (isAbort(fallbackError)) throw fallbackError;
      }
    }
    const triedTabular = resolved.corsFallbacks.some((f) => f.via === 'tabular');
    throw new VitrineError('cors', err.message, resolved.dataUrl, { triedTabular });
  }
}

/**
 * Fetches a file and parses it. A large download (by its Content-Length, or once 256 KB have
 * arrived) is handed to the parse worker chunk by chunk as it arrives, so parsing overlaps the
 * download; a small one is parsed in place once complete.
 */
async function loadFile(
  requestUrl: string,
  displayUrl: string,
  hints: ParseHints,
  signal: AbortSignal,
  maxBytes: number | undefined,
  progress: (p: LoadProgress) => void,
): Promise<ParseResult> {
  const response = await fetchResponse(requestUrl, displayUrl, signal, maxBytes);
  const parseHints: ParseHints = { ...hints, contentType: response.headers.get('content-type') ?? '' };
  // Cancels the parse when the download fails half-way, as well as when the caller gives up.
  const local = new AbortController();
  const cancel = () => local.abort();
  signal.addEventListener('abort', cancel, { once: true });
  const parseOptions = {
    signal: local.signal,
    onProgress: (fraction: number) => progress({ phase: 'parse', fraction }),
  };
  let stream: ParseStream | undefined;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  const startStream = () => {
    stream = openParseStream(parseHints, parseOptions);
    for (const chunk of head) stream.push(chunk);
    head.length = 0;
  };
  const total = contentLength(response);
  if (total !== undefined && total >= WORKER_THRESHOLD && workersAvailable()) startStream();
  try {
    await readBody(response, displayUrl, signal, maxBytes ?? DEFAULT_MAX_BYTES, (chunk, loaded) => {
      if (stream) stream.push(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.byteLength;
        if (headBytes >= WORKER_THRESHOLD && workersAvailable()) startStream();
      }
      const known = total !== undefined && loaded <= total ? total : undefined;
      progress({ phase: 'fetch', loaded, total: known, fraction: known ? loaded / known : undefined });
    });
    if (stream) return await stream.end();
    return await parseInPlace(concatBytes(head, headBytes), parseHints, parseOptions);
  } catch (err) {
    local.abort();
    throw err;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function finish(
  parsed: ParseResult,
  url: string,
  resolved: ResolvedSource,
  dataUrl: string,
  started: number,
  via?: string,
): LoadResult {
  return {
    table: new Table(parsed.table),
    url,
    dataUrl,
    portal: resolved.portal,
    format: parsed.format,
    encoding: parsed.encoding,
    via,
    total: parsed.total,
    elapsed: now() - started,
  };
}

/** Reads a paged JSON API (following its next-page links) and builds one table of all its records. */
async function fetchPagedJson(
  via: (url: string) => string,
  first: string,
  where: { path?: string; exact: boolean },
  signal: AbortSignal,
  maxBytes: number | undefined,
  progress: (p: LoadProgress) => void,
): Promise<ParseResult> {
  const [json, { recordsToTable, useJsonReader }, { nextPageUrl }] = await Promise.all([
    import('./json.ts'),
    import('./parse.ts'),
    import('./portals/paging.ts'),
  ]);
  useJsonReader(json);
  const { findRecords } = json;
  const records: Record<string, unknown>[] = [];
  let total: number | undefined;
  let kind: string | undefined;
  let flat: boolean | undefined;
  let next: string | undefined = first;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const { bytes } = await fetchBytes(via(next), next, signal, maxBytes);
    const doc = parseJsonBytes(bytes, next);
    // Detection knows each portal's answer (and drops its internal columns, such as the tabular
    // API's __id); a path is followed as written when the author gave it, or when detection fails.
    let found: FoundRecords;
    if (where.exact || !where.path) found = findRecords(doc, where.path);
    else {
      try {
        found = findRecords(doc);
      } catch {
        found = findRecords(doc, where.path);
      }
    }
    total = found.total ?? total;
    kind ??= found.kind;
    flat ??= found.flat;
    for (const r of found.records) records.push(r);
    progress({ phase: 'fetch', loaded: records.length, total, fraction: total ? records.length / total : undefined });
    next = found.records.length ? nextPageUrl(doc, next) : undefined;
  }
  const result = recordsToTable({ records, kind: kind ?? 'array', flat }, first);
  return {
    ...result,
    encoding: 'utf-8',
    total: total && total > records.length ? total : undefined,
  };
}

function parseJsonBytes(bytes: Uint8Array, url: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    const html = /^\s*</.test(text);
    throw new VitrineError(
      'parse',
      `${url} did not return JSON`,
      url,
      html ? { received: 'html' } : { reason: 'invalid-json' },
    );
  }
}

/**
 * Fetches a URL and checks the answer. Maps failures to stable codes: `http` (status), `cors`
 * (the server is reachable but sends no CORS header), `network` (not reachable), `too-large`
 * (by Content-Length), `abort`.
 */
export async function fetchResponse(
  requestUrl: string,
  displayUrl: string,
  signal: AbortSignal,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(requestUrl, { signal, credentials: 'omit', redirect: 'follow' });
  } catch (err) {
    if (signal.aborted) throw new VitrineError('abort', 'aborted', displayUrl);
    throw await diagnoseFetchFailure(requestUrl, displayUrl, signal, err);
  }
  if (!response.ok) {
    void response.body?.cancel();
    throw new VitrineError('http', `HTTP ${response.status} for ${displayUrl}`, displayUrl, {
      status: response.status,
    });
  }
  const total = contentLength(response);
  if (total !== undefined && total > maxBytes) {
    void response.body?.cancel();
    throw new VitrineError('too-large', `${displayUrl} is ${total} bytes`, displayUrl, { limit: maxBytes });
  }
  return response;
}

function contentLength(response: Response): number | undefined {
  const length = Number(response.headers.get('content-length') ?? NaN);
  return Number.isFinite(length) && length > 0 ? length : undefined;
}

/** Reads a body chunk by chunk, with the running byte count; stops past `maxBytes`. */
async function readBody(
  response: Response,
  displayUrl: string,
  signal: AbortSignal,
  maxBytes: number,
  onChunk: (chunk: Uint8Array, loaded: number) => void,
): Promise<number> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onChunk(bytes, bytes.byteLength);
    return bytes.byteLength;
  }
  const reader = response.body.getReader();
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return loaded;
      loaded += value.byteLength;
      if (loaded > maxBytes) {
        void reader.cancel();
        throw new VitrineError('too-large', `${displayUrl} is over ${maxBytes} bytes`, displayUrl, { limit: maxBytes });
      }
      onChunk(value, loaded);
    }
  } catch (err) {
    if (err instanceof VitrineError) throw err;
    if (signal.aborted) throw new VitrineError('abort', 'aborted', displayUrl);
    throw new VitrineError('network', `reading ${displayUrl} failed: ${String(err)}`, displayUrl);
  }
}

/**
 * Fetches a JSON document (a portal API answer), through the author's proxy when there is one.
 * Errors are VitrineErrors with the stable codes of `fetchResponse`, or `parse` for an answer that
 * is not JSON (an HTML page says so in its details).
 */
export async function fetchJson(
  url: string,
  opts: { signal: AbortSignal; proxy?: string; base?: string; maxBytes?: number },
): Promise<unknown> {
  const base = opts.base ?? (typeof document !== 'undefined' ? document.baseURI : undefined);
  const target = absolute(url, base);
  const request = opts.proxy ? proxied(target, opts.proxy, base) : target;
  const { bytes } = await fetchBytes(request, target, opts.signal, opts.maxBytes);
  return parseJsonBytes(bytes, target);
}

/** Fetches a whole body (small JSON answers of portal APIs). */
export async function fetchBytes(
  requestUrl: string,
  displayUrl: string,
  signal: AbortSignal,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const response = await fetchResponse(requestUrl, displayUrl, signal, maxBytes);
  const chunks: Uint8Array[] = [];
  const length = await readBody(response, displayUrl, signal, maxBytes, (chunk) => chunks.push(chunk));
  return { bytes: concatBytes(chunks, length), contentType: response.headers.get('content-type') ?? '' };
}

/**
 * A fetch that fails with a TypeError is either a network failure or a CORS refusal; the browser
 * does not say which. A cross-origin request in `no-cors` mode succeeds (opaquely) when the
 * server answers: then the failure was CORS.
 */
async function diagnoseFetchFailure(
  requestUrl: string,
  displayUrl: string,
  signal: AbortSignal,
  err: unknown,
): Promise<VitrineError> {
  const crossOrigin = typeof location !== 'undefined' && new URL(requestUrl, location.href).origin !== location.origin;
  if (crossOrigin) {
    try {
      await fetch(requestUrl, { mode: 'no-cors', signal, credentials: 'omit' });
      return new VitrineError('cors', `${displayUrl} sends no CORS header`, displayUrl);
    } catch {
      if (signal.aborted) return new VitrineError('abort', 'aborted', displayUrl);
    }
  }
  return new VitrineError(
    'network',
    `${displayUrl} could not be reached: ${String((err as Error)?.message ?? err)}`,
    displayUrl,
  );
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

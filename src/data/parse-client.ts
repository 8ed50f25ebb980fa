/**
 * Runs the parser off the main thread in a module worker of our own (a file, not a blob: URL, so
 * a strict Content-Security-Policy allows it).
 *
 * - `openParseStream` hands a download to the worker chunk by chunk as it arrives, so parsing
 *   overlaps the download (see stream.ts); `parseOffThread` hands over a whole file.
 * - The worker is kept warm between parses (its compiled code is what makes the next parse fast)
 *   and closed after IDLE_MS without work; a cancelled parse terminates its worker at once.
 * - The worker posts the columns one message at a time, so the main thread never deserialises the
 *   whole table in one long task; typed arrays are transferred, not copied.
 * - Small inputs are parsed in place, the parser then imported on demand, so a page's main script
 *   does not carry PapaParse.
 * - When the worker script cannot load (a CSP without worker-src 'self', say), parsing falls back
 *   to the main thread.
 */
import { VitrineError, type ErrorCode, type ErrorDetails } from './errors.ts';
import type { ColumnData } from './model.ts';
import type { ParseHints, ParseResult } from './parse.ts';
import type { WorkerMessage, WorkerRequest } from './parse.protocol.ts';
import { concatBytes } from './bytes.ts';

/** Inputs at least this large are parsed in a worker. */
export const WORKER_THRESHOLD = 256 * 1024;
/** An idle worker is closed after this many milliseconds. */
export const IDLE_MS = 10_000;

export interface ParseOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Force (true) or forbid (false) the worker; by default, decided by size. */
  worker?: boolean;
}

let workerUnavailable = false;
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;
let live = 0;

/** Number of parse workers alive (busy or idle): for tests of clean-up. */
export function liveWorkers(): number {
  return live;
}

/** Closes the idle worker now. */
export function releaseWorkers(): void {
  if (idle) {
    clearTimeout(idle.timer);
    close(idle.worker);
    idle = undefined;
  }
}

/** Whether parsing can happen in a worker on this page (false after a worker failed to load). */
export function workersAvailable(): boolean {
  return !workerUnavailable && typeof Worker !== 'undefined';
}

export async function parseInPlace(
  bytes: Uint8Array,
  hints: ParseHints,
  opts: ParseOptions = {},
): Promise<ParseResult> {
  const [parse] = await Promise.all([import('./parse.ts'), mayBeJson(bytes, hints) ? loadJsonReader() : undefined]);
  if (opts.signal?.aborted) throw abortError(hints.url);
  try {
    return parse.parseBytes(bytes, hints, opts.onProgress);
  } catch (err) {
    // JSON that the first bytes did not announce (after a long run of spaces, say): load the reader, parse again.
    if (err !== parse.JSON_READER_MISSING) throw err;
    await loadJsonReader();
    if (opts.signal?.aborted) throw abortError(hints.url);
    return parse.parseBytes(bytes, hints, opts.onProgress);
  }
}

/** Registers the JSON reader with the parser (a chunk of its own, fetched once). */
async function loadJsonReader(): Promise<void> {
  const [parse, json] = await Promise.all([import('./parse.ts'), import('./json.ts')]);
  parse.useJsonReader(json);
}

/** Whether these bytes may be JSON: the hints say so, or the first character after spaces and a BOM is `{` or `[`. */
function mayBeJson(bytes: Uint8Array, hints: ParseHints): boolean {
  const format = hints.format?.trim().toLowerCase();
  if (format === 'json' || format === 'geojson') return true;
  if (format === 'csv' || format === 'tsv') return false;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i];
    // Spaces, the UTF-8 BOM, and the zero bytes of UTF-16.
    if (
      b === 0x20 ||
      b === 0x09 ||
      b === 0x0a ||
      b === 0x0d ||
      b === 0x00 ||
      b === 0xef ||
      b === 0xbb ||
      b === 0xbf ||
      b === 0xfe ||
      b === 0xff
    )
      continue;
    return b === 0x7b || b === 0x5b;
  }
  return false;
}

export function parseOffThread(bytes: Uint8Array, hints: ParseHints, opts: ParseOptions = {}): Promise<ParseResult> {
  const useWorker = opts.worker ?? bytes.byteLength >= WORKER_THRESHOLD;
  if (!useWorker || !workersAvailable()) return parseInPlace(bytes, hints, opts);
  const job = new Job(hints, opts);
  const own = ownBuffer(bytes);
  job.post({ type: 'parse', bytes: own, hints }, own);
  return job.result;
}

/** A download parsed in the worker as it arrives. */
export interface ParseStream {
  /** Hands over the next bytes (their buffer is transferred: do not use them afterwards). */
  push(bytes: Uint8Array): void;
  /** No more bytes: the parsed table. */
  end(): Promise<ParseResult>;
}

export function openParseStream(hints: ParseHints, opts: ParseOptions = {}): ParseStream {
  if (!workersAvailable()) {
    // The same interface on the main thread: bytes are gathered, then parsed in place.
    const chunks: Uint8Array[] = [];
    return { push: (bytes) => chunks.push(bytes), end: () => parseInPlace(concatBytes(chunks), hints, opts) };
  }
  const job = new Job(hints, opts);
  // A failure reported before `end` (say, an HTML page detected in the first chunks) is delivered
  // by `end`; until then it is not an unhandled rejection.
  job.result.catch(() => {});
  job.post({ type: 'start', hints });
  return {
    push: (bytes) => {
      const own = ownBuffer(bytes);
      job.post({ type: 'chunk', bytes: own }, own);
    },
    end: () => {
      job.post({ type: 'end' });
      return job.result;
    },
  };
}

/**
 * One parse in a worker. Messages wait until the worker says it runs; the bytes are kept until
 * then, so that if its script cannot load, they are parsed in place instead.
 */
class Job {
  readonly result: Promise<ParseResult>;
  #resolve!: (r: ParseResult | Promise<ParseResult>) => void;
  #reject!: (e: unknown) => void;
  #worker?: Worker;
  #ready = false;
  #failed = false;
  #ended = false;
  #done = false;
  #queue: { message: WorkerRequest; transfer: Transferable[] }[] = [];
  #kept: Uint8Array[] = [];
  #columns: ColumnData[] = [];

  constructor(
    readonly hints: ParseHints,
    readonly opts: ParseOptions,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (opts.signal?.aborted) {
      this.#done = true;
      this.#reject(abortError(hints.url));
      return;
    }
    opts.signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (idle) {
      clearTimeout(idle.timer);
      this.#worker = idle.worker;
      idle = undefined;
      this.#ready = true;
    } else {
      try {
        this.#worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
          type: 'module',
          name: 'vitrine-parse',
        });
        live++;
      } catch {
        this.#startFailed();
        return;
      }
    }
    this.#worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.#onMessage(e.data);
    this.#worker.onerror = (e) => {
      e.preventDefault();
      if (this.#ready) {
        this.#finish(false);
        this.#reject(new VitrineError('parse', e.message || 'the parse worker failed', hints.url ?? ''));
      } else {
        this.#release(false);
        this.#startFailed();
      }
    };
  }

  /** Sends a message now, or once the worker runs. `bytes` is the view whose buffer is transferred. */
  post(message: WorkerRequest, bytes?: Uint8Array): void {
    if (message.type === 'end' || message.type === 'parse') this.#ended = true;
    if (this.#done) return;
    if (this.#failed) {
      if (bytes) this.#kept.push(bytes);
      if (this.#ended) this.#runInPlace();
      return;
    }
    const transfer = bytes ? [bytes.buffer as ArrayBuffer] : [];
    if (this.#ready) {
      this.#worker!.postMessage(message, transfer);
    } else {
      if (bytes) this.#kept.push(bytes);
      this.#queue.push({ message, transfer });
    }
  }

  #onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'ready':
        this.#ready = true;
        for (const { message, transfer } of this.#queue) this.#worker!.postMessage(message, transfer);
        this.#queue = [];
        this.#kept = []; // handed over now
        break;
      case 'progress':
        this.opts.onProgress?.(m.fraction);
        break;
      case 'column':
        this.#columns[m.index] = m.column;
        break;
      case 'piece':
        this.#columns[m.index].pieces![m.piece] = m.text;
        break;
      case 'done':
        this.#finish(true);
        this.#resolve({ ...m.result, table: { rowCount: m.result.rowCount, columns: this.#columns } });
        break;
      case 'error':
        this.#finish(true);
        this.#reject(new VitrineError(m.code as ErrorCode, m.message, this.hints.url ?? '', m.details as ErrorDetails));
        break;
    }
  }

  #onAbort = () => {
    if (this.#done) return;
    this.#finish(false);
    this.#reject(abortError(this.hints.url));
  };

  /** The worker script could not load: from now on, bytes are gathered and parsed in place. */
  #startFailed(): void {
    workerUnavailable = true;
    this.#failed = true;
    this.#queue = [];
    if (this.#ended) this.#runInPlace();
  }

  #runInPlace(): void {
    if (this.#done) return;
    this.#done = true;
    this.opts.signal?.removeEventListener('abort', this.#onAbort);
    this.#resolve(parseInPlace(concatBytes(this.#kept), this.hints, this.opts));
  }

  /** Settles the job: the worker is parked for reuse (`keep`) or terminated. */
  #finish(keep: boolean): void {
    this.#done = true;
    this.opts.signal?.removeEventListener('abort', this.#onAbort);
    this.#release(keep);
  }

  #release(keep: boolean): void {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    worker.onmessage = null;
    worker.onerror = null;
    if (keep) park(worker);
    else close(worker);
  }
}

/** Keeps a finished worker for the next parse (one at most), closing it after IDLE_MS. */
function park(worker: Worker): void {
  if (idle) {
    close(worker);
    return;
  }
  idle = { worker, timer: setTimeout(releaseWorkers, IDLE_MS) };
}

function close(worker: Worker): void {
  worker.terminate();
  live--;
}

/** A view whose buffer is its own, so it can be transferred without detaching anything else. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

function abortError(url = ''): VitrineError {
  return new VitrineError('abort', 'aborted', url);
}

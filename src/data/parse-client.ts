/**
 * Runs `parseBytes` off the main thread in a module worker of our own (a file, not a blob: URL,
 * so a strict Content-Security-Policy allows it).
 *
 * - The worker is kept warm between loads (its compiled code is what makes the second parse fast)
 *   and closed after IDLE_MS without work; a cancelled parse terminates its worker at once.
 * - The worker posts the columns one message at a time, so the main thread never deserialises the
 *   whole table in one long task; typed arrays are transferred, not copied.
 * - Small inputs are parsed in place, and the parser is then imported on demand, so a page's main
 *   script does not carry PapaParse.
 * - When the worker script cannot load (a CSP without worker-src 'self', say), parsing falls back
 *   to the main thread.
 */
import { VitrineError, type ErrorCode, type ErrorDetails } from './errors.ts';
import type { ColumnData } from './model.ts';
import type { ParseHints, ParseResult } from './parse.ts';
import type { WorkerMessage, WorkerRequest } from './parse.protocol.ts';

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

export async function parseInPlace(
  bytes: Uint8Array,
  hints: ParseHints,
  opts: ParseOptions = {},
): Promise<ParseResult> {
  const { parseBytes } = await import('./parse.ts');
  if (opts.signal?.aborted) throw abortError(hints.url);
  return parseBytes(bytes, hints, opts.onProgress);
}

export function parseOffThread(bytes: Uint8Array, hints: ParseHints, opts: ParseOptions = {}): Promise<ParseResult> {
  const useWorker = opts.worker ?? (bytes.byteLength >= WORKER_THRESHOLD && !workerUnavailable);
  if (!useWorker || typeof Worker === 'undefined') return parseInPlace(bytes, hints, opts);
  if (opts.signal?.aborted) return Promise.reject(abortError(hints.url));

  return new Promise((resolve, reject) => {
    let worker: Worker;
    let ready: boolean;
    if (idle) {
      clearTimeout(idle.timer);
      worker = idle.worker;
      idle = undefined;
      ready = true;
    } else {
      try {
        worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'vitrine-parse' });
        live++;
      } catch {
        workerUnavailable = true;
        resolve(parseInPlace(bytes, hints, opts));
        return;
      }
      ready = false;
    }
    let started = false;
    const columns: ColumnData[] = [];
    const send = () => {
      // Hand the bytes over only once the worker runs: if its script cannot load, we still have them.
      started = true;
      const request: WorkerRequest = { bytes, hints };
      worker.postMessage(request, [bytes.buffer]);
    };
    const detach = () => {
      worker.onmessage = null;
      worker.onerror = null;
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      detach();
      close(worker);
      reject(abortError(hints.url));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      switch (m.type) {
        case 'ready':
          send();
          break;
        case 'progress':
          opts.onProgress?.(m.fraction);
          break;
        case 'column':
          columns[m.index] = m.column;
          break;
        case 'done':
          detach();
          park(worker);
          resolve({ ...m.result, table: { rowCount: m.result.rowCount, columns } });
          break;
        case 'error':
          detach();
          park(worker);
          reject(new VitrineError(m.code as ErrorCode, m.message, hints.url ?? '', m.details as ErrorDetails));
          break;
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      detach();
      close(worker);
      if (started) {
        reject(new VitrineError('parse', String(e.message || 'the parse worker failed'), hints.url ?? ''));
        return;
      }
      // The worker script could not load: parse here instead.
      workerUnavailable = true;
      resolve(parseInPlace(bytes, hints, opts));
    };
    if (ready) send();
  });
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

function abortError(url = ''): VitrineError {
  return new VitrineError('abort', 'aborted', url);
}

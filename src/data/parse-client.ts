/**
 * Runs `parseBytes` off the main thread in a module worker of our own (a file, not a blob: URL,
 * so a strict Content-Security-Policy allows it). Small inputs are parsed in place: starting a
 * worker costs more than reading a few hundred kilobytes.
 *
 * The worker posts the columns one message at a time, so the main thread never deserialises the
 * whole table in one long task. Cancelling terminates the worker at once.
 */
import { VitrineError, type ErrorCode, type ErrorDetails } from './errors.ts';
import type { ColumnData } from './model.ts';
import { parseBytes, type ParseHints, type ParseResult } from './parse.ts';
import type { WorkerRequest, WorkerMessage } from './parse.protocol.ts';

/** Inputs at least this large are parsed in a worker. */
export const WORKER_THRESHOLD = 256 * 1024;

export interface ParseOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Force (true) or forbid (false) the worker; by default, decided by size. */
  worker?: boolean;
}

let workerUnavailable = false;

export function parseOffThread(bytes: Uint8Array, hints: ParseHints, opts: ParseOptions = {}): Promise<ParseResult> {
  const useWorker = opts.worker ?? (bytes.byteLength >= WORKER_THRESHOLD && !workerUnavailable);
  if (!useWorker || typeof Worker === 'undefined') {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(abortError(hints.url));
      try {
        resolve(parseBytes(bytes, hints, opts.onProgress));
      } catch (err) {
        reject(err);
      }
    });
  }
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'vitrine-parse' });
    } catch {
      workerUnavailable = true;
      resolve(parseOffThread(bytes, hints, { ...opts, worker: false }));
      return;
    }
    const columns: ColumnData[] = [];
    const finish = () => {
      worker.terminate();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(abortError(hints.url));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let started = false;
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      switch (m.type) {
        case 'ready': {
          // Hand the bytes over only once the worker runs: if its script cannot load, we still have them.
          started = true;
          const request: WorkerRequest = { bytes, hints };
          worker.postMessage(request, [bytes.buffer]);
          break;
        }
        case 'progress':
          opts.onProgress?.(m.fraction);
          break;
        case 'column':
          columns[m.index] = m.column;
          break;
        case 'done':
          finish();
          resolve({ ...m.result, table: { rowCount: m.result.rowCount, columns } });
          break;
        case 'error':
          finish();
          reject(new VitrineError(m.code as ErrorCode, m.message, hints.url ?? '', m.details as ErrorDetails));
          break;
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      if (started) {
        reject(new VitrineError('parse', String(e.message || 'worker failed'), hints.url ?? ''));
        return;
      }
      // The worker script could not load (e.g. a CSP without worker-src 'self'): parse here instead.
      workerUnavailable = true;
      if (opts.signal?.aborted) return;
      resolve(parseOffThread(bytes, hints, { ...opts, worker: false }));
    };
  });
}

function abortError(url = ''): VitrineError {
  return new VitrineError('abort', 'aborted', url);
}

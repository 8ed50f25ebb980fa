/// <reference lib="webworker" />
/** The parse worker: bytes in, table columns out (typed arrays transferred, not copied). */
import { VitrineError } from './errors.ts';
import { parseBytes } from './parse.ts';
import type { WorkerMessage, WorkerRequest } from './parse.protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { bytes, hints } = e.data;
  let last = 0;
  try {
    const result = parseBytes(bytes, hints, (fraction) => {
      if (fraction - last >= 0.02 || fraction === 1) {
        last = fraction;
        post({ type: 'progress', fraction });
      }
    });
    const { table, ...rest } = result;
    table.columns.forEach((column, index) => {
      const transfer: Transferable[] = [column.offsets.buffer as ArrayBuffer];
      if (column.values) transfer.push(column.values.buffer as ArrayBuffer);
      if (column.values2) transfer.push(column.values2.buffer as ArrayBuffer);
      post({ type: 'column', index, column }, transfer);
    });
    post({ type: 'done', result: { ...rest, rowCount: table.rowCount } });
  } catch (err) {
    if (err instanceof VitrineError)
      post({ type: 'error', code: err.code, message: err.message, details: err.details });
    else post({ type: 'error', code: 'parse', message: String((err as Error)?.message ?? err), details: {} });
  }
};

post({ type: 'ready' });

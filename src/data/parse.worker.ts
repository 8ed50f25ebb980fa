/// <reference lib="webworker" />
/**
 * The parse worker: bytes in (a whole file, or a download chunk by chunk), table columns out,
 * one message per column with its typed arrays transferred, not copied. It stays alive between
 * parses (see parse-client.ts), so its compiled code is warm for the next one.
 */
import { VitrineError } from './errors.ts';
import { parseBytes, useJsonReader, type ParseResult } from './parse.ts';
import * as json from './json.ts';
import type { WorkerMessage, WorkerRequest } from './parse.protocol.ts';
import { cutText } from './model.ts';

/** Columns with more text than this are handed over in pieces. */
const PIECE_CHARS = 1 << 20;
import { StreamParser } from './stream.ts';

// The worker reads large files of any format: it carries the JSON reader from the start.
useJsonReader(json);

const scope = self as unknown as DedicatedWorkerGlobalScope;
let stream: StreamParser | undefined;

function post(message: WorkerMessage, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

function progress(): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    if (fraction - last >= 0.02 || fraction === 1) {
      last = fraction;
      post({ type: 'progress', fraction });
    }
  };
}

function send(result: ParseResult): void {
  const { table, ...rest } = result;
  table.columns.forEach((column, index) => {
    // A long text goes in pieces, one message each: the main thread then never spends one long
    // task receiving a column.
    const pieces = column.text.length > PIECE_CHARS ? cutText(column.text, column.offsets) : undefined;
    const transfer: Transferable[] = [column.offsets.buffer as ArrayBuffer];
    if (column.values) transfer.push(column.values.buffer as ArrayBuffer);
    if (column.values2) transfer.push(column.values2.buffer as ArrayBuffer);
    post({ type: 'column', index, column: pieces ? { ...column, text: '', pieces: [] } : column }, transfer);
    pieces?.forEach((text, piece) => post({ type: 'piece', index, piece, text }));
  });
  post({ type: 'done', result: { ...rest, rowCount: table.rowCount } });
}

function fail(err: unknown): void {
  if (err instanceof VitrineError) post({ type: 'error', code: err.code, message: err.message, details: err.details });
  else post({ type: 'error', code: 'parse', message: String((err as Error)?.message ?? err), details: {} });
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'parse':
        send(parseBytes(m.bytes, m.hints, progress()));
        break;
      case 'start':
        stream = new StreamParser(m.hints);
        break;
      case 'chunk':
        stream?.push(m.bytes);
        break;
      case 'end': {
        const s = stream;
        stream = undefined;
        if (s) send(s.end(progress()));
        break;
      }
    }
  } catch (err) {
    stream = undefined;
    fail(err);
  }
};

post({ type: 'ready' });

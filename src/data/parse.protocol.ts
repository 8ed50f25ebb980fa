/** Messages between the main thread and the parse worker. */
import type { ColumnData } from './model.ts';
import type { ParseHints, ParseResult } from './parse.ts';

export interface WorkerRequest {
  bytes: Uint8Array;
  hints: ParseHints;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; fraction: number }
  | { type: 'column'; index: number; column: ColumnData }
  | { type: 'done'; result: Omit<ParseResult, 'table'> & { rowCount: number } }
  | { type: 'error'; code: string; message: string; details: unknown };

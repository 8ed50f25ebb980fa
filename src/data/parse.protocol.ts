/** Messages between the main thread and the parse worker. */
import type { ColumnData } from './model.ts';
import type { ParseHints, ParseResult } from './parse.ts';

export type WorkerRequest =
  /** Parse these bytes (a whole file). */
  | { type: 'parse'; bytes: Uint8Array; hints: ParseHints }
  /** A download starts: its bytes follow in 'chunk' messages, then 'end'. */
  | { type: 'start'; hints: ParseHints }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; fraction: number }
  | { type: 'column'; index: number; column: ColumnData }
  /** One piece of a column's text (see ColumnData.pieces), after its 'column' message. */
  | { type: 'piece'; index: number; piece: number; text: string }
  | { type: 'done'; result: Omit<ParseResult, 'table'> & { rowCount: number } }
  | { type: 'error'; code: string; message: string; details: unknown };

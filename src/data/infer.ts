// STUB — replaced by the type-inference work. Signatures are the contract.
import type { ColumnData } from './model.ts';
import { packText } from './model.ts';

/** Builds a typed column from the text of its cells (CSV). Infers the type once. */
export function buildColumn(name: string, cells: string[]): ColumnData {
  return { name, type: 'string', ...packText(cells) };
}

/** Builds a typed column from JSON values (string, number, boolean, null, object, array). */
export function buildColumnFromValues(name: string, values: unknown[]): ColumnData {
  return buildColumn(
    name,
    values.map((v) => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))),
  );
}

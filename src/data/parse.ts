/**
 * The parse pipeline, pure and synchronous: bytes in, a typed columnar table out. The parse
 * worker calls it for large files and the main thread for small ones.
 *
 *   decode → sniffFormat → CSV: parseCsv → buildColumn per column
 *                        → JSON/GeoJSON: JSON.parse → findRecords → recordsToColumns → buildColumnFromValues
 *
 * Failures are VitrineErrors with a stable code: 'parse' (an HTML page instead of data, invalid
 * JSON, a JSON document without records) or 'empty' (nothing, a header without rows, no records).
 * No DOM.
 */
import { parseCsv, uniqueNames, type CsvResult } from './csv.ts';
import { decode } from './decode.ts';
import { VitrineError } from './errors.ts';
import { buildColumn, buildColumnFromValues } from './infer.ts';
import type { FoundRecords } from './json.ts';
import type { ColumnData, TableData } from './model.ts';
import { sniffBinary, sniffFormat } from './sniff.ts';

export interface ParseHints {
  /** csv, tsv, json, geojson; detected when absent. */
  format?: string;
  /** The CSV delimiter (';', ',', 'tab'…); sniffed when absent. */
  delimiter?: string;
  /** utf-8, windows-1252, latin1…; detected when absent. */
  encoding?: string;
  /** Path to the array of records inside a JSON document ("result.records"). */
  records?: string;
  /** The Content-Type of the response. */
  contentType?: string;
  /** Where the data came from (used in errors and as a format hint). */
  url?: string;
}

export interface ParseResult {
  table: TableData;
  format: 'csv' | 'json' | 'geojson';
  /** The encoding the bytes were decoded with ('utf-8', 'windows-1252'…). */
  encoding: string;
  /** CSV only. */
  delimiter?: string;
  /** JSON only: what kind of document the records came from ('array', 'geojson', 'ods-v2.1', 'schema'…). */
  kind?: string;
  /** JSON only: the total announced by a paged API. */
  total?: number;
}

/** Share of the progress given to splitting the text; the rest goes to building (typing) the columns, which takes about as long. */
const SPLIT_SHARE = 0.5;

/**
 * The JSON reader (json.ts, 3 KB gzip) is not imported here, so that a page reading only CSV never
 * downloads it: whoever may parse JSON registers it first (the parse worker at start-up,
 * parse-client before parsing in place, the paged-API loader). Parsing JSON without it throws
 * `JSON_READER_MISSING`, which parse-client answers by loading it and parsing again.
 */
type JsonReader = Pick<typeof import('./json.ts'), 'findRecords' | 'recordsToColumns'>;
let jsonReader: JsonReader | undefined;

export function useJsonReader(reader: JsonReader): void {
  jsonReader = reader;
}

export const JSON_READER_MISSING = new Error('The JSON reader is not loaded (call useJsonReader first).');

function reader(): JsonReader {
  if (!jsonReader) throw JSON_READER_MISSING;
  return jsonReader;
}

export function parseBytes(
  bytes: Uint8Array,
  hints: ParseHints = {},
  onProgress?: (fraction: number) => void,
): ParseResult {
  const binary = hints.encoding?.toLowerCase().startsWith('utf-16') ? undefined : sniffBinary(bytes, hints.url);
  if (binary) {
    throw new VitrineError('parse', `A ${binary} file was received instead of CSV or JSON.`, hints.url ?? '', {
      received: binary,
    });
  }
  const { text, encoding } = decode(bytes, hints.encoding);
  return parseDecoded(text, encoding, hints, onProgress);
}

/** The same pipeline for text already decoded (reported as 'utf-8'). */
export function parseText(text: string, hints: ParseHints = {}, onProgress?: (fraction: number) => void): ParseResult {
  return parseDecoded(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf-8', hints, onProgress);
}

function parseDecoded(
  text: string,
  encoding: string,
  hints: ParseHints,
  onProgress?: (fraction: number) => void,
): ParseResult {
  const url = hints.url ?? '';
  const format = sniffFormat(text, hints);
  switch (format) {
    case 'empty':
      throw new VitrineError('empty', 'The file is empty.', url, { reason: 'no-content' });
    case 'html':
      throw new VitrineError('parse', 'An HTML page was received instead of data.', url, { received: 'html' });
    case 'json':
    case 'geojson':
      return parseJson(text, format, encoding, hints, onProgress);
    default:
      return parseDelimited(text, encoding, hints, onProgress);
  }
}

function parseDelimited(
  text: string,
  encoding: string,
  hints: ParseHints,
  onProgress?: (fraction: number) => void,
): ParseResult {
  const csv = parseCsv(text, {
    delimiter: delimiterHint(hints),
    onProgress: onProgress && ((f) => onProgress(f * SPLIT_SHARE)),
  });
  return csvToTable(
    csv,
    encoding,
    hints.url ?? '',
    onProgress && ((f) => onProgress(SPLIT_SHARE + (1 - SPLIT_SHARE) * f)),
  );
}

/** The delimiter the hints ask for: the `delimiter` hint, or a tab for `format="tsv"`. */
export function delimiterHint(hints: ParseHints): string | undefined {
  return hints.delimiter || (hints.format?.trim().toLowerCase() === 'tsv' ? '\t' : undefined);
}

/** Builds the typed columns of a parsed CSV (one `buildColumn` per column). */
export function csvToTable(
  csv: CsvResult,
  encoding: string,
  url: string,
  onProgress?: (fraction: number) => void,
): ParseResult {
  const { header, rows, delimiter } = csv;
  if (rows.length === 0) {
    throw new VitrineError(
      'empty',
      header.length ? 'The file has a header but no rows.' : 'The file is empty.',
      url,
      header.length ? { reason: 'no-rows', available: header } : { reason: 'no-content' },
    );
  }

  // One pass over the rows fills every column's cells (rows are rectangular: see parseCsv).
  const width = header.length;
  const rowCount = rows.length;
  const cells: string[][] = [];
  for (let c = 0; c < width; c++) cells.push([]);
  for (let r = 0; r < rowCount; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) cells[c].push(row[c]);
  }
  rows.length = 0; // let the row arrays go before the typed columns are built

  const columns: ColumnData[] = [];
  for (let c = 0; c < width; c++) {
    columns.push(buildColumn(header[c], cells[c]));
    cells[c] = [];
    onProgress?.((c + 1) / width);
  }
  return { table: { rowCount, columns }, format: 'csv', encoding, delimiter };
}

function parseJson(
  text: string,
  format: 'json' | 'geojson',
  encoding: string,
  hints: ParseHints,
  onProgress?: (fraction: number) => void,
): ParseResult {
  reader(); // before the work: without it, the caller loads it and comes back
  const url = hints.url ?? '';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // JSON Lines (one object a line, as some exports write) is not one JSON document.
    doc = parseJsonLines(text);
    if (doc === undefined) {
      const detail = err instanceof Error ? `: ${err.message}` : '';
      throw new VitrineError('parse', `The JSON is not valid${detail}`, url, { reason: 'invalid-json' });
    }
  }
  onProgress?.(0.4);

  const found = locateRecords(doc, hints.records, url);
  const result = recordsToTable(found, url, onProgress && ((f) => onProgress(0.4 + 0.6 * f)));
  if (format === 'geojson') result.format = 'geojson';
  return { ...result, encoding };
}

/** The records of JSON Lines text (two objects or more, one a line), or undefined when it is not that. */
function parseJsonLines(text: string): Record<string, unknown>[] | undefined {
  const records: Record<string, unknown>[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    if (line.charCodeAt(0) !== 0x7b /* { */) return undefined;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      records.push(value as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }
  return records.length >= 2 ? records : undefined;
}

/**
 * Builds the typed table of records found in a JSON document (or gathered from the pages of a
 * paged API). Rows that mirror a flat file (tabular API, CKAN DataStore) keep the file's columns.
 */
export function recordsToTable(
  found: FoundRecords,
  url = '',
  onProgress?: (fraction: number) => void,
): Omit<ParseResult, 'encoding'> & { encoding?: string } {
  const records = found.records;
  if (!Array.isArray(records) || records.length === 0)
    throw new VitrineError('empty', 'The JSON document holds no records.', url, { reason: 'no-records' });

  const { names, columns: values } = reader().recordsToColumns(records, found.flat ? { flatten: false } : {});
  if (names.length === 0)
    throw new VitrineError('empty', 'The records of the JSON document have no fields.', url, { reason: 'no-fields' });

  const unique = uniqueNames(names.map((n) => n.trim()));
  const columns: ColumnData[] = [];
  for (let c = 0; c < names.length; c++) {
    columns.push(buildColumnFromValues(unique[c], values[c]));
    values[c] = [];
    onProgress?.((c + 1) / names.length);
  }
  const result: Omit<ParseResult, 'encoding'> = {
    table: { rowCount: records.length, columns },
    format: found.kind === 'geojson' ? 'geojson' : 'json',
    kind: found.kind,
  };
  if (found.total !== undefined) result.total = found.total;
  return result;
}

/**
 * The records of a JSON document, as `findRecords` finds them (a Table Schema such as those of
 * schema.data.gouv.fr comes out as its list of fields, one row per field; a document without any
 * list of objects is an 'empty' error). Its errors get the URL; anything else it throws becomes a
 * 'parse' error with the reason 'no-records'.
 */
function locateRecords(doc: unknown, path: string | undefined, url: string): FoundRecords {
  const { findRecords } = reader();
  try {
    return findRecords(doc, path);
  } catch (err) {
    if (err instanceof VitrineError) {
      throw err.url || !url ? err : new VitrineError(err.code, err.message, url, err.details);
    }
    throw new VitrineError('parse', 'No table of records was found in the JSON document.', url, {
      reason: 'no-records',
      ...(path ? { attribute: 'records' } : {}),
    });
  }
}

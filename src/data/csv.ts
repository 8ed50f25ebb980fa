/**
 * CSV text to a header and rectangular rows of strings, with PapaParse doing the splitting.
 *
 * What this adds to PapaParse, at the cost of a few operations per row (never per cell, so that a
 * 200,000-row file parses about as fast as with PapaParse alone):
 * - the delimiter is sniffed (see `sniffDelimiter`) unless given;
 * - line endings may be mixed (CRLF and LF in one file): records are split on LF and the CR that
 *   ends a line is removed from the row's last cell (so is a CR that a quoted last cell would end
 *   with: the two cannot be told apart). A CR inside a quoted value is kept as written; apart from
 *   that, cells are kept exactly as written (no trimming: type inference trims);
 * - blank lines and rows whose cells are all empty or white space (";;;;") are skipped;
 * - preamble lines before the header (a title, a source line) are skipped, see `findHeader`;
 * - ragged rows are made rectangular, see `chooseWidth`; short rows are padded with '';
 * - a trailing column with no header name and no value in any row (a delimiter at the end of
 *   every line) is dropped;
 * - header names are trimmed, empty ones become "column N" (N = position, from 1), duplicates get
 *   a suffix: "montant", "montant (2)", "montant (3)";
 * - progress is reported while parsing large texts, cut into slices at record boundaries and
 *   split by PapaParse's core parser (`Papa.Parser`, the engine behind `Papa.parse`; its own
 *   chunking of strings copies every chunk, this does not).
 *
 * No DOM.
 */
import Papa from 'papaparse';
import { sniffDelimiter } from './sniff.ts';

export interface CsvOptions {
  /** The delimiter; sniffed when absent. Names are accepted: 'tab', 'semicolon', 'comma', 'pipe'. */
  delimiter?: string;
  /** Called with the fraction of the text parsed so far (0 to 1). */
  onProgress?: (fraction: number) => void;
  /** Characters per slice (default: 4 M characters, or a 50th of the text if more). For tests. */
  chunkSize?: number;
}

export interface CsvResult {
  /** Column names: trimmed, never empty, unique. */
  header: string[];
  /** Data rows, each exactly `header.length` cells long. */
  rows: string[][];
  delimiter: string;
}

/** Texts are parsed in slices of at least this many characters, reporting progress after each. */
const CHUNK_MIN = 4 << 20;
/** At most about this many slices (so about as many progress reports). */
const CHUNKS = 50;
/** Preamble lines are looked for among the first rows only. */
const HEADER_SEARCH = 20;
/** Rows looked at to find the width of the body when looking for the header. */
const HEADER_SAMPLE = 50;
/** Share of the rows that must reach past the header for extra columns to be kept. */
const EXTRA_COLUMN_SHARE = 0.1;

/** What PapaParse's core parser returns (its type declarations say `any`). */
interface ParsedSlice {
  data: string[][];
  meta: { cursor: number };
}

const DELIMITER_NAMES: Record<string, string> = {
  tab: '\t',
  tabulation: '\t',
  '\\t': '\t',
  semicolon: ';',
  'point-virgule': ';',
  'point virgule': ';',
  comma: ',',
  virgule: ',',
  pipe: '|',
  space: ' ',
  espace: ' ',
};

/** The delimiter a hint means ('tab' → '\t'), or undefined for no usable hint. */
export function normalizeDelimiter(hint: string | undefined): string | undefined {
  if (hint === undefined || hint === '') return undefined;
  const named = DELIMITER_NAMES[hint.trim().toLowerCase()];
  if (named) return named;
  // Quotes and line breaks cannot delimit fields (PapaParse refuses them).
  if (/["\r\n\ufeff]/.test(hint)) return undefined;
  return hint;
}

export function parseCsv(text: string, opts: CsvOptions = {}): CsvResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = normalizeDelimiter(opts.delimiter) ?? sniffDelimiter(text);
  const chunk = opts.chunkSize ?? Math.max(CHUNK_MIN, Math.ceil(text.length / CHUNKS));
  const splitter = new CsvSplitter(delimiter, newlineOf(text), chunk);
  splitter.push(text, true, opts.onProgress);
  opts.onProgress?.(1);
  return finishCsv(splitter.rows, delimiter);
}

/**
 * LF splits records even in CRLF files (the CR is removed from the last cell), so that files
 * mixing both endings parse right; old Mac files with CR alone are split on CR.
 */
export function newlineOf(text: string): '\n' | '\r' {
  return text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
}

/**
 * Splits CSV text into rows as it comes: `push` may be called with successive pieces of a text
 * (a download decoded as it arrives), the last one with `final` true. Text is cut into slices that
 * PapaParse's core parser splits, each ending at a record boundary (the parser reports where the
 * last complete record ends; the next slice starts there). Slices of a string are not copied,
 * unlike the concatenations of Papa.parse's own chunking, and cells share the string's memory.
 * Blank rows are skipped; a CR that ends a line is removed from the row's last cell.
 */
export class CsvSplitter {
  /** Every non-blank row, in order (the header and any preamble included). */
  readonly rows: string[][] = [];
  readonly #parser: { parse(input: string, baseIndex: number, ignoreLastRow: boolean): unknown };
  readonly #chunk: number;
  #pending = '';

  constructor(delimiter: string, newline: '\n' | '\r', chunk = CHUNK_MIN) {
    this.#parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', header: false });
    this.#chunk = Math.max(1, chunk);
  }

  push(text: string, final: boolean, onProgress?: (fraction: number) => void): void {
    let pending = this.#pending.length ? this.#pending + text : text;
    let start = 0;
    let size = this.#chunk;
    while (start < pending.length) {
      const end = Math.min(pending.length, start + size);
      const last = end === pending.length;
      // Without the final piece, an unfinished record at the end waits for more text.
      if (last && !final && end - start < size) break;
      const result = this.#parser.parse(pending.slice(start, end), 0, !(last && final)) as ParsedSlice;
      if (!(last && final) && result.meta.cursor === 0) {
        if (last) break; // one record longer than what we have: wait for more
        size *= 2; // one record longer than the slice: take a larger one
        continue;
      }
      this.#take(result.data);
      start = last && final ? end : start + result.meta.cursor;
      size = this.#chunk;
      if (final && start < pending.length) onProgress?.(start / pending.length);
    }
    pending = start >= pending.length ? '' : pending.slice(start);
    this.#pending = pending;
  }

  #take(data: string[][]): void {
    const all = this.rows;
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      const last = row.length - 1;
      if (last < 0) continue;
      const cell = row[last];
      if (cell.charCodeAt(cell.length - 1) === 0x0d) row[last] = cell.slice(0, -1);
      if (!isBlankRow(row)) all.push(row);
    }
  }
}

/** The header (after any preamble) and rectangular rows, from every non-blank row of a file. */
export function finishCsv(all: string[][], delimiter: string): CsvResult {
  if (all.length === 0) return { header: [], rows: [], delimiter };

  const headerIndex = findHeader(all);
  const rawHeader = all[headerIndex];
  const rows = headerIndex === all.length - 1 ? [] : all.slice(headerIndex + 1);
  const width = chooseWidth(rawHeader, rows);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length > width) row.length = width;
    else while (row.length < width) row.push('');
  }
  const names: string[] = [];
  for (let c = 0; c < width; c++) names.push(c < rawHeader.length ? rawHeader[c].trim() : '');
  return { header: uniqueNames(names), rows, delimiter };
}

/**
 * True when every cell is empty or white space (as String#trim sees it, NBSP included). Looks at
 * one character of the first cell in most rows.
 */
function isBlankRow(row: string[]): boolean {
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (cell.length === 0) continue;
    const first = cell.charCodeAt(0);
    if ((first > 0x20 && first < 0x7f) || cell.trim() !== '') return false;
  }
  return true;
}

function isBlank(cell: string | undefined): boolean {
  return cell === undefined || cell.length === 0 || cell.trim() === '';
}

function nonBlankCount(row: string[]): number {
  let n = 0;
  for (const cell of row) if (!isBlank(cell)) n++;
  return n;
}

/**
 * The index of the header among the first rows (blank rows already removed).
 *
 * The body's width W is the most frequent field count among the rows that follow the first one
 * (the larger count on a tie). The header is the first of the first 20 rows that has more than
 * W / 2 fields and at least two non-empty ones. A title line ("Subventions 2017"), a source line
 * ("Source : INSEE;2020"), or an Excel title row ("Subventions 2017;;;;;;") fails that test and is
 * skipped; a header one or two names shorter than the body (see `chooseWidth`) passes it. With a
 * single column there is no way to tell, and the first row is the header.
 */
export function findHeader(rows: string[][]): number {
  if (rows.length < 2) return 0;
  const frequency = new Map<number, number>();
  const end = Math.min(rows.length, HEADER_SAMPLE + 1);
  for (let r = 1; r < end; r++) frequency.set(rows[r].length, (frequency.get(rows[r].length) ?? 0) + 1);
  let width = 0;
  let best = 0;
  for (const [n, f] of frequency) {
    if (f > best || (f === best && n > width)) {
      best = f;
      width = n;
    }
  }
  if (width < 2) return 0;
  const last = Math.min(rows.length, HEADER_SEARCH);
  for (let r = 0; r < last; r++) {
    const row = rows[r];
    if (row.length * 2 > width && nonBlankCount(row) >= 2) return r;
  }
  return 0;
}

/**
 * The number of columns of the table.
 *
 * It starts from the header's field count. When rows are longer than the header, the extra cells
 * become columns named "column N" only if at least 10% of the rows, and at least two rows (or the
 * only row), reach that far: that is a header with missing names. A few long rows are broken
 * lines (an unquoted delimiter inside a value): their extra cells are dropped, the way a
 * spreadsheet would show them under no header at all is no better.
 *
 * Then trailing columns without a header name and without a single non-blank value (a delimiter
 * at the end of every line) are dropped.
 */
export function chooseWidth(header: string[], rows: string[][]): number {
  let width = header.length;
  const longer: number[] = [];
  for (let r = 0; r < rows.length; r++) if (rows[r].length > width) longer.push(rows[r].length);
  const needed = Math.min(rows.length, Math.max(2, Math.ceil(rows.length * EXTRA_COLUMN_SHARE)));
  if (longer.length >= needed && longer.length > 0) {
    // The largest width that `needed` rows reach.
    longer.sort((a, b) => b - a);
    width = longer[needed - 1];
  }
  while (width > 0 && isBlank(header[width - 1]) && columnIsBlank(rows, width - 1)) width--;
  return width;
}

function columnIsBlank(rows: string[][], c: number): boolean {
  for (let r = 0; r < rows.length; r++) if (!isBlank(rows[r][c])) return false;
  return true;
}

/**
 * Column names as they will be shown and matched: empty names become "column N" (N = position,
 * from 1), and a name already taken gets " (2)", " (3)"… (the first one keeps its name).
 */
export function uniqueNames(names: readonly string[]): string[] {
  // Names as written are reserved first: a generated name must not take a real header's name.
  const taken = new Set(names.filter((n) => n !== ''));
  const kept = new Set<string>();
  return names.map((raw, i) => {
    if (raw !== '' && !kept.has(raw)) {
      kept.add(raw);
      return raw;
    }
    const base = raw === '' ? `column ${i + 1}` : raw;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base} (${k})`;
    taken.add(name);
    kept.add(name);
    return name;
  });
}

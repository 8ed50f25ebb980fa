/**
 * Parses a download while it arrives: bytes are pushed as the network delivers them, decoded
 * with a streaming TextDecoder and split into CSV rows slice by slice, so that by the time the
 * last byte is in, most of the file is already parsed. The result is the same as `parseBytes`
 * on the whole file:
 *
 * - the first HEAD_BYTES decide the format (see `sniffFormat`), the encoding and the delimiter;
 * - only CSV text in UTF-8 (or UTF-16, or an explicit encoding hint) is streamed; JSON, an HTML
 *   page, a file whose start is not valid UTF-8 (Windows-1252: its rules need the whole file)
 *   are kept and handed to `parseBytes` at the end;
 * - should invalid UTF-8 turn up later in a streamed file, the bytes kept so far go to
 *   `parseBytes` at the end instead, which applies the full decoding rules.
 *
 * No DOM.
 */
import { CsvSplitter, finishCsv, newlineOf, normalizeDelimiter } from './csv.ts';
import { concatBytes } from './bytes.ts';
import { resolveLabel } from './decode.ts';
import { csvToTable, delimiterHint, parseBytes, type ParseHints, type ParseResult } from './parse.ts';
import { sniffBinary, sniffDelimiter, sniffFormat } from './sniff.ts';

/** Bytes gathered before deciding how to read the rest. */
export const HEAD_BYTES = 256 * 1024;

export type Mode = 'head' | 'csv' | 'whole';

export class StreamParser {
  readonly #hints: ParseHints;
  readonly #chunks: Uint8Array[] = [];
  #length = 0;
  #mode: Mode = 'head';
  #decoder?: TextDecoder;
  #encoding = 'utf-8';
  #delimiter = '';
  #splitter?: CsvSplitter;
  #first = true;

  readonly #head: number;

  /** `head`: bytes gathered before deciding (HEAD_BYTES by default; smaller in tests). */
  constructor(hints: ParseHints = {}, head = HEAD_BYTES) {
    this.#hints = hints;
    this.#head = Math.max(1, head);
  }

  /** How the bytes are being read: 'head' (not decided yet), 'csv' (streamed) or 'whole'. */
  get mode(): Mode {
    return this.#mode;
  }

  /** Bytes received so far. */
  get length(): number {
    return this.#length;
  }

  push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#length += bytes.byteLength;
    if (this.#mode === 'head') {
      if (this.#length >= this.#head) this.#decide(false);
    } else if (this.#mode === 'csv') {
      this.#feed(bytes, false);
    }
  }

  /** The parsed table, once every byte has been pushed. */
  end(onProgress?: (fraction: number) => void): ParseResult {
    if (this.#mode === 'head') this.#decide(true);
    if (this.#mode === 'csv') {
      this.#feed(new Uint8Array(0), true);
      if (this.#mode === 'csv') {
        const csv = finishCsv(this.#splitter!.rows, this.#delimiter);
        this.#chunks.length = 0;
        return csvToTable(csv, this.#encoding, this.#hints.url ?? '', onProgress);
      }
    }
    return parseBytes(this.#all(), this.#hints, onProgress);
  }

  #decide(final: boolean): void {
    const head = this.#all();
    const label = sniffBinary(head, this.#hints.url) ? undefined : this.#label(head);
    if (!label) {
      this.#mode = 'whole';
      return;
    }
    let text: string;
    try {
      text = new TextDecoder(label, { fatal: true }).decode(head, { stream: !final });
    } catch {
      this.#mode = 'whole';
      return;
    }
    const format = sniffFormat(text, this.#hints);
    if (format !== 'csv') {
      this.#mode = 'whole';
      return;
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.#encoding = label;
    this.#delimiter = normalizeDelimiter(delimiterHint(this.#hints)) ?? sniffDelimiter(body);
    this.#splitter = new CsvSplitter(this.#delimiter, newlineOf(body));
    this.#decoder = new TextDecoder(label, { fatal: true });
    this.#mode = 'csv';
    for (const chunk of this.#chunks) this.#feed(chunk, false);
  }

  /** The encoding to stream with. (A binary file, see `#decide`, is never streamed.) */
  #label(head: Uint8Array): string | undefined {
    if (this.#hints.encoding) {
      const label = resolveLabel(this.#hints.encoding);
      if (label) return label;
    }
    if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
    return 'utf-8';
  }

  #feed(bytes: Uint8Array, final: boolean): void {
    let text: string;
    try {
      text = this.#decoder!.decode(bytes, { stream: !final });
    } catch {
      // Not the encoding we thought: read the whole file with the full rules at the end.
      this.#mode = 'whole';
      this.#splitter = undefined;
      return;
    }
    if (this.#first) {
      this.#first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length || final) this.#splitter!.push(text, final);
  }

  #all(): Uint8Array {
    const all = concatBytes(this.#chunks, this.#length);
    this.#chunks.length = 0;
    this.#chunks.push(all);
    return all;
  }
}

/**
 * What kind of document a text is (CSV, JSON, GeoJSON, an HTML page, nothing) and which delimiter
 * a CSV uses. Both only look at the start of the text (and, for GeoJSON, its end), so they cost
 * nothing on large files. No DOM.
 */

export type SniffedFormat = 'csv' | 'json' | 'geojson' | 'html' | 'empty';

export interface FormatHints {
  /** The `format` attribute: csv, tsv, txt, json, geojson (anything else is ignored). */
  format?: string;
  /** The Content-Type header of the response. */
  contentType?: string;
  /** The URL the text came from (its extension is a hint). */
  url?: string;
}

/** How far into the text (and back from its end) GeoJSON markers are looked for. */
const GEOJSON_WINDOW = 4096;
const GEOJSON_MARKER = /"type"\s*:\s*"(?:FeatureCollection|Feature)"/;
const HTML_MARKER = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|script[\s>])/i;

/**
 * Decides the format of `text`, in this order:
 * 1. nothing but white space → 'empty';
 * 2. markup at the start (`<!doctype html`, `<html`, `<head`, `<body`, or any tag or XML
 *    declaration) → 'html': an error page or a portal's web page served instead of data. This
 *    comes before the `format` hint, because no CSV or JSON starts with a tag, and the hint
 *    usually says what was expected, not what came back;
 * 3. the `format` hint (csv, tsv, txt → 'csv'; json → 'json', or 'geojson' when the content is
 *    GeoJSON; geojson → 'geojson');
 * 4. the first non-space character: `{` or `[` → 'geojson' when a `"type": "FeatureCollection"`
 *    or `"Feature"` member appears near the start or the end, or when the content type or the URL
 *    extension says GeoJSON; else 'json';
 * 5. the content type: text/html → 'html', geo+json → 'geojson', json → 'json', csv/tsv → 'csv';
 * 6. the URL extension: .geojson, .json, .csv, .tsv, .txt;
 * 7. 'csv'.
 */
export function sniffFormat(text: string, hints: FormatHints = {}): SniffedFormat {
  const start = firstNonSpace(text);
  if (start === -1) return 'empty';
  const head = text.slice(start, start + 1024);
  const first = head.charCodeAt(0);

  if (first === 0x3c /* < */ && looksLikeMarkup(head)) return 'html';

  const format = hints.format?.trim().toLowerCase().replace(/^\./, '');
  const contentType = hints.contentType?.toLowerCase() ?? '';
  const extension = urlExtension(hints.url);
  const saysGeo = contentType.includes('geo+json') || extension === 'geojson';

  if (format === 'csv' || format === 'tsv' || format === 'txt' || format === 'text') return 'csv';
  if (format === 'geojson') return 'geojson';
  if (format === 'json') return isGeoJson(text, start) ? 'geojson' : 'json';

  if (first === 0x7b /* { */ || first === 0x5b /* [ */) return saysGeo || isGeoJson(text, start) ? 'geojson' : 'json';

  if (contentType.includes('text/html') || contentType.includes('application/xhtml')) return 'html';
  if (contentType.includes('geo+json')) return 'geojson';
  if (contentType.includes('json')) return 'json';
  if (contentType.includes('csv') || contentType.includes('tab-separated')) return 'csv';

  if (extension === 'geojson') return 'geojson';
  if (extension === 'json') return 'json';
  return 'csv';
}

/** Index of the first character that is not white space (or a stray BOM), -1 when there is none. */
function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff && c !== 0xa0 && c !== 0x0c) return i;
  }
  return -1;
}

/** `head` starts with '<': an HTML page, an XML document, a comment before a page. */
function looksLikeMarkup(head: string): boolean {
  if (HTML_MARKER.test(head)) return true;
  const next = head.charCodeAt(1);
  // '<!' (doctype, comment), '<?' (XML declaration) or '<' + letter (a tag).
  return next === 0x21 || next === 0x3f || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a);
}

function isGeoJson(text: string, start: number): boolean {
  if (GEOJSON_MARKER.test(text.slice(start, start + GEOJSON_WINDOW))) return true;
  return text.length > GEOJSON_WINDOW && GEOJSON_MARKER.test(text.slice(-GEOJSON_WINDOW));
}

/** The lower-case extension of the URL's path ('csv', 'geojson'…), without query or fragment. */
function urlExtension(url: string | undefined): string {
  if (!url) return '';
  const path = url.split(/[?#]/, 1)[0];
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

/** Delimiters `sniffDelimiter` chooses from, in order of preference when the evidence ties. */
export const DELIMITERS = [';', ',', '\t', '|'] as const;

/** Records looked at by `sniffDelimiter`, and characters at most. */
const SNIFF_RECORDS = 30;
const SNIFF_CHARS = 1 << 20;

/**
 * Chooses the delimiter among `;` `,` tab and `|`: for each, counts its occurrences outside
 * quoted fields on each of the first 30 non-empty records and takes the most frequent non-zero
 * count (its "share" is the number of records that have it). Among the candidates whose share is
 * at least half the best share, the one with the largest count wins (ties: larger share, then the
 * order above). So decimal commas, whose number varies from line to line or, when it does not, is
 * smaller than the number of semicolons, lose to the semicolons of French files, and the lines of
 * a preamble (a title, a source line, which have other counts) do not sway the choice.
 * Returns ',' when no candidate appears at all (a single column).
 */
export function sniffDelimiter(text: string): string {
  const perRecord: number[][] = [];
  let counts = [0, 0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  let content = false;
  const end = Math.min(text.length, SNIFF_CHARS);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < end && perRecord.length < SNIFF_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else inQuotes = false;
      }
      continue;
    }
    switch (c) {
      case 0x22: // "
        if (fieldStart) inQuotes = true;
        fieldStart = false;
        content = true;
        break;
      case 0x0a:
      case 0x0d:
        if (content) perRecord.push(counts);
        counts = [0, 0, 0, 0];
        content = false;
        fieldStart = true;
        break;
      case 0x3b: // ;
        counts[0]++;
        fieldStart = content = true;
        break;
      case 0x2c: // ,
        counts[1]++;
        fieldStart = content = true;
        break;
      case 0x09: // tab
        counts[2]++;
        fieldStart = content = true;
        break;
      case 0x7c: // |
        counts[3]++;
        fieldStart = content = true;
        break;
      default:
        if (c !== 0x20) fieldStart = false;
        content = true;
    }
  }
  // The last record counts when the text ended there (not when the window cut it).
  if (content && i >= text.length) perRecord.push(counts);

  // For each candidate: its most frequent non-zero count per record, and how many records share it.
  const shares: number[] = [];
  const fieldCounts: number[] = [];
  for (let d = 0; d < DELIMITERS.length; d++) {
    const frequency = new Map<number, number>();
    for (const record of perRecord) {
      const n = record[d];
      if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    }
    let share = 0;
    let count = 0;
    for (const [n, f] of frequency) {
      if (f > share || (f === share && n > count)) {
        share = f;
        count = n;
      }
    }
    shares.push(share);
    fieldCounts.push(count);
  }
  // Among the candidates about as consistent as the most consistent one (at least half its
  // share), the one that splits records into the most fields wins.
  const top = Math.max(...shares);
  let best = -1;
  for (let d = 0; d < DELIMITERS.length; d++) {
    if (top === 0 || shares[d] * 2 < top) continue;
    if (
      best === -1 ||
      fieldCounts[d] > fieldCounts[best] ||
      (fieldCounts[d] === fieldCounts[best] && shares[d] > shares[best])
    )
      best = d;
  }
  return best === -1 ? ',' : DELIMITERS[best];
}

/** Binary formats people link to instead of CSV, recognised by their first bytes. */
const SIGNATURES: [string, number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]], // xlsx, ods, docx and plain zip archives
  ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // old Office documents
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['gzip', [0x1f, 0x8b]],
  ['parquet', [0x50, 0x41, 0x52, 0x31]], // PAR1
];

/**
 * The kind of a binary file ('xlsx', 'ods', 'zip', 'xls', 'pdf', 'gzip', 'parquet', 'binary'), or
 * undefined for text. A zip is told apart as a spreadsheet by the names inside its first entry or
 * by the URL's extension; other binary files by NUL bytes in the first kilobytes (never in
 * CSV or JSON text in UTF-8 or Windows-1252; UTF-16 text, which has them, starts with a BOM).
 */
export function sniffBinary(bytes: Uint8Array, url = ''): string | undefined {
  for (const [kind, sig] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) {
      if (kind !== 'zip') return kind;
      const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 2048)));
      const ext = /\.(xlsx|ods)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
      if (head.includes('xl/') || ext === 'xlsx') return 'xlsx';
      if (head.includes('opendocument.spreadsheet') || ext === 'ods') return 'ods';
      return 'zip';
    }
  }
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) return undefined;
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return 'binary';
  return undefined;
}

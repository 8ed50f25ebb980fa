/**
 * Bytes to text. French open data comes in UTF-8 (with or without a byte order mark) and in
 * Windows-1252 (files saved from Excel), sometimes in UTF-16 (Excel "Unicode text"), and now and
 * then a UTF-8 BOM sits in front of a Windows-1252 body (a tool added the mark without converting).
 *
 * All the work is done by TextDecoder (native, fast on tens of megabytes): no loop over the bytes
 * in JavaScript. No DOM.
 */

export interface Decoded {
  /** The text, never starting with U+FEFF. */
  text: string;
  /** The WHATWG name of the encoding used: 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'… */
  encoding: string;
}

/** Names page authors write in the `encoding` attribute, mapped to WHATWG labels. */
const ALIASES: Record<string, string> = {
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  cp1252: 'windows-1252',
  'cp-1252': 'windows-1252',
  'windows-1252': 'windows-1252',
  windows1252: 'windows-1252',
  ansi: 'windows-1252',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/**
 * Decodes `bytes`.
 *
 * - An explicit `encoding` wins (accepted case-insensitively: latin1, iso-8859-1, cp1252,
 *   windows-1252, utf-8, utf8, utf-16, and any other label TextDecoder knows). A label TextDecoder
 *   does not know is ignored and the encoding is detected instead. A UTF-8 byte order mark in
 *   front of the bytes is dropped whatever the encoding asked for.
 * - Otherwise: a UTF-16 BOM (FF FE or FE FF) means UTF-16; a UTF-8 BOM or none means UTF-8 when
 *   the rest is valid UTF-8, else Windows-1252 (so a UTF-8 BOM over a Windows-1252 body decodes
 *   right). A file that is mostly valid UTF-8 with a few stray bytes (records pasted from another
 *   file) stays UTF-8, the stray bytes becoming U+FFFD, rather than turning every accent of the
 *   file into mojibake.
 */
export function decode(bytes: Uint8Array, encoding?: string): Decoded {
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const label = encoding ? resolveLabel(encoding) : undefined;

  if (label) {
    // "utf-16" without an order: the byte order mark, when there is one, knows better.
    if (label.startsWith('utf-16') && bytes.length >= 2) {
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return done(new TextDecoder('utf-16le').decode(bytes), 'utf-16le');
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return done(new TextDecoder('utf-16be').decode(bytes), 'utf-16be');
    }
    const body = hasUtf8Bom && !label.startsWith('utf-16') ? bytes.subarray(3) : bytes;
    const decoder = new TextDecoder(label);
    return done(decoder.decode(body), decoder.encoding);
  }

  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return done(new TextDecoder('utf-16le').decode(bytes), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return done(new TextDecoder('utf-16be').decode(bytes), 'utf-16be');

  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;
  try {
    return done(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8');
  } catch {
    // Not valid UTF-8: see below.
  }
  // Not valid UTF-8. A Windows-1252 file usually shows it in its first megabyte: then there is
  // no need to decode the whole file leniently to count.
  if (body.length > SAMPLE) {
    const head = new TextDecoder('utf-8').decode(body.subarray(0, SAMPLE));
    // (The sample may end inside a character: one U+FFFD at its very end proves nothing.)
    const stray = head.indexOf('\ufffd');
    if (stray !== -1 && stray < head.length - 1 && !mostlyUtf8(SAMPLE, head)) return windows1252(body);
  }
  const lenient = new TextDecoder('utf-8').decode(body);
  if (mostlyUtf8(body.length, lenient)) return done(lenient, 'utf-8');
  return windows1252(body);
}

/** Bytes looked at first when deciding between UTF-8 with stray bytes and Windows-1252. */
const SAMPLE = 1 << 20;

function windows1252(bytes: Uint8Array): Decoded {
  return done(new TextDecoder('windows-1252').decode(bytes), 'windows-1252');
}

/** The WHATWG label for an encoding name, or undefined when TextDecoder does not know it. */
export function resolveLabel(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  const label = ALIASES[key] ?? key;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Whether text decoded leniently as UTF-8 holds more well-formed multi-byte characters than
 * replacement characters. Each well-formed sequence of n bytes yields one UTF-16 unit for n - 1
 * bytes less (two units for four bytes), each invalid byte yields one U+FFFD: so `bytes - length`
 * measures the well-formed multi-byte characters without looking at a single byte. A genuine
 * Windows-1252 file has (almost) none.
 */
function mostlyUtf8(byteLength: number, text: string): boolean {
  const multibyte = byteLength - text.length;
  if (multibyte <= 0) return false;
  let replacements = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) {
    // A U+FFFD written in the source as EF BF BD also counts 2 in `multibyte`; good enough.
    if (++replacements >= multibyte) return false;
  }
  return true;
}

function done(text: string, encoding: string): Decoded {
  let start = 0;
  while (text.charCodeAt(start) === 0xfeff) start++;
  return { text: start ? text.slice(start) : text, encoding };
}

/**
 * Rich text from a portal (HTML from Opendatasoft and DKAN, Markdown from data.gouv.fr and CKAN, often
 * both) reduced to one short paragraph of plain text for a card. The result is always rendered as
 * TEXT (a Lit text binding), never as HTML: removing tags here is about what a person reads, not
 * about safety, so a linear scanner and a few regular expressions are enough.
 *
 * Work is bounded: only the first CLIP_AT characters of the input are read, so a 1 MB description
 * costs as much as a 20 kB one.
 */

/** Longest description shown on a card, ellipsis included. */
export const DESCRIPTION_MAX = 300;

/** How much of the input is read at most. */
const CLIP_AT = 20_000;

const ELLIPSIS = '…';

/** Elements whose content is not text for a reader: dropped with their content. */
const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'head']);

/** Elements that end a line of text. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Table cells: separated by a space. */
const CELL = new Set(['td', 'th', 'caption']);

const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;
/** Markdown/HTML autolinks `<https://…>`, `<mailto:…>`, `<name@host.fr>`: their text is kept. */
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>"]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/y;

/** Index just after the `>` that ends the tag whose attributes start at `from`; -1 when unterminated. */
function tagEnd(s: string, from: number): number {
  let i = from;
  let lastNonSpace = '';
  while (i < s.length) {
    const c = s[i];
    if (c === '>') return i + 1;
    if ((c === '"' || c === "'") && lastNonSpace === '=') {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close + 1;
      lastNonSpace = c;
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n') lastNonSpace = c;
    i++;
  }
  return -1;
}

/**
 * Removes HTML markup in one pass: comments, declarations and the content of script/style/template
 * (and other non-text elements) are dropped; block elements become line breaks, cells spaces, other
 * tags nothing. A `<` that does not open a tag stays as text. An unterminated tag or dropped
 * element swallows the rest of the input (the input may have been clipped in its middle).
 */
export function stripTags(s: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      out.push(s.slice(i));
      break;
    }
    out.push(s.slice(i, lt));
    if (s.startsWith('<!--', lt)) {
      const close = s.indexOf('-->', lt + 4);
      i = close < 0 ? s.length : close + 3;
      continue;
    }
    const next = s[lt + 1];
    if (next === '!' || next === '?') {
      const close = s.indexOf('>', lt + 2);
      i = close < 0 ? s.length : close + 1;
      continue;
    }
    AUTOLINK.lastIndex = lt;
    const link = AUTOLINK.exec(s);
    if (link) {
      out.push(link[1]);
      i = AUTOLINK.lastIndex;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(s);
    if (!tag) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    const end = tagEnd(s, TAG_NAME.lastIndex);
    if (end < 0) break;
    const closing = tag[1] === '/';
    const name = tag[2].toLowerCase();
    i = end;
    if (DROPPED.has(name)) {
      if (closing || s[end - 2] === '/') continue;
      const closer = new RegExp(`</${name}(?![a-zA-Z0-9-])`, 'gi');
      closer.lastIndex = end;
      const m = closer.exec(s);
      const after = m ? s.indexOf('>', closer.lastIndex) : -1;
      i = after < 0 ? s.length : after + 1;
      out.push(' ');
    } else if (BLOCK.has(name)) {
      out.push('\n');
    } else if (CELL.has(name)) {
      out.push(' ');
    }
  }
  return out.join('');
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  NarrowNoBreakSpace: '\u202f',
  shy: '',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  oslash: 'ø',
  oelig: 'œ',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  yuml: 'ÿ',
  szlig: 'ß',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Auml: 'Ä',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Icirc: 'Î',
  Iuml: 'Ï',
  Ntilde: 'Ñ',
  Ocirc: 'Ô',
  Ouml: 'Ö',
  OElig: 'Œ',
  Ugrave: 'Ù',
  Ucirc: 'Û',
  Uuml: 'Ü',
  Yuml: 'Ÿ',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  lsaquo: '‹',
  rsaquo: '›',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  minus: '−',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  cent: '¢',
  pound: '£',
  yen: '¥',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
  plusmn: '±',
  micro: 'µ',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  ordf: 'ª',
  ordm: 'º',
  iexcl: '¡',
  iquest: '¿',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  check: '✓',
};

function codePoint(n: number): string {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

/** Decodes named (common ones, French accents included) and numeric character references, once. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g, (all, dec, hex, name) => {
    if (dec) return codePoint(Number(dec));
    if (hex) return codePoint(parseInt(hex, 16));
    const key = Object.hasOwn(NAMED, name) ? name : (name as string).toLowerCase();
    return Object.hasOwn(NAMED, key) ? NAMED[key] : all;
  });
}

/** Removes Markdown syntax, keeping the text a reader would see. */
function stripMarkdown(s: string): string {
  // Reference definitions: `[label]: https://…` lines go, and `[label]` uses become their text.
  const refs = new Set<string>();
  s = s.replace(/^ {0,3}\[([^\]\n]{1,200})\]:[ \t]*\S+.*$/gm, (_all, label: string) => {
    refs.add(label.trim().toLowerCase());
    return '';
  });
  const hasTable = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/m.test(s);
  s = s
    .split('\n')
    .map((line) => {
      // Fences (the code inside is kept), horizontal rules, setext underlines, table separator rows.
      if (/^ {0,3}(?:`{3,}|~{3,})/.test(line)) return '';
      if (/^ {0,3}(?:([-*_])[ \t]*){3,}$/.test(line)) return '';
      if (/^ {0,3}=+[ \t]*$/.test(line)) return '';
      if (/^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(line) && line.includes('|')) return '';
      line = line.replace(/^ {0,3}(?:>[ \t]?)+/, ''); // blockquote
      line = line.replace(/^ {0,3}#{1,6}(?:[ \t]+|$)/, '').replace(/[ \t]+#+[ \t]*$/, ''); // ATX heading
      line = line.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, ''); // list marker, task box
      const trimmed = line.trim();
      if (line.includes('|') && (hasTable || trimmed.startsWith('|') || trimmed.endsWith('|'))) {
        line = line.replace(/(?<!\\)\|/g, ' ');
      }
      return line;
    })
    .join('\n');
  return (
    s
      // Images and links, inline and by reference: their text.
      .replace(/!\[([^[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g, '$1')
      .replace(/!\[([^[\]\n]*)\]\[[^[\]\n]*\]/g, '$1')
      .replace(/\[([^[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g, '$1')
      .replace(/\[([^[\]\n]+)\]\[[^[\]\n]*\]/g, '$1')
      .replace(/\[([^[\]\n]+)\](?![(:[])/g, (all, label: string) =>
        refs.has(label.trim().toLowerCase()) ? label : all,
      )
      // Inline code: its text.
      .replace(/(`+)([^`]{1,2000}?)\1(?!`)/g, (_all, _ticks, code: string) => code.trim())
      // Emphasis, strong, strike-through. `_` only around words, not inside them (snake_case names).
      .replace(/(?<![\\*])(\*\*|__)(?=\S)([^\n]{0,1000}?\S)\1/g, '$2')
      .replace(/(?<!\\)~~(?=\S)([^\n]{0,1000}?\S)~~/g, '$1')
      .replace(/(?<![\\*\w])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?!\*)/g, '$1')
      .replace(/(?<![\\\w])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?!\w)/g, '$1')
      // Strong markers left unpaired (across lines, or cut): noise.
      .replace(/(?<!\\)\*{2,}/g, '')
      // Backslash escapes.
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
  );
}

/** Control characters and bidirectional overrides: never useful on a card, sometimes deceptive. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Runs of white space → one space; a lone no-break space (French typography: `n°\u00a05`,
 * `prix\u202f:`) is kept as it is.
 */
function collapse(s: string): string {
  return s
    .replace(INVISIBLE, '')
    .replace(/\s+/g, (ws) => (ws.length === 1 && (ws === '\u00a0' || ws === '\u202f') ? ws : ' '))
    .trim();
}

/**
 * Cuts `text` to at most `max` characters, ellipsis included, at a word boundary (or inside a very
 * long word when there is no boundary in the second half).
 */
function cut(text: string, max: number): string {
  if (max <= 0) return '';
  const limit = max - 1;
  if (limit === 0) return ELLIPSIS;
  let end: number;
  if (text.length <= limit) {
    // Clipped input: the last word may be partial.
    const space = text.lastIndexOf(' ');
    end = space > text.length / 2 ? space : text.length;
  } else {
    const space = text.lastIndexOf(' ', limit);
    end = space > limit / 2 ? space : limit;
  }
  // Do not split a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const head = text
    .slice(0, end)
    .replace(/[\s,;:\-–—([«]+$/u, '')
    .replace(/[.…]+$/u, '');
  return (head || text.slice(0, Math.min(end, limit))) + ELLIPSIS;
}

function finish(text: string, max: number, clipped: boolean): { text: string; truncated: boolean } {
  if (!clipped && text.length <= max) return { text, truncated: false };
  if (!text) return { text, truncated: clipped };
  return { text: cut(text, max), truncated: true };
}

/**
 * HTML or Markdown from a portal → one paragraph of plain text, at most `max` characters (`…`
 * included) cut on a word boundary. `truncated` is true when text was cut (or the input was longer
 * than what is read). Not a string → ''.
 */
export function richTextToPlain(input: unknown, max = DESCRIPTION_MAX): { text: string; truncated: boolean } {
  if (typeof input !== 'string' || !input) return { text: '', truncated: false };
  const clipped = input.length > CLIP_AT;
  const source = (clipped ? input.slice(0, CLIP_AT) : input).replace(/\r\n?/g, '\n');
  const text = collapse(decodeEntities(stripMarkdown(stripTags(source))));
  return finish(text, max, clipped);
}

/**
 * A one-line label (a title, a publisher, a licence name): tags removed, entities decoded, white
 * space collapsed, cut to `max` characters with `…`. No Markdown processing: `*` and `_` in a title
 * are the title's. Not a string (or a number) → ''.
 */
export function plainLine(input: unknown, max: number): string {
  if (typeof input === 'number' && Number.isFinite(input)) input = String(input);
  if (typeof input !== 'string' || !input) return '';
  const clipped = input.length > CLIP_AT;
  const source = clipped ? input.slice(0, CLIP_AT) : input;
  return finish(collapse(decodeEntities(stripTags(source))), max, clipped).text;
}

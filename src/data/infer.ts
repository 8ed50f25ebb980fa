/**
 * Type inference: turns the cells of one column into a typed `ColumnData`, once, at load.
 *
 * How a column is typed
 * - Every cell is trimmed for parsing (the stored text keeps the cell as given). A cell that is
 *   empty or only white space is empty. A cell that parses as none of the candidate types and is one
 *   of {@link PLACEHOLDERS} ("-", "n/a", "nd", "NC", "s", "secret", Excel errors…) is also empty
 *   for typing purposes (its text is kept).
 * - A column gets a typed type when at least {@link TYPE_THRESHOLD} (98 %) of its non-empty cells
 *   parse as that type. The other cells keep their text, get NaN in `values` and are counted in
 *   `meta.invalid`. A column with no non-empty cell is 'string'.
 * - Candidates are tried in this order, the first that passes wins: number family (code, percent,
 *   integer, number), date, boolean, geopoint, geometry (GeoJSON text), else string.
 *   A candidate is dropped for the rest of the column as soon as its failures exceed 2 % of the
 *   rows, so a text column stops being tested after a handful of cells.
 *
 * Numbers ({@link parseNumberFr})
 * - Thousands separators: space, NBSP (U+00A0), narrow NBSP (U+202F), thin space (U+2009), figure
 *   space (U+2007), or '.'/',' when repeated or followed by the other one. Groups after a separator
 *   must have exactly 3 digits ("1 234", never "12 5").
 * - Decimal separator: with both ',' and '.', the last one ("1.234,5" and "1,234.5" are 1234.5).
 *   A single ',' or a single '.' is decimal: "1,234" is 1.234 (French data uses the decimal comma).
 * - Sign '+', '-' or U+2212; exponent ("1e3", "1.5E-05", as written by scientific tools, no grouping);
 *   suffix "%" (percent), "€" or "EUR" (currency, stored as a plain number).
 * - A column is 'percent' when at least half of its numbers carry "%" (the others are read in the
 *   same unit); otherwise cells with "%" are invalid in a number column.
 * - 'integer' when no cell has a decimal part or exponent ("10000.0" makes a 'number' column).
 *
 * Codes (type 'code', no values): every number-like cell is a plain digit string and one of
 * - some cell has a leading zero ("01004", "01", "0299853802");
 * - some cell is a Corsican département code ("2A", "2B", "2A004"), the others digits;
 * - all cells have the same length ≥ 9 (SIREN, SIRET), at least two of them;
 * - the column name suggests a code and nearly all cells (the type threshold) are plain digit
 *   strings, the others being mistakes such as "78 575" (kept as text, counted invalid);
 * - all cells have the same length ≥ 5 and the column name suggests a code (code, cod…, id, siren,
 *   siret, insee, cp, postal, uai, rna, finess…), unless it also names a measure (pop, nb, montant…).
 * Plain digits followed by ".0" (a float export of a SIRET) count for the two fixed-length rules.
 * JSON numbers never make a code column.
 *
 * Dates ({@link parseDate}), stored as UTC epoch ms: d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy (day first,
 * always), yyyy-mm-dd, yyyy/mm/dd, yyyy-mm (first day of the month), each optionally followed by
 * a time ('T' or a space, hh:mm[:ss[.fff]]) and a zone (Z, ±hh, ±hh:mm, ±hhmm). Impossible dates
 * are rejected. A plain date is UTC midnight; a date-time without zone is read as UTC wall-clock
 * time; a date-time with a zone is converted to the instant it names. Two-digit years are not dates.
 * `meta.time` is true when some value is not at a UTC midnight (it has a time of day, or a zone
 * moved it), so a column without it can be shown as plain dates in UTC.
 *
 * Booleans ({@link parseBoolean}): oui/non, true/false, vrai/faux, yes/no, any case; t/f only when
 * both appear in the column; 0/1 count as booleans only in a column that also has words (a 0/1
 * column stays 'integer').
 *
 * Geo points ({@link parseGeoPoint}): "lat,lon" or "lat, lon" (Opendatasoft geo_point_2d order),
 * "lat;lon" (then the decimal may be a comma), optionally in [] or (), or WKT "POINT (lon lat)",
 * with lat in [-90, 90] and lon in [-180, 180].
 *
 * JSON values ({@link buildColumnFromValues}): numbers are taken as they are ('integer' or
 * 'number', never 'code'); strings, booleans and Dates go through the same inference as CSV text
 * (so numbers mixed with "3,5" stay numeric); {lat, lon} objects (also lng, latitude, longitude,
 * and [lat, lon] arrays in a column named like geo_point_2d) make a 'geopoint' column with text
 * "lat,lon"; GeoJSON geometries (or Features, unwrapped to their geometry) make a 'geometry'
 * column with an empty text; any other object or array makes a 'json' column whose text is the
 * JSON; null, undefined, NaN and ±Infinity are empty.
 *
 * Performance: one pass over the packed text of the column (no per-cell allocation on the common
 * paths), character-code checks with fixed-position fast paths for the usual forms, a regular
 * expression only for WKT points, each candidate dropped once it fails too often, and the values
 * written once into one Float64Array.
 *
 * No DOM, no Lit. Never throws.
 */
import type { ColumnData, ColumnMeta, ColumnType, GeoPoint } from './model.ts';
import { normalizeName, packText } from './model.ts';

/** Share of the non-empty cells that must parse for a column to get a typed type. */
export const TYPE_THRESHOLD = 0.98;

/** How many of `count` cells may fail a type: 2 % rounded down (computed without float surprises). */
function allowedFailures(count: number): number {
  return Math.floor((count * Math.round((1 - TYPE_THRESHOLD) * 1000)) / 1000);
}

/** Cell texts (compared trimmed, case-insensitively) that mean "no value" in a typed column. */
export const PLACEHOLDERS: readonly string[] = `
  - -- --- – — . n/a na n.a. n.a n/d nd n.d. n.d nc n.c. n.c s secret null nan
  #n/a #na #div/0! #valeur! #value! #ref! #nom? #name? #num! #null!
`
  .trim()
  .split(/\s+/);
const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS);
const PLACEHOLDER_MAX = 8;

// ---------------------------------------------------------------------------------------------
// Characters

/** White space for trimming: ASCII blanks and controls, NBSP, the Unicode spaces, BOM. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return (
    c >= 0xa0 &&
    (c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)
  );
}

/** Spaces accepted as thousands separators. */
function isGroupSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007 || c === 0x2008;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);
const TWO_53 = 9007199254740992;

// ---------------------------------------------------------------------------------------------
// Numbers

// The value parsed by the last successful scanNumber or dateAt: returning a double from a function
// allocates a heap number, writing it to a typed array does not.
const OUT = new Float64Array(1);
// Details of the last successful scanNumber, kept in module variables to avoid allocating per cell.
let numFlags = 0;
let numDecimals = 0;
let numIntLen = 0;

const NF_PLAIN = 1; // only ASCII digits, nothing else
const NF_LEAD0 = 2; // plain, several digits, the first is 0
const NF_PERCENT = 4;
const NF_CURRENCY = 8;
const NF_DECIMAL = 16; // has a decimal part or an exponent
const NF_ZEROFRAC = 32; // digits '.' zeros ("21860194600000.0")

/**
 * Parses s[a, b) (already trimmed, non-empty) as a number: true with the value in OUT[0] and the
 * details in numFlags, numDecimals, numIntLen. This small function (which the compiler inlines)
 * handles "6275" and "12,5" / "12.5"; everything else goes to scanNumberFull.
 */
function scanNumber(s: string, a: number, b: number): boolean {
  let m = 0;
  let k = a;
  let c = 0;
  for (; k < b; k++) {
    c = s.charCodeAt(k);
    if (c < 48 || c > 57) break;
    m = m * 10 + (c - 48);
  }
  const digits = k - a;
  if (digits === 0 || digits > 15) return scanNumberFull(s, a, b);
  if (k === b) {
    numDecimals = 0;
    numIntLen = digits;
    numFlags = digits > 1 && s.charCodeAt(a) === 48 ? NF_PLAIN | NF_LEAD0 : NF_PLAIN;
    OUT[0] = m;
    return true;
  }
  if (c !== 44 && c !== 46) return scanNumberFull(s, a, b);
  const dp = k;
  let zero = true;
  for (k++; k < b; k++) {
    c = s.charCodeAt(k);
    if (c < 48 || c > 57) return scanNumberFull(s, a, b);
    m = m * 10 + (c - 48);
    if (c !== 48) zero = false;
  }
  const fd = b - dp - 1;
  if (fd === 0 || digits + fd > 15) return scanNumberFull(s, a, b);
  numDecimals = fd;
  numIntLen = digits;
  numFlags = zero && s.charCodeAt(dp) === 46 ? NF_DECIMAL | NF_ZEROFRAC : NF_DECIMAL;
  OUT[0] = m / POW10[fd];
  return true;
}

/** The number parser for everything (suffixes, signs, groups, exponents), see the file header. */
function scanNumberFull(s: string, a: number, b: number): boolean {
  numDecimals = 0;
  numIntLen = 0;
  // Suffixes: "%", "€", "EUR".
  let flags = 0;
  let e = b;
  let c = s.charCodeAt(e - 1);
  if (c < 48) {
    if (c === 37) {
      flags = NF_PERCENT;
      e--;
    }
  } else if (c > 57) {
    if (c === 0x20ac) {
      flags = NF_CURRENCY;
      e--;
    } else if (
      (c | 0x20) === 114 &&
      e - a >= 4 &&
      (s.charCodeAt(e - 2) | 0x20) === 117 &&
      (s.charCodeAt(e - 3) | 0x20) === 101
    ) {
      flags = NF_CURRENCY;
      e -= 3;
    }
  }
  if (flags) {
    while (e > a && isSpace(s.charCodeAt(e - 1))) e--;
    if (e === a) return false;
  }
  // Fast path: -? digits (space 3digits)* ([,.] digits)?  e.g. "6275", "-12,5", "40 000,00", "10000.0".
  let k = a;
  c = s.charCodeAt(k);
  const neg = c === 45;
  if (neg && ++k < e) c = s.charCodeAt(k);
  const start = k;
  let m = 0;
  while (k < e && c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    if (++k < e) c = s.charCodeAt(k);
  }
  let digits = k - start;
  if (digits === 0) return scanNumberSlow(s, a, e, flags);
  let grouped = false;
  if (k < e && isGroupSpace(c)) {
    if (digits > 3) return scanNumberSlow(s, a, e, flags);
    do {
      if (k + 3 >= e) return scanNumberSlow(s, a, e, flags);
      const d1 = s.charCodeAt(k + 1) - 48;
      const d2 = s.charCodeAt(k + 2) - 48;
      const d3 = s.charCodeAt(k + 3) - 48;
      if (d1 >>> 0 > 9 || d2 >>> 0 > 9 || d3 >>> 0 > 9) return scanNumberSlow(s, a, e, flags);
      m = m * 1000 + d1 * 100 + d2 * 10 + d3;
      digits += 3;
      k += 4;
      grouped = true;
      if (k < e) c = s.charCodeAt(k);
    } while (k < e && isGroupSpace(c));
  }
  let dp = -1;
  let zero = true;
  if (k < e) {
    if (c !== 44 && c !== 46) return scanNumberSlow(s, a, e, flags);
    dp = k;
    while (++k < e) {
      c = s.charCodeAt(k);
      if (c < 48 || c > 57) return scanNumberSlow(s, a, e, flags);
      m = m * 10 + (c - 48);
      if (c !== 48) zero = false;
    }
  }
  const fd = dp < 0 ? 0 : e - dp - 1;
  if ((dp >= 0 && fd === 0) || fd > 22 || m >= TWO_53) return scanNumberSlow(s, a, e, flags);
  let v = fd === 0 ? m : m / POW10[fd];
  if (neg) v = v === 0 ? 0 : -v;
  if (dp >= 0) {
    flags |= NF_DECIMAL;
    numDecimals = fd > 20 ? 20 : fd;
  }
  if (!neg && !grouped && (flags & (NF_PERCENT | NF_CURRENCY)) === 0) {
    if (dp < 0) {
      flags |= digits > 1 && s.charCodeAt(a) === 48 ? NF_PLAIN | NF_LEAD0 : NF_PLAIN;
      numIntLen = digits;
    } else if (zero && s.charCodeAt(dp) === 46) {
      flags |= NF_ZEROFRAC;
      numIntLen = dp - a;
    }
  }
  numFlags = flags;
  OUT[0] = v;
  return true;
}

/** The general number parser, for what the fast path does not cover; s[a, e) has no suffix. */
function scanNumberSlow(s: string, a: number, e: number, flags: number): boolean {
  numFlags = 0;
  numDecimals = 0;
  numIntLen = 0;
  let c = 0;
  let i = a;
  let neg = false;
  let signed = false;
  c = s.charCodeAt(i);
  if (c === 45 || c === 0x2212) {
    neg = true;
    signed = true;
    i++;
  } else if (c === 43) {
    signed = true;
    i++;
  }
  if (i >= e) return false;
  // Pass 1: which separators are there, and where is an exponent.
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  let spaces = 0;
  let expAt = -1;
  for (let k = i; k < e; k++) {
    c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if (c === 44) {
      commas++;
      lastComma = k;
    } else if (c === 46) {
      dots++;
      lastDot = k;
    } else if ((c | 0x20) === 101) {
      expAt = k;
      break;
    } else if (isGroupSpace(c)) spaces++;
    else return false;
  }
  const mEnd = expAt < 0 ? e : expAt;
  let dp = -1; // index of the decimal separator
  let group = 0; // 0 none, 32 spaces, 44 comma, 46 dot
  if (commas && dots) {
    if (lastComma > lastDot) {
      if (commas !== 1) return false;
      dp = lastComma;
      group = 46;
    } else {
      if (dots !== 1) return false;
      dp = lastDot;
      group = 44;
    }
  } else if (commas) {
    if (commas === 1) dp = lastComma;
    else group = 44;
  } else if (dots) {
    if (dots === 1) dp = lastDot;
    else group = 46;
  }
  if (spaces) {
    if (group) return false;
    group = 32;
  }
  if (expAt >= 0 && group) return false;
  // Pass 2: integer part with its groups.
  const intEnd = dp >= 0 ? dp : mEnd;
  let m = 0;
  let digits = 0;
  let cur = 0;
  let grouped = false;
  for (let k = i; k < intEnd; k++) {
    c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      cur++;
      digits++;
    } else {
      if (group === 32 ? !isGroupSpace(c) : c !== group) return false;
      if (grouped ? cur !== 3 : cur < 1 || cur > 3) return false;
      grouped = true;
      cur = 0;
    }
  }
  if (grouped && cur !== 3) return false;
  const intDigits = digits;
  // Fraction.
  let fd = 0;
  let zeroFrac = true;
  if (dp >= 0) {
    for (let k = dp + 1; k < mEnd; k++) {
      c = s.charCodeAt(k);
      if (c < 48 || c > 57) return false;
      m = m * 10 + (c - 48);
      if (c !== 48) zeroFrac = false;
      fd++;
    }
    if (fd === 0) return false;
    digits += fd;
  }
  if (digits === 0) return false;
  // Exponent.
  let exp = 0;
  if (expAt >= 0) {
    let k = expAt + 1;
    let eneg = false;
    c = k < e ? s.charCodeAt(k) : 0;
    if (c === 45 || c === 43) {
      eneg = c === 45;
      k++;
    }
    const start = k;
    for (; k < e; k++) {
      c = s.charCodeAt(k);
      if (c < 48 || c > 57) return false;
      exp = exp * 10 + (c - 48);
    }
    const n = k - start;
    if (n < 1 || n > 3) return false;
    if (eneg) exp = -exp;
  }
  let v: number;
  const scale = exp - fd;
  if (m < TWO_53 && scale >= -22 && scale <= 22) {
    // Exact operands: one correctly rounded operation gives the closest double, as Number() would.
    v = scale === 0 ? m : scale > 0 ? m * POW10[scale] : m / POW10[-scale];
  } else {
    v = Number(cleanNumber(s, i, intEnd, dp, mEnd) + (exp ? 'e' + exp : ''));
  }
  if (neg) v = -v;
  if (v === 0) v = 0; // no -0
  if (!Number.isFinite(v)) return false;
  if (dp >= 0 || expAt >= 0) {
    flags |= NF_DECIMAL;
    const dec = fd - exp;
    numDecimals = dec > 0 ? (dec > 20 ? 20 : dec) : 0;
  }
  if (!signed && !grouped && !(flags & (NF_PERCENT | NF_CURRENCY)) && expAt < 0) {
    if (dp < 0) {
      flags |= NF_PLAIN;
      if (intDigits > 1 && s.charCodeAt(i) === 48) flags |= NF_LEAD0;
    } else if (zeroFrac && intDigits > 0 && s.charCodeAt(dp) === 46) flags |= NF_ZEROFRAC;
    numIntLen = intDigits;
  }
  numFlags = flags;
  OUT[0] = v;
  return true;
}

/** The digits of a long number as a JS numeric literal (rare path: more than 2^53). */
function cleanNumber(s: string, i: number, intEnd: number, dp: number, mEnd: number): string {
  let out = '';
  for (let k = i; k < intEnd; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) out += s[k];
  }
  if (dp >= 0) out += '.' + s.slice(dp + 1, mEnd);
  return out || '0';
}

/** "2A", "2B", "2A004": Corsican département and commune codes. */
function isCorsicaCode(s: string, a: number, b: number): boolean {
  const len = b - a;
  if (len < 2 || len > 5 || s.charCodeAt(a) !== 50) return false;
  const c = s.charCodeAt(a + 1) | 0x20;
  if (c !== 97 && c !== 98) return false;
  for (let k = a + 2; k < b; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Dates

let dateTime = false; // the last parsed date is not at a UTC midnight

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (y ≥ 1). */
function daysFromCivil(y: number, m: number, d: number): number {
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Day number of the first day of every month of 1800..2199 (and of January 2200): a table lookup
// instead of calendar arithmetic for the dates open data holds.
const TABLE_Y0 = 1800;
const TABLE_Y1 = 2200;
const MONTH_START = new Float64Array((TABLE_Y1 - TABLE_Y0) * 12 + 1);
for (let k = 0; k < MONTH_START.length; k++)
  MONTH_START[k] = daysFromCivil(TABLE_Y0 + Math.floor(k / 12), (k % 12) + 1, 1);

/** Days since 1970-01-01, or NaN when the date does not exist (31/02, month 13, year 0). */
function dayNumber(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1) return NaN;
  if (y >= TABLE_Y0 && y < TABLE_Y1) {
    const k = (y - TABLE_Y0) * 12 + m - 1;
    const first = MONTH_START[k];
    return d > MONTH_START[k + 1] - first ? NaN : first + d - 1;
  }
  return y < 1 || d > daysInMonth(y, m) ? NaN : daysFromCivil(y, m, d);
}

/** Two digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const x = s.charCodeAt(i) - 48;
  const y = s.charCodeAt(i + 1) - 48;
  return x >>> 0 > 9 || y >>> 0 > 9 ? -1 : x * 10 + y;
}

/** Parses s[a, b) (trimmed) as a date or date-time; UTC epoch ms or NaN. */
function dateAt(s: string, a: number, b: number): boolean {
  const len = b - a;
  if (len < 7 || len > 40) return false;
  // Fast paths at fixed positions: yyyy-mm-dd, yyyy/mm/dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy.
  if (len >= 10) {
    const c4 = s.charCodeAt(a + 4);
    const c2 = s.charCodeAt(a + 2);
    let y = -1;
    let m = -1;
    let d = -1;
    if ((c4 === 45 || c4 === 47) && s.charCodeAt(a + 7) === c4) {
      const hi = two(s, a);
      const lo = two(s, a + 2);
      if (hi >= 0 && lo >= 0) y = hi * 100 + lo;
      m = two(s, a + 5);
      d = two(s, a + 8);
    } else if ((c2 === 47 || c2 === 45 || c2 === 46) && s.charCodeAt(a + 5) === c2) {
      d = two(s, a);
      m = two(s, a + 3);
      const hi = two(s, a + 6);
      const lo = two(s, a + 8);
      if (hi >= 0 && lo >= 0) y = hi * 100 + lo;
    }
    if (y >= 0 && m >= 0 && d >= 0 && (len === 10 || !isDigit(s.charCodeAt(a + 10)))) {
      const day = dayNumber(y, m, d);
      if (day !== day) return false;
      dateTime = false;
      if (len > 10) return timeAt(s, a + 10, b, day * 86400000);
      OUT[0] = day * 86400000;
      return true;
    }
  }
  return dateAtSlow(s, a, b);
}

/** Dates with one-digit days or months ("1/3/2020", "2020-3-1") and "yyyy-mm". */
function dateAtSlow(s: string, a: number, b: number): boolean {
  let i = a;
  let c = 0;
  while (i < b && isDigit((c = s.charCodeAt(i)))) i++;
  const run = i - a;
  if (i >= b) return false;
  const sep = c;
  let y = 0;
  let m = 0;
  let d = 0;
  let n = 0;
  if (run === 4) {
    if (sep !== 45 && sep !== 47) return false;
    y = (s.charCodeAt(a) - 48) * 1000 + (s.charCodeAt(a + 1) - 48) * 100 + (s.charCodeAt(a + 2) - 48) * 10;
    y += s.charCodeAt(a + 3) - 48;
    i++;
    for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) m = m * 10 + (c - 48);
    if (n < 1 || n > 2) return false;
    if (i === b) {
      if (sep !== 45 || n !== 2) return false; // yyyy-mm
      d = 1;
    } else {
      if (c !== sep) return false;
      i++;
      for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) d = d * 10 + (c - 48);
      if (n < 1 || n > 2) return false;
    }
  } else if (run === 1 || run === 2) {
    if (sep !== 47 && sep !== 45 && sep !== 46) return false;
    d = run === 1 ? s.charCodeAt(a) - 48 : (s.charCodeAt(a) - 48) * 10 + (s.charCodeAt(a + 1) - 48);
    i++;
    for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) m = m * 10 + (c - 48);
    if (n < 1 || n > 2 || i >= b || c !== sep) return false;
    i++;
    for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) y = y * 10 + (c - 48);
    if (n !== 4) return false;
  } else return false;
  const day = dayNumber(y, m, d);
  if (day !== day) return false;
  dateTime = false;
  if (i < b) return timeAt(s, i, b, day * 86400000);
  OUT[0] = day * 86400000;
  return true;
}

/** Parses the time part s[i, b) after a date ('T' or ' ', hh:mm[:ss[.fff]], zone) and adds it to ms. */
function timeAt(s: string, i: number, b: number, ms: number): boolean {
  let c = s.charCodeAt(i);
  if (c !== 84 && c !== 116 && c !== 32) return false;
  i++;
  let h = 0;
  let n = 0;
  for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) h = h * 10 + (c - 48);
  if (n < 1 || n > 2 || i >= b || c !== 58) return false;
  const mi = i + 2 < b ? two(s, i + 1) : -1;
  if (mi < 0) return false;
  i += 3;
  let sec = 0;
  let frac = 0;
  if (i < b && s.charCodeAt(i) === 58) {
    sec = i + 2 < b ? two(s, i + 1) : -1;
    if (sec < 0) return false;
    i += 3;
    c = i < b ? s.charCodeAt(i) : 0;
    if (c === 46 || c === 44) {
      i++;
      let scale = 100;
      for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) {
        frac += (c - 48) * scale;
        scale /= 10;
      }
      if (n < 1 || n > 9) return false;
      frac = Math.floor(frac);
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  const tod = ((h * 60 + mi) * 60 + sec) * 1000 + frac;
  ms += tod;
  // Zone.
  if (i < b) {
    c = s.charCodeAt(i);
    if (c === 90 || c === 122) {
      if (i + 1 !== b) return false;
    } else if (c === 43 || c === 45 || c === 0x2212) {
      const sign = c === 43 ? 1 : -1;
      i++;
      let zh = 0;
      for (n = 0; i < b && isDigit((c = s.charCodeAt(i))); n++, i++) zh = zh * 10 + (c - 48);
      let zm = 0;
      if (n === 4) {
        zm = zh % 100;
        zh = Math.floor(zh / 100);
      } else if (n === 2) {
        if (i < b) {
          if (c !== 58) return false;
          zm = i + 2 < b ? two(s, i + 1) : -1;
          i += 3;
          if (zm < 0) return false;
        }
      } else return false;
      if (i !== b || zh > 23 || zm > 59) return false;
      ms -= sign * (zh * 60 + zm) * 60000;
    } else return false;
  }
  dateTime = ms % 86400000 !== 0;
  OUT[0] = ms;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Booleans

let boolWeak = 0; // last parsed boolean: 0 word, 1 "t"/"f", 2 "0"/"1"

function wordAt(s: string, a: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if ((s.charCodeAt(a + k) | 0x20) !== w.charCodeAt(k)) return false;
  return true;
}

/** Parses s[a, b) (trimmed) as a boolean: 1, 0 or NaN. */
function boolAt(s: string, a: number, b: number): number {
  boolWeak = 0;
  switch (b - a) {
    case 1: {
      const c = s.charCodeAt(a);
      boolWeak = 1;
      if ((c | 0x20) === 116) return 1;
      if ((c | 0x20) === 102) return 0;
      boolWeak = 2;
      if (c === 49) return 1;
      if (c === 48) return 0;
      return NaN;
    }
    case 2:
      return wordAt(s, a, 'no') ? 0 : NaN;
    case 3:
      return wordAt(s, a, 'oui') || wordAt(s, a, 'yes') ? 1 : wordAt(s, a, 'non') ? 0 : NaN;
    case 4:
      return wordAt(s, a, 'true') || wordAt(s, a, 'vrai') ? 1 : wordAt(s, a, 'faux') ? 0 : NaN;
    case 5:
      return wordAt(s, a, 'false') ? 0 : NaN;
    default:
      return NaN;
  }
}

// ---------------------------------------------------------------------------------------------
// Geo points

// Outputs of the point parsers, in a typed array so that writing a double does not allocate:
// [0] the last decimal scanned, [1] latitude, [2] longitude of the last point recognised.
const GEO = new Float64Array(3);

/** Scans a decimal ('-'? digits (dec digits)?) at i: its end (value in GEO[0]), or -1. */
function scanDecimal(s: string, i: number, b: number, dec: number): number {
  if (i >= b) return -1;
  const start = i;
  let c = s.charCodeAt(i);
  const neg = c === 45;
  if (neg || c === 43) i++;
  let m = 0;
  let n = 0;
  for (; i < b; i++, n++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    m = m * 10 + (c - 48);
  }
  if (n === 0) return -1;
  let fd = 0;
  if (i < b && c === dec) {
    for (i++; i < b; i++, fd++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      m = m * 10 + (c - 48);
    }
    if (fd === 0) return -1;
  }
  let v: number;
  if (m < TWO_53 && fd <= 22) v = m / POW10[fd];
  else {
    const t = s.slice(neg || s.charCodeAt(start) === 43 ? start + 1 : start, i);
    v = Number(dec === 46 ? t : t.replace(',', '.'));
  }
  GEO[0] = neg ? -v : v;
  return i;
}

function skipSpaces(s: string, i: number, b: number): number {
  while (i < b && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Keeps a point in GEO[1], GEO[2] when both coordinates are in range. */
function setPoint(lat: number, lon: number): boolean {
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return false;
  GEO[1] = lat === 0 ? 0 : lat;
  GEO[2] = lon === 0 ? 0 : lon;
  return true;
}

const WKT_POINT = /^point\s*\(\s*([-+]?\d+(?:\.\d+)?)\s+([-+]?\d+(?:\.\d+)?)\s*\)$/i;

/** Parses s[a, b) (trimmed) as a point; true with lat, lon in GEO[1], GEO[2]. */
function geoAt(s: string, a: number, b: number): boolean {
  let c = s.charCodeAt(a);
  if (c === 80 || c === 112) {
    const m = WKT_POINT.exec(s.slice(a, b));
    return m !== null && setPoint(Number(m[2]), Number(m[1]));
  }
  if (c === 91 || c === 40) {
    if (s.charCodeAt(b - 1) !== (c === 91 ? 93 : 41)) return false;
    a = skipSpaces(s, a + 1, b);
    b--;
    while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  } else if (c !== 45 && c !== 43 && !isDigit(c)) return false;
  // "lat,lon", "lat, lon", "lat;lon" with '.' decimals, then "lat;lon" with ',' decimals.
  for (let dec = 46; ; dec = 44) {
    const e1 = scanDecimal(s, a, b, dec);
    if (e1 > 0) {
      const lat = GEO[0];
      let j = skipSpaces(s, e1, b);
      c = j < b ? s.charCodeAt(j) : 0;
      if (c === 59 || (c === 44 && dec === 46)) {
        j = skipSpaces(s, j + 1, b);
        if (scanDecimal(s, j, b, dec) === b) return setPoint(lat, GEO[0]);
      }
    }
    if (dec === 44) return false;
  }
}

// ---------------------------------------------------------------------------------------------
// GeoJSON geometries

const GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** The GeoJSON geometry of a value (a geometry, or a Feature's geometry), else undefined. */
export function asGeometry(v: unknown): object | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as { type?: unknown; coordinates?: unknown; geometries?: unknown; geometry?: unknown };
  const t = o.type;
  if (typeof t !== 'string') return undefined;
  if (t === 'Feature') return o.geometry === null ? undefined : asGeometry(o.geometry);
  if (!GEOMETRY_TYPES.has(t)) return undefined;
  if (t === 'GeometryCollection') return Array.isArray(o.geometries) ? o : undefined;
  return Array.isArray(o.coordinates) ? o : undefined;
}

/** An object that means to be a GeoJSON geometry: a string `type` and `coordinates` or `geometries`. */
function geometryShaped(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.type === 'string' && ('coordinates' in o || 'geometries' in o);
}

/** Parses s[a, b) (trimmed) as the JSON text of a GeoJSON geometry. */
function geometryAt(s: string, a: number, b: number): object | undefined {
  if (s.charCodeAt(a) !== 123 || s.charCodeAt(b - 1) !== 125) return undefined;
  try {
    return asGeometry(JSON.parse(a === 0 && b === s.length ? s : s.slice(a, b)));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Placeholders and names

function placeholderAt(s: string, a: number, b: number): boolean {
  if (b - a > PLACEHOLDER_MAX) return false;
  return PLACEHOLDER_SET.has(s.slice(a, b).toLowerCase());
}

const CODE_WORDS: ReadonlySet<string> = new Set(
  `id ident identifiant siren siret insee cp postal codepostal depcode regcode uai rna finess nic ape naf
  arrondissement commune codgeo epci`.split(/\s+/),
);
const MEASURE_WORDS: ReadonlySet<string> = new Set(
  `pop population nb nbr nbre nombre montant mt total effectif effectifs count somme prix surface superficie
  timestamp epoch`.split(/\s+/),
);

/** Words of a column name: camelCase split, lower case, no accents. */
function nameWords(name: string): string[] {
  return normalizeName(name.replace(/([a-z])([A-Z])/g, '$1 $2')).split(/[^a-z0-9]+/);
}

/** Whether a column name suggests an identifier code (and names no measure). */
export function isCodeName(name: string): boolean {
  let code = false;
  for (const w of nameWords(name)) {
    if (MEASURE_WORDS.has(w)) return false;
    if (CODE_WORDS.has(w) || w.startsWith('cod')) code = true;
  }
  return code;
}

/** Whether a column name suggests a "lat,lon" point stored as a two-number array (geo_point_2d). */
function isPointName(name: string): boolean {
  const n = normalizeName(name).replace(/ /g, '');
  return n.includes('geopoint') || n.startsWith('coordonnee') || n === 'latlon' || n === 'latlng';
}

// ---------------------------------------------------------------------------------------------
// Column inference

const C_NUM = 1;
const C_DATE = 2;
const C_BOOL = 4;
const C_GEO = 8;
const C_GEOM = 16;

// What parsed a cell first (per row, so the final fill knows which values to keep).
const K_NUM = 1;
const K_PCT = 2;
const K_DATE = 3;
const K_BOOL = 4;
const K_GEO = 5;
const K_GEOM = 6;
const K_CODE = 7;

interface InferOptions {
  /** JSON numbers were seen: never a code column. */
  noCode?: boolean;
}

/** What the scan of one column found: counters, statistics and the arrays it filled. */
class Scan {
  alive = C_NUM | C_DATE | C_BOOL | C_GEO | C_GEOM;
  maxFails = 0;
  blanks = 0;
  placeholders = 0;
  vNum = 0;
  vPct = 0;
  vCorsica = 0;
  vDate = 0;
  vBool = 0;
  vGeo = 0;
  vGeom = 0;
  // number statistics
  decNum = 0;
  decPct = 0;
  fracNum = false;
  plain = 0;
  zeroFrac = 0;
  lead0 = 0;
  minLen = 1e9;
  maxLen = 0;
  // date and boolean statistics
  time = false;
  boolWords = 0;
  boolT = false;
  boolF = false;
  vals: Float64Array | undefined = undefined;
  vals2: Float64Array | undefined = undefined;
  kinds: Uint8Array | undefined = undefined;
  objs: unknown[] | undefined = undefined;
}

/** The hot loop: every cell once, every candidate still alive. Counters live in locals. */
function scanCells(st: Scan, s: string, off: Uint32Array, n: number): void {
  const maxFails = st.maxFails;
  let alive = st.alive;
  let blanks = 0,
    placeholders = 0;
  let fNum = 0,
    fDate = 0,
    fBool = 0,
    fGeo = 0,
    fGeom = 0;
  let vNum = 0,
    vPct = 0,
    vCorsica = 0,
    vDate = 0,
    vBool = 0,
    vGeo = 0,
    vGeom = 0;
  let decNum = 0,
    decPct = 0,
    fracNum = false,
    plain = 0,
    zeroFrac = 0,
    lead0 = 0,
    minLen = 1e9,
    maxLen = 0;
  let time = false,
    boolWords = 0,
    boolT = false,
    boolF = false;
  let vals: Float64Array | undefined;
  let vals2: Float64Array | undefined;
  let kinds: Uint8Array | undefined;
  let objs: unknown[] | undefined;
  for (let i = 0; i < n; i++) {
    let a = off[i];
    let b = off[i + 1];
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    if (a === b) {
      blanks++;
      continue;
    }
    if (alive === 0) {
      // No candidate left (a text column): only blank cells are still counted.
      blanks += countBlanks(s, off, i + 1, n);
      break;
    }
    while (isSpace(s.charCodeAt(b - 1))) b--;
    let kind = 0;
    let failed = 0;
    if (alive & C_NUM) {
      if (scanNumber(s, a, b)) {
        const f = numFlags;
        vNum++;
        if (f & NF_PERCENT) {
          vPct++;
          kind = K_PCT;
          if (numDecimals > decPct) decPct = numDecimals;
        } else {
          kind = K_NUM;
          if (f & NF_DECIMAL) {
            fracNum = true;
            if (numDecimals > decNum) decNum = numDecimals;
          }
        }
        if (f & (NF_PLAIN | NF_ZEROFRAC)) {
          if (f & NF_PLAIN) plain++;
          else zeroFrac++;
          if (f & NF_LEAD0) lead0++;
          if (numIntLen < minLen) minLen = numIntLen;
          if (numIntLen > maxLen) maxLen = numIntLen;
        }
        if (vals === undefined) vals = new Float64Array(n);
        vals[i] = OUT[0];
      } else if (isCorsicaCode(s, a, b)) {
        vCorsica++;
        kind = K_CODE;
      } else failed = C_NUM;
    }
    if (alive & C_DATE) {
      if (dateAt(s, a, b)) {
        vDate++;
        if (dateTime) time = true;
        if (kind === 0) {
          kind = K_DATE;
          if (vals === undefined) vals = new Float64Array(n);
          vals[i] = OUT[0];
        }
      } else failed |= C_DATE;
    }
    if (alive & C_BOOL) {
      const v = boolAt(s, a, b);
      if (v === v) {
        vBool++;
        if (boolWeak === 0) boolWords++;
        else if (boolWeak === 1) {
          if (v) boolT = true;
          else boolF = true;
        }
        if (kind === 0) {
          kind = K_BOOL;
          if (vals === undefined) vals = new Float64Array(n);
          vals[i] = v;
        }
      } else failed |= C_BOOL;
    }
    if (alive & C_GEO) {
      if (geoAt(s, a, b)) {
        vGeo++;
        if (kind === 0) {
          kind = K_GEO;
          if (vals === undefined) vals = new Float64Array(n);
          if (vals2 === undefined) vals2 = new Float64Array(n);
          vals[i] = GEO[1];
          vals2[i] = GEO[2];
        }
      } else failed |= C_GEO;
    }
    if (alive & C_GEOM) {
      const g = geometryAt(s, a, b);
      if (g !== undefined) {
        vGeom++;
        if (kind === 0) {
          kind = K_GEOM;
          if (objs === undefined) objs = new Array<unknown>(n);
          objs[i] = g;
        }
      } else failed |= C_GEOM;
    }
    if (kind !== 0) {
      if (kinds === undefined) kinds = new Uint8Array(n);
      kinds[i] = kind;
    } else if (placeholderAt(s, a, b)) {
      placeholders++;
      continue;
    }
    if (failed !== 0) {
      if (failed & C_NUM && ++fNum > maxFails) alive &= ~C_NUM;
      if (failed & C_DATE && ++fDate > maxFails) alive &= ~C_DATE;
      if (failed & C_BOOL && ++fBool > maxFails) alive &= ~C_BOOL;
      if (failed & C_GEO && ++fGeo > maxFails) alive &= ~C_GEO;
      if (failed & C_GEOM && ++fGeom > maxFails) alive &= ~C_GEOM;
    }
  }
  st.alive = alive;
  st.blanks = blanks;
  st.placeholders = placeholders;
  st.vNum = vNum;
  st.vPct = vPct;
  st.vCorsica = vCorsica;
  st.vDate = vDate;
  st.vBool = vBool;
  st.vGeo = vGeo;
  st.vGeom = vGeom;
  st.decNum = decNum;
  st.decPct = decPct;
  st.fracNum = fracNum;
  st.plain = plain;
  st.zeroFrac = zeroFrac;
  st.lead0 = lead0;
  st.minLen = minLen;
  st.maxLen = maxLen;
  st.time = time;
  st.boolWords = boolWords;
  st.boolT = boolT;
  st.boolF = boolF;
  st.vals = vals;
  st.vals2 = vals2;
  st.kinds = kinds;
  st.objs = objs;
}

/** The number of cells in [from, n) that are empty or only white space. */
function countBlanks(s: string, off: Uint32Array, from: number, n: number): number {
  let blanks = 0;
  for (let i = from; i < n; i++) {
    let a = off[i];
    const b = off[i + 1];
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    if (a === b) blanks++;
  }
  return blanks;
}

function inferColumn(name: string, cells: readonly string[], opts: InferOptions): ColumnData {
  const n = cells.length;
  const packed = packText(cells);
  const st = new Scan();
  st.maxFails = allowedFailures(n);
  scanCells(st, packed.text, packed.offsets, n);
  return decide(name, packed, st, opts);
}

/** Picks the column type from the scan counters and fills the values once. */
function decide(
  name: string,
  packed: { text: string; offsets: Uint32Array },
  st: Scan,
  opts: InferOptions,
): ColumnData {
  const n = packed.offsets.length - 1;
  const nonEmpty = n - st.blanks - st.placeholders;
  const need = nonEmpty - allowedFailures(nonEmpty);
  const empty = st.blanks + st.placeholders;
  const alive = st.alive;
  const done = (type: ColumnType, valid: number, meta: ColumnMeta = {}): ColumnData => ({
    name,
    type,
    ...packed,
    meta: { ...meta, invalid: nonEmpty - valid, empty },
  });
  if (nonEmpty > 0) {
    const { vNum, vPct, vCorsica, plain, zeroFrac, minLen, maxLen } = st;
    if (alive & C_NUM && vNum + vCorsica >= need) {
      // Codes first: digit strings that must stay text.
      const fixed = minLen === maxLen;
      const code =
        !opts.noCode &&
        ((plain === vNum && (vCorsica > 0 || st.lead0 > 0)) ||
          (plain + zeroFrac === vNum && fixed && ((minLen >= 9 && vNum >= 2) || (minLen >= 5 && isCodeName(name)))) ||
          // A column named like a code (code_insee, siren…) stays text even when messy: a few
          // cells written "78 575" or "6.09447" do not make INSEE codes numbers.
          (isCodeName(name) && plain + vCorsica >= need && plain + vCorsica < vNum + vCorsica));
      if (code) return done('code', vNum + vCorsica);
      if (vPct > 0 && vPct * 2 >= vNum && vNum >= need) {
        const col = done('percent', vNum, { decimals: Math.max(st.decNum, st.decPct) });
        col.values = keep(st.vals!, st.kinds!, n, K_NUM, K_PCT);
        return col;
      }
      if (vNum - vPct >= need) {
        const col = done(st.fracNum ? 'number' : 'integer', vNum - vPct, { decimals: st.decNum });
        col.values = keep(st.vals!, st.kinds!, n, K_NUM, K_NUM);
        markYears(col);
        return col;
      }
    }
    if (alive & C_DATE && st.vDate >= need) {
      const col = done('date', st.vDate, st.time ? { time: true } : {});
      col.values = keep(st.vals!, st.kinds!, n, K_DATE, K_DATE);
      return col;
    }
    if (alive & C_BOOL && st.vBool >= need && (st.boolWords > 0 || (st.boolT && st.boolF))) {
      const col = done('boolean', st.vBool);
      const vals = st.vals!;
      const kinds = st.kinds!;
      const s = packed.text;
      const off = packed.offsets;
      for (let i = 0; i < n; i++) {
        const k = kinds[i];
        if (k === K_BOOL) continue;
        let v = NaN;
        if (k !== 0) {
          // Parsed first as a number ("0", "1" among words): read it as a boolean.
          const [a, b] = trimBounds(s, off[i], off[i + 1]);
          if (a < b) v = boolAt(s, a, b);
        }
        vals[i] = v;
      }
      col.values = vals;
      return col;
    }
    if (alive & C_GEO && st.vGeo >= need) {
      const lat = st.vals!;
      const lon = st.vals2 ?? new Float64Array(n);
      const kinds = st.kinds!;
      const s = packed.text;
      const off = packed.offsets;
      for (let i = 0; i < n; i++) {
        const k = kinds[i];
        if (k === K_GEO) continue;
        let ok = false;
        if (k !== 0) {
          // Parsed first as something else (e.g. "48,2" as a number): read it as a point.
          const [a, b] = trimBounds(s, off[i], off[i + 1]);
          ok = a < b && geoAt(s, a, b);
        }
        lat[i] = ok ? GEO[1] : NaN;
        lon[i] = ok ? GEO[2] : NaN;
      }
      const col = done('geopoint', st.vGeo);
      col.values = lat;
      col.values2 = lon;
      return col;
    }
    if (alive & C_GEOM && st.vGeom >= need) {
      const col = done('geometry', st.vGeom);
      col.objects = st.objs ?? new Array<unknown>(n);
      return col;
    }
  }
  return { name, type: 'string', ...packed, meta: { invalid: 0, empty: st.blanks } };
}

/** Keeps the values of rows parsed as kind a or b, NaN elsewhere; returns the array. */
function keep(vals: Float64Array, kinds: Uint8Array, n: number, a: number, b: number): Float64Array {
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    if (k !== a && k !== b) vals[i] = NaN;
  }
  return vals;
}

// ---------------------------------------------------------------------------------------------
// JSON values

/** Whether v is a {lat, lon} object (also lng/latitude/longitude), or [lat, lon] when arrays are points. */
function pointOf(v: object, arrays: boolean): boolean {
  let lat: unknown;
  let lon: unknown;
  if (Array.isArray(v)) {
    if (!arrays || v.length !== 2) return false;
    lat = v[0];
    lon = v[1];
  } else {
    const o = v as Record<string, unknown>;
    lat = o.lat ?? o.latitude;
    lon = o.lon ?? o.lng ?? o.longitude;
  }
  return typeof lat === 'number' && typeof lon === 'number' && setPoint(lat, lon);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return safeText(v);
  }
}

function safeText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  try {
    return typeof v === 'object' ? (JSON.stringify(v) ?? '') : String(v);
  } catch {
    return '';
  }
}

/** The bounds of s[from, to) without surrounding white space. */
function trimBounds(s: string, from = 0, to = s.length): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

function fromValues(name: string, values: readonly unknown[]): ColumnData {
  const n = values.length;
  const cells = new Array<string>(n);
  let numbers = 0;
  let others = 0; // strings, booleans, bigints, dates
  let objects = 0;
  let points = 0;
  let geoms = 0;
  /** Objects shaped like a GeoJSON geometry (a `type` and `coordinates`) that are not a valid one. */
  let brokenGeoms = 0;
  const pointArrays = isPointName(name);
  let objs: unknown[] | undefined;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    switch (typeof v) {
      case 'string':
        cells[i] = v;
        others++;
        break;
      case 'number':
        numbers++;
        cells[i] = Number.isFinite(v) ? String(v) : '';
        break;
      case 'bigint':
        others++;
        numbers++;
        cells[i] = String(v);
        break;
      case 'boolean':
        others++;
        cells[i] = v ? 'true' : 'false';
        break;
      case 'object':
        cells[i] = '';
        if (v === null) break;
        if (v instanceof Date) {
          others++;
          if (Number.isFinite(v.getTime())) cells[i] = v.toISOString();
          break;
        }
        objects++;
        if (objs === undefined) objs = new Array<unknown>(n);
        objs[i] = v;
        if (pointOf(v, pointArrays)) points++;
        else if (asGeometry(v) !== undefined) geoms++;
        else if (geometryShaped(v)) brokenGeoms++;
        break;
      default:
        cells[i] = '';
    }
  }
  if (objs === undefined) {
    if (others === 0 && numbers > 0) return fromNumbers(name, values, cells);
    return inferColumn(name, cells, { noCode: numbers > 0 });
  }

  // Objects: points, geometries, or any JSON.
  let empty = 0;
  let valid = 0;
  if (points === objects) {
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = objs[i];
      lat[i] = lon[i] = NaN;
      if (o !== undefined) {
        pointOf(o as object, pointArrays);
        lat[i] = GEO[1];
        lon[i] = GEO[2];
        cells[i] = `${GEO[1]},${GEO[2]}`;
        valid++;
        continue;
      }
      const [a, b] = trimBounds(cells[i]);
      if (a === b || placeholderAt(cells[i], a, b)) empty++;
      else if (geoAt(cells[i], a, b)) {
        lat[i] = GEO[1];
        lon[i] = GEO[2];
        valid++;
      }
    }
    if (valid >= n - empty - allowedFailures(n - empty)) {
      const meta = { invalid: n - empty - valid, empty };
      return { name, type: 'geopoint', ...packText(cells), values: lat, values2: lon, meta };
    }
  } else if (geoms > 0 && geoms + brokenGeoms === objects) {
    // Geometries, some of them maybe broken (an unknown type, no positions): those are kept as
    // they are and counted invalid, so that a map can say what it skipped.
    const out = new Array<unknown>(n);
    empty = valid = 0;
    for (let i = 0; i < n; i++) {
      const o = objs[i];
      if (o !== undefined) {
        const g = asGeometry(o);
        out[i] = g ?? o;
        if (g) valid++;
        continue;
      }
      const [a, b] = trimBounds(cells[i]);
      if (a === b || placeholderAt(cells[i], a, b)) empty++;
      else if ((out[i] = geometryAt(cells[i], a, b)) !== undefined) valid++;
    }
    if (valid + brokenGeoms >= n - empty - allowedFailures(n - empty)) {
      const meta = { invalid: n - empty - valid, empty };
      return { name, type: 'geometry', ...packText(cells), objects: out, meta };
    }
  }
  empty = 0;
  for (let i = 0; i < n; i++) {
    if (objs[i] !== undefined) cells[i] = safeJson(objs[i]);
    else if (cells[i] === '') empty++;
  }
  return { name, type: 'json', ...packText(cells), objects: objs, meta: { invalid: 0, empty } };
}

/** A column of JSON numbers (and nulls): the values are the numbers, nothing to parse. */
function fromNumbers(name: string, values: readonly unknown[], cells: string[]): ColumnData {
  const n = values.length;
  const vals = new Float64Array(n);
  let empty = 0;
  let decimals = 0;
  let integer = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      vals[i] = v === 0 ? 0 : v;
      if (!Number.isInteger(v)) {
        integer = false;
        const d = decimalsOf(cells[i]);
        if (d > decimals) decimals = d;
      }
    } else {
      vals[i] = NaN;
      empty++;
    }
  }
  const type = empty === n ? 'string' : integer ? 'integer' : 'number';
  const col: ColumnData = { name, type, ...packText(cells), meta: { invalid: 0, empty } };
  if (type !== 'string') {
    col.values = vals;
    col.meta!.decimals = decimals;
    markYears(col);
  }
  return col;
}

const YEAR_WORDS: ReadonlySet<string> = new Set(['annee', 'annees', 'year', 'years', 'exercice', 'exer', 'millesime']);

/**
 * Marks an integer column of years (`meta.year`): named so ("BGT_ANNEE", "Exercice", "year") and
 * every value a whole number from 1000 to 2999, so that it reads "2021", not "2 021". It stays an
 * integer column (sorted, filtered and compared as numbers).
 */
function markYears(col: ColumnData): void {
  if (col.type !== 'integer' || !col.values || !nameWords(col.name).some((w) => YEAR_WORDS.has(w))) return;
  let seen = 0;
  for (const v of col.values) {
    if (Number.isNaN(v)) continue;
    if (v < 1000 || v > 2999) return;
    seen++;
  }
  if (seen) col.meta = { ...col.meta, year: true };
}

/** Decimals written by String(number): "1.25" → 2, "1.5e-7" → 8. */
function decimalsOf(t: string): number {
  const e = t.indexOf('e');
  const mantissa = e < 0 ? t : t.slice(0, e);
  const dot = mantissa.indexOf('.');
  const d = (dot < 0 ? 0 : mantissa.length - dot - 1) - (e < 0 ? 0 : Number(t.slice(e + 1)));
  return d < 0 ? 0 : d > 20 ? 20 : d;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Builds a typed column from the text of its cells (CSV). Infers the type once. */
export function buildColumn(name: string, cells: string[]): ColumnData {
  try {
    return inferColumn(name, cells, {});
  } catch {
    // Only reachable with cells that are not strings despite the signature.
    return { name, type: 'string', ...packText(Array.from(cells ?? [], safeText)) };
  }
}

/** Builds a typed column from JSON values (string, number, boolean, null, object, array). */
export function buildColumnFromValues(name: string, values: unknown[]): ColumnData {
  try {
    return fromValues(name, values);
  } catch {
    // A hostile object (a getter that throws, a revoked proxy): keep what can be kept as text.
    let texts: string[];
    try {
      texts = Array.from(values ?? [], safeText);
    } catch {
      texts = [];
    }
    return { name, type: 'string', ...packText(texts) };
  }
}

function parseTrimmed(s: string, parse: (s: string, a: number, b: number) => number): number {
  if (typeof s !== 'string') return NaN;
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === b ? NaN : parse(s, a, b);
}

/**
 * A number as French (and international) open data writes it: "40 000,00", "1 234,5", "-12,5",
 * "1.5", "1,234.5", "1e3", "12,5 %" (12.5), "1 200 €". NaN when it is not one. See the file header.
 */
export function parseNumberFr(s: string): number {
  return parseTrimmed(s, numberAt);
}

function numberAt(s: string, a: number, b: number): number {
  return scanNumber(s, a, b) ? OUT[0] : NaN;
}

function dateValueAt(s: string, a: number, b: number): number {
  return dateAt(s, a, b) ? OUT[0] : NaN;
}

/** A date or date-time (dd/mm/yyyy, yyyy-mm-dd, ISO…) as UTC epoch ms; NaN when it is not one. */
export function parseDate(s: string): number {
  return parseTrimmed(s, dateValueAt);
}

/** oui/non, true/false, vrai/faux, yes/no, t/f, 1/0 (any case); undefined when it is none of them. */
export function parseBoolean(s: string): boolean | undefined {
  const v = parseTrimmed(s, boolAt);
  return v === v ? v === 1 : undefined;
}

/** "lat,lon", "lat, lon", "lat;lon", "[lat, lon]", "POINT (lon lat)"; undefined when it is not a point. */
export function parseGeoPoint(s: string): GeoPoint | undefined {
  const lat = parseTrimmed(s, geoLat);
  return lat === lat ? { lat, lon: GEO[2] } : undefined;
}

function geoLat(s: string, a: number, b: number): number {
  return geoAt(s, a, b) ? GEO[1] : NaN;
}

/** Whether a cell means "no value": empty, white space, or one of {@link PLACEHOLDERS}. */
export function isEmptyText(s: string): boolean {
  if (typeof s !== 'string') return true;
  const [a, b] = trimBounds(s);
  return a === b || placeholderAt(s, a, b);
}

/**
 * The numeric value a text would have in a column of the given type (what `values` holds):
 * for filters and search that compare a typed input with a column. NaN when it does not parse or
 * the type has no numeric values. For 'geopoint' it is the latitude.
 */
export function parseAs(type: ColumnType, s: string): number {
  switch (type) {
    case 'integer':
    case 'number':
    case 'percent':
      return parseNumberFr(s);
    case 'date':
      return parseDate(s);
    case 'boolean': {
      const v = parseBoolean(s);
      return v === undefined ? NaN : v ? 1 : 0;
    }
    case 'geopoint':
      return parseTrimmed(s, geoLat);
    default:
      return NaN;
  }
}

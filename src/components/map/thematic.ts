/**
 * Thematic mapping helpers for `<vitrine-map>`: joining a table to GeoJSON areas on an
 * administrative code, class breaks for a choropleth, colour-blind-safe palettes, legend labels
 * and readable text colours.
 *
 * Pure functions: no DOM, no Lit, no Leaflet.
 */
import { normalizeName, type Table } from '../../data/model.ts';
import { formatNumber } from '../../format/format.ts';
import { t, type Lang } from '../../i18n/localize.ts';

// ---------------------------------------------------------------------------------------------
// Codes and joins
// ---------------------------------------------------------------------------------------------

/**
 * An administrative code (INSEE commune or département, SIREN, postcode…) in one canonical
 * form, so that a data column and a GeoJSON property match however each was written:
 * surrounding and inner spaces (NBSP, thin spaces included) removed, upper case, numbers read
 * as text (35 → "35"), a trailing ".0"/",0" dropped ("35.0" → "35", as spreadsheets export
 * codes), leading zeros stripped from purely numeric codes ("01004" → "1004", "035" → "35") and
 * from Corsican ones ("02A" → "2A"); "2a004" → "2A004". Anything else (null, undefined, objects,
 * booleans, NaN) gives "".
 */
export function normalizeCode(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    s = String(value);
  } else if (typeof value === 'bigint') s = String(value);
  else return '';
  s = s.replace(/\s+/g, '').toUpperCase();
  const whole = /^(\d+)[.,]0+$/.exec(s);
  if (whole) s = whole[1];
  if (/^\d+$/.test(s)) return s.replace(/^0+(?=\d)/, '');
  if (/^0+2[AB]\d*$/.test(s)) return s.replace(/^0+/, '');
  return s;
}

/** The parts of a GeoJSON Feature that a join reads (a GeoJSON `Feature` fits). */
export interface AreaFeature {
  type?: string;
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

/**
 * The value of the property `key` of a feature: the property of that exact name, or else the
 * first whose name matches ignoring case, accents and separators ("Code INSEE" for "code_insee").
 */
export function featureProperty(feature: AreaFeature | null | undefined, key: string): unknown {
  const props = feature?.properties;
  if (!props || typeof props !== 'object') return undefined;
  if (Object.prototype.hasOwnProperty.call(props, key)) return props[key];
  const wanted = normalizeName(key);
  for (const name of Object.keys(props)) if (normalizeName(name) === wanted) return props[name];
  return undefined;
}

/** The normalized code of a feature (see normalizeCode and featureProperty); "" when absent. */
export function featureCode(feature: AreaFeature | null | undefined, key: string): string {
  return normalizeCode(featureProperty(feature, key));
}

/** How the areas of a GeoJSON and the rows of a table matched (see joinAreas). */
export interface AreaJoin {
  /** Per feature, the index of the table row with the same code, or -1. */
  rowOf: Int32Array;
  /** Rows whose code (empty or not) matches no feature, in row order. */
  unmatchedRows: number[];
  /** Features whose code (empty or not) matches no row, in feature order. */
  unmatchedFeatures: number[];
  /** Normalized codes held by more than one row (the first row is the one joined), in order of first repeat. */
  duplicates: string[];
}

/**
 * Joins GeoJSON features to table rows on a code: the feature's property `areaKey` (see
 * featureProperty) against the text of the table's `joinColumn`, both through normalizeCode.
 * When several rows share a code the first one is kept and the code is reported in
 * `duplicates` (to count rows per area, use aggregateByCode instead). Several features may
 * share one row.
 */
export function joinAreas(
  features: readonly AreaFeature[],
  areaKey: string,
  table: Table,
  joinColumn: number,
): AreaJoin {
  const rowByCode = new Map<string, number>();
  const duplicates: string[] = [];
  const reported = new Set<string>();
  const codes: string[] = new Array<string>(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const code = normalizeCode(table.text(r, joinColumn));
    codes[r] = code;
    if (code === '') continue;
    if (!rowByCode.has(code)) rowByCode.set(code, r);
    else if (!reported.has(code)) {
      reported.add(code);
      duplicates.push(code);
    }
  }

  const rowOf = new Int32Array(features.length).fill(-1);
  const unmatchedFeatures: number[] = [];
  const joined = new Set<string>();
  features.forEach((feature, i) => {
    const code = featureCode(feature, areaKey);
    const row = code === '' ? undefined : rowByCode.get(code);
    if (row === undefined) unmatchedFeatures.push(i);
    else {
      rowOf[i] = row;
      joined.add(code);
    }
  });

  const unmatchedRows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (!joined.has(codes[r])) unmatchedRows.push(r);
  return { rowOf, unmatchedRows, unmatchedFeatures, duplicates };
}

/** The rows of one code (see aggregateByCode). */
export interface CodeAggregate {
  /** Number of rows with this code. */
  count: number;
  /** Sum of the finite values of the value column over these rows (0 without a value column). */
  sum: number;
  /** Number of these rows whose value was a finite number (to tell a sum of 0 from no data, or to average). */
  valued: number;
  /** The rows, in order. */
  rows: number[];
}

/**
 * Groups the rows of a table by the normalized code of `joinColumn` (rows with an empty code
 * are left out): how many rows per code ("number of authorities per département") and, when a
 * numeric `valueColumn` is given, the sum of its values (empty or unparsable cells are skipped).
 */
export function aggregateByCode(
  table: Table,
  joinColumn: number,
  valueColumn?: number,
  rows?: ArrayLike<number>,
): Map<string, CodeAggregate> {
  const out = new Map<string, CodeAggregate>();
  const n = rows ? rows.length : table.rowCount;
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    const code = normalizeCode(table.text(r, joinColumn));
    if (code === '') continue;
    let agg = out.get(code);
    if (!agg) {
      agg = { count: 0, sum: 0, valued: 0, rows: [] };
      out.set(code, agg);
    }
    agg.count++;
    agg.rows.push(r);
    if (valueColumn !== undefined) {
      const v = table.number(r, valueColumn);
      if (Number.isFinite(v)) {
        agg.sum += v;
        agg.valued++;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Class breaks
// ---------------------------------------------------------------------------------------------

/** Number of sorted values below `x`. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `x` rounded down to `digits` significant digits (may land a hair above `x` through floating point). */
function floorPrecision(x: number, digits: number): number {
  if (x === 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - digits + 1);
  return Number((Math.floor(x / step) * step).toPrecision(digits));
}

/** -0 → 0, so that no label reads "-0". */
function noNegativeZero(x: number): number {
  return x === 0 ? 0 : x;
}

/**
 * The lower bounds of the classes of a sequential scale: class i holds the values from
 * `breaks[i]` (included) up to `breaks[i + 1]` (excluded), the last class everything above its
 * bound, and `breaks[0]` is at most the smallest value. Bounds are quantiles of the finite values
 * (classes hold about as many values each; equal values stay in one class, so a value repeated
 * many times, such as 0, gets a class of its own and the others share the rest); there are
 * min(classes, distinct values) classes. Bounds are then rounded to the fewest significant
 * digits that keep every class non-empty (e.g. 0, 10, 50, 100, 500). [] when no value is finite.
 */
export function classBreaks(values: ArrayLike<number>, classes = 5): number[] {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const n = finite.length;
  const k = Math.max(1, Math.floor(Number.isFinite(classes) ? classes : 1));
  if (n === 0) return [];
  const sorted = Float64Array.from(finite).sort();

  // Distinct values, where each starts in `sorted`, and the distinct value at each position.
  const distinct: number[] = [];
  const startOf: number[] = [];
  const distinctAt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] > sorted[i - 1]) {
      distinct.push(sorted[i]);
      startOf.push(i);
    }
    distinctAt[i] = distinct.length - 1;
  }
  const m = distinct.length;

  // Quantile lower bounds, each a data value: the remaining classes share the remaining values,
  // a bound never splits a run of equal values (it moves to the next distinct value), and enough
  // distinct values are left for the bounds still to place.
  let raw: number[];
  if (m <= k) raw = distinct;
  else {
    raw = [distinct[0]];
    let start = 0;
    let j = 0;
    for (let c = 1; c < k; c++) {
      const at = start + Math.ceil((n - start) / (k - c + 1));
      j = Math.min(Math.max(at < n ? distinctAt[at] : m - 1, j + 1), m - k + c);
      raw.push(distinct[j]);
      start = startOf[j];
    }
  }

  // Rounding: the first bound goes down (it must stay at or below the minimum); the others take
  // the roundest value that stays above the previous bound and leaves a value on each side.
  const breaks: number[] = [];
  let first = raw[0];
  for (let d = 1; d <= 15; d++) {
    const down = floorPrecision(raw[0], d);
    if (Number.isFinite(down) && down <= raw[0]) {
      first = down;
      break;
    }
  }
  breaks.push(noNegativeZero(first));
  for (let i = 1; i < raw.length; i++) {
    const prev = breaks[i - 1];
    const next = i + 1 < raw.length ? raw[i + 1] : Infinity;
    let chosen = raw[i];
    for (let d = 1; d <= 15; d++) {
      const r = Number(raw[i].toPrecision(d));
      if (!(r > prev && r < next)) continue;
      const inPrevious = countBelow(sorted, r) - countBelow(sorted, prev);
      const inThis = countBelow(sorted, next) - countBelow(sorted, r);
      if (inPrevious > 0 && inThis > 0) {
        chosen = r;
        break;
      }
    }
    breaks.push(noNegativeZero(chosen));
  }
  return breaks;
}

/**
 * The class of a value given the lower bounds from classBreaks: the last bound it reaches
 * (values below the first bound fall in class 0). -1 for NaN or when there are no breaks.
 */
export function classOf(value: number, breaks: readonly number[]): number {
  if (Number.isNaN(value) || breaks.length === 0) return -1;
  let lo = 1;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// ---------------------------------------------------------------------------------------------
// Palettes
// ---------------------------------------------------------------------------------------------

/**
 * Sequential single-hue blue ramp, light → dark (ColorBrewer "Blues", 7 classes): readable by
 * people with any colour-vision deficiency, and in greyscale, since only lightness changes.
 */
export const SEQUENTIAL: readonly string[] = Object.freeze([
  '#eff3ff',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#084594',
]);

/**
 * `n` colours of SEQUENTIAL spread evenly from the lightest to the darkest (one class: a middle
 * blue). `n` is capped at SEQUENTIAL.length; [] for n < 1.
 */
export function sequentialColors(n: number): string[] {
  const count = Math.min(Math.floor(n), SEQUENTIAL.length);
  if (!(count >= 1)) return [];
  if (count === 1) return [SEQUENTIAL[Math.floor(SEQUENTIAL.length / 2)]];
  const last = SEQUENTIAL.length - 1;
  return Array.from({ length: count }, (_, i) => SEQUENTIAL[Math.round((i * last) / (count - 1))]);
}

/**
 * The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), distinguishable with
 * every common colour-vision deficiency. Blue first (the most frequent category, strong on a light
 * map), black last (as a fill it hides the map).
 */
export const CATEGORICAL: readonly string[] = Object.freeze([
  '#0072B2', // blue (first: the most frequent category, strong on a light map)
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black (last: a black fill hides the map)
]);

/** The colour of the "other" group of categoryColors (a neutral grey, not in CATEGORICAL). */
export const OTHER_COLOR = '#6b6b6b';

/** Colours of categorical values (see categoryColors). */
export interface CategoryColors {
  /** The colour of each of the first CATEGORICAL.length distinct values. */
  colors: Map<string, string>;
  /** The colour of the grouped values, present when some values were grouped. */
  other?: string;
  /** The values beyond the palette, shown together as "other", in the order given. */
  grouped: string[];
}

/**
 * Assigns the CATEGORICAL colours to values in the order given (pass them most frequent first):
 * the first eight distinct values get one colour each, the rest are grouped under OTHER_COLOR.
 * Look a value up with `colors.get(v) ?? other`.
 */
export function categoryColors(values: readonly string[]): CategoryColors {
  const colors = new Map<string, string>();
  const grouped: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) continue;
    seen.add(v);
    if (colors.size < CATEGORICAL.length) colors.set(v, CATEGORICAL[colors.size]);
    else grouped.push(v);
  }
  return grouped.length ? { colors, other: OTHER_COLOR, grouped } : { colors, grouped };
}

// ---------------------------------------------------------------------------------------------
// Legend and contrast
// ---------------------------------------------------------------------------------------------

/** Decimals needed to write every bound as it is (at most 6). */
function decimalsOf(breaks: readonly number[]): number {
  let d = 0;
  for (const b of breaks) {
    const [mantissa, exponent] = String(Math.abs(b)).split('e');
    const fraction = mantissa.split('.')[1]?.length ?? 0;
    d = Math.max(d, fraction - Number(exponent ?? 0));
  }
  return Math.min(d, 6);
}

/**
 * One label per class of `breaks` (see classBreaks), in the element's language: fr "moins de
 * 10", "de 10 à 50", "50 et plus"; en "under 10", "10 to 50", "50 and over". A single class
 * reads "5 et plus". Numbers go through `format`, by default formatNumber in the language
 * ("1 234,5" in French) with as many decimals as the bounds need.
 */
export function legendRanges(breaks: readonly number[], lang: Lang, format?: (n: number) => string): string[] {
  const decimals = decimalsOf(breaks);
  const f = format ?? ((n: number) => formatNumber(lang, n, decimals));
  const n = breaks.length;
  if (n === 0) return [];
  if (n === 1) return [t(lang, 'legend.above', { value: f(breaks[0]) })];
  return breaks.map((b, i) => {
    if (i === 0) return t(lang, 'legend.below', { value: f(breaks[1]) });
    if (i === n - 1) return t(lang, 'legend.above', { value: f(b) });
    return t(lang, 'legend.between', { from: f(b), to: f(breaks[i + 1]) });
  });
}

/** WCAG relative luminance of an sRGB colour given as #rgb, #rrggbb or #rrggbbaa (alpha ignored); NaN if unreadable. */
export function relativeLuminance(hex: string): number {
  const m = /^#?([0-9a-f]{3,8})$/i.exec(hex.trim());
  if (!m || ![3, 4, 6, 8].includes(m[1].length)) return NaN;
  let h = m[1];
  if (h.length <= 4) h = [...h].map((c) => c + c).join('');
  const channel = (i: number): number => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/**
 * The text colour, black or white, with the higher WCAG contrast ratio on a fill given as hex
 * (black when the colour cannot be read).
 */
export function contrastText(hex: string): '#000000' | '#ffffff' {
  const l = relativeLuminance(hex);
  if (Number.isNaN(l)) return '#000000';
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}

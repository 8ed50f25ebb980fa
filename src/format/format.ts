/** Intl-based formatting of cell values, cached per language and option set. */
import { centsText } from '../data/budget/cents.ts';
import type { ColumnMeta, ColumnType } from '../data/model.ts';
import type { Lang } from '../i18n/localize.ts';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

export function formatNumber(lang: Lang, value: number, maxDecimals = 2, minDecimals = 0): string {
  const f = cached(
    `n:${lang}:${minDecimals}:${maxDecimals}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        minimumFractionDigits: minDecimals,
        maximumFractionDigits: Math.max(minDecimals, maxDecimals),
      }),
  );
  return f.format(value);
}

export function formatInteger(lang: Lang, value: number): string {
  return formatNumber(lang, value, 0);
}

/** A value in percent points: 12.5 → "12,5 %". */
export function formatPercent(lang: Lang, value: number, maxDecimals = 2, minDecimals = 0): string {
  const f = cached(
    `p:${lang}:${minDecimals}:${maxDecimals}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'percent',
        minimumFractionDigits: minDecimals,
        maximumFractionDigits: Math.max(minDecimals, maxDecimals),
      }),
  );
  return f.format(value / 100);
}

/** A change in percent points with its sign: "+8,2 %", "-36,0 %". */
export function formatChange(lang: Lang, value: number): string {
  const s = formatPercent(lang, value, 1, 1);
  return value > 0 ? `+${s}` : s;
}

/** An amount: "1 234,56 €" (the currency's own decimals unless `decimals` is given). */
export function formatCurrency(lang: Lang, value: number, decimals?: number, currency = 'EUR'): string {
  const f = cached(
    `c:${lang}:${currency}:${decimals ?? ''}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'currency',
        currency,
        ...(decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals }),
      }),
  );
  return f.format(value);
}

/**
 * An amount given in whole cents, formatted exactly ("1 234 567,89 €"): the decimal string goes to
 * Intl.NumberFormat as it is, so no binary rounding reaches the screen.
 */
export function formatCents(lang: Lang, cents: number, currency = 'EUR'): string {
  const f = cached(
    `cc:${lang}:${currency}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency, minimumFractionDigits: 2 }),
  );
  return f.format(centsText(cents) as unknown as number);
}

/** A rounded amount for axes and tiles: "1,2 M€", "350 k€". */
export function formatCompactCurrency(lang: Lang, value: number, currency = 'EUR'): string {
  const f = cached(
    `ck:${lang}:${currency}`,
    () =>
      new Intl.NumberFormat(LOCALES[lang], {
        style: 'currency',
        currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }),
  );
  return f.format(value);
}

/** Dates are stored as UTC epoch ms: format them in UTC so a plain date never shifts a day. */
export function formatDate(lang: Lang, epochMs: number, withTime = false): string {
  const f = cached(
    `d:${lang}:${withTime}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        dateStyle: 'short',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: 'UTC',
      }),
  );
  return f.format(epochMs);
}

/**
 * A date-time as a person writes it, in French time: "3 mars 2024" ("1er mars 2024" in French),
 * "3 March 2024". Accepts ISO dates with or without a zone (without one, UTC, as CKAN writes them).
 * Undefined when the text is not a date.
 */
export function formatLongDate(lang: Lang, iso: string): string | undefined {
  const s = iso.trim();
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) || !/T\d/.test(s) ? s : `${s}Z`;
  const t = Date.parse(zoned);
  if (Number.isNaN(t)) return undefined;
  const f = cached(
    `long:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/Paris',
      }),
  );
  if (lang !== 'fr') return f.format(t);
  return f
    .formatToParts(t)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

export interface FormatOptions {
  type: ColumnType;
  meta?: Readonly<ColumnMeta>;
  yes: string;
  no: string;
}

/**
 * The text a person reads for one cell: numbers in the language's format, dates in its short
 * form, booleans as yes/no, codes and text as written. A cell that did not parse shows its text.
 */
export function formatCell(lang: Lang, text: string, value: number, o: FormatOptions): string {
  if (Number.isNaN(value)) return text.trim();
  switch (o.type) {
    case 'integer':
      return o.meta?.year ? String(value) : formatInteger(lang, value);
    case 'number':
      return formatNumber(lang, value, Math.min(Math.max(o.meta?.decimals ?? 2, 0), 6));
    case 'percent':
      return formatPercent(lang, value, Math.min(Math.max(o.meta?.decimals ?? 2, 0), 6));
    case 'date':
      return formatDate(lang, value, o.meta?.time === true);
    case 'boolean':
      return value === 1 ? o.yes : o.no;
    default:
      return text.trim();
  }
}

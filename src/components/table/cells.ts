/**
 * What one table cell shows: the inferred type's format, or the format the page author chose in
 * `columns`; links and images only for safe URLs (http, https, mailto), everything else as text.
 */
import { html, type TemplateResult } from 'lit';
import type { Table } from '../../data/model.ts';
import { formatCell, formatCurrency, formatDate, formatNumber, formatPercent } from '../../format/format.ts';
import type { Lang } from '../../i18n/localize.ts';
import type { CellFormat, ShownColumn } from './column-spec.ts';

const NUMERIC_TYPES = new Set(['integer', 'number', 'percent']);
const NUMERIC_FORMATS = new Set<CellFormat>(['integer', 'number', 'percent', 'currency']);

/** Whether a shown column holds numbers (aligned right, can carry bars, totals). */
export function isNumeric(shown: ShownColumn): boolean {
  return shown.format ? NUMERIC_FORMATS.has(shown.format) : NUMERIC_TYPES.has(shown.column.type);
}

/**
 * The URL a data cell may link to, or undefined: only absolute http(s) and mailto URLs, a bare
 * "www." host (taken as https) and a bare e-mail address (taken as mailto); a relative path only
 * with a `base` (then resolved against it). Never javascript:, data: or vbscript:.
 */
export function safeUrl(text: string, allowMail = true, base?: string): string | undefined {
  const s = text.trim();
  if (!s || /\s/.test(s)) return undefined;
  if (allowMail && /^[^@/:]+@[^@/:]+\.[a-z]{2,}$/i.test(s)) return `mailto:${s}`;
  const candidate = /^www\./i.test(s) ? `https://${s}` : s;
  // A relative path ("photos/a.jpg") resolves against `base` (the data file's URL) when one is given.
  const relative = base !== undefined && !/^[a-z][a-z\d+.-]*:/i.test(candidate);
  let url: URL;
  try {
    url = relative ? new URL(candidate, base) : new URL(candidate);
  } catch {
    return undefined;
  }
  const ok = url.protocol === 'http:' || url.protocol === 'https:' || (allowMail && url.protocol === 'mailto:');
  return ok ? url.href : undefined;
}

/** A number in loosely written text ("1 234,5", "12,5 %", "1 200 €", "1.5"); NaN when there is none. */
export function looseNumber(text: string): number {
  let s = text.replace(/[\s\u00a0\u202f€%]/g, '');
  if (!/^[-+]?[\d.,]+(e[-+]?\d+)?$/i.test(s)) return NaN;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  // The last separator is the decimal one when both appear; a lone comma is decimal (French).
  if (comma > dot) s = s.replace(/\./g, '').replace(',', '.');
  else if (dot > comma && comma >= 0) s = s.replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

/** A date in text: yyyy-mm-dd (with a time or not) or dd/mm/yyyy, as UTC ms; NaN when it is none. */
export function looseDate(text: string): number {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1]);
  return NaN;
}

/** The numeric value of a cell for a numeric column (NaN when empty or not a number). */
export function cellNumber(table: Table, row: number, shown: ShownColumn): number {
  const v = table.number(row, shown.column.index);
  if (!Number.isNaN(v) || NUMERIC_TYPES.has(shown.column.type)) return v;
  return looseNumber(table.text(row, shown.column.index));
}

export interface CellContext {
  lang: Lang;
  yes: string;
  no: string;
}

/** The content of one cell: a string (rendered as text by Lit), or a link or an image. */
export function cellContent(table: Table, row: number, shown: ShownColumn, ctx: CellContext): string | TemplateResult {
  const { column, format } = shown;
  const text = table.text(row, column.index);
  switch (format) {
    case undefined: {
      const shownText = formatCell(ctx.lang, text, table.number(row, column.index), {
        type: column.type,
        meta: column.meta,
        yes: ctx.yes,
        no: ctx.no,
      });
      // A cell that is exactly a web address is a link, even without a format.
      if (column.type === 'string' && /^https?:\/\//i.test(shownText)) return link(shownText, false) ?? shownText;
      return shownText;
    }
    case 'text':
      return text.trim();
    case 'link':
      return link(text, true) ?? text.trim();
    case 'image': {
      const src = safeUrl(text, false);
      return src
        ? html`<img src=${src} alt=${shown.label} loading="lazy" referrerpolicy="no-referrer" />`
        : text.trim();
    }
    case 'date': {
      const v = column.type === 'date' ? table.number(row, column.index) : looseDate(text);
      return Number.isNaN(v) ? text.trim() : formatDate(ctx.lang, v, column.meta.time === true);
    }
    default: {
      const v = cellNumber(table, row, shown);
      return Number.isNaN(v) ? text.trim() : formatValue(v, shown, ctx.lang);
    }
  }
}

/** A number in a numeric column's format (used for cells and totals). */
export function formatValue(v: number, shown: ShownColumn, lang: Lang): string {
  const { column, format, decimals: d } = shown;
  const seen = Math.min(column.meta.decimals ?? 2, 6);
  switch (format ?? column.type) {
    case 'integer':
      return column.meta.year ? String(Math.round(v)) : formatNumber(lang, Math.round(v), 0);
    case 'currency':
      return formatCurrency(lang, v, d);
    case 'percent':
      return formatPercent(lang, v, d ?? seen, d);
    default:
      return formatNumber(lang, v, d ?? seen, d ?? 0);
  }
}

function link(text: string, allowMail: boolean): TemplateResult | undefined {
  const href = safeUrl(text, allowMail);
  if (!href) return undefined;
  const shown = text.trim().replace(/^mailto:/i, '');
  return html`<a href=${href} rel="noopener noreferrer nofollow ugc">${shown}</a>`;
}

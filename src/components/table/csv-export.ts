/**
 * The rows a table shows, as a CSV file the way French spreadsheet users open it: UTF-8 with a
 * byte-order mark, `;` between fields, CRLF line ends, decimal commas (in French), dates as the
 * language writes them. Text that a spreadsheet would run as a formula (=, +, -, @ first) is
 * prefixed with an apostrophe, so a downloaded file cannot carry a formula injection.
 */
import type { Table } from '../../data/model.ts';
import { formatDate } from '../../format/format.ts';
import type { Lang } from '../../i18n/localize.ts';
import { cellNumber, isNumeric, looseDate } from './cells.ts';
import type { ShownColumn } from './column-spec.ts';

const BOM = '\ufeff';

export function rowsToCsv(table: Table, rows: ArrayLike<number>, columns: readonly ShownColumn[], lang: Lang): string {
  const writers = columns.map((c) => writerOf(table, c, lang));
  const lines = [columns.map((c) => field(c.label)).join(';')];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    lines.push(writers.map((write) => field(write(r))).join(';'));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

function writerOf(table: Table, shown: ShownColumn, lang: Lang): (row: number) => string {
  const col = shown.column.index;
  const text = (r: number) => table.text(r, col).trim();
  if (isNumeric(shown)) {
    return (r) => {
      const v = cellNumber(table, r, shown);
      if (Number.isNaN(v)) return guard(text(r));
      const s = String(v);
      return lang === 'fr' ? s.replace('.', ',') : s;
    };
  }
  if (shown.format === 'date' || (!shown.format && shown.column.type === 'date')) {
    const time = shown.column.meta.time === true;
    return (r) => {
      const v = shown.column.type === 'date' ? table.number(r, col) : looseDate(text(r));
      return Number.isNaN(v) ? guard(text(r)) : formatDate(lang, v, time);
    };
  }
  return (r) => guard(text(r));
}

/** Text a spreadsheet would read as a formula gets a leading apostrophe. */
function guard(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function field(s: string): string {
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A file name from the table's label or its source URL: "observatoire-open-data.csv". */
export function csvFileName(label: string, url: string): string {
  let base = label;
  if (!base) {
    try {
      const path = new URL(url, document.baseURI).pathname;
      base = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]+$/i, '');
    } catch {
      base = '';
    }
  }
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return `${slug || 'donnees'}.csv`;
}

/**
 * The `columns` attribute of `<vitrine-table>`: which columns, in which order, with an optional
 * display label and an optional format.
 *
 *   columns="nom = Collectivité, type, pop_insee = Population : integer, taux : percent 1"
 *
 * Each item is `name [= label] [: format [decimals]]`. A name is the header as written in the
 * file (case and accents do not matter). A header that itself contains "=" or ":" is still found:
 * the whole item is tried as a name first.
 */
import { VitrineError } from '../../data/errors.ts';
import type { Column, Table } from '../../data/model.ts';

export type CellFormat = 'number' | 'integer' | 'currency' | 'percent' | 'date' | 'link' | 'image' | 'text';

/** Format names a page author may write, in English or French. */
const FORMATS: Record<string, CellFormat> = {
  number: 'number',
  nombre: 'number',
  integer: 'integer',
  entier: 'integer',
  currency: 'currency',
  euro: 'currency',
  euros: 'currency',
  '€': 'currency',
  monnaie: 'currency',
  percent: 'percent',
  pourcentage: 'percent',
  pourcent: 'percent',
  '%': 'percent',
  date: 'date',
  link: 'link',
  lien: 'link',
  url: 'link',
  image: 'image',
  text: 'text',
  texte: 'text',
};

/** The formats, as documented (the English names). */
export const FORMAT_NAMES: readonly CellFormat[] = [
  'number',
  'integer',
  'currency',
  'percent',
  'date',
  'link',
  'image',
  'text',
];

/** A shown column: the data column, the label in the header, and how its cells are written. */
export interface ShownColumn {
  readonly column: Column;
  readonly label: string;
  /** Absent: follow the inferred type. */
  readonly format?: CellFormat;
  /** Decimals for number, currency and percent formats. */
  readonly decimals?: number;
}

/**
 * The columns an attribute value names, resolved against the table. Throws a `config`
 * VitrineError for a name that matches no column (listing those that exist) or an unknown format.
 */
export function resolveColumns(table: Table, items: readonly string[], url: string): ShownColumn[] {
  if (!items.length) return table.columns.map((column) => ({ column, label: column.label }));
  return items.map((item) => resolveItem(table, item, url));
}

function resolveItem(table: Table, item: string, url: string): ShownColumn {
  const whole = table.column(item);
  if (whole) return { column: whole, label: whole.label };
  let head = item;
  let format: CellFormat | undefined;
  let decimals: number | undefined;
  const colon = item.lastIndexOf(':');
  if (colon >= 0) {
    head = item.slice(0, colon).trim();
    const spec = item.slice(colon + 1).trim();
    const m = /^(\S+?)\s*(\d+)?$/u.exec(spec);
    format = m ? FORMATS[m[1].toLowerCase()] : undefined;
    if (!format) {
      throw new VitrineError('config', `unknown format "${spec}"`, url, {
        value: spec,
        allowed: [...FORMAT_NAMES],
        attribute: 'columns',
      });
    }
    if (m?.[2] !== undefined) decimals = Math.min(Number(m[2]), 10);
  }
  let name = head;
  let label: string | undefined;
  const eq = head.indexOf('=');
  if (eq >= 0 && !table.column(head)) {
    name = head.slice(0, eq).trim();
    label = head.slice(eq + 1).trim() || undefined;
  }
  const column = table.column(name);
  if (!column) {
    throw new VitrineError('config', `no column "${name}"`, url, {
      column: name,
      available: table.columns.map((c) => c.name),
      attribute: 'columns',
    });
  }
  return { column, label: label ?? column.label, format, decimals };
}

import { VitrineError } from '../data/errors.ts';
import type { Column } from '../data/model.ts';
import { t, type Lang } from '../i18n/localize.ts';
import { parseList } from './converters.ts';

/**
 * The `filter` attribute shared by the elements: "column = value, other = a | b" → column index →
 * accepted values. `column` resolves a name (a `config` error when it matches nothing).
 */
export function parseFilter(
  value: string,
  lang: Lang,
  url: string,
  column: (name: string) => Column,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const item of parseList(value)) {
    const eq = item.search(/[=:]/);
    if (eq < 0) {
      throw new VitrineError('config', `filter without "="`, url, {
        attribute: 'filter',
        value: item,
        allowed: [t(lang, 'filterSyntax')],
      });
    }
    const index = column(item.slice(0, eq).trim()).index;
    const values = item
      .slice(eq + 1)
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
    out.set(index, [...(out.get(index) ?? []), ...values]);
  }
  return out;
}

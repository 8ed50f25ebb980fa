/** The figures of <vitrine-budget> as CSV text and the chart as a PNG image, and their download. */
import type { Category } from '../../data/budget/budget.ts';
import { centsText } from '../../data/budget/cents.ts';
import type { Lang } from '../../i18n/localize.ts';
import { tBudget } from '../../i18n/fr-budget.ts';
import { composePage, download, MUTED, pngBlob, slug as slugOf } from '../../internal/png.ts';

/** One category as shown: in the chart, the table and the exports. */
export interface FigureRow {
  key: string;
  code: string;
  label: string;
  /** Amount in cents (the last year's when comparing). */
  cents: number;
  /** Share of the total in percent. */
  share?: number;
  /** Cents per year compared, oldest first. */
  byYear?: number[];
  derived?: boolean;
  others?: Category[];
}

/** Cents as plain decimal text for spreadsheets: "-1234,05" (fr) or "-1234.05" (en). */
function plainAmount(lang: Lang, cents: number): string {
  return centsText(cents, lang === 'fr' ? ',' : '.');
}

function quote(value: string, sep: string): string {
  return /["\r\n]/.test(value) || value.includes(sep) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV of the figures: `;` and decimal comma in French (what French spreadsheets open), `,` and point in English. */
export function csvOf(
  lang: Lang,
  rows: readonly FigureRow[],
  years: readonly string[] | undefined,
  total: number,
): string {
  const sep = lang === 'fr' ? ';' : ',';
  const head = [tBudget(lang, 'budgetColCode'), tBudget(lang, 'budgetColLabel')];
  if (years) head.push(...years);
  else head.push(tBudget(lang, 'budgetColAmount'));
  const lines = [head];
  for (const row of rows) {
    const line = [row.code, row.label];
    if (years) line.push(...(row.byYear ?? []).map((c) => plainAmount(lang, c)));
    else line.push(plainAmount(lang, row.cents));
    lines.push(line);
  }
  if (!years) lines.push(['', tBudget(lang, 'budgetTotal'), plainAmount(lang, total)]);
  return lines.map((l) => l.map((v) => quote(v, sep)).join(sep)).join('\r\n') + '\r\n';
}

export interface PngText {
  title: string;
  subtitle: string;
  total: string;
  source: string;
}

/** The chart on a white page with its title, total and source, as a PNG blob (at the chart's own pixel ratio). */
export function pngOf(chart: HTMLCanvasElement, text: PngText): Promise<Blob> {
  const scale = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const width = chart.width / scale;
  const height = chart.height / scale;
  const page = composePage({
    width,
    scale,
    family: getComputedStyle(chart).fontFamily || 'sans-serif',
    blocks: [
      { text: text.title, size: 18, bold: true, maxLines: 2 },
      { text: text.subtitle, size: 13, color: MUTED, gap: 4, maxLines: 2 },
      { text: text.total, size: 14, bold: true, gap: 4 },
      {
        layout: () => height + 12,
        draw: (ctx, x, y) => ctx.drawImage(chart, x, y + 12, width, height),
      },
      { text: text.source, size: 11, color: MUTED, gap: 8 },
    ],
  });
  return pngBlob(page);
}

/** A file name from a title: "Dépenses réelles 2021 — CRACH" → "depenses-reelles-2021-crach". */
export function slug(title: string): string {
  return slugOf(title, 'budget');
}

/** Saves a blob under a file name (a temporary link in the element's shadow root). */
export { download };

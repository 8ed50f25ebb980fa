/** The figures of <vitrine-budget> as CSV text and the chart as a PNG image, and their download. */
import type { Category } from '../../data/budget/budget.ts';
import { centsText } from '../../data/budget/cents.ts';
import type { Lang } from '../../i18n/localize.ts';
import { t } from '../../i18n/localize.ts';

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
  const head = [t(lang, 'budgetColCode'), t(lang, 'budgetColLabel')];
  if (years) head.push(...years);
  else head.push(t(lang, 'budgetColAmount'));
  const lines = [head];
  for (const row of rows) {
    const line = [row.code, row.label];
    if (years) line.push(...(row.byYear ?? []).map((c) => plainAmount(lang, c)));
    else line.push(plainAmount(lang, row.cents));
    lines.push(line);
  }
  if (!years) lines.push(['', t(lang, 'budgetTotal'), plainAmount(lang, total)]);
  return lines.map((l) => l.map((v) => quote(v, sep)).join(sep)).join('\r\n') + '\r\n';
}

export interface PngText {
  title: string;
  subtitle: string;
  total: string;
  source: string;
}

/** The chart on a white page with its title, total and source, as a PNG blob. */
export function pngOf(chart: HTMLCanvasElement, text: PngText): Promise<Blob> {
  const scale = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const pad = 16 * scale;
  const header = 78 * scale;
  const footer = 28 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width + 2 * pad;
  canvas.height = chart.height + header + footer + pad;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const family = getComputedStyle(chart).fontFamily || 'sans-serif';
  ctx.fillStyle = '#1e1e1e';
  ctx.textBaseline = 'top';
  ctx.font = `bold ${18 * scale}px ${family}`;
  ctx.fillText(text.title, pad, pad, canvas.width - 2 * pad);
  ctx.font = `${13 * scale}px ${family}`;
  ctx.fillStyle = '#555555';
  ctx.fillText(text.subtitle, pad, pad + 26 * scale, canvas.width - 2 * pad);
  ctx.fillStyle = '#1e1e1e';
  ctx.font = `bold ${14 * scale}px ${family}`;
  ctx.fillText(text.total, pad, pad + 46 * scale, canvas.width - 2 * pad);
  ctx.drawImage(chart, pad, header);
  ctx.font = `${11 * scale}px ${family}`;
  ctx.fillStyle = '#555555';
  ctx.fillText(text.source, pad, header + chart.height + 8 * scale, canvas.width - 2 * pad);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}

/** A file name from a title: "Dépenses réelles 2021 — CRACH" → "depenses-reelles-2021-crach". */
export function slug(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'budget'
  );
}

/** Saves a blob under a file name (a temporary link in the element's shadow root). */
export function download(root: Node & ParentNode, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  (root as ParentNode).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

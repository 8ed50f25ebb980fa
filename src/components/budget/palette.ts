/**
 * Colours of the budget charts. Each has a contrast of at least 4.2:1 with white (WCAG 1.4.11 asks
 * 3:1 for graphics); any two differ by ΔE ≥ 33 (CIE Lab) for normal vision, and neighbours in the
 * order (slices of a doughnut, consecutive tiles) still differ by ΔE ≥ 32 under simulated
 * deuteranopia, protanopia and tritanopia (Machado et al. 2009). test/components/budget-palette.test.ts
 * checks both. Colours never carry meaning alone: every slice and tile is named in the legend, its
 * tooltip and the data table. Override with `--vitrine-chart-1` … `--vitrine-chart-10`.
 */
export const PALETTE = [
  '#000091',
  '#00796b',
  '#8d5a00',
  '#0072b2',
  '#ad1457',
  '#4f6b00',
  '#7b3f99',
  '#bf360c',
  '#5d4037',
  '#6a6af4',
] as const;

/** The colour of "Autres". */
export const OTHERS_COLOUR = '#666666';

/** Colours of the years compared, oldest first: light to dark of the same hue plus a contrasting one. */
export const YEAR_COLOURS = ['#6a6af4', '#000091', '#bf360c', '#00796b'] as const;

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG). */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1, 7), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** White or near-black, whichever reads better on a colour. */
export function textOn(hex: string): string {
  return contrast(hex, '#ffffff') >= contrast(hex, '#161616') ? '#ffffff' : '#161616';
}

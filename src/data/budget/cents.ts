import { isEmptyText, parseNumberFr } from '../infer.ts';

/**
 * Amounts as whole cents, so that sums are exact: "1 234,56", "1234.56", "-12,5", "1 200 €" are read
 * as the table reads numbers, then rounded half away from zero on their decimal writing (not on the
 * binary double, where 1.005 × 100 would give 100.49999…). Empty cells are 0 (`empty`), cells that
 * are not numbers are NaN.
 */
export function toCents(text: string): number {
  if (isEmptyText(text)) return 0;
  const v = parseNumberFr(text);
  return Number.isFinite(v) ? numberToCents(v) : NaN;
}

/** A number as whole cents, rounded half away from zero on its shortest decimal writing. */
export function numberToCents(v: number): number {
  if (!Number.isFinite(v)) return NaN;
  const abs = Math.abs(v);
  // The shortest decimal writing that reads back as the same double, without exponent.
  let s = String(abs);
  if (s.includes('e')) s = abs.toFixed(6);
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  let cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  return v < 0 ? -cents : cents;
}

/** Cents as plain decimal text, exact: -123405 → "-1234.05" (or "-1234,05" with `point` = ","). */
export function centsText(cents: number, point = '.'): string {
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  return `${cents < 0 ? '-' : ''}${euros}${point}${String(abs - euros * 100).padStart(2, '0')}`;
}

/**
 * Fixture files read in tests to compute expected values independently of the library: the text
 * (fetched once per path), `;`-separated CSV rows by PapaParse, and the full-text rule the fake
 * portals document (every word of the query begins a word of the text, ignoring case and accents).
 */
import Papa from 'papaparse';

const files = new Map<string, Promise<string>>();

/** A fixture's text, fetched once (with `fetcher`: tests that wrap `fetch` pass the real one). */
export function fixtureText(path: string, fetcher: typeof fetch = fetch): Promise<string> {
  if (!files.has(path))
    files.set(
      path,
      fetcher(path).then((r) => r.text()),
    );
  return files.get(path)!;
}

/** The rows of a `;`-separated CSV fixture, as objects keyed by header. */
export async function csvRows(path: string, fetcher: typeof fetch = fetch): Promise<Record<string, string>[]> {
  const text = (await fixtureText(path, fetcher)).replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true }).data;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
export const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The documented full-text rule: every word of the query begins a word of the text. */
export const found = (query: string, text: string) => {
  const have = words(fold(text));
  return words(fold(query)).every((w) => have.some((t) => t.startsWith(w)));
};

/** The observatory file the fake portal repeats into its synthetic 10,000,000-row dataset. */
export const SYNTHETIC_POOL = '/demo/data/odf-observatoire.csv';
export const SYNTHETIC_TOTAL = 10_000_000;

/** How many of the synthetic rows repeat pool row i of n (10,000,000 = 891 × 11,223 + 307). */
export function syntheticCopies(i: number, n: number): number {
  return Math.floor(SYNTHETIC_TOTAL / n) + (i < SYNTHETIC_TOTAL % n ? 1 : 0);
}

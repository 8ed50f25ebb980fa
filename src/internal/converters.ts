/** Attribute converters shared by every element. */

/** "a, b ,c" → ["a", "b", "c"]; empty items dropped. A name containing a comma can be quoted: `"a, b", c`. */
export function parseList(value: string | null | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  const re = /\s*(?:"([^"]*)"|([^,]*))\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) && m[0] !== '') {
    const item = (m[1] ?? m[2] ?? '').trim();
    if (item) out.push(item);
    if (re.lastIndex >= value.length) break;
  }
  return out;
}

/** `heading-level`: 1–6, 3 when absent or unreadable. */
export const headingConverter = {
  fromAttribute(value: string | null): number {
    const n = Math.round(Number(value));
    return Number.isFinite(n) && n >= 1 && n <= 6 ? n : 3;
  },
};

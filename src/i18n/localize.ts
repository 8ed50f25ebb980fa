import { en, fr, type StringKey, type Strings } from './strings.ts';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const TABLES: Record<Lang, Strings> = { fr, en };

/** The supported language nearest to a BCP 47 tag ("fr-FR" → fr, "en-GB" → en, anything else → fr). */
export function toLang(tag: string | null | undefined): Lang {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : 'fr';
}

/** The `lang` in force for an element: its own, else the nearest ancestor's (crossing shadow roots), else the document's. */
export function langOf(el: Element): Lang {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return toLang(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return toLang(document.documentElement.lang);
}

/** Looks up a string and fills `{name}` placeholders. */
export function t(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  const s = TABLES[lang][key] ?? fr[key];
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

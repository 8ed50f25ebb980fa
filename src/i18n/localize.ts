import { fr, type StringKey, type Strings } from './strings.ts';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The strings loaded so far: French always; the others once `loadStrings` has fetched them. */
const TABLES: Partial<Record<Lang, Strings>> = { fr };
const LOADERS: Record<Exclude<Lang, 'fr'>, () => Promise<Strings>> = {
  en: () => import('./en.ts').then((m) => m.en),
};
const pending = new Map<Lang, Promise<void>>();

/** Whether the strings of a language are here (French always is). */
export function hasStrings(lang: Lang): boolean {
  return TABLES[lang] !== undefined;
}

/**
 * Fetches the strings of a language once (a small chunk, so that pages in French never download
 * the others). Never rejects: when the chunk cannot be fetched, the text stays in French and a
 * later call tries again.
 */
export function loadStrings(lang: Lang): Promise<void> {
  if (lang === 'fr' || TABLES[lang]) return Promise.resolve();
  let p = pending.get(lang);
  if (!p) {
    p = LOADERS[lang]().then(
      (strings) => {
        TABLES[lang] = strings;
      },
      () => {
        pending.delete(lang);
      },
    );
    pending.set(lang, p);
  }
  return p;
}

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

/** Runs `next` at once when the strings of `lang` are here, else once they are (an element's render waits so). */
export function withStrings<T>(lang: Lang, next: () => T): T | Promise<T> {
  return hasStrings(lang) ? next() : loadStrings(lang).then(next);
}

/** Looks up a string and fills `{name}` placeholders. */
export function t(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  // Until its strings are loaded, a language reads French (elements wait for them before rendering).
  const s = TABLES[lang]?.[key] ?? fr[key];
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

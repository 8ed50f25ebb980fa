import { fr, type CommonKey, type StringKey, type Strings } from './strings.ts';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The other languages' strings, once `loadStrings` has fetched them. French is never in here: its
 * strings are spread over the modules that use them (the common ones in strings.ts, an element's
 * own next to it, such as fr-map.ts), so that a page downloads only the French it shows.
 */
const TABLES: Partial<Record<Exclude<Lang, 'fr'>, Strings>> = {};
const LOADERS: Record<Exclude<Lang, 'fr'>, () => Promise<Strings>> = {
  en: () => import('./en.ts').then((m) => m.en),
};
const pending = new Map<Lang, Promise<void>>();

/** Whether the strings of a language are here (French always is). */
export function hasStrings(lang: Lang): boolean {
  return lang === 'fr' || TABLES[lang] !== undefined;
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

/**
 * Looks up `key` in the strings of `lang` and fills its `{name}` placeholders. `french` is the
 * French string of that key, given by the module that owns it: the text until the language's
 * strings are loaded (elements wait for them before rendering), and for French itself.
 */
export function lookup(
  lang: Lang,
  key: StringKey,
  french: string,
  params: Record<string, string | number> = {},
): string {
  const s = (lang === 'fr' ? undefined : TABLES[lang]?.[key]) ?? french;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Looks up one of the common strings (strings.ts) and fills `{name}` placeholders. */
export function t(lang: Lang, key: CommonKey, params: Record<string, string | number> = {}): string {
  return lookup(lang, key, fr[key], params);
}

/**
 * The lookup of one element's strings (fr-map.ts…): `key` is typed to that module's keys, and its
 * French string, `french[key]`, is the text in French and until another language is loaded.
 */
export function lookupIn<K extends StringKey>(
  french: Readonly<Record<K, string>>,
): (lang: Lang, key: K, params?: Record<string, string | number>) => string {
  return (lang, key, params = {}) => lookup(lang, key, french[key], params);
}

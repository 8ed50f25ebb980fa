/**
 * `dist/vitrine.iife.js`: the fallback for a CMS that strips `type="module"` from script tags.
 * A classic script can still import modules: this one finds its own URL, imports `vitrine.js`
 * from the same folder (the autoloader, see index.ts), and exposes it as `window.Vitrine`:
 *
 *   <script src="/media/vitrine/vitrine.iife.js"></script>
 *   <script>Vitrine.load('vitrine-table').then((VitrineTable) => { ... });</script>
 */
import type * as Autoloader from './index.ts';

/** What a classic script sees of the autoloader: the same functions, before it has loaded. */
export interface VitrineGlobal {
  /** Resolves to the autoloader module once it has loaded (and started watching the page). */
  ready: Promise<typeof Autoloader>;
  load: typeof Autoloader.load;
  loadAll: typeof Autoloader.loadAll;
  discover: typeof Autoloader.discover;
}

declare global {
  interface Window {
    Vitrine?: VitrineGlobal;
  }
}

const NAME = /\/vitrine\.iife(?:\.min)?\.js(?:[?#]|$)/;
const self =
  (document.currentScript as HTMLScriptElement | null)?.src ||
  [...document.scripts].map((s) => s.src).find((src) => NAME.test(src)) ||
  document.baseURI;
const url = new URL('vitrine.js', self);
// A version query a CMS appends (`?ver=1.2`) reaches the module too, so it is refreshed with this file.
url.search = new URL(self).search;
const ready: Promise<typeof Autoloader> = import(/* @vite-ignore */ url.href);
ready.catch((err: unknown) => console.error(`[vitrine] ${url.href} could not be loaded:`, err));
window.Vitrine ??= {
  ready,
  load: (tag) => ready.then((m) => m.load(tag)),
  loadAll: () => ready.then((m) => m.loadAll()),
  discover: (root) => ready.then((m) => m.discover(root)),
};

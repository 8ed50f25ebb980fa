/**
 * The CDN entry (`dist/vitrine.js`): a small autoloader, not the elements themselves.
 *
 * One `<script type="module" src=".../vitrine.js">` makes every Vitrine element work, while a page
 * downloads only the code of the elements it uses: each element is a chunk of its own (the map
 * with Leaflet, the budget with Chart.js on first draw), fetched the first time its tag is seen in
 * the document, the tag then upgraded in place. The chunks are imported with URLs relative to this
 * file, so the folder can be served from anywhere (a CDN, a CMS media sub-folder) as it is.
 *
 * Watched: the document when the script runs, and every node added to it later (a block a CMS
 * inserts, `document.body.append(document.createElement('vitrine-table'))`). Not watched: the
 * shadow roots of other components; call `discover(shadowRoot)` for those, or `load(tag)` first.
 *
 * The npm entry (`src/index.ts`) registers every element statically instead.
 */
import type { VitrineTable } from '../components/table/table.ts';
import type { VitrineMap } from '../components/map/map.ts';
import type { VitrineCards } from '../components/cards/cards.ts';
import type { VitrineBudget } from '../components/budget/budget.ts';
import type { VitrineSource } from '../components/source/source.ts';
import type { VitrineFilter } from '../components/filter/filter.ts';
import type { VitrineSearch } from '../components/search/search.ts';

/** Each tag, and the chunk that defines it (each registration module defines its tag on import). */
const chunks = {
  'vitrine-table': () => import('../components/table/table.ts'),
  'vitrine-map': () => import('../components/map/map.ts'),
  'vitrine-cards': () => import('../components/cards/cards.ts'),
  'vitrine-budget': () => import('../components/budget/budget.ts'),
  'vitrine-source': () => import('../components/source/source.ts'),
  'vitrine-filter': () => import('../components/filter/filter.ts'),
  'vitrine-search': () => import('../components/search/search.ts'),
} satisfies Record<string, () => Promise<unknown>>;

/** The class of each element, by tag. */
export interface VitrineElements {
  'vitrine-table': typeof VitrineTable;
  'vitrine-map': typeof VitrineMap;
  'vitrine-cards': typeof VitrineCards;
  'vitrine-budget': typeof VitrineBudget;
  'vitrine-source': typeof VitrineSource;
  'vitrine-filter': typeof VitrineFilter;
  'vitrine-search': typeof VitrineSearch;
}
export type VitrineTag = keyof VitrineElements;

/** Every tag this script can define. */
export const tags = Object.keys(chunks) as VitrineTag[];

const isTag = (name: string): name is VitrineTag => Object.hasOwn(chunks, name);
const pending = new Map<VitrineTag, Promise<CustomElementConstructor>>();
/** Watches the document for tags to load; disconnected once every element is defined. */
let observer: MutationObserver | undefined;

/**
 * Loads and defines one element, and resolves to its class once defined:
 * `const VitrineTable = await load('vitrine-table')`. Safe to call any number of times; after a
 * failed download (offline, say), the next call tries again.
 */
export function load<T extends VitrineTag>(tag: T): Promise<VitrineElements[T]> {
  if (!isTag(tag))
    return Promise.reject(new TypeError(`[vitrine] unknown element <${String(tag)}>; known: ${tags.join(', ')}`));
  let loading = pending.get(tag);
  if (!loading) {
    const defined = customElements.get(tag);
    loading = defined
      ? Promise.resolve(defined)
      : chunks[tag]().then(
          async () => {
            const defined = await customElements.whenDefined(tag);
            if (tags.every((t) => customElements.get(t))) observer?.disconnect();
            return defined;
          },
          (err: unknown) => {
            pending.delete(tag);
            throw err;
          },
        );
    pending.set(tag, loading);
  }
  return loading as Promise<VitrineElements[T]>;
}

/** Loads every element (for a page that builds many of them from script, say). */
export function loadAll(): Promise<CustomElementConstructor[]> {
  return Promise.all(tags.map((tag) => load(tag)));
}

/**
 * Loads the elements used under `root` (the document by default, or a shadow root, or an element
 * with its descendants) that are not defined yet. Resolves once they are defined; a chunk that
 * cannot load is reported in the console and does not reject.
 */
export async function discover(root: ParentNode = document): Promise<void> {
  const found = new Set<VitrineTag>();
  if (root instanceof Element && isTag(root.localName) && !customElements.get(root.localName))
    found.add(root.localName);
  for (const el of root.querySelectorAll(':not(:defined)')) if (isTag(el.localName)) found.add(el.localName);
  await Promise.all(
    [...found].map((tag) =>
      load(tag).catch((err: unknown) => {
        console.error(`[vitrine] <${tag}> could not be loaded from ${import.meta.url}:`, err);
      }),
    ),
  );
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  void discover(document);
}

/**
 * Linked elements on 200,000 rows: one `<vitrine-source>` shown by a map, a table and cards, with a
 * `<vitrine-filter>` (checkboxes) and a `<vitrine-search>`; the time from a facet click (and from
 * a second click, a clear and a search) until all three views are updated and painted. As a
 * reference (not a peer: one element, no map, no cards, no facet counts), a `<vitrine-table>`
 * alone on the same file, filtered through its own `filter` attribute and search box.
 * bench/run.mjs calls `window.vitrineLinkedRound` once per round and per variant, and aggregates
 * the figures (its LINKED_METHOD says what each one means). Loaded on demand by bench.ts.
 *
 * Every wait has a time limit; a failing step gives an error string instead of a figure, and the
 * steps after it in that round are skipped.
 */
import '../src/components/cards/cards.ts';
import '../src/components/filter/filter.ts';
import '../src/components/map/map.ts';
import '../src/components/search/search.ts';
import '../src/components/source/source.ts';
import '../src/components/table/table.ts';
import { clearLoadCache } from '../src/data/load.ts';
import { fresh, nextPaint, step } from './page-utils.ts';

/** The limit of every wait, in ms. */
const TIMEOUT = 120_000;
/** The pause between the views shown and the first click, as a person who looks before clicking. */
const PAUSE_BEFORE_FIRST = 1000;
/** The pause before each later step (after window.gc()). */
const PAUSE_BETWEEN = 500;
/**
 * The layout: a side column (filter, search) and a main column: the map, then the table and the
 * cards each in a box that scrolls (20 rows of the 18 IRVE columns are far taller than a screen),
 * so that the three views are in the viewport that run.mjs sets.
 */
const SIDE_WIDTH = 260;
const MAIN_WIDTH = 1000;
const MAP_HEIGHT = 500;
const BOX_HEIGHT = 600;

/** The steps of a round, in order. */
export const LINKED_STEPS = ['facetClick', 'secondClick', 'clear', 'search'] as const;
export type LinkedStep = (typeof LINKED_STEPS)[number];

/** What a step should show, computed by run.mjs from the file (PapaParse in Node). */
export interface Expected {
  /** Rows that pass. */
  rows: number;
  /** Those with valid coordinates (the map's places). */
  points: number;
}

export interface LinkedRoundOptions {
  /** The CSV (`;`-separated, with Xlongitude and Ylatitude). */
  url: string;
  /** The facet column, and the two values clicked one after the other. */
  field: string;
  values: [string, string];
  /** The text typed (in one input event) in the search box after the clear. */
  search: string;
  /** The column the cards take their title from. */
  cardTitle: string;
  /** All rows, and what each step should show. */
  all: Expected;
  expected: Record<LinkedStep, Expected>;
}

/** A figure, or why it could not be measured. */
export type Figure = number | string;

export interface StepSample {
  /** From the action until the views are updated and painted. */
  ms?: Figure;
  /** The action itself (the click, the setAttribute, the input event's dispatch). */
  syncMs?: Figure;
  /** Linked only: from the action until the source told its elements (the search waits for a frame). */
  notifyMs?: Figure;
  /** The longest main-thread task (over 50 ms, else 0) from the action until painted. */
  longestTaskMs?: Figure;
  /** Time spent in each element's Lit update (performUpdate: willUpdate, render, commit, updated). */
  updateTableMs?: Figure;
  updateMapMs?: Figure;
  updateCardsMs?: Figure;
  updateFilterMs?: Figure;
  updateSearchMs?: Figure;
  /** What the views show once painted. */
  tableRows?: Figure;
  cardsRows?: Figure;
  mapPoints?: Figure;
  mapSummary?: string;
  expectedRows?: Figure;
  expectedPoints?: Figure;
  markersInDom?: Figure;
  clustersInDom?: Figure;
  /** Every tr of the table's tbody. */
  tableDomRows?: Figure;
  cardsInDom?: Figure;
  error?: string;
}

export interface LinkedSample {
  /** From appending the elements until all three show every row, painted. */
  readyMs?: Figure;
  /** The `elapsed` of the source's vitrine-load event (its fetch, parse and type inference). */
  loadElapsedMs?: Figure;
  rows?: Figure;
  /** Linked only: the checkboxes the filter shows, and the map's summary once ready. */
  facetOptions?: Figure;
  readySummary?: string;
  /** The longest main-thread task from the start until ready. */
  longestLoadTaskMs?: Figure;
  /** The most rows of table DOM seen after any step (and after ready). */
  maxTableDomRows?: Figure;
  viewport?: string;
  /** Where the three views sit in the page (px), to tell whether they are all in view. */
  layout?: string;
  steps: Partial<Record<LinkedStep, StepSample>>;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT): Promise<T> {
  let timer = 0;
  const late = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`timeout after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const gc = () => (window as unknown as { gc?: () => void }).gc?.();

/** Starts each round on a clean heap, with no element of an earlier round left. */
async function settle(): Promise<void> {
  document.querySelectorAll('.linked-bench-box').forEach((b) => b.remove());
  clearLoadCache();
  gc();
  await sleep(200);
}

/** Every long task of the round; the longest in a time window once the round is over. */
function longTasks() {
  const tasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration })),
  );
  observer.observe({ type: 'longtask', buffered: false });
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await sleep(50);
      observer.disconnect();
    },
    /** The longest task that ran during [from, to], started before `from` included (the task of the action). */
    longest(from: number, to: number): number {
      return Math.max(0, ...tasks.filter((t) => t.start < to && t.start + t.duration > from).map((t) => t.duration));
    },
  };
}

type Tasks = ReturnType<typeof longTasks>;

/** Times each element's Lit updates (an own performUpdate that calls the class's). */
function timeUpdates(els: Record<string, Element>) {
  const spent: Record<string, number> = {};
  for (const [name, el] of Object.entries(els)) {
    spent[name] = 0;
    const target = el as unknown as { performUpdate: () => void };
    const original = target.performUpdate;
    target.performUpdate = function (this: unknown) {
      const t = performance.now();
      try {
        original.call(this);
      } finally {
        spent[name] += performance.now() - t;
      }
    };
  }
  return {
    reset() {
      for (const k of Object.keys(spent)) spent[k] = 0;
    },
    read(): Record<string, number> {
      return { ...spent };
    },
  };
}

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The number the map's summary starts with ("21 400 lieux affichés"). */
function summaryCount(summary: string): number {
  return Number(summary.match(/^[\d\s\u202f\u00a0,.]+/)?.[0].replace(/\D/g, '') || NaN);
}

function box(): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'linked-bench-box';
  div.style.cssText = `display:flex;gap:20px;align-items:flex-start;width:${SIDE_WIDTH + MAIN_WIDTH + 20}px`;
  document.body.append(div);
  return div;
}

/** A column of the layout. */
function column(width: number): HTMLDivElement {
  const div = document.createElement('div');
  div.style.cssText = `width:${width}px;min-width:0;flex:none;display:flex;flex-direction:column;gap:16px`;
  return div;
}

/** A box of the main column that scrolls, holding `el`. */
function scroller(el: HTMLElement): HTMLDivElement {
  const div = document.createElement('div');
  div.style.cssText = `width:${MAIN_WIDTH}px;height:${BOX_HEIGHT}px;overflow:auto;flex:none`;
  div.toggleAttribute('data-scroller', true);
  el.style.display = 'block';
  div.append(el);
  return div;
}

/** Resolves on `ok` (once) from `el`; rejects on its vitrine-error. */
function event(el: Element, ok: string): Promise<Event> {
  return new Promise((resolve, reject) => {
    el.addEventListener(ok, resolve, { once: true });
    el.addEventListener(
      'vitrine-error',
      (e) =>
        reject(new Error(`${el.localName} vitrine-error: ${(e as CustomEvent<{ message: string }>).detail?.message}`)),
      { once: true },
    );
  });
}

type Updatable = Element & { updateComplete: Promise<unknown> };

const allUpdated = (els: Updatable[], what: string) => withTimeout(Promise.all(els.map((e) => e.updateComplete)), what);

/** Where an element (or the scrolling box it is in) sits in the page, in px. */
function where(el: Element): string {
  const inBox = el.parentElement?.hasAttribute('data-scroller');
  const r = (inBox ? el.parentElement! : el).getBoundingClientRect();
  const at = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  return `${el.localName}${inBox ? ' (its box)' : ''} ${at}`;
}

/**
 * One step: `act` (timed alone as syncMs), until the views are updated (`updated`) and painted,
 * then `check` reads what they show (not timed).
 */
async function timedStep(
  sample: { steps: Partial<Record<LinkedStep, StepSample>>; error?: string },
  name: LinkedStep,
  tasks: Tasks,
  late: (() => void)[],
  run: {
    act: () => void;
    /** Resolves once the views have been told (the click's own task; the search's frame). */
    notified?: Promise<number>;
    updated: () => Promise<unknown>;
    updates?: ReturnType<typeof timeUpdates>;
    check: (s: StepSample) => void;
  },
): Promise<boolean> {
  const s: StepSample = {};
  sample.steps[name] = s;
  const ok = await step(sample, async () => {
    try {
      run.updates?.reset();
      const t = performance.now();
      run.act();
      s.syncMs = performance.now() - t;
      if (run.notified) s.notifyMs = (await withTimeout(run.notified, `the source's change after ${name}`)) - t;
      await run.updated();
      await nextPaint();
      const end = performance.now();
      s.ms = end - t;
      late.push(() => (s.longestTaskMs = tasks.longest(t, end)));
      // The checks (the rows getter builds one object per row) in a task of their own, after `end`.
      await sleep(0);
      const spent = run.updates?.read();
      if (spent) {
        s.updateTableMs = spent.table;
        s.updateMapMs = spent.map;
        s.updateCardsMs = spent.cards;
        s.updateFilterMs = spent.filter;
        s.updateSearchMs = spent.search;
      }
      run.check(s);
    } catch (e) {
      s.error = e instanceof Error ? e.message : String(e);
      // A step without a figure says why (its error), and so does the round.
      s.ms = `${name}: ${s.error}`;
      throw new Error(`${name}: ${s.error}`);
    }
  });
  return ok;
}

/** The next change the source tells its elements, as a time (its listeners are called in order: ours last). */
function nextChange(source: HTMLElementTagNameMap['vitrine-source']): Promise<number> {
  return new Promise((resolve) => {
    const off = source.subscribe(() => {
      off();
      resolve(performance.now());
    });
  });
}

let rounds = 0;

/**
 * `<vitrine-source>` + `<vitrine-filter control="checkbox">` + `<vitrine-search>` +
 * `<vitrine-map cluster tiles="none">` + `<vitrine-table page-size="20">` + `<vitrine-cards page-size="12">`:
 * until all three show every row, a pause, then the four steps.
 */
export async function linkedRound(opts: LinkedRoundOptions): Promise<LinkedSample> {
  await settle();
  const sample: LinkedSample = { steps: {} };
  const div = box();
  const tasks = longTasks();
  const late: (() => void)[] = [];
  const id = `linked-bench-${++rounds}`;
  let maxDom = 0;
  try {
    const source = document.createElement('vitrine-source');
    const filter = document.createElement('vitrine-filter');
    const search = document.createElement('vitrine-search');
    const map = document.createElement('vitrine-map');
    const table = document.createElement('vitrine-table');
    const cards = document.createElement('vitrine-cards');
    const views = [map, table, cards] as Updatable[];
    const updates = timeUpdates({ table, map, cards, filter, search });
    const side = column(SIDE_WIDTH);
    const main = column(MAIN_WIDTH);
    const tableDom = () => table.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;
    const summary = () => plain(map.shadowRoot?.querySelector('[part="summary"]')?.textContent);
    const checkbox = (value: string) => {
      const label = [...(filter.shadowRoot?.querySelectorAll('label[part~="option"]') ?? [])].find(
        (l) => plain(l.querySelector('span:not([part])')?.textContent) === value,
      );
      const input = label?.querySelector<HTMLInputElement>('input[type="checkbox"]');
      if (!input) throw new Error(`no checkbox "${value}" in the filter`);
      if (input.disabled) throw new Error(`the checkbox "${value}" is disabled`);
      return input;
    };
    /** What the views show; an error when it is not what the file gives. */
    const shows = (s: StepSample, want: Expected, what: string) => {
      s.tableRows = table.rows.length;
      s.cardsRows = cards.rows.length;
      s.mapSummary = summary();
      s.mapPoints = summaryCount(s.mapSummary);
      s.expectedRows = want.rows;
      s.expectedPoints = want.points;
      const root = map.shadowRoot!;
      s.markersInDom = root.querySelectorAll('.leaflet-marker-icon').length;
      s.clustersInDom = root.querySelectorAll('.vitrine-cluster').length;
      s.tableDomRows = tableDom();
      s.cardsInDom = cards.shadowRoot?.querySelectorAll('li[part~="card"]').length ?? 0;
      maxDom = Math.max(maxDom, s.tableDomRows);
      if (s.tableRows !== want.rows || s.cardsRows !== want.rows || s.mapPoints !== want.points) {
        throw new Error(
          `after ${what}: table ${s.tableRows} rows, cards ${s.cardsRows} rows, map "${s.mapSummary}"; ` +
            `expected ${want.rows} rows and ${want.points} places`,
        );
      }
      if (!s.markersInDom) throw new Error(`after ${what}: no marker on the map`);
    };

    let t0 = 0;
    await step(sample, async () => {
      source.id = id;
      filter.setAttribute('source', id);
      filter.setAttribute('field', opts.field);
      filter.setAttribute('control', 'checkbox');
      filter.setAttribute('max-values', '0');
      search.setAttribute('source', id);
      map.setAttribute('source', id);
      map.setAttribute('tiles', 'none');
      map.toggleAttribute('cluster', true);
      map.style.cssText = `display:block;--vitrine-map-height:${MAP_HEIGHT}px`;
      table.setAttribute('source', id);
      table.setAttribute('page-size', '20');
      cards.setAttribute('source', id);
      cards.setAttribute('card-title', opts.cardTitle);
      cards.setAttribute('page-size', '12');
      const loaded = event(source, 'vitrine-load');
      const ready = Promise.all([
        loaded,
        event(table, 'vitrine-load'),
        event(cards, 'vitrine-load'),
        event(map, 'vitrine-load'),
        event(map, 'vitrine-map-ready'),
      ]);
      t0 = performance.now();
      source.setAttribute('src', fresh(opts.url));
      side.append(filter, search);
      main.append(map, scroller(table), scroller(cards));
      div.append(source, side, main);
      const [load] = await withTimeout(ready, 'vitrine-load (source, table, cards, map) and vitrine-map-ready');
      await allUpdated([...views, filter, search] as Updatable[], 'the first updates');
      await nextPaint();
      const end = performance.now();
      sample.readyMs = end - t0;
      late.push(() => (sample.longestLoadTaskMs = tasks.longest(t0, end)));
      await sleep(0);
      const detail = (load as CustomEvent<{ elapsed: number; rowCount: number }>).detail;
      sample.loadElapsedMs = detail.elapsed;
      sample.rows = detail.rowCount;
      sample.facetOptions = filter.shadowRoot?.querySelectorAll('label[part~="option"]').length ?? 0;
      sample.readySummary = summary();
      sample.viewport = `${innerWidth} x ${innerHeight}`;
      sample.layout = [map, table, cards].map(where).join('; ');
      const s: StepSample = {};
      shows(s, opts.all, 'load');
    });

    const steps: [LinkedStep, () => void][] = [
      ['facetClick', () => checkbox(opts.values[0]).click()],
      ['secondClick', () => checkbox(opts.values[1]).click()],
      [
        'clear',
        () => {
          const clear = filter.shadowRoot?.querySelector<HTMLButtonElement>('[part="clear"]');
          if (!clear) throw new Error('no [part=clear] button in the filter');
          clear.click();
        },
      ],
      [
        'search',
        () => {
          const input = search.shadowRoot?.querySelector<HTMLInputElement>('input');
          if (!input) throw new Error('no input in vitrine-search');
          input.value = opts.search;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        },
      ],
    ];
    let first = true;
    for (const [name, act] of steps) {
      if (sample.error) break;
      gc();
      await sleep(first ? PAUSE_BEFORE_FIRST : PAUSE_BETWEEN);
      first = false;
      await timedStep(sample, name, tasks, late, {
        act,
        notified: nextChange(source),
        updated: () => allUpdated(views, `updateComplete of map, table and cards after ${name}`),
        updates,
        check: (s) => shows(s, opts.expected[name], name),
      });
    }
    await tasks.stop();
    late.forEach((f) => f());
    sample.maxTableDomRows = maxDom;
  } finally {
    await tasks.stop();
    div.remove();
    clearLoadCache();
  }
  return sample;
}

/**
 * The reference: `<vitrine-table src page-size="20" search>` alone, the same steps through its own
 * attributes: filter="field = a", filter="field = a | b", no filter, then its search box.
 */
export async function tableAloneRound(opts: LinkedRoundOptions): Promise<LinkedSample> {
  await settle();
  const sample: LinkedSample = { steps: {} };
  const div = box();
  const tasks = longTasks();
  const late: (() => void)[] = [];
  let maxDom = 0;
  try {
    const table = document.createElement('vitrine-table');
    const tableDom = () => table.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;
    const shows = (s: StepSample, want: Expected, what: string) => {
      s.tableRows = table.rows.length;
      s.expectedRows = want.rows;
      s.tableDomRows = tableDom();
      maxDom = Math.max(maxDom, s.tableDomRows);
      if (s.tableRows !== want.rows) throw new Error(`after ${what}: table ${s.tableRows} rows, expected ${want.rows}`);
    };
    const updates = timeUpdates({ table });
    let t0 = 0;
    await step(sample, async () => {
      table.setAttribute('page-size', '20');
      table.toggleAttribute('search', true);
      const loaded = event(table, 'vitrine-load');
      t0 = performance.now();
      table.setAttribute('src', fresh(opts.url));
      const main = column(MAIN_WIDTH);
      main.append(scroller(table));
      div.append(main);
      const load = await withTimeout(loaded, 'vitrine-load of the table');
      await withTimeout(table.updateComplete, 'the first update');
      await nextPaint();
      const end = performance.now();
      sample.readyMs = end - t0;
      late.push(() => (sample.longestLoadTaskMs = tasks.longest(t0, end)));
      await sleep(0);
      const detail = (load as CustomEvent<{ elapsed: number; rowCount: number }>).detail;
      sample.loadElapsedMs = detail.elapsed;
      sample.rows = detail.rowCount;
      sample.viewport = `${innerWidth} x ${innerHeight}`;
      sample.layout = where(table);
      shows({}, opts.all, 'load');
    });
    const [a, b] = opts.values;
    const steps: [LinkedStep, () => void][] = [
      ['facetClick', () => table.setAttribute('filter', `${opts.field} = ${a}`)],
      ['secondClick', () => table.setAttribute('filter', `${opts.field} = ${a} | ${b}`)],
      ['clear', () => table.removeAttribute('filter')],
      [
        'search',
        () => {
          const input = table.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
          if (!input) throw new Error('vitrine-table has no input[type=search]');
          input.value = opts.search;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        },
      ],
    ];
    let first = true;
    for (const [name, act] of steps) {
      if (sample.error) break;
      gc();
      await sleep(first ? PAUSE_BEFORE_FIRST : PAUSE_BETWEEN);
      first = false;
      await timedStep(sample, name, tasks, late, {
        act,
        updated: () => withTimeout(table.updateComplete, `updateComplete of the table after ${name}`),
        updates,
        check: (s) => shows(s, opts.expected[name], name),
      });
    }
    await tasks.stop();
    late.forEach((f) => f());
    sample.maxTableDomRows = maxDom;
  } finally {
    await tasks.stop();
    div.remove();
    clearLoadCache();
  }
  return sample;
}

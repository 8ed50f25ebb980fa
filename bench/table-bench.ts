/**
 * The table comparison: <vitrine-table> against Tabulator 6.3 on the same 200,000 rows, in the same
 * page. bench/run.mjs calls `window.vitrineTableRound` once per round and per variant (so no single
 * call runs for long), and aggregates the figures. Loaded on demand by bench.ts, so that neither
 * Tabulator nor its CSS is in the page while the parse measurements run.
 *
 * Every wait has a time limit; a failing step gives an error string instead of a figure, and the
 * steps after it in that round are skipped.
 */
import Papa from 'papaparse';
import { TabulatorFull } from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator.min.css';
import '../src/components/table/table.ts';
import { clearLoadCache } from '../src/data/load.ts';
import { isPrepared } from '../src/data/query.ts';
import { fresh, message, nextPaint, step } from './page-utils.ts';

/** The limit of every wait, in ms. */
const TIMEOUT = 120_000;
/** The box both tables are shown in. */
const WIDTH = 1000;
const HEIGHT = 600;
/**
 * The pause before the first sort and before the first search, as a person who looks at the
 * table before clicking a header or typing. Both libraries get it.
 */
export const PAUSE_BEFORE_SEARCH = 1000;

export interface TableRoundOptions {
  /** The CSV (`;`-separated). */
  url: string;
  /** A text column and a numeric column to sort by (descending). */
  textColumn: string;
  numberColumn: string;
  /** Two searches, one after the other. */
  searches: [string, string];
}

/** A figure, or why it could not be measured. */
export type Figure = number | string;

export interface TableSample {
  firstRowsMs?: Figure;
  /** Tabulator only: fetch + PapaParse, the part of firstRowsMs before `new TabulatorFull`. */
  fetchParseMs?: Figure;
  domRows?: Figure;
  dataRows?: Figure;
  domRowsAfterScrollMiddle?: Figure;
  /** Which box was scrolled to its middle, and to where. */
  scrolled?: string;
  sortTextMs?: Figure;
  sortNumberMs?: Figure;
  firstTextAfterSort?: string;
  firstNumberAfterSort?: string;
  searchFirstMs?: Figure;
  searchAgainMs?: Figure;
  searchFirstMatches?: Figure;
  searchAgainMatches?: Figure;
  /** Vitrine only: how many columns the element had folded (while idle) when the first search ran. */
  preparedColumnsAtSearch?: Figure;
  /** Vitrine only: the longest main-thread task in the 1 s between the first rows and the first sort (its idle preparation). */
  longestIdleTaskMs?: Figure;
  columnCount?: number;
  columnTypes?: Record<string, string>;
  footer?: string;
  error?: string;
}

function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT): Promise<T> {
  let timer = 0;
  const late = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`timeout after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Resolves with what `probe` finds under `root`, as soon as a mutation (or a 50 ms poll) shows it. */
function waitFor<T>(root: Node, probe: () => T | null | undefined, what: string, ms = TIMEOUT): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (value?: T, err?: unknown) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      if (err === undefined) resolve(value as T);
      else reject(err);
    };
    const check = () => {
      try {
        const found = probe();
        if (found) finish(found);
      } catch (err) {
        finish(undefined, err);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true });
    const poll = window.setInterval(check, 50);
    const timer = window.setTimeout(
      () => finish(undefined, new Error(`timeout after ${ms} ms waiting for ${what}`)),
      ms,
    );
    check();
  });
}

/** Starts each round on a clean heap, with no element of an earlier round left. */
async function settle(): Promise<void> {
  document.querySelectorAll('.table-bench-box').forEach((b) => b.remove());
  clearLoadCache();
  (window as unknown as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
}

function box(): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'table-bench-box';
  div.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;overflow:auto;position:relative`;
  document.body.append(div);
  return div;
}

/** Scrolls the first element that scrolls vertically to its middle; which one, if any. */
async function scrollMiddle(candidates: (Element | null | undefined)[]): Promise<Element | undefined> {
  const scroller = candidates.find(
    (e): e is Element =>
      !!e && e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY),
  );
  if (!scroller) return undefined;
  scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) / 2;
  // The scroll event, then the rows the renderer adds for the new position.
  await nextPaint();
  await nextPaint();
  await nextPaint();
  return scroller;
}

function describe(scroller: Element | undefined): string {
  if (!scroller) return 'nothing scrolls vertically';
  const name = scroller.getAttribute('part')
    ? `part=${scroller.getAttribute('part')}`
    : scroller.localName + (scroller.className ? `.${scroller.className}` : '');
  return `${name} scrollTop ${Math.round(scroller.scrollTop)} of scrollHeight ${scroller.scrollHeight}`;
}

type VitrineTableElement = HTMLElementTagNameMap['vitrine-table'];

/** How one library sorts, reads its first row and searches (timed from the call to the paint). */
interface QuerySide {
  sortBy(column: string): Promise<number>;
  firstCell(column: string): string | undefined;
  search(query: string): Promise<{ ms: number; matches: number }>;
  /** Called after the pause, just before the first sort. */
  afterPause?(): void;
  /** Called just before the first search. */
  beforeSearch?(): void;
}

/**
 * The same queries, in the same order and with the same pauses, for both libraries: a pause,
 * the text sort, the number sort, a pause, then two searches.
 */
async function runQueries(sample: TableSample, opts: TableRoundOptions, side: QuerySide): Promise<void> {
  const pause = () => new Promise((r) => setTimeout(r, PAUSE_BEFORE_SEARCH));
  await step(sample, async () => {
    await pause();
    side.afterPause?.();
    sample.sortTextMs = await side.sortBy(opts.textColumn);
    sample.firstTextAfterSort = side.firstCell(opts.textColumn);
  });
  await step(sample, async () => {
    sample.sortNumberMs = await side.sortBy(opts.numberColumn);
    sample.firstNumberAfterSort = side.firstCell(opts.numberColumn);
  });
  await step(sample, async () => {
    await pause();
    side.beforeSearch?.();
    const s = await side.search(opts.searches[0]);
    sample.searchFirstMs = s.ms;
    sample.searchFirstMatches = s.matches;
  });
  await step(sample, async () => {
    const s = await side.search(opts.searches[1]);
    sample.searchAgainMs = s.ms;
    sample.searchAgainMatches = s.matches;
  });
}

/** <vitrine-table src page-size search> in the box; sort by attribute; search through its search box. */
export async function vitrineRound(opts: TableRoundOptions, pageSize: number): Promise<TableSample> {
  await settle();
  const sample: TableSample = {};
  const div = box();
  let el!: VitrineTableElement;
  let root!: ShadowRoot;
  let longTasks: PerformanceObserver | undefined;
  let longest = 0;
  try {
    await step(sample, async () => {
      const t0 = performance.now();
      el = document.createElement('vitrine-table');
      el.setAttribute('page-size', String(pageSize));
      el.toggleAttribute('search', true);
      el.setAttribute('src', fresh(opts.url));
      el.style.cssText = 'display:block;height:100%';
      div.append(el);
      root = el.shadowRoot!;
      await waitFor(
        root,
        () => {
          const error = root.querySelector('[part="error"]');
          if (error) throw new Error(`vitrine-table error: ${error.textContent?.replace(/\s+/g, ' ').trim()}`);
          return root.querySelector('tr[part="row"]');
        },
        'the first vitrine rows',
      );
      await nextPaint();
      sample.firstRowsMs = performance.now() - t0;
      const start = performance.now();
      longTasks = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          if (e.startTime >= start) longest = Math.max(longest, e.duration);
        }),
      );
      longTasks.observe({ type: 'longtask', buffered: false });
      sample.domRows = root.querySelectorAll('tbody tr').length;
      sample.dataRows = root.querySelectorAll('tr[part="row"]').length;
      sample.footer = root.querySelector('[part="footer"]')?.textContent?.replace(/\s+/g, ' ').trim();
      sample.columnCount = el.columns.length;
      sample.columnTypes = Object.fromEntries(
        el.columns
          .filter((c) => c.name === opts.textColumn || c.name === opts.numberColumn)
          .map((c) => [c.name, c.type]),
      );
    });
    await step(sample, async () => {
      const scroller = await scrollMiddle([root.querySelector('[part="scroller"]'), el, div]);
      sample.scrolled = describe(scroller);
      sample.domRowsAfterScrollMiddle = root.querySelectorAll('tbody tr').length;
      if (scroller) {
        scroller.scrollTop = 0;
        await nextPaint();
        await nextPaint();
      }
    });
    const firstCell = (column: string) => {
      const index = el.columns.findIndex((c) => c.name === column);
      return root.querySelector('tr[part="row"]')?.children[index]?.textContent?.trim();
    };
    const sortBy = async (column: string) => {
      const t0 = performance.now();
      el.setAttribute('sort', `${column} desc`);
      await withTimeout(el.updateComplete, 'vitrine updateComplete after sort');
      await nextPaint();
      const ms = performance.now() - t0;
      const header = root.querySelector('th[aria-sort="descending"]');
      if (!header?.textContent?.includes(column)) throw new Error(`vitrine did not sort by ${column}`);
      return ms;
    };
    const search = async (query: string) => {
      const input = root.querySelector<HTMLInputElement>('input[type="search"]');
      if (!input) throw new Error('vitrine-table has no input[type=search]');
      const t0 = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await withTimeout(el.updateComplete, 'vitrine updateComplete after search');
      await nextPaint();
      const ms = performance.now() - t0;
      return { ms, matches: el.rows.length };
    };
    await runQueries(sample, opts, {
      sortBy,
      firstCell,
      search,
      afterPause: () => {
        longTasks?.disconnect();
        sample.longestIdleTaskMs = longest;
      },
      beforeSearch: () => {
        const table = el.table;
        sample.preparedColumnsAtSearch = table
          ? table.columns.filter((c) => isPrepared(table, c.index)).length
          : 'no table';
      },
    });
  } finally {
    div.remove();
    clearLoadCache();
  }
  return sample;
}

/** Lower case without accents: what a Tabulator user writes for an accent-insensitive filter. */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * fetch + PapaParse (header, `;`) + new TabulatorFull(autoColumns, virtual DOM); setSort; setFilter
 * with a function that matches every word of the query, case- and accent-insensitively, in any field.
 */
export async function tabulatorRound(opts: TableRoundOptions): Promise<TableSample> {
  await settle();
  const sample: TableSample = {};
  const div = box();
  const holder = document.createElement('div');
  div.append(holder);
  let table: TabulatorFull | undefined;
  // Each row's fields, folded and joined once, on the first search that reads the row (as Vitrine
  // folds each column once): the first search pays for the folding, the next ones do not.
  const folded = new WeakMap<object, string>();
  const rowText = (data: Record<string, unknown>) => {
    let text = folded.get(data);
    if (text === undefined) {
      text = Object.values(data)
        .map((v) => fold(String(v ?? '')))
        .join('\u0000');
      folded.set(data, text);
    }
    return text;
  };
  /** Resolves on the next `renderComplete` (Tabulator renders synchronously inside setSort/setFilter). */
  const rendered = (t: TabulatorFull, what: string) =>
    withTimeout(new Promise<void>((r) => t.on('renderComplete', () => r())), what);
  try {
    await step(sample, async () => {
      const t0 = performance.now();
      const text = await withTimeout(
        fetch(fresh(opts.url)).then((r) => r.text()),
        'the CSV for Tabulator',
      );
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true });
      sample.fetchParseMs = performance.now() - t0;
      const built = new Promise<void>((r) => {
        table = new TabulatorFull(holder, {
          data: parsed.data,
          autoColumns: true,
          height: `${HEIGHT}px`,
          layout: 'fitData',
        });
        table.on('tableBuilt', () => r());
      });
      await withTimeout(built, 'tableBuilt');
      await waitFor(div, () => div.querySelector('.tabulator-row'), 'the first Tabulator rows');
      // Without its stylesheet Tabulator still renders, but nothing scrolls and its figures mean little.
      const rowsBox = div.querySelector('.tabulator-tableholder');
      if (!rowsBox || getComputedStyle(rowsBox).overflowY !== 'auto') throw new Error('Tabulator CSS is not applied');
      await nextPaint();
      sample.firstRowsMs = performance.now() - t0;
      sample.domRows = div.querySelectorAll('.tabulator-row').length;
      sample.dataRows = sample.domRows;
      sample.columnCount = table!.getColumns().length;
      sample.footer = `${table!.getDataCount()} rows`;
    });
    await step(sample, async () => {
      const scroller = await scrollMiddle([div.querySelector('.tabulator-tableholder')]);
      sample.scrolled = describe(scroller);
      sample.domRowsAfterScrollMiddle = div.querySelectorAll('.tabulator-row').length;
      if (scroller) {
        scroller.scrollTop = 0;
        await nextPaint();
        await nextPaint();
      }
    });
    const firstCell = (column: string) =>
      div.querySelector(`.tabulator-row .tabulator-cell[tabulator-field="${column}"]`)?.textContent?.trim();
    const sortBy = async (column: string) => {
      const t = table!;
      const done = rendered(t, 'Tabulator renderComplete after setSort');
      const t0 = performance.now();
      t.setSort(column, 'desc');
      await done;
      await nextPaint();
      const ms = performance.now() - t0;
      t.off('renderComplete');
      const sorters = t.getSorters();
      if (sorters[0]?.field !== column || sorters[0]?.dir !== 'desc')
        throw new Error(`Tabulator did not sort by ${column}`);
      return ms;
    };
    const search = async (query: string) => {
      const t = table!;
      const words = fold(query).split(/\s+/).filter(Boolean);
      const done = rendered(t, 'Tabulator renderComplete after setFilter');
      const t0 = performance.now();
      t.setFilter((data: Record<string, unknown>) => {
        const text = rowText(data);
        return words.every((w) => text.includes(w));
      });
      await done;
      await nextPaint();
      const ms = performance.now() - t0;
      t.off('renderComplete');
      return { ms, matches: t.getDataCount('active') };
    };
    await runQueries(sample, opts, { sortBy, firstCell, search });
  } finally {
    try {
      table?.destroy();
    } catch (e) {
      sample.error ??= `destroy: ${message(e)}`;
    }
    div.remove();
  }
  return sample;
}

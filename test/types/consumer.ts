/**
 * The public types as a page's own TypeScript sees them: never run, only compiled, twice.
 * `npm run typecheck` compiles it against src/; `scripts/check-pack.mjs` compiles it against the
 * package `npm pack` makes, each import below rewritten to the package entry that publishes the
 * file (`../../src/index.ts` → `vitrine`, `../../src/components/table/table.component.ts` →
 * `vitrine/table.component`), so it also proves the published `.d.ts` files and `exports` work.
 *
 * Each `@ts-expect-error` line is a misuse that must not compile. A directive with nothing to
 * excuse is an error itself, so a type that became too loose (an `any`, a `string` instead of a
 * union) fails the check as surely as a missing one.
 */
import {
  VitrineBudget,
  VitrineCards,
  VitrineErrorEvent,
  VitrineFilter,
  VitrineLoadEvent,
  VitrineMap,
  VitrineSearch,
  VitrineSelectEvent,
  VitrineSource,
  VitrineTable,
  type CellValue,
  type Column,
  type ErrorCode,
  type VitrineErrorDetail,
  type VitrineLoadDetail,
} from '../../src/index.ts';
import { VitrineTable as TableFromItsEntry } from '../../src/components/table/table.ts';
import { VitrineTable as TableClassOnly } from '../../src/components/table/table.component.ts';
import { VitrineMap as MapClassOnly } from '../../src/components/map/map.component.ts';
import { VitrineSource as SourceClassOnly } from '../../src/components/source/source.component.ts';
import { loadTable, type Table } from '../../src/data/index.ts';
import { discover, load } from '../../src/cdn/index.ts';

/** True when A and B are the same type (not merely assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `same<A, B>(true)` compiles only when A and B are the same type. */
const same = <A, B>(proof: Equal<A, B>): boolean => proof;
/**
 * `is<T>()(value)` compiles only when `value` has exactly the type T (not a subtype, not `any`):
 * otherwise the call lacks an argument.
 */
const is =
  <T>() =>
  <V>(_value: V, ..._mismatch: Equal<V, T> extends true ? [] : [error: 'not the expected type']): void =>
    undefined;

/** Every tag is in HTMLElementTagNameMap, so the DOM's own functions return the element's class. */
export function tags(): void {
  same<HTMLElementTagNameMap['vitrine-table'], VitrineTable>(true);
  same<HTMLElementTagNameMap['vitrine-map'], VitrineMap>(true);
  same<HTMLElementTagNameMap['vitrine-cards'], VitrineCards>(true);
  same<HTMLElementTagNameMap['vitrine-budget'], VitrineBudget>(true);
  same<HTMLElementTagNameMap['vitrine-source'], VitrineSource>(true);
  same<HTMLElementTagNameMap['vitrine-filter'], VitrineFilter>(true);
  same<HTMLElementTagNameMap['vitrine-search'], VitrineSearch>(true);

  const table = document.createElement('vitrine-table');
  is<VitrineTable>()(table);
  const map = document.querySelector('vitrine-map');
  is<VitrineMap | null>()(map);
  const cards = document.querySelectorAll('vitrine-cards');
  is<NodeListOf<VitrineCards>>()(cards);
  const source = table.closest('vitrine-source');
  is<VitrineSource | null>()(source);

  // One class whichever entry it comes from; `*.component` gives it without registering the tag.
  same<TableFromItsEntry, VitrineTable>(true);
  same<TableClassOnly, VitrineTable>(true);
  same<MapClassOnly, VitrineMap>(true);
  same<SourceClassOnly, VitrineSource>(true);

  // A tag that is not Vitrine's is a plain element.
  const other = document.createElement('vitrine-chart');
  is<HTMLElement>()(other);
}

/** Attributes as properties, with their types; read-only results. */
export function properties(table: VitrineTable, cards: VitrineCards, filter: VitrineFilter): void {
  table.src = 'data.csv';
  table.pageSize = 50;
  table.search = true;
  table.columnsShown = ['nom', 'population'];
  table.totals = null;
  is<Record<string, CellValue>[]>()(table.rows);
  is<readonly Column[]>()(table.columns);
  is<Table | undefined>()(table.table);
  is<string>()(table.toCsv());
  cards.mode = 'catalog';
  filter.maxValues = 0;

  // @ts-expect-error: page-size is a number
  table.pageSize = '50';
  // @ts-expect-error: search is on or off
  table.search = 'yes';
  // @ts-expect-error: the rows shown are read from the element, not written
  table.rows = [];
  // @ts-expect-error: the cards have three modes
  cards.mode = 'grid';
  // @ts-expect-error: no such property (the attribute is `page-size`)
  table['page-size'] = 10;
}

/** The methods a page calls, with their arguments checked. */
export async function methods(source: VitrineSource, map: VitrineMap, budget: VitrineBudget): Promise<void> {
  source.setFilter('type', ['COM', 'EPCI']);
  source.setFilter('pop_insee', { min: 10000 });
  source.setFilter('date', { min: new Date(2020, 0, 1), max: new Date() });
  source.setFilter('type', undefined);
  source.setSearch('rennes');
  source.clear();
  source.select(0);
  is<Record<string, CellValue> | undefined>()(source.selected);
  map.openRecord(3);
  is<Blob>()(await budget.exportPng());
  is<string>()(budget.exportCsv());
  is<number>()(budget.total);

  // @ts-expect-error: a range is made of numbers or dates
  source.setFilter('pop_insee', { min: '10000' });
  // @ts-expect-error: values are a list
  source.setFilter('type', 'COM');
  // @ts-expect-error: a record is picked by its row number
  map.openRecord('3');
}

/** Every event is typed: listeners get the event class and its detail without a cast. */
export function events(table: VitrineTable, map: VitrineMap, cards: VitrineCards, filter: VitrineFilter): void {
  table.addEventListener('vitrine-load', (e) => {
    is<VitrineLoadEvent>()(e);
    is<VitrineLoadDetail>()(e.detail);
    is<number>()(e.detail.rowCount);
    is<readonly Column[]>()(e.detail.columns);
    is<number>()(e.detail.elapsed);
    is<string>()(e.detail.url);
    // @ts-expect-error: the count is `rowCount`
    void e.detail.rows;
    // @ts-expect-error: the detail is read, not replaced
    e.detail = { rowCount: 0, columns: [], elapsed: 0, url: '' };
  });

  map.addEventListener('vitrine-error', (e) => {
    is<VitrineErrorEvent>()(e);
    is<VitrineErrorDetail>()(e.detail);
    is<ErrorCode>()(e.detail.code);
    is<string>()(e.detail.message);
    if (e.detail.code === 'cors') void e.detail.url;
    // @ts-expect-error: `code` is one of the error codes, not any text
    if (e.detail.code === 'timeout') void e.detail.url;
  });

  cards.addEventListener('vitrine-select', (e) => {
    is<VitrineSelectEvent>()(e);
    is<Record<string, CellValue>>()(e.detail.record);
    is<number>()(e.detail.index);
    e.preventDefault(); // cancelable: keeps the card's link from being followed
    // @ts-expect-error: the row is `record`
    void e.detail.row;
  });

  filter.addEventListener('vitrine-error', (e) => is<ErrorCode>()(e.detail.code));

  // Bubbling and composed, so a page listens once, on the document or the window.
  document.addEventListener('vitrine-load', (e) => is<number>()(e.detail.rowCount));
  window.addEventListener('vitrine-select', (e) => is<number>()(e.detail.index));

  // A misspelt event name gets a plain Event, which has no detail.
  table.addEventListener('vitrine-laod', (e) => {
    // @ts-expect-error: `vitrine-laod` is no Vitrine event
    void e.detail;
  });
}

/** The event classes, for tests and for code that re-dispatches them. */
export function eventClasses(): void {
  const loaded = new VitrineLoadEvent({ rowCount: 1, columns: [], elapsed: 12, url: 'https://example.org/data.csv' });
  is<number>()(loaded.detail.rowCount);
  new VitrineErrorEvent({ code: 'http', message: 'HTTP 404', url: 'https://example.org/data.csv' });
  new VitrineSelectEvent({ record: { nom: 'Rennes', population: 222485 }, index: 0 });

  // @ts-expect-error: a detail has every field
  new VitrineErrorEvent({ code: 'http', message: 'HTTP 404' });
  // @ts-expect-error: `code` is one of the error codes
  new VitrineErrorEvent({ code: 'teapot', message: '', url: '' });
}

/** The data layer and the CDN loader. */
export async function modules(): Promise<void> {
  const { table, dataUrl } = await loadTable('https://example.org/data.csv');
  is<Table>()(table);
  is<number>()(table.rowCount);
  is<string>()(dataUrl);

  const TableElement = await load('vitrine-table');
  is<typeof VitrineTable>()(TableElement);
  await discover(document.body);

  // @ts-expect-error: only Vitrine's tags are loaded
  await load('vitrine-chart');
  // @ts-expect-error: loadTable takes the address of the data
  await loadTable(new URL('https://example.org/data.csv'));
}

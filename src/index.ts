/**
 * The npm entry (`import 'vitrine'`): registers every Vitrine element statically and exports their
 * classes, events and the data layer. The CDN script (`dist/vitrine.js`) is `cdn/index.ts` instead:
 * an autoloader that fetches each element's chunk the first time its tag appears on the page.
 */
export * from './components/table/table.ts';
export * from './components/map/map.ts';
export * from './components/cards/cards.ts';
export * from './components/budget/budget.ts';
export * from './components/source/source.ts';
export * from './components/filter/filter.ts';
export * from './components/search/search.ts';
export { VitrineElement } from './internal/vitrine-element.ts';
export { VitrineLoadEvent, VitrineErrorEvent, VitrineSelectEvent } from './internal/events.ts';
export type { VitrineLoadDetail, VitrineErrorDetail, VitrineSelectDetail } from './internal/events.ts';
export { loadTable, clearLoadCache } from './data/load.ts';
export type { LoadOptions, LoadResult, LoadHints } from './data/load.ts';
export { Table } from './data/model.ts';
export type { Column, ColumnType, CellValue, GeoPoint } from './data/model.ts';
export { VitrineError } from './data/errors.ts';
export type { ErrorCode } from './data/errors.ts';

/**
 * The data layer on its own (no DOM, no Lit): `import { loadTable } from 'vitrine/data'` reads any
 * open-data URL into the table model without any element.
 */
export { loadTable, clearLoadCache, fetchResponse, fetchJson, DEFAULT_MAX_BYTES } from './load.ts';
export type { LoadOptions, LoadResult, LoadHints, LoadProgress, LoadPhase } from './load.ts';
export { Table, COLUMN_TYPES, NUMERIC_TYPES, normalizeName } from './model.ts';
export type { Column, ColumnType, ColumnData, ColumnMeta, TableData, CellValue, GeoPoint } from './model.ts';
export { VitrineError, ERROR_CODES, isAbort } from './errors.ts';
export type { ErrorCode, ErrorDetails } from './errors.ts';
export { parseOffThread, openParseStream, releaseWorkers } from './parse-client.ts';
export type { ParseHints, ParseResult } from './parse.ts';
export { nextPageUrl, proxied } from './portals/index.ts';
export { resolveSource, mayBePortalUrl } from './portals/resolve.ts';
export type { ResolvedSource, PortalName } from './portals/index.ts';
export { detectGeo } from './geo.ts';
export type { GeoColumns } from './geo.ts';

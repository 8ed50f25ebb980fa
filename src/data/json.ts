/**
 * Records inside JSON documents: where they are (findRecords) and how they become columns
 * (recordsToColumns). No DOM, no Lit.
 *
 * Shapes recognised by findRecords, in this order:
 * - a bare array: of objects ('array'); of GeoJSON features ('geojson'); of Opendatasoft v1 export
 *   records `{datasetid, recordid, fields, geometry}` ('ods-v1-export'); of arrays whose first row
 *   is a header ('rows'); of plain values, one `value` column ('values');
 * - GeoJSON FeatureCollection and single Feature ('geojson'): a record is the feature's
 *   properties, then `geometry` (the geometry object, named `_geometry` when a property is already
 *   called `geometry`); the feature `id` comes first when there is one and no property is named `id`;
 * - Opendatasoft Explore v2.1 `{total_count, results}` ('ods-v2.1'): records as they are (geo_point_2d
 *   stays a `{lon, lat}` object, geo_shape a GeoJSON object);
 * - Opendatasoft Explore v2.0 `{total_count, records: [{record: {fields}}]}` ('ods-v2');
 * - Opendatasoft v1 search `{nhits, records: [{fields, geometry, recordid}]}` ('ods-v1'): a record is
 *   its `fields`; `recordid`, `datasetid` and `record_timestamp` are left out (portal bookkeeping, not
 *   data); a 2-number array `[lat, lon]` in `geo_point_2d` (or in the field the record's Point geometry
 *   was built from) becomes `{lat, lon}`, like v2.1 returns it; the record-level `geometry` is added
 *   only when the fields hold no geo value of their own;
 * - data.gouv.fr API pages `{data, page, page_size, total}` ('datagouv') and the tabular API
 *   `{data, links, meta}` ('datagouv-tabular'): the tabular API's own row number `__id` is dropped, so
 *   that the rows look like the file they come from;
 * - CKAN `{result: {records, fields, total}}` ('ckan-datastore'): the datastore's `_id` and
 *   `_full_text` columns are dropped (they are not in the published file) and columns follow the
 *   order of `result.fields` (records may also come as lists with `records_format=lists`);
 *   `{result: {results, count}}` ('ckan-search'); `{result: [...]}` ('ckan', e.g. DKAN package_show);
 * - other `{results: [...]}`, `{records: [...]}`, `{data: [...]}` pages ('results', 'records', 'data');
 * - a table schema `{fields: [{name, …}]}` ('schema'): one record per field;
 * - otherwise, the largest array of objects found at depth ≤ 3 ('generic').
 * An explicit `path` ("result.records", "results.0.items", "features[0]") wins over all of these.
 */
import { VitrineError } from './errors.ts';

/** Where the records were found in a JSON document and what kind of document it was. */
export interface FoundRecords {
  /** Flat records: one object per row; nested values stay as they are (objects, arrays). */
  records: Record<string, unknown>[];
  /** e.g. 'array', 'geojson', 'ods-v2.1', 'ods-v1', 'ods-v1-export', 'datagouv', 'datagouv-tabular', 'ckan-datastore', 'ckan-search', 'path' */
  kind: string;
  /** Total count announced by a paged API, when there is one. */
  total?: number;
  /** Dot path of the array inside the document ('' for the document itself), e.g. 'result.records'. */
  path?: string;
  /**
   * The rows mirror a flat file served by an API (data.gouv.fr tabular API, CKAN DataStore): pass
   * `{ flatten: false }` to recordsToColumns so that the columns stay those of the file.
   */
  flat?: boolean;
}

type Rec = Record<string, unknown>;

function isObject(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** First element that is neither null nor undefined. */
function firstItem(a: unknown[]): unknown {
  for (let i = 0; i < a.length && i < 1000; i++) if (a[i] != null) return a[i];
  return undefined;
}

/** Finds the array of records inside a parsed JSON document. `path` is the `records` hint ("result.records"). */
export function findRecords(doc: unknown, path?: string): FoundRecords {
  const hint = path?.trim().replace(/^\$\.?/, '');
  if (hint) return byPath(doc, hint);
  if (Array.isArray(doc)) return fromArray(doc, '');
  if (isObject(doc)) {
    const found = detect(doc);
    if (found) return found;
  }
  throw noRecords(doc);
}

function noRecords(doc: unknown): VitrineError {
  const what = Array.isArray(doc) ? 'array' : isObject(doc) ? 'object' : doc === null ? 'null' : typeof doc;
  return new VitrineError('empty', `No list of records found in the JSON document (${what}).`, '', {
    reason: 'no-records',
    received: what,
  });
}

/** Splits "a.b[0].c" or "a.b.0.c" into segments. */
function segments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

function byPath(doc: unknown, path: string): FoundRecords {
  // When the hint names the array the detection finds anyway (an adapter's 'result.records'),
  // keep what the detection knows about it (dropped internal columns, total, kind).
  const wanted = segments(path).join('.');
  if (isObject(doc)) {
    const auto = detect(doc);
    if (auto && auto.path === wanted) return auto;
  }
  let at: unknown = doc;
  const done: string[] = [];
  for (const seg of segments(path)) {
    let next: unknown;
    if (Array.isArray(at) && /^\d+$/.test(seg)) next = at[Number(seg)];
    else if (isObject(at) && Object.prototype.hasOwnProperty.call(at, seg)) next = at[seg];
    if (next === undefined) {
      const available = isObject(at) ? Object.keys(at) : Array.isArray(at) ? [`0…${at.length - 1}`] : [];
      const where = done.length ? `"${done.join('.')}"` : 'the document';
      throw new VitrineError('config', `The records path "${path}" does not exist: ${where} has no "${seg}".`, '', {
        attribute: 'records',
        reason: 'records-path',
        column: seg,
        available,
      });
    }
    done.push(seg);
    at = next;
  }
  const where = done.join('.');
  if (Array.isArray(at)) {
    const found = fromArray(at, where);
    return { ...found, kind: found.kind === 'array' ? 'path' : found.kind };
  }
  if (isObject(at)) {
    const found = detect(at, where);
    // A single object at the end of an explicit path is one record.
    return found ?? { records: [at], kind: 'path', path: where };
  }
  throw new VitrineError(
    'config',
    `The records path "${path}" leads to a ${at === null ? 'null' : typeof at}, not a list.`,
    '',
    {
      attribute: 'records',
      reason: 'records-path',
    },
  );
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/** Recognises the known portal and format shapes of an object document. */
function detect(o: Rec, at = ''): FoundRecords | undefined {
  // GeoJSON
  if (o.type === 'FeatureCollection' && Array.isArray(o.features))
    return { records: fromFeatures(o.features), kind: 'geojson', path: join(at, 'features') };
  if (o.type === 'Feature' && ('geometry' in o || 'properties' in o))
    return { records: fromFeatures([o]), kind: 'geojson', path: at };

  // Opendatasoft Explore v2.1 and other `results` pages
  if (Array.isArray(o.results)) {
    const found = fromArray(o.results, join(at, 'results'));
    const total = num(o.total_count) ?? num(o.count) ?? num(o.total);
    const kind = found.kind !== 'array' ? found.kind : 'total_count' in o ? 'ods-v2.1' : 'results';
    return { ...found, kind, total };
  }

  if (Array.isArray(o.records)) {
    const where = join(at, 'records');
    // Opendatasoft v1 search
    if ('nhits' in o) return { ...fromArray(o.records, where), kind: 'ods-v1', total: num(o.nhits) };
    const found = fromArray(o.records, where);
    if (found.kind === 'ods-v2') return { ...found, total: num(o.total_count) };
    const kind = found.kind !== 'array' ? found.kind : 'records';
    return { ...found, kind, total: num(o.total_count) ?? num(o.total) ?? num(o.count) };
  }

  // data.gouv.fr
  if (Array.isArray(o.data)) {
    const where = join(at, 'data');
    if (isObject(o.meta) && isObject(o.links)) {
      return {
        records: dropColumns(o.data, TABULAR_INTERNAL),
        kind: 'datagouv-tabular',
        total: num(o.meta.total),
        path: where,
        flat: true,
      };
    }
    const found = fromArray(o.data, where);
    if ('page_size' in o || 'next_page' in o) return { ...found, kind: 'datagouv', total: num(o.total) };
    return { ...found, kind: found.kind === 'array' ? 'data' : found.kind, total: num(o.total) };
  }

  // CKAN
  if (isObject(o.result)) {
    const r = o.result;
    if (Array.isArray(r.records)) {
      return {
        records: fromDatastore(r.records, r.fields),
        kind: 'ckan-datastore',
        total: num(r.total),
        path: join(at, 'result.records'),
        flat: true,
      };
    }
    if (Array.isArray(r.results)) {
      return { ...fromArray(r.results, join(at, 'result.results')), kind: 'ckan-search', total: num(r.count) };
    }
  }
  if (Array.isArray(o.result) && ('success' in o || 'help' in o) && isObject(firstItem(o.result))) {
    return { ...fromArray(o.result, join(at, 'result')), kind: 'ckan' };
  }

  // Table schema (Frictionless / CKAN datastore fields)
  if (Array.isArray(o.fields) && isObject(o.fields[0]) && 'name' in o.fields[0]) {
    return { records: objectsOnly(o.fields), kind: 'schema', path: join(at, 'fields') };
  }

  // Generic fallback: the largest array of objects at depth ≤ 3.
  const best = largestArray(o, at, 1);
  if (best) return { ...fromArray(best.array, best.path), kind: 'generic' };
  return undefined;
}

function largestArray(o: Rec, at: string, depth: number): { array: unknown[]; path: string } | undefined {
  let best: { array: unknown[]; path: string } | undefined;
  for (const key of Object.keys(o)) {
    const v = o[key];
    const where = join(at, key);
    let candidate: { array: unknown[]; path: string } | undefined;
    if (Array.isArray(v)) {
      const first = firstItem(v);
      if (isObject(first)) candidate = { array: v, path: where };
    } else if (isObject(v) && depth < 3) {
      candidate = largestArray(v, where, depth + 1);
    }
    if (candidate && (!best || candidate.array.length > best.array.length)) best = candidate;
  }
  return best;
}

/** Turns any array into records, recognising features, ODS records, rows with a header and plain values. */
function fromArray(a: unknown[], path: string): FoundRecords {
  const first = firstItem(a);
  if (first === undefined) return { records: [], kind: 'array', path };
  if (Array.isArray(first)) return { records: fromRows(a), kind: 'rows', path };
  if (!isObject(first))
    return { records: a.filter((v) => v != null).map((value) => ({ value })), kind: 'values', path };
  if (first.type === 'Feature' && ('geometry' in first || 'properties' in first))
    return { records: fromFeatures(a), kind: 'geojson', path };
  if (isObject(first.fields) && ('recordid' in first || 'datasetid' in first))
    return { records: fromOdsV1(a), kind: 'ods-v1-export', path };
  if (isObject(first.record) && isObject(first.record.fields))
    return {
      records: a.map((r) => (isObject(r) && isObject(r.record) && isObject(r.record.fields) ? r.record.fields : {})),
      kind: 'ods-v2',
      path,
    };
  return { records: objectsOnly(a), kind: 'array', path };
}

/** Keeps the objects of an array (null and non-object items are skipped). Returns the array itself when it only holds objects. */
function objectsOnly(a: unknown[]): Rec[] {
  for (let i = 0; i < a.length; i++) {
    if (!isObject(a[i])) return a.filter(isObject);
  }
  return a as Rec[];
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  let i = 2;
  while (taken.has(`${name}_${i}`)) i++;
  return `${name}_${i}`;
}

/** Rows as arrays: the first row is the header when it holds only strings, else columns are named 1, 2, 3… */
function fromRows(a: unknown[]): Rec[] {
  const rows = a.filter(Array.isArray) as unknown[][];
  if (!rows.length) return [];
  const head = rows[0];
  const hasHeader = head.length > 0 && head.every((h) => typeof h === 'string');
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const taken = new Set<string>();
  const names: string[] = [];
  for (let j = 0; j < width; j++) {
    const raw = hasHeader && j < head.length ? (head[j] as string).trim() : '';
    const name = uniqueName(raw || String(j + 1), taken);
    taken.add(name);
    names.push(name);
  }
  const out: Rec[] = [];
  for (let i = hasHeader ? 1 : 0; i < rows.length; i++) {
    const row = rows[i];
    const rec: Rec = {};
    for (let j = 0; j < row.length; j++) rec[names[j]] = row[j];
    out.push(rec);
  }
  return out;
}

/** GeoJSON features → records: [id], properties…, geometry. */
function fromFeatures(features: unknown[]): Rec[] {
  const out: Rec[] = [];
  for (const f of features) {
    if (!isObject(f)) continue;
    const props = isObject(f.properties) ? f.properties : {};
    const rec: Rec = {};
    if (f.id != null && !Object.prototype.hasOwnProperty.call(props, 'id')) rec.id = f.id;
    Object.assign(rec, props);
    const geoKey = Object.prototype.hasOwnProperty.call(props, 'geometry') ? '_geometry' : 'geometry';
    rec[geoKey] = f.geometry ?? null;
    out.push(rec);
  }
  return out;
}

function isLatLonPair(v: unknown): v is [number, number] {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Math.abs(v[0]) <= 90 &&
    Math.abs(v[1]) <= 180
  );
}

function isGeoValue(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (typeof v.lat === 'number' && (typeof v.lon === 'number' || typeof v.lng === 'number')) return true;
  return typeof v.type === 'string' && ('coordinates' in v || 'geometries' in v || 'geometry' in v);
}

/** Opendatasoft v1 records (search `records` or export array) → their fields, with geo points as {lat, lon}. */
function fromOdsV1(items: unknown[]): Rec[] {
  const out: Rec[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const fields = isObject(item.fields) ? item.fields : {};
    const geometry = isObject(item.geometry) ? item.geometry : undefined;
    const point =
      geometry && geometry.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : undefined;
    const rec: Rec = {};
    let hasGeo = false;
    for (const key in fields) {
      let v = fields[key];
      if (
        isLatLonPair(v) &&
        (key === 'geo_point_2d' || (point !== undefined && point[0] === v[1] && point[1] === v[0]))
      ) {
        v = { lat: v[0], lon: v[1] };
        hasGeo = true;
      } else if (!hasGeo && isGeoValue(v)) {
        hasGeo = true;
      }
      rec[key] = v;
    }
    if (geometry && !hasGeo && !('geometry' in rec)) rec.geometry = geometry;
    out.push(rec);
  }
  return out;
}

const TABULAR_INTERNAL = new Set(['__id']);
const DATASTORE_INTERNAL = new Set(['_id', '_full_text']);

/** Copies of the records without the given keys (the records themselves when none has them). */
function dropColumns(items: unknown[], drop: Set<string>): Rec[] {
  const records = objectsOnly(items);
  const first = records[0];
  if (!first || ![...drop].some((k) => k in first)) return records;
  return records.map((r) => {
    const o: Rec = {};
    for (const k in r) if (!drop.has(k)) o[k] = r[k];
    return o;
  });
}

/** CKAN datastore records in the order of `fields`, without the datastore's own columns. */
function fromDatastore(records: unknown[], fields: unknown): Rec[] {
  const names = Array.isArray(fields)
    ? fields.map((f) => (isObject(f) && typeof f.id === 'string' ? f.id : '')).filter((n) => n !== '')
    : [];
  const first = firstItem(records);
  if (Array.isArray(first)) {
    // records_format=lists: values in the order of fields.
    const out: Rec[] = [];
    for (const row of records) {
      if (!Array.isArray(row)) continue;
      const rec: Rec = {};
      for (let j = 0; j < names.length; j++) if (!DATASTORE_INTERNAL.has(names[j])) rec[names[j]] = row[j];
      out.push(rec);
    }
    return out;
  }
  const ordered = names.filter((n) => !DATASTORE_INTERNAL.has(n));
  return objectsOnly(records).map((r) => {
    const o: Rec = {};
    for (const n of ordered) if (n in r) o[n] = r[n];
    for (const k in r) if (!(k in o) && !DATASTORE_INTERNAL.has(k)) o[k] = r[k];
    return o;
  });
}

/** Nested objects with more distinct keys than this stay whole (a `json` column) instead of being flattened. */
export const MAX_FLATTENED_KEYS = 50;

/**
 * Column names (first-seen order, union over all records) and the values of each column.
 *
 * Flattening, one level only: a column whose non-empty values are all plain objects (not arrays)
 * becomes one column per key, named "parent.child" (data.gouv.fr `organization` → `organization.name`,
 * `organization.id`…), in the place of the parent, keys in first-seen order. A column stays whole when
 * any of its values is a geo value — a `{lat, lon}` point or a GeoJSON object (geometry, Feature) —,
 * when its objects hold more than MAX_FLATTENED_KEYS distinct keys altogether (free-form `extras`),
 * when they hold no key at all, or when a "parent.child" name would clash with another column.
 * Children that are objects themselves stay objects. Missing cells are `undefined`.
 * `{ flatten: false }` keeps every column whole (see FoundRecords.flat).
 */
export function recordsToColumns(
  records: Record<string, unknown>[],
  options: { flatten?: boolean } = {},
): { names: string[]; columns: unknown[][] } {
  const n = records.length;
  const index = new Map<string, number>();
  const names: string[] = [];
  const columns: unknown[][] = [];
  // Records of one document usually share their keys in the same order: compare with the
  // previous record's keys before looking the name up.
  const lastKeys: string[] = [];
  const lastCols: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = records[i];
    let p = 0;
    for (const k in r) {
      let j: number | undefined;
      if (lastKeys[p] === k) j = lastCols[p];
      else {
        j = index.get(k);
        if (j === undefined) {
          j = names.length;
          index.set(k, j);
          names.push(k);
          columns.push(new Array<unknown>(n).fill(undefined));
        }
        lastKeys[p] = k;
        lastCols[p] = j;
      }
      columns[j][i] = r[k];
      p++;
    }
  }
  return options.flatten === false ? { names, columns } : flatten(names, columns, n);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Plain objects to spread into "parent.child" columns (not arrays, not geo values). */
function isStructColumn(values: unknown[]): boolean {
  let any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isEmpty(v)) continue;
    if (!isObject(v) || isGeoValue(v)) return false;
    any = true;
  }
  return any;
}

function flatten(names: string[], columns: unknown[][], n: number): { names: string[]; columns: unknown[][] } {
  let changed = false;
  const taken = new Set(names);
  const outNames: string[] = [];
  const outCols: unknown[][] = [];
  for (let c = 0; c < names.length; c++) {
    const values = columns[c];
    const children = isStructColumn(values) ? childKeys(values) : undefined;
    const childNames = children?.map((k) => `${names[c]}.${k}`);
    if (!children || !childNames || childNames.some((cn) => taken.has(cn))) {
      outNames.push(names[c]);
      outCols.push(values);
      continue;
    }
    changed = true;
    const childCols = children.map(() => new Array<unknown>(n).fill(undefined));
    const at = new Map(children.map((k, i) => [k, i]));
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!isObject(v)) continue;
      for (const k in v) childCols[at.get(k)!][i] = v[k];
    }
    for (let i = 0; i < children.length; i++) {
      taken.add(childNames[i]);
      outNames.push(childNames[i]);
      outCols.push(childCols[i]);
    }
  }
  return changed ? { names: outNames, columns: outCols } : { names, columns };
}

/** Union of the keys of the objects of a column, first-seen order; undefined when there are none or too many. */
function childKeys(values: unknown[]): string[] | undefined {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const v of values) {
    if (!isObject(v)) continue;
    for (const k in v) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
      if (keys.length > MAX_FLATTENED_KEYS) return undefined;
    }
  }
  return keys.length ? keys : undefined;
}

// STUB — replaced by the JSON records work. Signatures are the contract.

/** Where the records were found in a JSON document and what kind of document it was. */
export interface FoundRecords {
  /** Flat records: one object per row; nested values stay as they are (objects, arrays). */
  records: Record<string, unknown>[];
  /** e.g. 'array', 'geojson', 'ods-v2.1', 'ods-v1', 'ods-v1-export', 'datagouv', 'datagouv-tabular', 'ckan-datastore', 'ckan-search', 'path' */
  kind: string;
  /** Total count announced by a paged API, when there is one. */
  total?: number;
}

/** Finds the array of records inside a parsed JSON document. `path` is the `records` hint ("result.records"). */
export function findRecords(doc: unknown, path?: string): FoundRecords {
  if (Array.isArray(doc)) return { records: doc as Record<string, unknown>[], kind: 'array' };
  void path;
  throw new Error('not implemented');
}

/** Column names (first-seen order, union over all records) and the values of each column. */
export function recordsToColumns(records: Record<string, unknown>[]): { names: string[]; columns: unknown[][] } {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  return { names, columns: names.map((n) => records.map((r) => r[n])) };
}

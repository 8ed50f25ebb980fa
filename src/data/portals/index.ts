// STUB — replaced by the portal adapters work. Signatures are the contract.

export type PortalName = 'datagouv' | 'opendatasoft' | 'ckan' | 'github' | 'gitlab' | 'file';

/** What the loader needs to fetch the data behind a URL an author wrote. */
export interface ResolvedSource {
  /** The URL that returns the data (a file, an export or an API URL). */
  dataUrl: string;
  portal: PortalName;
  /** Format known from the portal (e.g. 'json' for an API, 'csv' for an export), else undefined. */
  format?: 'csv' | 'json' | 'geojson';
  /** Path to the records inside the JSON answer, when the portal tells. */
  records?: string;
  /** URLs to try, in order, when dataUrl cannot be read because of CORS (e.g. the data.gouv.fr tabular API). */
  corsFallbacks?: { url: string; format?: 'csv' | 'json' | 'geojson'; records?: string; via: string }[];
  /** Human name of the dataset/resource when the portal told us. */
  title?: string;
}

export interface ResolveContext {
  /** Fetches and parses JSON (the loader supplies it: it applies the proxy and maps errors). */
  fetchJson(url: string): Promise<unknown>;
  signal?: AbortSignal;
}

/** Turns a page or API URL of a portal into the URL that returns data. Plain files pass through. */
export async function resolveSource(url: string, _ctx: ResolveContext): Promise<ResolvedSource> {
  return { dataUrl: url, portal: 'file' };
}

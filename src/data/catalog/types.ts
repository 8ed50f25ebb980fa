/**
 * Portal catalogues (the datasets of a data.gouv.fr organisation, an Opendatasoft portal, a CKAN
 * search) read into one shape for `<vitrine-cards>`. No DOM, no Lit, no fetch of its own.
 */

export const CATALOG_PORTALS = ['datagouv', 'opendatasoft', 'ckan'] as const;
export type CatalogPortal = (typeof CATALOG_PORTALS)[number];

/** Sorts a catalogue API can be asked for. */
export const CATALOG_SORTS = ['relevance', 'updated', 'title'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

export interface CatalogLicense {
  /** The id or text the portal gave ("lov2", "odc-odbl", "Open Government Licence v3.0"). */
  id: string;
  /** A human label: "Licence Ouverte 2.0", "ODbL", "CC BY 4.0"; the id as written when unknown. */
  label: string;
  /** The English label, for the generic labels that are not proper nouns ("Licence non précisée"). */
  labelEn?: string;
  /** False when the id is not one Vitrine knows (the label is then the raw id). */
  known: boolean;
  /** The licence text, when the portal gave one (http/https only). */
  url?: string;
}

/** One dataset of a catalogue. Every string is plain text (no markup); URLs are http(s) only. */
export interface CatalogDataset {
  id: string;
  title: string;
  /** The organisation or person that publishes it. */
  publisher?: string;
  /** Short plain-text description: HTML and Markdown removed, at most DESCRIPTION_MAX characters. */
  description: string;
  /** True when the description was cut. */
  truncated: boolean;
  license?: CatalogLicense;
  /** ISO 8601 date-time of the last update, as the portal gave it. */
  updated?: string;
  /** Formats of the resources, unique, in display form ("CSV", "JSON", "GeoJSON", "XLS"…), in first-seen order. */
  formats: string[];
  /** Number of resources (files) of the dataset, when known. */
  resourceCount?: number;
  /** The dataset page on the portal (http/https only). */
  url?: string;
  tags: string[];
  portal: CatalogPortal;
}

/** One page of a catalogue. */
export interface CatalogPage {
  portal: CatalogPortal;
  datasets: CatalogDataset[];
  /** Number of datasets the catalogue holds for this query, when the API says. */
  total?: number;
  /** Absolute URL of the next page, or undefined on the last page. */
  next?: string;
}

/** What the element asks a catalogue API for. */
export interface CatalogQuery {
  /** Full-text search, '' for none. */
  q: string;
  sort: CatalogSort;
  /** Datasets per page (1–100). */
  pageSize: number;
}

/** A catalogue API recognised from a URL an author wrote. */
export interface CatalogApi {
  portal: CatalogPortal;
  /** Whether the API applies a search, and a sort by last update / title, on the server. */
  supports: { search: boolean; sort: boolean };
  /**
   * The URL of the first page for this query. May fetch first (data.gouv.fr organisation page:
   * the organisation object, for its id and name); `fetchJson` applies the proxy and maps errors.
   */
  firstPage(
    query: CatalogQuery,
    fetchJson: (url: string) => Promise<unknown>,
  ): Promise<{ url: string; publisher?: string }>;
}

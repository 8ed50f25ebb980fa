/** Errors of the data layer, each with a stable code that elements put in `vitrine-error`. */

export const ERROR_CODES = ['network', 'http', 'cors', 'parse', 'empty', 'config', 'too-large', 'abort'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Details that let an element write a useful message: the HTTP status, the column asked for and
 * the ones that exist, the kind of content received, whether a proxy was used.
 */
export interface ErrorDetails {
  status?: number;
  column?: string;
  available?: string[];
  /** What came back instead of data, e.g. 'html'. */
  received?: string;
  /** The attribute or hint that is wrong. */
  attribute?: string;
  /** Extra machine-readable reason, e.g. 'no-records', 'invalid-json'. */
  reason?: string;
  /** The data.gouv.fr tabular API was tried as a CORS fallback. */
  triedTabular?: boolean;
  proxy?: string;
  limit?: number;
  /** A value an attribute holds that is not one of `allowed` (e.g. an unknown column format). */
  value?: string;
  allowed?: string[];
  /** The data column whose codes matched no property of a map's areas. */
  joinColumn?: string;
}

export class VitrineError extends Error {
  override readonly name = 'VitrineError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly url = '',
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

export function isAbort(err: unknown): boolean {
  return (
    (err instanceof VitrineError && err.code === 'abort') ||
    (typeof DOMException !== 'undefined' && err instanceof DOMException && err.name === 'AbortError')
  );
}

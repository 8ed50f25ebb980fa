/**
 * Records the requests a page sends to the local fake portals (through the proxy `/__portal?url=`),
 * by wrapping `fetch` until `stop()`: the API URLs in order, as sent (`decode: true` also decodes
 * them, for reading ODSQL by eye: `where=search("x")`), and the abort signal of each.
 */
export interface PortalRequests {
  list: string[];
  signals: (AbortSignal | undefined)[];
  /** The requests of records (pages, group-bys), not of the dataset description. */
  records: () => string[];
  stop: () => void;
}

export function portalRequests({ decode = false } = {}): PortalRequests {
  const list: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const real = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/__portal?')) {
      const api = new URL(url, location.href).searchParams.get('url')!;
      list.push(decode ? decodeURIComponent(api) : api);
      signals.push(init?.signal ?? undefined);
    }
    return real(input, init);
  };
  return {
    list,
    signals,
    records: () => list.filter((u) => /\/records\?/.test(u)),
    stop: () => (window.fetch = real),
  };
}

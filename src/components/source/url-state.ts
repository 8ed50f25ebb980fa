/**
 * The part of the page address a `<vitrine-source url-state>` owns: its filters, search and
 * selection, written as parameters prefixed with the source's id, in the query (`?obs.type=COM`)
 * or in the fragment (`#obs.type=COM`). Every other parameter of the host page, and a plain
 * anchor in the fragment, is kept as it was, byte for byte.
 *
 *   {id}.{column}=value     one per accepted value (repeated for several)
 *   {id}.{column}=min..max  a range (either side may be empty; dates as yyyy-mm-dd)
 *   {id}-q=text             the search
 *   {id}-sel=key            the selected record (its `key` column, else its row number from 1)
 */
export type UrlPlace = 'query' | 'hash';

export interface UrlState {
  filters: Map<string, string[]>;
  search: string;
  selection: string;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function encode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

function partsOf(place: UrlPlace): string[] {
  const raw = place === 'hash' ? location.hash.slice(1) : location.search.slice(1);
  return raw ? raw.split('&') : [];
}

/** True when a `key=value` part belongs to the source `id`. */
function ours(part: string, id: string): boolean {
  const eq = part.indexOf('=');
  if (eq < 0) return false;
  const key = decode(part.slice(0, eq));
  return key === `${id}-q` || key === `${id}-sel` || (key.startsWith(`${id}.`) && key.length > id.length + 1);
}

/** The state of source `id` in the address. */
export function readUrlState(id: string, place: UrlPlace): UrlState {
  const state: UrlState = { filters: new Map(), search: '', selection: '' };
  for (const part of partsOf(place)) {
    if (!ours(part, id)) continue;
    const eq = part.indexOf('=');
    const key = decode(part.slice(0, eq));
    const value = decode(part.slice(eq + 1));
    if (key === `${id}-q`) state.search = value;
    else if (key === `${id}-sel`) state.selection = value;
    else {
      const column = key.slice(id.length + 1);
      state.filters.set(column, [...(state.filters.get(column) ?? []), value]);
    }
  }
  return state;
}

/** Writes the state of source `id` into the address (replacing the current history entry). */
export function writeUrlState(id: string, place: UrlPlace, state: UrlState): void {
  const kept = partsOf(place).filter((p) => !ours(p, id));
  const mine: string[] = [];
  for (const [column, values] of state.filters) {
    for (const v of values) mine.push(`${encode(`${id}.${column}`)}=${encode(v)}`);
  }
  if (state.search.trim()) mine.push(`${encode(`${id}-q`)}=${encode(state.search)}`);
  if (state.selection) mine.push(`${encode(`${id}-sel`)}=${encode(state.selection)}`);
  const joined = [...kept, ...mine].join('&');
  const url = new URL(location.href);
  if (place === 'hash') url.hash = joined;
  else url.search = joined;
  // No reload, no new history entry: the address follows what the page shows.
  if (url.href !== location.href) history.replaceState(history.state, '', url.href);
}

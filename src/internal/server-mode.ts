/** The `server` attribute, shared by every data element (no import of the query layer). */

/** `server`: `auto` (the server works when the API announces more rows than the threshold), `always`, `never`. */
export type ServerMode = 'auto' | 'always' | 'never';

export function readServerMode(value: string | null | undefined): ServerMode {
  const v = (value ?? 'auto').trim().toLowerCase();
  if (v === '' || v === 'always' || v === 'on' || v === 'true' || v === 'oui' || v === 'serveur' || v === 'server')
    return 'always';
  if (v === 'never' || v === 'off' || v === 'false' || v === 'non' || v === 'local') return 'never';
  return 'auto';
}

/** Rows above which, in `auto`, the server does the work rather than the browser. */
export const SERVER_THRESHOLD = 50_000;

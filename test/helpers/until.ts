/**
 * Waits for `get` to return something truthy, polling every 20 ms, and returns it. Fails with
 * "timed out waiting for <what>" after `ms` (and what `state` says then, to tell why). Never an
 * assertion on how long something takes: the limit is only there to end a failing test clearly.
 */
export async function until<T>(
  get: () => T | undefined | null | false,
  what: string,
  ms = 15000,
  state?: () => string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${state ? ` (${state()})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

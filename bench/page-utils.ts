/** Small helpers shared by the bench page's measurements. */

/** A URL no cache has seen, so every run fetches the bytes anew. */
export function fresh(url: string): string {
  return url + (url.includes('?') ? '&' : '?') + 'r=' + Math.random();
}

export const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** After the DOM changed: the next frame is painted, and the task after it has started. */
export function nextPaint(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

/** One step of a round: its figure, or the error that stops the round (kept in `sample.error`). */
export async function step(sample: { error?: string }, f: () => Promise<void>): Promise<boolean> {
  if (sample.error) return false;
  try {
    await f();
    return true;
  } catch (e) {
    sample.error = message(e);
    return false;
  }
}

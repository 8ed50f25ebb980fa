import { fixture, html, oneEvent } from '@open-wc/testing';
import { clearLoadCache } from '../../src/data/load.ts';
import '../../src/components/table/table.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import type { VitrineErrorEvent, VitrineLoadEvent } from '../../src/internal/events.ts';

/** Base URL of the second origin (127.0.0.1) that serves the repository with or without CORS headers. */
export async function crossOrigin(): Promise<string> {
  return (await fetch('/__cross-origin')).text();
}

/** Fails the test on Lit dev-mode warnings. */
export function failOnLitWarnings(): () => void {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => {
    const text = String(args[0]);
    // Every Lit dev-mode warning links to lit.dev/msg/…; "Lit is in dev mode" itself is expected.
    if (/lit\.dev\/msg\//.test(text) && !/dev-mode/.test(text)) warnings.push(args);
    original.apply(console, args);
  };
  return () => {
    console.warn = original;
    if (warnings.length) throw new Error(`Lit warnings: ${warnings.map((w) => w.join(' ')).join('\n')}`);
  };
}

/** An element of `tag` attached to the page, and the first vitrine-load or vitrine-error it fires. */
export async function elementWith<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  width?: string,
): Promise<{ el: HTMLElementTagNameMap[K]; event: VitrineLoadEvent | VitrineErrorEvent }> {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const settled = Promise.race([oneEvent(el, 'vitrine-load'), oneEvent(el, 'vitrine-error')]) as Promise<
    VitrineLoadEvent | VitrineErrorEvent
  >;
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  if (width) parent.style.width = width;
  parent.append(el);
  const event = await settled;
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return { el, event };
}

/** A <vitrine-table> attached to the page, and the first vitrine-load or vitrine-error it fires. */
export function tableWith(attrs: Record<string, string>): Promise<{
  el: VitrineTable;
  event: VitrineLoadEvent | VitrineErrorEvent;
}> {
  return elementWith('vitrine-table', attrs);
}

export function resetCache(): void {
  clearLoadCache();
}

/** Thin, narrow and ordinary no-break spaces as plain spaces, runs of white space as one. */
export function plain(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The shadow root of an element. */
export function root(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** The body rows a <vitrine-table> draws (spacers left out). */
export function bodyRows(el: Element): HTMLTableRowElement[] {
  return [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr[part~="row"]')];
}

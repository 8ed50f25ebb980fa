/**
 * PNG images for export (a chart, a map view): a white page with lines of text above and below a
 * picture, drawn at a given pixel ratio, and the download of a file. No Lit, no third-party code.
 *
 * Everything is laid out in CSS pixels and drawn through a scale transform, so one layout gives a
 * sharp image at any ratio (2 for slides, the screen's own when higher).
 */

/** A paragraph of text on the page: wrapped to the width, at most `maxLines` lines (… when cut). */
export interface TextLine {
  text: string;
  /** Font size in CSS px. */
  size: number;
  bold?: boolean;
  color?: string;
  /** Space in CSS px kept above the paragraph. */
  gap?: number;
  maxLines?: number;
}

/** A part of the page that draws itself: measured first, then drawn at its place. */
export interface Block {
  /** Height in CSS px for a given width (the context is there to measure text). */
  layout(ctx: CanvasRenderingContext2D, width: number): number;
  /** Draws the block with its top left corner at (x, y); units are CSS px. */
  draw(ctx: CanvasRenderingContext2D, x: number, y: number, width: number): void;
}

export interface Page {
  /** Width of the content (without the margins) in CSS px. */
  width: number;
  /** Device pixels per CSS px. */
  scale: number;
  /** Font family of the text (the element's). */
  family: string;
  /** From top to bottom: paragraphs of text and blocks. */
  blocks: readonly (TextLine | Block)[];
  /** Margin around the content in CSS px (16 by default). */
  pad?: number;
}

/** Text colours of the page: the element's default text and its muted grey. */
export const INK = '#1e1e1e';
export const MUTED = '#555555';

/** The CSS font of a size and weight in a family. */
export function fontOf(size: number, family: string, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px ${family}`;
}

/**
 * Cuts a text into lines no wider than `width` with the context's font: at spaces, and inside a
 * word only when the word alone is wider (a long URL); the last line kept ends with … when cut.
 */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines = 3): string[] {
  const fits = (s: string) => ctx.measureText(s).width <= width;
  const lines: string[] = [];
  let current = '';
  const push = (line: string) => {
    lines.push(line);
    current = '';
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = current ? `${current} ${word}` : word;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current) push(current);
    // A word wider than the line is cut by characters.
    let rest = word;
    while (rest.length > 1 && !fits(rest)) {
      // The longest start that fits (at least one character), by bisection.
      let lo = 1;
      let hi = rest.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (fits(rest.slice(0, mid))) lo = mid;
        else hi = mid - 1;
      }
      push(rest.slice(0, lo));
      rest = rest.slice(lo);
    }
    current = rest;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && !fits(`${last}…`)) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** Line height of a paragraph, in CSS px. */
function lineHeight(size: number): number {
  return Math.round(size * 1.4);
}

/** A paragraph as a block. */
export function textBlock(line: TextLine, family: string): Block {
  let lines: string[] = [];
  const font = fontOf(line.size, family, line.bold);
  const gap = line.gap ?? 0;
  return {
    layout(ctx, width) {
      ctx.font = font;
      lines = line.text ? wrapText(ctx, line.text, width, line.maxLines) : [];
      return lines.length ? gap + lines.length * lineHeight(line.size) : 0;
    },
    draw(ctx, x, y) {
      ctx.font = font;
      ctx.fillStyle = line.color ?? INK;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      lines.forEach((text, i) => ctx.fillText(text, x, y + gap + i * lineHeight(line.size)));
    },
  };
}

function isBlock(b: TextLine | Block): b is Block {
  return typeof (b as Block).draw === 'function';
}

/** Lays out and draws a page on a new canvas (white background). */
export function composePage(page: Page): HTMLCanvasElement {
  const pad = page.pad ?? 16;
  const blocks = page.blocks.map((b) => (isBlock(b) ? b : textBlock(b, page.family)));
  const measure = document.createElement('canvas').getContext('2d')!;
  const heights = blocks.map((b) => b.layout(measure, page.width));
  const height = heights.reduce((sum, h) => sum + h, 0) + 2 * pad;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((page.width + 2 * pad) * page.scale);
  canvas.height = Math.ceil(height * page.scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(page.scale, page.scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, page.width + 2 * pad, height);
  let y = pad;
  blocks.forEach((b, i) => {
    ctx.save();
    b.draw(ctx, pad, y, page.width);
    ctx.restore();
    y += heights[i];
  });
  return canvas;
}

/** A canvas as a PNG blob. */
export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}

/** A file name from a title: "Dépenses réelles 2021 — CRACH" → "depenses-reelles-2021-crach". */
export function slug(title: string, fallback: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || fallback
  );
}

/** Saves a blob under a file name (a temporary link in the element's shadow root). */
export function download(root: Node & ParentNode, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The PNG page of `<vitrine-map>`: title, the summary line, the painted view of the map, its
 * legends, and the sources underneath (data, areas, base map). The map itself is painted by
 * map-paint.ts; this file lays out the page around it (no Leaflet here).
 */
import { composePage, fontOf, INK, MUTED, pngBlob, type Block, type TextLine } from '../../internal/png.ts';
import { NO_DATA_HATCH } from './hatch.ts';

/** One entry of a colour legend: a dot (points), a square (areas) or the hatching of "no data". */
export interface LegendItem {
  label: string;
  /** "(12)" after the label, already formatted. */
  count?: string;
  color: string;
  kind: 'dot' | 'square' | 'hatched';
}

/** A legend as the element shows it: colours, or reference circles of `size-by`. */
export type Legend =
  | { kind: 'colors'; title: string; items: LegendItem[] }
  | { kind: 'sizes'; title: string; items: { label: string; radius: number }[] };

export interface MapPage {
  title: string;
  subtitle: string;
  /** The map painted at `scale` (device pixels), and its size in CSS px. */
  map: HTMLCanvasElement;
  width: number;
  height: number;
  legends: Legend[];
  /** Lines under the legend: the data's source, the areas', the base map's attribution. */
  sources: string[];
  scale: number;
  family: string;
}

/** Text sizes of the legend, in CSS px. */
const LEGEND_TITLE = 13;
const LEGEND_TEXT = 12;
const SWATCH = 12;
const ROW = 20;

/** The map with a thin frame, as on the page. */
function mapBlock(page: MapPage): Block {
  const top = 8;
  return {
    layout: () => page.height + top + 2,
    draw(ctx, x, y) {
      ctx.drawImage(page.map, x, y + top + 1, page.width, page.height);
      ctx.strokeStyle = '#dddddd';
      ctx.lineWidth = 1;
      ctx.strokeRect(x - 0.5, y + top + 0.5, page.width + 1, page.height + 1);
    },
  };
}

/** A colour swatch: a dot, a square, or the hatching of areas without data. */
function swatch(ctx: CanvasRenderingContext2D, item: LegendItem, x: number, y: number): void {
  ctx.beginPath();
  if (item.kind === 'dot') ctx.arc(x + SWATCH / 2, y + SWATCH / 2, SWATCH / 2, 0, Math.PI * 2);
  else ctx.rect(x, y, SWATCH, SWATCH);
  if (item.kind === 'hatched') {
    ctx.fillStyle = NO_DATA_HATCH.background;
    ctx.fill();
    ctx.save();
    ctx.clip();
    ctx.strokeStyle = NO_DATA_HATCH.stroke;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let d = -SWATCH; d < SWATCH; d += 3) {
      ctx.moveTo(x + d, y + SWATCH);
      ctx.lineTo(x + d + SWATCH, y);
    }
    ctx.stroke();
    ctx.restore();
    ctx.beginPath();
    ctx.rect(x, y, SWATCH, SWATCH);
  } else {
    ctx.fillStyle = item.color;
    ctx.fill();
  }
  ctx.strokeStyle = '#888888';
  ctx.lineWidth = 1;
  ctx.stroke();
}

/**
 * A legend: its title, then its entries side by side, wrapped to the width (as the legend under
 * the map on the page).
 */
function legendBlock(legend: Legend, family: string): Block {
  type Placed = { x: number; y: number; w: number; index: number };
  let placed: Placed[] = [];
  let rows: number[] = [];
  const gap = 16;
  const top = 10;
  const itemText = (i: number) => legend.items[i].label;
  const lead = (i: number) => {
    const item = legend.items[i];
    return legend.kind === 'sizes' ? 2 * (item as { radius: number }).radius + 2 : SWATCH;
  };
  const rowHeight = (i: number) => (legend.kind === 'sizes' ? Math.max(ROW, lead(i) + 4) : ROW);
  return {
    layout(ctx, width) {
      placed = [];
      rows = [];
      let x = 0;
      let row = 0;
      let y = top + Math.round(LEGEND_TITLE * 1.4) + 4;
      legend.items.forEach((item, i) => {
        ctx.font = fontOf(LEGEND_TEXT, family);
        const count = legend.kind === 'colors' ? (item as LegendItem).count : undefined;
        const w = lead(i) + 6 + ctx.measureText(itemText(i) + (count ? ` ${count}` : '')).width;
        if (x > 0 && x + w > width) {
          y += rows[row];
          row++;
          x = 0;
        }
        rows[row] = Math.max(rows[row] ?? 0, rowHeight(i));
        placed.push({ x, y, w, index: i });
        x += w + gap;
      });
      const last = rows.length ? rows[rows.length - 1] : 0;
      return legend.items.length ? (placed.at(-1)?.y ?? 0) + last : 0;
    },
    draw(ctx, x, y) {
      if (!legend.items.length) return;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillStyle = INK;
      ctx.font = fontOf(LEGEND_TITLE, family, true);
      ctx.fillText(legend.title, x, y + top);
      let row = 0;
      let rowTop = -1;
      for (const p of placed) {
        if (rowTop >= 0 && p.y !== rowTop) row++;
        rowTop = p.y;
        const mid = y + p.y + rows[row] / 2;
        const ix = x + p.x;
        if (legend.kind === 'colors') {
          const item = legend.items[p.index];
          swatch(ctx, item, ix, mid - SWATCH / 2);
          ctx.font = fontOf(LEGEND_TEXT, family);
          ctx.textBaseline = 'middle';
          ctx.fillStyle = INK;
          ctx.fillText(item.label, ix + SWATCH + 6, mid);
          if (item.count) {
            const w = ctx.measureText(`${item.label} `).width;
            ctx.fillStyle = MUTED;
            ctx.fillText(item.count, ix + SWATCH + 6 + w, mid);
          }
        } else {
          const item = legend.items[p.index];
          const d = lead(p.index);
          // Circles stand on a common base line, as in the legend on the page.
          ctx.beginPath();
          ctx.arc(ix + d / 2, mid + d / 2 - 1 - item.radius, item.radius, 0, Math.PI * 2);
          ctx.fillStyle = 'rgba(0, 114, 178, 0.2)';
          ctx.fill();
          ctx.strokeStyle = '#0072b2';
          ctx.lineWidth = 1.5;
          ctx.stroke();
          ctx.font = fontOf(LEGEND_TEXT, family);
          ctx.textBaseline = 'middle';
          ctx.fillStyle = INK;
          ctx.fillText(item.label, ix + d + 6, mid);
        }
      }
    },
  };
}

/** The page as a PNG blob. */
export function mapPng(page: MapPage): Promise<Blob> {
  const blocks: (TextLine | Block)[] = [];
  if (page.title) blocks.push({ text: page.title, size: 18, bold: true, maxLines: 2 });
  if (page.subtitle) blocks.push({ text: page.subtitle, size: 13, color: MUTED, gap: page.title ? 4 : 0, maxLines: 2 });
  blocks.push(mapBlock(page));
  for (const legend of page.legends) blocks.push(legendBlock(legend, page.family));
  page.sources.forEach((text, i) => blocks.push({ text, size: 11, color: MUTED, gap: i === 0 ? 12 : 2 }));
  return pngBlob(composePage({ width: page.width, scale: page.scale, family: page.family, blocks }));
}

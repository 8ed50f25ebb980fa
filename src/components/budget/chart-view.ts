/**
 * The chart of <vitrine-budget>: loads the Chart.js chunk on first use, builds the chart on the
 * element's canvas, rebuilds it when the figures change, mirrors the keyboard position (active bar
 * or tile with its tooltip), and destroys it when the element leaves the page.
 *
 * Chart.js draws on a canvas, which CSS does not reach: the chart reads the element's computed
 * font, `--vitrine-mark-scale` (bar thickness, borders; presentation mode sets 1.75) and colours
 * when it is built, and is built again when they change (the `presentation` attribute, a theme).
 */
import type { Chart as ChartType, ChartConfiguration, ActiveElement, Plugin } from 'chart.js';
import type { Lang } from '../../i18n/localize.ts';
import { formatCents, formatChange, formatCompactCurrency, formatPercent } from '../../format/format.ts';
import { tBudget } from '../../i18n/fr-budget.ts';
import { changePercent } from '../../data/budget/budget.ts';
import type { FigureRow } from './budget-export.ts';
import { wrapLabel } from './budget-spec.ts';
import { OTHERS_COLOUR, PALETTE, textOn, YEAR_COLOURS } from './palette.ts';

type Kit = typeof import('./chart-kit.ts');

export interface ChartInput {
  kind: 'bar' | 'doughnut' | 'treemap' | 'compare';
  rows: FigureRow[];
  years?: string[];
  active: number;
  lang: Lang;
  leaf: boolean;
  onOpen: (index: number) => void;
  onActive: (index: number) => void;
}

let kitPromise: Promise<Kit> | undefined;

/** The Chart.js chunk (loaded once per page). */
function loadKit(): Promise<Kit> {
  kitPromise ??= import('./chart-kit.ts').catch((err: unknown) => {
    kitPromise = undefined;
    throw err;
  });
  return kitPromise;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** What a chart takes from its element's styles. */
interface Look {
  /** The element's font family. */
  family: string;
  /** Size of the chart's text in pixels: slightly smaller than the element's text. */
  size: number;
  /** `--vitrine-mark-scale`: the factor on bar thickness, borders and offsets (1 by default). */
  scale: number;
  /** Colours of the text, of the grid lines and of the background (between slices), as Chart.js reads them. */
  text: string;
  grid: string;
  background: string;
  palette: string[];
}

/** `--vitrine-mark-scale` as a number: 1 when absent or unreadable, kept within 0.5–4. */
function markScale(style: CSSStyleDeclaration): number {
  const value = parseFloat(style.getPropertyValue('--vitrine-mark-scale'));
  return Number.isFinite(value) && value > 0 ? Math.min(4, Math.max(0.5, value)) : 1;
}

let scratch: CanvasRenderingContext2D | null | undefined;

/**
 * A CSS colour as #rrggbb (or rgba()) for Chart.js, which parses colours itself: a computed style
 * gives `color(srgb …)` for a `color-mix()` (presentation mode mixes its greys). The colour is
 * painted on a one-pixel canvas and read back; `fallback` when the value is not a colour.
 */
function plainColour(value: string, fallback: string): string {
  if (!value) return fallback;
  scratch ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!scratch) return value;
  scratch.clearRect(0, 0, 1, 1);
  scratch.fillStyle = fallback;
  // An unreadable value leaves the fallback in place.
  scratch.fillStyle = value;
  scratch.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = scratch.getImageData(0, 0, 1, 1).data;
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return a === 255 ? `#${hex(r)}${hex(g)}${hex(b)}` : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
}

export class ChartView {
  state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  #host: HTMLElement & { requestUpdate(): void };
  #input?: ChartInput;
  #chart?: ChartType;
  #canvas?: HTMLCanvasElement;
  #signature = '';
  /** The signature of a chart that could not be built: not tried again until something changes. */
  #failed = '';
  #run = 0;
  /** Row index → chart element index (doughnut and treemap leave out what they cannot draw). */
  #elementOf = new Map<number, number>();
  #rowOf = new Map<number, number>();
  #focused = false;
  #looks?: Look;
  /** Watches the element's size: a change of font (a theme added later) changes it. */
  #resize?: ResizeObserver;

  constructor(host: HTMLElement & { requestUpdate(): void }) {
    this.#host = host;
  }

  /** The figures to draw (each render); the element's styles are read again here. */
  set(input: ChartInput): void {
    this.#input = input;
    this.#looks = this.#readLook();
  }

  /**
   * Pixel height that fits the categories (bars) or a box for a doughnut or treemap; it grows with
   * the text and the marks (presentation mode), and is the same as before at the default sizes.
   */
  height(input: ChartInput): number {
    const n = input.rows.length;
    const { size, scale } = this.#look();
    // The axis and its labels (56px for 13px text).
    const axis = Math.round(size * 4.3);
    if (input.kind === 'bar') {
      // Each bar gets the room of its label's lines (labels wrap more on a narrow screen).
      const perLine = this.#perLine(size);
      const lines = input.rows.reduce((s, r) => s + wrapLabel(r.label, perLine, perLine < 24 ? 3 : 2).length, 0);
      return Math.max(140, Math.max(n * Math.round(34 * scale), Math.ceil(lines * size * 1.3) + n * 10) + axis);
    }
    if (input.kind === 'compare') {
      const years = input.years?.length ?? 2;
      return Math.max(160, n * Math.round((12 * years + 18) * scale) + axis + 16);
    }
    // 320px and 380px for 13px text: the labels inside the tiles need the room.
    if (input.kind === 'doughnut') return Math.round(size * 24.6);
    return Math.round(size * 29.2);
  }

  /** Characters per line of a bar label: about 40 % of the width. */
  #perLine(size: number): number {
    const width = this.#host.clientWidth || 600;
    return Math.max(10, Math.min(32, Math.floor((width * 0.4) / (size * 0.55))));
  }

  /** The look read at the last render (read now before any). */
  #look(): Look {
    return (this.#looks ??= this.#readLook());
  }

  /** The font, mark scale and colours the chart takes from the element's computed styles. */
  #readLook(): Look {
    const style = getComputedStyle(this.#host);
    return {
      family: style.fontFamily,
      size: Math.max(11, Math.round((parseFloat(style.fontSize) || 16) * 0.8)),
      scale: markScale(style),
      text: plainColour(style.color, '#1e1e1e'),
      grid: plainColour(style.getPropertyValue('--vitrine-color-border').trim(), '#dddddd'),
      background: plainColour(style.getPropertyValue('--vitrine-color-background').trim(), '#ffffff'),
      palette: PALETTE.map((c, i) => plainColour(style.getPropertyValue(`--vitrine-chart-${i + 1}`).trim(), c)),
    };
  }

  /** The colour of a row in a doughnut or treemap (or the bars). */
  colourOf(row: FigureRow): string {
    const rows = this.#input?.rows ?? [];
    if (row.key === '__autres') return OTHERS_COLOUR;
    return this.#look().palette[Math.max(0, rows.indexOf(row)) % PALETTE.length];
  }

  /** What the chart shows and how it looks: a new chart is built when it changes. */
  #signatureOf(input: ChartInput, look: Look): string {
    return JSON.stringify([
      input.kind,
      input.lang,
      input.years,
      input.rows.map((r) => [r.key, r.label, r.cents, r.byYear]),
      look,
      // Bar labels wrap to the width.
      input.kind === 'bar' || input.kind === 'compare' ? this.#perLine(look.size) : 0,
    ]);
  }

  /** Draws (or updates) the chart on `canvas`; destroys it when there is none. */
  draw(canvas: HTMLCanvasElement | undefined): void {
    const input = this.#input;
    if (!canvas || !input || !this.#host.isConnected) {
      this.destroy();
      return;
    }
    const look = this.#look();
    const signature = this.#signatureOf(input, look);
    this.#watch();
    if (this.#chart && canvas === this.#canvas && signature === this.#signature) {
      this.#highlight();
      return;
    }
    // A chart that failed is not built again for the same figures: each failure renders the
    // element (to say so), and trying again at each render would never end.
    if (this.state === 'failed' && signature === this.#failed) return;
    const run = ++this.#run;
    if (this.state !== 'ready') {
      this.state = 'loading';
    }
    const kind = input.kind === 'compare' ? 'bar' : input.kind;
    loadKit()
      .then(async (kit) => {
        await kit.prepare(kind);
        if (run !== this.#run || !this.#host.isConnected || !canvas.isConnected) return;
        this.#chart?.destroy();
        this.#canvas = canvas;
        this.#signature = signature;
        this.#chart = new kit.Chart(canvas, this.#config(input, look));
        if (input.kind === 'treemap') this.#mapTreemap(this.#chart);
        const was = this.state;
        this.state = 'ready';
        this.#highlight();
        if (was !== 'ready') this.#host.requestUpdate();
      })
      .catch(() => {
        if (run !== this.#run) return;
        this.state = 'failed';
        this.#failed = signature;
        this.#host.requestUpdate();
      });
  }

  /** The listbox over the chart gained or lost the focus: show or hide the active category. */
  focus(focused: boolean): void {
    this.#focused = focused;
    this.#highlight();
  }

  #highlight(): void {
    const chart = this.#chart;
    const input = this.#input;
    if (!chart || !input) return;
    const element = this.#elementOf.get(input.active);
    let active: { datasetIndex: number; index: number }[] = [];
    if (this.#focused && element !== undefined) {
      active =
        input.kind === 'compare'
          ? (input.years ?? []).map((_, d) => ({ datasetIndex: d, index: element }))
          : [{ datasetIndex: 0, index: element }];
    }
    chart.setActiveElements(active);
    const el = active.length ? chart.getDatasetMeta(active[0].datasetIndex).data[active[0].index] : undefined;
    chart.tooltip?.setActiveElements(active, el ? { x: el.x, y: el.y } : { x: 0, y: 0 });
    chart.update('none');
  }

  /** The treemap orders its tiles itself: map rows to tiles from the data points it computed. */
  #mapTreemap(chart: ChartType): void {
    this.#elementOf.clear();
    this.#rowOf.clear();
    const points = (chart.data.datasets[0]?.data ?? []) as unknown as { _data?: { row?: number } }[];
    points.forEach((p, k) => {
      const row = p?._data?.row;
      if (row !== undefined) {
        this.#elementOf.set(row, k);
        this.#rowOf.set(k, row);
      }
    });
  }

  /**
   * A theme or a class that changes the element's font without an update of the element (a
   * `presentation` attribute does update it) changes its size: the element then renders again,
   * and the chart is rebuilt if its look changed. An element shown after being drawn hidden gets
   * its canvas sized here too.
   */
  #watch(): void {
    if (this.#resize || typeof ResizeObserver !== 'function') return;
    this.#resize = new ResizeObserver(() => {
      if (!this.#looks || !this.#chart) return;
      // Drawn while hidden (a slide not shown yet, a closed tab): size the canvas to its box as soon
      // as the element has one, without waiting for Chart.js's own observer and its next frame.
      const canvas = this.#chart.canvas;
      if (this.#host.clientWidth > 0 && canvas && (canvas.clientWidth === 0 || canvas.clientHeight === 0))
        this.#chart.resize();
      // The next frame: a render now would resize what is being observed, in the same frame.
      if (JSON.stringify(this.#readLook()) !== JSON.stringify(this.#looks)) {
        requestAnimationFrame(() => this.#host.requestUpdate());
      }
    });
    this.#resize.observe(this.#host);
  }

  destroy(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#run++;
    this.#chart?.destroy();
    this.#chart = undefined;
    this.#canvas = undefined;
    this.#signature = '';
    if (this.state !== 'failed') this.state = 'idle';
  }

  /** The chart instance (for tests and PNG export). */
  get chart(): ChartType | undefined {
    return this.#chart;
  }

  #config(input: ChartInput, look: Look): ChartConfiguration {
    const lang = input.lang;
    const { text, grid, palette, scale } = look;
    // Chart text follows the element's font size (larger in a slide), slightly smaller than the text.
    const font = { family: look.family, size: look.size };
    /** A length in pixels times the mark scale. */
    const px = (n: number) => Math.round(n * scale * 10) / 10;
    const rows = input.rows;
    this.#elementOf.clear();
    this.#rowOf.clear();
    const map = (row: number, element: number) => {
      this.#elementOf.set(row, element);
      this.#rowOf.set(element, row);
    };
    const rowAt = (element: number) => this.#rowOf.get(element) ?? -1;
    const tooltip = {
      displayColors: input.kind === 'compare',
      // Readable on a projector too: the chart's font size, not Chart.js's fixed 12px.
      titleFont: { family: font.family, size: font.size, weight: 'bold' as const },
      bodyFont: { family: font.family, size: font.size },
      footerFont: { family: font.family, size: font.size },
      padding: Math.round(font.size * 0.5),
      caretSize: px(5),
      boxWidth: font.size,
      boxHeight: font.size,
      callbacks: {
        title: (items: { dataIndex: number }[]) => rows[rowAt(items[0]?.dataIndex ?? -1)]?.label ?? '',
        label: (item: { dataIndex: number; datasetIndex: number }) => {
          const row = rows[rowAt(item.dataIndex)];
          if (!row) return '';
          if (input.kind === 'compare' && row.byYear) {
            return `${input.years![item.datasetIndex]} : ${formatCents(lang, row.byYear[item.datasetIndex])}`;
          }
          return `${formatCents(lang, row.cents)}${row.share === undefined ? '' : ` (${formatPercent(lang, row.share, 1)})`}`;
        },
        footer: (items: { dataIndex: number }[]) => {
          const row = rows[rowAt(items[0]?.dataIndex ?? -1)];
          if (!row) return '';
          const lines: string[] = [];
          if (row.code)
            lines.push(
              `${tBudget(lang, 'budgetColCode')} : ${row.code}${row.derived ? ` (${tBudget(lang, 'budgetDerivedChapter')})` : ''}`,
            );
          if (row.byYear && row.byYear.length > 1) {
            const n = row.byYear.length;
            const change = changePercent(row.byYear[n - 2], row.byYear[n - 1]);
            if (change !== undefined) {
              lines.push(
                tBudget(lang, 'budgetChange', { change: formatChange(lang, change), year: input.years![n - 2] }),
              );
            }
          }
          return lines;
        },
      },
    };
    const onClick = (_e: unknown, elements: ActiveElement[]) => {
      const el = elements[0];
      if (!el) return;
      const row = rowAt(el.index);
      if (row >= 0) {
        input.onActive(row);
        input.onOpen(row);
      }
    };
    const onHover = (e: { native: Event | null }, elements: ActiveElement[]) => {
      const target = e.native?.target as HTMLElement | undefined;
      if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
    };
    const base = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? (false as const) : { duration: 250 },
      color: text,
      font,
      onClick,
      onHover,
      plugins: { tooltip, legend: { display: false } },
    };
    const money = (v: number | string) => formatCompactCurrency(lang, Number(v));

    if (input.kind === 'bar' || input.kind === 'compare') {
      const compare = input.kind === 'compare';
      const perLine = this.#perLine(font.size);
      rows.forEach((_, i) => map(i, i));
      const datasets = compare
        ? (input.years ?? []).map((year, y) => ({
            label: year,
            data: rows.map((r) => (r.byYear?.[y] ?? 0) / 100),
            backgroundColor: YEAR_COLOURS[y % YEAR_COLOURS.length],
            maxBarThickness: px(14),
          }))
        : [
            {
              label: '',
              data: rows.map((r) => r.cents / 100),
              backgroundColor: rows.map((r) => (r.key === '__autres' ? OTHERS_COLOUR : palette[0])),
              maxBarThickness: px(26),
            },
          ];
      const changes: Plugin<'bar'> = {
        id: 'vitrineChanges',
        afterDatasetsDraw(chart) {
          if (!compare) return;
          const ctx = chart.ctx;
          const metas = chart.data.datasets.map((_, d) => chart.getDatasetMeta(d));
          ctx.save();
          ctx.font = `600 ${Math.max(12, font.size - 1)}px ${font.family}`;
          ctx.fillStyle = text;
          ctx.textBaseline = 'middle';
          rows.forEach((row, i) => {
            const n = row.byYear?.length ?? 0;
            if (n < 2) return;
            const change = changePercent(row.byYear![n - 2], row.byYear![n - 1]);
            if (change === undefined) return;
            const bars = metas.map((m) => m.data[i] as unknown as { x: number; y: number; base: number });
            const x = Math.max(...bars.map((b) => Math.max(b.x, b.base)));
            const y = bars.reduce((s, b) => s + b.y, 0) / bars.length;
            ctx.fillText(formatChange(lang, change), x + px(6), y);
          });
          ctx.restore();
        },
      };
      return {
        type: 'bar',
        data: {
          // Labels take at most about 40 % of the width: fewer characters per line on a phone.
          labels: rows.map((r) => wrapLabel(r.label, perLine, perLine < 24 ? 3 : 2)),
          datasets,
        },
        options: {
          ...base,
          indexAxis: 'y',
          // Room for the changes written after the bars ("+12,5 %"): about five characters.
          layout: { padding: { right: compare ? Math.round(font.size * 4.9) : 8 } },
          scales: {
            x: { ticks: { color: text, font, callback: money }, grid: { color: grid, lineWidth: px(1) } },
            y: { ticks: { color: text, font, autoSkip: false }, grid: { display: false } },
          },
          plugins: { ...base.plugins, legend: { display: false } },
        },
        plugins: [changes],
      } as unknown as ChartConfiguration;
    }

    // Doughnut and treemap: only positive amounts can be drawn.
    const drawn = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.cents > 0);
    drawn.forEach(({ i }, k) => map(i, k));
    const colour = (i: number) => (rows[i].key === '__autres' ? OTHERS_COLOUR : palette[i % palette.length]);
    if (input.kind === 'doughnut') {
      return {
        type: 'doughnut',
        data: {
          labels: drawn.map(({ r }) => r.label),
          datasets: [
            {
              data: drawn.map(({ r }) => r.cents / 100),
              backgroundColor: drawn.map(({ i }) => colour(i)),
              borderColor: look.background,
              borderWidth: px(2),
              hoverOffset: px(8),
            },
          ],
        },
        options: { ...base, cutout: '55%', layout: { padding: px(8) } },
      } as unknown as ChartConfiguration;
    }
    const tree = drawn.map(({ r, i }) => ({
      value: r.cents / 100,
      row: i,
      label: r.label,
      money: money(r.cents / 100),
    }));
    const rowOfCtx = (ctx: { raw?: { _data?: { row?: number } } }) => ctx.raw?._data?.row ?? -1;
    return {
      type: 'treemap',
      data: {
        datasets: [
          {
            tree,
            key: 'value',
            backgroundColor: (ctx: { raw?: { _data?: { row?: number } } }) => {
              const i = rowOfCtx(ctx);
              return i >= 0 ? colour(i) : OTHERS_COLOUR;
            },
            borderColor: look.background,
            borderWidth: px(2),
            spacing: 0,
            labels: {
              display: true,
              overflow: 'hidden',
              // The label wraps to the tile's width (three lines at most), then the amount.
              font: (ctx: { raw?: TileRaw }) => {
                const lines = tileLines(ctx.raw, font.size);
                return [
                  ...lines.slice(0, -1).map(() => ({ size: font.size, weight: 'bold' as const, family: font.family })),
                  { size: font.size - 1, family: font.family },
                ];
              },
              color: (ctx: { raw?: TileRaw }) => {
                const i = rowOfCtx(ctx);
                return textOn(i >= 0 ? colour(i) : OTHERS_COLOUR);
              },
              formatter: (ctx: { raw?: TileRaw }) => tileLines(ctx.raw, font.size),
            },
          },
        ],
      },
      options: {
        ...base,
        plugins: {
          ...base.plugins,
          tooltip: {
            ...tooltip,
            callbacks: {
              ...tooltip.callbacks,
              title: (items: { raw?: { _data?: { row?: number } } }[]) => rows[rowOfCtx(items[0] ?? {})]?.label ?? '',
              label: (item: { raw?: { _data?: { row?: number } } }) => {
                const row = rows[rowOfCtx(item)];
                return row ? `${formatCents(lang, row.cents)} (${formatPercent(lang, row.share ?? 0, 1)})` : '';
              },
              footer: (items: { raw?: { _data?: { row?: number } } }[]) => {
                const row = rows[rowOfCtx(items[0] ?? {})];
                return row?.code ? `${tBudget(lang, 'budgetColCode')} : ${row.code}` : '';
              },
            },
          },
        },
        onClick: (_e: unknown, elements: ActiveElement[]) => {
          const el = elements[0] as unknown as
            { element?: { $context?: { raw?: { _data?: { row?: number } } } } } | undefined;
          const row = rowOfCtx(el?.element?.$context ?? {});
          if (row >= 0) {
            input.onActive(row);
            input.onOpen(row);
          }
        },
      },
    } as unknown as ChartConfiguration;
  }
}

/** A treemap data point: its size in pixels and our data. */
interface TileRaw {
  w?: number;
  h?: number;
  _data?: { row?: number; label?: string; value?: number; money?: string };
}

/** The lines written in a tile: its label wrapped to the tile's width, then the amount. */
function tileLines(raw: TileRaw | undefined, size: number): string[] {
  const d = raw?._data;
  if (!d) return [];
  const perLine = Math.max(6, Math.floor((raw?.w ?? 0) / (size * 0.6)) - 1);
  const rows = Math.max(1, Math.min(3, Math.floor((raw?.h ?? 0) / (size * 1.3)) - 1));
  return [...wrapLabel(d.label ?? '', perLine, rows), d.money ?? ''];
}

/**
 * The chart of <vitrine-budget>: loads the Chart.js chunk on first use, builds the chart on the
 * element's canvas, rebuilds it when the figures change, mirrors the keyboard position (active bar
 * or tile with its tooltip), and destroys it when the element leaves the page.
 */
import type { Chart as ChartType, ChartConfiguration, ActiveElement, Plugin } from 'chart.js';
import type { Lang } from '../../i18n/localize.ts';
import { formatCents, formatChange, formatCompactCurrency, formatPercent } from '../../format/format.ts';
import { t } from '../../i18n/localize.ts';
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

export class ChartView {
  state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  #host: HTMLElement & { requestUpdate(): void };
  #input?: ChartInput;
  #chart?: ChartType;
  #canvas?: HTMLCanvasElement;
  #signature = '';
  #run = 0;
  /** Row index → chart element index (doughnut and treemap leave out what they cannot draw). */
  #elementOf = new Map<number, number>();
  #rowOf = new Map<number, number>();
  #focused = false;

  constructor(host: HTMLElement & { requestUpdate(): void }) {
    this.#host = host;
  }

  set(input: ChartInput): void {
    this.#input = input;
  }

  /** Pixel height that fits the categories (bars) or a fixed square-ish box. */
  height(input: ChartInput): number {
    const n = input.rows.length;
    if (input.kind === 'bar') {
      // Each bar gets the room of its label's lines (labels wrap more on a narrow screen).
      const { perLine, size } = this.#labelFit();
      const lines = input.rows.reduce((s, r) => s + wrapLabel(r.label, perLine, perLine < 24 ? 3 : 2).length, 0);
      return Math.max(140, Math.max(n * 34, Math.ceil(lines * size * 1.3) + n * 10) + 56);
    }
    if (input.kind === 'compare') return Math.max(160, n * (12 * (input.years?.length ?? 2) + 18) + 72);
    if (input.kind === 'doughnut') return 320;
    return 380;
  }

  /** Characters per line of a bar label (about 40 % of the width) and the chart's font size. */
  #labelFit(): { perLine: number; size: number } {
    const style = getComputedStyle(this.#host);
    const size = Math.max(11, Math.round((parseFloat(style.fontSize) || 16) * 0.8));
    const width = this.#host.clientWidth || 600;
    return { perLine: Math.max(10, Math.min(32, Math.floor((width * 0.4) / (size * 0.55)))), size };
  }

  /** The colour of a row in a doughnut or treemap (or the bars). */
  colourOf(row: FigureRow): string {
    const rows = this.#input?.rows ?? [];
    if (row.key === '__autres') return OTHERS_COLOUR;
    return this.#palette()[Math.max(0, rows.indexOf(row)) % PALETTE.length];
  }

  #palette(): string[] {
    const style = getComputedStyle(this.#host);
    return PALETTE.map((c, i) => style.getPropertyValue(`--vitrine-chart-${i + 1}`).trim() || c);
  }

  #signatureOf(input: ChartInput): string {
    return JSON.stringify([
      input.kind,
      input.lang,
      input.years,
      input.rows.map((r) => [r.key, r.label, r.cents, r.byYear]),
    ]);
  }

  /** Draws (or updates) the chart on `canvas`; destroys it when there is none. */
  draw(canvas: HTMLCanvasElement | undefined): void {
    const input = this.#input;
    if (!canvas || !input || !this.#host.isConnected) {
      this.destroy();
      return;
    }
    const signature = this.#signatureOf(input);
    if (this.#chart && canvas === this.#canvas && signature === this.#signature) {
      this.#highlight();
      return;
    }
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
        this.#chart = new kit.Chart(canvas, this.#config(input));
        if (input.kind === 'treemap') this.#mapTreemap(this.#chart);
        const was = this.state;
        this.state = 'ready';
        this.#highlight();
        if (was !== 'ready') this.#host.requestUpdate();
      })
      .catch(() => {
        if (run !== this.#run) return;
        this.state = 'failed';
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

  destroy(): void {
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

  #config(input: ChartInput): ChartConfiguration {
    const lang = input.lang;
    const style = getComputedStyle(this.#host);
    const text = style.getPropertyValue('--vitrine-color-text').trim() || '#1e1e1e';
    const grid = style.getPropertyValue('--vitrine-color-border').trim() || '#dddddd';
    // Chart text follows the element's font size (larger in a slide), slightly smaller than the text.
    const font = { family: style.fontFamily, size: this.#labelFit().size };
    const palette = this.#palette();
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
              `${t(lang, 'budgetColCode')} : ${row.code}${row.derived ? ` (${t(lang, 'budgetDerivedChapter')})` : ''}`,
            );
          if (row.byYear && row.byYear.length > 1) {
            const n = row.byYear.length;
            const change = changePercent(row.byYear[n - 2], row.byYear[n - 1]);
            if (change !== undefined) {
              lines.push(t(lang, 'budgetChange', { change: formatChange(lang, change), year: input.years![n - 2] }));
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
      const { perLine } = this.#labelFit();
      rows.forEach((_, i) => map(i, i));
      const datasets = compare
        ? (input.years ?? []).map((year, y) => ({
            label: year,
            data: rows.map((r) => (r.byYear?.[y] ?? 0) / 100),
            backgroundColor: YEAR_COLOURS[y % YEAR_COLOURS.length],
            maxBarThickness: 14,
          }))
        : [
            {
              label: '',
              data: rows.map((r) => r.cents / 100),
              backgroundColor: rows.map((r) => (r.key === '__autres' ? OTHERS_COLOUR : palette[0])),
              maxBarThickness: 26,
            },
          ];
      const changes: Plugin<'bar'> = {
        id: 'vitrineChanges',
        afterDatasetsDraw(chart) {
          if (!compare) return;
          const ctx = chart.ctx;
          const metas = chart.data.datasets.map((_, d) => chart.getDatasetMeta(d));
          ctx.save();
          ctx.font = `600 12px ${font.family}`;
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
            ctx.fillText(formatChange(lang, change), x + 6, y);
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
          layout: { padding: { right: compare ? 64 : 8 } },
          scales: {
            x: { ticks: { color: text, font, callback: money }, grid: { color: grid } },
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
              borderColor: '#ffffff',
              borderWidth: 2,
              hoverOffset: 8,
            },
          ],
        },
        options: { ...base, cutout: '55%', layout: { padding: 8 } },
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
            borderColor: '#ffffff',
            borderWidth: 2,
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
                return row?.code ? `${t(lang, 'budgetColCode')} : ${row.code}` : '';
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

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  aggregate,
  amountColumn,
  changePercent,
  compareYears,
  defaultAmount,
  documentsOf,
  isScdl,
  readGeneric,
  readScdl,
  SCDL_AMOUNT_COLUMNS,
  sortYears,
  yearOf,
  type BudgetData,
  type BudgetQuery,
  type BudgetView,
  type Category,
  type Comparison,
  type DocKind,
  type DrillStep,
} from '../../data/budget/budget.ts';
import { VitrineError } from '../../data/errors.ts';
import type { CellValue, Column, Table } from '../../data/model.ts';
import { filterRows, fold } from '../../data/query.ts';
import type { RemoteDataset, RemoteFilter, RemoteQuery } from '../../data/remote/index.ts';
import { formatCents, formatChange, formatInteger, formatPercent } from '../../format/format.ts';
import { t } from '../../i18n/localize.ts';
import { tBudget, type BudgetKey } from '../../i18n/fr-budget.ts';
import { headingConverter } from '../../internal/converters.ts';
import type { DataController } from '../../internal/data-controller.ts';
import { errorMessage } from '../../internal/error-message.ts';
import { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from '../../internal/events.ts';
import { parseFilter } from '../../internal/filter-spec.ts';
import { RemoteController, readServerMode } from '../../internal/remote-controller.ts';
import { schemaTable } from '../../internal/server-records.ts';
import { styleProps } from '../../internal/style-props.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { controlsStyles } from '../../styles/controls.styles.ts';
import {
  readAmount,
  readChart,
  readControls,
  readDirection,
  readDocument,
  readGroupBy,
  readOperations,
  readSection,
  type BudgetChart,
  type BudgetControl,
} from './budget-spec.ts';
import { budgetStyles } from './budget.styles.ts';
import { csvOf, download, pngOf, slug, type FigureRow } from './budget-export.ts';
import {
  COUNTS_LIMIT,
  matchingValues,
  ServerAnswers,
  SUMMABLE,
  SUMS_LIMIT,
  sumCents,
  sumsData,
  yearFilter,
  type Answer,
  type SumRow,
} from './budget-server.ts';
import { ChartView, type ChartInput } from './chart-view.ts';
import { YEAR_COLOURS } from './palette.ts';

/** `max-categories`: a whole number ≥ 0 (0 = never group); undefined (the chart's default) when absent or unreadable. */
const maxConverter = {
  fromAttribute(value: string | null): number | undefined {
    const n = Math.floor(Number(value));
    return value !== null && value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
  },
};

/** Categories before "Autres" by default: 12 bars; 10 slices or tiles, one per colour of the palette. */
const DEFAULT_MAX = { bar: 12, doughnut: 10, treemap: 10 } as const;

/** Years drawn side by side at most when comparing. */
const MAX_YEARS = 4;

/** Column names a generic table's year is looked for in, when `year-column` is absent. */
const YEAR_NAMES = ['exercice', 'annee', 'année', 'year', 'millesime'];

/** What the person changed with the toolbar (attributes apply until then). */
interface Choices {
  direction?: string;
  section?: string;
  groupBy?: string;
  year?: string;
  document?: string;
  chart?: string;
  compare?: boolean;
  entity?: string;
}

/** Everything one render needs, resolved from the attributes, the choices and the data. */
interface Resolved {
  data: BudgetData;
  q: BudgetQuery;
  chart: BudgetChart;
  controls: Set<BudgetControl>;
  documents: DocKind[];
  compareYears?: string[];
  functionAbsent: boolean;
  explicitAmount?: string;
  explicitDocument?: DocKind;
  /** Server aggregation: an answer held as many groups as the API gives (some may be missing). */
  partial?: boolean;
}

/** Where the server aggregation stands for the view in force (see #askServer). */
type ServerState = { kind: 'pending' } | { kind: 'error'; error: unknown } | { kind: 'ready'; r: Resolved };

/**
 * @tagname vitrine-budget
 * @summary A local authority's budget as a chart, from an SCDL budget file or any label/amount table: by default the real spending of the latest year by chapter, with the exact total; drill-down, year comparison, data table, PNG and CSV export.
 * `<vitrine-budget>`: a local authority's budget as a chart, from an SCDL budget file (recognised by
 * its `BGT_*` columns) or any label/amount table. By default: real spending of the latest year in
 * the file, by chapter, with the exact total. Drill-down from a chapter to its accounts, year
 * comparison, a data table, PNG and CSV export. Chart.js loads only when the chart is drawn.
 * The rules (rows counted, amounts, derived sections and chapters) are in docs/budget-rules.md.
 *
 * A label/amount table behind a query API that sums by group (Opendatasoft Explore v2.1, the
 * data.gouv.fr tabular API when it allows aggregation) is aggregated by the portal when `server`
 * says so (see the `server` attribute: by default above 50,000 rows): nothing is downloaded; the
 * element asks for the years (one request), the values a `filter` names (one request per filtered
 * column), then the sums per group or label of each year shown, and per label within an opened
 * group (one request each, asked once). An API without sums (CKAN DataStore), a sum it refuses, or
 * an amount column it does not type as numbers leaves the file to download, as `server="never"`.
 * SCDL budget files are always read in the browser (their rules need every line).
 *
 * @attribute src - URL of the budget file (CSV, JSON…, or a portal page). Several URLs separated by spaces are read together (e.g. one file per year, to compare them).
 * @attribute direction - `depenses` (default) or `recettes`.
 * @attribute section - `fonctionnement`, `investissement`, or both (default).
 * @attribute group-by - `chapitre` (default), `fonction` or `nature` (the account).
 * @attribute year - The year shown (default: the latest in the file).
 * @attribute document - `budget primitif`, `budget supplémentaire`, `décision modificative`, `compte administratif`, `compte financier unique` (default: the account when the year has one, else the initial budget).
 * @attribute amount - `realise` (BGT_MTREAL) or `prevu` (forecast: BGT_MTPREV, or the credits opened BGT_CREDOUV of an account), or an amount column's name. Default: realised for an account, forecast for a budget.
 * @attribute operations - `reelles` (default: order operations move money without paying anyone and would count it twice), `ordre`, or `toutes`.
 * @attribute chart - `bar` (default), `doughnut` or `treemap`.
 * @attribute compare - Boolean: compare the years of the file(s) as grouped bars with the change in %.
 * @attribute max-categories - Categories shown before the smallest are grouped as "Autres" (default 12 bars, 10 slices or tiles; 0 never groups).
 * @attribute label-column - Generic table: the column of labels.
 * @attribute value-column - Generic table: the column of amounts.
 * @attribute group-column - Generic table: an optional column of groups (shown first; a group opens on its labels).
 * @attribute year-column - Generic table: the column of years (found by name when absent: Exercice, Année, Year).
 * @attribute filter - The rows to count: "column = value, other = a | b" (as on the table).
 * @attribute controls - Toolbar controls: `all` (default), `none`, or a list among direction, section, group-by, year, document, chart, compare, data, export.
 * @attribute heading-level - Level of the chart title in the page outline, 1–6 (default 3).
 * @attribute server - For a label/amount table behind a query API that sums by group (Opendatasoft Explore v2.1, data.gouv.fr tabular API): `auto` (default: when the API announces more rows than `server-threshold`, the portal sums by label, group and year and nothing is downloaded), `always`, or `never` (download every row). SCDL files, and APIs that cannot sum (CKAN DataStore) or refuse the group-by, are always downloaded.
 * @attribute server-threshold - Rows above which `server="auto"` uses the server (default 50000).
 *
 * @event {VitrineLoadEvent} vitrine-load - The data is loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event {VitrineErrorEvent} vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 * @event {VitrineSelectEvent} vitrine-select - A category was opened or activated. `detail`: `{ record: { code, label, amount, share, level }, index }`.
 *
 * @csspart status - The loading state (`role="status"`), also while the portal answers a new view.
 * @csspart error - The error message (`role="alert"`).
 * @csspart error-url - The URL line of the error message.
 * @csspart toolbar - The box of controls.
 * @csspart control - Each control (label and select or buttons).
 * @csspart title - The chart title.
 * @csspart subtitle - Document, amounts and grouping.
 * @csspart total - The total line.
 * @csspart breadcrumb - The drill-down path.
 * @csspart chart - The box of the chart (canvas).
 * @csspart description - The text description of the chart.
 * @csspart legend - The legend of a doughnut or treemap.
 * @csspart notice - Notes on the figures (amounts left out, derived sections).
 * @csspart actions - The data and export buttons.
 * @csspart data - The data table.
 *
 * @cssprop --vitrine-budget-height - Height of the chart (default: fits the categories).
 * @cssprop --vitrine-chart-1 - First chart colour (up to --vitrine-chart-10).
 *
 * @cssproperty --vitrine-font-size - Text size, of the chart's labels too (read when the chart is drawn).
 * @cssproperty --vitrine-mark-scale - Factor on bar thickness, borders and chart height (default 1; 1.75 in presentation mode).
 * @cssproperty --vitrine-line-height - Line height of the text (default 1.4).
 * @cssproperty --vitrine-focus-width - Width of the focus ring (default 2px; 4px in presentation mode).
 * @cssproperty --vitrine-presentation-font-size - Text size in presentation mode (default 1.5rem).
 * @cssproperty --vitrine-presentation-mark-scale - `--vitrine-mark-scale` in presentation mode (default 1.75).
 */
export class VitrineBudget extends VitrineElement {
  static override styles = [...VitrineElement.styles, controlsStyles, budgetStyles];

  @property() direction = '';
  @property() section = '';
  @property({ attribute: 'group-by' }) groupBy = '';
  @property() year = '';
  @property() document = '';
  @property() amount = '';
  @property() operations = '';
  @property() chart = '';
  @property({ type: Boolean }) compare = false;
  @property({ attribute: 'max-categories', converter: maxConverter }) maxCategories?: number;
  @property({ attribute: 'label-column' }) labelColumn = '';
  @property({ attribute: 'value-column' }) valueColumn = '';
  @property({ attribute: 'group-column' }) groupColumn = '';
  @property({ attribute: 'year-column' }) yearColumn = '';
  @property() filter = '';
  @property() controls = '';
  @property({ attribute: 'heading-level', converter: headingConverter }) headingLevel = 3;

  @state() protected choices: Choices = {};
  @state() protected path: DrillStep[] = [];
  @state() protected showData = false;
  @state() protected active = 0;

  readonly #more: DataController[] = [];
  #cache?: { key: string; tables: readonly Table[]; data: BudgetData };
  #resolved?: Resolved;
  #view?: BudgetView;
  #comparison?: Comparison;
  readonly #chart = new ChartView(this);
  /** Server aggregation (generic tables behind a query API): the decision, then the answers. */
  readonly #remote = new RemoteController(this, () => this.requestUpdate());
  readonly #answers = new ServerAnswers(this);
  /** A dataset whose API cannot sum what the columns in force need: its file is downloaded instead. */
  #fallback?: { dataset: RemoteDataset; columns: string };
  #serverState: ServerState = { kind: 'pending' };
  /** The last figures drawn from the server's answers, kept on screen while the next ones come. */
  #shown?: { dataset: RemoteDataset; content: TemplateResult };
  /** The dataset (load) or error last announced by an event, in server mode. */
  #announced?: unknown;
  #started = 0;
  #sums?: { key: string; parts: (Answer<unknown> | undefined)[]; data: BudgetData };
  static #ids = 0;
  readonly #id = `vb${++VitrineBudget.#ids}`;

  /** The URLs of `src`, split on spaces. */
  #urls(): string[] {
    return this.src.split(/\s+/).filter(Boolean);
  }

  protected override primarySrc(): string {
    return this.#urls()[0] ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const more = this.#urls().slice(1);
    while (this.#more.length < more.length) this.#more.push(this.addData());
    this.#more.forEach((controller, i) => {
      if (i < more.length) {
        controller.request(more[i], {
          format: this.format || undefined,
          delimiter: this.delimiter || undefined,
          encoding: this.encoding || undefined,
          records: this.records || undefined,
          proxy: this.proxy || undefined,
        });
      } else {
        controller.reset();
      }
    });
    const attrs: (keyof VitrineBudget)[] = [
      'src',
      'direction',
      'section',
      'groupBy',
      'year',
      'document',
      'amount',
      'operations',
      'labelColumn',
      'valueColumn',
      'groupColumn',
      'yearColumn',
      'filter',
      'compare',
    ];
    if (attrs.some((a) => changed.has(a))) {
      this.choices = {};
      this.path = [];
      this.active = 0;
    }
    if (changed.has('src')) this.#started = performance.now();
    if (this.source) {
      // Bound to a source queried on the server: its API, with its filters and search.
      this.#remote.adopt(this.#serverEligible() ? this.linkedRemote() : undefined);
    } else {
      const src = this.#serverEligible() ? this.primarySrc() : '';
      this.#remote.decide(src, this.proxy, readServerMode(this.server), this.serverThreshold);
    }
    if (this.#serverMode()) this.#serverState = this.#askServer(this.#remote.dataset!);
    super.willUpdate(changed);
  }

  // ——— server aggregation ———

  /** A generic table from one URL, or bound to a `<vitrine-source>`: the portal may sum it. */
  #serverEligible(): boolean {
    return (!!this.source || this.#urls().length === 1) && !!(this.labelColumn || this.valueColumn);
  }

  /** A generic budget can add up a source queried on the server, when its API sums. */
  protected override acceptsServerSource(): boolean {
    return this.#serverEligible() && !!this.linkedRemote()?.capabilities.sums;
  }

  /** True when the portal sums (see `server`). */
  #serverMode(): boolean {
    return this.#serverEligible() && this.#remote.status === 'server' && !this.#fellBack();
  }

  /** The columns the sums depend on (whether the API can sum them). */
  #sumColumns(): string {
    return JSON.stringify([this.labelColumn, this.valueColumn, this.groupColumn, this.yearColumn, this.filter]);
  }

  /** True when the API could not sum these columns of this dataset: the file is downloaded. */
  #fellBack(): boolean {
    const f = this.#fallback;
    return !!f && f.dataset === this.#remote.dataset && f.columns === this.#sumColumns();
  }

  /** True when the portal aggregates the figures and nothing is downloaded (see `server`). */
  get serverSide(): boolean {
    return this.#serverMode();
  }

  protected override loadsTable(): boolean {
    if (!this.#serverEligible()) return true;
    const status = this.#remote.status;
    return status === 'local' || (status === 'server' && this.#fellBack());
  }

  /**
   * Asks the portal for what the view in force needs (each request once; those a newer view no
   * longer needs are aborted) and, once every answer is in, resolves the view on them.
   */
  #askServer(dataset: RemoteDataset): ServerState {
    const answers = this.#answers;
    answers.begin(dataset);
    try {
      return this.#serverView(dataset);
    } catch (err) {
      if (err instanceof VitrineError) return { kind: 'error', error: err };
      throw err;
    } finally {
      answers.end();
    }
  }

  #serverView(dataset: RemoteDataset): ServerState {
    const answers = this.#answers;
    // The file is downloaded instead: the API cannot sum, or not this column, or refused the group-by.
    const fallback = (): ServerState => {
      this.#fallback = { dataset, columns: this.#sumColumns() };
      return { kind: 'pending' };
    };
    if (!dataset.capabilities.sums) return fallback();
    const schema = schemaTable(dataset);
    if (!this.labelColumn || !this.valueColumn) {
      const missing = this.labelColumn ? 'value-column' : 'label-column';
      throw new VitrineError('config', `${missing} is needed`, this.#url(), {
        attribute: missing,
        reason: 'attribute-needed',
        available: schema.columns.map((c) => c.name),
      });
    }
    const column = (name: string, attribute: string) => this.requireColumn(schema, name, attribute);
    const label = column(this.labelColumn, 'label-column');
    const value = column(this.valueColumn, 'value-column');
    const group = this.groupColumn ? column(this.groupColumn, 'group-column') : undefined;
    const year = this.yearColumn
      ? column(this.yearColumn, 'year-column')
      : schema.columns.find((c) => YEAR_NAMES.includes(fold(c.name).trim()));
    // Amounts the API keeps as text are read in the browser (French decimal commas and all).
    if (!SUMMABLE.has(value.type)) return fallback();
    const filterSpec = parseFilter(this.filter, this.language, this.#url(), (name) => column(name, 'filter'));

    // First the years and the values each filter names: one counts() per column, whatever the view.
    const counts = (name: string) =>
      answers.ask(['counts', name], (signal) => dataset.counts(name, {}, signal, COUNTS_LIMIT));
    const yearCounts = year ? counts(year.name) : undefined;
    const filterCounts = [...filterSpec].map(([index, values]) => ({
      name: schema.columns[index].name,
      values,
      answer: counts(schema.columns[index].name),
    }));
    const first = [yearCounts, ...filterCounts.map((f) => f.answer)].filter((a) => a !== undefined);
    const waiting = this.#waiting(first);
    if (waiting === 'fallback') return fallback();
    if (waiting) return waiting;
    const done = <T>(a: Answer<T> | undefined) => (a?.status === 'done' ? a.value : undefined);

    const rawByYear = new Map<string, string[]>();
    if (year) {
      for (const c of done(yearCounts) ?? []) {
        const y = yearOf(c.value);
        rawByYear.set(y, [...(rawByYear.get(y) ?? []), c.value]);
      }
    } else {
      rawByYear.set('', []);
    }
    const years = sortYears(rawByYear.keys());
    const filters: RemoteFilter[] = filterCounts.map((f) => ({
      column: f.name,
      values: matchingValues(f.values, done(f.answer) ?? []),
    }));

    // The view: year(s), and the group opened (the only level below the top one).
    const stub: BudgetData = {
      kind: 'generic',
      tables: [],
      lines: [],
      years,
      entities: new Map(),
      hasFunction: false,
      amounts: [],
      value: [],
    };
    const r = this.#resolve([], stub);
    let level = 0;
    let opened: Set<string> | undefined;
    for (const step of this.path) {
      if (level === 0) opened = new Set([...step.keys].filter((k) => !opened || opened.has(k)));
      if (!step.sameLevel) level++;
    }
    const inGroup = group && level > 0 ? [...(opened ?? [])] : undefined;
    const shown = r.compareYears ?? [r.q.year];
    const linked = this.linkedRemoteQuery();
    const sums = (by: string, filter: RemoteFilter[]) => {
      const query: RemoteQuery = { filters: [...(linked.filters ?? []), ...filters, ...filter], search: linked.search };
      return answers.ask(['sums', by, value.name, query], (signal) => dataset.sums(by, value.name, query, signal));
    };
    const perYear = shown.map((y) => {
      const yearOnly = year ? [yearFilter(year, y, rawByYear.get(y) ?? [])] : [];
      return { y, yearOnly, top: sums(group?.name ?? label.name, yearOnly) };
    });
    const tops = this.#waiting(perYear.map((p) => p.top));
    if (tops === 'fallback') return fallback();
    if (tops) return tops;
    // Within a group: its raw values, as the top answers gave them.
    const inside = perYear.map(({ yearOnly }) => {
      if (!inGroup || !group) return undefined;
      const raw = new Set<string>();
      for (const p of perYear) {
        for (const s of done(p.top) ?? []) if (inGroup.includes(s.value.trim())) raw.add(s.value);
      }
      if (!raw.size) for (const k of inGroup) raw.add(k);
      return sums(label.name, [...yearOnly, { column: group.name, values: [...raw] }]);
    });
    const labels = this.#waiting(inside.filter((a) => a !== undefined));
    if (labels === 'fallback') return fallback();
    if (labels) return labels;

    const parts = [...perYear.map((p) => p.top), ...inside];
    const key = JSON.stringify([shown, years, !!group, inGroup]);
    const cached = this.#sums;
    if (cached?.key !== key || cached.parts.length !== parts.length || cached.parts.some((p, i) => p !== parts[i])) {
      const rows: SumRow[] = [];
      const opened1 = inGroup?.[0];
      perYear.forEach(({ y, top }, i) => {
        const within = done(inside[i]);
        for (const s of done(top) ?? []) {
          const k = s.value.trim();
          if (!group) rows.push({ year: y, group: '', label: k, cents: sumCents(s.sum) });
          else if (!within || k !== opened1) rows.push({ year: y, group: k, label: '', cents: sumCents(s.sum) });
        }
        for (const s of within ?? []) {
          rows.push({ year: y, group: opened1 ?? '', label: s.value.trim(), cents: sumCents(s.sum) });
        }
      });
      this.#sums = { key, parts, data: sumsData(rows, !!group, years) };
    }
    const partial = parts.some((a) => (done(a)?.length ?? 0) >= SUMS_LIMIT);
    return { kind: 'ready', r: { ...r, data: this.#sums!.data, partial } };
  }

  /** The state while answers are missing: an error, 'fallback' when the API declined, pending; else undefined. */
  #waiting(list: readonly Answer<unknown>[]): ServerState | 'fallback' | undefined {
    const error = list.find((a) => a.status === 'error');
    if (error?.status === 'error') return { kind: 'error', error: error.error };
    if (list.some((a) => a.status === 'done' && a.value === undefined)) return 'fallback';
    if (list.some((a) => a.status === 'pending')) return { kind: 'pending' };
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after leaving it: draw the chart again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart.destroy();
  }

  /** Every table loaded, `src` order. */
  #tables(): Table[] | undefined {
    const first = this.data.result?.table;
    if (!first) return undefined;
    const more = this.#urls().slice(1);
    const tables = [first];
    for (let i = 0; i < more.length; i++) {
      const table = this.#more[i]?.result?.table;
      if (!table) return undefined;
      tables.push(table);
    }
    return tables;
  }

  #url(): string {
    return this.data.result?.url ?? this.primarySrc();
  }

  /** The generic columns of a table (a config error when one does not exist). */
  #genericColumns(table: Table) {
    const column = (name: string, attribute: string) => this.requireColumn(table, name, attribute).index;
    let year: number | undefined;
    if (this.yearColumn) year = column(this.yearColumn, 'year-column');
    else year = table.columns.find((c) => YEAR_NAMES.includes(fold(c.name).trim()))?.index;
    return {
      label: column(this.labelColumn, 'label-column'),
      value: column(this.valueColumn, 'value-column'),
      group: this.groupColumn ? column(this.groupColumn, 'group-column') : undefined,
      year,
    };
  }

  /** The rows `filter` keeps, per table, within those of the bound `<vitrine-source>` (first table). */
  #kept(tables: readonly Table[]): (Uint8Array | undefined)[] | undefined {
    const linked = this.linkedRows(tables[0]);
    if (!this.filter.trim() && !linked) return undefined;
    return tables.map((table, i) => {
      let kept: ArrayLike<number> | undefined = i === 0 ? linked : undefined;
      if (this.filter.trim()) {
        const filters = parseFilter(this.filter, this.language, this.#url(), (name) =>
          this.requireColumn(table, name, 'filter'),
        );
        kept = filterRows(
          table,
          [...filters].map(([column, values]) => ({ column, values })),
          kept,
        );
      }
      if (!kept) return undefined;
      const mask = new Uint8Array(table.rowCount);
      for (let k = 0; k < kept.length; k++) mask[kept[k]] = 1;
      return mask;
    });
  }

  #budgetData(tables: readonly Table[]): BudgetData {
    const generic = !!(this.labelColumn || this.valueColumn);
    const key = JSON.stringify([generic, this.labelColumn, this.valueColumn, this.groupColumn, this.yearColumn]);
    if (
      this.#cache?.key === key &&
      this.#cache.tables.length === tables.length &&
      this.#cache.tables.every((t, i) => t === tables[i])
    ) {
      return this.#cache.data;
    }
    let data: BudgetData;
    if (generic) {
      if (!this.labelColumn || !this.valueColumn) {
        const missing = this.labelColumn ? 'value-column' : 'label-column';
        throw new VitrineError('config', `${missing} is needed`, this.#url(), {
          attribute: missing,
          reason: 'attribute-needed',
          available: tables[0].columns.map((c) => c.name),
        });
      }
      data = readGeneric(
        tables,
        tables.map((t) => this.#genericColumns(t)),
      );
    } else {
      tables.forEach((table) => {
        if (isScdl(table)) return;
        const scdlLike = !!table.column('BGT_CODRD') || table.columns.some((c) => /^bgt_/i.test(c.name));
        throw new VitrineError('config', scdlLike ? 'no amount column' : 'not a budget', this.#url(), {
          reason: scdlLike ? 'no-amount' : 'not-budget',
          allowed: scdlLike ? [...SCDL_AMOUNT_COLUMNS] : undefined,
          available: table.columns.map((c) => c.name),
        });
      });
      data = readScdl(tables);
    }
    this.#cache = { key, tables, data };
    return data;
  }

  /**
   * Attributes, choices and data → the query in force. Throws config errors. `server`: the data the
   * portal's sums make (already filtered by `filter`), instead of the tables'.
   */
  #resolve(tables: readonly Table[], server?: BudgetData): Resolved {
    const url = this.#url();
    const data = server ?? this.#budgetData(tables);
    const c = this.choices;
    const years = data.years;
    const year = c.year ?? (this.year.trim() || years[years.length - 1] || '');
    if (!years.includes(year)) {
      throw new VitrineError('config', `no year ${year}`, url, { attribute: 'year', value: year, allowed: years });
    }
    const entities = [...data.entities.keys()];
    const entity = entities.length > 1 ? (c.entity ?? entities[0]) : '';
    const documents = data.kind === 'scdl' ? documentsOf(data, year, entity) : ['autre' as DocKind];
    const explicitDocument = readDocument(c.document ?? this.document, url);
    if (explicitDocument && !documents.includes(explicitDocument)) {
      throw new VitrineError('config', `no document ${explicitDocument}`, url, {
        attribute: 'document',
        value: c.document ?? this.document,
        allowed: documents.map((d) => tBudget(this.language, `budgetDoc_${d}` as BudgetKey)),
      });
    }
    const document = explicitDocument ?? documents[0] ?? 'autre';
    const explicitAmount = readAmount(this.amount);
    const amount = explicitAmount ?? defaultAmount(document);
    let groupBy = readGroupBy(c.groupBy ?? this.groupBy, url);
    const functionAbsent = groupBy === 'fonction' && data.kind === 'scdl' && !data.hasFunction;
    if (functionAbsent) groupBy = 'chapitre';
    const q: BudgetQuery = {
      entity,
      year,
      document,
      direction: readDirection(c.direction ?? this.direction, url),
      section: readSection(c.section ?? this.section, url),
      operations: readOperations(this.operations, url),
      amount,
      groupBy,
      rows: server ? undefined : this.#kept(tables),
    };
    // Every table must have the amount column asked for.
    tables.forEach((table, source) => {
      if (amountColumn(data, source, amount, document) === undefined) {
        if (amount === 'realise' || amount === 'prevu') {
          throw new VitrineError('config', 'no amount column', url, {
            reason: 'no-amount',
            allowed: amount === 'realise' ? ['BGT_MTREAL'] : ['BGT_MTPREV', 'BGT_CREDOUV'],
            available: table.columns.map((col) => col.name),
          });
        }
        this.requireColumn(table, amount, 'amount');
      }
    });
    const comparing = (c.compare ?? this.compare) && years.length > 1;
    return {
      data,
      q,
      chart: readChart(c.chart ?? this.chart, url),
      controls: readControls(this.controls, url),
      documents,
      compareYears: comparing ? years.slice(-MAX_YEARS) : undefined,
      functionAbsent,
      explicitAmount,
      explicitDocument,
    };
  }

  protected override validate(table: Table): void {
    const tables = this.#tables() ?? [table];
    this.#resolve(tables);
  }

  /** The exact total shown, in cents (the last year's when comparing). */
  get total(): number {
    return this.#totalCents();
  }

  /** The categories shown, as plain records. */
  get figures(): FigureRow[] {
    return this.#figureRows();
  }

  /** The budget lines counted in the view shown, as records of their files (none when the portal sums: see `figures`). */
  override get rows(): Record<string, CellValue>[] {
    const tables = this.#tables();
    if (!tables || !this.#view) return [];
    return this.#view.selected.map((l) => tables[l.source].record(l.row));
  }

  override get columns(): readonly Column[] {
    if (this.#serverMode()) return schemaTable(this.#remote.dataset!).columns;
    return this.table?.columns ?? [];
  }

  // ——— labels ———

  #label(cat: { key: string; code: string; label: string; others?: Category[] }, level: number): string {
    const lang = this.language;
    if (cat.key === '__autres') return tBudget(lang, 'budgetOthers', { count: cat.others?.length ?? '…' });
    if (cat.key.startsWith('op:')) return tBudget(lang, 'budgetOperation', { code: cat.code });
    if (cat.label && cat.label !== cat.code) return cat.label;
    const r = this.#resolved;
    if (!cat.code) {
      if (r?.data.kind === 'scdl' && r.q.groupBy === 'fonction' && level === 0)
        return tBudget(lang, 'budgetNoFunction');
      return r?.data.kind === 'scdl' ? tBudget(lang, 'budgetNoChapter') : '—';
    }
    return r?.data.kind === 'scdl' && level <= 1 && r.q.groupBy !== 'nature'
      ? tBudget(lang, 'budgetChapter', { code: cat.code })
      : cat.code;
  }

  /** Labels of a level, with the code added where two categories share a label. */
  #labels(cats: readonly { key: string; code: string; label: string; others?: Category[] }[], level: number): string[] {
    const labels = cats.map((c) => this.#label(c, level));
    const seen = new Map<string, number>();
    for (const l of labels) seen.set(l, (seen.get(l) ?? 0) + 1);
    return labels.map((l, i) => (seen.get(l)! > 1 && cats[i].code ? `${l} (${cats[i].code})` : l));
  }

  #level(): number {
    return this.path.filter((s) => !s.sameLevel).length;
  }

  #figureRows(): FigureRow[] {
    const view = this.#view;
    const cmp = this.#comparison;
    const level = this.#level();
    if (cmp) {
      const labels = this.#labels(cmp.categories, level);
      return cmp.categories.map((c, i) => ({
        key: c.key,
        code: c.key === '__autres' ? '' : c.code,
        label: labels[i],
        cents: c.cents[c.cents.length - 1],
        byYear: c.cents,
        derived: c.derived,
      }));
    }
    if (!view) return [];
    const labels = this.#labels(view.categories, level);
    return view.categories.map((c, i) => ({
      key: c.key,
      code: c.key === '__autres' ? '' : c.code,
      label: labels[i],
      cents: c.cents,
      share: view.total ? (c.cents / view.total) * 100 : undefined,
      derived: c.derived,
      others: c.others,
    }));
  }

  #title(r: Resolved): string {
    if (this.label) return this.label;
    const lang = this.language;
    const { q, data } = r;
    const what =
      data.kind === 'generic'
        ? tBudget(lang, 'budgetWhat_generic')
        : tBudget(lang, `budgetWhat_${q.direction}_${q.operations}` as BudgetKey);
    const section =
      q.section === 'both' || data.kind === 'generic' ? '' : tBudget(lang, `budgetSection_${q.section}` as BudgetKey);
    const year = r.compareYears ? r.compareYears.join('–') : q.year;
    const title = tBudget(lang, 'budgetTitle', { what, section, year }).replace(/\s+/g, ' ').trim();
    const name = q.entity
      ? data.entities.get(q.entity)
      : data.entities.size === 1
        ? [...data.entities.values()][0]
        : '';
    return name ? `${title} — ${name}` : title;
  }

  #subtitle(r: Resolved): string {
    const lang = this.language;
    const { q, data } = r;
    if (data.kind === 'generic') {
      const column = this.groupColumn || this.labelColumn;
      return tBudget(lang, 'budgetBy_generic', { column });
    }
    const parts: string[] = [];
    if (!r.compareYears) parts.push(tBudget(lang, `budgetDoc_${q.document}` as BudgetKey));
    // Compared years each read their own document's amount unless one was asked for.
    if (r.compareYears && !r.explicitAmount) {
      // nothing: the legend names each year's document
    } else if (q.amount === 'realise' || q.amount === 'prevu') {
      parts.push(tBudget(lang, `budgetAmount_${q.amount}` as BudgetKey));
    } else {
      parts.push(q.amount);
    }
    parts.push(tBudget(lang, `budgetBy_${q.groupBy}` as BudgetKey));
    return parts.join(' · ');
  }

  // ——— interaction ———

  #choose(change: Choices): void {
    this.choices = { ...this.choices, ...change };
    this.path = [];
    this.active = 0;
  }

  /** Opens a category (drill-down) and fires `vitrine-select`. */
  #open(index: number): void {
    // The figures on screen are those of the last view while the portal answers the next one.
    if (this.#serverMode() && this.#serverState.kind !== 'ready') return;
    const rows = this.#figureRows();
    const row = rows[index];
    if (!row) return;
    this.dispatchEvent(
      new VitrineSelectEvent({
        record: {
          code: row.code,
          label: row.label,
          amount: row.cents / 100,
          share: row.share ?? null,
          level: this.#level(),
        },
        index,
      }),
    );
    const leaf = this.#comparison ? this.#isLeafComparison() : this.#view?.leaf;
    if (row.key === '__autres') {
      const keys = this.#comparison ? this.#comparisonOthers() : (row.others ?? []).map((c) => c.key);
      this.path = [...this.path, { keys, label: row.label, sameLevel: true }];
    } else if (!leaf) {
      this.path = [...this.path, { keys: [row.key], label: row.label, sameLevel: false }];
    } else {
      return;
    }
    this.active = 0;
  }

  #isLeafComparison(): boolean {
    const r = this.#resolved;
    if (!r) return true;
    const view = aggregate(r.data, r.q, this.path, 0);
    return view.leaf;
  }

  /** Keys grouped into "Autres" in a comparison. */
  #comparisonOthers(): string[] {
    const r = this.#resolved!;
    const all = compareYears(r.data, r.q, r.compareYears!, (y) => this.#yearSpec(r, y), this.path, 0);
    const kept = new Set(this.#comparison!.categories.map((c) => c.key));
    return all.categories.filter((c) => !kept.has(c.key)).map((c) => c.key);
  }

  #up(to: number): void {
    this.path = this.path.slice(0, to);
    this.active = 0;
    void this.updateComplete.then(() => this.#focusChart());
  }

  #focusChart(): void {
    this.renderRoot.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }

  #onKey(e: KeyboardEvent): void {
    const n = this.#figureRows().length;
    if (!n) return;
    let next = this.active;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next = Math.min(n - 1, this.active + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next = Math.max(0, this.active - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.#open(this.active);
        return;
      case 'Escape':
      case 'Backspace':
        if (this.path.length) {
          e.preventDefault();
          this.#up(this.path.length - 1);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    this.active = next;
  }

  /** The document and amount read for a year in a comparison. */
  #yearSpec(r: Resolved, year: string): { document: DocKind; amount: string } {
    if (r.data.kind === 'generic') return { document: 'autre', amount: r.q.amount };
    const docs = documentsOf(r.data, year, r.q.entity);
    const document =
      r.explicitDocument && docs.includes(r.explicitDocument) ? r.explicitDocument : (docs[0] ?? 'autre');
    return { document, amount: r.explicitAmount ?? defaultAmount(document) };
  }

  // ——— export ———

  /** The figures shown as CSV text (`;` and decimal comma in French, `,` and point in English). */
  exportCsv(): string {
    const r = this.#resolved;
    return csvOf(this.language, this.#figureRows(), this.#comparison?.years, r ? this.#totalCents() : 0);
  }

  /** The chart as a PNG image with its title, total and source (for slides and reports). */
  async exportPng(): Promise<Blob> {
    const r = this.#resolved;
    const canvas = this.renderRoot.querySelector('canvas');
    if (!r || !canvas) throw new Error('no chart');
    return pngOf(canvas, {
      title: this.#title(r),
      subtitle: this.#subtitle(r),
      total: `${tBudget(this.language, 'budgetTotalIs')} ${formatCents(this.language, this.#totalCents())}`,
      source: tBudget(this.language, 'budgetSource', { url: this.#url() }),
    });
  }

  #totalCents(): number {
    const cmp = this.#comparison;
    if (cmp) return cmp.totals[cmp.totals.length - 1];
    return this.#view?.total ?? 0;
  }

  async #download(kind: 'png' | 'csv'): Promise<void> {
    const r = this.#resolved;
    if (!r) return;
    const name = slug(this.#title(r));
    if (kind === 'csv') {
      download(
        this.renderRoot,
        new Blob(['\ufeff', this.exportCsv()], { type: 'text/csv;charset=utf-8' }),
        `${name}.csv`,
      );
    } else {
      download(this.renderRoot, await this.exportPng(), `${name}.png`);
    }
  }

  // ——— render ———

  protected override render(): TemplateResult | typeof nothing {
    if (!this.#serverEligible()) return super.render();
    const lang = this.language;
    const remote = this.#remote;
    if (remote.status === 'deciding') return this.renderLoading(lang);
    if (remote.status === 'error') return this.renderError(lang, remote.error);
    if (!this.#serverMode()) return super.render();
    const dataset = remote.dataset!;
    const state = this.#serverState;
    if (state.kind === 'error') return this.renderError(lang, state.error);
    let content: TemplateResult;
    if (state.kind === 'ready') {
      content = this.#renderBudget(state.r);
      this.#shown = { dataset, content };
    } else if (this.#shown?.dataset === dataset) {
      content = this.#shown.content;
    } else {
      return this.renderLoading(lang);
    }
    const busy = state.kind !== 'ready';
    return html`<div class="server" aria-busy=${busy ? 'true' : 'false'}>
      ${busy ? html`<p part="status" role="status">${t(lang, 'loading')}</p>` : nothing}${content}
    </div>`;
  }

  protected override renderData(): TemplateResult {
    const tables = this.#tables();
    if (!tables) return html``;
    return this.#renderBudget(this.#resolve(tables));
  }

  #renderBudget(r: Resolved): TemplateResult {
    this.#resolved = r;
    const lang = this.language;
    const max = this.maxCategories ?? DEFAULT_MAX[r.compareYears ? 'bar' : r.chart];
    this.#comparison = r.compareYears
      ? compareYears(r.data, r.q, r.compareYears, (y) => this.#yearSpec(r, y), this.path, max)
      : undefined;
    this.#view = aggregate(r.data, r.q, this.path, max);
    const view = this.#view;
    const rows = this.#figureRows();
    if (this.active >= rows.length) this.active = Math.max(0, rows.length - 1);
    const title = this.#title(r);
    const total = this.#totalCents();
    const chart = this.#comparison ? 'bar' : r.chart;
    const drawable = rows.filter((row) => row.cents > 0 || chart === 'bar');
    const negatives = chart === 'bar' ? [] : rows.filter((row) => row.cents <= 0 && row.cents !== 0);
    const derived = view.selected.filter((l) => l.sectionDerived).length;
    const id = this.#id;
    const input: ChartInput = {
      kind: this.#comparison ? 'compare' : chart,
      rows,
      years: this.#comparison?.years,
      active: this.active,
      lang,
      onOpen: (i) => this.#open(i),
      onActive: (i) => (this.active = i),
      leaf: this.#comparison ? false : view.leaf,
    };
    this.#chart.set(input);
    return html`
      ${this.#renderToolbar(r)}
      <div class="head">
        <div part="title" role="heading" aria-level=${this.headingLevel} id="${id}-title">${title}</div>
        <p part="subtitle">${this.#subtitle(r)}</p>
        <p part="total">
          ${tBudget(lang, 'budgetTotalIs')} <strong>${formatCents(lang, total)}</strong>${
            this.#comparison ? this.#renderTotalChange(this.#comparison) : nothing
          }
        </p>
      </div>
      ${this.#renderBreadcrumb()}
      ${
        rows.length
          ? html`<div
                class="plot"
                part="chart"
                style=${styleProps({ height: `var(--vitrine-budget-height, ${this.#chart.height(input)}px)` })}
              >
                <canvas aria-hidden="true"></canvas>
                <div
                  class="keys"
                  role="listbox"
                  tabindex="0"
                  aria-labelledby="${id}-title"
                  aria-describedby="${id}-desc ${id}-keys"
                  aria-activedescendant="${id}-opt-${this.active}"
                  @keydown=${this.#onKey}
                  @focus=${() => this.#chart.focus(true)}
                  @blur=${() => this.#chart.focus(false)}
                >
                  ${rows.map(
                    (row, i) =>
                      html`<div role="option" id="${id}-opt-${i}" aria-selected=${i === this.active ? 'true' : 'false'}>
                        ${this.#optionText(row)}
                      </div>`,
                  )}
                </div>
                ${
                  this.#chart.state === 'loading'
                    ? html`<p class="chart-status" role="status">${tBudget(lang, 'budgetChartLoading')}</p>`
                    : this.#chart.state === 'failed'
                      ? html`<p class="chart-status" role="alert">${tBudget(lang, 'budgetChartFailed')}</p>`
                      : nothing
                }
              </div>
              <p part="description" id="${id}-desc">${this.#description(rows, chart)}</p>
              <p class="visually-hidden" id="${id}-keys">${tBudget(lang, 'budgetKeys')}</p>
              ${
                this.#comparison
                  ? this.#renderYearLegend(this.#comparison, r)
                  : chart !== 'bar'
                    ? this.#renderLegend(drawable)
                    : nothing
              }`
          : html`<p part="notice">${tBudget(lang, 'budgetEmpty')}</p>`
      }
      ${this.#renderNotices(r, view, negatives, derived)} ${this.#renderActions(r)}
      <div ?hidden=${!this.showData} id="${id}-data">${this.showData ? this.#renderTable(title, rows) : nothing}</div>
    `;
  }

  #renderTotalChange(cmp: Comparison): TemplateResult | typeof nothing {
    const n = cmp.totals.length;
    const change = changePercent(cmp.totals[n - 2], cmp.totals[n - 1]);
    if (change === undefined) return nothing;
    return html` <span class="change"
      >(${tBudget(this.language, 'budgetChange', { change: formatChange(this.language, change), year: cmp.years[n - 2] })})</span
    >`;
  }

  #optionText(row: FigureRow): string {
    const lang = this.language;
    const code = row.code && row.code !== row.label ? `${row.code} ` : '';
    if (row.byYear && this.#comparison) {
      const years = this.#comparison.years;
      const parts = years.map((y, i) => `${y} : ${formatCents(lang, row.byYear![i])}`);
      const change = changePercent(row.byYear[row.byYear.length - 2], row.byYear[row.byYear.length - 1]);
      if (change !== undefined) parts.push(formatChange(this.language, change));
      return `${code}${row.label} — ${parts.join(', ')}`;
    }
    const share = row.share === undefined ? '' : ` (${formatPercent(lang, row.share, 1)})`;
    return `${code}${row.label} : ${formatCents(lang, row.cents)}${share}`;
  }

  #description(rows: FigureRow[], chart: BudgetChart): string {
    const lang = this.language;
    const cmp = this.#comparison;
    const categories =
      rows.length === 1
        ? tBudget(lang, 'budgetCategoryOne')
        : tBudget(lang, 'budgetCategoryCount', { count: formatInteger(lang, rows.length) });
    if (cmp) {
      return tBudget(lang, 'budgetDescriptionCompare', {
        chart: tBudget(lang, 'budgetChartName_compare'),
        categories,
        years: cmp.years.join(', '),
        totals: cmp.years.map((y, i) => `${y} ${formatCents(lang, cmp.totals[i])}`).join(' ; '),
      });
    }
    const top = rows.reduce((a, b) => (b.cents > a.cents ? b : a), rows[0]);
    return tBudget(lang, 'budgetDescription', {
      chart: tBudget(lang, `budgetChartName_${chart}` as BudgetKey),
      categories,
      label: top.label,
      amount: formatCents(lang, top.cents),
      share: formatPercent(lang, top.share ?? 0, 1),
    });
  }

  /** Which colour is which year (and which document was read for it). */
  #renderYearLegend(cmp: Comparison, r: Resolved): TemplateResult {
    const lang = this.language;
    return html`<ul part="legend" class="legend">
      ${cmp.years.map(
        (year, i) =>
          html`<li>
            <span class="swatch" style=${styleProps({ background: YEAR_COLOURS[i % YEAR_COLOURS.length] })}></span
            >${year}${r.data.kind === 'scdl' ? ` (${tBudget(lang, `budgetDoc_${cmp.documents[i]}` as BudgetKey)})` : ''}
          </li>`,
      )}
    </ul>`;
  }

  #renderLegend(rows: FigureRow[]): TemplateResult {
    return html`<ul part="legend" class="legend">
      ${rows.map(
        (row) =>
          html`<li>
            <span class="swatch" style=${styleProps({ background: this.#chart.colourOf(row) })}></span>${row.label}
          </li>`,
      )}
    </ul>`;
  }

  #renderNotices(r: Resolved, view: BudgetView, negatives: FigureRow[], derived: number): TemplateResult {
    const lang = this.language;
    const notes: string[] = [];
    if (r.functionAbsent) notes.push(tBudget(lang, 'budgetFunctionAbsent'));
    if (r.partial) notes.push(tBudget(lang, 'budgetServerPartial', { count: formatInteger(lang, SUMS_LIMIT) }));
    if (view.invalid === 1) notes.push(tBudget(lang, 'budgetInvalidOne'));
    else if (view.invalid > 1) notes.push(tBudget(lang, 'budgetInvalid', { count: view.invalid }));
    if (negatives.length)
      notes.push(tBudget(lang, 'budgetNegative', { labels: negatives.map((n) => n.label).join(', ') }));
    if (derived) notes.push(tBudget(lang, 'budgetDerivedCount', { count: derived }));
    return html`${notes.map((n) => html`<p part="notice">${n}</p>`)}`;
  }

  #renderBreadcrumb(): TemplateResult | typeof nothing {
    if (!this.path.length) return nothing;
    const lang = this.language;
    const steps = [tBudget(lang, 'budgetTop'), ...this.path.map((s) => s.label)];
    return html`<nav part="breadcrumb" aria-label=${tBudget(lang, 'budgetBreadcrumb')}>
      <ol>
        ${steps.map((label, i) =>
          i === steps.length - 1
            ? html`<li aria-current="page">${label}</li>`
            : html`<li>
                <button type="button" @click=${() => this.#up(i)} aria-label=${tBudget(lang, 'budgetBack', { label })}>
                  ${label}
                </button>
              </li>`,
        )}
      </ol>
    </nav>`;
  }

  #select<T extends string>(
    name: BudgetControl,
    label: BudgetKey,
    value: string,
    options: readonly (readonly [T, string])[],
    onChange: (v: T) => void,
  ): TemplateResult {
    const id = `${this.#id}-${name}`;
    return html`<span part="control">
      <label for=${id}>${tBudget(this.language, label)}</label>
      <select id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>
    </span>`;
  }

  #renderToolbar(r: Resolved): TemplateResult | typeof nothing {
    const lang = this.language;
    const { q, data, controls } = r;
    const items: TemplateResult[] = [];
    const scdl = data.kind === 'scdl';
    if (scdl && data.entities.size > 1) {
      items.push(
        this.#select(
          'year',
          'budgetEntity',
          q.entity,
          [...data.entities].map(([k, v]) => [k, v] as const),
          (v) => this.#choose({ entity: v }),
        ),
      );
    }
    if (scdl && controls.has('direction')) {
      items.push(
        html`<span part="control" role="group" aria-label=${tBudget(lang, 'budgetDirection')}>
          ${(['depenses', 'recettes'] as const).map(
            (d) =>
              html`<button
                type="button"
                class="toggle"
                aria-pressed=${q.direction === d ? 'true' : 'false'}
                @click=${() => this.#choose({ direction: d })}
              >
                ${tBudget(lang, d === 'depenses' ? 'budgetSpending' : 'budgetRevenue')}
              </button>`,
          )}
        </span>`,
      );
    }
    if (scdl && controls.has('section')) {
      items.push(
        this.#select(
          'section',
          'budgetSectionLabel',
          q.section,
          [
            ['both', tBudget(lang, 'budgetBoth')],
            ['fonctionnement', tBudget(lang, 'budgetOperating')],
            ['investissement', tBudget(lang, 'budgetInvestment')],
          ],
          (v) => this.#choose({ section: v }),
        ),
      );
    }
    if (scdl && controls.has('group-by')) {
      const by = (['chapitre', 'fonction', 'nature'] as const).filter((g) => g !== 'fonction' || data.hasFunction);
      items.push(
        this.#select(
          'group-by',
          'budgetGroupBy',
          q.groupBy,
          by.map((g) => [g, tBudget(lang, `budgetGroup_${g}` as BudgetKey)] as const),
          (v) => this.#choose({ groupBy: v }),
        ),
      );
    }
    if (controls.has('year') && data.years.length > 1 && !r.compareYears) {
      items.push(
        this.#select(
          'year',
          'budgetYear',
          q.year,
          data.years.map((y) => [y, y] as const),
          (v) => this.#choose({ year: v }),
        ),
      );
    }
    if (scdl && controls.has('document') && r.documents.length > 1 && !r.compareYears) {
      items.push(
        this.#select(
          'document',
          'budgetDocument',
          q.document,
          r.documents.map((d) => [d, tBudget(lang, `budgetDoc_${d}` as BudgetKey)] as const),
          (v) => this.#choose({ document: v }),
        ),
      );
    }
    if (controls.has('chart') && !r.compareYears) {
      items.push(
        this.#select(
          'chart',
          'budgetChartType',
          r.chart,
          (['bar', 'doughnut', 'treemap'] as const).map(
            (c) => [c, tBudget(lang, `budgetChart_${c}` as BudgetKey)] as const,
          ),
          (v) => this.#choose({ chart: v }),
        ),
      );
    }
    if (controls.has('compare') && data.years.length > 1) {
      items.push(
        html`<span part="control"
          ><button
            type="button"
            class="toggle"
            aria-pressed=${r.compareYears ? 'true' : 'false'}
            @click=${() => this.#choose({ compare: !r.compareYears })}
          >
            ${tBudget(lang, 'budgetCompare')}
          </button></span
        >`,
      );
    }
    if (!items.length) return nothing;
    return html`<div part="toolbar">${items}</div>`;
  }

  #renderActions(r: Resolved): TemplateResult | typeof nothing {
    const lang = this.language;
    const { controls } = r;
    if (!controls.has('data') && !controls.has('export')) return nothing;
    return html`<div part="actions">
      ${
        controls.has('data')
          ? html`<button
              type="button"
              aria-expanded=${this.showData ? 'true' : 'false'}
              aria-controls="${this.#id}-data"
              @click=${() => (this.showData = !this.showData)}
            >
              ${tBudget(lang, this.showData ? 'budgetHideData' : 'budgetShowData')}
            </button>`
          : nothing
      }
      ${
        controls.has('export')
          ? html`<button type="button" @click=${() => void this.#download('png')}>${tBudget(lang, 'budgetPng')}</button>
              <button type="button" @click=${() => void this.#download('csv')}>${tBudget(lang, 'budgetCsv')}</button>`
          : nothing
      }
    </div>`;
  }

  #renderTable(title: string, rows: FigureRow[]): TemplateResult {
    const lang = this.language;
    const cmp = this.#comparison;
    const leaf = cmp ? false : this.#view?.leaf;
    const cell = (cents: number) => html`<td class="num">${formatCents(lang, cents)}</td>`;
    return html`<table part="data">
      <caption>
        ${title}
      </caption>
      <thead>
        <tr>
          <th scope="col">${tBudget(lang, 'budgetColLabel')}</th>
          <th scope="col">${tBudget(lang, 'budgetColCode')}</th>
          ${
            cmp
              ? html`${cmp.years.map((y) => html`<th scope="col" class="num">${y}</th>`)}
                  <th scope="col" class="num">${tBudget(lang, 'budgetColChange')}</th>`
              : html`<th scope="col" class="num">${tBudget(lang, 'budgetColAmount')}</th>
                  <th scope="col" class="num">${tBudget(lang, 'budgetColShare')}</th>`
          }
        </tr>
      </thead>
      <tbody>
        ${rows.map((row, i) => {
          const opens = row.key === '__autres' || !leaf;
          const name = opens
            ? html`<button type="button" class="link" @click=${() => this.#open(i)}>${row.label}</button>`
            : row.label;
          const change = row.byYear
            ? changePercent(row.byYear[row.byYear.length - 2], row.byYear[row.byYear.length - 1])
            : undefined;
          return html`<tr>
            <th scope="row">${name}</th>
            <td>
              ${row.code}${row.derived ? html` <small>(${tBudget(lang, 'budgetDerivedChapter')})</small>` : nothing}
            </td>
            ${
              row.byYear
                ? html`${row.byYear.map((c) => cell(c))}
                    <td class="num">${change === undefined ? '—' : formatChange(this.language, change)}</td>`
                : html`${cell(row.cents)}
                    <td class="num">${row.share === undefined ? '—' : formatPercent(lang, row.share, 1)}</td>`
            }
          </tr>`;
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${tBudget(lang, 'budgetTotal')}</th>
          <td></td>
          ${
            cmp
              ? html`${cmp.totals.map((c) => cell(c))}
                  <td class="num">
                    ${(() => {
                      const ch = changePercent(cmp.totals[cmp.totals.length - 2], cmp.totals[cmp.totals.length - 1]);
                      return ch === undefined ? '—' : formatChange(this.language, ch);
                    })()}
                  </td>`
              : html`${cell(this.#view?.total ?? 0)}
                  <td class="num">${formatPercent(lang, 100)}</td>`
          }
        </tr>
      </tfoot>
    </table>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('.plot canvas');
    this.#chart.draw(canvas ?? undefined);
    this.#announceServer();
  }

  /**
   * In server mode, once drawn: `vitrine-load` for the first figures of a dataset (the API's total
   * as the row count), `vitrine-error` for each failure (deciding, a request, the configuration).
   */
  #announceServer(): void {
    if (!this.#serverEligible()) return;
    const remote = this.#remote;
    const state = this.#serverState;
    let error: unknown;
    if (remote.status === 'error') error = remote.error;
    else if (this.#serverMode() && state.kind === 'error') error = state.error;
    else if (this.#serverMode() && state.kind === 'ready') {
      const dataset = remote.dataset!;
      if (this.#announced === dataset) return;
      this.#announced = dataset;
      this.dispatchEvent(
        new VitrineLoadEvent({
          rowCount: dataset.total,
          columns: schemaTable(dataset).columns,
          elapsed: Math.round(performance.now() - this.#started),
          url: dataset.api.url,
        }),
      );
      return;
    } else return;
    if (this.#announced === error) return;
    this.#announced = error;
    const err = error instanceof VitrineError ? error : undefined;
    this.dispatchEvent(
      new VitrineErrorEvent({
        code: err?.code ?? 'network',
        message: errorMessage(this.language, error),
        url: err?.url || this.src,
      }),
    );
  }
}

/**
 * Budget figures from tables: SCDL budget files (the `BGT_*` columns) and any label/amount table.
 *
 * Each row becomes a line with its year, document, direction, section, real/order flag and the codes
 * it is grouped by; amounts are added as whole cents (see cents.ts) so totals are exact. The rules
 * (which rows, which amount column, the derived sections and chapters) are in docs/budget-rules.md.
 *
 * No DOM, no Lit.
 */
import { fold } from '../query.ts';
import type { Table } from '../model.ts';
import { toCents } from './cents.ts';
import { chapterOfAccount, chapterTitle, sectionOfCode, type Direction, type Section } from './nomenclature.ts';

export type { Direction, Section } from './nomenclature.ts';

export const DOC_KINDS = ['bp', 'bs', 'dm', 'ca', 'cfu', 'autre'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const OPERATIONS = ['reelles', 'ordre', 'toutes'] as const;
export type Operations = (typeof OPERATIONS)[number];
export const GROUP_BYS = ['chapitre', 'fonction', 'nature'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const AMOUNT_KINDS = ['realise', 'prevu'] as const;
export type AmountKind = (typeof AMOUNT_KINDS)[number];

/** A code with its label, as a line is grouped by it. */
export interface Code {
  /** Grouping key: the code, `op:<n>` for an equipment operation, '' when unknown. */
  key: string;
  code: string;
  label: string;
  /** The chapter or section was derived from the account (the file left it empty). */
  derived?: boolean;
}

export interface BudgetLine {
  /** Which table (the n-th `src`). */
  source: number;
  row: number;
  /** The authority (SIRET, else name; '' when the file does not say). */
  entity: string;
  year: string;
  doc: DocKind;
  direction?: Direction;
  section?: Section;
  sectionDerived: boolean;
  /** An order operation (no payment). */
  order: boolean;
  chapter: Code;
  account: Code;
  fonction?: Code;
}

/** Where the amounts of one table are. */
interface AmountColumns {
  realise?: number;
  prevu?: number;
  /** Credits opened: the forecast of a compte administratif. */
  credits?: number;
}

export interface BudgetData {
  kind: 'scdl' | 'generic';
  tables: readonly Table[];
  lines: BudgetLine[];
  /** Years, oldest first ('' alone when the table has no year). */
  years: string[];
  /** Authorities: id → name. */
  entities: Map<string, string>;
  hasFunction: boolean;
  amounts: AmountColumns[];
  /** For generic tables: the amount column of each table. */
  value?: number[];
}

/** The SCDL columns looked for (tolerant of case and accents through Table.column). */
const COL = {
  doc: 'BGT_NATDEC',
  year: 'BGT_ANNEE',
  siret: 'BGT_SIRET',
  name: 'BGT_NOM',
  contnat: 'BGT_CONTNAT',
  contnatLabel: 'BGT_CONTNAT_LABEL',
  nature: 'BGT_NATURE',
  natureLabel: 'BGT_NATURE_LABEL',
  fonction: 'BGT_FONCTION',
  fonctionLabel: 'BGT_FONCTION_LABEL',
  operation: 'BGT_OPERATION',
  section: 'BGT_SECTION',
  opbudg: 'BGT_OPBUDG',
  codrd: 'BGT_CODRD',
  realise: 'BGT_MTREAL',
  prevu: 'BGT_MTPREV',
  credits: 'BGT_CREDOUV',
} as const;

export const SCDL_AMOUNT_COLUMNS = [
  'BGT_MTREAL',
  'BGT_MTPREV',
  'BGT_CREDOUV',
  'BGT_MTPROPNOUV',
  'BGT_MTBUDGPREC',
  'BGT_MTRARPREC',
  'BGT_MTRAR3112',
] as const;

/** Whether a table is an SCDL budget: a direction, an account or chapter, and an amount column. */
export function isScdl(table: Table): boolean {
  return (
    !!table.column(COL.codrd) &&
    !!(table.column(COL.nature) || table.column(COL.contnat)) &&
    SCDL_AMOUNT_COLUMNS.some((c) => table.column(c))
  );
}

/** The document kind of a BGT_NATDEC text (or of the value of the `document` attribute). */
export function docKind(text: string): DocKind {
  const f = fold(text)
    .replace(/[\s_-]+/g, ' ')
    .trim();
  if (/primitif|previsionnel|^bp$/.test(f)) return 'bp';
  if (/supplementaire|^bs$/.test(f)) return 'bs';
  if (/modificative|^dm ?\d*$/.test(f)) return 'dm';
  if (/financier unique|^cfu$/.test(f)) return 'cfu';
  if (/administratif|^ca$/.test(f)) return 'ca';
  return 'autre';
}

/** The direction of a BGT_CODRD text: dépense / D / 1, recette / R / 0. */
export function directionOf(text: string): Direction | undefined {
  const f = fold(text).trim();
  if (f.startsWith('d') || f === '1') return 'depenses';
  if (f.startsWith('r') || f === '0') return 'recettes';
  return undefined;
}

function sectionText(text: string): Section | undefined {
  const f = fold(text).trim();
  if (f.startsWith('f')) return 'fonctionnement';
  if (f.startsWith('i')) return 'investissement';
  return undefined;
}

/** Chapters that only hold order operations, for files that leave BGT_OPBUDG empty. */
const ORDER_CHAPTERS = new Set(['021', '023', '040', '041', '042', '043']);

/** The year of a cell: its first four digits, else its trimmed text. */
export function yearOf(text: string): string {
  return /\d{4}/.exec(text)?.[0] ?? text.trim();
}

/** Average length of the non-empty cells of a column (Infinity when there are none). */
function meanLength(table: Table, col: number | undefined): number {
  if (col === undefined) return Infinity;
  let n = 0;
  let sum = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const s = table.text(r, col).trim();
    if (s) {
      n++;
      sum += s.length;
    }
  }
  return n ? sum / n : Infinity;
}

/** Reads SCDL budget tables (one per `src`) into lines. */
export function readScdl(tables: readonly Table[]): BudgetData {
  const lines: BudgetLine[] = [];
  const entities = new Map<string, string>();
  const years = new Set<string>();
  const amounts: AmountColumns[] = [];
  let hasFunction = false;
  tables.forEach((table, source) => {
    const idx = (name: string) => table.column(name)?.index;
    const text = (row: number, col: number | undefined) => (col === undefined ? '' : table.text(row, col).trim());
    const contnat = idx(COL.contnat);
    const nature = idx(COL.nature);
    // The schema calls BGT_NATURE the chapter; files made from TOTEM documents put the chapter in
    // BGT_CONTNAT. The chapter is the column with the shorter codes.
    const contnatIsChapter = meanLength(table, contnat) <= meanLength(table, nature);
    const chapterCol = contnatIsChapter ? contnat : nature;
    const chapterLabelCol = idx(contnatIsChapter ? COL.contnatLabel : COL.natureLabel);
    const accountCol = contnatIsChapter ? (nature ?? contnat) : (contnat ?? nature);
    const accountLabelCol = idx(accountCol === contnat ? COL.contnatLabel : COL.natureLabel);
    const cols = {
      doc: idx(COL.doc),
      year: idx(COL.year),
      siret: idx(COL.siret),
      name: idx(COL.name),
      fonction: idx(COL.fonction),
      fonctionLabel: idx(COL.fonctionLabel),
      operation: idx(COL.operation),
      section: idx(COL.section),
      opbudg: idx(COL.opbudg),
      codrd: idx(COL.codrd),
    };
    const credits = idx(COL.credits);
    amounts[source] = {
      realise: idx(COL.realise),
      prevu: idx(COL.prevu),
      credits: credits !== undefined && meanLength(table, credits) !== Infinity ? credits : undefined,
    };
    // Labels the file gives to each chapter, for the lines that leave the chapter empty.
    const chapterLabels = new Map<string, string>();
    if (chapterCol !== undefined && chapterLabelCol !== undefined) {
      for (let r = 0; r < table.rowCount; r++) {
        const code = text(r, chapterCol);
        const label = text(r, chapterLabelCol);
        if (code && label && !chapterLabels.has(code)) chapterLabels.set(code, label);
      }
    }
    for (let row = 0; row < table.rowCount; row++) {
      const direction = directionOf(text(row, cols.codrd));
      const accountCode = text(row, accountCol);
      const account: Code = { key: accountCode, code: accountCode, label: text(row, accountLabelCol) || accountCode };
      let chapter: Code;
      const chapterCode = text(row, chapterCol);
      const operation = text(row, cols.operation);
      if (chapterCode) {
        chapter = {
          key: chapterCode,
          code: chapterCode,
          label: text(row, chapterLabelCol) || chapterLabels.get(chapterCode) || '',
        };
      } else if (operation && direction === 'depenses') {
        chapter = { key: `op:${operation}`, code: operation, label: '', derived: true };
      } else {
        const code = chapterOfAccount(accountCode, direction) ?? '';
        chapter = { key: code, code, label: chapterLabels.get(code) || chapterTitle(code) || '', derived: true };
      }
      let section = sectionText(text(row, cols.section));
      let sectionDerived = false;
      if (!section) {
        section = sectionOfCode(accountCode) ?? (chapterCode ? sectionOfCode(chapterCode) : undefined);
        sectionDerived = true;
      }
      const opText = fold(text(row, cols.opbudg));
      const order = opText ? opText.startsWith('o') : ORDER_CHAPTERS.has(chapter.code);
      const fonctionCode = text(row, cols.fonction);
      if (fonctionCode) hasFunction = true;
      const entity = text(row, cols.siret) || text(row, cols.name);
      if (entity && !entities.has(entity)) entities.set(entity, text(row, cols.name) || entity);
      const year = yearOf(text(row, cols.year));
      years.add(year);
      lines.push({
        source,
        row,
        entity,
        year,
        doc: docKind(text(row, cols.doc)),
        direction,
        section,
        sectionDerived,
        order,
        chapter,
        account,
        fonction: {
          key: fonctionCode,
          code: fonctionCode,
          label: text(row, cols.fonctionLabel) || fonctionCode,
        },
      });
    }
  });
  return { kind: 'scdl', tables, lines, years: sortYears(years), entities, hasFunction, amounts };
}

/** Years oldest first (numeric order). */
export function sortYears(years: Iterable<string>): string[] {
  return [...years].sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
}

export interface GenericColumns {
  label: number;
  value: number;
  group?: number;
  year?: number;
}

/** Reads a label/amount table (OFGL aggregates, any budget-like table) into lines; `rows` per table are the rows kept by a filter. */
export function readGeneric(
  tables: readonly Table[],
  columns: readonly GenericColumns[],
  rows?: readonly (ArrayLike<number> | undefined)[],
): BudgetData {
  const lines: BudgetLine[] = [];
  const years = new Set<string>();
  tables.forEach((table, source) => {
    const c = columns[source];
    const kept = rows?.[source];
    const n = kept ? kept.length : table.rowCount;
    for (let i = 0; i < n; i++) {
      const row = kept ? kept[i] : i;
      const label = table.text(row, c.label).trim();
      const group = c.group === undefined ? undefined : table.text(row, c.group).trim();
      const year = c.year === undefined ? '' : yearOf(table.text(row, c.year));
      years.add(year);
      const labelCode: Code = { key: label, code: '', label };
      lines.push({
        source,
        row,
        entity: '',
        year,
        doc: 'autre',
        sectionDerived: false,
        order: false,
        chapter: group === undefined ? labelCode : { key: group, code: '', label: group },
        account: labelCode,
      });
    }
  });
  return {
    kind: 'generic',
    tables,
    lines,
    years: sortYears(years),
    entities: new Map(),
    hasFunction: false,
    amounts: [],
    value: columns.map((c) => c.value),
  };
}

/** What to count and how to group it. Every field is resolved (see resolveQuery). */
export interface BudgetQuery {
  entity: string;
  year: string;
  document: DocKind;
  direction: Direction;
  section: Section | 'both';
  operations: Operations;
  /** `realise`, `prevu`, or the name of an amount column. */
  amount: string;
  groupBy: GroupBy;
  /** Rows kept per table (the `filter` attribute), undefined for all. */
  rows?: readonly (Uint8Array | undefined)[];
}

/** The documents present for a year (and authority), in the order of preference for a default. */
export function documentsOf(data: BudgetData, year: string, entity = ''): DocKind[] {
  const found = new Set<DocKind>();
  for (const l of data.lines) if (l.year === year && (!entity || l.entity === entity)) found.add(l.doc);
  const order: DocKind[] = ['cfu', 'ca', 'bp', 'bs', 'dm', 'autre'];
  return order.filter((d) => found.has(d));
}

/** The default amount for a document: realised for an account, forecast for a budget. */
export function defaultAmount(doc: DocKind): AmountKind {
  return doc === 'ca' || doc === 'cfu' ? 'realise' : 'prevu';
}

/** The amount column of a table for a query, or undefined when the table has none. */
export function amountColumn(data: BudgetData, source: number, amount: string, doc: DocKind): number | undefined {
  if (data.kind === 'generic') return data.value![source];
  const a = data.amounts[source];
  if (amount === 'realise') return a.realise;
  if (amount === 'prevu') return (doc === 'ca' || doc === 'cfu' ? a.credits : undefined) ?? a.prevu ?? a.credits;
  return data.tables[source].column(amount)?.index;
}

/** Whether a line is counted under a query (everything but the grouping). */
export function selects(line: BudgetLine, q: BudgetQuery, data: BudgetData): boolean {
  const keep = q.rows?.[line.source];
  if (keep && !keep[line.row]) return false;
  if (line.year !== q.year) return false;
  if (data.kind === 'generic') return true;
  if (q.entity && line.entity !== q.entity) return false;
  if (line.doc !== q.document) return false;
  if (line.direction !== q.direction) return false;
  if (q.section !== 'both' && line.section !== q.section) return false;
  if (q.operations === 'reelles' && line.order) return false;
  if (q.operations === 'ordre' && !line.order) return false;
  return true;
}

/** The codes a line is grouped by, from the top level down. */
export function levelsOf(line: BudgetLine, data: BudgetData, groupBy: GroupBy): Code[] {
  if (data.kind === 'generic') return line.chapter === line.account ? [line.account] : [line.chapter, line.account];
  switch (groupBy) {
    case 'fonction':
      return [line.fonction!, line.chapter, line.account];
    case 'nature':
      return [line.account];
    default:
      return [line.chapter, line.account];
  }
}

/** One bar, slice or tile. */
export interface Category {
  key: string;
  code: string;
  label: string;
  cents: number;
  /** Lines added into it. */
  lines: number;
  derived?: boolean;
  /** "Autres": the categories grouped into it. */
  others?: Category[];
}

/** One step of a drill-down: the keys opened at a level ("Autres" opens several at the same level). */
export interface DrillStep {
  keys: readonly string[];
  label: string;
  /** True for "Autres": the next view stays at the same level. */
  sameLevel: boolean;
}

export interface BudgetView {
  categories: Category[];
  /** Exact sum of the selected lines, in cents. */
  total: number;
  /** Lines counted (every selected line whose amount reads). */
  count: number;
  /** Selected lines whose amount is not a number (left out). */
  invalid: number;
  /** Selected lines without any amount column. */
  missing: number;
  /** The level shown (0 = top) and whether its categories open further. */
  level: number;
  leaf: boolean;
  /** The selected lines (source, row) in file order. */
  selected: BudgetLine[];
}

const amountCache = new WeakMap<Table, Map<number, Float64Array>>();

/** Cents of every cell of an amount column, cached per table. */
export function centsColumn(table: Table, col: number): Float64Array {
  let byCol = amountCache.get(table);
  if (!byCol) amountCache.set(table, (byCol = new Map()));
  let cents = byCol.get(col);
  if (!cents) {
    cents = new Float64Array(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) cents[r] = toCents(table.text(r, col));
    byCol.set(col, cents);
  }
  return cents;
}

function labelOf(c: Code): string {
  return c.label || c.code;
}

/**
 * Totals by category for a query at a drill-down position. Categories come largest first; beyond
 * `maxCategories` the smallest are grouped as one "Autres" category (key `__autres`).
 */
export function aggregate(
  data: BudgetData,
  q: BudgetQuery,
  path: readonly DrillStep[] = [],
  maxCategories = 12,
): BudgetView {
  let level = 0;
  const filters: { level: number; keys: Set<string> }[] = [];
  for (const step of path) {
    filters.push({ level, keys: new Set(step.keys) });
    if (!step.sameLevel) level++;
  }
  const byKey = new Map<string, Category>();
  const selected: BudgetLine[] = [];
  let total = 0;
  let count = 0;
  let invalid = 0;
  let missing = 0;
  let depth = 1;
  const columns = new Map<number, Float64Array | undefined>();
  outer: for (const line of data.lines) {
    if (!selects(line, q, data)) continue;
    const levels = levelsOf(line, data, q.groupBy);
    depth = levels.length;
    for (const f of filters) if (!f.keys.has(levels[f.level]?.key ?? '')) continue outer;
    selected.push(line);
    let cents = columns.get(line.source);
    if (!columns.has(line.source)) {
      const col = amountColumn(data, line.source, q.amount, line.doc);
      cents = col === undefined ? undefined : centsColumn(data.tables[line.source], col);
      columns.set(line.source, cents);
    }
    if (!cents) {
      missing++;
      continue;
    }
    const v = cents[line.row];
    if (Number.isNaN(v)) {
      invalid++;
      continue;
    }
    total += v;
    count++;
    const code = levels[Math.min(level, levels.length - 1)];
    let cat = byKey.get(code.key);
    if (!cat) {
      cat = { key: code.key, code: code.code, label: labelOf(code), cents: 0, lines: 0, derived: code.derived };
      byKey.set(code.key, cat);
    }
    cat.cents += v;
    cat.lines++;
  }
  const sorted = [...byKey.values()].sort((a, b) => b.cents - a.cents || a.label.localeCompare(b.label, 'fr'));
  const leaf = level >= depth - 1;
  return { categories: groupSmall(sorted, maxCategories), total, count, invalid, missing, level, leaf, selected };
}

/** Keeps the largest `max - 1` categories and adds the rest up as "Autres" (nothing grouped when `max` ≤ 0). */
export function groupSmall(sorted: Category[], max: number): Category[] {
  if (max <= 0 || sorted.length <= max) return sorted;
  const kept = sorted.slice(0, Math.max(1, max - 1));
  const rest = sorted.slice(kept.length);
  const others: Category = {
    key: '__autres',
    code: '',
    label: '',
    cents: rest.reduce((s, c) => s + c.cents, 0),
    lines: rest.reduce((s, c) => s + c.lines, 0),
    others: rest,
  };
  return [...kept, others];
}

/** The same categories over several years: cents per year (0 where absent), in the order of the last year. */
export interface Comparison {
  years: string[];
  categories: { key: string; code: string; label: string; derived?: boolean; cents: number[] }[];
  totals: number[];
  /** The document shown for each year. */
  documents: DocKind[];
}

/** Compares years; `resolve` gives the document and amount read for each year. */
export function compareYears(
  data: BudgetData,
  q: BudgetQuery,
  years: readonly string[],
  resolve: (year: string) => { document: DocKind; amount: string },
  path: readonly DrillStep[] = [],
  maxCategories = 12,
): Comparison {
  const views = years.map((year) => {
    const { document, amount } = resolve(year);
    return { document, view: aggregate(data, { ...q, year, document, amount }, path, 0) };
  });
  const keys = new Map<string, Comparison['categories'][number]>();
  views.forEach(({ view }, y) => {
    for (const c of view.categories) {
      let entry = keys.get(c.key);
      if (!entry) {
        entry = { key: c.key, code: c.code, label: c.label, derived: c.derived, cents: years.map(() => 0) };
        keys.set(c.key, entry);
      }
      entry.cents[y] = c.cents;
    }
  });
  const last = years.length - 1;
  const sorted = [...keys.values()].sort((a, b) => b.cents[last] - a.cents[last] || b.cents[0] - a.cents[0]);
  let categories = sorted;
  if (maxCategories > 0 && sorted.length > maxCategories) {
    const kept = sorted.slice(0, maxCategories - 1);
    const rest = sorted.slice(kept.length);
    categories = [
      ...kept,
      { key: '__autres', code: '', label: '', cents: years.map((_, y) => rest.reduce((s, c) => s + c.cents[y], 0)) },
    ];
  }
  return {
    years: [...years],
    categories,
    totals: views.map(({ view }) => view.total),
    documents: views.map(({ document }) => document),
  };
}

/** Change from `before` to `after` in percent, undefined when `before` is 0. */
export function changePercent(before: number, after: number): number | undefined {
  if (before === 0) return undefined;
  return ((after - before) / Math.abs(before)) * 100;
}

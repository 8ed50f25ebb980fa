/**
 * The server side of <vitrine-budget> for a label/amount table (`label-column`, `value-column`,
 * optional `group-column`, `year-column`, `filter`) behind a query API that sums by group
 * (Opendatasoft Explore v2.1 group_by, the data.gouv.fr tabular API's `__groupby`/`__sum`).
 *
 * Nothing is downloaded: the element asks the API for the distinct values of the year column and of
 * each filtered column (counts()), then for the sums of the value per group or label under the
 * year and the filters (sums()), one request per year shown, and per label within an opened group.
 * The answers become a small table of (year, group, label, amount) rows that the same code as a
 * downloaded file reads (readGeneric, aggregate, compareYears): totals, "Autres", drill-down,
 * comparison and exports are computed the same way on both paths.
 *
 * ServerAnswers keeps every answer of the dataset in force, asks each request once, and aborts the
 * requests a newer view no longer needs (the last request wins).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readGeneric, type BudgetData } from '../../data/budget/budget.ts';
import { centsText, numberToCents } from '../../data/budget/cents.ts';
import { isAbort } from '../../data/errors.ts';
import { packText, Table, type ColumnType } from '../../data/model.ts';
import { fold } from '../../data/query.ts';
import type { RemoteDataset, RemoteFilter } from '../../data/remote/index.ts';

/** Groups a sums() answer holds at most (Opendatasoft: limit=1000; the tabular API: 20 pages of 50). */
export const SUMS_LIMIT = 1000;
/** Distinct values asked of counts() for the years and for the values of a filtered column. */
export const COUNTS_LIMIT = 1000;

/** Column types the APIs can sum. */
export const SUMMABLE: ReadonlySet<ColumnType> = new Set<ColumnType>(['integer', 'number', 'percent']);

export type Answer<T> = { status: 'pending' } | { status: 'done'; value: T } | { status: 'error'; error: unknown };

interface Entry {
  answer: Answer<unknown>;
  abort?: AbortController;
}

/**
 * The answers of one dataset, by request. A pass (begin … end) asks for what the view in force
 * needs; requests still running that the pass did not ask for are aborted at its end.
 */
export class ServerAnswers implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #dataset?: RemoteDataset;
  readonly #entries = new Map<string, Entry>();
  readonly #asked = new Set<string>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Starts a pass for `dataset` (another dataset than the last one drops every answer). */
  begin(dataset: RemoteDataset): void {
    if (dataset !== this.#dataset) {
      this.#abort(() => true);
      this.#entries.clear();
      this.#dataset = dataset;
    }
    this.#asked.clear();
  }

  /** The answer of a request: asked once per key, kept until the dataset changes. */
  ask<T>(key: readonly unknown[], run: (signal: AbortSignal) => Promise<T>): Answer<T> {
    const k = JSON.stringify(key);
    this.#asked.add(k);
    let entry = this.#entries.get(k);
    if (!entry) {
      const abort = new AbortController();
      const e: Entry = { answer: { status: 'pending' }, abort };
      entry = e;
      this.#entries.set(k, e);
      Promise.resolve()
        .then(() => run(abort.signal))
        .then(
          (value) => this.#settle(k, e, { status: 'done', value }),
          (error: unknown) => {
            if (isAbort(error) || abort.signal.aborted) return;
            this.#settle(k, e, { status: 'error', error });
          },
        );
    }
    return entry.answer as Answer<T>;
  }

  /** Ends a pass: the requests still running that it did not ask for are aborted and forgotten. */
  end(): void {
    this.#abort((k) => !this.#asked.has(k));
  }

  #settle(k: string, e: Entry, answer: Answer<unknown>): void {
    if (this.#entries.get(k) !== e) return;
    e.answer = answer;
    e.abort = undefined;
    this.#host.requestUpdate();
  }

  #abort(which: (key: string) => boolean): void {
    for (const [k, e] of this.#entries) {
      if (e.answer.status === 'pending' && which(k)) {
        e.abort?.abort();
        this.#entries.delete(k);
      }
    }
  }

  hostDisconnected(): void {
    // Asked again when the element comes back.
    this.#abort(() => true);
  }
}

/**
 * The values of a column a `filter` value stands for, matched as a downloaded table matches them
 * (case and accents ignored), among the column's distinct values; when the API gave as many values
 * as asked (there may be more), the values as written too.
 */
export function matchingValues(wanted: readonly string[], distinct: readonly { value: string }[]): string[] {
  const folded = new Set(wanted.map((v) => fold(v.trim())));
  const out = distinct.map((d) => d.value).filter((v) => folded.has(fold(v)));
  if (distinct.length >= COUNTS_LIMIT) out.push(...wanted);
  return [...new Set(out)];
}

/** The filter of one year: its raw values, or the calendar year on a date column. */
export function yearFilter(
  column: { name: string; type: ColumnType },
  year: string,
  raw: readonly string[],
): RemoteFilter {
  if (column.type === 'date' && /^\d{4}$/.test(year)) {
    return { column: column.name, min: `${year}-01-01`, max: `${year}-12-31` };
  }
  return { column: column.name, values: [...raw] };
}

/** One line of the aggregated table: the sum of a group or of a label, for a year. */
export interface SumRow {
  year: string;
  /** '' without a group column. */
  group: string;
  /** '' for a group whose labels were not asked for. */
  label: string;
  cents: number;
}

/** The sum of an answer in cents (0 for an empty group, as empty cells are in a file). */
export function sumCents(sum: number): number {
  const cents = numberToCents(sum);
  return Number.isNaN(cents) ? 0 : cents;
}

/**
 * The aggregated rows as budget data: the same reading as a downloaded table's, on a table of
 * (year, group, label, amount) rows; `years` are all the years of the dataset (the rows only hold
 * those asked for).
 */
export function sumsData(rows: readonly SumRow[], grouped: boolean, years: string[]): BudgetData {
  const column = (name: string, cells: string[]) => ({ name, type: 'string' as const, ...packText(cells) });
  const table = new Table({
    rowCount: rows.length,
    columns: [
      column(
        'year',
        rows.map((r) => r.year),
      ),
      column(
        'group',
        rows.map((r) => r.group),
      ),
      column(
        'label',
        rows.map((r) => r.label),
      ),
      column(
        'amount',
        rows.map((r) => centsText(r.cents)),
      ),
    ],
  });
  const data = readGeneric([table], [{ year: 0, group: grouped ? 1 : undefined, label: 2, value: 3 }]);
  return { ...data, years };
}

/** The events of every Vitrine element: prefixed, bubbling and composed, typed for addEventListener. */
import type { Column, CellValue } from '../data/model.ts';
import type { ErrorCode } from '../data/errors.ts';

export interface VitrineLoadDetail {
  /** Rows read (a catalogue: the datasets read; on the server: the rows the API announces). */
  rowCount: number;
  /** The columns, with their name, label and inferred type. */
  columns: readonly Column[];
  /** Milliseconds from the start of the load to the table being ready. */
  elapsed: number;
  /** The URL the data was read from (after portal resolution). */
  url: string;
}

export interface VitrineErrorDetail {
  /** What went wrong, for code: `network`, `http`, `cors`, `parse`, `empty`, `config`… */
  code: ErrorCode;
  /** A message for people, in the element's language. */
  message: string;
  url: string;
}

export interface VitrineSelectDetail {
  /** The record picked, its values typed (a budget category: `{ code, label, amount, share, level }`). */
  record: Record<string, CellValue>;
  /**
   * Its row in the data; -1 for a map area that stands for several rows; the card's position among
   * the query's records for cards on the server; the category's position in a budget chart.
   */
  index: number;
}

const init = { bubbles: true, composed: true } as const;

export class VitrineLoadEvent extends CustomEvent<VitrineLoadDetail> {
  constructor(detail: VitrineLoadDetail) {
    super('vitrine-load', { ...init, detail });
  }
}

export class VitrineErrorEvent extends CustomEvent<VitrineErrorDetail> {
  constructor(detail: VitrineErrorDetail) {
    super('vitrine-error', { ...init, detail });
  }
}

/** Cancelable: a listener that calls preventDefault() keeps a card's link from being followed. */
export class VitrineSelectEvent extends CustomEvent<VitrineSelectDetail> {
  constructor(detail: VitrineSelectDetail) {
    super('vitrine-select', { ...init, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vitrine-load': VitrineLoadEvent;
    'vitrine-error': VitrineErrorEvent;
    'vitrine-select': VitrineSelectEvent;
  }
}

/** The events of every Vitrine element: prefixed, bubbling and composed, typed for addEventListener. */
import type { Column, CellValue } from '../data/model.ts';
import type { ErrorCode } from '../data/errors.ts';

export interface VitrineLoadDetail {
  rowCount: number;
  columns: readonly Column[];
  /** Milliseconds from the start of the load to the table being ready. */
  elapsed: number;
  /** The URL the data was read from (after portal resolution). */
  url: string;
}

export interface VitrineErrorDetail {
  code: ErrorCode;
  /** A message for people, in the element's language. */
  message: string;
  url: string;
}

export interface VitrineSelectDetail {
  record: Record<string, CellValue>;
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

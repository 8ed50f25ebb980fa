import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VitrineError, isAbort } from '../data/errors.ts';
import { loadTable, type LoadHints, type LoadProgress, type LoadResult } from '../data/load.ts';

export type DataStatus = 'idle' | 'loading' | 'complete' | 'error';

/**
 * Loads the data of one element: takes `[src, hints]`, aborts the previous run when they change or
 * the host leaves the page, ignores stale results (the last `src` always wins), and exposes
 * pending/complete/error for rendering.
 */
export class DataController implements ReactiveController {
  #status: DataStatus = 'idle';
  #result?: LoadResult;
  #error?: unknown;
  #progress?: LoadProgress;
  /** Another controller whose state this one mirrors (an element bound to a `<vitrine-source>`). */
  #followed?: DataController;
  /** What the followed controller was last seen settled on (to report each settle once). */
  #seen?: unknown;

  get status(): DataStatus {
    return this.#followed ? this.#followed.status : this.#status;
  }
  get result(): LoadResult | undefined {
    return this.#followed ? this.#followed.result : this.#result;
  }
  get error(): unknown {
    return this.#followed ? this.#followed.error : this.#error;
  }
  get progress(): LoadProgress | undefined {
    return this.#followed ? this.#followed.progress : this.#progress;
  }

  /**
   * Mirrors another controller instead of loading (undefined: back to loading on its own). The
   * host calls `sync()` whenever the other may have changed; each settle is reported once.
   */
  follow(other: DataController | undefined): void {
    if (other === this.#followed) return;
    if (other) this.reset();
    this.#followed = other;
    this.#seen = undefined;
    this.sync();
  }

  /** Reports a settle of the followed controller (load complete or failed) not reported yet. */
  sync(): void {
    const f = this.#followed;
    if (!f) return;
    const now = f.status === 'complete' ? f.result : f.status === 'error' ? f.error : undefined;
    if (now === this.#seen) return;
    this.#seen = now;
    this.#host.requestUpdate();
    if (now !== undefined) this.#onSettled(f.status === 'complete');
  }

  #host: ReactiveControllerHost & EventTarget;
  #key = '';
  #controller?: AbortController;
  #run = 0;
  #last?: { src: string; hints: LoadHints };
  #onSettled: (ok: boolean) => void;

  constructor(host: ReactiveControllerHost & EventTarget, onSettled: (ok: boolean) => void) {
    this.#host = host;
    this.#onSettled = onSettled;
    host.addController(this);
  }

  /** Starts a load when src or hints differ from the current ones; no-op otherwise. */
  request(src: string | null | undefined, hints: LoadHints): void {
    const key = JSON.stringify([src ?? '', hints]);
    if (key === this.#key) return;
    this.#key = key;
    this.#last = { src: src ?? '', hints };
    this.#start();
  }

  /** Forgets the current load (aborted if running): back to idle, as if nothing had been asked. */
  reset(): void {
    if (!this.#key && this.#status === 'idle') return;
    this.#controller?.abort();
    this.#controller = undefined;
    this.#run++;
    this.#key = '';
    this.#last = undefined;
    this.#status = 'idle';
    this.#result = undefined;
    this.#error = undefined;
    this.#progress = undefined;
  }

  /** Loads again (e.g. after the host came back to the page while a load was cancelled). */
  reload(): void {
    if (this.#last) this.#start();
  }

  #start(): void {
    this.#controller?.abort();
    const { src, hints } = this.#last!;
    const run = ++this.#run;
    this.#progress = undefined;
    this.#error = undefined;
    if (!src.trim()) {
      this.#controller = undefined;
      this.#result = undefined;
      this.#settle(run, new VitrineError('config', 'no src', '', { attribute: 'src' }));
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#status = 'loading';
    this.#host.requestUpdate();
    let queued = false;
    loadTable(src, {
      ...hints,
      signal: controller.signal,
      onProgress: (p) => {
        if (run !== this.#run) return;
        this.#progress = p;
        // Progress comes in bursts: one render per frame is enough.
        if (!queued) {
          queued = true;
          requestAnimationFrame(() => {
            queued = false;
            if (run === this.#run && this.#status === 'loading') this.#host.requestUpdate();
          });
        }
      },
    }).then(
      (result) => {
        if (run !== this.#run) return;
        this.#result = result;
        this.#status = 'complete';
        this.#host.requestUpdate();
        this.#onSettled(true);
      },
      (err) => {
        if (run !== this.#run || isAbort(err)) return;
        this.#settle(run, err);
      },
    );
  }

  #settle(run: number, err: unknown): void {
    if (run !== this.#run) return;
    this.#status = 'error';
    this.#error = err;
    this.#host.requestUpdate();
    this.#onSettled(false);
  }

  hostConnected(): void {
    // Came back after a cancelled load: start again.
    if (this.#status === 'loading' && !this.#controller) this.reload();
  }

  hostDisconnected(): void {
    if (this.#status === 'loading') {
      this.#controller?.abort();
      this.#controller = undefined;
      this.#run++;
    }
  }
}

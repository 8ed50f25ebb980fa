import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { attributeValue } from './text-properties.ts';
import { VitrineError } from '../data/errors.ts';
import type { Column, Table } from '../data/model.ts';
import type { QueryState } from '../data/query-state.ts';
import type { RemoteDataset } from '../data/remote/index.ts';
import { langOf, t, toLang, withStrings, type Lang } from '../i18n/localize.ts';
import { hostStyles } from '../styles/host.styles.ts';
import { controlsStyles } from '../styles/controls.styles.ts';
import { errorMessage } from './error-message.ts';
import { VitrineErrorEvent } from './events.ts';
import { missingSourceError, SourceLink, type SharedSource } from './source-link.ts';
import { requireColumn } from './vitrine-element.ts';

/**
 * The base of the controls that filter a `<vitrine-source>` (`<vitrine-filter>`, `<vitrine-search>`):
 * the `source`, `lang` and `label` attributes, the link to the source wherever it is on the page,
 * and their error state (a source that is not there, a field that does not exist). While the
 * source loads they show a disabled control; its load errors are shown by the data elements.
 */
export abstract class VitrineLinkedControl extends LitElement {
  static override styles = [hostStyles, controlsStyles];

  /** A removed text attribute reads as '' (the default), never null (see text-properties.ts). */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, attributeValue(this, name, value));
  }

  /**
   * Holds a render until the strings of the element's language are here: English is a chunk of
   * its own, fetched the first time an element is in English (see localize.ts).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return withStrings(this.language, () => super.scheduleUpdate());
  }

  /** The `id` of the `<vitrine-source>` this control filters. */
  @property() source = '';

  /** Language of strings and formats: `fr` (default) or `en`; falls back to the nearest `lang` on the page. */
  @property() override lang = '';

  /** The visible label (the column's name when absent). */
  @property() label = '';

  /** Presentation mode, for a projector: larger text, thicker focus rings, stronger contrast (as on the data elements). */
  @property({ type: Boolean, reflect: true }) presentation = false;

  protected readonly link = new SourceLink(this, () => this.#linkChanged());
  #reported?: string;

  protected get language(): Lang {
    return this.lang ? toLang(this.lang) : langOf(this);
  }

  /** The shared source, once found. */
  protected get shared(): SharedSource | undefined {
    return this.link.source;
  }

  /** The shared query, once the source's table is loaded. */
  protected get state(): QueryState | undefined {
    const s = this.link.source;
    return s?.loader.status === 'complete' ? s.state : undefined;
  }

  protected override willUpdate(): void {
    this.link.follow(this.source);
  }

  /** The column a control attribute names, or a `config` error listing those that exist. */
  protected requireColumn(table: Table, name: string, attribute: string): Column {
    return requireColumn(table, name, attribute, this.link.source?.src ?? '');
  }

  /** The configuration error of this control, if any (checked against the loaded table). */
  protected abstract check(state: QueryState): void;

  /** The same, for a source queried on the server (checked against the API's columns). */
  protected checkRemote(_dataset: RemoteDataset): void {}

  protected abstract renderControl(state: QueryState | undefined, lang: Lang): TemplateResult;

  #error(): VitrineError | undefined {
    if (!this.source || this.link.missing) return missingSourceError(this.source);
    const dataset = this.link.source?.remote;
    const state = this.state;
    if (!state && !dataset) return undefined;
    try {
      if (dataset) this.checkRemote(dataset);
      else if (state) this.check(state);
      return undefined;
    } catch (err) {
      if (err instanceof VitrineError) return err;
      throw err;
    }
  }

  #linkChanged(): void {
    this.requestUpdate();
  }

  protected override updated(): void {
    // A configuration error is told once, as every element tells it.
    const err = this.#error();
    const key = err ? `${err.code}:${err.message}` : undefined;
    if (key && key !== this.#reported) {
      this.dispatchEvent(
        new VitrineErrorEvent({ code: err!.code, message: errorMessage(this.language, err), url: err!.url }),
      );
    }
    this.#reported = key;
  }

  protected override render(): TemplateResult | typeof nothing {
    const lang = this.language;
    const err = this.#error();
    if (err) {
      return html`<div part="error" role="alert">
        <strong>${t(lang, 'errorTitle')}</strong>
        <p>${errorMessage(lang, err)}</p>
      </div>`;
    }
    return this.renderControl(this.state, lang);
  }
}

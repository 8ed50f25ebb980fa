import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

type Styles = Readonly<Record<string, string | undefined>>;

/**
 * `style=${styleProps({ width: '3px', '--vitrine-bar': '40%' })}`: sets CSS properties through
 * the CSSOM (`element.style.setProperty`) and never writes a `style` attribute, so it works on a
 * page whose Content-Security-Policy forbids inline styles (`style-src 'self'`). Lit's own
 * styleMap writes the attribute on the first render, which such a policy blocks.
 */
class StyleProps extends Directive {
  #previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style') {
      throw new Error('styleProps belongs in a style attribute binding');
    }
  }

  render(_styles: Styles): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Styles]): typeof noChange {
    const style = part.element.style;
    for (const name of this.#previous) {
      if (styles[name] === undefined) style.removeProperty(name);
    }
    this.#previous.clear();
    for (const [name, value] of Object.entries(styles)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.#previous.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StyleProps);

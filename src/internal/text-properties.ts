import type { PropertyDeclaration } from 'lit';

/** A removed attribute (Lit gives null) reads as '' for a text property: the element's default. */
const text = { fromAttribute: (value: string | null) => value ?? '' };

/**
 * The declaration of a property, with removed attributes read as '' when it is a text property
 * without its own converter. Properties whose absence means something else (`totals`, `url-state`:
 * null) declare a converter of their own that keeps null.
 */
export function textProperty(options: PropertyDeclaration = {}): PropertyDeclaration {
  if (options.converter || options.state || options.attribute === false) return options;
  if (options.type !== undefined && options.type !== String) return options;
  return { ...options, converter: text };
}

/** For properties that keep null when the attribute is absent or removed. */
export const nullableText = { fromAttribute: (value: string | null) => value };

import { defaultConverter, type ReactiveElement } from 'lit';

const cache = new WeakMap<object, Set<string>>();

/**
 * The attributes of an element class that set a text property without a converter of its own:
 * when one is removed, Lit's default converter gives null, which the element reads as '' (its
 * default) instead. Properties whose absence means something else (`totals`, `url-state`: null)
 * declare a converter (nullableText), booleans and numbers a type, so they are not in the set.
 */
function textAttributes(ctor: typeof ReactiveElement): Set<string> {
  let set = cache.get(ctor);
  if (!set) {
    set = new Set();
    for (const [name, options] of ctor.elementProperties) {
      if (options.state || options.attribute === false) continue;
      if (options.converter && options.converter !== defaultConverter) continue;
      if (options.type !== undefined && options.type !== String) continue;
      set.add(typeof options.attribute === 'string' ? options.attribute : String(name).toLowerCase());
    }
    cache.set(ctor, set);
  }
  return set;
}

/** The value to give Lit for an attribute change: '' for a removed text attribute. */
export function attributeValue(element: ReactiveElement, name: string, value: string | null): string | null {
  return value === null && textAttributes(element.constructor as typeof ReactiveElement).has(name) ? '' : value;
}

/** For properties that keep null when the attribute is absent or removed. */
export const nullableText = { fromAttribute: (value: string | null) => value };

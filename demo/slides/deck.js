// The reveal.js deck of demo/slides/index.html: reveal.js 6 from node_modules (its ESM entry,
// "reveal.js" in the package's exports), and the keyboard shared fairly between the deck and the
// Vitrine elements on its slides.
//
// reveal.js listens to keys on the document and leaves them alone only when document.activeElement
// is an <input> or a <textarea>. The fields of Vitrine elements are inside shadow roots, where
// document.activeElement is the element itself: without the rules below, typing "nord" in a
// table's search box would go to the next slide at "n", and Space on a focused sort button would
// turn the page instead of sorting. So:
// - a key an element has used (the budget chart's arrows, Enter on a map area: they call
//   preventDefault) is not also a deck key;
// - arrows belong to a focused map: Leaflet pans it, listening on the document itself, after
//   reveal.js, so the deck must leave them;
// - while the focus is in a field (search box, list), every key is the field's;
// - Space and Enter belong to the focused button or link;
// - arrows belong to a focused box that scrolls that way (a long table), the other ones to the deck;
// - Escape takes the focus out of the element (the search text stays), and does not also open the
//   overview; a second Escape does. Tab leaves an element the ordinary way. reveal.js makes the
//   slides other than the current one inert, so no focus stays behind on a slide that is gone.
import Reveal from 'reveal.js';

const deckElement = document.querySelector('.reveal');
const slidesElement = deckElement.querySelector('.slides');

/** The element that has the focus, inside shadow roots too. */
function deepActiveElement() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The element, or the shadow host that holds it, up to the document. */
function parentAcrossShadow(node) {
  return node.parentElement ?? (node.getRootNode() instanceof ShadowRoot ? node.getRootNode().host : null);
}

/** True when the focus is on something inside a slide (not on the page itself). */
function focusInSlide() {
  const active = document.activeElement;
  return !!active && active !== document.body && slidesElement.contains(active);
}

const TYPING_INPUTS = new Set([
  'text',
  'search',
  'email',
  'number',
  'password',
  'tel',
  'url',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
]);

/** A field where keys are typed or choose a value. */
function takesEveryKey(element) {
  if (element.isContentEditable) return true;
  if (element.localName === 'textarea' || element.localName === 'select') return true;
  return element.localName === 'input' && TYPING_INPUTS.has(element.type);
}

/** Something Space and Enter act on. */
function activates(element) {
  return element.matches(
    'button, a[href], summary, input, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]',
  );
}

const VERTICAL = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', ' ']);
const HORIZONTAL = new Set(['ArrowLeft', 'ArrowRight']);

/** True when the focused element, or a box around it inside the slide, scrolls along the key's axis. */
function scrollsWith(element, key) {
  const vertical = VERTICAL.has(key);
  if (!vertical && !HORIZONTAL.has(key)) return false;
  for (let node = element; node && node !== slidesElement; node = parentAcrossShadow(node)) {
    const style = getComputedStyle(node);
    const overflow = vertical ? style.overflowY : style.overflowX;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    if (vertical ? node.scrollHeight > node.clientHeight + 1 : node.scrollWidth > node.clientWidth + 1) return true;
  }
  return false;
}

/** A map's box (Leaflet's container), which pans with the arrows while it has the focus. */
function pansWithArrows(element, key) {
  return key.startsWith('Arrow') && element.classList.contains('leaflet-container');
}

/** reveal.js's keyboardCondition: false when the key belongs to an element of the slide. */
function keyIsForTheDeck(event) {
  if (event.defaultPrevented) return false;
  if (!focusInSlide()) return true;
  const element = deepActiveElement();
  if (takesEveryKey(element)) return false;
  if ((event.key === ' ' || event.key === 'Enter') && activates(element)) return false;
  return !pansWithArrows(element, event.key) && !scrollsWith(element, event.key);
}

// Escape takes the focus out of an element of the slide. Registered before reveal.js's own
// listener (same target and phase: first registered, first called), so that it can keep Escape
// from also opening the overview.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented || !focusInSlide()) return;
  event.preventDefault();
  deepActiveElement()?.blur();
});

const deck = new Reveal(deckElement, {
  width: 1280,
  height: 720,
  margin: 0.04,
  center: false,
  hash: true,
  transition: 'fade',
  // No slide changes by the wheel: it stays for the page's elements (a focused map zooms).
  mouseWheel: false,
  // No automatic switch to reveal.js's scroll view on a narrow window: it rebuilds the slides from
  // their HTML (every element loads again), with style attributes a strict CSP refuses.
  scrollActivationWidth: null,
  keyboardCondition: keyIsForTheDeck,
});
await deck.initialize();
// For tests and the console: the deck, as reveal.js's own pages expose it.
window.deck = deck;

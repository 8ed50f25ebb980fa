// embed.html?el=table&src=…&columns=…&search: one Vitrine element, full-bleed, built from the
// parameters of the page address, for tools that only accept an iframe (slides, some CMSs).
//
// - `el` names the element (table, map, cards, budget); anything else shows a message, not an element.
// - `title` becomes the page title (the host's <iframe title> should say the same), `theme` one or
//   more of the library's themes (src/themes/: `dsfr`, `presentation`, e.g. `theme=dsfr,presentation`),
//   `id` is echoed in the height messages; every other parameter becomes an attribute of the
//   element (`&search` with no value is a boolean attribute).
// - Nothing from the address is ever parsed as HTML: the element is made with createElement and
//   setAttribute, messages with textContent. Event-handler attributes (on…) are refused.
// - The page tells its parent its height, as Datawrapper does: postMessage
//   { type: 'vitrine:height', height, id } whenever it changes. embed-resize.js, on the host page,
//   sets the iframe's height from it.

/** The elements an embed can show, by the short name used in `el` (the full tag works too). */
const EMBED_ELEMENTS = {
  table: 'vitrine-table',
  map: 'vitrine-map',
  cards: 'vitrine-cards',
  budget: 'vitrine-budget',
};
/** Parameters read by this page, never copied onto the element. */
const RESERVED = ['el', 'title', 'theme', 'id'];
/** Values of `theme`: the library's theme style sheets (src/themes/<name>.css). */
const THEMES = ['dsfr', 'presentation'];

const ATTRIBUTE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const params = new URLSearchParams(location.search);
const mount = document.getElementById('embed') ?? document.body;
const frameId = (params.get('id') ?? '').slice(0, 200);

/** The tag for `el`, or undefined when it is not one of the elements an embed can show. */
function tagFor(name) {
  const key = name.trim().toLowerCase();
  if (Object.hasOwn(EMBED_ELEMENTS, key)) return EMBED_ELEMENTS[key];
  return Object.values(EMBED_ELEMENTS).includes(key) ? key : undefined;
}

/** A visible message (role="alert") instead of the element. Text only. */
function showError(lines) {
  const box = document.createElement('div');
  box.className = 'vitrine-embed-error';
  box.setAttribute('role', 'alert');
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    box.append(p);
  }
  mount.replaceChildren(box);
}

/**
 * Links the style sheet of each known theme named in `theme` (same origin: a strict CSP allows
 * it), before the element is made so that it draws with it; unknown names are ignored.
 */
function applyThemes(value) {
  const names = [...new Set(value.toLowerCase().split(/[\s,]+/))].filter((name) => THEMES.includes(name));
  if (!names.length) return;
  document.documentElement.dataset.theme = names.join(' ');
  for (const name of names) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(`../src/themes/${name}.css`, import.meta.url).href;
    document.head.append(link);
  }
}

function build() {
  const title = params.get('title')?.trim();
  const label = params.get('label')?.trim();
  document.title = title || label || 'Vitrine';
  const lang = params.get('lang')?.trim().toLowerCase();
  if (lang === 'fr' || lang === 'en') document.documentElement.lang = lang;
  applyThemes(params.get('theme') ?? '');

  const known = Object.keys(EMBED_ELEMENTS).join(', ');
  const name = params.get('el');
  if (name === null || name.trim() === '') {
    showError([
      'Aucun élément à afficher : le paramètre « el » manque dans l’adresse.',
      `Valeurs possibles : ${known}. Exemple : embed.html?el=table&src=donnees.csv&title=Mes données`,
    ]);
    return;
  }
  const tag = tagFor(name);
  if (!tag) {
    showError([`Élément inconnu : « ${name.slice(0, 100)} ».`, `Le paramètre « el » accepte : ${known}.`]);
    return;
  }
  const el = document.createElement(tag);
  const refused = [];
  // The last occurrence of a parameter wins, as in most query-string readers.
  const attributes = new Map();
  for (const [key, value] of params) {
    const attr = key.trim().toLowerCase();
    if (RESERVED.includes(attr)) continue;
    if (!ATTRIBUTE_NAME.test(attr) || attr.startsWith('on')) {
      refused.push(key);
      continue;
    }
    attributes.set(attr, value);
  }
  for (const [attr, value] of attributes) el.setAttribute(attr, value);
  if (refused.length) console.warn('[vitrine embed] paramètres ignorés :', refused);
  mount.replaceChildren(el);
}

// --- Height for the parent page ----------------------------------------------------------------

let lastHeight = -1;

/** The height of the content, in CSS pixels (the body contains its children's margins). */
function contentHeight() {
  return Math.ceil(document.documentElement.getBoundingClientRect().height);
}

function postHeight(force = false) {
  if (window.parent === window) return;
  const height = contentHeight();
  if (!force && height === lastHeight) return;
  lastHeight = height;
  // The height is not a secret, and the host's origin is not known here: '*', as Datawrapper does.
  window.parent.postMessage({ type: 'vitrine:height', height, id: frameId }, '*');
}

build();
new ResizeObserver(() => postHeight()).observe(document.body);
postHeight(true);
// A host script that arrives after the first messages asks again (embed-resize.js).
window.addEventListener('message', (event) => {
  if (event.source === window.parent && event.data?.type === 'vitrine:height?') postHeight(true);
});

// The configurator (configurator.html): a person pastes the address of some data, sees its columns
// and their types, picks an element and its main options with plain form controls, sees the real
// element update on every change, and copies two snippets: the script tag and the element for a
// page of their site, or an iframe of embed.html for tools that only accept an iframe.
//
// Everything the person typed reaches the page through setAttribute and textContent, never as
// HTML; in the snippets, attribute values are HTML-escaped.
import { loadTable } from '/src/index.ts';
import { detectGeo, isAbort } from '/src/data/index.ts';
import { errorMessage } from '/src/internal/error-message.ts';

/**
 * The version of the package the CDN snippet loads. Keep it equal to package.json's `version`:
 * test/demo/configurator.test.ts compares them.
 */
const VITRINE_VERSION = '0.1.0';
const CDN_URL = `https://cdn.jsdelivr.net/npm/vitrine@${VITRINE_VERSION}/dist/vitrine.js`;
/**
 * The script of the snippet: the CDN's, unless the person gives the address of their own copy, as
 * a full http(s) address or a path on their site ("/medias/vitrine/vitrine.js"), kept as written
 * since it is resolved by their page, not by this one.
 */
function scriptUrl() {
  const own = $('script-url').value.trim();
  return /^(?:https?:\/\/|\/)\S*$/i.test(own) ? own : CDN_URL;
}
/** The demo's fake portal (vite.config.ts, web-test-runner.config.mjs): saved portal answers only. */
const DEMO_PROXY = '/__portal?url={url}';

const TAGS = { table: 'vitrine-table', map: 'vitrine-map', cards: 'vitrine-cards', budget: 'vitrine-budget' };
const NAMES = { table: 'Tableau', map: 'Carte', cards: 'Fiches', budget: 'Budget' };
const TYPE_LABELS = {
  string: 'texte',
  code: 'code (gardé en texte)',
  integer: 'nombre entier',
  number: 'nombre décimal',
  percent: 'pourcentage',
  date: 'date',
  boolean: 'oui / non',
  geopoint: 'point géographique',
  geometry: 'géométrie',
  json: 'objet JSON',
};
const NUMERIC = new Set(['integer', 'number', 'percent']);
const CATEGORY = new Set(['string', 'code', 'boolean']);
/** Rows read to count the distinct values of a column (to offer it as a facet or colour). */
const DISTINCT_SAMPLE = 20000;
const MAX_CATEGORIES = 50;
/** Last words of API addresses that say nothing of the dataset. */
const GENERIC_PATH = /^(records|exports?|csv|json|geojson|data|download|table|resource|r|api)$/i;

const $ = (id) => document.getElementById(id);
const form = $('configurator');
const urlInput = $('data-url');
const proxyBox = $('use-proxy');
const preview = $('preview');

const state = {
  /** The Table of the last successful load, its absolute URL and proxy template. */
  table: undefined,
  src: '',
  proxy: '',
  loadedKey: '',
  generation: 0,
  controller: undefined,
  /** What the preview shows now, to rebuild it only when something changed. */
  previewKey: '',
  /** Height of the preview, for the iframe snippet. */
  height: 0,
  /** The status line of the last successful load, shown again when a preview error is gone. */
  loadedStatus: '',
  /** Whether the status line shows an error of the preview (not of the load). */
  previewError: false,
};

// --- Small helpers ---------------------------------------------------------------------------------

/** Text for an HTML attribute value between double quotes (or anywhere in HTML text). */
function escapeHtml(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/** A query-string component, keeping the characters that are safe and readable in a query. */
function queryPart(value) {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':').replace(/%20/g, '+');
}

function announce(message, isError = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function option(value, text, selected = false) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

function fillSelect(select, first, columns, preferred = '') {
  const kept = columns.some((c) => c.name === select.value) ? select.value : preferred;
  select.replaceChildren(option('', first), ...columns.map((c) => option(c.name, c.name, c.name === kept)));
}

function fillChecks(box, name, columns, checked = []) {
  box.replaceChildren(
    ...columns.map((c) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = name;
      input.value = c.name;
      input.checked = checked.includes(c.name);
      label.append(input, ` ${c.name}`);
      return label;
    }),
  );
  if (!columns.length) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = 'Aucune colonne ne s’y prête.';
    box.append(p);
  }
}

const checkedValues = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

/** How many distinct non-empty values a column has, counting up to `limit + 1`. */
function distinctCount(table, col, limit = MAX_CATEGORIES) {
  const seen = new Set();
  const rows = Math.min(table.rowCount, DISTINCT_SAMPLE);
  for (let r = 0; r < rows && seen.size <= limit; r++) {
    const text = table.text(r, col).trim();
    if (text) seen.add(text);
  }
  return seen.size;
}

/**
 * Column names of identifiers, codes, years, ranks and coordinates: numbers that are not amounts to
 * add up (a sum of INSEE codes or of years means nothing). Whole words only ("population" is not "lat").
 */
const NOT_AN_AMOUNT =
  /(?:^|[^a-z])(?:id|ids|identifiant|code|codes|cod|codgeo|insee|siren|siret|cp|dep|reg|com|annee|année|year|exercice|mois|month|lat|lon|lng|latitude|longitude|x|y|rang|rank|num|numero|numéro|n°|ordre|version)(?:[^a-z]|$)|latitude|longitude/i;
/** Column names of references, identifiers and links: not what a chart's bars are named after. */
const NOT_A_LABEL =
  /(?:^|[^a-z])(?:id|ids|identifiant|siren|siret|ref|reference|référence|num|numero|numéro|n°|url|uri|lien|link|href)(?:[^a-z]|$)/i;
/** Column names that say "amount". */
const AMOUNT_NAME =
  /montant|amount|valeur|value|total|budget|d[ée]pense|recette|somme|euro|€|prix|co[uû]t|subvention|cr[ée]dit/i;

/** Whether every value of a numeric column is a whole number between 1800 and 2100 (a year). */
function yearLike(table, col) {
  const rows = Math.min(table.rowCount, DISTINCT_SAMPLE);
  let seen = 0;
  for (let r = 0; r < rows; r++) {
    const v = table.number(r, col);
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 1800 || v > 2100) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * The budget chart's defaults for a table that is not an SCDL budget: the amounts are the numeric
 * column that looks most like money (named so, with decimals), never a code, a year or a
 * coordinate; the labels a text column that varies, one of categories (2 to 50 values) first.
 * Either may be missing: the person then chooses.
 */
function budgetDefaults(table, texts, numbers, categories) {
  const amounts = numbers
    .filter((c) => c.type !== 'percent' && !NOT_AN_AMOUNT.test(c.name) && !yearLike(table, c.index))
    .map((c, i) => ({ c, score: (AMOUNT_NAME.test(c.name) ? 2 : 0) + (c.type === 'number' ? 1 : 0) - i / 1000 }))
    .sort((a, b) => b.score - a.score);
  // Labels: text that names things (not a reference, a number or a link) and varies; categories
  // (2 to 50 values) first, plain text before codes.
  const labels = texts
    .filter((c) => !NOT_A_LABEL.test(c.name) && distinctCount(table, c.index, 2) >= 2)
    .map((c, i) => ({
      c,
      score: (categories.includes(c) ? 2 : 0) + (c.type === 'string' ? 1 : 0) - i / 1000,
    }))
    .sort((a, b) => b.score - a.score);
  return { label: labels[0]?.c.name ?? '', value: amounts[0]?.c.name ?? '' };
}

function example(table, col) {
  for (let r = 0; r < Math.min(table.rowCount, 100); r++) {
    const text = table.text(r, col).trim();
    if (text) return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  return '';
}

function fileName(src) {
  try {
    const url = new URL(src);
    // The dataset's name rather than an API's last word (…/datasets/<id>/records, …/exports/csv).
    const parts = url.pathname.split('/').filter(Boolean);
    while (parts.length > 1 && GENERIC_PATH.test(parts[parts.length - 1])) parts.pop();
    return decodeURIComponent(parts.pop() || url.hostname);
  } catch {
    return src;
  }
}

/** A short stable id for the iframe, from its address. */
function idFor(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return `vitrine-${(h >>> 0).toString(36)}`;
}

// --- Loading ---------------------------------------------------------------------------------------

function absoluteUrl(raw) {
  try {
    const url = new URL(raw, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The addresses the demo's proxy answers (saved portal answers, scripts/fake-portals.mjs): the
 * APIs and pages of data.gouv.fr, the Opendatasoft Explore API and the CKAN actions. Any other
 * address, a file on another site included, is read directly.
 */
const PROXY_KNOWS = [
  /^https?:\/\/(?:www\.|tabular-api\.)?data\.gouv\.fr\//,
  /\/api\/explore\/v2\.1\/catalog\/datasets(?:[/?#]|$)/,
  /\/api(?:\/3)?\/action\/(?:package_search|package_show|datastore_search)(?:[/?#]|$)/,
];

/** A portal address of another site goes through the demo's proxy by default. */
function suggestProxy() {
  const url = absoluteUrl(urlInput.value.trim());
  proxyBox.checked = !!url && url.origin !== location.origin && PROXY_KNOWS.some((re) => re.test(url.href));
}

async function load() {
  const raw = urlInput.value.trim();
  if (!raw) {
    announce('Indiquez d’abord l’adresse des données.', true);
    urlInput.focus();
    return;
  }
  const url = absoluteUrl(raw);
  if (!url) {
    announce(`« ${raw} » n’est pas une adresse web (elle doit commencer par http:// ou https://).`, true);
    return;
  }
  const proxy = proxyBox.checked ? location.origin + DEMO_PROXY : '';
  const key = JSON.stringify([url.href, proxy]);
  if (key === state.loadedKey) return;
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  const generation = ++state.generation;
  state.loadedKey = key;
  announce(`Lecture de ${fileName(url.href)}…`);
  form.setAttribute('aria-busy', 'true');
  try {
    const result = await loadTable(url.href, { proxy: proxy || undefined, signal: controller.signal });
    if (generation !== state.generation) return;
    state.table = result.table;
    state.src = url.href;
    state.proxy = proxy;
    showColumns(result.table);
    fillOptions(result.table);
    const { rowCount, columns } = result.table;
    const more = result.total && result.total > rowCount ? ` (les ${rowCount} premières sur ${result.total})` : '';
    state.loadedStatus =
      `${rowCount.toLocaleString('fr-FR')} lignes${more} et ${columns.length} colonnes lues. ` +
      'Choisissez un élément et ses options ci-dessous.';
    announce(state.loadedStatus);
    state.previewError = false;
    for (const id of ['element-step', 'preview-step', 'code-step']) $(id).hidden = false;
    state.previewKey = '';
    update();
  } catch (err) {
    if (generation !== state.generation || isAbort(err)) return;
    state.loadedKey = '';
    state.table = undefined;
    for (const id of ['element-step', 'preview-step', 'code-step']) $(id).hidden = true;
    $('columns-box').hidden = true;
    preview.replaceChildren();
    state.previewKey = '';
    const viaProxy = proxy
      ? ' Elles ont été demandées au proxy de la démonstration, qui ne connaît que des réponses de portails enregistrées : décochez « Passer par le proxy de la démonstration » pour lire l’adresse directement.'
      : '';
    announce(`Ces données n’ont pas pu être lues. ${errorMessage('fr', err)}${viaProxy}`, true);
  } finally {
    if (generation === state.generation) form.removeAttribute('aria-busy');
  }
}

function showColumns(table) {
  const body = $('columns-table').tBodies[0];
  body.replaceChildren(
    ...table.columns.map((c) => {
      const tr = document.createElement('tr');
      for (const text of [c.name, TYPE_LABELS[c.type] ?? c.type, example(table, c.index)]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
  $('columns-table').caption.textContent = `Colonnes trouvées (${table.columns.length})`;
  $('columns-box').hidden = false;
}

/** Fills the option controls with the columns of the table just loaded. */
function fillOptions(table) {
  const columns = table.columns;
  const categories = columns.filter((c) => {
    if (!CATEGORY.has(c.type)) return false;
    const n = distinctCount(table, c.index);
    return n >= 2 && n <= MAX_CATEGORIES;
  });
  const numbers = columns.filter((c) => NUMERIC.has(c.type));
  const texts = columns.filter((c) => c.type === 'string' || c.type === 'code');

  // Table.
  // A wide file shows its first columns at first, so that the preview stays readable.
  const readable = columns.filter(
    (c) => !['geometry', 'json'].includes(c.type) && !/^https?:/.test(example(table, c.index)),
  );
  const firstColumns = columns.length > 8 ? readable.slice(0, 6).map((c) => c.name) : [];
  fillChecks($('table-columns'), 'columns', columns, firstColumns);
  fillChecks($('table-facets'), 'facets', categories);
  fillSelect($('table-sort'), 'Ordre du fichier', columns);

  // Map.
  const geo = detectGeo(columns);
  const detected =
    geo?.kind === 'latlon'
      ? `Détecté : latitude « ${columns[geo.lat].name} », longitude « ${columns[geo.lon].name} ».`
      : geo?.kind === 'point'
        ? `Détecté : coordonnées dans « ${columns[geo.point].name} ».`
        : geo?.kind === 'geometry'
          ? `Détecté : géométries dans « ${columns[geo.geometry].name} ».`
          : 'Aucune colonne de coordonnées reconnue : choisissez-les.';
  $('map-detected').textContent = detected;
  fillSelect($('map-lat'), 'Choisir…', numbers, geo?.kind === 'latlon' ? columns[geo.lat].name : '');
  fillSelect($('map-lon'), 'Choisir…', numbers, geo?.kind === 'latlon' ? columns[geo.lon].name : '');
  const pointColumns = columns.filter((c) => c.type === 'geopoint' || c.type === 'string');
  fillSelect($('map-coordinates'), 'Choisir…', pointColumns, geo?.kind === 'point' ? columns[geo.point].name : '');
  fillSelect($('map-color-by'), 'Une seule couleur', categories);
  $('map-cluster').checked = table.rowCount >= 500;

  // Cards.
  fillSelect($('cards-title'), 'Automatique (une colonne de nom)', columns);
  fillSelect($('cards-subtitle'), 'Aucun', columns);
  fillChecks($('cards-fields'), 'card-fields', columns);
  fillSelect($('cards-link'), 'Aucun', columns);

  // Budget.
  const scdl = columns.some((c) => /^bgt_/i.test(c.name));
  form.querySelector(`input[name="budget-mode"][value="${scdl ? 'scdl' : 'generic'}"]`).checked = true;
  // A budget file in the SCDL format is shown as a budget chart at first.
  if (scdl) form.querySelector('input[name="element"][value="budget"]').checked = true;
  const budget = budgetDefaults(table, texts, numbers, categories);
  fillSelect($('budget-label-column'), 'Choisir…', texts, budget.label);
  fillSelect($('budget-value-column'), 'Choisir…', numbers, budget.value);
  $('budget-hint').textContent = scdl
    ? ''
    : !numbers.length
      ? 'Aucune colonne de nombres dans ce fichier : le graphique de budget a besoin d’une colonne de montants.'
      : !budget.value
        ? 'Aucune colonne ne ressemble à des montants (les codes, années et coordonnées sont écartés) : choisissez-la.'
        : '';
}

// --- The element, its preview and the snippets -----------------------------------------------------

function chosenElement() {
  return form.querySelector('input[name="element"]:checked')?.value ?? 'table';
}

/** The attributes of the element, in the order they are written, '' for a boolean attribute. */
function attributesFor(kind) {
  const attrs = [['src', state.src]];
  const label = $('opt-label').value.trim();
  if (label) attrs.push(['label', label]);
  const add = (name, value) => {
    if (value) attrs.push([name, value]);
  };
  const flag = (name, on) => {
    if (on) attrs.push([name, '']);
  };
  if (kind === 'table') {
    add('columns', checkedValues($('table-columns')).join(', '));
    if ($('table-sort').value) add('sort', `${$('table-sort').value} ${$('table-sort-dir').value}`);
    flag('search', $('table-search').checked);
    add('facets', checkedValues($('table-facets')).join(', '));
    add('page-size', $('table-page-size').value);
    flag('download', $('table-download').checked);
  } else if (kind === 'map') {
    const position = $('map-position').value;
    if (position === 'latlon') {
      add('lat', $('map-lat').value);
      add('lon', $('map-lon').value);
    } else if (position === 'coordinates') {
      add('coordinates', $('map-coordinates').value);
    }
    add('color-by', $('map-color-by').value);
    flag('cluster', $('map-cluster').checked);
    add('tiles', $('map-tiles').value);
  } else if (kind === 'cards') {
    add('card-title', $('cards-title').value);
    add('card-subtitle', $('cards-subtitle').value);
    add('card-fields', checkedValues($('cards-fields')).join(', '));
    add('card-link', $('cards-link').value);
    flag('search', $('cards-search').checked);
  } else if (kind === 'budget') {
    if (form.querySelector('input[name="budget-mode"]:checked')?.value === 'generic') {
      add('label-column', $('budget-label-column').value);
      add('value-column', $('budget-value-column').value);
    } else {
      add('direction', $('budget-direction').value);
      add('group-by', $('budget-group-by').value);
    }
    add('chart', $('budget-chart').value);
    if ($('budget-controls').checked) add('controls', 'none');
  }
  add('proxy', state.proxy);
  flag('presentation', $('opt-presentation').checked);
  return attrs;
}

function titleFor(kind) {
  return $('opt-label').value.trim() || `${NAMES[kind]} — ${fileName(state.src)}`;
}

/** The element as HTML, one attribute a line, values escaped. */
function elementHtml(tag, attrs) {
  const lines = attrs.map(([name, value]) => (value === '' ? `  ${name}` : `  ${name}="${escapeHtml(value)}"`));
  return `<${tag}\n${lines.join('\n')}\n></${tag}>`;
}

function embedUrl(kind, attrs, title, id) {
  const params = [['el', kind], ...attrs, ['title', title], ['id', id]];
  if ($('opt-dsfr').checked) params.push(['theme', 'dsfr']);
  const query = params.map(([k, v]) => (v === '' ? queryPart(k) : `${queryPart(k)}=${queryPart(v)}`)).join('&');
  return new URL(`embed.html?${query}`, location.href).href;
}

function iframeHtml(src, title, id, height) {
  const resize = new URL('embed-resize.js', location.href).href;
  return [
    '<iframe',
    `  id="${escapeHtml(id)}"`,
    `  src="${escapeHtml(src)}"`,
    `  title="${escapeHtml(title)}"`,
    '  width="100%"',
    `  height="${height}"`,
    '  style="width: 100%; border: 0"',
    '  loading="lazy"',
    '></iframe>',
    `<script src="${escapeHtml(resize)}" async></script>`,
  ].join('\n');
}

function showPanels(kind) {
  for (const panel of form.querySelectorAll('.options[data-element]')) panel.hidden = panel.dataset.element !== kind;
  const position = $('map-position').value;
  $('map-latlon').hidden = position !== 'latlon';
  $('map-coordinates-field').hidden = position !== 'coordinates';
  const generic = form.querySelector('input[name="budget-mode"]:checked')?.value === 'generic';
  $('budget-generic').hidden = !generic;
  $('budget-scdl').hidden = generic;
}

function renderPreview(tag, attrs) {
  const key = JSON.stringify([tag, attrs]);
  if (key === state.previewKey) return;
  state.previewKey = key;
  // An error of the previous preview is not this one's: the status line says what was loaded again.
  if (state.previewError) {
    state.previewError = false;
    announce(state.loadedStatus);
  }
  // A new element each time: the preview is what a fresh page with this HTML shows.
  const el = document.createElement(tag);
  for (const [name, value] of attrs) el.setAttribute(name, value);
  preview.replaceChildren(el);
}

/** The DSFR theme on the configurator page itself while its box is ticked, so the preview shows it. */
function applyTheme() {
  let link = document.getElementById('preview-theme');
  if (!$('opt-dsfr').checked) {
    link?.remove();
    return;
  }
  if (!link) {
    link = document.createElement('link');
    link.id = 'preview-theme';
    link.rel = 'stylesheet';
    link.href = new URL('../src/themes/dsfr.css', import.meta.url).href;
    document.head.append(link);
  }
}

function renderSnippets(kind, tag, attrs) {
  const script = scriptUrl();
  // The DSFR theme is beside the script, in dist/themes/ (on the CDN as in a copy of dist/).
  const dsfr = script.replace(/[^/]*$/, 'themes/dsfr.css');
  const theme = $('opt-dsfr').checked ? `<link rel="stylesheet" href="${escapeHtml(dsfr)}" />\n` : '';
  $('snippet-html').value =
    `${theme}<script type="module" src="${escapeHtml(script)}"></script>\n\n${elementHtml(tag, attrs)}`;
  const title = titleFor(kind);
  const id = idFor(JSON.stringify([kind, attrs]));
  const src = embedUrl(kind, attrs, title, id);
  const height = Math.max(150, Math.ceil((state.height || 480) / 10) * 10);
  $('snippet-iframe').value = iframeHtml(src, title, id, height);
  $('embed-link').href = src;
}

function update() {
  if (!state.table) return;
  const kind = chosenElement();
  showPanels(kind);
  const tag = TAGS[kind];
  const attrs = attributesFor(kind);
  applyTheme();
  renderPreview(tag, attrs);
  renderSnippets(kind, tag, attrs);
}

// --- Copy ------------------------------------------------------------------------------------------

async function copy(textarea) {
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(textarea.value);
    status.textContent = 'Code copié. Collez-le dans votre page.';
  } catch {
    // No clipboard (a page not served over HTTPS, a refused permission): select the text instead.
    textarea.focus();
    textarea.select();
    status.textContent = 'Copie automatique impossible : le code est sélectionné, copiez-le avec Ctrl+C (ou ⌘+C).';
  }
}

// --- Wiring ----------------------------------------------------------------------------------------

let typing = 0;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
urlInput.addEventListener('input', suggestProxy);
// Leaving the field reads the address only when it goes further than a site's name: a half-typed
// "https://data.exemple" waits for Enter or the button instead of showing a 404.
urlInput.addEventListener('change', () => {
  const url = absoluteUrl(urlInput.value.trim());
  if (url && url.pathname.length > 1) load();
});
urlInput.addEventListener('paste', () => setTimeout(() => (suggestProxy(), load())));
// Ticking or unticking the proxy reads the address again, after a failed load too.
proxyBox.addEventListener('change', () => {
  if (urlInput.value.trim()) load();
});
for (const button of document.querySelectorAll('button[data-url]')) {
  button.addEventListener('click', () => {
    urlInput.value = button.dataset.url;
    suggestProxy();
    load();
  });
}
form.addEventListener('change', (event) => {
  if (event.target === urlInput || event.target === proxyBox) return;
  update();
});
// Text fields update the preview once typing pauses; selects and boxes at once (change above).
form.addEventListener('input', (event) => {
  if (event.target === urlInput || event.target.type !== 'text') return;
  clearTimeout(typing);
  typing = setTimeout(update, 300);
});
$('script-url').placeholder = CDN_URL;
$('script-url').addEventListener('input', () => {
  if (!state.table) return;
  const kind = chosenElement();
  renderSnippets(kind, TAGS[kind], attributesFor(kind));
});
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', () => copy($(button.dataset.copy)));
}
// The preview tells what went wrong (a column that does not exist…) in the live region too.
preview.addEventListener('vitrine-error', (event) => {
  state.previewError = true;
  announce(`L’aperçu signale une erreur : ${event.detail.message}`, true);
});
new ResizeObserver(() => {
  const height = Math.ceil(preview.getBoundingClientRect().height);
  if (!state.table || height === state.height || height === 0) return;
  state.height = height;
  const kind = chosenElement();
  renderSnippets(kind, TAGS[kind], attributesFor(kind));
}).observe(preview);

// configurator.html?url=… opens with that address loaded.
const initial = new URLSearchParams(location.search).get('url');
if (initial) {
  urlInput.value = initial;
  suggestProxy();
  load();
}

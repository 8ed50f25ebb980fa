import { expect } from '@open-wc/testing';
import { crossOrigin } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

// demo/configurator.html, loaded in an iframe as a person opens it. Expected values are read from
// the CSV text itself (split on ';': the observatory file has no quoted field), not from Vitrine.
const CSV = '/demo/data/odf-observatoire.csv';

const frames: HTMLIFrameElement[] = [];

/** An iframe of `width` × `height` px on the test page, once its document (and module scripts) loaded. */
async function frame(init: { src?: string; srcdoc?: string }, width = 1280, height = 1000): Promise<HTMLIFrameElement> {
  const f = document.createElement('iframe');
  f.style.width = `${width}px`;
  f.style.height = `${height}px`;
  f.style.border = '0';
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  if (init.srcdoc !== undefined) f.srcdoc = init.srcdoc;
  if (init.src) f.src = init.src;
  document.body.append(f);
  frames.push(f);
  await loaded;
  return f;
}

const plain = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

interface Csv {
  header: string[];
  rows: string[][];
}
async function readCsv(): Promise<Csv> {
  const text = await (await fetch(CSV)).text();
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  expect(text.includes('"'), 'the observatory file has no quoted field').to.equal(false);
  return { header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')) };
}

/** The configurator page: its document and a few actions on its form. */
class Configurator {
  constructor(readonly frame: HTMLIFrameElement) {}
  get doc(): Document {
    return this.frame.contentDocument!;
  }
  $<E extends Element = HTMLElement>(selector: string): E {
    const el = this.doc.querySelector<E>(selector);
    if (!el) throw new Error(`no ${selector} in the configurator`);
    return el;
  }
  async load(url: string): Promise<void> {
    this.$<HTMLInputElement>('#data-url').value = url;
    this.$<HTMLFormElement>('#configurator').requestSubmit();
  }
  /** Sets a select or text field and fires what a person's edit fires. */
  set(selector: string, value: string): void {
    const el = this.$<HTMLInputElement | HTMLSelectElement>(selector);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
  check(selector: string, on = true): void {
    const box = this.$<HTMLInputElement>(selector);
    if (box.checked !== on) box.click();
  }
  choose(element: 'table' | 'map' | 'cards' | 'budget'): void {
    this.$<HTMLInputElement>(`input[name="element"][value="${element}"]`).click();
  }
  get snippet(): string {
    return this.$<HTMLTextAreaElement>('#snippet-html').value;
  }
  get iframeSnippet(): string {
    return this.$<HTMLTextAreaElement>('#snippet-iframe').value;
  }
  get preview(): HTMLElement {
    return this.$('#preview > *');
  }
  get status(): string {
    return plain(this.$('#status').textContent);
  }
}

async function openConfigurator(): Promise<Configurator> {
  return new Configurator(await frame({ src: '/demo/configurator.html' }));
}

/** Pastes the element HTML of the snippet into a blank page that loads /src/index.ts instead of the CDN. */
async function pasted(snippet: string, cdn: string, width: number): Promise<Document> {
  const script = `<script type="module" src="${cdn}"></script>`;
  expect(snippet.startsWith(script), 'the snippet starts with the CDN script tag').to.equal(true);
  const html = snippet.replace(script, '<script type="module" src="/src/index.ts"></script>');
  const f = await frame(
    { srcdoc: `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>${html}</body></html>` },
    width,
  );
  // No margin, so the element is exactly as wide as the preview's.
  f.contentDocument!.body.style.margin = '0';
  return f.contentDocument!;
}

const tableHeaders = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => plain(th.textContent));
const tableRows = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr[part~="row"]')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => plain(td.textContent)),
  );
const legend = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[part="legend"] li')].map((li) => plain(li.textContent));
/** Places in view: the counts of the clusters plus the single points. */
const placesInView = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('.vitrine-cluster')].reduce((n, c) => n + Number(c.textContent), 0) +
  el.shadowRoot!.querySelectorAll('.vitrine-point').length;

describe('demo/configurator.html', () => {
  let version: string;
  let cdn: string;
  before(async () => {
    version = (await (await fetch('/package.json')).json()).version;
    cdn = `https://cdn.jsdelivr.net/npm/vitrine@${version}/dist/vitrine.js`;
  });
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  it('lists the columns of the observatory CSV with their types, and announces what it read', async () => {
    const { header, rows } = await readCsv();
    const c = await openConfigurator();
    expect(c.$('#element-step').hidden, 'no options before data').to.equal(true);
    await c.load(CSV);
    await until(() => c.doc.querySelectorAll('#columns-table tbody tr').length, 'the list of columns');
    const listed = [...c.doc.querySelectorAll('#columns-table tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => plain(td.textContent)),
    );
    expect(listed.map((r) => r[0])).to.deep.equal(header);
    const typeOf = Object.fromEntries(listed.map((r) => [r[0], r[1]]));
    // Read from the file: names are text, counts whole numbers, coordinates decimals, SIREN and
    // département codes stay text (leading zeros, 2A/2B), `boolean` holds true/false/0/1.
    expect(typeOf['nom']).to.equal('texte');
    expect(typeOf['nb_ptf']).to.equal('nombre entier');
    expect(typeOf['lat']).to.equal('nombre décimal');
    expect(typeOf['siren']).to.equal('code (gardé en texte)');
    expect(typeOf['depcode']).to.equal('code (gardé en texte)');
    expect(typeOf['boolean']).to.equal('oui / non');
    // The first example shown is the first non-empty cell of the column.
    expect(listed[header.indexOf('nom')][2]).to.equal(rows[0][header.indexOf('nom')]);
    const status = c.$('#status');
    expect(status.getAttribute('role')).to.equal('status');
    expect(c.status).to.contain(`${rows.length} lignes`).and.contain(`${header.length} colonnes`);
    expect(c.$('#element-step').hidden).to.equal(false);
  });

  it('announces a file that cannot be read, in French, and offers no element', async () => {
    const c = await openConfigurator();
    await c.load('/demo/data/introuvable.csv');
    await until(() => c.$('#status').classList.contains('error'), 'the error message');
    expect(c.status).to.match(/^Ces données n’ont pas pu être lues\. .+/);
    expect(c.$('#element-step').hidden).to.equal(true);
    expect(c.doc.querySelector('#preview > *')).to.equal(null);
  });

  it('a table with options: the snippet pasted into a blank page shows what the preview shows', async () => {
    const { header, rows } = await readCsv();
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    c.choose('table');
    for (const box of c.doc.querySelectorAll<HTMLInputElement>('#table-columns input')) {
      if (box.checked) box.click();
    }
    for (const name of ['nom', 'type', 'pop_insee']) c.check(`#table-columns input[value="${name}"]`);
    c.check('#table-search');
    c.check('#table-facets input[value="type"]');
    c.set('#table-page-size', '10');
    c.check('#table-download');

    const snippet = await until(() => c.snippet.includes('download') && c.snippet, 'the snippet');
    const src = new URL(CSV, location.href).href;
    expect(snippet).to.equal(
      `<script type="module" src="${cdn}"></script>\n\n` +
        '<vitrine-table\n' +
        `  src="${src}"\n` +
        '  columns="nom, type, pop_insee"\n' +
        '  search\n' +
        '  facets="type"\n' +
        '  page-size="10"\n' +
        '  download\n' +
        '></vitrine-table>',
    );

    const shown = c.preview;
    expect(shown.localName).to.equal('vitrine-table');
    await until(() => tableRows(shown).length === 10 && shown, 'the preview rows');
    const nom = header.indexOf('nom');
    const type = header.indexOf('type');
    expect(tableHeaders(shown)).to.deep.equal(['nom', 'type', 'pop_insee']);
    expect(tableRows(shown).map((r) => r.slice(0, 2))).to.deep.equal(rows.slice(0, 10).map((r) => [r[nom], r[type]]));
    expect(shown.shadowRoot!.querySelector('[part~="search"]'), 'search box').to.exist;
    expect(shown.shadowRoot!.querySelector('[part~="download"]'), 'download button').to.exist;

    const doc = await pasted(snippet, cdn, shown.getBoundingClientRect().width);
    const copy = await until(() => {
      const el = doc.querySelector('vitrine-table');
      return el?.shadowRoot && tableRows(el).length === 10 ? el : undefined;
    }, 'the pasted table');
    expect(tableHeaders(copy)).to.deep.equal(tableHeaders(shown));
    expect(tableRows(copy)).to.deep.equal(tableRows(shown));
    const facetValues = (el: Element) =>
      [...el.shadowRoot!.querySelectorAll('[part~="facet"] option')].map((l) => plain(l.textContent));
    expect(facetValues(copy)).to.deep.equal(facetValues(shown));
    expect(facetValues(shown).length).to.be.greaterThan(1);
  });

  it('a map with options: the pasted snippet draws the same places and legend as the preview', async () => {
    const { header, rows } = await readCsv();
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    c.choose('map');
    c.set('#map-position', 'latlon');
    c.set('#map-lat', 'lat');
    c.set('#map-lon', 'lon');
    c.set('#map-color-by', 'type');
    c.check('#map-cluster');
    c.set('#map-tiles', 'none');

    const snippet = await until(() => c.snippet.includes('tiles="none"') && c.snippet, 'the map snippet');
    expect(snippet).to.contain('<vitrine-map\n');
    for (const attr of ['lat="lat"', 'lon="lon"', 'color-by="type"', '\n  cluster\n', 'tiles="none"']) {
      expect(snippet).to.contain(attr);
    }
    expect(c.iframeSnippet).to.match(/embed\.html\?el=map&amp;src=/);

    const shown = c.preview;
    expect(shown.localName).to.equal('vitrine-map');
    await until(() => legend(shown).length && placesInView(shown), 'the preview map');

    // Independently: the types counted in the file, the 7 most frequent then "Autres".
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[header.indexOf('type')], (counts.get(r[header.indexOf('type')]) ?? 0) + 1);
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    const expected = [
      ...sorted.slice(0, 7).map(([t, n]) => `${t} (${n})`),
      `Autres (${sorted.slice(7).reduce((s, [, n]) => s + n, 0)})`,
    ];
    expect(legend(shown)).to.deep.equal(expected);
    const summary = (el: Element) => plain(el.shadowRoot!.querySelector('[part="summary"]')?.textContent);
    expect(summary(shown)).to.equal(`${rows.length} lieux affichés`);

    const doc = await pasted(snippet, cdn, shown.getBoundingClientRect().width);
    const copy = await until(() => {
      const el = doc.querySelector('vitrine-map');
      return el?.shadowRoot && legend(el).length > 0 && placesInView(el) > 0 ? el : undefined;
    }, 'the pasted map');
    expect(legend(copy)).to.deep.equal(legend(shown));
    expect(summary(copy)).to.equal(summary(shown));
    expect(copy.getBoundingClientRect().width).to.equal(shown.getBoundingClientRect().width);
    expect(placesInView(copy)).to.equal(placesInView(shown));
  });

  it('escapes quotes, < and & in the snippets, and the pasted page reads back the same text', async () => {
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    c.choose('table');
    const label = 'Budget "2024" <b>été</b> & <img src=x onerror="parent.__pwned = 1">';
    c.set('#opt-label', label);
    const snippet = await until(() => c.snippet.includes('label=') && c.snippet, 'the labelled snippet');
    expect(snippet).to.contain(
      '  label="Budget &quot;2024&quot; &lt;b&gt;été&lt;/b&gt; &amp; &lt;img src=x onerror=&quot;parent.__pwned = 1&quot;&gt;"\n',
    );
    expect(c.preview.getAttribute('label')).to.equal(label);

    const doc = await pasted(snippet, cdn, 800);
    const copy = await until(() => doc.querySelector('vitrine-table'), 'the pasted table');
    expect(copy.getAttribute('label')).to.equal(label);
    expect(doc.querySelectorAll('b, img').length).to.equal(0);
    await until(() => copy.shadowRoot?.querySelector('caption'), 'the caption');
    expect(plain(copy.shadowRoot!.querySelector('caption')!.textContent)).to.equal(label);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);

    // The iframe snippet, read by an inert parser: its title and its address give back the label.
    const parsed = new DOMParser().parseFromString(c.iframeSnippet, 'text/html');
    const iframe = parsed.querySelector('iframe')!;
    expect(iframe.title).to.equal(label);
    const params = new URL(iframe.getAttribute('src')!).searchParams;
    expect(params.get('el')).to.equal('table');
    expect(params.get('label')).to.equal(label);
    expect(params.get('title')).to.equal(label);
    expect(Number(iframe.getAttribute('height'))).to.be.greaterThan(100);
    expect(parsed.querySelector('script')!.getAttribute('src')).to.equal(
      new URL('/demo/embed-resize.js', location.href).href,
    );
  });

  it('loads the snippet version of the CDN script from package.json', async () => {
    const c = await openConfigurator();
    await c.load(CSV);
    const snippet = await until(() => c.snippet, 'a snippet');
    expect(snippet.split('\n')[0]).to.equal(
      `<script type="module" src="https://cdn.jsdelivr.net/npm/vitrine@${version}/dist/vitrine.js"></script>`,
    );
  });

  it('the DSFR theme and presentation mode: in the preview, the snippet and the iframe', async () => {
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    const textColour = () => getComputedStyle(c.preview).getPropertyValue('--vitrine-color-text').trim();
    const before = textColour();
    c.check('#opt-dsfr');
    c.check('#opt-presentation');
    const snippet = await until(() => c.snippet.includes('presentation') && c.snippet, 'the snippet with the options');
    const lines = snippet.split('\n');
    expect(lines[0]).to.equal(
      `<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/vitrine@${version}/dist/themes/dsfr.css" />`,
    );
    expect(lines[1]).to.equal(`<script type="module" src="${cdn}"></script>`);
    expect(lines).to.include('  presentation');
    const src = new URL(c.$<HTMLAnchorElement>('#embed-link').href);
    expect(src.searchParams.get('theme')).to.equal('dsfr');
    expect(src.searchParams.has('presentation')).to.equal(true);
    // The preview wears both: the attribute, and the theme's text colour (#3a3a3a, not the default).
    expect(c.preview.hasAttribute('presentation')).to.equal(true);
    const themed = await until(() => textColour() !== before && textColour(), 'the theme on the preview');
    expect(themed).to.contain('#3a3a3a');
    // Unticked: the snippet and the preview are back to plain.
    c.check('#opt-dsfr', false);
    c.check('#opt-presentation', false);
    await until(() => !c.snippet.includes('presentation') && !c.snippet.includes('dsfr.css'), 'the plain snippet');
    expect(c.preview.hasAttribute('presentation')).to.equal(false);
    expect(textColour()).to.equal(before);
  });

  it('cards and budget: the preview is the element chosen, with its options', async () => {
    const c = await openConfigurator();
    await c.load('/demo/data/budget-crach-ca-2021.csv');
    await until(() => !c.$('#element-step').hidden, 'the options');
    c.choose('budget');
    expect(c.$<HTMLInputElement>('input[name="budget-mode"][value="scdl"]').checked, 'an SCDL file').to.equal(true);
    c.set('#budget-direction', 'recettes');
    c.set('#budget-chart', 'doughnut');
    const snippet = await until(() => c.snippet.includes('chart=') && c.snippet, 'the budget snippet');
    expect(snippet).to.contain('<vitrine-budget\n').and.contain('direction="recettes"').and.contain('chart="doughnut"');
    expect(c.preview.localName).to.equal('vitrine-budget');
    expect(c.preview.getAttribute('direction')).to.equal('recettes');
    await until(() => c.preview.shadowRoot?.querySelector('[part="title"]'), 'the budget title');
    expect(plain(c.preview.shadowRoot!.querySelector('[part="title"]')!.textContent)).to.match(/^Recettes/);

    c.choose('cards');
    c.set('#cards-title', 'BGT_NATURE_LABEL');
    const cards = await until(() => c.snippet.includes('<vitrine-cards') && c.snippet, 'the cards snippet');
    expect(cards).to.contain('card-title="BGT_NATURE_LABEL"');
    expect(c.preview.localName).to.equal('vitrine-cards');
    expect(c.$('#options-cards').hidden).to.equal(false);
    expect(c.$('#options-budget').hidden).to.equal(true);
  });

  it('reads a file of another site directly; the demo proxy is ticked only for a portal address', async () => {
    const { rows } = await readCsv();
    const other = await crossOrigin();
    const c = await openConfigurator();
    const proxy = c.$<HTMLInputElement>('#use-proxy');
    const type = (url: string) => {
      const input = c.$<HTMLInputElement>('#data-url');
      input.value = url;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('https://data.exemple.fr/api/explore/v2.1/catalog/datasets/sanisettesparis/records');
    expect(proxy.checked, 'an Opendatasoft API').to.equal(true);
    type('https://www.data.gouv.fr/fr/datasets/budget-primitif/');
    expect(proxy.checked, 'a data.gouv.fr page').to.equal(true);
    type(`${other}/cors${CSV}`);
    expect(proxy.checked, 'a plain file of another site').to.equal(false);
    c.$<HTMLFormElement>('#configurator').requestSubmit();
    await until(() => /lignes/.test(c.status) && c.status, 'the file read');
    expect(c.status).to.match(new RegExp(`^${rows.length} lignes et`));

    // Through the proxy by hand: the demo proxy knows no such file, and the message says what to do;
    // unticking it reads the address again.
    c.check('#use-proxy');
    const failed = await until(() => /n’ont pas pu être lues/.test(c.status) && c.status, 'the failure');
    expect(failed).to.contain('décochez « Passer par le proxy de la démonstration »');
    c.check('#use-proxy', false);
    await until(() => /lignes et/.test(c.status), 'the file read again');
    expect(c.$('#element-step').hidden).to.equal(false);
  });

  it('leaving the address field reads it only when it is more than a site’s name', async () => {
    const c = await openConfigurator();
    const input = c.$<HTMLInputElement>('#data-url');
    const leave = (url: string) => {
      input.value = url;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    leave('https://data.exemple'); // half typed
    expect(c.status).to.equal('');
    leave(CSV); // load() announces the reading at once
    expect(c.status).to.equal('Lecture de odf-observatoire.csv…');
    await until(() => /lignes et/.test(c.status), 'the file read');
  });

  it('a preview error leaves the status line when the next preview is fine', async () => {
    const c = await openConfigurator();
    await c.load('/demo/data/lot-subventions-2017.csv');
    const loaded = await until(() => /lignes et/.test(c.status) && c.status, 'the file read');
    c.choose('map'); // no coordinates in this file
    await until(() => /L’aperçu signale une erreur/.test(c.status), 'the map’s error in the status line');
    expect(c.$('#status').classList.contains('error')).to.equal(true);
    c.choose('table');
    expect(c.status).to.equal(loaded);
    expect(c.$('#status').classList.contains('error')).to.equal(false);
  });

  it('a budget chart of a file that is not SCDL: the amounts are never a code or a year', async () => {
    // Poitiers' subsidies: ANNEE (years), COLL_SIRET and ATTRIB_SIRET (identifiers written as
    // decimals), SUB_MONTANT (the amounts); COLL_NOM is the same on every row.
    const c = await openConfigurator();
    await c.load('/test/fixtures/scdl/subventions/SCDL_COM_Poitiers_subventions-associations-2017.csv');
    await until(() => !c.$('#element-step').hidden, 'the options');
    c.choose('budget');
    expect(c.$<HTMLInputElement>('input[name="budget-mode"][value="generic"]').checked).to.equal(true);
    expect(c.$<HTMLSelectElement>('#budget-value-column').value).to.equal('SUB_MONTANT');
    expect(c.$<HTMLSelectElement>('#budget-label-column').value).to.equal('ATTRIB_NOM');
    expect(c.$('#budget-hint').textContent).to.equal('');
    const snippet = await until(() => c.snippet.includes('<vitrine-budget') && c.snippet, 'the budget snippet');
    expect(snippet).to.contain('label-column="ATTRIB_NOM"').and.contain('value-column="SUB_MONTANT"');

    // Four départements: a code and a name, no amount. Nothing is chosen, the hint says why and
    // the preview asks for the column.
    await c.load('/test/fixtures/geo/departements-bretagne.geojson');
    await until(() => c.$<HTMLSelectElement>('#budget-label-column').value === 'nom', 'the new file’s columns');
    c.choose('budget');
    expect(c.$<HTMLSelectElement>('#budget-value-column').value).to.equal('');
    expect(c.$('#budget-hint').textContent).to.match(
      /Aucune colonne ne ressemble à des montants|Aucune colonne de nombres/,
    );
    const message = await until(
      () => plain(c.preview.shadowRoot?.querySelector('[part~="error"]')?.textContent),
      'the preview’s message',
    );
    expect(message).to.contain('L’attribut value-column est nécessaire');
  });

  it('a self-hosted copy: the snippet loads the script, and the DSFR theme, from the address given', async () => {
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    const cdnScript = `<script type="module" src="${cdn}"></script>`;
    await until(() => c.snippet.startsWith(cdnScript), 'the CDN script by default');
    const own = c.$<HTMLInputElement>('#script-url');
    own.value = '/medias/vitrine/vitrine.js';
    own.dispatchEvent(new Event('input', { bubbles: true }));
    expect(c.snippet.startsWith('<script type="module" src="/medias/vitrine/vitrine.js"></script>')).to.equal(true);
    c.check('#opt-dsfr');
    await until(() => c.snippet.includes('dsfr.css'), 'the theme link');
    expect(c.snippet.split('\n').slice(0, 2)).to.deep.equal([
      '<link rel="stylesheet" href="/medias/vitrine/themes/dsfr.css" />',
      '<script type="module" src="/medias/vitrine/vitrine.js"></script>',
    ]);
    // Not an address (a word, a javascript: URL): the CDN again.
    for (const value of ['vitrine', 'javascript:alert(1)']) {
      own.value = value;
      own.dispatchEvent(new Event('input', { bubbles: true }));
      expect(c.snippet).to.contain(cdnScript);
    }
  });

  it('every control has a label, and the copy buttons copy or select the code', async () => {
    const c = await openConfigurator();
    await c.load(CSV);
    await until(() => !c.$('#element-step').hidden, 'the options');
    await until(() => c.preview.shadowRoot?.querySelector('tbody tr'), 'the preview');
    // axe-core runs inside the page's own document (it does not reach into an iframe from outside).
    const axeScript = c.doc.createElement('script');
    const axeLoaded = new Promise((r) => axeScript.addEventListener('load', r, { once: true }));
    axeScript.src = '/node_modules/axe-core/axe.min.js';
    c.doc.head.append(axeScript);
    await axeLoaded;
    const axe = (c.frame.contentWindow as unknown as { axe: { run(ctx: Element): Promise<AxeResults> } }).axe;
    const { violations } = await axe.run(c.$('main'));
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
    for (const control of c.doc.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      const named = control.labels?.length || control.getAttribute('aria-label');
      expect(named, `a label for ${control.outerHTML.slice(0, 80)}`).to.be.ok;
    }
    // The clipboard needs a permission the test browser may not give: either way, the person
    // is told, and without it the code is selected for Ctrl+C.
    c.$('#copy-html').click();
    const said = await until(() => plain(c.$('#copy-status').textContent), 'the copy message');
    const area = c.$<HTMLTextAreaElement>('#snippet-html');
    if (said.startsWith('Copie automatique impossible')) {
      expect(c.doc.activeElement).to.equal(area);
      expect(area.selectionEnd - area.selectionStart).to.equal(area.value.length);
    } else {
      expect(said).to.equal('Code copié. Collez-le dans votre page.');
    }
  });
});

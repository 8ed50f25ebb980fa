/**
 * <vitrine-cards> with records: the OpenDataFrance observatory (891 organisations) and the Paris
 * public toilets (Opendatasoft CSV export, 615 records), images, hostile cells, the grid, the
 * keyboard and axe. Expected figures were computed from the files with Python's csv module.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/cards/cards.ts';
import type { VitrineCards } from '../../src/components/cards/cards.component.ts';
import type { VitrineErrorEvent, VitrineSelectEvent } from '../../src/internal/events.ts';
import { elementWith, failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';

const OBSERVATORY = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const SANISETTES = '/test/fixtures/api-responses/opendatasoft/exports_csv_paris_sanisettes.csv';

function cards(el: Element): HTMLLIElement[] {
  return [...root(el).querySelectorAll<HTMLLIElement>('li[part~="card"]')];
}

function part(card: Element, name: string): string {
  return plain(card.querySelector(`[part~="${name}"]`)?.textContent);
}

/** The "label: value" lines of a card. */
function fields(card: Element): string[] {
  return [...card.querySelectorAll('[part="fields"] div')].map(
    (d) => `${plain(d.querySelector('dt')?.textContent)}: ${plain(d.querySelector('dd')?.textContent)}`,
  );
}

function footer(el: Element): string {
  return plain(root(el).querySelector('[part="footer"] [aria-live]')?.textContent);
}

async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

const observatory = {
  src: OBSERVATORY,
  'card-title': 'nom',
  'card-subtitle': 'dep_label',
  'card-template': '{nom} publie {nb_ptf} jeux de données',
  'card-tags': 'tags',
  'card-link': 'url_ptf',
  'card-fields': 'type = Type, pop_insee = Population : integer',
};

describe('<vitrine-cards> records', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  it('shows the observatory as a list of cards, 12 at first, with title, subtitle, template sentence, fields and tags', async () => {
    const { el, event } = await elementWith('vitrine-cards', observatory);
    expect(event.type).to.equal('vitrine-load');
    expect((event as CustomEvent).detail.rowCount).to.equal(891);
    const list = root(el).querySelector('ul[part="list"]')!;
    expect(list.getAttribute('role')).to.equal('list');
    const all = cards(el);
    expect(all.length).to.equal(12);
    const first = all[0];
    expect(part(first, 'title')).to.equal('ACIGNE');
    expect(first.querySelector('[part="title"]')!.getAttribute('role')).to.equal('heading');
    expect(first.querySelector('[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    const link = first.querySelector<HTMLAnchorElement>('a[part="link"]')!;
    expect(link.href).to.equal(
      new URL('https://data.rennesmetropole.fr/explore/?sort=modified&refine.publisher=Commune+d%27Acigné').href,
    );
    expect(part(first, 'subtitle')).to.equal('Ille-et-Vilaine');
    expect(part(first, 'text')).to.equal('ACIGNE publie 4 jeux de données');
    expect(fields(first)).to.deep.equal(['Type: COM', 'Population: 6 275']);
    expect([...first.querySelectorAll('[part="tag"]')].map((t) => plain(t.textContent))).to.deep.equal([
      'Social-Citoyenneté',
    ]);
    // ADACL Landes has no nb_ptf: no sentence with a hole.
    expect(part(all[1], 'title')).to.equal('ADACL Landes');
    expect(all[1].querySelector('[part="text"]')).to.equal(null);
    expect(footer(el)).to.equal('12 fiches affichées sur 891');
  });

  it('"Voir plus" adds a page of cards and moves the focus to the first new one', async () => {
    const { el } = await elementWith('vitrine-cards', { ...observatory, 'page-size': '6' });
    expect(cards(el).length).to.equal(6);
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await el.updateComplete;
    await frame();
    const all = cards(el);
    expect(all.length).to.equal(12);
    expect(part(all[6], 'title')).to.equal('AHAXE-ALCIETTE-BASCASSAN');
    expect(root(el).activeElement === all[6].querySelector('[part="link"]')).to.equal(true);
    expect(footer(el)).to.equal('12 fiches affichées sur 891');
  });

  it('sorts, searches and filters with the table attributes', async () => {
    const { el } = await elementWith('vitrine-cards', {
      ...observatory,
      sort: 'pop_insee desc',
      search: '',
      facets: 'type',
    });
    expect(
      cards(el)
        .slice(0, 3)
        .map((c) => part(c, 'title')),
    ).to.deep.equal(['ILE DE FRANCE', 'AUVERGNE RHONE ALPES', 'HAUTS DE FRANCE']);
    const select = root(el).querySelector<HTMLSelectElement>('[part="facet"] select')!;
    expect(plain(root(el).querySelector('[part="facet"] label')?.textContent)).to.equal('Type');
    select.value = 'REG';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(footer(el)).to.equal('12 fiches affichées sur 16');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    const input = root(el).querySelector<HTMLInputElement>('[part="search"] input')!;
    input.value = 'rénnes';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    // Accent-insensitive, over the card's columns: "Rennes" in 4 names, and in no subtitle, tag or type.
    const titles = cards(el).map((c) => part(c, 'title'));
    expect(titles.length).to.equal(4);
    for (const title of titles) expect(title.toLowerCase()).to.contain('rennes');
    expect(footer(el)).to.equal('4 fiches affichées sur 4');
    expect(el.rows.length).to.equal(4);
  });

  it('heading-level sets the level of every card title', async () => {
    const { el } = await elementWith('vitrine-cards', { ...observatory, 'heading-level': '2' });
    const levels = new Set(cards(el).map((c) => c.querySelector('[part="title"]')!.getAttribute('aria-level')));
    expect([...levels]).to.deep.equal(['2']);
  });

  it('fires vitrine-select with the record on click, and a listener can keep the link from being followed', async () => {
    const { el } = await elementWith('vitrine-cards', observatory);
    const before = location.href;
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    el.addEventListener('vitrine-select', (e) => e.preventDefault(), { once: true });
    cards(el)[2].querySelector<HTMLAnchorElement>('a[part="link"]')!.click();
    const event = await selected;
    expect(event.detail.record.nom).to.equal('ADEUPa');
    expect(event.detail.index).to.equal(2);
    expect(location.href).to.equal(before);
  });

  it('without card-link the title is a button that Enter activates, with the card as its click target', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: SANISETTES,
      'card-title': 'ADRESSE',
      'card-subtitle': 'ARRONDISSEMENT',
      'card-fields': 'HORAIRE = Horaires, ACCES_PMR = Accès PMR',
      facets: 'ACCES_PMR',
    });
    expect(el.table!.rowCount).to.equal(615);
    const first = cards(el)[0];
    const button = first.querySelector<HTMLButtonElement>('button[part="link"]')!;
    expect(plain(button.textContent)).to.equal('92102 RUE BLOMET');
    expect(part(first, 'subtitle')).to.equal('75015');
    // The card's area clicks through to the button (its ::after covers the card).
    const box = first.getBoundingClientRect();
    const hit = root(el).elementFromPoint(box.right - 4, box.bottom - 4);
    expect(hit === button).to.equal(true);
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(plain(String((await selected).detail.record.ADRESSE))).to.equal('92102 RUE BLOMET');
    const facet = root(el).querySelector<HTMLSelectElement>('[part="facet"] select')!;
    const options = [...facet.options].map((o) => plain(o.textContent));
    // 508 Oui, 106 Non, 1 empty (Python csv).
    expect(options.slice(0, 1)).to.deep.equal(['Toutes (615)']);
    expect(options).to.include('Oui (508)');
    expect(options).to.include('Non (106)');
  });

  it('lazy-loads images with alt text from a column, and shows a placeholder when an image is missing, broken or unsafe', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/cards-images.csv',
      'card-title': 'nom',
      'card-image': 'photo',
      'card-image-alt': 'texte_alt',
      'card-link': 'site',
    });
    const all = cards(el);
    expect(all.length).to.equal(5);
    const img = all[0].querySelector<HTMLImageElement>('img[part="image"]')!;
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.alt).to.equal('Un rectangle bleu');
    expect(img.src).to.equal(new URL('/test/fixtures/images/square.svg', location.href).href);
    // The broken image becomes a placeholder once it fails.
    for (let i = 0; i < 50 && all[1].querySelector('img'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(all[1].querySelector('img') === null).to.equal(true);
    for (const i of [1, 2, 3, 4]) expect(all[i].querySelector('.placeholder[part="image"]') !== null).to.equal(true);
    // Unsafe links are not links: the title falls back to a button.
    expect(all[2].querySelector('a') === null).to.equal(true);
    expect(all[4].querySelector('a') === null).to.equal(true);
    const hrefs = [...root(el).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://example.org/a', 'https://example.org/b']);
    await expect(el).to.be.accessible();
  });

  it('images are decorative (empty alt) without card-image-alt', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/cards-images.csv',
      'card-title': 'nom',
      'card-image': 'photo',
    });
    expect(cards(el)[0].querySelector('img')!.getAttribute('alt')).to.equal('');
  });

  it('is one column at 320 px and several on a wide screen', async () => {
    const columns = (el: Element) =>
      getComputedStyle(root(el).querySelector('[part="list"]')!).gridTemplateColumns.split(' ').length;
    const narrow = await elementWith('vitrine-cards', observatory, '320px');
    expect(columns(narrow.el)).to.equal(1);
    const wide = await elementWith('vitrine-cards', observatory, '1200px');
    expect(columns(wide.el)).to.be.at.least(3);
  });

  it('names a card part column that does not exist, and an unknown template field', async () => {
    const a = await elementWith('vitrine-cards', { src: OBSERVATORY, 'card-title': 'intitulé' });
    expect(a.event.type).to.equal('vitrine-error');
    expect((a.event as VitrineErrorEvent).detail.code).to.equal('config');
    expect(plain(root(a.el).querySelector('[part="error"]')?.textContent)).to.contain('« intitulé » n’existe pas');
    const b = await elementWith('vitrine-cards', {
      src: OBSERVATORY,
      'card-template': '{nom} a {habitants} habitants',
    });
    expect((b.event as VitrineErrorEvent).detail.code).to.equal('config');
    const message = plain(root(b.el).querySelector('[part="error"]')?.textContent);
    expect(message).to.contain('card-template');
    expect(message).to.contain('« habitants »');
    expect(message).to.contain('nb_ptf');
  });

  it('with only src, shows a name-like title and the next columns as fields', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/observatoire/ODF-Observatoire-plateformes-221019.csv',
    });
    const first = cards(el)[0];
    expect(part(first, 'title')).to.equal('adresse.data.gouv.fr');
    expect(fields(first)).to.deep.equal([
      'type: Concentrateur',
      'url: https://adresse.data.gouv.fr',
      'porteur: Etalab',
      'techno: Spécifique',
    ]);
  });

  it('hostile cells stay text: no element from the data, no javascript: link, long texts cut', async () => {
    (window as unknown as { __vitrinePwned?: number }).__vitrinePwned = undefined;
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/script-cells.csv',
      'page-size': 'all',
    });
    const shadow = root(el);
    expect(shadow.querySelectorAll('script, iframe, object, embed').length).to.equal(0);
    expect(shadow.querySelectorAll('img').length).to.equal(0);
    for (const a of shadow.querySelectorAll('a')) expect(a.getAttribute('href')!).to.match(/^(https?|mailto):/);
    const huge = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/huge-cell.csv',
      'card-title': 'titre',
      'card-description': 'texte',
    });
    for (const c of cards(huge.el)) {
      const text = part(c, 'description');
      expect(text.length).to.be.at.most(300);
    }
    expect((window as unknown as { __vitrinePwned?: number }).__vitrinePwned).to.equal(undefined);
  });

  it('passes axe and can be reached and activated with the keyboard', async () => {
    const { el } = await elementWith('vitrine-cards', { ...observatory, search: '', facets: 'type' });
    await expect(el).to.be.accessible();
    // Tab from the search box: the facet, then the first card's link, then the second card's.
    root(el).querySelector<HTMLInputElement>('[part="search"] input')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const link = cards(el)[0].querySelector<HTMLAnchorElement>('a[part="link"]')!;
    expect(root(el).activeElement === link).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === cards(el)[1].querySelector('[part="link"]')).to.equal(true);
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    el.addEventListener('vitrine-select', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.record.nom).to.equal('ADACL Landes');
    link.focus();
    // The focus ring is on the card around the link.
    const outline = getComputedStyle(cards(el)[0]).outlineStyle;
    expect(outline).to.equal('solid');
  });

  it('connects and disconnects a hundred times without errors', async () => {
    const { el } = await elementWith('vitrine-cards', observatory);
    const parent = el.parentElement!;
    for (let i = 0; i < 100; i++) {
      el.remove();
      parent.append(el);
    }
    await el.updateComplete;
    expect(cards(el).length).to.equal(12);
  });
});

export type { VitrineCards };

/**
 * <vitrine-cards> as a portal catalogue. Portal URLs go through the `proxy` attribute to the local
 * fake of the portal APIs (/__portal, scripts/fake-portals.mjs), which answers from the saved real
 * responses in test/fixtures/api-responses and applies the search, sort and paging parameters.
 * Saved answers read as files use mode="catalog".
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/components/cards/cards.ts';
import type { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from '../../src/internal/events.ts';
import { elementWith, failOnLitWarnings, plain, root } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

const PROXY = '/__portal?url={url}';
const INSEE =
  'https://www.data.gouv.fr/fr/organizations/institut-national-de-la-statistique-et-des-etudes-economiques-insee/';
const INSEE_ID = '534fff81a3a7292c64a77e5c';

function cards(el: Element): HTMLLIElement[] {
  return [...root(el).querySelectorAll<HTMLLIElement>('li[part~="card"]')];
}
function titles(el: Element): string[] {
  return cards(el).map((c) => plain(c.querySelector('[part="title"]')?.textContent));
}
function part(card: Element, name: string): string {
  return plain(card.querySelector(`[part~="${name}"]`)?.textContent);
}
function footer(el: Element): string {
  return plain(root(el).querySelector('[part="footer"] [aria-live]')?.textContent);
}
/** The titles the fake API answers for a URL, read from the answer as the portal shapes it. */
async function apiTitles(url: string): Promise<string[]> {
  const doc = await (await fetch(`/__portal?url=${encodeURIComponent(url)}`)).json();
  const items: { title: string }[] = doc.data ?? doc.result?.results ?? doc.results.map((r: any) => r.metas.default); // eslint-disable-line @typescript-eslint/no-explicit-any
  return items.map((d) => plain(d.title));
}

describe('<vitrine-cards> catalogue', () => {
  let checkWarnings: () => void;
  beforeEach(() => (checkWarnings = failOnLitWarnings()));
  afterEach(() => checkWarnings());

  it('shows the datasets of a data.gouv.fr organisation, newest first, with publisher, licence, update date, files and link', async () => {
    const { el, event } = await elementWith('vitrine-cards', { src: INSEE, proxy: PROXY, 'page-size': '3' });
    expect(event.type).to.equal('vitrine-load');
    expect((event as VitrineLoadEvent).detail.rowCount).to.equal(3);
    expect((event as VitrineLoadEvent).detail.url).to.equal(
      `https://www.data.gouv.fr/api/1/datasets/?organization=${INSEE_ID}&page_size=3&sort=-last_update`,
    );
    expect(titles(el)).to.deep.equal([
      'Population',
      'Base Sirene des entreprises et de leurs établissements (SIREN, SIRET)',
      'Géolocalisation des établissements du répertoire SIRENE-pour les études statistiques',
    ]);
    const first = cards(el)[0];
    expect(part(first, 'subtitle')).to.equal('Institut National de la Statistique et des Etudes Economiques (Insee)');
    expect(part(first, 'meta')).to.equal(
      'Licence : Licence Ouverte 1.0 · Mis à jour le 1er septembre 2024 · 8 fichiers',
    );
    expect(part(cards(el)[1], 'meta')).to.equal(
      'Licence : Licence Ouverte 2.0 · Mis à jour le 1er septembre 2024 · 18 fichiers',
    );
    expect(first.querySelector<HTMLAnchorElement>('a[part="link"]')!.href).to.equal(
      'https://www.data.gouv.fr/fr/datasets/population/',
    );
    expect(part(first, 'description').length).to.be.within(20, 300);
    expect(footer(el)).to.equal('3 jeux de données affichés sur 4');
    expect(el.rows.map((r) => r.title)).to.deep.equal(titles(el));

    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await until(() => cards(el).length === 4, 'the next page');
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    expect(titles(el)[3]).to.equal('Base permanente des équipements');
    expect(root(el).activeElement === cards(el)[3].querySelector('[part="link"]')).to.equal(true);
    expect(footer(el)).to.equal('4 jeux de données');
    expect(root(el).querySelector('[part="more"]')).to.equal(null);
  });

  it('searches and sorts with the API’s own parameters', async () => {
    const { el } = await elementWith('vitrine-cards', { src: INSEE, proxy: PROXY, search: '' });
    const input = root(el).querySelector<HTMLInputElement>('[part="search"] input')!;
    expect(plain(root(el).querySelector('[part="search"] label')?.textContent)).to.equal(
      'Rechercher un jeu de données',
    );
    const loaded = oneEvent(el, 'vitrine-load') as Promise<VitrineLoadEvent>;
    input.value = 'sirène';
    input.dispatchEvent(new Event('input'));
    const searched = await loaded;
    const url = `https://www.data.gouv.fr/api/1/datasets/?organization=${INSEE_ID}&page_size=12&sort=-last_update&q=sir%C3%A8ne`;
    expect(searched.detail.url).to.equal(url);
    // Two INSEE datasets speak of Sirene (Python, over title and description).
    expect(titles(el)).to.deep.equal(await apiTitles(url));
    expect(titles(el).length).to.equal(2);
    // The search box keeps its text and the focus while the answer arrives.
    expect(input.isConnected).to.equal(true);

    const sorted = oneEvent(el, 'vitrine-load') as Promise<VitrineLoadEvent>;
    const select = root(el).querySelector<HTMLSelectElement>('[part="sort"] select')!;
    select.value = 'title';
    select.dispatchEvent(new Event('change'));
    const byTitle = await sorted;
    expect(byTitle.detail.url).to.contain('sort=title');
    expect(titles(el)).to.deep.equal(await apiTitles(byTitle.detail.url));
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await elementWith('vitrine-cards', { src: INSEE, proxy: PROXY, 'page-size': '3', lang: 'en' });
    expect(part(cards(el)[0], 'meta')).to.equal('Licence: Licence Ouverte 1.0 · Updated on 1 September 2024 · 8 files');
    expect(footer(el)).to.equal('3 of 4 datasets shown');
    expect(plain(root(el).querySelector('[part="more"]')?.textContent)).to.equal('Show more');
  });

  it('reads a saved data.gouv.fr dataset object as one card, with its formats as badges', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/api-responses/datagouv/dataset_metadata.json',
      mode: 'catalog',
    });
    expect(titles(el)).to.deep.equal(['Catalogue des données de data.gouv.fr']);
    const card = cards(el)[0];
    expect(part(card, 'subtitle')).to.equal('data.gouv.fr');
    expect([...card.querySelectorAll('[part="badge"]')].map((b) => plain(b.textContent))).to.deep.equal(['CSV']);
    expect(part(card, 'meta')).to.equal('Licence : Licence Ouverte 2.0 · Mis à jour le 7 avril 2025 · 8 fichiers');
    expect(footer(el)).to.equal('1 jeu de données');
  });

  it('follows the next page of a saved data.gouv.fr search page', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/api-responses/datagouv/api2_datasets_search_from_udata-front_storybook.json',
      mode: 'catalog',
      proxy: PROXY,
    });
    expect(cards(el).length).to.equal(20);
    expect(footer(el)).to.equal('20 jeux de données affichés sur 10 000');
    // API v2 lists a dataset's files as a count only: no badges, the count.
    expect(part(cards(el)[0], 'meta')).to.contain('18 fichiers');
    expect(cards(el)[0].querySelectorAll('[part="badge"]').length).to.equal(0);
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    // The fake API's page 2 (20 per page) holds the 21st dataset of its pool.
    await until(() => cards(el).length === 21, 'page 2');
    expect(titles(el)[20]).to.equal('Catalogue des données de data.gouv.fr');
  });

  it('says clearly when a saved document is not a catalogue (a data.gouv.fr organisation object)', async () => {
    const { el, event } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/api-responses/datagouv/organization_metadata.json',
      mode: 'catalog',
    });
    expect(event.type).to.equal('vitrine-error');
    expect((event as VitrineErrorEvent).detail.code).to.equal('config');
    expect(plain(root(el).querySelector('[role="alert"]')?.textContent)).to.contain(
      'ne renvoie pas un catalogue de jeux de données reconnu',
    );
  });

  it('says a CSV file given with mode="catalog" is not a catalogue (not that its JSON is broken)', async () => {
    const { el, event } = await elementWith('vitrine-cards', {
      src: '/demo/data/odf-observatoire.csv',
      mode: 'catalog',
    });
    expect((event as VitrineErrorEvent).detail.code).to.equal('config');
    const alert = plain(root(el).querySelector('[role="alert"]')?.textContent);
    expect(alert).to.contain('ne renvoie pas un catalogue de jeux de données reconnu');
    expect(alert).to.not.contain('JSON');
  });

  it('shows a CKAN package_search with licence, formats, files and paging by start/rows', async () => {
    const src = 'https://data.birmingham.gov.uk/api/3/action/package_search';
    const { el, event } = await elementWith('vitrine-cards', { src, proxy: PROXY, 'page-size': '4' });
    const url = (event as VitrineLoadEvent).detail.url;
    expect(url).to.equal(`${src}?rows=4&start=0&sort=metadata_modified+desc`);
    expect(titles(el)).to.deep.equal(await apiTitles(url));
    const purchase = await elementWith('vitrine-cards', {
      src: `${src}?q=purchase`,
      proxy: PROXY,
      sort: 'relevance',
      'page-size': '1',
    });
    const card = cards(purchase.el)[0];
    expect(plain(card.querySelector('[part="title"]')?.textContent)).to.equal('Purchase Card Transactions');
    expect(part(card, 'subtitle')).to.equal('Birmingham City Council');
    expect([...card.querySelectorAll('[part="badge"]')].map((b) => plain(b.textContent))).to.deep.equal(['XLS']);
    expect(part(card, 'meta')).to.equal('Licence : OGL (UK) · Mis à jour le 15 janvier 2021 · 45 fichiers');
    expect(card.querySelector<HTMLAnchorElement>('a[part="link"]')!.href).to.equal(
      'https://data.birmingham.gov.uk/dataset/purchase-card-transactions',
    );
    expect(footer(el)).to.equal('4 jeux de données affichés sur 10');
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await until(() => cards(el).length === 8, 'the next CKAN page');
    expect(titles(el).slice(4)).to.deep.equal(await apiTitles(url.replace('start=0', 'start=4')));
  });

  it('reads a DKAN package_show (a list of one package) as one card', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/api-responses/ckan/dkan_package_show_hautsdefrance.json',
      mode: 'catalog',
    });
    expect(titles(el)).to.deep.equal(['Antennes régionales de la Région Hauts-de-France (au 01/10/2019)']);
    const meta = part(cards(el)[0], 'meta');
    expect(meta).to.match(/^Licence : Licence Ouverte/);
    expect(meta).to.contain('2019');
  });

  it('shows an Opendatasoft portal catalogue from its /explore/ page', async () => {
    const { el, event } = await elementWith('vitrine-cards', {
      src: 'https://opendata.paris.fr/explore/',
      proxy: PROXY,
      'page-size': '5',
    });
    expect(event.type).to.equal('vitrine-load');
    const url = (event as VitrineLoadEvent).detail.url;
    expect(url).to.match(/^https:\/\/opendata\.paris\.fr\/api\/explore\/v2\.1\/catalog\/datasets\?/);
    expect(titles(el)).to.deep.equal(await apiTitles(url));
    for (const card of cards(el)) {
      const href = card.querySelector<HTMLAnchorElement>('a[part="link"]')!.href;
      expect(href).to.match(/^https:\/\/opendata\.paris\.fr\/explore\/dataset\/[^/]+\/$/);
      const badges = [...card.querySelectorAll('[part="badge"]')].map((b) => plain(b.textContent));
      expect(badges.slice(0, 2)).to.deep.equal(['CSV', 'JSON']);
    }
  });

  it('shows the portal’s error in the element when the catalogue API answers an error', async () => {
    const { el, event } = await elementWith('vitrine-cards', {
      src: 'https://www.data.gouv.fr/fr/organizations/une-organisation-qui-n-existe-pas/',
      proxy: PROXY,
    });
    expect(event.type).to.equal('vitrine-error');
    expect((event as VitrineErrorEvent).detail.code).to.equal('http');
    const alert = root(el).querySelector('[part="error"][role="alert"]')!;
    expect(plain(alert.textContent)).to.contain('erreur 404');
  });

  it('keeps the cards shown and offers to try again when the next page fails', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/catalog-next-fails.json',
      mode: 'catalog',
    });
    expect(cards(el).length).to.equal(1);
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await until(() => root(el).querySelector('[role="alert"]') !== null, 'the error');
    expect(plain(root(el).querySelector('[role="alert"]')!.textContent)).to.contain(
      'La suite de la liste n’a pas pu être chargée',
    );
    expect(plain(root(el).querySelector('[role="alert"]')!.textContent)).to.contain('503');
    expect(cards(el).length).to.equal(1);
    expect(root(el).querySelector('[role="alert"] button') !== null).to.equal(true);
  });

  it('hostile catalogue: markup and scripts stay text, javascript: links are dropped, 1 MB descriptions are cut', async () => {
    const w = window as unknown as { __vitrinePwned?: number };
    w.__vitrinePwned = undefined;
    const { el } = await elementWith('vitrine-cards', {
      src: '/test/fixtures/hostile/catalog-hostile.json',
      mode: 'catalog',
    });
    const shadow = root(el);
    expect(cards(el).length).to.be.at.least(4);
    expect(shadow.querySelectorAll('script, img, iframe, object, embed, svg').length).to.equal(0);
    for (const a of shadow.querySelectorAll('a')) expect(a.getAttribute('href')!).to.match(/^https?:/);
    for (const c of cards(el)) expect(part(c, 'description').length).to.be.at.most(300);
    const metas = cards(el).map((c) => part(c, 'meta'));
    expect(metas.some((m) => m.includes('(non reconnue)'))).to.equal(true);
    expect(cards(el).some((c) => part(c, 'description') === 'Pas de description.')).to.equal(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(w.__vitrinePwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('fires vitrine-select with the dataset, and passes axe with the toolbar', async () => {
    const { el } = await elementWith('vitrine-cards', {
      src: INSEE,
      proxy: PROXY,
      search: '',
      'page-size': '3',
      label: 'Nos données ouvertes',
      'heading-level': '2',
    });
    expect(root(el).querySelector('[part="list"]')!.getAttribute('aria-labelledby')).to.equal('caption');
    await expect(el).to.be.accessible();
    el.addEventListener('vitrine-select', (e) => e.preventDefault(), { once: true });
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    cards(el)[1].querySelector<HTMLAnchorElement>('a[part="link"]')!.click();
    const { detail } = await selected;
    expect(detail.index).to.equal(1);
    expect(detail.record.title).to.equal('Base Sirene des entreprises et de leurs établissements (SIREN, SIRET)');
    expect(detail.record.url).to.equal(
      'https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/',
    );
  });

  it('an unknown sort is a config error that lists the sorts', async () => {
    const { el, event } = await elementWith('vitrine-cards', { src: INSEE, proxy: PROXY, sort: 'popularité' });
    expect(event.type).to.equal('vitrine-error');
    const text = plain(root(el).querySelector('[part="error"]')?.textContent);
    expect(text).to.contain('updated, title');
  });
});

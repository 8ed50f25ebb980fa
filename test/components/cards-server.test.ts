/**
 * <vitrine-cards> over query APIs (server side: nothing downloaded, cards page by page, sort,
 * search, filters and facet counts on the server): Opendatasoft Explore v2.1 (the synthetic
 * 10,000,000-row dataset of the local fake, built from the 891 rows of the observatory file; the
 * Paris toilets, 615 rows), the data.gouv.fr tabular API and CKAN DataStore. The fake
 * (scripts/fake-records.mjs) applies the query parameters to saved real rows; the expected values
 * here are computed in this file from those saved files.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/cards/cards.ts';
import type { VitrineCards } from '../../src/components/cards/cards.component.ts';
import { csvRows, found, SYNTHETIC_POOL, SYNTHETIC_TOTAL, syntheticCopies } from '../helpers/fixture-rows.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { portalRequests, type PortalRequests } from '../helpers/portal-requests.ts';

const PROXY = '/__portal?url={url}';
const ODS_10M = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/vitrine-10-millions/records';
const ODS_PAGE_10M = 'https://data.exemple.fr/explore/dataset/vitrine-10-millions/table/';
const ODS_SANISETTES = 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/sanisettesparis/records';
const SANISETTES_EXPORT = '/test/fixtures/api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json';
const TABULAR = 'https://tabular-api.data.gouv.fr/api/resources/4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d/data/';
const TABULAR_DATA = '/test/fixtures/api-responses/datagouv/tabular_api_data.json';
const TABULAR_CSV = '/test/fixtures/api-responses/datagouv/catalog_export_datagouv_resources_sample.csv';
const DATASTORE = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const DATASTORE_SAVED = '/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json';
const POOL = SYNTHETIC_POOL;
const TOTAL = SYNTHETIC_TOTAL;
const copies = syntheticCopies;
/** Fields of the pool that the fake types as numbers (the others are text, searched in full text). */
const NOT_TEXT = new Set(['nb_ptf', 'nb_datagouv', 'pop_insee', 'lat', 'lon', 'boolean']);

type Row = Record<string, string>;

async function cardsOf(attrs: Record<string, string>): Promise<{ el: VitrineCards; event: CustomEvent }> {
  const el = document.createElement('vitrine-cards');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const event = new Promise<CustomEvent>((resolve) => {
    el.addEventListener('vitrine-load', (e) => resolve(e as CustomEvent), { once: true });
    el.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent), { once: true });
  });
  document.body.append(el);
  return { el, event: await event };
}

/** Waits until no page is pending and `check` holds (at most 10 s). */
async function until(el: VitrineCards, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    await el.updateComplete;
    if (root(el).querySelector('[part~="list"][aria-busy="false"], p.empty[aria-busy="false"]') && check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

const cards = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('li[part~="card"]')];
const titles = (el: Element) => cards(el).map((c) => plain(c.querySelector('[part~="title"]')?.textContent));
const footer = (el: Element) => plain(root(el).querySelector('[part~="footer"] [aria-live]')?.textContent);
const more = (el: Element) => root(el).querySelector<HTMLButtonElement>('[part~="more"]');
/** A whole number as the French page shows it, spaces made plain. */
const fr = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');

/** The first `n` rows of the synthetic dataset (in id order) that `keep` accepts, as pool indices. */
function firstMatches(pool: Row[], n: number, keep: (r: Row) => boolean): number[] {
  const out: number[] = [];
  for (let k = 0; out.length < n && k < pool.length * (n + 1); k++) if (keep(pool[k % pool.length])) out.push(k);
  return out;
}

const observatory = {
  proxy: PROXY,
  'card-title': 'nom',
  'card-subtitle': 'dep_label',
  'card-fields': 'type = Type, pop_insee = Population : integer',
};

describe('<vitrine-cards> with a query API (server side)', () => {
  let checkWarnings: () => void;
  let el: VitrineCards | undefined;
  let requests: PortalRequests | undefined;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => {
    requests?.stop();
    requests = undefined;
    el?.remove();
    el = undefined;
    checkWarnings();
  });

  it('shows the first cards of a 10,000,000-row Opendatasoft dataset without downloading it', async () => {
    const pool = await csvRows(POOL);
    requests = portalRequests();
    let event: CustomEvent;
    ({ el, event } = await cardsOf({ src: ODS_10M, ...observatory }));
    expect(event.type).to.equal('vitrine-load');
    expect(event.detail.rowCount).to.equal(TOTAL);
    await until(el, () => cards(el!).length === 12);
    expect(el.serverSide).to.equal(true);
    expect(el.total).to.equal(TOTAL);
    expect(el.table).to.equal(undefined);
    // One page of 12 records; besides it, at most the dataset's description; no export, no file.
    expect(requests.records()).to.have.length(1);
    expect(requests.records()[0]).to.match(/[?&]limit=12(&|$)/);
    expect(requests.list.length).to.be.at.most(2);
    for (const url of requests.list) {
      expect(url).to.match(/\/catalog\/datasets\/vitrine-10-millions(\/records\?.*)?$/);
    }
    expect(titles(el)).to.deep.equal(pool.slice(0, 12).map((r) => r.nom));
    expect(plain(cards(el)[0].querySelector('[part~="subtitle"]')?.textContent)).to.equal(pool[0].dep_label);
    expect(el.rows.map((r) => r.id)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(footer(el)).to.equal(`12 fiches affichées sur ${fr(TOTAL)}`);
    expect(more(el)).to.not.equal(null);
    expect(root(el).querySelector('[part~="note"]')).to.equal(null);
  });

  it('sorts with one request, searches with one request once typing stops, and "Voir plus" appends the next page', async () => {
    const pool = await csvRows(POOL);
    requests = portalRequests();
    ({ el } = await cardsOf({ src: ODS_10M, ...observatory, sort: 'id asc', search: '' }));
    await until(el, () => cards(el!).length === 12);
    expect(titles(el)).to.deep.equal(pool.slice(0, 12).map((r) => r.nom));

    // "Voir plus": one request for records 13 to 24, appended; the focus goes to the first new card.
    let before = requests.records().length;
    more(el)!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part~="list"]')!.getAttribute('aria-busy')).to.equal('true');
    await until(el, () => cards(el!).length === 24);
    expect(requests.records().length - before).to.equal(1);
    expect(requests.records().at(-1)).to.match(/[?&]offset=12(&|$)/);
    expect(titles(el)).to.deep.equal(pool.slice(0, 24).map((r) => r.nom));
    expect(el.rows.map((r) => r.id)).to.deep.equal(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(footer(el)).to.equal(`24 fiches affichées sur ${fr(TOTAL)}`);
    expect(root(el).activeElement).to.equal(cards(el)[12].querySelector('[part~="link"]'));

    // The sort attribute: one request, and the cards start again from the first page.
    before = requests.records().length;
    el.setAttribute('sort', 'pop_insee desc');
    await until(el, () => el!.rows[0]?.id !== 1);
    expect(requests.records().length - before).to.equal(1);
    expect(cards(el)).to.have.length(12);
    const byPop = pool
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.pop_insee !== '')
      .sort((a, b) => +b.r.pop_insee - +a.r.pop_insee || a.i - b.i);
    const top = byPop[0];
    // The largest population first, its copies in id order (row k repeats pool row k mod 891).
    expect(titles(el).slice(0, 3)).to.deep.equal([top.r.nom, top.r.nom, top.r.nom]);
    expect(el.rows.slice(0, 3).map((r) => r.id)).to.deep.equal([0, 1, 2].map((c) => top.i + 1 + c * pool.length));

    // A search typed in several keystrokes: one request once typing stops.
    el.setAttribute('sort', 'id asc');
    await until(el, () => el!.rows[0]?.id === 1);
    before = requests.records().length;
    const input = root(el).querySelector<HTMLInputElement>('[part~="search"] input')!;
    for (const text of ['b', 'br', 'bre', 'bretagne']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    await until(el, () => el!.total !== TOTAL);
    expect(requests.records().length - before).to.equal(1);
    expect(new URL(requests.records().at(-1)!).searchParams.get('where')).to.contain('search("bretagne")');
    const text = (r: Row) =>
      Object.entries(r)
        .filter(([k]) => !NOT_TEXT.has(k))
        .map(([, v]) => v)
        .join(' ');
    const matches = (r: Row) => found('bretagne', text(r));
    const expectedTotal = pool.reduce((sum, r, i) => sum + (matches(r) ? copies(i, pool.length) : 0), 0);
    expect(el.total).to.equal(expectedTotal);
    const first = firstMatches(pool, 12, matches);
    expect(el.rows.map((r) => r.id)).to.deep.equal(first.map((k) => k + 1));
    expect(titles(el)).to.deep.equal(first.map((k) => pool[k % pool.length].nom));
    expect(footer(el)).to.equal(`12 fiches affichées sur ${fr(expectedTotal)}`);
  });

  it('asks the server for the facet counts (group by), and filters with the chosen value', async () => {
    const pool = await csvRows(POOL);
    let event: CustomEvent;
    ({ el, event } = await cardsOf({ src: ODS_PAGE_10M, ...observatory, facets: 'type', 'page-size': '6' }));
    expect(event.type).to.equal('vitrine-load');
    await until(el, () => !!root(el!).querySelector('[part~="facet"] option:nth-child(3)'));
    const expected = new Map<string, number>();
    pool.forEach((r, i) => expected.set(r.type, (expected.get(r.type) ?? 0) + copies(i, pool.length)));
    const options = [...root(el).querySelectorAll('[part~="facet"] option')].map((o) => plain(o.textContent));
    expect(options[0]).to.equal(`Toutes (${fr(TOTAL)})`);
    expect(options.slice(1)).to.have.members([...expected].map(([type, n]) => `${type} (${fr(n)})`));
    const select = root(el).querySelector<HTMLSelectElement>('[part~="facet"] select')!;
    select.value = 'REG';
    select.dispatchEvent(new Event('change'));
    await until(el, () => el!.total === expected.get('REG'));
    const regions = firstMatches(pool, 6, (r) => r.type === 'REG');
    expect(titles(el)).to.deep.equal(regions.map((k) => pool[k % pool.length].nom));
    expect(el.rows.every((r) => r.type === 'REG')).to.equal(true);
    expect(footer(el)).to.equal(`6 fiches affichées sur ${fr(expected.get('REG')!)}`);
  });

  it('stops "Voir plus" at the 10,000 records Opendatasoft gives, and says so', async function () {
    // 99 pages of 100 cards, each appended and laid out in the grid: slow (about 25 s), not a timing test.
    this.timeout(120_000);
    requests = portalRequests();
    ({ el } = await cardsOf({ src: ODS_10M, proxy: PROXY, 'card-title': 'nom', sort: 'id asc', 'page-size': '100' }));
    await until(el, () => cards(el!).length === 100);
    for (let shown = 100; shown < 10_000; shown += 100) {
      expect(root(el).querySelector('[part~="note"]')).to.equal(null);
      more(el)!.click();
      await until(el, () => cards(el!).length === shown + 100);
    }
    expect(requests.records().at(-1)).to.match(/[?&]offset=9900(&|$)/);
    expect(el.rows.at(-1)!.id).to.equal(10_000);
    expect(more(el)).to.equal(null);
    expect(footer(el)).to.equal(`10 000 fiches affichées sur ${fr(TOTAL)}`);
    expect(plain(root(el).querySelector('[part~="note"]')?.textContent)).to.contain('10 000 premières fiches');
  });

  it('downloads a small dataset in auto mode, and asks the server when told to', async () => {
    const saved = (await (await fetch(SANISETTES_EXPORT)).json()) as unknown[];
    requests = portalRequests();
    ({ el } = await cardsOf({ src: ODS_SANISETTES, proxy: PROXY }));
    expect(el.serverSide).to.equal(false);
    expect(el.rows.length).to.equal(saved.length);
    expect(cards(el)).to.have.length(12);
    el.remove();
    requests.list.length = 0;
    ({ el } = await cardsOf({ src: ODS_SANISETTES, proxy: PROXY, server: 'always' }));
    await until(el, () => cards(el!).length === 12);
    expect(el.serverSide).to.equal(true);
    expect(el.total).to.equal(saved.length);
    expect(el.rows).to.have.length(12);
    // Nothing but the dataset's description and one page of 12 records.
    for (const url of requests.list) {
      if (!/\/sanisettesparis$/.test(url)) expect(new URL(url).searchParams.get('limit')).to.equal('12');
    }
    expect(requests.records()).to.have.length(1);
  });

  it('sorts and filters the data.gouv.fr tabular API on the server', async () => {
    const saved = (await (await fetch(TABULAR_DATA)).json()) as { data: Record<string, unknown>[] };
    const older = await csvRows(TABULAR_CSV);
    // The fake serves the 20 saved rows (__id 1–20) then the 11 of the older export (__id 21–31).
    const all = [
      ...saved.data.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        format: String(r.format),
        downloads: Number(r.downloads),
      })),
      ...older.map((r) => ({ id: r.id, title: r.title, format: r.format, downloads: Number(r.downloads) })),
    ].map((r, i) => ({ ...r, position: i }));
    ({ el } = await cardsOf({
      src: TABULAR,
      proxy: PROXY,
      server: 'always',
      'card-title': 'title',
      'card-fields': 'format, downloads',
      sort: 'downloads desc',
      'page-size': '10',
    }));
    await until(el, () => cards(el!).length === 10);
    expect(el.total).to.equal(all.length);
    // Ties (no download) in __id order, that is the order of the files.
    const byDownloads = [...all].sort((a, b) => b.downloads - a.downloads || a.position - b.position);
    expect(titles(el)).to.deep.equal(byDownloads.slice(0, 10).map((r) => r.title));
    expect(el.rows.map((r) => r.id)).to.deep.equal(byDownloads.slice(0, 10).map((r) => r.id));
    el.setAttribute('filter', 'format = csv');
    await until(el, () => el!.total !== all.length);
    const csv = byDownloads.filter((r) => r.format === 'csv');
    expect(el.total).to.equal(csv.length);
    expect(el.rows.map((r) => r.id)).to.deep.equal(csv.slice(0, 10).map((r) => r.id));
  });

  it('sorts, filters and pages a CKAN DataStore resource on the server', async () => {
    const saved = (await (await fetch(DATASTORE_SAVED)).json()) as {
      result: { records: { _id: number; ServiceTypeName: string; WaitingCustomersMQ: number }[] };
    };
    const records = saved.result.records;
    ({ el } = await cardsOf({
      src: DATASTORE,
      proxy: PROXY,
      server: 'always',
      'card-title': 'ServiceTypeName',
      'card-fields': 'WaitingCustomersMQ',
      sort: 'ServiceTypeName asc',
      'page-size': '5',
    }));
    await until(el, () => cards(el!).length === 5);
    expect(el.total).to.equal(records.length);
    const sorted = [...records].sort(
      (a, b) =>
        (a.ServiceTypeName < b.ServiceTypeName ? -1 : a.ServiceTypeName > b.ServiceTypeName ? 1 : 0) || a._id - b._id,
    );
    expect(titles(el)).to.deep.equal(sorted.slice(0, 5).map((r) => r.ServiceTypeName));
    // "Voir plus": the remaining records, then no more button.
    more(el)!.click();
    await until(el, () => cards(el!).length === records.length);
    expect(titles(el)).to.deep.equal(sorted.map((r) => r.ServiceTypeName));
    expect(more(el)).to.equal(null);
    expect(footer(el)).to.equal(`${records.length} fiches`);
    // A filter starts again from the first page.
    el.setAttribute('filter', 'WaitingCustomersMQ = 0');
    await until(el, () => el!.total !== records.length);
    const idle = sorted.filter((r) => r.WaitingCustomersMQ === 0);
    expect(el.total).to.equal(idle.length);
    expect(titles(el)).to.deep.equal(idle.slice(0, 5).map((r) => r.ServiceTypeName));
  });

  it('keeps the cards and offers to try again when the server refuses a page', async () => {
    const pool = await csvRows(POOL);
    requests = portalRequests();
    ({ el } = await cardsOf({ src: ODS_10M, ...observatory, sort: 'id asc', 'page-size': '4' }));
    await until(el, () => cards(el!).length === 4);
    const errors: CustomEvent[] = [];
    el.addEventListener('vitrine-error', (e) => errors.push(e as CustomEvent));
    // The fake answers 400 to a filter on `id`, as the real portal does for a field it cannot filter.
    el.setAttribute('filter', 'id = 5');
    await until(el, () => errors.length === 1);
    expect(errors[0].detail.code).to.equal('http');
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert).to.not.equal(null);
    expect(titles(el)).to.deep.equal(pool.slice(0, 4).map((r) => r.nom));
    const before = requests.records().length;
    alert.querySelector('button')!.click();
    await until(el, () => errors.length === 2);
    expect(requests.records().length - before).to.equal(1);
    expect(new URL(requests.records().at(-1)!).searchParams.get('where')).to.contain('`id` = 5');
    // Back to the query shown: no request, no alert.
    el.setAttribute('filter', '');
    await until(el, () => !root(el!).querySelector('[role="alert"]'));
    expect(requests.records().length - before).to.equal(1);
    expect(titles(el)).to.deep.equal(pool.slice(0, 4).map((r) => r.nom));
  });

  it('fires vitrine-select with the record of a card', async () => {
    const pool = await csvRows(POOL);
    ({ el } = await cardsOf({ src: ODS_10M, ...observatory, sort: 'id asc', 'page-size': '4' }));
    await until(el, () => cards(el!).length === 4);
    const picked = new Promise<CustomEvent>((resolve) =>
      el!.addEventListener('vitrine-select', (e) => resolve(e as CustomEvent), { once: true }),
    );
    cards(el)[2].querySelector<HTMLButtonElement>('button[part~="link"]')!.click();
    const event = await picked;
    expect(event.detail.index).to.equal(2);
    expect(event.detail.record.id).to.equal(3);
    expect(event.detail.record.nom).to.equal(pool[2].nom);
  });

  it('shows a configuration error for a column the API does not have', async () => {
    let event: CustomEvent;
    ({ el, event } = await cardsOf({ src: ODS_10M, proxy: PROXY, 'card-title': 'nom_inconnu' }));
    expect(event.type).to.equal('vitrine-error');
    expect(event.detail.code).to.equal('config');
    const alert = root(el).querySelector('[role="alert"]');
    expect(plain(alert?.textContent)).to.contain('nom_inconnu');
    expect(plain(alert?.textContent)).to.contain('dep_label');
  });

  it('shows the error of an API that does not know the dataset', async () => {
    let event: CustomEvent;
    ({ el, event } = await cardsOf({
      src: 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/nothing-here/records',
      proxy: PROXY,
      server: 'always',
    }));
    expect(event.type).to.equal('vitrine-error');
    expect(event.detail.code).to.equal('http');
    expect(root(el).querySelector('[role="alert"]')).to.not.equal(null);
    expect(cards(el)).to.have.length(0);
  });

  it('is accessible with its search box and facets', async () => {
    ({ el } = await cardsOf({ src: ODS_10M, ...observatory, search: '', facets: 'type', label: 'Organisations' }));
    await until(el, () => !!root(el!).querySelector('[part~="facet"] option:nth-child(3)'));
    await expect(el).to.be.accessible();
  });
});

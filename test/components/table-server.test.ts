/**
 * <vitrine-table> over query APIs (server-side sort, search, filters, paging, facet counts):
 * Opendatasoft Explore v2.1 (the synthetic 10,000,000-row dataset of the local fake, built from the
 * 891 rows of the observatory file), the data.gouv.fr tabular API and CKAN DataStore. The fake
 * (scripts/fake-records.mjs) applies the query parameters to saved real rows; the expected values
 * here are computed in this file from those files.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/table/table.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import { bodyRows, failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { portalRequests, type PortalRequests } from '../helpers/portal-requests.ts';
import { SYNTHETIC_POOL, SYNTHETIC_TOTAL, syntheticCopies } from '../helpers/fixture-rows.ts';

const PROXY = '/__portal?url={url}';
const ODS_10M = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/vitrine-10-millions/records';
const ODS_PAGE_10M = 'https://data.exemple.fr/explore/dataset/vitrine-10-millions/table/';
const ODS_SANISETTES = 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/sanisettesparis/records';
const TABULAR = 'https://tabular-api.data.gouv.fr/api/resources/4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d/data/';
const DATASTORE = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const POOL = SYNTHETIC_POOL;
const TOTAL = SYNTHETIC_TOTAL;
const copies = syntheticCopies;

type Row = Record<string, string>;

/** The observatory rows (the pool of the synthetic dataset), by a plain split: the file has no quotes. */
async function pool(): Promise<Row[]> {
  const text = await (await fetch(POOL)).text();
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const names = header.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [names[i], v])));
}

async function tableOf(
  attrs: Record<string, string>,
  onLoad?: (el: VitrineTable) => void,
): Promise<{ el: VitrineTable; event: CustomEvent }> {
  const el = document.createElement('vitrine-table');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const event = new Promise<CustomEvent>((resolve) => {
    el.addEventListener(
      'vitrine-load',
      (e) => {
        onLoad?.(el);
        resolve(e as CustomEvent);
      },
      { once: true },
    );
    el.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent), { once: true });
  });
  document.body.append(el);
  return { el, event: await event };
}

/** Waits until the table shows no pending page and `check` holds (at most 5 s). */
async function until(el: VitrineTable, check: () => boolean): Promise<void> {
  for (let i = 0; i < 250; i++) {
    await el.updateComplete;
    if (root(el).querySelector('table[aria-busy="false"]') && check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

/** A whole number as the French page shows it, spaces made plain. */
const fr = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');
const footer = (el: Element) => plain(root(el).querySelector('[part="footer"] [aria-live]')?.textContent);
const firstCells = (el: Element, col = 0) =>
  bodyRows(el).map((tr) => plain(tr.querySelectorAll('td')[col]?.textContent));

describe('<vitrine-table> with a query API (server side)', () => {
  let checkWarnings: () => void;
  let el: VitrineTable | undefined;
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

  it('shows the first page of a 10,000,000-row Opendatasoft dataset after one request, sorts and searches with one request each', async () => {
    const rows = await pool();
    requests = portalRequests({ decode: true });
    let atLoad: { requests: string[]; rows: string[] } | undefined;
    ({ el } = await tableOf(
      {
        src: ODS_10M,
        proxy: PROXY,
        columns: 'id, nom, type, pop_insee',
        search: '',
        'page-size': '20',
      },
      (table) => (atLoad = { requests: [...requests!.list], rows: firstCells(table, 1) }),
    ));
    // On screen after ONE request: the first page, whose total decided the server side.
    expect(atLoad!.requests).to.deep.equal([`${ODS_10M}?limit=20&offset=0`]);
    expect(atLoad!.rows).to.deep.equal(rows.slice(0, 20).map((r) => r.nom));
    await until(el, () => requests!.list.length === 2 && bodyRows(el!).length === 20);
    expect(el.serverSide).to.equal(true);
    // Then the dataset's description (its fields and types), read in the background.
    expect(requests.list[1]).to.match(/\/datasets\/vitrine-10-millions$/);
    await el.updateComplete;
    expect(el.columns.find((c) => c.name === 'pop_insee')?.type).to.equal('integer');
    expect(footer(el)).to.equal('Lignes 1 à 20 sur 10 000 000');
    expect(el.total).to.equal(TOTAL);
    expect(firstCells(el, 1)).to.deep.equal(rows.slice(0, 20).map((r) => r.nom));
    expect(bodyRows(el)).to.have.length(20);

    // Sort by population, descending: one request; the largest population first, its copies in id order.
    const header = [...root(el).querySelectorAll<HTMLButtonElement>('[part="sort-button"]')][3];
    header.click();
    await el.updateComplete;
    header.click();
    await until(el, () => firstCells(el!, 3)[0] !== '');
    expect(requests.list).to.have.length(4); // ascending, then descending
    const byPop = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.pop_insee !== '')
      .sort((a, b) => +b.r.pop_insee - +a.r.pop_insee || a.i - b.i);
    const top = byPop[0];
    expect(firstCells(el, 1).slice(0, 3)).to.deep.equal([top.r.nom, top.r.nom, top.r.nom]);
    expect(firstCells(el, 0)[1]).to.equal(fr(top.i + 1 + rows.length));

    // A search: one request once the person stops typing.
    const before = requests.list.length;
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    for (const text of ['b', 'br', 'bre', 'bretagne']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    await until(el, () => el!.total !== TOTAL);
    expect(requests.list.length - before).to.equal(1);
    expect(requests.list.at(-1)).to.contain('where=search("bretagne")');
    expect(requests.list.at(-1)).to.contain('order_by=');
    expect(el.rows.every((r) => JSON.stringify(r).toLowerCase().includes('bretagne'))).to.equal(true);
  });

  it('asks the server for the facet counts (group by) and filters with the chosen value', async () => {
    const rows = await pool();
    ({ el } = await tableOf({
      src: ODS_PAGE_10M,
      proxy: PROXY,
      columns: 'nom, type',
      facets: 'type',
      'page-size': '10',
    }));
    await until(el, () => !!root(el!).querySelector('[part="facet"] option:nth-child(3)'));
    const expected = new Map<string, number>();
    rows.forEach((r, i) => expected.set(r.type, (expected.get(r.type) ?? 0) + copies(i, rows.length)));
    const options = [...root(el).querySelectorAll('[part="facet"] option')].map((o) => plain(o.textContent));
    expect(options[0]).to.equal('Toutes (10 000 000)');
    expect(options).to.include(`REG (${fr(expected.get('REG')!)})`);
    const select = root(el).querySelector<HTMLSelectElement>('[part="facet"] select')!;
    select.value = 'REG';
    select.dispatchEvent(new Event('change'));
    await until(el, () => el!.total === expected.get('REG'));
    expect(firstCells(el, 1).every((t) => t === 'REG')).to.equal(true);
    expect(footer(el)).to.contain(`sur ${fr(expected.get('REG')!)}`);
  });

  it('pages on the server within the 10,000-row window of Opendatasoft, and says so', async () => {
    const rows = await pool();
    ({ el } = await tableOf({ src: ODS_10M, proxy: PROXY, columns: 'id, nom', 'page-size': '20' }));
    await until(el, () => bodyRows(el!).length === 20);
    expect(plain(root(el).querySelector('[part="pagination"] span')?.textContent)).to.equal('Page 1 sur 500');
    expect(plain(root(el).querySelector('[part="note"]')?.textContent)).to.contain('10 000 premières lignes');
    root(el).querySelector<HTMLButtonElement>('[part="pagination"] button[aria-label="Page suivante"]')!.click();
    await until(el, () => footer(el!).startsWith('Lignes 21'));
    expect(firstCells(el, 1)).to.deep.equal(rows.slice(20, 40).map((r) => r.nom));
    root(el).querySelector<HTMLButtonElement>('[part="pagination"] button[aria-label="Dernière page"]')!.click();
    await until(el, () => footer(el!).startsWith('Lignes 9'));
    expect(footer(el)).to.equal('Lignes 9 981 à 10 000 sur 10 000 000');
    expect(firstCells(el, 0)[0]).to.equal('9 981');
  });

  it('downloads a small dataset in auto mode, and asks the server when told to', async () => {
    ({ el } = await tableOf({ src: ODS_SANISETTES, proxy: PROXY, 'page-size': '10' }));
    expect(el.serverSide).to.equal(false);
    expect(el.rows.length).to.equal(615);
    expect(bodyRows(el)).to.have.length(10);
    el.remove();
    ({ el } = await tableOf({ src: ODS_SANISETTES, proxy: PROXY, 'page-size': '10', server: 'always' }));
    await until(el, () => bodyRows(el!).length === 10);
    expect(el.serverSide).to.equal(true);
    expect(el.total).to.equal(615);
  });

  it('sorts, filters and pages the data.gouv.fr tabular API on the server', async () => {
    const saved = (await (await fetch('/test/fixtures/api-responses/datagouv/tabular_api_data.json')).json()) as {
      data: Row[];
    };
    ({ el } = await tableOf({
      src: TABULAR,
      proxy: PROXY,
      server: 'always',
      columns: '__id, title, format, downloads',
      sort: 'downloads desc',
      'page-size': '10',
    }));
    await until(el, () => bodyRows(el!).length === 10);
    expect(el.total).to.equal(31);
    const downloads = el.rows.map((r) => Number(r.downloads));
    expect(downloads).to.deep.equal([...downloads].sort((a, b) => b - a));
    el.setAttribute('filter', 'format = csv');
    await until(el, () => el!.total !== 31);
    const csvSaved = saved.data.filter((r) => r.format === 'csv').length;
    expect(el.total).to.be.at.least(csvSaved);
    expect(el.rows.every((r) => r.format === 'csv')).to.equal(true);
  });

  it('sorts and filters a CKAN DataStore resource on the server', async () => {
    const saved = (await (
      await fetch('/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json')
    ).json()) as {
      result: { records: Row[] };
    };
    ({ el } = await tableOf({
      src: DATASTORE,
      proxy: PROXY,
      server: 'always',
      columns: 'date, ServiceTypeName, WaitingCustomersMQ',
      sort: 'ServiceTypeName asc',
      'page-size': '5',
    }));
    await until(el, () => bodyRows(el!).length === 5);
    expect(el.total).to.equal(saved.result.records.length);
    const names = saved.result.records.map((r) => String(r.ServiceTypeName));
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(el.rows.map((r) => r.ServiceTypeName)).to.deep.equal(sorted.slice(0, 5));
    el.setAttribute('filter', `ServiceTypeName = ${names[0]}`);
    await until(el, () => el!.total !== saved.result.records.length);
    expect(el.total).to.equal(names.filter((n) => n === names[0]).length);
  });

  it('shows the error of an API that does not know the dataset', async () => {
    let event: CustomEvent;
    ({ el, event } = await tableOf({
      src: 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/nothing-here/records',
      proxy: PROXY,
      server: 'always',
    }));
    expect(event.type).to.equal('vitrine-error');
    expect(event.detail.code).to.equal('http');
    expect(root(el).querySelector('[role="alert"]')).to.not.equal(null);
  });
});

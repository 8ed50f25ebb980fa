/**
 * A <vitrine-source> over a query API too large to download (the fake Opendatasoft dataset announced
 * as 10,000,000 rows, scripts/fake-records.mjs): nothing is downloaded; the bound table asks for its
 * pages with the source's filters and search, <vitrine-filter> shows the API's group-by counts under
 * the other filters, <vitrine-search> searches on the portal, the address keeps the view, and an
 * element that needs every row says it cannot. Expected counts are computed here from the file the
 * fake repeats.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/source/source.ts';
import '../../src/components/filter/filter.ts';
import '../../src/components/search/search.ts';
import '../../src/components/table/table.ts';
import '../../src/components/map/map.ts';
import '../../src/components/budget/budget.ts';
import '../../src/components/cards/cards.ts';
import type { VitrineCards } from '../../src/components/cards/cards.component.ts';
import type { VitrineBudget } from '../../src/components/budget/budget.component.ts';
import type { VitrineSource } from '../../src/components/source/source.component.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import { csvRows, found, SYNTHETIC_POOL, SYNTHETIC_TOTAL, syntheticCopies } from '../helpers/fixture-rows.ts';
import { bodyRows, failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { portalRequests, type PortalRequests } from '../helpers/portal-requests.ts';
import { until } from '../helpers/until.ts';

const PROXY = '/__portal?url={url}';
const ODS_10M = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/vitrine-10-millions/records';

type Row = Record<string, string>;

/** Sum of the copies of the pool rows that `keep` keeps. */
function total(rows: Row[], keep: (r: Row) => boolean): number {
  return rows.reduce((a, r, i) => a + (keep(r) ? syntheticCopies(i, rows.length) : 0), 0);
}

const optionsOf = (el: Element) =>
  [...root(el).querySelectorAll('[part~="option"]')].map((o) => plain(o.textContent).replace(/\s+/g, ' '));
const fr = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');

describe('<vitrine-source> queried on the server', () => {
  let box: HTMLElement | undefined;
  let requests: PortalRequests | undefined;
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
    history.replaceState(null, '', location.pathname);
  });
  afterEach(() => {
    requests?.stop();
    requests = undefined;
    box?.remove();
    box = undefined;
    history.replaceState(null, '', location.pathname);
    checkWarnings();
  });

  function page(markup: string): HTMLElement {
    box = document.createElement('div');
    box.innerHTML = markup;
    document.body.append(box);
    return box;
  }

  it('downloads nothing; the table pages with the facet, the filter counts come from group-by, the search is the portal’s', async () => {
    const rows = await csvRows(SYNTHETIC_POOL);
    requests = portalRequests({ decode: true });
    page(`
      <vitrine-filter source="big" field="type" max-values="0"></vitrine-filter>
      <vitrine-filter source="big" field="reg_code_short" control="select"></vitrine-filter>
      <vitrine-search source="big"></vitrine-search>
      <vitrine-table source="big" columns="nom, type, reg_code_short" page-size="10"></vitrine-table>
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}" url-state></vitrine-source>`);
    const source = box!.querySelector<VitrineSource>('vitrine-source')!;
    const table = box!.querySelector<VitrineTable>('vitrine-table')!;
    const [typeFilter, regionFilter] = box!.querySelectorAll('vitrine-filter');
    const search = box!.querySelector('vitrine-search')!;

    await until(() => bodyRows(table).length === 10 && optionsOf(typeFilter).length > 0, 'first page and counts');
    expect(source.serverSide).to.equal(true);
    expect(table.serverSide).to.equal(true);
    expect(table.total).to.equal(SYNTHETIC_TOTAL);
    expect(requests.list.every((u) => u.includes('/records') || /\/datasets\/vitrine-10-millions$/.test(u))).to.equal(
      true,
    );
    expect(requests.list.some((u) => u.includes('/exports/'))).to.equal(false);
    expect(bodyRows(table).map((tr) => plain(tr.querySelector('td')?.textContent))).to.deep.equal(
      rows.slice(0, 10).map((r) => r.nom),
    );

    // The type facet: each value with its number among the 10,000,000 rows.
    const types = [...new Set(rows.map((r) => r.type))];
    const expectedTypes = types.map((t) => `${t} (${fr(total(rows, (r) => r.type === t))})`);
    expect([...optionsOf(typeFilter)].sort()).to.deep.equal([...expectedTypes].sort());

    // Tick COM: the table's query carries it, the région counts become those of communes.
    const com = [...root(typeFilter).querySelectorAll<HTMLLabelElement>('[part~="option"]')].find((l) =>
      plain(l.textContent).startsWith('COM '),
    )!;
    com.querySelector('input')!.click();
    const communes = total(rows, (r) => r.type === 'COM');
    await until(() => table.total === communes, 'the table filtered');
    const wheres = requests.list.map((u) => new URL(u).searchParams.get('where') ?? '');
    expect(wheres.some((w) => w.includes('`type` = "COM"'))).to.equal(true);
    const bre = total(rows, (r) => r.type === 'COM' && r.reg_code_short === 'BRE');
    await until(
      () => [...root(regionFilter).querySelectorAll('option')].some((o) => plain(o.textContent) === `BRE (${fr(bre)})`),
      'région counts of communes',
    );
    expect(location.search).to.contain('big.type=COM');

    // Choose a région in the select: both filters apply.
    const select = root(regionFilter).querySelector('select')!;
    select.value = 'BRE';
    select.dispatchEvent(new Event('change'));
    await until(() => table.total === bre, 'type and région');
    expect(bodyRows(table).every((tr) => plain(tr.querySelectorAll('td')[2]?.textContent) === 'BRE')).to.equal(true);

    // A search typed in four keystrokes: one page request once typing stops.
    const input = root(search).querySelector('input')!;
    const before = requests.list.filter((u) => u.includes('limit=10&')).length;
    for (const text of ['r', 're', 'ren', 'rennes']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    const rennes = total(rows, (r) => r.type === 'COM' && r.reg_code_short === 'BRE' && found('rennes', textOf(r)));
    await until(() => table.total === rennes, 'search');
    expect(rennes).to.be.above(0);
    expect(requests.list.filter((u) => u.includes('limit=10&')).length - before).to.equal(1);
    expect(location.search).to.contain('big-q=rennes');

    // Clear the type: the table follows, back to page 1.
    root(typeFilter).querySelector<HTMLButtonElement>('[part~="clear"]')!.click();
    await until(
      () => table.total === total(rows, (r) => r.reg_code_short === 'BRE' && found('rennes', textOf(r))),
      'type cleared',
    );
    await expect(typeFilter).to.be.accessible();
    await expect(table).to.be.accessible();

    /** The text fields the portal searches (every text column of the synthetic dataset). */
    function textOf(r: Row): string {
      return Object.entries(r)
        .filter(([k]) => !['nb_ptf', 'nb_datagouv', 'pop_insee', 'lat', 'lon', 'boolean'].includes(k))
        .map(([, v]) => v)
        .join(' ');
    }
  });

  it('applies its filter attribute and the address, and a range filter', async () => {
    const rows = await csvRows(SYNTHETIC_POOL);
    history.replaceState(null, '', `${location.pathname}?lang=fr&big.pop_insee=100000..`);
    page(`
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}" filter="type = COM" url-state></vitrine-source>
      <vitrine-filter source="big" field="pop_insee"></vitrine-filter>
      <vitrine-table source="big" columns="nom, pop_insee" page-size="5"></vitrine-table>`);
    const table = box!.querySelector<VitrineTable>('vitrine-table')!;
    const range = box!.querySelector('vitrine-filter')!;
    const expected = total(rows, (r) => r.type === 'COM' && r.pop_insee !== '' && +r.pop_insee >= 100000);
    await until(() => table.serverSide && table.total === expected && bodyRows(table).length === 5, 'filtered');
    const min = root(range).querySelector<HTMLInputElement>('input')!;
    expect(min.value).to.equal('100000');

    // A maximum typed in the range.
    const max = root(range).querySelectorAll<HTMLInputElement>('input')[1];
    max.value = '200000';
    max.dispatchEvent(new Event('change'));
    const between = total(
      rows,
      (r) => r.type === 'COM' && r.pop_insee !== '' && +r.pop_insee >= 100000 && +r.pop_insee <= 200000,
    );
    await until(() => table.total === between, 'range');
    // The address keeps the page's own parameter, the source's initial filter and the range.
    expect(location.search).to.equal('?lang=fr&big.type=COM&big.pop_insee=100000..200000');
  });

  it('shows cards of a source queried on the server, their pages carrying its filters and search', async () => {
    const rows = await csvRows(SYNTHETIC_POOL);
    requests = portalRequests({ decode: true });
    page(`
      <vitrine-cards source="big" card-title="nom" card-subtitle="type" page-size="6"></vitrine-cards>
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}" filter="type = REG"></vitrine-source>`);
    const cards = box!.querySelector<VitrineCards>('vitrine-cards')!;
    const source = box!.querySelector<VitrineSource>('vitrine-source')!;
    const titles = () =>
      [...root(cards).querySelectorAll('[part~="card"] [part~="title"]')].map((t) => plain(t.textContent));
    const regions = rows.filter((r) => r.type === 'REG');
    await until(() => cards.serverSide && titles().length === 6, 'first cards');
    expect(cards.total).to.equal(total(rows, (r) => r.type === 'REG'));
    // The synthetic rows repeat the pool in order: the first six régions are the first six REG rows.
    expect(titles()).to.deep.equal(regions.slice(0, 6).map((r) => r.nom));
    expect(requests.list.some((u) => u.includes('/exports/'))).to.equal(false);

    source.setSearch('bretagne');
    const expected = total(rows, (r) => r.type === 'REG' && found('bretagne', Object.values(r).join(' ')));
    expect(expected).to.be.above(0);
    await until(() => cards.total === expected, 'cards searched');
    expect(titles().every((t) => regions.some((r) => r.nom === t))).to.equal(true);
  });

  it('adds up a generic budget on the server under the source’s filters', async () => {
    const rows = await csvRows(SYNTHETIC_POOL);
    page(`
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}" filter="reg_code_short = BRE"></vitrine-source>
      <vitrine-filter source="big" field="type" max-values="0"></vitrine-filter>
      <vitrine-budget source="big" label-column="type" value-column="nb_ptf"></vitrine-budget>`);
    const budget = box!.querySelector<VitrineBudget>('vitrine-budget')!;
    /** Platforms (nb_ptf, in cents) per type among the kept pool rows, times their copies. */
    const expected = (keep: (r: Row) => boolean) => {
      const out = new Map<string, number>();
      rows.forEach((r, i) => {
        if (!keep(r) || r.nb_ptf === '') return;
        out.set(r.type, (out.get(r.type) ?? 0) + Math.round(+r.nb_ptf * 100) * syntheticCopies(i, rows.length));
      });
      return out;
    };
    const shown = () => new Map(budget.figures.map((f) => [f.label, f.cents]));
    const bre = expected((r) => r.reg_code_short === 'BRE');
    await until(() => budget.serverSide && budget.figures.length === bre.size, 'budget of BRE');
    expect(shown()).to.deep.equal(bre);
    expect(budget.table).to.equal(undefined);

    // A facet ticked on the source: the budget adds up again under both filters.
    const filter = box!.querySelector('vitrine-filter')!;
    await until(() => root(filter).querySelectorAll('[part~="option"]').length > 0, 'type counts');
    const com = [...root(filter).querySelectorAll<HTMLLabelElement>('[part~="option"]')].find((l) =>
      plain(l.textContent).startsWith('COM '),
    )!;
    com.querySelector('input')!.click();
    const breCom = expected((r) => r.reg_code_short === 'BRE' && r.type === 'COM');
    await until(() => budget.figures.length === 1, 'budget of BRE communes');
    expect(shown()).to.deep.equal(breCom);
  });

  it('colours a choropleth from the API’s group-by under the source’s filters', async () => {
    const rows = await csvRows(SYNTHETIC_POOL);
    const GEO = '/test/fixtures/geo/regions-version-simplifiee.geojson';
    requests = portalRequests({ decode: true });
    page(`
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}" filter="type = COM"></vitrine-source>
      <vitrine-map source="big" tiles="none" areas="${GEO}" join="reg_code_geo"></vitrine-map>`);
    type Map = HTMLElement & { serverSide: boolean; updateComplete: Promise<unknown> };
    const map = box!.querySelector<Map>('vitrine-map')!;
    const toggle = () => root(map).querySelector<HTMLButtonElement>('[part~="list-toggle"]');
    await until(() => map.serverSide && !!toggle(), 'choropleth');
    const groupBys = requests.list.filter((u) => u.includes('group_by='));
    expect(groupBys.length).to.be.above(0);
    expect(groupBys.every((u) => new URL(u).searchParams.get('where')?.includes('`type` = "COM"'))).to.equal(true);
    expect(requests.list.some((u) => u.includes('/exports/'))).to.equal(false);
    // The communes per région, as the portal counts them, in the table of areas.
    const expected = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.type === 'COM')
        expected.set(r.reg_code_geo, (expected.get(r.reg_code_geo) ?? 0) + syntheticCopies(i, rows.length));
    });
    toggle()!.click();
    await map.updateComplete;
    const table = [...root(map).querySelectorAll('[part~="list"] tbody tr')].map((tr) =>
      [...tr.children].map((c) => plain(c.textContent)),
    );
    expect(table.length).to.be.above(0);
    for (const [name, code, value] of table)
      expect(value, name).to.equal(expected.has(code) ? fr(expected.get(code)!) : '');
    expect(table.some(([, code]) => expected.has(code))).to.equal(true);
  });

  it('tells an element that needs every row that it cannot show a source queried on the server', async () => {
    page(`
      <vitrine-source id="big" src="${ODS_10M}" proxy="${PROXY}"></vitrine-source>
      <vitrine-map source="big" tiles="none"></vitrine-map>`);
    const map = box!.querySelector('vitrine-map')!;
    const event = await new Promise<CustomEvent>((resolve) =>
      map.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    expect(event.detail.code).to.equal('config');
    const alert = root(map).querySelector('[role="alert"]');
    expect(plain(alert?.textContent)).to.contain('« big » est trop grande pour être téléchargée');
  });

  it('writes no attribute the author did not (no reflected source="")', async () => {
    page(`
      <vitrine-table src="/demo/data/odf-observatoire.csv" page-size="5"></vitrine-table>
      <vitrine-filter field="type"></vitrine-filter>
      <vitrine-search></vitrine-search>`);
    const elements = [...box!.children];
    await until(() => bodyRows(elements[0]).length === 5, 'table');
    await Promise.all(elements.map((e) => (e as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
    expect(elements.map((e) => e.getAttributeNames())).to.deep.equal([['src', 'page-size'], ['field'], []]);
  });

  it('downloads the file when told server="never", and then works as a local source', async () => {
    page(`
      <vitrine-source id="small" src="${ODS_10M.replace('vitrine-10-millions', 'sanisettesparis').replace('data.exemple.fr', 'opendata.paris.fr')}" proxy="${PROXY}" server="never"></vitrine-source>
      <vitrine-table source="small" page-size="5"></vitrine-table>`);
    const table = box!.querySelector<VitrineTable>('vitrine-table')!;
    await until(() => bodyRows(table).length === 5, 'local table');
    expect(table.serverSide).to.equal(false);
    expect(table.rows.length).to.equal(615);
  });
});

/**
 * <vitrine-map> choropleths over query APIs (server mode): the areas are coloured from the API's
 * group-by (counts per code, sums of a value), nothing is downloaded. The fake APIs
 * (scripts/fake-records.mjs) compute their answers from saved rows: the Opendatasoft dataset
 * `vitrine-10-millions` is the 891 rows of the observatory file repeated to 10,000,000 rows; the
 * expected values are computed in this file from that file (and from the saved education
 * directory), never read from the library.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { csvRows } from '../helpers/fixture-rows.ts';

const PROXY = '/__portal?url={url}';
const ODS_10M = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/vitrine-10-millions/records';
const ODS_SCHOOLS = 'https://data.education.gouv.fr/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education/records';
const ODS_SANISETTES = 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/sanisettesparis/records';
const DATASTORE = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const POOL = '/demo/data/odf-observatoire.csv';
const GEO_REGIONS = '/test/fixtures/geo/regions-version-simplifiee.geojson';
const GEO_COMMUNES_35 = '/test/fixtures/geo/communes-35-ille-et-vilaine.geojson';
const TOTAL = 10_000_000;

type Row = Record<string, string>;

/** How many of the 10,000,000 rows repeat pool row i (10,000,000 = 891 × 11,223 + 307). */
function copies(i: number, n: number): number {
  return Math.floor(TOTAL / n) + (i < TOTAL % n ? 1 : 0);
}

/** Every request of the page while a test runs: the fake portal's (decoded target URLs) and the others. */
function recordRequests(): { portal: string[]; other: string[]; stop: () => void } {
  const portal: string[] = [];
  const other: string[] = [];
  const real = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/__portal?'))
      portal.push(decodeURIComponent(new URL(url, location.href).searchParams.get('url')!));
    else other.push(url);
    return real(input, init);
  };
  return { portal, other, stop: () => (window.fetch = real) };
}

/** A map attached to the page, and its first vitrine-load or vitrine-error. */
async function mapOf(attrs: Record<string, string>): Promise<{ el: VitrineMap; event: CustomEvent }> {
  const el = document.createElement('vitrine-map');
  el.setAttribute('tiles', 'none');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const event = new Promise<CustomEvent>((resolve) => {
    el.addEventListener('vitrine-load', (e) => resolve(e as CustomEvent), { once: true });
    el.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent), { once: true });
  });
  document.body.append(el);
  const got = await event;
  await settle(el);
  return { el, event: got };
}

/** Waits for the element's updates and the lazily loaded map to be drawn. */
async function settle(el: VitrineMap): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    if (el.leafletMap && !root(el).querySelector('[part="status"]')) break;
  }
  await el.updateComplete;
}

/** A whole number as the French page shows it, spaces made plain. */
const fr = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');
const summary = (el: Element) => plain(root(el).querySelector('[part="summary"]')?.textContent);
const legend = (el: Element) =>
  [...root(el).querySelectorAll('[part~="legend"] li')].map((li) => {
    const swatch = li.querySelector<HTMLElement>('.swatch');
    return `${plain(li.textContent)} ${swatch ? getComputedStyle(swatch).backgroundColor : ''}`;
  });
const legendTitle = (el: Element) => plain(root(el).querySelector('[part~="legend"] figcaption')?.textContent);
/** The tooltips (accessible names) of the areas, as a person reads them, in order. */
const tooltips = (el: Element) =>
  [...root(el).querySelectorAll('path.vitrine-area')].map((p) => plain(p.getAttribute('aria-label')));

/** The table of areas (name, code, value), shown with its button. */
async function areaTable(el: VitrineMap): Promise<string[][]> {
  const toggle = root(el).querySelector<HTMLButtonElement>('[part~="list-toggle"]')!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await el.updateComplete;
  return [...root(el).querySelectorAll('[part~="list"] tbody tr')].map((tr) =>
    [...tr.children].map((c) => plain(c.textContent)),
  );
}

/** The popup of an area, opened with the keyboard (Enter on the area), as text. */
async function popupOf(el: VitrineMap, name: string): Promise<string> {
  const path = [...root(el).querySelectorAll<SVGPathElement>('path.vitrine-area')].find((p) =>
    plain(p.getAttribute('aria-label')).startsWith(`${name} :`),
  );
  if (!path) throw new Error(`no area ${name}`);
  path.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const text = plain(root(el).querySelector('.leaflet-popup-content')?.textContent);
  (el.leafletMap as { closePopup(): void }).closePopup();
  return text;
}

/** The group-by requests among `urls`, by what they select. */
const groupBys = (urls: string[]) => urls.filter((u) => new URL(u).searchParams.has('group_by'));

describe('<vitrine-map> choropleth from a query API (server mode)', () => {
  let checkWarnings: () => void;
  const els: Element[] = [];
  let requests: ReturnType<typeof recordRequests> | undefined;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => {
    requests?.stop();
    requests = undefined;
    els.splice(0).forEach((e) => e.remove());
    checkWarnings();
  });

  async function map(attrs: Record<string, string>): Promise<{ el: VitrineMap; event: CustomEvent }> {
    const got = await mapOf(attrs);
    els.push(got.el);
    return got;
  }

  it('colours the régions of a 10,000,000-row dataset from one group-by, and downloads no row', async () => {
    const rows = await csvRows(POOL);
    const regions = (await (await fetch(GEO_REGIONS)).json()) as { features: { properties: Row }[] };
    requests = recordRequests();
    const { el, event } = await map({ src: ODS_10M, proxy: PROXY, areas: GEO_REGIONS, join: 'reg_code_geo' });
    expect(event.type).to.equal('vitrine-load');
    expect(event.detail.rowCount).to.equal(TOTAL);
    expect(el.serverSide).to.equal(true);
    // The dataset's description, then one group-by of the join column: no record, no export.
    expect(requests.portal).to.have.length(2);
    expect(requests.portal[0]).to.match(/\/datasets\/vitrine-10-millions$/);
    const [groupBy] = groupBys(requests.portal);
    const params = new URL(groupBy).searchParams;
    expect(params.get('group_by')).to.equal('`reg_code_geo` as vitrine_value');
    expect(params.get('select')).to.equal('count(*) as vitrine_count');
    expect(requests.other.filter((u) => !u.includes(GEO_REGIONS))).to.deep.equal([]);

    // Each région counts the rows of its code (each pool row stands for 11,223 or 11,224 rows).
    const expected = new Map<string, number>();
    rows.forEach((r, i) => expected.set(r.reg_code_geo, (expected.get(r.reg_code_geo) ?? 0) + copies(i, rows.length)));
    const codes = regions.features.map((f) => f.properties.code);
    const table = await areaTable(el);
    expect(table.map((r) => r[1])).to.deep.equal(codes);
    for (const [name, code, value] of table) {
      expect(value, name).to.equal(fr(expected.get(code)!));
    }
    // Rows of codes that are no région of the file (overseas, New Caledonia…) are said.
    const unmatched = [...expected].filter(([code]) => !codes.includes(code)).reduce((n, [, c]) => n + c, 0);
    expect(unmatched).to.be.greaterThan(0);
    expect(summary(el)).to.equal(`13 zones, 13 avec des données, ${fr(unmatched)} lignes sans zone correspondante`);
    // Tooltips and legend as for downloaded rows.
    const bretagne = regions.features.find((f) => f.properties.code === '53')!.properties.nom;
    expect(tooltips(el)).to.include(`${bretagne} : ${fr(expected.get('53')!)}`);
    expect(legendTitle(el)).to.equal('Nombre de lignes');
    expect(await popupOf(el, bretagne)).to.equal(`${bretagne} Nombre de lignes ${fr(expected.get('53')!)}`);
  });

  it('colours a mean from the sums and the counts, asked at once, under its filter attribute', async () => {
    const rows = await csvRows(POOL);
    requests = recordRequests();
    const { el, event } = await map({
      src: ODS_10M,
      proxy: PROXY,
      areas: GEO_REGIONS,
      join: 'reg_code_geo',
      value: 'pop_insee',
      aggregate: 'mean',
      filter: 'type = MET',
    });
    expect(event.type).to.equal('vitrine-load');
    const groups = groupBys(requests.portal);
    expect(groups).to.have.length(2);
    expect(requests.portal).to.have.length(3);
    const sums = groups.find((u) => new URL(u).searchParams.get('select')!.startsWith('sum('))!;
    const counts = groups.find((u) => new URL(u).searchParams.get('select')!.startsWith('count('))!;
    expect(new URL(sums).searchParams.get('select')).to.equal('sum(`pop_insee`) as vitrine_sum');
    for (const u of [sums, counts]) expect(new URL(u).searchParams.get('where')).to.contain('`type` = "MET"');
    // The mean is over the rows that have a value: the counts are of those rows.
    expect(new URL(counts).searchParams.get('where')).to.contain('`pop_insee` >=');

    const sum = new Map<string, number>();
    const valued = new Map<string, number>();
    rows.forEach((r, i) => {
      if (r.type !== 'MET' || r.pop_insee === '') return;
      const c = copies(i, rows.length);
      sum.set(r.reg_code_geo, (sum.get(r.reg_code_geo) ?? 0) + c * Number(r.pop_insee));
      valued.set(r.reg_code_geo, (valued.get(r.reg_code_geo) ?? 0) + c);
    });
    const table = await areaTable(el);
    expect(table).to.have.length(13);
    for (const [name, code, value] of table) {
      const want = valued.has(code) ? fr(Math.round(sum.get(code)! / valued.get(code)!)) : 'Pas de données';
      expect(value, name).to.equal(want);
    }
    expect(table.some((r) => r[2] === 'Pas de données')).to.equal(true);
    expect(legendTitle(el)).to.equal('pop_insee');
  });

  it('shows the same areas, tooltips, popups and legend as when the rows are downloaded', async () => {
    const schools = await csvRows(
      '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv',
    );
    const features = ((await (await fetch(GEO_COMMUNES_35)).json()) as { features: { properties: Row }[] }).features;
    const communes = features.length;
    const name = features.find((f) => f.properties.code === '35238')!.properties.nom;
    const configs: Record<string, string>[] = [
      { join: 'code_commune' },
      { join: 'code_commune', value: 'nombre_d_eleves' },
      { join: 'code_commune', value: 'nombre_d_eleves', aggregate: 'mean' },
    ];
    for (const config of configs) {
      requests = recordRequests();
      const attrs = { src: `${ODS_SCHOOLS}?limit=100`, proxy: PROXY, areas: GEO_COMMUNES_35, ...config };
      const { el: server } = await map({ ...attrs, server: 'always' });
      const serverRequests = [...requests.portal];
      requests.portal.length = 0;
      const { el: local } = await map({ ...attrs, server: 'never' });
      const localRequests = [...requests.portal];
      requests.stop();
      const what = JSON.stringify(config);
      // The server mode asks group-bys only; `never` downloads the 996 records, 100 at a time.
      expect(server.serverSide, what).to.equal(true);
      expect(serverRequests.filter((u) => u.includes('/records')).every((u) => new URL(u).searchParams.has('group_by')))
        .to.be.true;
      expect(local.serverSide, what).to.equal(false);
      expect(groupBys(localRequests), what).to.deep.equal([]);
      expect(localRequests.filter((u) => u.includes('/records?')).length, what).to.equal(
        Math.ceil(schools.length / 100),
      );
      expect(local.rows.length).to.equal(schools.length);

      expect(legend(server), what).to.deep.equal(legend(local));
      expect(legend(server).length, what).to.be.greaterThan(2);
      expect(tooltips(server), what).to.deep.equal(tooltips(local));
      expect(tooltips(server), what).to.have.length(communes);
      expect(await areaTable(server), what).to.deep.equal(await areaTable(local));
      // Rennes: many schools, so the popup shows the area's value only (no single record).
      expect(await popupOf(server, name), what).to.equal(await popupOf(local, name));
      if (!config.value) expect(summary(server), what).to.equal(summary(local));
      els.splice(0).forEach((e) => e.remove());
      resetCache();
    }
    // The area of a commune whose schools have no pupil count has no data, in both modes.
    const byCommune = new Map<string, string[]>();
    for (const s of schools)
      byCommune.set(s.Code_commune, [...(byCommune.get(s.Code_commune) ?? []), s.Nombre_d_eleves]);
    expect([...byCommune.values()].some((v) => v.every((n) => n === ''))).to.equal(true);
  });

  it('downloads the records of a map of points, even on a query API in server mode', async () => {
    requests = recordRequests();
    const { el, event } = await map({ src: ODS_SANISETTES, proxy: PROXY, server: 'always' });
    expect(event.type).to.equal('vitrine-load');
    expect(el.serverSide).to.equal(false);
    expect(groupBys(requests.portal)).to.deep.equal([]);
    // No question about the size of the dataset: its records straight away.
    expect(requests.portal.every((u) => u.includes('/records'))).to.equal(true);
    expect(el.rows.length).to.equal(615);
  });

  it('downloads the rows for a sum on an API that cannot sum (CKAN DataStore)', async () => {
    requests = recordRequests();
    const { el, event } = await map({
      src: DATASTORE,
      proxy: PROXY,
      server: 'always',
      areas: GEO_REGIONS,
      'area-key': 'nom',
      join: 'ServiceTypeName',
      value: 'WaitingCustomersMQ',
    });
    expect(event.type).to.equal('vitrine-load');
    expect(el.serverSide).to.equal(false);
    expect(el.rows.length).to.equal(9);
    expect(requests.portal.some((u) => u.includes('datastore_search'))).to.equal(true);
    expect(summary(el)).to.equal('13 zones, 0 avec des données, 9 lignes sans zone correspondante');
    // Drawn: every région, without data.
    expect(tooltips(el)).to.have.length(13);
  });

  it('says so when the API does not know the dataset', async () => {
    const src = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets/nothing-here/records';
    for (const server of ['always', 'auto']) {
      const { el, event } = await map({ src, proxy: PROXY, server, areas: GEO_REGIONS, join: 'reg_code_geo' });
      expect(event.type, server).to.equal('vitrine-error');
      expect(event.detail.code, server).to.equal('http');
      const alert = root(el).querySelector('[role="alert"]');
      expect(alert, server).to.not.equal(null);
      expect(alert!.getAttribute('part')).to.equal('error');
      expect(el.serverSide).to.equal(false);
    }
  });
});

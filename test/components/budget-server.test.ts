/**
 * <vitrine-budget> on a label/amount table behind a query API that sums by group: the portal
 * aggregates, nothing is downloaded. Opendatasoft Explore v2.1 on the synthetic 10,000,000-row
 * dataset of the local fake (pool row i of the observatory file repeated `copies(i)` times) and on
 * the 330 rows of three OFGL extracts (years 2022 and 2023); the data.gouv.fr tabular API; CKAN
 * DataStore, which cannot sum (the file is downloaded). Every expected amount is computed here from
 * the fixture files themselves (scripts/fake-records.mjs serves those rows), never from the element.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/budget/budget.ts';
import type { VitrineBudget } from '../../src/components/budget/budget.component.ts';
import type { FigureRow } from '../../src/components/budget/budget-export.ts';
import { csvRows, SYNTHETIC_POOL, SYNTHETIC_TOTAL, syntheticCopies } from '../helpers/fixture-rows.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { portalRequests, type PortalRequests } from '../helpers/portal-requests.ts';
import { until } from '../helpers/until.ts';

const PROXY = '/__portal?url={url}';
const DATASETS = 'https://data.exemple.fr/api/explore/v2.1/catalog/datasets';
const ODS_10M = `${DATASETS}/vitrine-10-millions/records`;
const ODS_OFGL = `${DATASETS}/vitrine-ofgl-occitanie/records`;
const TABULAR = 'https://tabular-api.data.gouv.fr/api/resources/4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d/data/';
const DATASTORE = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const POOL = SYNTHETIC_POOL;
const OFGL_DIR = '/test/fixtures/scdl/budget/ofgl';
/** The files of the OFGL dataset, in the fake's order. */
const OFGL_FILES = [
  'ofgl-base-departement.test.csv',
  'ofgl-base-region.test.csv',
  'ofgl-base-communes-consolidee.test.csv',
].map((f) => `${OFGL_DIR}/${f}`);
const TOTAL = SYNTHETIC_TOTAL;
const copies = syntheticCopies;

type Row = Record<string, string>;

/** A decimal text as whole cents, rounded half away from zero on its writing ("" is 0). */
function cents(text: string): number {
  const s = text.trim();
  if (!s) return 0;
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace(/^-/, '').split('.');
  let c = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) c += 1;
  return negative ? -c : c;
}

/** Sums of `amount(row)` per `key(row)`. */
function sumBy<T>(rows: readonly T[], key: (r: T) => string, amount: (r: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + amount(r));
  return out;
}

/** Categories largest first, ties in French order (how a budget chart lists them). */
function ranked(sums: Map<string, number>): [string, number][] {
  return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
}

const total = (sums: Map<string, number>) => [...sums.values()].reduce((s, v) => s + v, 0);

/** The observatory rows: the pool of the synthetic dataset. */
const pool = () => csvRows(POOL);

/** The OFGL rows, the three files one after the other. */
async function ofgl(): Promise<Row[]> {
  return (await Promise.all(OFGL_FILES.map((f) => csvRows(f)))).flat();
}

/** A parameter of a request URL. */
const param = (url: string, name: string) => new URL(url).searchParams.get(name);
/** The Opendatasoft group-by requests among `list`. */
const groupBys = (list: readonly string[]) => list.filter((u) => param(u, 'group_by') !== null);

async function budgetOf(attrs: Record<string, string>): Promise<{ el: VitrineBudget; event: CustomEvent }> {
  const el = document.createElement('vitrine-budget');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const event = new Promise<CustomEvent>((resolve) => {
    el.addEventListener('vitrine-load', (e) => resolve(e as CustomEvent), { once: true });
    el.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent), { once: true });
  });
  document.body.append(el);
  const settled = await event;
  await el.updateComplete;
  return { el, event: settled };
}

/** The server's figures are on screen, no request pending. */
const idle = (el: VitrineBudget) => !!root(el).querySelector('[aria-busy="false"]');

/** label → cents of the categories shown. */
const shown = (el: VitrineBudget) => new Map(el.figures.map((f) => [f.label, f.cents]));
/** label → cents per year of a comparison. */
const shownByYear = (el: VitrineBudget) => new Map(el.figures.map((f) => [f.label, f.byYear]));

/** Shows the data table under the chart. */
async function showData(el: VitrineBudget): Promise<void> {
  if (root(el).querySelector('table[part~="data"]')) return;
  [...root(el).querySelectorAll<HTMLButtonElement>('[part~="actions"] button')]
    .find((b) => plain(b.textContent) === 'Voir les données')!
    .click();
  await el.updateComplete;
}

/** Opens the category of the data table named `label` (shows the table first). */
async function open(el: VitrineBudget, label: string): Promise<void> {
  await showData(el);
  const button = [...root(el).querySelectorAll<HTMLButtonElement>('table[part~="data"] tbody th button')].find(
    (b) => plain(b.textContent) === label,
  );
  expect(button, `a button for ${label}`).to.not.equal(undefined);
  button!.click();
  await el.updateComplete;
}

async function chooseYear(el: VitrineBudget, year: string): Promise<void> {
  const select = root(el).querySelector<HTMLSelectElement>('select[id$="-year"]')!;
  select.value = year;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

function toggleCompare(el: VitrineBudget): void {
  [...root(el).querySelectorAll<HTMLButtonElement>('[part~="toolbar"] button')]
    .find((b) => plain(b.textContent) === 'Comparer les années')!
    .click();
}

/** What the element shows, to compare two elements. */
function view(el: VitrineBudget) {
  return {
    figures: el.figures.map((f: FigureRow) => ({ key: f.key, label: f.label, cents: f.cents, byYear: f.byYear })),
    total: el.total,
    title: plain(root(el).querySelector('[part~="title"]')?.textContent),
    subtitle: plain(root(el).querySelector('[part~="subtitle"]')?.textContent),
    totalLine: plain(root(el).querySelector('[part~="total"]')?.textContent),
    breadcrumb: plain(root(el).querySelector('[part~="breadcrumb"]')?.textContent),
    csv: el.exportCsv(),
  };
}

describe('<vitrine-budget> summed by a query API (server side)', () => {
  let checkWarnings: () => void;
  let requests: PortalRequests | undefined;
  const els: Element[] = [];
  const track = <T extends { el: VitrineBudget }>(x: T): T => {
    els.push(x.el);
    return x;
  };
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

  it('sums 10,000,000 rows by label on the server: the dataset description, one group-by sum, nothing downloaded', async () => {
    const rows = await pool();
    const expected = sumBy(
      rows.map((r, i) => ({ r, i })),
      ({ r }) => r.type,
      ({ r, i }) => cents(r.nb_ptf) * copies(i, rows.length),
    );
    requests = portalRequests();
    const { el, event } = track(
      await budgetOf({ src: ODS_10M, proxy: PROXY, 'label-column': 'type', 'value-column': 'nb_ptf' }),
    );
    expect(event.type).to.equal('vitrine-load');
    expect(event.detail.rowCount).to.equal(TOTAL);
    expect(el.serverSide).to.equal(true);
    expect(el.table).to.equal(undefined);
    expect(requests.list).to.have.length(2);
    expect(requests.list[0]).to.match(/\/datasets\/vitrine-10-millions$/);
    expect(param(requests.list[1], 'group_by')).to.equal('`type` as vitrine_value');
    expect(param(requests.list[1], 'select')).to.equal('sum(`nb_ptf`) as vitrine_sum');
    expect(param(requests.list[1], 'where')).to.equal(null);

    expect(shown(el)).to.deep.equal(expected);
    expect(el.figures.map((f) => f.label)).to.deep.equal(ranked(expected).map(([label]) => label));
    expect(el.total).to.equal(total(expected));
    expect(el.figures.length).to.equal(12); // 12 types: no "Autres" with 12 bars
    expect(plain(root(el).querySelector('[part~="title"]')?.textContent)).to.equal('Montants');
    expect(el.columns.map((c) => c.name)).to.include('nb_ptf');

    // The data table and the CSV come from the same sums.
    await showData(el);
    const table = root(el).querySelector('table[part~="data"]')!;
    expect(table.querySelectorAll('tbody tr')).to.have.length(12);
    const euros = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
    const lines = el.exportCsv().trim().split('\r\n');
    expect(lines).to.have.length(14);
    expect(lines[1]).to.equal(`;${ranked(expected)[0][0]};${euros(ranked(expected)[0][1])}`);
    expect(lines[13]).to.equal(`;Total;${euros(total(expected))}`);
    await expect(el).to.be.accessible();
    // Still nothing downloaded, no other request.
    expect(requests.list).to.have.length(2);
  });

  it('groups the smallest categories into "Autres", which opens without a request', async () => {
    const rows = await pool();
    const expected = ranked(
      sumBy(
        rows.map((r, i) => ({ r, i })),
        ({ r }) => r.dep_label,
        ({ r, i }) => cents(r.nb_ptf) * copies(i, rows.length),
      ),
    );
    requests = portalRequests();
    const { el } = track(
      await budgetOf({ src: ODS_10M, proxy: PROXY, 'label-column': 'dep_label', 'value-column': 'nb_ptf' }),
    );
    expect(el.figures).to.have.length(12);
    expect(el.figures.slice(0, 11).map((f) => [f.label, f.cents])).to.deep.equal(expected.slice(0, 11));
    const rest = expected.slice(11);
    expect(el.figures[11].label).to.equal(`Autres (${rest.length})`);
    expect(el.figures[11].cents).to.equal(rest.reduce((s, [, c]) => s + c, 0));
    const before = requests.list.length;
    await open(el, `Autres (${rest.length})`);
    await until(() => el.figures.length > 0 && el.figures[0].label === rest[0][0], 'the categories of "Autres"');
    expect(el.total).to.equal(rest.reduce((s, [, c]) => s + c, 0));
    expect(el.figures.slice(0, 11).map((f) => [f.label, f.cents])).to.deep.equal(rest.slice(0, 11));
    expect(requests.list.length).to.equal(before);

    // Back to all the categories, then a doughnut: it groups beyond 10.
    root(el).querySelector<HTMLButtonElement>('[part~="breadcrumb"] button')!.click();
    await el.updateComplete;
    expect(el.figures[11].label).to.equal(`Autres (${rest.length})`);
    el.setAttribute('chart', 'doughnut');
    await el.updateComplete;
    expect(el.figures).to.have.length(10);
    expect(el.figures[9].label).to.equal(`Autres (${expected.length - 9})`);
    expect(requests.list.length).to.equal(before);
  });

  it('opens a group with one request (the labels within it), and goes back up without one', async () => {
    const rows = await pool();
    const withCopies = rows.map((r, i) => ({ r, i }));
    const amount = ({ r, i }: { r: Row; i: number }) => cents(r.nb_ptf) * copies(i, rows.length);
    const groups = ranked(sumBy(withCopies, ({ r }) => r.reg_code_short, amount));
    requests = portalRequests();
    const { el } = track(
      await budgetOf({
        src: ODS_10M,
        proxy: PROXY,
        'label-column': 'type',
        'value-column': 'nb_ptf',
        'group-column': 'reg_code_short',
      }),
    );
    expect(param(requests.list[1], 'group_by')).to.equal('`reg_code_short` as vitrine_value');
    expect(el.figures.slice(0, 11).map((f) => [f.label, f.cents])).to.deep.equal(groups.slice(0, 11));
    expect(el.figures[11].label).to.equal(`Autres (${groups.length - 11})`);
    expect(el.total).to.equal(groups.reduce((s, [, c]) => s + c, 0));

    const [top, topCents] = groups[0];
    await open(el, top);
    await until(() => idle(el) && el.total === topCents && el.figures[0]?.label !== top, 'the group opened');
    expect(requests.list).to.have.length(3);
    expect(param(requests.list[2], 'group_by')).to.equal('`type` as vitrine_value');
    expect(param(requests.list[2], 'where')).to.equal(`(\`reg_code_short\` = "${top}")`);
    const inside = sumBy(
      withCopies.filter(({ r }) => r.reg_code_short === top),
      ({ r }) => r.type,
      amount,
    );
    expect(shown(el)).to.deep.equal(inside);
    expect(plain(root(el).querySelector('[part~="breadcrumb"]')?.textContent)).to.contain(top);

    root(el).querySelector<HTMLButtonElement>('[part~="breadcrumb"] button')!.click();
    await el.updateComplete;
    expect(el.figures[0].label).to.equal(top);
    expect(requests.list).to.have.length(3);
    // The same group again: already answered.
    await open(el, top);
    expect(el.total).to.equal(topCents);
    expect(requests.list).to.have.length(3);
  });

  it('applies `filter` on the server, matching values as the file would (case and accents ignored)', async () => {
    const rows = await pool();
    const kept = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'COM' || r.type === 'REG');
    const expected = sumBy(
      kept,
      ({ r }) => r.reg_code_short,
      ({ r, i }) => cents(r.pop_insee) * copies(i, rows.length),
    );
    requests = portalRequests();
    const { el } = track(
      await budgetOf({
        src: ODS_10M,
        proxy: PROXY,
        'label-column': 'reg_code_short',
        'value-column': 'pop_insee',
        filter: 'type = com | Reg',
        'max-categories': '0',
      }),
    );
    // The dataset, the distinct values of the filtered column, the sums under the filter.
    expect(requests.list).to.have.length(3);
    expect(param(requests.list[1], 'group_by')).to.equal('`type` as vitrine_value');
    expect(param(requests.list[1], 'select')).to.equal('count(*) as vitrine_count');
    expect(param(requests.list[2], 'where')).to.equal('(`type` = "COM" OR `type` = "REG")');
    expect(shown(el)).to.deep.equal(expected);
    expect(el.total).to.equal(total(expected));

    // Another filter: the counts of that column are already known; one request for the sums.
    el.setAttribute('filter', 'type = DEP');
    await el.updateComplete;
    await until(() => idle(el) && requests!.list.length === 4, 'the new sums');
    const dep = sumBy(
      rows.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'DEP'),
      ({ r }) => r.reg_code_short,
      ({ r, i }) => cents(r.pop_insee) * copies(i, rows.length),
    );
    expect(shown(el)).to.deep.equal(dep);
  });

  it('asks for the years, switches year with one request, and asks nothing for a year already shown', async () => {
    const rows = await ofgl();
    const byYear = (year: string) =>
      sumBy(
        rows.filter((r) => r.Exercice === year),
        (r) => r['Catégorie'],
        (r) => cents(r.Montant),
      );
    requests = portalRequests();
    const { el, event } = track(
      await budgetOf({
        src: ODS_OFGL,
        proxy: PROXY,
        server: 'always',
        'label-column': 'Agrégat',
        'value-column': 'Montant',
        'group-column': 'Catégorie',
      }),
    );
    expect(event.type).to.equal('vitrine-load');
    expect(event.detail.rowCount).to.equal(rows.length);
    expect(el.serverSide).to.equal(true);
    // The dataset, the years (the column Exercice is found by its name), the sums of the latest year.
    expect(requests.list).to.have.length(3);
    expect(param(requests.list[1], 'group_by')).to.equal('`exercice` as vitrine_value');
    expect(param(requests.list[2], 'group_by')).to.equal('`categorie` as vitrine_value');
    expect(param(requests.list[2], 'where')).to.equal('(`exercice` = 2023)');
    expect(plain(root(el).querySelector('[part~="title"]')?.textContent)).to.equal('Montants 2023');
    expect(shown(el)).to.deep.equal(byYear('2023'));

    await chooseYear(el, '2022');
    await until(() => idle(el) && el.total === total(byYear('2022')), 'the year 2022');
    expect(requests.list).to.have.length(4);
    expect(param(requests.list[3], 'where')).to.equal('(`exercice` = 2022)');
    expect(shown(el)).to.deep.equal(byYear('2022'));
    expect(plain(root(el).querySelector('[part~="title"]')?.textContent)).to.equal('Montants 2022');

    await chooseYear(el, '2023');
    expect(idle(el)).to.equal(true);
    expect(shown(el)).to.deep.equal(byYear('2023'));
    expect(requests.list).to.have.length(4);

    // The `year` attribute too.
    el.setAttribute('year', '2022');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(byYear('2022'));
    expect(requests.list).to.have.length(4);
  });

  it('compares the years with one request per year, and per year within an opened group', async () => {
    const rows = await ofgl();
    const years = ['2022', '2023'];
    const perYear = (keep: (r: Row) => boolean, key: (r: Row) => string) => {
      const out = new Map<string, number[]>();
      years.forEach((y, i) => {
        for (const r of rows.filter((x) => x.Exercice === y && keep(x))) {
          const v = out.get(key(r)) ?? years.map(() => 0);
          v[i] += cents(r.Montant);
          out.set(key(r), v);
        }
      });
      return out;
    };
    requests = portalRequests();
    const { el } = track(
      await budgetOf({
        src: ODS_OFGL,
        proxy: PROXY,
        server: 'always',
        'label-column': 'Agrégat',
        'value-column': 'Montant',
        'group-column': 'Catégorie',
        compare: '',
      }),
    );
    expect(requests.list).to.have.length(4);
    expect(groupBys(requests.list.slice(2)).map((u) => param(u, 'where'))).to.have.members([
      '(`exercice` = 2022)',
      '(`exercice` = 2023)',
    ]);
    expect(shownByYear(el)).to.deep.equal(
      perYear(
        () => true,
        (r) => r['Catégorie'],
      ),
    );
    const totals = years.map((y) => rows.filter((r) => r.Exercice === y).reduce((s, r) => s + cents(r.Montant), 0));
    expect(el.total).to.equal(totals[1]);
    const change = ((totals[1] - totals[0]) / Math.abs(totals[0])) * 100;
    expect(plain(root(el).querySelector('[part~="total"]')?.textContent).replace(/\u2212/g, '-')).to.contain(
      `${change > 0 ? '+' : ''}${change.toFixed(1).replace('.', ',')} % par rapport à 2022`,
    );

    await open(el, 'Commune');
    await until(() => idle(el) && el.figures.length > 3, 'the group Commune');
    expect(requests.list).to.have.length(6);
    for (const u of requests.list.slice(4)) {
      expect(param(u, 'group_by')).to.equal('`agregat` as vitrine_value');
      expect(param(u, 'where')).to.match(/^\(`exercice` = 202[23]\) AND \(`categorie` = "Commune"\)$/);
    }
    const inside = perYear(
      (r) => r['Catégorie'] === 'Commune',
      (r) => r['Agrégat'],
    );
    const top = [...inside].sort((a, b) => b[1][1] - a[1][1] || b[1][0] - a[1][0]);
    expect(el.figures.slice(0, 11).map((f) => [f.label, f.byYear])).to.deep.equal(top.slice(0, 11));
    expect(el.figures[11].label).to.match(/^Autres/);
    expect(el.figures[11].byYear).to.deep.equal(years.map((_, y) => top.slice(11).reduce((s, [, v]) => s + v[y], 0)));

    // Back to one year: 2023, already answered.
    toggleCompare(el);
    await el.updateComplete;
    expect(el.total).to.equal(totals[1]);
    expect(requests.list).to.have.length(6);
  });

  it('shows the same figures, table and CSV as the downloaded files', async () => {
    const attrs = {
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      'group-column': 'Catégorie',
      'year-column': 'Exercice',
    };
    const { el: server } = track(await budgetOf({ src: ODS_OFGL, proxy: PROXY, server: 'always', ...attrs }));
    const { el: local } = track(await budgetOf({ src: OFGL_FILES.join(' '), ...attrs }));
    expect(server.serverSide).to.equal(true);
    expect(local.serverSide).to.equal(false);
    const same = async (what: string) => {
      await server.updateComplete;
      await until(() => idle(server), `the server's figures: ${what}`);
      await local.updateComplete;
      expect(view(server), what).to.deep.equal(view(local));
    };
    await same('the latest year');
    for (const el of [server, local]) await open(el, 'DEPT');
    await same('a group opened');
    for (const el of [server, local]) await open(el, el.figures[11].label);
    await same('"Autres" within a group');
    for (const el of [server, local]) await chooseYear(el, '2022');
    await same('2022');
    for (const el of [server, local]) toggleCompare(el);
    await same('compared');
    for (const el of [server, local]) await open(el, 'REG');
    await same('compared within a group');
    const parts =
      "Agrégat = Achats et charges externes | Frais de personnel | Charges financières | Dépenses d'intervention | Autres dépenses de fonctionnement";
    for (const el of [server, local]) {
      el.setAttribute('filter', parts);
      el.setAttribute('chart', 'doughnut');
    }
    await same('filtered, doughnut');
    for (const el of [server, local]) el.setAttribute('compare', '');
    await same('filtered, compared');
  });

  it('uses the sums of the data.gouv.fr tabular API, with the figures of the downloaded resource', async () => {
    const attrs = { src: TABULAR, proxy: PROXY, 'label-column': 'format', 'value-column': 'downloads' };
    requests = portalRequests();
    const { el: server } = track(await budgetOf({ ...attrs, server: 'always' }));
    expect(server.serverSide).to.equal(true);
    const sums = requests.list.filter((u) => u.includes('format__groupby'));
    expect(sums).to.have.length(1);
    expect(sums[0]).to.contain('downloads__sum');
    const { el: local } = track(await budgetOf({ ...attrs, server: 'never' }));
    expect(local.serverSide).to.equal(false);
    expect(local.table?.rowCount).to.equal(31);
    expect(view(server)).to.deep.equal(view(local));
    // The saved rows the fake serves first: their formats are among the categories.
    const saved = (await (await fetch('/test/fixtures/api-responses/datagouv/tabular_api_data.json')).json()) as {
      data: { format: string | null }[];
    };
    const formats = new Set(server.figures.map((f) => f.label));
    for (const r of saved.data) expect(formats.has(r.format ?? '—'), String(r.format)).to.equal(true);
  });

  it('downloads the file when the API cannot sum (CKAN DataStore)', async () => {
    const saved = (await (
      await fetch('/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json')
    ).json()) as { result: { records: { ServiceTypeName: string; WaitingCustomersMQ: number }[] } };
    const expected = sumBy(
      saved.result.records,
      (r) => r.ServiceTypeName,
      (r) => r.WaitingCustomersMQ * 100,
    );
    requests = portalRequests();
    const { el, event } = track(
      await budgetOf({
        src: DATASTORE,
        proxy: PROXY,
        server: 'always',
        'label-column': 'ServiceTypeName',
        'value-column': 'WaitingCustomersMQ',
      }),
    );
    expect(event.type).to.equal('vitrine-load');
    expect(el.serverSide).to.equal(false);
    expect(el.table?.rowCount).to.equal(saved.result.records.length);
    expect(shown(el)).to.deep.equal(expected);
    expect(el.total).to.equal(total(expected));
    // The API's total (limit=0), then the records themselves, as written.
    expect(requests.list).to.deep.equal([`${DATASTORE}&limit=0`, DATASTORE]);
  });

  it('downloads the file when the portal refuses the group-by', async () => {
    const rows = await ofgl();
    const latest = rows.filter((r) => r.Exercice === '2023');
    requests = portalRequests();
    const { el, event } = track(
      await budgetOf({
        src: ODS_OFGL,
        proxy: PROXY,
        server: 'always',
        // The fake refuses to group on the row identifier (HTTP 400).
        'label-column': 'id',
        'value-column': 'Montant',
        'max-categories': '0',
      }),
    );
    expect(event.type).to.equal('vitrine-load');
    expect(event.detail.rowCount).to.equal(rows.length);
    expect(el.serverSide).to.equal(false);
    expect(groupBys(requests.list).map((u) => param(u, 'group_by'))).to.include('`id` as vitrine_value');
    expect(el.table?.rowCount).to.equal(rows.length);
    expect(el.figures).to.have.length(latest.length);
    expect(el.total).to.equal(latest.reduce((s, r) => s + cents(r.Montant), 0));
  });

  it('downloads every row with server="never", and a small dataset in auto mode', async () => {
    const rows = await ofgl();
    const expected = sumBy(
      rows.filter((r) => r.Exercice === '2023'),
      (r) => r['Catégorie'],
      (r) => cents(r.Montant),
    );
    const attrs = {
      src: ODS_OFGL,
      proxy: PROXY,
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      'group-column': 'Catégorie',
    };
    for (const server of ['never', 'auto']) {
      requests = portalRequests();
      const { el, event } = track(await budgetOf({ ...attrs, server }));
      expect(event.type, server).to.equal('vitrine-load');
      expect(el.serverSide, server).to.equal(false);
      expect(groupBys(requests.list), server).to.deep.equal([]);
      expect(el.table?.rowCount, server).to.equal(rows.length);
      expect(shown(el), server).to.deep.equal(expected);
      requests.stop();
    }
  });

  it('shows the loading state while the portal answers, keeps the last figures meanwhile, and the last request wins', async () => {
    const rows = await ofgl();
    requests = portalRequests();
    const el = document.createElement('vitrine-budget');
    const attrs = {
      src: ODS_OFGL,
      proxy: '/__portal?delay=600&url={url}',
      server: 'always',
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      'group-column': 'Catégorie',
    };
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    const loaded = new Promise((resolve) => el.addEventListener('vitrine-load', resolve, { once: true }));
    document.body.append(el);
    els.push(el);
    await el.updateComplete;
    expect(root(el).querySelector('[part~="status"][role="status"]')).to.not.equal(null);
    await loaded;
    await el.updateComplete;
    const before = el.total;

    // A year asked, then a filter before the answer: the year's request is aborted.
    await chooseYear(el, '2022');
    expect(root(el).querySelector('[aria-busy="true"] [part~="status"][role="status"]')).to.not.equal(null);
    expect(el.total).to.equal(before);
    const yearRequest = requests.list.length - 1;
    expect(param(requests.list[yearRequest], 'where')).to.equal('(`exercice` = 2022)');
    el.setAttribute('filter', 'Catégorie = reg');
    await el.updateComplete;
    expect(requests.signals[yearRequest]?.aborted).to.equal(true);
    const expected = sumBy(
      rows.filter((r) => r.Exercice === '2023' && r['Catégorie'] === 'REG'),
      (r) => r['Catégorie'],
      (r) => cents(r.Montant),
    );
    await until(() => idle(el) && el.figures.length === 1, 'the filtered figures');
    expect(shown(el)).to.deep.equal(expected);
    await expect(el).to.be.accessible();
  });

  it('asks again for what it needs when it leaves the page and comes back while the portal answers', async () => {
    const rows = await ofgl();
    const expected = sumBy(
      rows.filter((r) => r.Exercice === '2023'),
      (r) => r['Agrégat'],
      (r) => cents(r.Montant),
    );
    requests = portalRequests();
    const el = document.createElement('vitrine-budget');
    const attrs = {
      src: ODS_OFGL,
      proxy: '/__portal?delay=400&url={url}',
      server: 'always',
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      'max-categories': '0',
    };
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    const loaded = new Promise((resolve) => el.addEventListener('vitrine-load', resolve, { once: true }));
    document.body.append(el);
    els.push(el);
    // Gone while the years are asked for, back while the sums are.
    await until(() => requests!.list.length === 2, 'the request for the years');
    el.remove();
    expect(requests.signals[1]?.aborted).to.equal(true);
    document.body.append(el);
    await until(() => requests!.list.length === 4, 'the request for the sums');
    el.remove();
    expect(requests.signals[3]?.aborted).to.equal(true);
    document.body.append(el);
    await loaded;
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(expected);
    expect(requests.list.map((u) => param(u, 'group_by'))).to.deep.equal([
      null,
      '`exercice` as vitrine_value',
      '`exercice` as vitrine_value',
      '`agregat` as vitrine_value',
      '`agregat` as vitrine_value',
    ]);
  });

  it('reports a dataset the portal does not know (404), and a column that does not exist', async () => {
    for (const server of ['always', 'auto']) {
      const { el, event } = track(
        await budgetOf({
          src: `${DATASETS}/nothing-here/records`,
          proxy: PROXY,
          server,
          'label-column': 'a',
          'value-column': 'b',
        }),
      );
      expect(event.type, server).to.equal('vitrine-error');
      expect(event.detail.code, server).to.equal('http');
      expect(root(el).querySelector('[part~="error"][role="alert"]'), server).to.not.equal(null);
    }
    const { el, event } = track(
      await budgetOf({ src: ODS_10M, proxy: PROXY, 'label-column': 'type', 'value-column': 'montant' }),
    );
    expect(event.type).to.equal('vitrine-error');
    expect(event.detail.code).to.equal('config');
    const alert = plain(root(el).querySelector('[role="alert"]')?.textContent);
    expect(alert).to.contain('montant');
    expect(alert).to.contain('nb_ptf');
  });
});

import { expect } from '@open-wc/testing';
import { VitrineError } from '../../src/data/errors.ts';
import type { Table } from '../../src/data/model.ts';
import type { ServerApi } from '../../src/data/portals/index.ts';
import { openRemote, type RemoteDataset, type ValueCount } from '../../src/data/remote/index.ts';
import { rejection } from '../helpers/rejection.ts';
import { csvRows as sharedCsvRows, fixtureText, found, words } from '../helpers/fixture-rows.ts';

/**
 * The server-side data layer (src/data/remote/) against the local fake of each API
 * (scripts/fake-records.mjs through /__portal). Expected rows, counts and sums are computed here from
 * the saved files, independently of the fake and of the code under test.
 */
const PROXY = '/__portal?url={url}';
const signal = () => new AbortController().signal;

// Requests sent through the proxy, counted by wrapping fetch.
const realFetch = window.fetch;
let requests: string[] = [];
beforeEach(() => {
  requests = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/__portal')) requests.push(decodeURIComponent(url.slice(url.indexOf('url=') + 4)));
    return realFetch(input, init);
  };
});
afterEach(() => {
  window.fetch = realFetch;
});

const file = (path: string) => fixtureText(path, realFetch);
const csvRows = (path: string) => sharedCsvRows(path, realFetch);
function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
}
/** The texts of a column of a table. */
function texts(table: Table, name: string): string[] {
  const c = table.column(name)!;
  return Array.from({ length: table.rowCount }, (_, r) => table.text(r, c.index));
}
function numbers(table: Table, name: string): number[] {
  const c = table.column(name)!;
  return Array.from({ length: table.rowCount }, (_, r) => table.number(r, c.index));
}
/** The table has exactly the dataset's columns, in order, with its types. */
function expectSchema(table: Table, ds: RemoteDataset) {
  expect(table.columns.map((c) => [c.name, c.type])).to.deep.equal(ds.columns.map((c) => [c.name, c.type]));
}
/** Counts are the expected ones, most frequent first. */
function expectCounts(counts: ValueCount[] | undefined, expected: Map<string, number>) {
  expect(counts).to.not.equal(undefined);
  expect(new Map(counts!.map((c) => [c.value, c.count]))).to.deep.equal(expected);
  const n = counts!.map((c) => c.count);
  expect(n).to.deep.equal([...n].sort((a, b) => b - a));
}
const isTooLarge = (e: unknown) => e instanceof VitrineError && e.code === 'too-large';

// --- Opendatasoft ---------------------------------------------------------------------------------
const ODS_DIR = '/test/fixtures/api-responses/opendatasoft';
const EDU = 'https://data.education.gouv.fr/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education/records';
const SYNTH = 'https://data.vitrine.example/api/explore/v2.1/catalog/datasets/vitrine-10-millions/records';
const ods = (url: string): ServerApi => ({ kind: 'ods-explore-v2.1', url });

async function annuaire() {
  const catalog = JSON.parse(await file(`${ODS_DIR}/catalog_datasets_v2.1.json`));
  const fields: { name: string; label: string; type: string }[] = catalog.results.find(
    (d: { dataset_id: string }) => d.dataset_id === 'fr-en-annuaire-education',
  ).fields;
  const rows = (await csvRows(`${ODS_DIR}/exports_csv_education_annuaire_ille-et-vilaine.csv`)).map((r) => {
    const byLower = new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
    return Object.fromEntries(fields.map((f) => [f.name, byLower.get(f.name) ?? ''])) as Record<string, string>;
  });
  const textFields = fields.filter((f) => f.type === 'text').map((f) => f.name);
  return { fields, rows, textOf: (r: Record<string, string>) => textFields.map((n) => r[n]).join(' ') };
}
const eleves = (r: Record<string, string>) => (r.nombre_d_eleves === '' ? NaN : Number(r.nombre_d_eleves));

describe('remote: Opendatasoft Explore v2.1', () => {
  it('opens with one request: the schema’s columns, labels and types, and records_count', async () => {
    const { fields, rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    expect(requests).to.have.length(1);
    expect(ds.columns.map((c) => c.name)).to.deep.equal(fields.map((f) => f.name));
    expect(ds.columns.map((c) => c.label)).to.deep.equal(fields.map((f) => f.label));
    const type = (name: string) => ds.columns.find((c) => c.name === name)!.type;
    expect(type('code_commune')).to.equal('string'); // INSEE codes stay text
    expect(type('nombre_d_eleves')).to.equal('integer');
    expect(type('latitude')).to.equal('number');
    expect(type('date_ouverture')).to.equal('date');
    expect(type('position')).to.equal('geopoint');
    expect(ds.total).to.equal(rows.length);
    expect(ds.capabilities).to.deep.equal({
      search: 'full-text',
      counts: true,
      sums: true,
      maxLimit: 100,
      maxWindow: 10000,
    });
  });

  it('with firstPage, opens with the first page alone: types read from the values, the page without a request, then the schema', async () => {
    const { fields, rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal(), firstPage: 30 });
    expect(requests).to.deep.equal([`${EDU}?limit=30&offset=0`]);
    expect(ds.total).to.equal(rows.length);
    expect(ds.describe).to.be.a('function');
    const page = await ds.page({}, 0, 30, signal());
    expect(requests).to.have.length(1); // answered from the opening
    expect(texts(page.table, 'identifiant_de_l_etablissement')).to.deep.equal(
      rows.slice(0, 30).map((r) => r.identifiant_de_l_etablissement),
    );
    const type = (name: string) => ds.columns.find((c) => c.name === name)?.type;
    // What JSON says by itself: numbers, points, ISO dates; codes written as strings stay text.
    expect(type('code_commune')).to.equal('string');
    expect(type('position')).to.equal('geopoint');
    expect(type('date_ouverture')).to.equal('date');
    expect(ds.columns.every((c) => c.label === c.name)).to.equal(true);

    // The same page with another size, or page 2, is a request of its own.
    await ds.page({}, 30, 30, signal());
    expect(requests).to.have.length(2);

    // The schema: the portal's labels and types.
    const changed = await ds.describe!(signal());
    expect(requests.at(-1)).to.match(/\/datasets\/fr-en-annuaire-education$/);
    expect(ds.columns.map((c) => c.label)).to.deep.equal(fields.map((f) => f.label));
    const described = fields.map((f) => f.name);
    expect(changed).to.equal(
      ds.columns.length !== described.length || page.table.columns.some((c) => c.type !== type(c.name)),
    );
    expectSchema((await ds.page({}, 0, 30, signal())).table, ds);
  });

  it('with firstPage on a query that finds nothing, reads the schema as well (two requests)', async () => {
    const url = `${EDU}?where=${encodeURIComponent('nombre_d_eleves > 1000000')}`;
    const ds = await openRemote(ods(url), { proxy: PROXY, signal: signal(), firstPage: 20 });
    expect(requests).to.have.length(2);
    expect(ds.total).to.equal(0);
    expect(ds.describe).to.equal(undefined);
    expect(ds.columns.find((c) => c.name === 'nombre_d_eleves')?.type).to.equal('integer');
  });

  it('pages 1 and 3 are the rows of the export at those offsets, typed as the schema says', async () => {
    const { rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    requests = [];
    const first = await ds.page({}, 0, 20, signal());
    const third = await ds.page({}, 40, 20, signal());
    expect(requests).to.have.length(2);
    expect(first.offset).to.equal(0);
    expect(third.offset).to.equal(40);
    expect(first.total).to.equal(rows.length);
    expect(third.requestUrl).to.match(/^https:\/\/data\.education\.gouv\.fr\/.*[?&]limit=20&offset=40/);
    for (const [page, from] of [
      [first, 0],
      [third, 40],
    ] as const) {
      expectSchema(page.table, ds);
      const slice = rows.slice(from, from + 20);
      expect(texts(page.table, 'identifiant_de_l_etablissement')).to.deep.equal(
        slice.map((r) => r.identifiant_de_l_etablissement),
      );
      expect(texts(page.table, 'code_commune')).to.deep.equal(slice.map((r) => r.code_commune));
      expect(numbers(page.table, 'nombre_d_eleves')).to.deep.equal(slice.map(eleves));
      expect(numbers(page.table, 'date_ouverture')).to.deep.equal(
        slice.map((r) => (r.date_ouverture ? Date.parse(`${r.date_ouverture}T00:00:00Z`) : NaN)),
      );
      const position = page.table.column('position')!;
      const cell = page.table.value(0, position.index) as { lat: number; lon: number };
      const [lat, lon] = slice[0].position.split(',').map(Number);
      expect(cell).to.deep.equal({ lat, lon });
    }
  });

  it('sorts ascending and descending (nulls last), one request each', async () => {
    const { rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    const values = rows.map(eleves).filter((v) => !Number.isNaN(v));
    requests = [];
    const desc = await ds.page({ sort: [{ column: 'nombre_d_eleves', descending: true }] }, 0, 100, signal());
    const asc = await ds.page({ sort: [{ column: 'Nombre_d_eleves', descending: false }] }, 0, 100, signal());
    expect(requests).to.have.length(2);
    expect(numbers(desc.table, 'nombre_d_eleves')).to.deep.equal([...values].sort((a, b) => b - a).slice(0, 100));
    expect(numbers(asc.table, 'nombre_d_eleves')).to.deep.equal([...values].sort((a, b) => a - b).slice(0, 100));
    const byName = await ds.page({ sort: [{ column: 'nom_commune', descending: true }] }, 0, 5, signal());
    const names = rows.map((r) => r.nom_commune).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    expect(texts(byName.table, 'nom_commune')).to.deep.equal(names.slice(0, 5));
  });

  it('filters on values, on numeric and date ranges, and searches; counts match the export', async () => {
    const { rows, textOf } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    const total = async (q: Parameters<RemoteDataset['page']>[0]) => (await ds.page(q, 0, 10, signal())).total;
    const kinds = ['Collège', 'Lycée'];
    expect(await total({ filters: [{ column: 'type_etablissement', values: kinds }] })).to.equal(
      rows.filter((r) => kinds.includes(r.type_etablissement)).length,
    );
    expect(await total({ filters: [{ column: 'nombre_d_eleves', min: 100, max: '300' }] })).to.equal(
      rows.filter((r) => eleves(r) >= 100 && eleves(r) <= 300).length,
    );
    const seventies = rows.filter((r) => r.date_ouverture >= '1970-01-01' && r.date_ouverture <= '1979-12-31').length;
    expect(seventies).to.be.above(0);
    expect(await total({ filters: [{ column: 'date_ouverture', min: '1970-01-01', max: '1979-12-31' }] })).to.equal(
      seventies,
    );
    const day = rows.find((r) => r.date_ouverture)!.date_ouverture;
    expect(await total({ filters: [{ column: 'date_ouverture', values: [day] }] })).to.equal(
      rows.filter((r) => r.date_ouverture === day).length,
    );
    expect(await total({ filters: [{ column: 'nombre_d_eleves', values: [''] }] })).to.equal(
      rows.filter((r) => r.nombre_d_eleves === '').length,
    );
    for (const search of ['lycee rennes', 'ÉCOLE Saint-Malo']) {
      expect(await total({ search }), search).to.equal(rows.filter((r) => found(search, textOf(r))).length);
    }
    // Everything together: ANDed.
    expect(
      await total({
        search: 'ecole',
        filters: [
          { column: 'statut_public_prive', values: ['Public'] },
          { column: 'nombre_d_eleves', min: 200 },
        ],
      }),
    ).to.equal(
      rows.filter((r) => found('ecole', textOf(r)) && r.statut_public_prive === 'Public' && eleves(r) >= 200).length,
    );
  });

  it('keeps quotes and backslashes inside the value: an injection attempt filters to 0 rows', async () => {
    const { rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    const injection = await ds.page(
      { filters: [{ column: 'nom_etablissement', values: ['a" OR "1"="1'] }] },
      0,
      10,
      signal(),
    );
    expect(injection.total).to.equal(0);
    expect(injection.table.rowCount).to.equal(0);
    expectSchema(injection.table, ds); // an empty page keeps its columns and types
    const slash = await ds.page(
      { filters: [{ column: 'nom_commune', values: ['Rennes\\', 'x" OR nom_commune != "'] }] },
      0,
      1,
      signal(),
    );
    expect(slash.total).to.equal(0);
    const withQuote = rows.find((r) => r.nom_etablissement.includes("'"))!.nom_etablissement;
    const quoted = await ds.page({ filters: [{ column: 'nom_etablissement', values: [withQuote] }] }, 0, 1, signal());
    expect(quoted.total).to.equal(rows.filter((r) => r.nom_etablissement === withQuote).length);
    expect(quoted.total).to.be.above(0);
    const { textOf } = await annuaire();
    const attempt = 'rennes") OR ("1';
    const search = await ds.page({ search: attempt }, 0, 1, signal());
    expect(search.total).to.equal(rows.filter((r) => found(attempt, textOf(r))).length); // words, not ODSQL
    expect((await ds.page({ search: '"\\); ("' }, 0, 1, signal())).total).to.equal(rows.length); // no word: every row
  });

  it('keeps the author’s refine from the URL, ANDed with the query', async () => {
    const { rows } = await annuaire();
    const ds = await openRemote(ods(`${EDU}?refine=statut_public_prive:Public&limit=5`), {
      proxy: PROXY,
      signal: signal(),
    });
    expect(requests).to.have.length(2); // the dataset, and the total of the author's view
    const publics = rows.filter((r) => r.statut_public_prive === 'Public');
    expect(ds.total).to.equal(publics.length);
    const page = await ds.page({ filters: [{ column: 'type_etablissement', values: ['Lycée'] }] }, 0, 100, signal());
    expect(page.total).to.equal(publics.filter((r) => r.type_etablissement === 'Lycée').length);
    expect(new URL(page.requestUrl).searchParams.getAll('refine')).to.deep.equal(['statut_public_prive:Public']);
    const counts = await ds.counts('type_etablissement', {}, signal());
    expectCounts(
      counts,
      countBy(publics, (r) => r.type_etablissement),
    );
  });

  it('counts per value and sums per group on the server, with the query applied', async () => {
    const { rows } = await annuaire();
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    requests = [];
    expectCounts(
      await ds.counts('type_etablissement', {}, signal()),
      countBy(rows, (r) => r.type_etablissement),
    );
    expect(requests).to.have.length(1);
    const lycees = rows.filter((r) => r.type_etablissement === 'Lycée');
    const three = await ds.counts(
      'nom_commune',
      { filters: [{ column: 'type_etablissement', values: ['Lycée'] }] },
      signal(),
      3,
    );
    expect(three).to.have.length(3);
    const byCommune = countBy(lycees, (r) => r.nom_commune);
    for (const c of three!) expect(c.count).to.equal(byCommune.get(c.value));
    expect(three![0].count).to.equal(Math.max(...byCommune.values()));
    const sums = await ds.sums('type_etablissement', 'nombre_d_eleves', {}, signal());
    const expected = new Map<string, number>();
    for (const r of rows)
      if (r.nombre_d_eleves !== '')
        expected.set(r.type_etablissement, (expected.get(r.type_etablissement) ?? 0) + eleves(r));
    expect(new Map(sums!.filter((s) => expected.has(s.value)).map((s) => [s.value, s.sum]))).to.deep.equal(expected);
    expect(await ds.counts('position', {}, signal())).to.equal(undefined);
  });

  it('names an unknown column in a config error that lists the others', async () => {
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    const err = await rejection(ds.page({ filters: [{ column: 'nowhere', values: ['x'] }] }, 0, 10, signal()));
    expect(err).to.be.instanceOf(VitrineError);
    expect((err as VitrineError).code).to.equal('config');
    expect((err as VitrineError).details.available).to.include('nom_etablissement');
  });
});

describe('remote: the 10-million-row Opendatasoft-like dataset', () => {
  const TOTAL = 10_000_000;
  async function pool() {
    const rows = await csvRows('/demo/data/odf-observatoire.csv');
    const copies = (p: number) => Math.floor(TOTAL / rows.length) + (p < TOTAL % rows.length ? 1 : 0);
    return { rows, copies };
  }

  it('opens with one request, shows the first page after one request, sorts and searches with one each', async () => {
    const { rows, copies } = await pool();
    const ds = await openRemote(ods(SYNTH), { proxy: PROXY, signal: signal() });
    expect(requests).to.have.length(1);
    expect(ds.total).to.equal(TOTAL);
    requests = [];
    const first = await ds.page({}, 0, 50, signal());
    expect(requests).to.have.length(1);
    expect(first.total).to.equal(TOTAL);
    expect(numbers(first.table, 'id')).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(texts(first.table, 'nom')).to.deep.equal(rows.slice(0, 50).map((r) => r.nom));
    expectSchema(first.table, ds);

    requests = [];
    const sorted = await ds.page({ sort: [{ column: 'nom', descending: true }] }, 0, 50, signal());
    expect(requests).to.have.length(1);
    const last = rows.map((r) => r.nom).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0];
    expect(new Set(texts(sorted.table, 'nom'))).to.deep.equal(new Set([last]));

    requests = [];
    const searched = await ds.page({ search: 'Rennes' }, 0, 50, signal());
    expect(requests).to.have.length(1);
    const text = (r: Record<string, string>) =>
      ds.columns
        .filter((c) => c.type === 'string')
        .map((c) => r[c.name] ?? '')
        .join(' ');
    expect(searched.total).to.equal(rows.reduce((a, r, p) => a + (found('rennes', text(r)) ? copies(p) : 0), 0));
    expect(searched.total).to.be.above(0);
  });

  it('refuses a window past 10,000 rows with a too-large error, without a request', async () => {
    const { rows } = await pool();
    const ds = await openRemote(ods(SYNTH), { proxy: PROXY, signal: signal() });
    requests = [];
    const err = await rejection(ds.page({}, 9990, 20, signal()));
    expect(isTooLarge(err)).to.equal(true);
    expect((err as VitrineError).details.limit).to.equal(10000);
    expect(requests).to.have.length(0);
    const edge = await ds.page({}, 9980, 20, signal());
    expect(numbers(edge.table, 'id')).to.deep.equal(Array.from({ length: 20 }, (_, i) => 9981 + i));
    expect(texts(edge.table, 'nom')).to.deep.equal(
      Array.from({ length: 20 }, (_, i) => rows[(9980 + i) % rows.length].nom),
    );
  });

  it('counts exactly over 10,000,000 rows', async () => {
    const { rows, copies } = await pool();
    const ds = await openRemote(ods(SYNTH), { proxy: PROXY, signal: signal() });
    const expected = new Map<string, number>();
    rows.forEach((r, p) => expected.set(r.platform_clean, (expected.get(r.platform_clean) ?? 0) + copies(p)));
    const counts = await ds.counts('platform_clean', {}, signal());
    expectCounts(counts, expected);
    expect(counts!.reduce((a, c) => a + c.count, 0)).to.equal(TOTAL);
    const com = await ds.page({ filters: [{ column: 'type', values: ['COM'] }] }, 0, 10, signal());
    expect(com.total).to.equal(rows.reduce((a, r, p) => a + (r.type === 'COM' ? copies(p) : 0), 0));
  });
});

describe('remote: errors and cancellation', () => {
  it('maps a proxy-less absolute URL that cannot be reached to a VitrineError', async () => {
    const err = await rejection(
      openRemote(ods('https://data.vitrine.invalid/api/explore/v2.1/catalog/datasets/x/records'), { signal: signal() }),
    );
    expect(err).to.be.instanceOf(VitrineError);
    expect(['network', 'cors']).to.include((err as VitrineError).code);
  });

  it('maps an unknown dataset to an http error and a cancelled request to abort', async () => {
    const missing = await rejection(
      openRemote(ods('https://data.education.gouv.fr/api/explore/v2.1/catalog/datasets/nothing/records'), {
        proxy: PROXY,
        signal: signal(),
      }),
    );
    expect((missing as VitrineError).code).to.equal('http');
    expect((missing as VitrineError).details.status).to.equal(404);
    const ds = await openRemote(ods(EDU), { proxy: PROXY, signal: signal() });
    const controller = new AbortController();
    const pending = ds.page({}, 0, 10, controller.signal);
    controller.abort();
    expect(((await rejection(pending)) as VitrineError).code).to.equal('abort');
  });
});

// --- data.gouv.fr tabular API ---------------------------------------------------------------------
const RID = '4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d';
const TABULAR: ServerApi = {
  kind: 'datagouv-tabular',
  url: `https://tabular-api.data.gouv.fr/api/resources/${RID}/data/`,
};
type Row = Record<string, unknown>;

/** The rows of the resource: the saved 20, then the 11 of the older CSV export (see fake-records.mjs). */
async function tabularRows(): Promise<Row[]> {
  const saved = JSON.parse(await file('/test/fixtures/api-responses/datagouv/tabular_api_data.json')).data as Row[];
  const older = await csvRows('/test/fixtures/api-responses/datagouv/catalog_export_datagouv_resources_sample.csv');
  return [
    ...saved,
    ...older.map((r) => ({
      ...r,
      downloads: Number(r.downloads),
      filesize: r.filesize === '' ? null : Number(r.filesize),
      mime: r.mime === '' ? null : r.mime,
    })),
  ];
}

describe('remote: data.gouv.fr tabular API', () => {
  it('opens with the profile and one data request: columns, types, total', async () => {
    const profile = JSON.parse(await file('/test/fixtures/api-responses/datagouv/tabular_api_profile.json')).profile;
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal() });
    expect(requests).to.have.length(2);
    expect(ds.columns.map((c) => c.name)).to.deep.equal(profile.header);
    const type = (name: string) => ds.columns.find((c) => c.name === name)!.type;
    expect(type('downloads')).to.equal('integer');
    expect(type('filesize')).to.equal('integer');
    expect(type('dataset.private')).to.equal('boolean');
    expect(type('created_at')).to.equal('date');
    expect(type('extras')).to.equal('json');
    expect(type('id')).to.equal('string');
    expect(ds.total).to.equal(31);
    expect(ds.capabilities).to.deep.equal({ search: 'column', counts: true, sums: true, maxLimit: 50 });
  });

  it('with firstPage, the data request of the opening is the first page, answered without another request', async () => {
    const all = await tabularRows();
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal(), firstPage: 10 });
    expect(requests).to.have.length(2); // profile and first page, in parallel
    expect(requests.some((u) => new URL(u).searchParams.get('page_size') === '10')).to.equal(true);
    const page = await ds.page({}, 0, 10, signal());
    expect(requests).to.have.length(2);
    expect(texts(page.table, 'id')).to.deep.equal(all.slice(0, 10).map((r) => String(r.id)));
  });

  it('pages 1 and 3 with page/page_size, and a window across pages with one request', async () => {
    const rows = await tabularRows();
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal() });
    requests = [];
    const first = await ds.page({}, 0, 10, signal());
    const third = await ds.page({}, 20, 10, signal());
    expect(requests).to.have.length(2);
    expect(third.requestUrl).to.match(/page_size=10&page=3$/);
    expect(texts(first.table, 'id')).to.deep.equal(rows.slice(0, 10).map((r) => r.id));
    expect(texts(third.table, 'id')).to.deep.equal(rows.slice(20, 30).map((r) => r.id));
    expect(numbers(third.table, 'downloads')).to.deep.equal(rows.slice(20, 30).map((r) => r.downloads));
    expect(third.offset).to.equal(20);
    expect(third.total).to.equal(31);
    expectSchema(first.table, ds);
    expectSchema(third.table, ds);
    // The extras column holds the objects; the boolean column booleans.
    const extras = first.table.column('extras')!;
    expect(first.table.value(0, extras.index)).to.deep.equal(rows[0].extras);
    expect(first.table.value(0, first.table.column('dataset.private')!.index)).to.equal(false);
    requests = [];
    const across = await ds.page({}, 5, 10, signal());
    expect(requests).to.have.length(1);
    expect(texts(across.table, 'id')).to.deep.equal(rows.slice(5, 15).map((r) => r.id));
    expect(across.offset).to.equal(5);
  });

  it('sorts on one column both ways', async () => {
    const rows = await tabularRows();
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal() });
    const desc = await ds.page({ sort: [{ column: 'downloads', descending: true }] }, 0, 5, signal());
    expect(numbers(desc.table, 'downloads')).to.deep.equal(
      rows
        .map((r) => r.downloads as number)
        .sort((a, b) => b - a)
        .slice(0, 5),
    );
    const asc = await ds.page({ sort: [{ column: 'title', descending: false }] }, 0, 31, signal());
    const titles = rows.map((r) => String(r.title)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(texts(asc.table, 'title')).to.deep.equal(titles);
  });

  it('filters on values, ranges and dates, searches one column; totals match the files', async () => {
    const rows = await tabularRows();
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal() });
    const total = async (q: Parameters<RemoteDataset['page']>[0]) => (await ds.page(q, 0, 5, signal())).total;
    const count = (pred: (r: Row) => boolean) => rows.filter(pred).length;
    expect(await total({ filters: [{ column: 'format', values: ['csv', 'json'] }] })).to.equal(
      count((r) => r.format === 'csv' || r.format === 'json'),
    );
    expect(await total({ filters: [{ column: 'format', values: ['zip'] }] })).to.equal(
      count((r) => r.format === 'zip'),
    );
    expect(await total({ filters: [{ column: 'format', values: ['a"b\\c', 'csv'] }] })).to.equal(
      count((r) => r.format === 'csv'),
    );
    expect(await total({ filters: [{ column: 'downloads', min: 30, max: '155' }] })).to.equal(
      count((r) => (r.downloads as number) >= 30 && (r.downloads as number) <= 155),
    );
    expect(await total({ filters: [{ column: 'created_at', max: '2024-12-12' }] })).to.equal(
      count((r) => String(r.created_at) < '2024-12-13'),
    );
    expect(await total({ filters: [{ column: 'created_at', min: '2024-12-12', max: '2024-12-31' }] })).to.equal(
      count((r) => String(r.created_at) >= '2024-12-12' && String(r.created_at) < '2025-01-01'),
    );
    expect(await total({ filters: [{ column: 'dataset.private', values: ['false'] }] })).to.equal(31);
    expect(await total({ filters: [{ column: 'mime', values: [''] }] })).to.equal(count((r) => r.mime === null));
    const search = await ds.page({ search: 'VELOROUTES csv', searchColumns: ['title'] }, 0, 50, signal());
    const hits = rows.filter((r) => /veloroutes/i.test(String(r.title)) && /csv/i.test(String(r.title)));
    expect(search.total).to.equal(hits.length);
    expect(search.total).to.be.above(0);
    expect(texts(search.table, 'id')).to.deep.equal(hits.map((r) => r.id));
    // Without searchColumns: the column named like a title.
    expect((await ds.page({ search: 'VELOROUTES csv' }, 0, 50, signal())).total).to.equal(hits.length);
    const empty = await ds.page({ filters: [{ column: 'format', values: ['nothing'] }] }, 0, 5, signal());
    expect(empty.table.rowCount).to.equal(0);
    expectSchema(empty.table, ds);
  });

  it('keeps the author’s filters from the URL on every request', async () => {
    const rows = await tabularRows();
    const ds = await openRemote(
      { kind: 'datagouv-tabular', url: `${TABULAR.url}?type__exact=main&page_size=3` },
      { proxy: PROXY, signal: signal() },
    );
    const main = rows.filter((r) => r.type === 'main');
    expect(ds.total).to.equal(main.length);
    const page = await ds.page({ filters: [{ column: 'format', values: ['json'] }] }, 0, 50, signal());
    expect(page.total).to.equal(main.filter((r) => r.format === 'json').length);
    expect(page.requestUrl).to.include('type__exact=main');
    expect(page.requestUrl).to.not.include('page_size=3');
  });

  it('counts and sums per value with __groupby', async () => {
    const rows = await tabularRows();
    const ds = await openRemote(TABULAR, { proxy: PROXY, signal: signal() });
    expectCounts(
      await ds.counts('format', {}, signal()),
      countBy(rows, (r) => String(r.format)),
    );
    const main = rows.filter((r) => r.type === 'main');
    expectCounts(
      await ds.counts('format', { filters: [{ column: 'type', values: ['main'] }] }, signal()),
      countBy(main, (r) => String(r.format)),
    );
    const sums = await ds.sums('format', 'downloads', {}, signal());
    const expected = new Map<string, number>();
    for (const r of rows)
      expected.set(String(r.format), (expected.get(String(r.format)) ?? 0) + (r.downloads as number));
    expect(new Map(sums!.map((s) => [s.value, s.sum]))).to.deep.equal(expected);
    expect(sums!.map((s) => s.sum)).to.deep.equal([...expected.values()].sort((a, b) => b - a));
  });
});

// --- CKAN DataStore -------------------------------------------------------------------------------
const DS_RID = '38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const DATASTORE: ServerApi = {
  kind: 'ckan-datastore',
  url: `https://www.odaa.dk/api/3/action/datastore_search?resource_id=${DS_RID}`,
};
async function aarhus(): Promise<Row[]> {
  const saved = JSON.parse(await file('/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json'));
  return (saved.result.records as Row[]).sort((a, b) => (a._id as number) - (b._id as number));
}

describe('remote: CKAN datastore_search', () => {
  it('opens with one request (limit=0): the fields without _id, their types, the total', async () => {
    const ds = await openRemote(DATASTORE, { proxy: PROXY, signal: signal() });
    expect(requests).to.have.length(1);
    expect(new URL(requests[0]).searchParams.get('limit')).to.equal('0');
    expect(ds.columns.map((c) => [c.name, c.type])).to.deep.equal([
      ['date', 'string'],
      ['AvgWaitingSQ', 'date'],
      ['WaitingCustomersSQ', 'integer'],
      ['ServiceTypeName', 'string'],
      ['WaitingCustomersMQ', 'integer'],
      ['LongestWaitingTimeTicketBQ', 'date'],
      ['LongestWaitingTimeTicketSQ', 'date'],
      ['LongestWaitingTimeTicketMQ', 'date'],
    ]);
    expect(ds.total).to.equal(9);
    expect(ds.capabilities).to.deep.equal({ search: 'full-text', counts: true, sums: false, maxLimit: 32000 });
  });

  it('with firstPage, one request gives the fields, the total and the first page', async () => {
    const rows = await aarhus();
    const ds = await openRemote(DATASTORE, { proxy: PROXY, signal: signal(), firstPage: 4 });
    expect(requests).to.have.length(1);
    expect(new URL(requests[0]).searchParams.get('limit')).to.equal('4');
    expect(ds.total).to.equal(rows.length);
    const page = await ds.page({}, 0, 4, signal());
    expect(requests).to.have.length(1);
    expect(texts(page.table, 'ServiceTypeName')).to.deep.equal(rows.slice(0, 4).map((r) => String(r.ServiceTypeName)));
  });

  it('pages 1 and 3, sorts both ways', async () => {
    const records = await aarhus();
    const ds = await openRemote(DATASTORE, { proxy: PROXY, signal: signal() });
    requests = [];
    const first = await ds.page({}, 0, 3, signal());
    const third = await ds.page({}, 6, 3, signal());
    expect(requests).to.have.length(2);
    expect(texts(first.table, 'ServiceTypeName')).to.deep.equal(records.slice(0, 3).map((r) => r.ServiceTypeName));
    expect(texts(third.table, 'ServiceTypeName')).to.deep.equal(records.slice(6, 9).map((r) => r.ServiceTypeName));
    expect(third.offset).to.equal(6);
    expect(third.total).to.equal(9);
    expectSchema(third.table, ds);
    expect(numbers(first.table, 'AvgWaitingSQ')[0]).to.equal(Date.parse(`${records[0].AvgWaitingSQ}Z`));
    const byMq = (desc: boolean) =>
      [...records]
        .sort(
          (a, b) =>
            (desc ? -1 : 1) * ((a.WaitingCustomersMQ as number) - (b.WaitingCustomersMQ as number)) ||
            (a._id as number) - (b._id as number),
        )
        .map((r) => r.ServiceTypeName);
    const desc = await ds.page({ sort: [{ column: 'WaitingCustomersMQ', descending: true }] }, 0, 9, signal());
    expect(texts(desc.table, 'ServiceTypeName')).to.deep.equal(byMq(true));
    const asc = await ds.page({ sort: [{ column: 'waitingcustomersmq', descending: false }] }, 3, 3, signal());
    expect(texts(asc.table, 'ServiceTypeName')).to.deep.equal(byMq(false).slice(3, 6));
  });

  it('filters on values and ranges (distinct values read once), searches with q', async () => {
    const records = await aarhus();
    const ds = await openRemote(DATASTORE, { proxy: PROXY, signal: signal() });
    const total = async (q: Parameters<RemoteDataset['page']>[0]) => (await ds.page(q, 0, 9, signal())).total;
    expect(await total({ filters: [{ column: 'ServiceTypeName', values: ['Pas', 'Kørekort'] }] })).to.equal(2);
    expect(await total({ filters: [{ column: 'ServiceTypeName', values: ['a" OR "1"="1'] }] })).to.equal(0);
    requests = [];
    const range = await ds.page({ filters: [{ column: 'WaitingCustomersMQ', min: 1, max: '8' }] }, 0, 9, signal());
    expect(requests).to.have.length(2); // the column's distinct values, then the page
    const inRange = records.filter(
      (r) => (r.WaitingCustomersMQ as number) >= 1 && (r.WaitingCustomersMQ as number) <= 8,
    );
    expect(range.total).to.equal(inRange.length);
    expect(texts(range.table, 'ServiceTypeName')).to.deep.equal(inRange.map((r) => r.ServiceTypeName));
    requests = [];
    expect(await total({ filters: [{ column: 'WaitingCustomersMQ', min: 2 }] })).to.equal(
      records.filter((r) => (r.WaitingCustomersMQ as number) >= 2).length,
    );
    expect(requests).to.have.length(1); // cached
    expect(await total({ filters: [{ column: 'AvgWaitingSQ', min: '2017-05-22', max: '2017-05-22' }] })).to.equal(9);
    expect(await total({ filters: [{ column: 'AvgWaitingSQ', min: '2017-05-23' }] })).to.equal(0);
    const pas = records.filter((r) => words(String(r.ServiceTypeName).toLowerCase()).includes('pas'));
    const search = await ds.page({ search: 'PAS' }, 0, 9, signal());
    expect(search.total).to.equal(pas.length);
    expect(search.total).to.equal(2);
    expect(texts(search.table, 'ServiceTypeName')).to.deep.equal(pas.map((r) => r.ServiceTypeName));
  });

  it('keeps the author’s filters and q from the URL, merged with the query', async () => {
    const records = await aarhus();
    const url = `${DATASTORE.url}&filters=${encodeURIComponent('{"WaitingCustomersMQ":[0,2]}')}`;
    const ds = await openRemote({ kind: 'ckan-datastore', url }, { proxy: PROXY, signal: signal() });
    const mine = records.filter((r) => r.WaitingCustomersMQ === 0 || r.WaitingCustomersMQ === 2);
    expect(ds.total).to.equal(mine.length);
    const two = await ds.page({ filters: [{ column: 'WaitingCustomersMQ', values: ['2', '8'] }] }, 0, 9, signal());
    expect(two.total).to.equal(1); // 2 is in both lists, 8 only in the query's
    requests = [];
    const none = await ds.page({ filters: [{ column: 'WaitingCustomersMQ', values: ['8'] }] }, 0, 9, signal());
    expect(none.total).to.equal(0);
    expect(requests).to.have.length(0); // nothing can match: no request
    expectSchema(none.table, ds);
    expectCounts(
      await ds.counts('WaitingCustomersMQ', {}, signal()),
      countBy(mine, (r) => String(r.WaitingCustomersMQ)),
    );
    const object = await openRemote(
      { kind: 'ckan-datastore', url: `${DATASTORE.url}&q=${encodeURIComponent('{"ServiceTypeName":"pas"}')}` },
      { proxy: PROXY, signal: signal() },
    );
    expect(object.total).to.equal(2);
    expect(object.capabilities.search).to.equal('none');
    expect(((await rejection(object.page({ search: 'x' }, 0, 1, signal()))) as VitrineError).code).to.equal('config');
  });

  it('counts per value with one request per distinct value; no sums', async () => {
    const records = await aarhus();
    const ds = await openRemote(DATASTORE, { proxy: PROXY, signal: signal() });
    const expected = countBy(records, (r) => String(r.WaitingCustomersMQ));
    requests = [];
    const counts = await ds.counts('WaitingCustomersMQ', {}, signal());
    expectCounts(counts, expected);
    expect(requests).to.have.length(1 + expected.size);
    expect(counts![0]).to.deep.equal({ value: '0', count: expected.get('0') });
    const searched = await ds.counts('ServiceTypeName', { search: 'pas' }, signal());
    expectCounts(
      searched,
      new Map([
        ['Pas', 1],
        ['Bestilt tid til pas', 1],
      ]),
    );
    expect(await ds.sums('ServiceTypeName', 'WaitingCustomersMQ', {}, signal())).to.equal(undefined);
  });
});

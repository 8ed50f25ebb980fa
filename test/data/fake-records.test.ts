import { expect } from '@open-wc/testing';
import { csvRows, fixtureText, found, words } from '../helpers/fixture-rows.ts';

/**
 * The local fake of the record APIs (scripts/fake-records.mjs, reached through /__portal): each
 * parameter really applies. Every expected count, order and page below is computed here, from the
 * saved files themselves (test/fixtures/api-responses/, demo/data/odf-observatoire.csv), not from
 * the fake.
 */
interface Answer<T> {
  status: number;
  body: T;
}
async function portal<T = Record<string, unknown>>(url: string): Promise<Answer<T>> {
  const res = await fetch(`/__portal?url=${encodeURIComponent(url)}`);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: (type.startsWith('application/json') ? JSON.parse(text) : text) as T };
}
const file = (path: string) => fixtureText(path);
const where = (expr: string) => `where=${encodeURIComponent(expr)}`;
const countBy = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
};

interface Records<T = Record<string, unknown>> {
  total_count: number;
  results: T[];
}
interface OdsError {
  error_code: string;
  message: string;
}

// --- Opendatasoft ---------------------------------------------------------------------------------
const ODS_DIR = '/test/fixtures/api-responses/opendatasoft';
const EDU = 'https://data.education.gouv.fr/api/explore/v2.1/catalog/datasets/fr-en-annuaire-education';
const PARIS = 'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/sanisettesparis';
const SYNTH = 'https://data.vitrine.example/api/explore/v2.1/catalog/datasets/vitrine-10-millions';

interface Field {
  name: string;
  type: string;
  label: string;
}
async function catalogFields(id: string): Promise<Field[]> {
  const catalog = JSON.parse(await file(`${ODS_DIR}/catalog_datasets_v2.1.json`));
  return catalog.results.find((d: { dataset_id: string }) => d.dataset_id === id).fields;
}

/** The annuaire as the records API should serve it: the catalogue's 12 fields, read from the CSV. */
async function annuaire() {
  const fields = await catalogFields('fr-en-annuaire-education');
  const rows = (await csvRows(`${ODS_DIR}/exports_csv_education_annuaire_ille-et-vilaine.csv`)).map((r) => {
    const byLower = new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
    return Object.fromEntries(fields.map((f) => [f.name, byLower.get(f.name) ?? ''])) as Record<string, string>;
  });
  const text = fields.filter((f) => f.type === 'text').map((f) => f.name);
  return { fields, rows, textOf: (r: Record<string, string>) => text.map((n) => r[n]).join(' ') };
}

describe('fake records: Opendatasoft datasets', () => {
  it('serves the dataset objects with fields and records_count, 404 for others', async () => {
    const paris = await portal<{ dataset_id: string; fields: Field[]; metas: { default: { records_count: number } } }>(
      PARIS,
    );
    expect(paris.status).to.equal(200);
    expect(paris.body.fields.map((f) => f.name)).to.deep.equal(
      (await catalogFields('sanisettesparis')).map((f) => f.name),
    );
    expect(paris.body.metas.default.records_count).to.equal(615);
    const edu = await portal<{ metas: { default: { records_count: number } } }>(EDU);
    expect(edu.body.metas.default.records_count).to.equal((await annuaire()).rows.length);
    expect(edu.body.metas.default.records_count).to.equal(996);
    const synth = await portal<{ fields: Field[]; metas: { default: { records_count: number } } }>(SYNTH);
    expect(synth.body.metas.default.records_count).to.equal(10_000_000);
    expect(synth.body.fields.find((f) => f.name === 'id')?.type).to.equal('int');
    expect(synth.body.fields.find((f) => f.name === 'geo_point_2d')?.type).to.equal('geo_point_2d');
    const missing = await portal<OdsError>(PARIS.replace('sanisettesparis', 'nothing-here'));
    expect(missing.status).to.equal(404);
    expect((await portal(`${PARIS.replace('sanisettesparis', 'nothing-here')}/records`)).status).to.equal(404);
  });

  it('answers records with limit 10 by default, the fields in schema order, geo points as {lon, lat}', async () => {
    const saved = JSON.parse(await file(`${ODS_DIR}/exports_json_v1_paris_sanisettes.json`));
    const { body } = await portal<Records>(`${PARIS}/records`);
    expect(body.total_count).to.equal(saved.length);
    expect(body.results).to.have.length(10);
    expect(Object.keys(body.results[0])).to.deep.equal((await catalogFields('sanisettesparis')).map((f) => f.name));
    body.results.forEach((r, i) => {
      expect(r.adresse).to.equal(saved[i].fields.adresse);
      const [lat, lon] = saved[i].fields.geo_point_2d;
      expect(r.geo_point_2d).to.deep.equal({ lon, lat });
      expect(r.statut).to.equal(null); // in the schema, not in that export
    });
  });

  it('pages with limit and offset; limit above 100 and offset + limit above 10,000 are 400', async () => {
    const { rows } = await annuaire();
    const page = await portal<Records>(`${EDU}/records?limit=5&offset=990`);
    expect(page.body.results.map((r) => r.identifiant_de_l_etablissement)).to.deep.equal(
      rows.slice(990, 995).map((r) => r.identifiant_de_l_etablissement),
    );
    const last = await portal<Records>(`${EDU}/records?limit=100&offset=990`);
    expect(last.body.results).to.have.length(6);
    const past = await portal<Records>(`${EDU}/records?limit=100&offset=9900`);
    expect(past.status).to.equal(200);
    expect(past.body.results).to.deep.equal([]);
    const big = await portal<OdsError>(`${EDU}/records?limit=101`);
    expect(big.status).to.equal(400);
    expect(big.body.error_code).to.equal('InvalidRESTParameterError');
    const far = await portal<OdsError>(`${EDU}/records?limit=100&offset=9901`);
    expect(far.status).to.equal(400);
    expect(far.body.message).to.match(/10000/);
  });

  it('applies where comparisons on text, numbers and dates, with AND, OR, NOT and parentheses', async () => {
    const { rows } = await annuaire();
    const total = async (expr: string) =>
      (await portal<Records>(`${EDU}/records?limit=0&${where(expr)}`)).body.total_count;
    const n = (r: Record<string, string>) => (r.nombre_d_eleves === '' ? NaN : Number(r.nombre_d_eleves));
    const college = rows.filter((r) => r.type_etablissement === 'Collège').length;
    expect(college).to.be.above(0);
    expect(await total('type_etablissement = "Collège"')).to.equal(college);
    expect(await total("type_etablissement = 'Collège'")).to.equal(college);
    expect(await total('`type_etablissement` = "collège"')).to.equal(0); // exact: case counts
    expect(await total('nombre_d_eleves >= 500')).to.equal(rows.filter((r) => n(r) >= 500).length);
    expect(await total('nombre_d_eleves < 50 AND nombre_d_eleves > 10')).to.equal(
      rows.filter((r) => n(r) < 50 && n(r) > 10).length,
    );
    const seventies = rows.filter((r) => r.date_ouverture >= '1970-01-01' && r.date_ouverture < '1980-01-01').length;
    expect(seventies).to.be.above(0);
    expect(await total("date_ouverture >= date'1970-01-01' AND date_ouverture < date'1980-01-01'")).to.equal(seventies);
    expect(await total('nom_commune = "Rennes" OR nom_commune = "Bruz"')).to.equal(
      rows.filter((r) => r.nom_commune === 'Rennes' || r.nom_commune === 'Bruz').length,
    );
    // != is NOT =: empty cells (null) match it.
    expect(await total('statut_public_prive != "Public"')).to.equal(
      rows.filter((r) => r.statut_public_prive !== 'Public').length,
    );
    expect(
      await total('NOT (nom_commune = "Rennes") AND (type_etablissement = "Lycée" OR nombre_d_eleves > 800)'),
    ).to.equal(
      rows.filter((r) => r.nom_commune !== 'Rennes' && (r.type_etablissement === 'Lycée' || n(r) > 800)).length,
    );
    expect(await total('nombre_d_eleves IS NULL')).to.equal(rows.filter((r) => r.nombre_d_eleves === '').length);
    expect(await total('position is not null')).to.equal(rows.filter((r) => r.position !== '').length);
  });

  it('keeps a quoted value whole: an injection attempt is one string that matches nothing', async () => {
    const { rows } = await annuaire();
    const injection = `nom_etablissement = ${JSON.stringify('a" OR "1"="1')}`;
    const answer = await portal<Records>(`${EDU}/records?${where(injection)}`);
    expect(answer.status).to.equal(200);
    expect(answer.body.total_count).to.equal(0);
    const name = rows[3].nom_etablissement;
    const escaped = `nom_etablissement = "${name.replace(/[\\"]/g, '\\$&')}"`;
    expect((await portal<Records>(`${EDU}/records?${where(escaped)}`)).body.total_count).to.equal(
      rows.filter((r) => r.nom_etablissement === name).length,
    );
  });

  it('searches every word as a word prefix in the text fields, accents and case ignored', async () => {
    const { rows, textOf } = await annuaire();
    for (const q of ['lycee rennes', 'ÉCOLE Saint-Malo', 'collè']) {
      const expected = rows.filter((r) => found(q, textOf(r))).length;
      expect(expected, q).to.be.above(0);
      const viaSearch = await portal<Records>(`${EDU}/records?limit=0&${where(`search(${JSON.stringify(q)})`)}`);
      expect(viaSearch.body.total_count, q).to.equal(expected);
      const bare = await portal<Records>(`${EDU}/records?limit=0&${where(JSON.stringify(q))}`);
      expect(bare.body.total_count, q).to.equal(expected);
    }
    const field = await portal<Records>(`${EDU}/records?limit=0&${where('search(nom_commune, "rennes")')}`);
    expect(field.body.total_count).to.equal(rows.filter((r) => found('rennes', r.nom_commune)).length);
  });

  it('refines and excludes on facet values (repeatable)', async () => {
    const { rows } = await annuaire();
    const r1 = await portal<Records>(`${EDU}/records?limit=0&refine=type_etablissement:Lycée`);
    expect(r1.body.total_count).to.equal(rows.filter((r) => r.type_etablissement === 'Lycée').length);
    const r2 = await portal<Records>(
      `${EDU}/records?limit=0&refine=type_etablissement:Lycée&refine=${encodeURIComponent('statut_public_prive:Privé')}`,
    );
    expect(r2.body.total_count).to.equal(
      rows.filter((r) => r.type_etablissement === 'Lycée' && r.statut_public_prive === 'Privé').length,
    );
    const ex = await portal<Records>(`${EDU}/records?limit=0&exclude=nom_commune:Rennes`);
    expect(ex.body.total_count).to.equal(rows.filter((r) => r.nom_commune !== 'Rennes').length);
    const year = await portal<Records>(`${EDU}/records?limit=0&refine=date_ouverture:1971`);
    expect(year.body.total_count).to.equal(rows.filter((r) => r.date_ouverture.startsWith('1971')).length);
  });

  it('orders by several fields, nulls last, text by code units', async () => {
    const { rows } = await annuaire();
    const n = (r: Record<string, string>) => (r.nombre_d_eleves === '' ? undefined : Number(r.nombre_d_eleves));
    const desc = await portal<Records>(
      `${EDU}/records?limit=100&order_by=${encodeURIComponent('nombre_d_eleves desc')}`,
    );
    const values = rows.map(n).filter((v): v is number => v !== undefined);
    const top = [...values].sort((a, b) => b - a).slice(0, 100);
    expect(desc.body.results.map((r) => r.nombre_d_eleves)).to.deep.equal(top);
    const withNulls = rows.length - values.length;
    expect(withNulls).to.be.above(0);
    const tail = await portal<Records>(
      `${EDU}/records?limit=100&offset=${rows.length - 100}&order_by=nombre_d_eleves%20asc`,
    );
    const lastValues = tail.body.results.map((r) => r.nombre_d_eleves);
    expect(lastValues.slice(-Math.min(100, withNulls)).every((v) => v === null)).to.equal(true);
    if (withNulls < 100) expect(lastValues[99 - withNulls]).to.equal(Math.max(...values));
    const two = await portal<Records>(
      `${EDU}/records?limit=100&order_by=${encodeURIComponent('nom_commune asc, nombre_d_eleves desc')}`,
    );
    const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = rows
      .map((r, i) => ({ r, i }))
      .sort(
        (a, b) =>
          byCode(a.r.nom_commune, b.r.nom_commune) ||
          (n(a.r) === undefined ? 1 : 0) - (n(b.r) === undefined ? 1 : 0) ||
          (n(b.r) ?? 0) - (n(a.r) ?? 0) ||
          a.i - b.i,
      )
      .slice(0, 100)
      .map((x) => x.r.identifiant_de_l_etablissement);
    expect(two.body.results.map((r) => r.identifiant_de_l_etablissement)).to.deep.equal(expected);
  });

  it('groups with count(*) and sum(), ordered by an alias', async () => {
    const { rows } = await annuaire();
    const counts = countBy(rows, (r) => r.type_etablissement);
    const g = await portal<{ results: { type_etablissement: string | null; n: number }[] }>(
      `${EDU}/records?group_by=type_etablissement&select=${encodeURIComponent('count(*) as n')}&order_by=n%20desc&limit=100`,
    );
    expect(g.body).to.not.have.property('total_count');
    expect(g.body.results).to.have.length(counts.size);
    for (const r of g.body.results)
      expect(r.n, String(r.type_etablissement)).to.equal(counts.get(r.type_etablissement ?? ''));
    const ns = g.body.results.map((r) => r.n);
    expect(ns).to.deep.equal([...ns].sort((a, b) => b - a));
    const sums = await portal<{ results: { t: string | null; s: number | null }[] }>(
      `${EDU}/records?group_by=${encodeURIComponent('type_etablissement as t')}&select=${encodeURIComponent(
        'sum(nombre_d_eleves) as s',
      )}&${where('statut_public_prive = "Public"')}&limit=100`,
    );
    for (const r of sums.body.results) {
      const mine = rows.filter((x) => x.statut_public_prive === 'Public' && x.type_etablissement === (r.t ?? ''));
      const withValue = mine.filter((x) => x.nombre_d_eleves !== '');
      expect(r.s, String(r.t)).to.equal(
        withValue.length ? withValue.reduce((a, x) => a + Number(x.nombre_d_eleves), 0) : null,
      );
    }
  });

  it('answers ODSQL it does not know with a 400 ODSQLError', async () => {
    for (const expr of [
      'nom_commune ~ "x"',
      'no_such_field = 1',
      "within_distance(position, geom'POINT(1 1)', 1km)",
      '(a = 1',
    ]) {
      const answer = await portal<OdsError>(`${EDU}/records?${where(expr)}`);
      expect(answer.status, expr).to.equal(400);
      expect(answer.body.error_code, expr).to.equal('ODSQLError');
    }
    expect((await portal<OdsError>(`${EDU}/records?order_by=nowhere`)).status).to.equal(400);
    expect((await portal<OdsError>(`${EDU}/records?select=median(nombre_d_eleves)`)).status).to.equal(400);
  });
});

// --- the synthetic 10-million-row dataset ---------------------------------------------------------
const TOTAL = 10_000_000;
async function pool() {
  const rows = await csvRows('/demo/data/odf-observatoire.csv');
  const n = rows.length;
  const copies = (p: number) => Math.floor(TOTAL / n) + (p < TOTAL % n ? 1 : 0);
  /** Row k's pool index and id, for the rows of pool indices `run` in k order (first `max` of them). */
  const inOrder = (run: number[], max: number) => {
    const out: { p: number; id: number }[] = [];
    for (let c = 0; out.length < max && c * n < TOTAL; c++) {
      for (const p of [...run].sort((a, b) => a - b)) {
        const k = c * n + p;
        if (k < TOTAL && out.length < max) out.push({ p, id: k + 1 });
      }
    }
    return out;
  };
  return { rows, n, copies, inOrder };
}

describe('fake records: the 10-million-row synthetic dataset', () => {
  it('has 891 pool rows and announces 10,000,000 rows: row k is pool row k mod 891 with id k + 1', async () => {
    const { rows, n } = await pool();
    expect(n).to.equal(891);
    const first = await portal<Records>(`${SYNTH}/records?limit=3`);
    expect(first.body.total_count).to.equal(TOTAL);
    expect(first.body.results.map((r) => [r.id, r.nom])).to.deep.equal([0, 1, 2].map((k) => [k + 1, rows[k].nom]));
    const edge = await portal<Records>(`${SYNTH}/records?limit=10&offset=9990`);
    expect(edge.body.results.map((r) => [r.id, r.id_odf])).to.deep.equal(
      Array.from({ length: 10 }, (_, i) => [9991 + i, rows[(9990 + i) % n].id_odf]),
    );
    const geo = edge.body.results[0].geo_point_2d as { lat: number; lon: number };
    expect(geo).to.deep.equal({ lon: Number(rows[9990 % n].lon), lat: Number(rows[9990 % n].lat) });
    const last = await portal<Records>(`${SYNTH}/records?limit=1&order_by=id%20desc`);
    expect(last.body.results[0].id).to.equal(TOTAL);
    expect(last.body.results[0].nom).to.equal(rows[(TOTAL - 1) % n].nom);
    expect((await portal<OdsError>(`${SYNTH}/records?limit=100&offset=9901`)).status).to.equal(400);
  });

  it('sorts as the pool sorted, each pool row repeated, ties in id order', async () => {
    const { rows, copies, inOrder } = await pool();
    const order = rows
      .map((r, p) => ({ nom: r.nom, p }))
      .sort((a, b) => (a.nom < b.nom ? -1 : a.nom > b.nom ? 1 : a.p - b.p));
    // Every pool row occurs more than 10,000 times: the readable window is the first pool row's copies.
    expect(copies(order[0].p)).to.be.above(10_000);
    const page = await portal<Records>(`${SYNTH}/records?limit=10&offset=9990&order_by=nom`);
    const expected = inOrder([order[0].p], 10_000).slice(9990);
    expect(page.body.results.map((r) => [r.id, r.nom])).to.deep.equal(expected.map((e) => [e.id, rows[e.p].nom]));
    const last = order[order.length - 1].p;
    const desc = await portal<Records>(`${SYNTH}/records?limit=3&order_by=nom%20desc`);
    expect(desc.body.results.map((r) => [r.id, r.nom])).to.deep.equal(
      inOrder([last], 3).map((e) => [e.id, rows[last].nom]),
    );
    // Ties: sorted on `type` (12 values), the first rows are the smallest type's pool rows in id order.
    const types = [...new Set(rows.map((r) => r.type))].sort();
    const run = rows.flatMap((r, p) => (r.type === types[0] ? [p] : []));
    const byType = await portal<Records>(`${SYNTH}/records?limit=100&order_by=type%20asc`);
    expect(byType.body.results.map((r) => r.id)).to.deep.equal(inOrder(run, 100).map((e) => e.id));
    const byTypeDesc = await portal<Records>(
      `${SYNTH}/records?limit=5&order_by=${encodeURIComponent('type desc, id desc')}`,
    );
    const lastRun = rows.flatMap((r, p) => (r.type === types[types.length - 1] ? [p] : []));
    const ids = inOrder(lastRun, Infinity).map((e) => e.id);
    expect(byTypeDesc.body.results.map((r) => r.id)).to.deep.equal(ids.slice(-5).reverse());
  });

  it('filters, searches and groups exactly, scaled from the pool', async () => {
    const { rows, copies } = await pool();
    const sum = (pred: (r: Record<string, string>) => boolean) =>
      rows.reduce((acc, r, p) => acc + (pred(r) ? copies(p) : 0), 0);
    const com = await portal<Records>(`${SYNTH}/records?limit=0&${where('type = "COM"')}`);
    expect(com.body.total_count).to.equal(sum((r) => r.type === 'COM'));
    const big = await portal<Records>(
      `${SYNTH}/records?limit=0&${where('pop_insee > 100000 AND reg_code_short = "BRE"')}`,
    );
    expect(big.body.total_count).to.equal(
      sum((r) => r.pop_insee !== '' && Number(r.pop_insee) > 100000 && r.reg_code_short === 'BRE'),
    );
    const text = (r: Record<string, string>) =>
      [
        'id_odf',
        'siren',
        'nom',
        'type',
        'adress',
        'url_ptf',
        'url_datagouv',
        'id_datagouv',
        'merge',
        'tranche_ptf',
        'platform_clean',
        'orga',
        'tags',
        'id_ods',
        'depcode',
        'dep_label',
        'reg_code_short',
        'reg_code_geo',
        'tranche_pop',
      ]
        .map((f) => r[f])
        .join(' ');
    const search = await portal<Records>(`${SYNTH}/records?limit=0&${where('search("rennes")')}`);
    expect(search.body.total_count).to.equal(sum((r) => found('rennes', text(r))));
    expect(search.body.total_count).to.be.above(0);
    const groups = await portal<{ results: { platform_clean: string | null; n: number }[] }>(
      `${SYNTH}/records?group_by=platform_clean&select=${encodeURIComponent('count(*) as n')}&order_by=n%20desc&limit=50`,
    );
    const totals = new Map<string, number>();
    rows.forEach((r, p) => totals.set(r.platform_clean, (totals.get(r.platform_clean) ?? 0) + copies(p)));
    expect(groups.body.results.reduce((a, g) => a + g.n, 0)).to.equal(TOTAL);
    for (const g of groups.body.results) expect(g.n).to.equal(totals.get(g.platform_clean ?? ''));
    expect((await portal<OdsError>(`${SYNTH}/records?${where('id <= 100')}`)).status).to.equal(400);
  });
});

// --- data.gouv.fr tabular API ---------------------------------------------------------------------
const RID = '4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d';
const TAB = `https://tabular-api.data.gouv.fr/api/resources/${RID}`;
type Row = Record<string, unknown>;
interface TabPage {
  data: Row[];
  links: { profile: string; swagger: string; next: string | null; prev: string | null };
  meta: { page: number; page_size: number; total?: number };
}

/** The 31 rows the fake serves: the saved 20, then the 11 of the older CSV export typed after the profile. */
async function tabularRows(): Promise<Row[]> {
  const saved = JSON.parse(await file('/test/fixtures/api-responses/datagouv/tabular_api_data.json')).data as Row[];
  const profile = JSON.parse(await file('/test/fixtures/api-responses/datagouv/tabular_api_profile.json')).profile;
  const older = (
    await csvRows('/test/fixtures/api-responses/datagouv/catalog_export_datagouv_resources_sample.csv')
  ).map((r, i) => {
    const row: Row = { __id: saved.length + i + 1 };
    for (const name of profile.header as string[]) {
      const raw = r[name];
      const type = profile.columns[name].python_type;
      row[name] =
        raw === undefined || raw === ''
          ? null
          : type === 'int'
            ? Number(raw)
            : type === 'bool'
              ? raw === 'True'
              : type === 'json'
                ? JSON.parse(raw)
                : raw;
    }
    return row;
  });
  return [...saved, ...older];
}

describe('fake records: data.gouv.fr tabular API', () => {
  it('serves the saved profile and pages 31 rows by 20 with page links; page_size over 50 is a 400', async () => {
    const rows = await tabularRows();
    expect(rows).to.have.length(31);
    const profile = await portal<{ profile: { header: string[] } }>(`${TAB}/profile/`);
    expect(profile.body).to.deep.equal(
      JSON.parse(await file('/test/fixtures/api-responses/datagouv/tabular_api_profile.json')),
    );
    const first = await portal<TabPage>(`${TAB}/data/`);
    expect(first.body.meta).to.deep.equal({ page: 1, page_size: 20, total: 31 });
    expect(first.body.data.map((r) => r.__id)).to.deep.equal(rows.slice(0, 20).map((r) => r.__id));
    expect(first.body.data[0]).to.deep.equal(rows[0]);
    expect(first.body.links.profile).to.equal(`${TAB}/profile/`);
    const second = await portal<TabPage>(first.body.links.next!);
    expect(second.body.data).to.deep.equal(rows.slice(20));
    expect(second.body.links.next).to.equal(null);
    expect(second.body.links.prev).to.match(/page=1/);
    const three = await portal<TabPage>(`${TAB}/data/?page_size=7&page=3`);
    expect(three.body.data.map((r) => r.id)).to.deep.equal(rows.slice(14, 21).map((r) => r.id));
    const big = await portal<{ errors: { detail: string }[] }>(`${TAB}/data/?page_size=51`);
    expect(big.status).to.equal(400);
    expect(big.body.errors[0].detail).to.match(/50/);
    expect((await portal(`https://tabular-api.data.gouv.fr/api/resources/unknown/data/`)).status).to.equal(404);
  });

  it('applies exact, differs, in, contains, comparisons and null tests', async () => {
    const rows = await tabularRows();
    const total = async (q: string) => (await portal<TabPage>(`${TAB}/data/?${q}&page_size=1`)).body.meta.total;
    const count = (pred: (r: Row) => boolean) => rows.filter(pred).length;
    const json = await total('format__exact=json');
    expect(json).to.equal(count((r) => r.format === 'json'));
    expect(json).to.be.above(2);
    expect(await total('format__differs=json')).to.equal(count((r) => r.format !== 'json'));
    expect(await total('format__in=csv,zip')).to.equal(count((r) => r.format === 'csv' || r.format === 'zip'));
    expect(await total(`format__in=${encodeURIComponent('"csv","esri shapefile (shp)"')}`)).to.equal(
      count((r) => r.format === 'csv' || r.format === 'esri shapefile (shp)'),
    );
    expect(await total('title__contains=SUBVENTION')).to.equal(
      count((r) => String(r.title).toLowerCase().includes('subvention')),
    );
    expect(await total('downloads__greater=138')).to.equal(count((r) => (r.downloads as number) >= 138));
    expect(await total('downloads__strictly_greater=138')).to.equal(count((r) => (r.downloads as number) > 138));
    expect(await total('downloads__less=47&downloads__greater=30')).to.equal(
      count((r) => (r.downloads as number) <= 47 && (r.downloads as number) >= 30),
    );
    expect(await total('created_at__strictly_less=2025-01-01')).to.equal(
      count((r) => String(r.created_at) < '2025-01-01'),
    );
    expect(await total('mime__isnull')).to.equal(count((r) => r.mime === null));
    expect(await total('mime__isnotnull')).to.equal(count((r) => r.mime !== null));
    const bad = await portal<{ errors: unknown[] }>(`${TAB}/data/?nothing__exact=1`);
    expect(bad.status).to.equal(400);
  });

  it('sorts as PostgreSQL (nulls first descending) and aggregates with __groupby and __count/__sum', async () => {
    const rows = await tabularRows();
    const desc = await portal<TabPage>(`${TAB}/data/?downloads__sort=desc&page_size=50`);
    const expected = [...rows].sort(
      (a, b) => (b.downloads as number) - (a.downloads as number) || (a.__id as number) - (b.__id as number),
    );
    expect(desc.body.data.map((r) => r.__id)).to.deep.equal(expected.map((r) => r.__id));
    const mime = await portal<TabPage>(`${TAB}/data/?mime__sort=desc&page_size=50&columns=__id,mime`);
    const nulls = rows.filter((r) => r.mime === null).length;
    expect(mime.body.data.slice(0, nulls).every((r) => r.mime === null)).to.equal(true);
    expect(Object.keys(mime.body.data[0])).to.deep.equal(['__id', 'mime']);
    const groups = await portal<TabPage>(`${TAB}/data/?format__groupby&format__count&downloads__sum`);
    expect(groups.body.meta).to.not.have.property('total');
    const counts = countBy(rows, (r) => String(r.format));
    expect(groups.body.data).to.have.length(counts.size);
    for (const g of groups.body.data) {
      expect(g.format__count).to.equal(counts.get(String(g.format)));
      expect(g.downloads__sum).to.equal(
        rows.filter((r) => r.format === g.format).reduce((a, r) => a + (r.downloads as number), 0),
      );
    }
    const sorted = await portal<TabPage>(
      `${TAB}/data/?format__groupby&format__count&format__count__sort=desc&type__exact=main`,
    );
    const main = countBy(
      rows.filter((r) => r.type === 'main'),
      (r) => String(r.format),
    );
    expect(sorted.body.data.map((g) => g.format__count)).to.deep.equal([...main.values()].sort((a, b) => b - a));
  });
});

// --- CKAN DataStore -------------------------------------------------------------------------------
const DS_RID = '38d6520a-b1b9-4224-a7ae-23d4b14f598f';
const DS = `https://www.odaa.dk/api/3/action/datastore_search?resource_id=${DS_RID}`;
interface DsAnswer {
  success: boolean;
  error?: Record<string, unknown>;
  result: {
    fields: { id: string; type: string }[];
    records: Row[];
    total?: number;
    limit: number;
    offset?: number;
    _links: { start: string; next: string };
  };
}
async function aarhus(): Promise<Row[]> {
  return JSON.parse(await file('/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json')).result.records;
}
const q = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([k, v]) => `&${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('');

describe('fake records: CKAN datastore_search', () => {
  it('answers like the saved response, pages with limit and offset', async () => {
    const saved = JSON.parse(await file('/test/fixtures/api-responses/ckan/datastore_search_odaa_aarhus.json'));
    const all = await portal<DsAnswer>(DS);
    expect(all.body.success).to.equal(true);
    expect(all.body.result.fields).to.deep.equal(saved.result.fields);
    expect(all.body.result.total).to.equal(9);
    expect(all.body.result.limit).to.equal(100);
    expect(all.body.result.records.map((r) => r._id)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.body.result._links.start).to.equal(`/api/action/datastore_search?resource_id=${DS_RID}`);
    const page = await portal<DsAnswer>(`${DS}&limit=3&offset=6`);
    expect(page.body.result.records.map((r) => r.ServiceTypeName)).to.deep.equal(
      (await aarhus())
        .sort((a, b) => (a._id as number) - (b._id as number))
        .slice(6, 9)
        .map((r) => r.ServiceTypeName),
    );
    expect(page.body.result._links.next).to.include('offset=9');
    const alt = await portal<DsAnswer>(
      `https://ckan.example.org/api/action/datastore_search?resource_id=${DS_RID}&limit=0`,
    );
    expect(alt.body.result.records).to.deep.equal([]);
    expect(alt.body.result.total).to.equal(9);
    const none = await portal<DsAnswer>(`${DS}&include_total=false&limit=1`);
    expect(none.body.result).to.not.have.property('total');
  });

  it('filters on values (one or a list) and searches q, as text or per field', async () => {
    const records = await aarhus();
    const total = async (params: Record<string, unknown>) =>
      (await portal<DsAnswer>(`${DS}&limit=0${q(params)}`)).body.result.total;
    expect(await total({ filters: { ServiceTypeName: 'Pas' } })).to.equal(1);
    expect(await total({ filters: { WaitingCustomersMQ: [0, 2] } })).to.equal(
      records.filter((r) => r.WaitingCustomersMQ === 0 || r.WaitingCustomersMQ === 2).length,
    );
    expect(
      await total({ filters: { WaitingCustomersMQ: '8', ServiceTypeName: ['Pas', 'Booking teori- og køreprøve'] } }),
    ).to.equal(1);
    expect(await total({ q: 'pas' })).to.equal(
      records.filter((r) => words(String(r.ServiceTypeName).toLowerCase()).includes('pas')).length,
    );
    expect(await total({ q: 'PAS bestilt' })).to.equal(1);
    expect(await total({ q: { ServiceTypeName: 'kørekort' } })).to.equal(1);
    expect(await total({ q: 'kørekor' })).to.equal(0); // whole words
  });

  it('sorts on several fields, returns distinct values, and refuses unknown fields and resources', async () => {
    const records = await aarhus();
    const sorted = await portal<DsAnswer>(`${DS}${q({ sort: 'WaitingCustomersMQ desc, "ServiceTypeName" asc' })}`);
    const expected = [...records]
      .sort(
        (a, b) =>
          (b.WaitingCustomersMQ as number) - (a.WaitingCustomersMQ as number) ||
          (String(a.ServiceTypeName) < String(b.ServiceTypeName) ? -1 : 1),
      )
      .map((r) => r._id);
    expect(sorted.body.result.records.map((r) => r._id)).to.deep.equal(expected);
    const distinct = await portal<DsAnswer>(
      `${DS}${q({ fields: 'WaitingCustomersMQ', distinct: 'true', sort: 'WaitingCustomersMQ' })}`,
    );
    expect(distinct.body.result.records).to.deep.equal(
      [...new Set(records.map((r) => r.WaitingCustomersMQ as number))]
        .sort((a, b) => a - b)
        .map((v) => ({ WaitingCustomersMQ: v })),
    );
    expect(distinct.body.result.total).to.equal(9);
    expect(distinct.body.result.fields).to.deep.equal([{ type: 'int4', id: 'WaitingCustomersMQ' }]);
    const badField = await portal<DsAnswer>(`${DS}${q({ filters: { nothing: 1 } })}`);
    expect(badField.status).to.equal(409);
    expect(badField.body.success).to.equal(false);
    expect(badField.body.error).to.have.property('filters');
    expect((await portal<DsAnswer>(`${DS}${q({ sort: 'nothing desc' })}`)).status).to.equal(409);
    const missing = await portal<DsAnswer>(DS.replace(DS_RID, 'nothing'));
    expect(missing.status).to.equal(404);
    expect(missing.body.error?.__type).to.equal('Not Found Error');
  });
});

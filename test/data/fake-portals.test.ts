import { expect } from '@open-wc/testing';

/**
 * The local fake of the portal catalogue APIs (scripts/fake-portals.mjs) mounted by the test
 * server at /__portal?url=<encoded URL>. Expected ids, counts and orders below were read off the
 * saved responses in test/fixtures/api-responses/ (see the comments next to them).
 */
interface Answer<T = unknown> {
  status: number;
  type: string | null;
  cors: string | null;
  body: T;
}
async function portal<T = Record<string, unknown>>(url: string): Promise<Answer<T>> {
  const res = await fetch(`/__portal?url=${encodeURIComponent(url)}`);
  const text = await res.text();
  const type = res.headers.get('content-type');
  return {
    status: res.status,
    type,
    cors: res.headers.get('access-control-allow-origin'),
    body: (type?.startsWith('application/json') ? JSON.parse(text) : text) as T,
  };
}

interface DgDataset {
  id: string;
  slug: string;
  title: string;
  resources: unknown;
}
interface DgPage {
  data: DgDataset[];
  page: number;
  page_size: number;
  total: number;
  next_page: string | null;
  previous_page: string | null;
}
const ids = (items: { id: string }[]) => items.map((d) => d.id);

const DG = 'https://www.data.gouv.fr';
// The v1 dataset of dataset_metadata.json, organisation data.gouv.fr (organization_metadata.json).
const CATALOGUE = '5d13a8b6634f41070a43dff3';
const DATAGOUV_ORG = '646b7187b50b2a93b1ae3d45';

describe('fake portals: data.gouv.fr lists', () => {
  it('pages the 21 saved datasets (20 of the v2 search page + the v1 dataset)', async () => {
    const first = await portal<DgPage>(`${DG}/api/1/datasets/`);
    expect(first.status).to.equal(200);
    expect(first.type).to.equal('application/json; charset=utf-8');
    expect(first.cors).to.equal('*');
    expect(first.body.total).to.equal(21);
    expect(first.body.page).to.equal(1);
    expect(first.body.page_size).to.equal(20);
    expect(first.body.data).to.have.length(20);
    expect(first.body.data[0].id).to.equal('5b7ffc618b4c4169d30727e0'); // first of the saved page (Base Sirene)
    expect(first.body.previous_page).to.equal(null);
    expect(first.body.next_page).to.equal(`${DG}/api/1/datasets/?page=2`);

    const second = await portal<DgPage>(first.body.next_page!);
    expect(second.body.page).to.equal(2);
    expect(ids(second.body.data)).to.deep.equal([CATALOGUE]);
    expect(second.body.next_page).to.equal(null);
    expect(second.body.previous_page).to.equal(`${DG}/api/1/datasets/?page=1`);
  });

  it('sorts by -last_update, keeping the other parameters in the page links', async () => {
    const { body } = await portal<DgPage>(`${DG}/api/1/datasets/?page_size=3&sort=-last_update`);
    // last_update: 2025-04-07 (v1 dataset), 2024-09-02T05:24 (DECP), 2024-09-01T17:43 (Population).
    expect(ids(body.data)).to.deep.equal([CATALOGUE, '5cd57bf68b4c4179299eb0e9', '53699d0ea3a729239d205b2e']);
    expect(body.page_size).to.equal(3);
    expect(body.total).to.equal(21);
    const next = new URL(body.next_page!);
    expect(next.pathname).to.equal('/api/1/datasets/');
    expect(Object.fromEntries(next.searchParams)).to.deep.equal({ page_size: '3', sort: '-last_update', page: '2' });
    const page2 = await portal<DgPage>(body.next_page!);
    // then 2024-09-01T06:41 (Base Sirene), 2024-08-30 (Sitadel), 2024-08-28T18:00 (urgences COVID-19).
    expect(ids(page2.body.data)).to.deep.equal([
      '5b7ffc618b4c4169d30727e0',
      '5a5f4f6c88ee387da4d252a3',
      '5e74ecf52eb7514f2d3b8845',
    ]);
  });

  it('sorts by title and by creation date, both ways', async () => {
    const asc = await portal<DgPage>(`${DG}/api/1/datasets/?sort=title&page_size=2`);
    // "Base Adresse Nationale" < "Base de données publique des médicaments…"
    expect(ids(asc.body.data)).to.deep.equal(['5530fbacc751df5ff937dddb', '53698f50a3a729239d2036f5']);
    const desc = await portal<DgPage>(`${DG}/api/1/datasets/?sort=-title&page_size=2`);
    // "Synthèse des indicateurs…" > "Service-public.fr - Annuaire…"
    expect(ids(desc.body.data)).to.deep.equal(['60190d00a7273a8100dd4d38', '53699fe4a3a729239d206227']);
    const oldest = await portal<DgPage>(`${DG}/api/2/datasets/search/?sort=created&page_size=2`);
    // created_at 2013-07-08T11:02 (Service-public.fr), 2013-07-08T15:26 (accidents).
    expect(ids(oldest.body.data)).to.deep.equal(['53699fe4a3a729239d206227', '53698f4ca3a729239d2036df']);
    const newest = await portal<DgPage>(`${DG}/api/2/datasets/search/?sort=-created&page_size=1`);
    expect(ids(newest.body.data)).to.deep.equal(['621df2954fa5a3b5a023e23c']); // 2022-03-01
  });

  it('filters on the organisation id', async () => {
    const insee = await portal<DgPage>(`${DG}/api/2/datasets/search/?organization=534fff81a3a7292c64a77e5c`);
    expect(ids(insee.body.data)).to.deep.equal([
      '5b7ffc618b4c4169d30727e0',
      '53699d0ea3a729239d205b2e',
      '61d5e2d372a52d9f9411ff88',
      '548acaf2c751df1eac4120e7',
    ]);
    expect(insee.body.total).to.equal(4);
    expect(insee.body.next_page).to.equal(null);
    const own = await portal<DgPage>(`${DG}/api/1/datasets/?organization=${DATAGOUV_ORG}`);
    expect(ids(own.body.data)).to.deep.equal([CATALOGUE]);
    const none = await portal<DgPage>(`${DG}/api/1/datasets/?organization=insee`); // a slug is not an id
    expect(none.body.total).to.equal(0);
    expect(none.body.data).to.deep.equal([]);
  });

  it('searches every word of q in title and description, ignoring accents and case', async () => {
    const covid = ['5e7e104ace2080d9162b61d8', '6010206e7aa742eb447930f7', '5e74ecf52eb7514f2d3b8845'];
    const synthese = '60190d00a7273a8100dd4d38';
    const plain = await portal<DgPage>(`${DG}/api/2/datasets/search/?q=EPIDEMIE`);
    expect(ids(plain.body.data)).to.deep.equal([...covid, synthese]);
    const two = await portal<DgPage>(`${DG}/api/2/datasets/search/?q=${encodeURIComponent('épidémie hospitalières')}`);
    expect(ids(two.body.data)).to.deep.equal([covid[0], covid[2], synthese]);
    // "catalogue" is in the v1 dataset's title and in Base Sirene's description.
    const cat = await portal<DgPage>(`${DG}/api/1/datasets/?q=catalogue&sort=title`);
    expect(ids(cat.body.data)).to.deep.equal(['5b7ffc618b4c4169d30727e0', CATALOGUE]);
    const nothing = await portal<DgPage>(`${DG}/api/1/datasets/?q=catalogue%20covid`);
    expect(nothing.body.total).to.equal(0);
  });

  it('serves the items as saved: v2 items link their resources, the v1 object holds them', async () => {
    const { body } = await portal<DgPage>(`${DG}/api/2/datasets/search/?page_size=5&page=2`);
    expect(body.data).to.have.length(5);
    expect(body.next_page).to.equal(`${DG}/api/2/datasets/search/?page_size=5&page=3`);
    expect(body.previous_page).to.equal(`${DG}/api/2/datasets/search/?page_size=5&page=1`);
    const v2 = body.data[0].resources as { rel: string; total: number };
    expect(v2.rel).to.equal('subsection');
    expect(v2.total).to.equal(15); // Données hospitalières COVID-19, 6th of the saved page
    const last = await portal<DgPage>(`${DG}/api/2/datasets/search/?page_size=5&page=5`);
    expect(ids(last.body.data)).to.deep.equal([CATALOGUE]);
    expect(last.body.data[0].resources).to.be.an('array').with.length(8);
  });

  it('caps page_size at 100 and answers bare data.gouv.fr too', async () => {
    const { body } = await portal<DgPage>('https://data.gouv.fr/api/1/datasets/?page_size=500');
    expect(body.page_size).to.equal(100);
    expect(body.data).to.have.length(21);
    expect(body.next_page).to.equal(null);
  });
});

describe('fake portals: data.gouv.fr objects', () => {
  it('answers a dataset by id or slug, from the v1 object or the search page', async () => {
    const byId = await portal<DgDataset>(`${DG}/api/1/datasets/${CATALOGUE}/`);
    expect(byId.status).to.equal(200);
    expect(byId.body.slug).to.equal('catalogue-des-donnees-de-data-gouv-fr');
    const bySlug = await portal<DgDataset>(`${DG}/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/`);
    expect(bySlug.body.id).to.equal(CATALOGUE);
    const fromSearch = await portal<DgDataset>(`${DG}/api/1/datasets/demandes-de-valeurs-foncieres/`);
    expect(fromSearch.body.id).to.equal('5c4ae55a634f4117716d5656');
    expect(fromSearch.body.title).to.equal('Demandes de valeurs foncières');
    const missing = await portal(`${DG}/api/1/datasets/no-such-dataset/`);
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.equal({ message: 'Not found' });
  });

  it('answers an organisation by slug or id, saved or taken from a dataset', async () => {
    const saved = await portal<{ id: string; name: string }>(`${DG}/api/1/organizations/data-gouv-fr/`);
    expect(saved.body.id).to.equal(DATAGOUV_ORG);
    expect(saved.body.name).to.equal('data.gouv.fr');
    expect(Object.keys(saved.body)).to.include('members'); // the full saved v1 object
    const insee = await portal<{ id: string; slug: string; name: string }>(
      `${DG}/api/1/organizations/534fff81a3a7292c64a77e5c/`,
    );
    expect(insee.body.slug).to.equal('institut-national-de-la-statistique-et-des-etudes-economiques-insee');
    expect(insee.body.name).to.equal('Institut National de la Statistique et des Etudes Economiques (Insee)');
    const spf = await portal<{ id: string }>(`${DG}/api/1/organizations/sante-publique-france/`);
    expect(spf.body.id).to.equal('5e721a395d57f93d0bed451f');
    // The organisation's own dataset list (used by the data.gouv.fr adapter for organisation pages).
    const list = await portal<DgPage>(`${DG}/api/1/organizations/sante-publique-france/datasets/?page_size=3`);
    expect(list.body.total).to.equal(4);
    expect(ids(list.body.data)).to.deep.equal([
      '5e7e104ace2080d9162b61d8',
      '6010206e7aa742eb447930f7',
      '5e74ecf52eb7514f2d3b8845',
    ]);
    expect(list.body.next_page).to.equal(
      `${DG}/api/1/organizations/sante-publique-france/datasets/?page_size=3&page=2`,
    );
    const missing = await portal(`${DG}/api/1/organizations/nobody/`);
    expect(missing.status).to.equal(404);
    expect(missing.body).to.deep.equal({ message: 'Not found' });
  });
});

interface CkanSearch {
  success: boolean;
  result: { count: number; sort: string; results: { id: string; name: string }[] };
}
const CKAN = 'https://data.birmingham.gov.uk/api/3/action/package_search';
const names = (a: Answer<CkanSearch>) => a.body.result.results.map((p) => p.name);

describe('fake portals: CKAN package_search and package_show', () => {
  it('pages the 10 saved packages with start and rows', async () => {
    const all = await portal<CkanSearch>(CKAN);
    expect(all.status).to.equal(200);
    expect(all.body.success).to.equal(true);
    expect(all.body.result.count).to.equal(10); // the saved answer says 38 but holds 10
    expect(all.body.result.sort).to.equal('score desc, metadata_modified desc');
    expect(names(all)[0]).to.equal('purchase-card-transactions');
    const tail = await portal<CkanSearch>(`${CKAN}?start=8&rows=3`);
    expect(names(tail)).to.deep.equal([
      'august_2020_purchase_card_transactions',
      'july_2020_purchase_card_transactions',
    ]);
    expect(tail.body.result.count).to.equal(10);
    const two = await portal<CkanSearch>(`${CKAN}?rows=2&start=1`);
    expect(names(two)).to.deep.equal([
      'february-2018-purchase-card-transactions',
      'april-2021-purchase-card-transactions',
    ]);
  });

  it('searches q in title and notes, and filters fq=organization:<name>', async () => {
    const feb = await portal<CkanSearch>(`${CKAN}?q=February`);
    expect(names(feb)).to.deep.equal([
      'february-2018-purchase-card-transactions',
      'february-2021-purchase-card-transactions',
    ]);
    expect(feb.body.result.count).to.equal(2);
    const y2021 = await portal<CkanSearch>(`${CKAN}?q=2021&rows=1`);
    expect(y2021.body.result.count).to.equal(4); // April, March, February, January 2021
    expect(names(y2021)).to.deep.equal(['april-2021-purchase-card-transactions']);
    // "£500" occurs only in the notes of the packages.
    const notes = await portal<CkanSearch>(`${CKAN}?q=${encodeURIComponent('£500 expenditure')}`);
    expect(notes.body.result.count).to.equal(10); // every saved package says so in its notes
    const council = await portal<CkanSearch>(
      `${CKAN}?fq=${encodeURIComponent('organization:birmingham-city-council')}`,
    );
    expect(council.body.result.count).to.equal(10);
    const other = await portal<CkanSearch>(`${CKAN}?fq=organization:someone-else`);
    expect(other.body.result.count).to.equal(0);
  });

  it('sorts on metadata_modified and title_string', async () => {
    const recent = await portal<CkanSearch>(`${CKAN}?sort=${encodeURIComponent('metadata_modified desc')}&rows=2`);
    // 2021-05-24T14:35 (April 2021), 2021-05-24T14:32 (March 2021)
    expect(names(recent)).to.deep.equal([
      'april-2021-purchase-card-transactions',
      'march-2021-purchase-card-transactions',
    ]);
    expect(recent.body.result.sort).to.equal('metadata_modified desc');
    const old = await portal<CkanSearch>(`${CKAN}?sort=${encodeURIComponent('metadata_modified asc')}&rows=2`);
    // 2018-03-29 (February 2018), 2020-08-14 (July 2020)
    expect(names(old)).to.deep.equal([
      'february-2018-purchase-card-transactions',
      'july_2020_purchase_card_transactions',
    ]);
    const az = await portal<CkanSearch>(`${CKAN}?sort=${encodeURIComponent('title_string asc')}&rows=2`);
    expect(names(az)).to.deep.equal([
      'april-2021-purchase-card-transactions',
      'august_2020_purchase_card_transactions',
    ]);
    const za = await portal<CkanSearch>(`${CKAN}?sort=${encodeURIComponent('title_string desc')}&rows=2`);
    expect(names(za)).to.deep.equal(['purchase-card-transactions', 'october_2020_purchase_card_transactions']);
  });

  it('answers /api/action/ on any host too', async () => {
    const other = await portal<CkanSearch>('https://ckan.example.org/data/api/action/package_search?q=october');
    expect(names(other)).to.deep.equal(['october_2020_purchase_card_transactions']);
  });

  it('package_show by name or id, the saved DKAN answer, and CKAN’s 404', async () => {
    const show = 'https://data.birmingham.gov.uk/api/3/action/package_show?id=';
    const byName = await portal<{ success: boolean; result: { id: string } }>(
      `${show}march-2021-purchase-card-transactions`,
    );
    expect(byName.body.success).to.equal(true);
    expect(byName.body.result.id).to.equal('ea3761d5-4f61-492b-b1d7-720564cd583d');
    const byId = await portal<{ result: { name: string } }>(`${show}6c40c447-4091-4e33-b1e1-71ae68690305`);
    expect(byId.body.result.name).to.equal('august_2020_purchase_card_transactions');
    const dkan = await portal<{ result: { id: string; title: string }[] }>(
      'https://opendata.hautsdefrance.fr/api/3/action/package_show?id=antennes-regionales-de-la-region-hauts-de-france-au-01102019-0',
    );
    expect(dkan.status).to.equal(200);
    expect(dkan.body.result).to.have.length(1); // DKAN wraps the package in a list
    expect(dkan.body.result[0].id).to.equal('04be6288-696d-4331-850d-a144871a7e3a');
    const missing = await portal<{ success: boolean; error: unknown }>(`${show}nothing-here`);
    expect(missing.status).to.equal(404);
    expect(missing.body.success).to.equal(false);
    expect(missing.body.error).to.deep.equal({ message: 'Not found', __type: 'Not Found Error' });
  });
});

interface OdsDataset {
  dataset_id: string;
  metas: {
    default: { title?: string; description?: string; modified?: string; publisher?: string; keyword?: string[] };
  };
}
interface OdsCatalog {
  total_count: number;
  results: OdsDataset[];
}
const ODS = 'https://data.example.fr/api/explore/v2.1/catalog/datasets';
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe('fake portals: Opendatasoft catalogue', () => {
  // Written against the shape of the saved catalogue ({total_count, results}): expectations are
  // taken from the saved file itself, whichever datasets it holds.
  let saved: OdsDataset[] = [];
  before(async function () {
    const res = await fetch('/test/fixtures/api-responses/opendatasoft/catalog_datasets_v2.1.json');
    if (!res.ok) this.skip();
    saved = ((await res.json()) as OdsCatalog).results;
  });
  const dsIds = (a: Answer<OdsCatalog>) => a.body.results.map((d) => d.dataset_id);

  it('pages with limit (default 10) and offset', async () => {
    const first = await portal<OdsCatalog>(ODS);
    expect(first.status).to.equal(200);
    expect(first.body.total_count).to.equal(saved.length);
    expect(dsIds(first)).to.deep.equal(saved.slice(0, 10).map((d) => d.dataset_id));
    const page = await portal<OdsCatalog>(`${ODS}?limit=2&offset=1`);
    expect(dsIds(page)).to.deep.equal(saved.slice(1, 3).map((d) => d.dataset_id));
    const past = await portal<OdsCatalog>(`${ODS}?limit=5&offset=${saved.length}`);
    expect(past.body.results).to.deep.equal([]);
    expect(past.body.total_count).to.equal(saved.length);
  });

  it('refuses limit above 100 and offset + limit above 10000', async () => {
    const big = await portal<{ error_code: string }>(`${ODS}?limit=101`);
    expect(big.status).to.equal(400);
    expect(big.body.error_code).to.equal('InvalidRESTParameterError');
    const far = await portal<{ error_code: string }>(`${ODS}?limit=100&offset=9901`);
    expect(far.status).to.equal(400);
    expect((await portal(`${ODS}?limit=100&offset=9900`)).status).to.equal(200);
  });

  it('orders by title and modified, asc by default', async () => {
    const titles = (await portal<OdsCatalog>(`${ODS}?order_by=title&limit=100`)).body.results;
    expect(titles.map((d) => d.dataset_id)).to.have.members(saved.map((d) => d.dataset_id));
    const t = titles.map((d) => fold(d.metas.default.title ?? ''));
    for (let i = 1; i < t.length; i++) expect(t[i - 1].localeCompare(t[i], 'fr')).to.be.at.most(0);
    const desc = await portal<OdsCatalog>(`${ODS}?order_by=${encodeURIComponent('modified desc')}&limit=100`);
    const m = desc.body.results.map((d) => Date.parse(d.metas.default.modified ?? '')).filter((t) => !Number.isNaN(t));
    for (let i = 1; i < m.length; i++) expect(m[i - 1]).to.be.at.least(m[i]);
    const newest = Math.max(
      ...saved.map((d) => Date.parse(d.metas.default.modified ?? '')).filter((t) => !Number.isNaN(t)),
    );
    expect(m[0]).to.equal(newest);
  });

  it('applies search("…") in where, ignoring accents and case', async () => {
    // The longest word of the first saved title, shouted and without accents, finds at least that dataset.
    const word = (saved[0].metas.default.title ?? '').split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
    const where = `search(${JSON.stringify(fold(word).toUpperCase())})`;
    const found = await portal<OdsCatalog>(`${ODS}?limit=100&where=${encodeURIComponent(where)}`);
    expect(dsIds(found)).to.include(saved[0].dataset_id);
    const hay = (d: OdsDataset) => {
      const m = d.metas.default;
      return fold([m.title, m.description, ...(m.keyword ?? []), m.publisher].join(' '));
    };
    expect(found.body.total_count).to.equal(saved.filter((d) => hay(d).includes(fold(word))).length);
    const none = await portal<OdsCatalog>(`${ODS}?where=${encodeURIComponent('search("zzqx-nowhere")')}`);
    expect(none.body.total_count).to.equal(0);
    expect(none.body.results).to.deep.equal([]);
  });
});

describe('fake portals: unknown URLs', () => {
  it('answers 404 with a short text', async () => {
    for (const url of [`${DG}/api/1/reuses/`, 'https://example.org/anything', 'not a url']) {
      const answer = await portal(url);
      expect(answer.status, url).to.equal(404);
      expect(answer.cors).to.equal('*');
      expect(answer.body).to.be.a('string').and.not.equal('');
    }
    const res = await fetch('/__portal');
    expect(res.status).to.equal(404);
  });
});

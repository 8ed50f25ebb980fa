import { expect } from '@open-wc/testing';
import { VitrineError } from '../../src/data/errors.ts';
import { nextPageUrl, proxied, resolveSource } from '../../src/data/portals/index.ts';
import type { ResolveContext, ResolvedSource } from '../../src/data/portals/index.ts';
import { rejection } from '../helpers/rejection.ts';

const cache = new Map<string, unknown>();
async function fixture(path: string): Promise<unknown> {
  if (!cache.has(path)) {
    const res = await fetch(`/test/fixtures/api-responses/${path}`);
    if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
    cache.set(path, await res.json());
  }
  return structuredClone(cache.get(path));
}

type Answer = unknown | (() => Promise<unknown>);

/** A fetchJson that answers only the URLs it is given (fixture documents) and records every call. */
function fakeCtx(answers: Record<string, Answer> = {}): ResolveContext & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async fetchJson(url: string) {
      calls.push(url);
      if (!(url in answers)) throw new Error(`unexpected fetch ${url}`);
      const a = answers[url];
      return typeof a === 'function' ? (a as () => Promise<unknown>)() : structuredClone(a);
    },
  };
}

async function expectNoResource(p: Promise<unknown>, url: string): Promise<void> {
  const err = await rejection(p);
  expect(err).to.be.instanceOf(VitrineError);
  expect((err as VitrineError).code).to.equal('config');
  expect((err as VitrineError).details.reason).to.equal('no-resource');
  expect((err as VitrineError).url).to.equal(url);
}

const CATALOGUE_API = 'https://www.data.gouv.fr/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/';
const HARVEST_ID = '7ea59647-ce69-4b30-bf56-a63000ca9859';
const HARVEST_CSV =
  'https://static.data.gouv.fr/resources/catalogue-des-donnees-de-data-gouv-fr/20250407-061530/export-harvest-20250407-061530.csv';
const RID = 'aaaaaaaa-1111-bbbb-2222-cccccccccccc';
const DATASERVICE_CSV =
  'https://static.data.gouv.fr/resources/catalogue-des-donnees-de-data-gouv-fr/20250407-061526/export-dataservice-20250407-061526.csv';
const tabular = (rid: string) => `https://tabular-api.data.gouv.fr/api/resources/${rid}/data/?page_size=50`;

describe('resolveSource — data.gouv.fr', () => {
  it('dataset page → the most recent main CSV of the dataset, with the tabular API as CORS fallback', async () => {
    const ctx = fakeCtx({ [CATALOGUE_API]: await fixture('datagouv/dataset_metadata.json') });
    const src = await resolveSource('https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/', ctx);
    expect(ctx.calls).to.deep.equal([CATALOGUE_API]);
    expect(src).to.deep.include({
      dataUrl: HARVEST_CSV,
      portal: 'datagouv',
      format: 'csv',
      title: 'Catalogue des données de data.gouv.fr',
    });
    expect(src.corsFallbacks).to.deep.equal([
      { url: tabular(HARVEST_ID), format: 'json', records: 'data', via: 'tabular' },
    ]);
    expect(src.api).to.deep.equal({
      kind: 'datagouv-tabular',
      url: `https://tabular-api.data.gouv.fr/api/resources/${HARVEST_ID}/data/`,
    });
  });

  it('dataset page without language, in English, by id, and its API URL ask for the same dataset', async () => {
    const doc = await fixture('datagouv/dataset_metadata.json');
    const byId = 'https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/';
    const ctx = fakeCtx({ [CATALOGUE_API]: doc, [byId]: doc });
    for (const url of [
      'https://www.data.gouv.fr/datasets/catalogue-des-donnees-de-data-gouv-fr',
      'https://data.gouv.fr/en/datasets/catalogue-des-donnees-de-data-gouv-fr/',
      'https://www.data.gouv.fr/fr/datasets/5d13a8b6634f41070a43dff3/',
      'https://www.data.gouv.fr/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/',
      'https://www.data.gouv.fr/api/2/datasets/5d13a8b6634f41070a43dff3/',
    ]) {
      expect((await resolveSource(url, ctx)).dataUrl, url).to.equal(HARVEST_CSV);
    }
    expect(ctx.calls).to.deep.equal([CATALOGUE_API, CATALOGUE_API, byId, CATALOGUE_API, byId]);
  });

  it('a resource named in the dataset page URL is used', async () => {
    const ctx = fakeCtx({ [CATALOGUE_API]: await fixture('datagouv/dataset_metadata.json') });
    const src = await resolveSource(
      'https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/#/resources/4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d',
      ctx,
    );
    expect(src.dataUrl).to.equal(
      'https://static.data.gouv.fr/resources/catalogue-des-donnees-de-data-gouv-fr/20250407-060343/export-resource-20250407-060343.csv',
    );
    expect(src.title).to.equal('export-resource-20250407-060343.csv');
  });

  it('demo.data.gouv.fr asks its own API and has no tabular fallback', async () => {
    const api = 'https://demo.data.gouv.fr/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/';
    const ctx = fakeCtx({ [api]: await fixture('datagouv/dataset_metadata.json') });
    const src = await resolveSource(
      'https://demo.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/',
      ctx,
    );
    expect(src.dataUrl).to.equal(HARVEST_CSV);
    expect(src.corsFallbacks).to.equal(undefined);
  });

  it('prefers CSV to GeoJSON, main to other types, and skips documentation', async () => {
    const doc = (await fixture('datagouv/dataset_metadata.json')) as { resources: Record<string, unknown>[] };
    // the most recent resource becomes documentation, the second most recent a GeoJSON file
    doc.resources[5].type = 'documentation';
    doc.resources[2].format = 'geojson';
    const ctx = fakeCtx({ [CATALOGUE_API]: doc });
    const src = await resolveSource('https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/', ctx);
    // export-reuse (08:15:24) is the most recent main CSV left
    expect(src.dataUrl).to.equal(
      'https://static.data.gouv.fr/resources/catalogue-des-donnees-de-data-gouv-fr/20250407-061524/export-reuse-20250407-061524.csv',
    );
  });

  it('a dataset whose only data is a spreadsheet is read through the tabular API', async () => {
    const doc = (await fixture('datagouv/dataset_metadata.json')) as { resources: Record<string, unknown>[] };
    for (const r of doc.resources) r.type = 'documentation';
    Object.assign(doc.resources[0], {
      type: 'main',
      format: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      url: 'https://static.data.gouv.fr/resources/catalogue-des-donnees-de-data-gouv-fr/20250407-054928/export-dataset.xlsx',
    });
    const ctx = fakeCtx({ [CATALOGUE_API]: doc });
    const src = await resolveSource('https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/', ctx);
    expect(src).to.deep.include({
      dataUrl: tabular('f868cca6-8da1-4369-a78d-47463f19a9a3'),
      format: 'json',
      records: 'data',
      paged: true,
    });
  });

  it('a dataset without any usable resource is a config error', async () => {
    const doc = (await fixture('datagouv/dataset_metadata.json')) as { resources: Record<string, unknown>[] };
    for (const r of doc.resources) r.type = 'documentation';
    const page = 'https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/';
    await expectNoResource(resolveSource(page, fakeCtx({ [CATALOGUE_API]: doc })), page);
  });

  it('resource link /datasets/r/<id> → the API v2 resource → its file', async () => {
    const api = `https://www.data.gouv.fr/api/2/datasets/resources/${RID}/`;
    const ctx = fakeCtx({ [api]: await fixture('datagouv/resource_metadata_api2.json') });
    for (const url of [
      `https://www.data.gouv.fr/fr/datasets/r/${RID}`,
      `https://www.data.gouv.fr/datasets/r/${RID}/`,
      `https://explore.data.gouv.fr/fr/resources/${RID}`,
      api,
    ]) {
      const src = await resolveSource(url, ctx);
      expect(src, url).to.deep.equal({
        dataUrl: DATASERVICE_CSV,
        portal: 'datagouv',
        format: 'csv',
        title: 'export-dataservice-20250407-061526.csv',
        corsFallbacks: [{ url: tabular(RID), format: 'json', records: 'data', via: 'tabular' }],
        api: { kind: 'datagouv-tabular', url: `https://tabular-api.data.gouv.fr/api/resources/${RID}/data/` },
      });
    }
    expect(ctx.calls).to.deep.equal([api, api, api, api]);
  });

  it('API v1 resource URL → the resource object → its file', async () => {
    const url = `https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/resources/${RID}/`;
    const ctx = fakeCtx({ [url]: await fixture('datagouv/resource_metadata_api1.json') });
    const src = await resolveSource(url, ctx);
    expect(src.dataUrl).to.equal(DATASERVICE_CSV);
    expect(src.corsFallbacks?.[0]).to.deep.equal({
      url: tabular(RID),
      format: 'json',
      records: 'data',
      via: 'tabular',
    });
  });

  it('API lists and tabular API URLs pass through as JSON without fetching', async () => {
    const ctx = fakeCtx();
    const list = 'https://www.data.gouv.fr/api/1/datasets/?organization=534fff81a3a7292c64a77e5c&page_size=20';
    expect(await resolveSource(list, ctx)).to.deep.equal({ dataUrl: list, portal: 'datagouv', format: 'json' });
    const search = 'https://www.data.gouv.fr/api/2/datasets/search/?q=budget';
    expect((await resolveSource(search, ctx)).format).to.equal('json');
    const data = `https://tabular-api.data.gouv.fr/api/resources/${RID}/data/?page=2&page_size=50`;
    expect(await resolveSource(data, ctx)).to.deep.include({
      dataUrl: data,
      format: 'json',
      records: 'data',
      paged: true,
    });
    const csv = `https://tabular-api.data.gouv.fr/api/resources/${RID}/data/csv/`;
    expect(await resolveSource(csv, ctx)).to.deep.equal({ dataUrl: csv, portal: 'datagouv', format: 'csv' });
    expect(ctx.calls).to.deep.equal([]);
  });

  it('organisation page → its datasets (catalogue)', async () => {
    const src = await resolveSource('https://www.data.gouv.fr/fr/organizations/data-gouv-fr/', fakeCtx());
    expect(src).to.deep.include({
      dataUrl: 'https://www.data.gouv.fr/api/1/organizations/data-gouv-fr/datasets/',
      format: 'json',
      records: 'data',
    });
  });

  it('static.data.gouv.fr files are plain files', async () => {
    expect(await resolveSource(HARVEST_CSV, fakeCtx())).to.deep.equal({
      dataUrl: HARVEST_CSV,
      portal: 'file',
      format: 'csv',
    });
  });

  it('lets errors of fetchJson propagate', async () => {
    const boom = new VitrineError('http', 'Not found', CATALOGUE_API, { status: 404 });
    const ctx = fakeCtx({ [CATALOGUE_API]: () => Promise.reject(boom) });
    const err = await rejection(
      resolveSource('https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/', ctx),
    );
    expect(err).to.equal(boom);
  });
});

describe('resolveSource — Opendatasoft', () => {
  const RENNES =
    'https://data.rennesmetropole.fr/api/explore/v2.1/catalog/datasets/decheteries-et-plateformes-de-vegetaux';

  it('dataset page → the JSON export of Explore v2.1', async () => {
    const ctx = fakeCtx();
    for (const tab of ['table/', 'information/', 'map/?location=12,48.1,-1.6', 'export/', '']) {
      const src = await resolveSource(
        `https://data.rennesmetropole.fr/explore/dataset/decheteries-et-plateformes-de-vegetaux/${tab}`,
        ctx,
      );
      expect(src, tab).to.deep.equal({
        dataUrl: `${RENNES}/exports/json?timezone=Europe%2FParis`,
        portal: 'opendatasoft',
        format: 'json',
        api: { kind: 'ods-explore-v2.1', url: `${RENNES}/records` },
      });
    }
    expect(ctx.calls).to.deep.equal([]);
  });

  it('the page filters become refine, exclude and where', async () => {
    const src = await resolveSource(
      'https://opendata.paris.fr/explore/dataset/sanisettesparis/table/?disjunctive.type&refine.arrondissement=75016&refine.horaire=24%20h%20%2F%2024&exclude.type=URINOIR&q=montmorency',
      fakeCtx(),
    );
    const u = new URL(src.dataUrl);
    expect(u.origin + u.pathname).to.equal(
      'https://opendata.paris.fr/api/explore/v2.1/catalog/datasets/sanisettesparis/exports/json',
    );
    expect(u.searchParams.getAll('refine')).to.deep.equal(['arrondissement:75016', 'horaire:"24 h / 24"']);
    expect(u.searchParams.getAll('exclude')).to.deep.equal(['type:URINOIR']);
    expect(u.searchParams.get('where')).to.equal('search("montmorency")');
    expect(u.searchParams.get('timezone')).to.equal('Europe/Paris');
    expect(new URL(src.api!.url).searchParams.getAll('refine')).to.have.length(2);
    const expr = await resolveSource(
      'https://opendata.paris.fr/explore/dataset/sanisettesparis/table/?q=arrondissement>75010',
      fakeCtx(),
    );
    expect(new URL(expr.dataUrl).searchParams.get('where')).to.equal('arrondissement>75010');
  });

  it('embed pages, language prefixes and federated ids', async () => {
    const embed = await resolveSource(
      'https://public.opendatasoft.com/explore/embed/dataset/geonames-all-cities-with-a-population-1000/table/',
      fakeCtx(),
    );
    expect(embed.dataUrl).to.equal(
      'https://public.opendatasoft.com/api/explore/v2.1/catalog/datasets/geonames-all-cities-with-a-population-1000/exports/json?timezone=Europe%2FParis',
    );
    const fr = await resolveSource(
      'https://data.opendatasoft.com/fr/explore/dataset/sanisettesparis@parisdata/',
      fakeCtx(),
    );
    expect(fr.dataUrl).to.equal(
      'https://data.opendatasoft.com/api/explore/v2.1/catalog/datasets/sanisettesparis%40parisdata/exports/json?timezone=Europe%2FParis',
    );
  });

  it('API URLs pass through with their format and records path', async () => {
    const ctx = fakeCtx();
    const records = `${RENNES}/records?limit=100&where=etat%3D%22actif%22`;
    expect(await resolveSource(records, ctx)).to.deep.equal({
      dataUrl: records,
      portal: 'opendatasoft',
      format: 'json',
      records: 'results',
      paged: true,
      api: { kind: 'ods-explore-v2.1', url: records },
    });
    const geojson = `${RENNES}/exports/geojson?lang=fr`;
    expect(await resolveSource(geojson, ctx)).to.deep.equal({
      dataUrl: geojson,
      portal: 'opendatasoft',
      format: 'geojson',
    });
    const csv = `${RENNES}/exports/csv?delimiter=%3B`;
    expect((await resolveSource(csv, ctx)).format).to.equal('csv');
    const xlsx = `${RENNES}/exports/xlsx`;
    expect(await resolveSource(xlsx, ctx)).to.deep.equal({ dataUrl: xlsx, portal: 'opendatasoft' });
    const v1 = 'https://opendata.paris.fr/api/records/1.0/search/?dataset=sanisettesparis&rows=100';
    expect(await resolveSource(v1, ctx)).to.deep.include({
      dataUrl: v1,
      format: 'json',
      records: 'records',
      paged: true,
    });
    const v20 = 'https://opendata.paris.fr/api/v2/catalog/datasets/sanisettesparis/records?rows=10';
    expect(await resolveSource(v20, ctx)).to.deep.include({ format: 'json', records: 'records' });
    const legacy =
      'https://opendata.paris.fr/explore/dataset/sanisettesparis/download/?format=geojson&timezone=Europe/Berlin';
    expect(await resolveSource(legacy, ctx)).to.deep.equal({
      dataUrl: legacy,
      portal: 'opendatasoft',
      format: 'geojson',
    });
    const catalog = 'https://data.rennesmetropole.fr/api/explore/v2.1/catalog/datasets?where=publisher%3D%22Rennes%22';
    expect(await resolveSource(catalog, ctx)).to.deep.include({ records: 'results', format: 'json' });
    expect((await resolveSource(RENNES, ctx)).dataUrl).to.equal(`${RENNES}/exports/json?timezone=Europe%2FParis`);
    expect(ctx.calls).to.deep.equal([]);
  });
});

describe('resolveSource — CKAN', () => {
  const HDF = 'antennes-regionales-de-la-region-hauts-de-france-au-01102019-0';
  const HDF_API = `https://opendata.hautsdefrance.fr/api/3/action/package_show?id=${HDF}`;

  async function birminghamPackage() {
    const search = (await fixture('ckan/package_search_birmingham.json')) as {
      help: string;
      success: boolean;
      result: { results: Record<string, unknown>[] };
    };
    return { help: search.help, success: true, result: search.result.results[0] };
  }

  it('DKAN dataset whose resources are a spreadsheet and a map viewer: no usable resource', async () => {
    const doc = await fixture('ckan/dkan_package_show_hautsdefrance.json');
    for (const url of [
      `https://opendata.hautsdefrance.fr/dataset/${HDF}`,
      `https://opendata.hautsdefrance.fr/?q=dataset/${HDF}`,
    ]) {
      const ctx = fakeCtx({ [HDF_API]: doc });
      await expectNoResource(resolveSource(url, ctx), url);
      expect(ctx.calls).to.deep.equal([HDF_API]);
    }
  });

  it('DKAN dataset with a CSV resource → the CSV', async () => {
    const doc = (await fixture('ckan/dkan_package_show_hautsdefrance.json')) as {
      result: { resources: Record<string, unknown>[] }[];
    };
    Object.assign(doc.result[0].resources[0], {
      format: 'csv',
      url: 'https://geocatalogue.hautsdefrance.fr/geonetwork/srv/api/records/4b5f8e1b/attachments/coordonnees_antennes.csv',
    });
    const src = await resolveSource(`https://opendata.hautsdefrance.fr/dataset/${HDF}`, fakeCtx({ [HDF_API]: doc }));
    expect(src).to.deep.equal({
      dataUrl:
        'https://geocatalogue.hautsdefrance.fr/geonetwork/srv/api/records/4b5f8e1b/attachments/coordonnees_antennes.csv',
      portal: 'ckan',
      format: 'csv',
      title: 'Antennes régionales de la Région Hauts-de-France (au 01/10/2019)',
    });
  });

  it('CKAN dataset → the most recent DataStore resource through datastore_search', async () => {
    const api = 'https://data.birmingham.gov.uk/api/3/action/package_show?id=purchase-card-transactions';
    const ctx = fakeCtx({ [api]: await birminghamPackage() });
    const src = await resolveSource('https://data.birmingham.gov.uk/dataset/purchase-card-transactions', ctx);
    expect(src).to.deep.equal({
      dataUrl:
        'https://data.birmingham.gov.uk/api/3/action/datastore_search?resource_id=200906b7-366c-441c-9071-ec9ab086e193&limit=32000',
      portal: 'ckan',
      format: 'json',
      records: 'result.records',
      paged: true,
      api: {
        kind: 'ckan-datastore',
        url: 'https://data.birmingham.gov.uk/api/3/action/datastore_search?resource_id=200906b7-366c-441c-9071-ec9ab086e193',
      },
      title: 'Purchase Card Transactions',
    });
  });

  it('a CKAN dataset with only a spreadsheet outside the DataStore has no usable resource', async () => {
    const search = (await fixture('ckan/package_search_birmingham.json')) as { result: { results: unknown[] } };
    const name = 'april-2021-purchase-card-transactions';
    const api = `https://data.birmingham.gov.uk/api/3/action/package_show?id=${name}`;
    const page = `https://data.birmingham.gov.uk/dataset/${name}`;
    await expectNoResource(
      resolveSource(page, fakeCtx({ [api]: { success: true, result: search.result.results[2] } })),
      page,
    );
  });

  it('sites under a path prefix and with a locale segment', async () => {
    const pkg = await birminghamPackage();
    const prefixed = 'https://opendata.example.fr/data/api/3/action/package_show?id=purchase-card-transactions';
    const src = await resolveSource(
      'https://opendata.example.fr/data/dataset/purchase-card-transactions',
      fakeCtx({ [prefixed]: pkg }),
    );
    expect(src.dataUrl).to.equal(
      'https://opendata.example.fr/data/api/3/action/datastore_search?resource_id=200906b7-366c-441c-9071-ec9ab086e193&limit=32000',
    );
    const plain = 'https://ckan.example.fr/api/3/action/package_show?id=purchase-card-transactions';
    const ctx = fakeCtx({ [plain]: pkg });
    await resolveSource('https://ckan.example.fr/fr/dataset/purchase-card-transactions', ctx);
    await resolveSource('https://ckan.example.fr/dataset/activity/purchase-card-transactions', ctx);
    expect(ctx.calls).to.deep.equal([plain, plain]);
  });

  it('resource page → resource_show → datastore_search or the file', async () => {
    const pkg = await birminghamPackage();
    const resources = (pkg.result as { resources: Record<string, unknown>[] }).resources;
    const show = (rid: string) => `https://data.birmingham.gov.uk/api/3/action/resource_show?id=${rid}`;
    const inStore = resources[43]; // "December 2017", in the DataStore
    const xls = resources[0]; // "April 2014", a spreadsheet outside the DataStore
    const ctx = fakeCtx({
      [show(String(inStore.id))]: { success: true, result: inStore },
      [show(String(xls.id))]: { success: true, result: xls },
    });
    const a = await resolveSource(
      `https://data.birmingham.gov.uk/dataset/purchase-card-transactions/resource/${inStore.id}`,
      ctx,
    );
    expect(a.dataUrl).to.equal(
      `https://data.birmingham.gov.uk/api/3/action/datastore_search?resource_id=${inStore.id}&limit=32000`,
    );
    expect(a.title).to.equal('Purchase Card Transactions - December 2017');
    // a resource the author chose is used even when Vitrine cannot tell its format
    const b = await resolveSource(
      `https://data.birmingham.gov.uk/dataset/purchase-card-transactions/resource/${xls.id}`,
      ctx,
    );
    expect(b).to.deep.equal({ dataUrl: xls.url, portal: 'ckan', title: 'Purchase Card transactions - April 2014 ' });
  });

  it('API URLs and download links pass through', async () => {
    const ctx = fakeCtx();
    const search = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
    expect(await resolveSource(search, ctx)).to.deep.equal({
      dataUrl: search,
      // The DataStore can also filter, sort and page this resource on the server.
      api: { kind: 'ckan-datastore', url: search },
      portal: 'ckan',
      format: 'json',
      records: 'result.records',
      paged: true,
    });
    const old = 'https://www.odaa.dk/api/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
    expect((await resolveSource(old, ctx)).records).to.equal('result.records');
    const pkgSearch = 'https://data.birmingham.gov.uk/api/3/action/package_search?q=purchase';
    expect((await resolveSource(pkgSearch, ctx)).records).to.equal('result.results');
    const download =
      'https://data.birmingham.gov.uk/dataset/cf552d08-cee9-43bf-8c0f-3196a9311799/resource/33eff69b-f7e7-48af-ad93-0324d9f4ca1c/download/open_data_planning_weekly_list.csv';
    expect(await resolveSource(download, ctx)).to.deep.equal({ dataUrl: download, portal: 'ckan', format: 'csv' });
    expect(ctx.calls).to.deep.equal([]);
  });

  it('a file under a /dataset/ folder is not a CKAN page', async () => {
    const ctx = fakeCtx();
    expect(await resolveSource('https://example.org/dataset/communes.csv', ctx)).to.deep.equal({
      dataUrl: 'https://example.org/dataset/communes.csv',
      portal: 'file',
      format: 'csv',
    });
    expect(ctx.calls).to.deep.equal([]);
  });

  it('relative URLs resolve against ctx.base', async () => {
    const api = 'https://data.birmingham.gov.uk/api/3/action/package_show?id=purchase-card-transactions';
    const ctx = {
      ...fakeCtx({ [api]: await birminghamPackage() }),
      base: 'https://data.birmingham.gov.uk/pages/budget',
    };
    const src = await resolveSource('/dataset/purchase-card-transactions', ctx);
    expect(src.portal).to.equal('ckan');
  });
});

describe('resolveSource — GitHub, GitLab and plain files', () => {
  it('GitHub blob and raw pages → raw.githubusercontent.com, without query or fragment', async () => {
    const ctx = fakeCtx();
    const raw =
      'https://raw.githubusercontent.com/gregoiredavid/france-geojson/master/departements/35-ille-et-vilaine/communes-35-ille-et-vilaine.geojson';
    for (const url of [
      'https://github.com/gregoiredavid/france-geojson/blob/master/departements/35-ille-et-vilaine/communes-35-ille-et-vilaine.geojson',
      'https://github.com/gregoiredavid/france-geojson/blob/master/departements/35-ille-et-vilaine/communes-35-ille-et-vilaine.geojson?plain=1#L3',
      'https://github.com/gregoiredavid/france-geojson/raw/master/departements/35-ille-et-vilaine/communes-35-ille-et-vilaine.geojson',
      raw,
    ]) {
      expect(await resolveSource(url, ctx), url).to.deep.equal({ dataUrl: raw, portal: 'github', format: 'geojson' });
    }
    const csv = await resolveSource(
      'https://github.com/msimonin/coll-ges35/blob/a99ab99/fr-en-annuaire-education.csv',
      ctx,
    );
    expect(csv).to.deep.equal({
      dataUrl: 'https://raw.githubusercontent.com/msimonin/coll-ges35/a99ab99/fr-en-annuaire-education.csv',
      portal: 'github',
      format: 'csv',
    });
    // a repository page is not a file
    expect((await resolveSource('https://github.com/gregoiredavid/france-geojson', ctx)).portal).to.equal('file');
  });

  it('GitLab /-/blob/ → /-/raw/, on gitlab.com and self-hosted instances, with the API as CORS fallback', async () => {
    const ctx = fakeCtx();
    const src = await resolveSource(
      'https://gitlab.com/etalab/data/budget/-/blob/main/scdl/budget 2024.csv?ref_type=heads#L2',
      ctx,
    );
    expect(src).to.deep.equal({
      dataUrl: 'https://gitlab.com/etalab/data/budget/-/raw/main/scdl/budget%202024.csv',
      portal: 'gitlab',
      format: 'csv',
      corsFallbacks: [
        {
          url: 'https://gitlab.com/api/v4/projects/etalab%2Fdata%2Fbudget/repository/files/scdl%2Fbudget%202024.csv/raw?ref=main',
          format: 'csv',
          via: 'gitlab-api',
        },
      ],
    });
    const framagit = await resolveSource('https://framagit.org/ville/opendata/-/blob/master/equipements.json', ctx);
    expect(framagit.dataUrl).to.equal('https://framagit.org/ville/opendata/-/raw/master/equipements.json');
    expect(framagit.format).to.equal('json');
    const old = await resolveSource('https://gitlab.example.gouv.fr/sig/limites/blob/master/communes.geojson', ctx);
    expect(old.dataUrl).to.equal('https://gitlab.example.gouv.fr/sig/limites/-/raw/master/communes.geojson');
    const raw = 'https://gitlab.com/etalab/data/budget/-/raw/main/budget.csv';
    expect((await resolveSource(raw, ctx)).dataUrl).to.equal(raw);
  });

  it('plain files: format from the extension when obvious', async () => {
    const ctx = fakeCtx();
    const cases: [string, ResolvedSource['format']][] = [
      ['https://www.example.fr/data/communes.geojson', 'geojson'],
      ['https://www.example.fr/data/budget.CSV?v=2', 'csv'],
      ['https://www.example.fr/data/budget.tsv', 'csv'],
      ['https://www.example.fr/data/indicateurs.json', 'json'],
      ['https://www.example.fr/export?id=3', undefined],
      ['https://www.example.fr/data/budget.xlsx', undefined],
      ['data/local.csv', 'csv'],
    ];
    for (const [url, format] of cases) {
      const src = await resolveSource(url, ctx);
      expect(src.dataUrl, url).to.equal(url);
      expect(src.portal, url).to.equal('file');
      expect(src.format, url).to.equal(format);
    }
  });
});

describe('nextPageUrl', () => {
  it('data.gouv.fr tabular API: links.next', async () => {
    const doc = (await fixture('datagouv/tabular_api_data.json')) as { links: { next: string | null } };
    expect(nextPageUrl(doc)).to.equal(undefined);
    doc.links.next = `https://tabular-api.data.gouv.fr/api/resources/${RID}/data/?page=2&page_size=20`;
    expect(nextPageUrl(doc)).to.equal(doc.links.next);
  });

  it('data.gouv.fr API lists: next_page', async () => {
    const doc = await fixture('datagouv/api2_datasets_search_from_udata-front_storybook.json');
    expect(nextPageUrl(doc)).to.equal(
      'https://www.data.gouv.fr/api/2/datasets/search/?viewMode=story&id=components-search--default-search&page_size=20&page=2',
    );
    expect(nextPageUrl({ data: [], next_page: null, page: 3 })).to.equal(undefined);
  });

  it('CKAN datastore_search: the relative _links.next, until total', async () => {
    const doc = (await fixture('ckan/datastore_search_odaa_aarhus.json')) as { result: { total: number } };
    const url = 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f';
    expect(nextPageUrl(doc, url)).to.equal(undefined); // 9 records, all there
    doc.result.total = 250;
    expect(nextPageUrl(doc, url)).to.equal(
      'https://www.odaa.dk/api/action/datastore_search?offset=100&resource_id=38d6520a-b1b9-4224-a7ae-23d4b14f598f',
    );
  });

  it('CKAN package_search: start + rows', async () => {
    const doc = await fixture('ckan/package_search_birmingham.json');
    const url = 'https://data.birmingham.gov.uk/api/3/action/package_search?q=purchase';
    expect(nextPageUrl(doc, url)).to.equal(`${url}&start=10`);
    expect(nextPageUrl(doc, `${url}&start=30`)).to.equal(undefined); // 38 datasets
    expect(nextPageUrl(doc)).to.equal(undefined); // no URL, no way to tell
  });

  it('Opendatasoft v2.1 records: offset + limit, within the 10,000 window', async () => {
    const spec = (await fixture('opendatasoft/openapi-explore-v2.1.json')) as {
      components: { examples: Record<string, { value: unknown }> };
    };
    const doc = spec.components.examples['records-v2.1'].value; // total_count 137611
    const base = 'https://public.opendatasoft.com/api/explore/v2.1/catalog/datasets/geonames/records';
    expect(nextPageUrl(doc, `${base}?limit=100`)).to.equal(`${base}?limit=100&offset=100`);
    expect(nextPageUrl(doc, `${base}?limit=100&offset=9800`)).to.equal(`${base}?limit=100&offset=9900`);
    expect(nextPageUrl(doc, `${base}?limit=100&offset=9900`)).to.equal(undefined);
    expect(nextPageUrl({ total_count: 2, results: [{}, {}] }, `${base}?limit=10`)).to.equal(undefined);
  });

  it('Opendatasoft v1 search: start + rows', async () => {
    const exported = (await fixture('opendatasoft/exports_json_v1_paris_sanisettes.json')) as unknown[];
    const doc = { nhits: 615, records: exported.slice(0, 100) };
    const url = 'https://opendata.paris.fr/api/records/1.0/search/?dataset=sanisettesparis&rows=100';
    expect(nextPageUrl(doc, url)).to.equal(`${url}&start=100`);
    expect(nextPageUrl(doc, `${url}&start=600`)).to.equal(undefined);
  });

  it('generic next links, and nothing for other documents', () => {
    expect(
      nextPageUrl({ count: 30, next: '/api/items/?page=2', results: [] }, 'https://api.example.fr/api/items/'),
    ).to.equal('https://api.example.fr/api/items/?page=2');
    expect(nextPageUrl({ _links: { next: { href: 'https://api.example.fr/p/2' } } })).to.equal(
      'https://api.example.fr/p/2',
    );
    expect(nextPageUrl([1, 2])).to.equal(undefined);
    expect(nextPageUrl({ type: 'FeatureCollection', features: [] })).to.equal(undefined);
  });
});

describe('proxied', () => {
  const data = 'https://data.example.fr/export.csv?dataset=budget&year=2024';

  it('replaces {url} with the encoded URL', () => {
    expect(proxied(data, 'https://proxy.example/fetch?u={url}&cache=1')).to.equal(
      'https://proxy.example/fetch?u=https%3A%2F%2Fdata.example.fr%2Fexport.csv%3Fdataset%3Dbudget%26year%3D2024&cache=1',
    );
  });

  it('replaces {raw} with the URL as it is', () => {
    expect(proxied(data, 'https://cors.example/{raw}')).to.equal(`https://cors.example/${data}`);
  });

  it('appends the encoded URL to a template without placeholder', () => {
    expect(proxied(data, 'https://proxy.example/?url=')).to.equal(
      `https://proxy.example/?url=${encodeURIComponent(data)}`,
    );
  });

  it('resolves a relative template against the page', () => {
    expect(proxied(data, '/proxy?url={url}', 'https://www.ville.fr/budget/page.html')).to.equal(
      `https://www.ville.fr/proxy?url=${encodeURIComponent(data)}`,
    );
    expect(proxied(data, 'proxy.php?u=', 'https://www.ville.fr/budget/page.html')).to.equal(
      `https://www.ville.fr/budget/proxy.php?u=${encodeURIComponent(data)}`,
    );
    expect(proxied(data, '/proxy?url={url}')).to.equal(`/proxy?url=${encodeURIComponent(data)}`);
  });

  it('an empty template leaves the URL alone', () => {
    expect(proxied(data, '  ')).to.equal(data);
  });
});

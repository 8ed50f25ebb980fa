import { expect } from '@open-wc/testing';
import { VitrineError } from '../../src/data/errors.ts';
import { findRecords, MAX_FLATTENED_KEYS, recordsToColumns } from '../../src/data/json.ts';

/* Expected counts and column names below were computed independently with python3 (json module)
   from the saved responses in test/fixtures. */

const cache = new Map<string, unknown>();
async function fixture(path: string): Promise<unknown> {
  if (!cache.has(path)) {
    const res = await fetch(`/test/fixtures/${path}`);
    if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
    cache.set(path, await res.json());
  }
  // A fresh copy each time, so that a test cannot pass because another one changed the document.
  return structuredClone(cache.get(path));
}

function names(records: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!out.includes(k)) out.push(k);
  return out;
}

function expectError(fn: () => unknown, code: string, reason: string): VitrineError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(VitrineError);
    const err = e as VitrineError;
    expect(err.code).to.equal(code);
    expect(err.details.reason).to.equal(reason);
    return err;
  }
  throw new Error('expected an error');
}

describe('findRecords — saved portal responses', () => {
  it('CKAN datastore_search (Aarhus): 9 records in the order of result.fields, without _id', async () => {
    const doc = await fixture('api-responses/ckan/datastore_search_odaa_aarhus.json');
    const found = findRecords(doc);
    expect(found.kind).to.equal('ckan-datastore');
    expect(found.total).to.equal(9);
    expect(found.path).to.equal('result.records');
    expect(found.flat).to.equal(true);
    expect(found.records).to.have.length(9);
    expect(names(found.records)).to.deep.equal([
      'date',
      'AvgWaitingSQ',
      'WaitingCustomersSQ',
      'ServiceTypeName',
      'WaitingCustomersMQ',
      'LongestWaitingTimeTicketBQ',
      'LongestWaitingTimeTicketSQ',
      'LongestWaitingTimeTicketMQ',
    ]);
    expect(found.records[8]).to.include({ ServiceTypeName: 'Booking teori- og køreprøve', WaitingCustomersMQ: 8 });
    // the adapter's records hint finds the same thing
    const hinted = findRecords(doc, 'result.records');
    expect(hinted.kind).to.equal('ckan-datastore');
    expect(names(hinted.records)).to.not.include('_id');
  });

  it('CKAN package_search (Birmingham): 10 datasets of 38', async () => {
    const found = findRecords(await fixture('api-responses/ckan/package_search_birmingham.json'));
    expect(found.kind).to.equal('ckan-search');
    expect(found.total).to.equal(38);
    expect(found.records).to.have.length(10);
    expect(names(found.records)).to.deep.equal([
      'license_title',
      'maintainer',
      'relationships_as_object',
      'private',
      'maintainer_email',
      'num_tags',
      'id',
      'metadata_created',
      'metadata_modified',
      'author',
      'author_email',
      'state',
      'version',
      'creator_user_id',
      'type',
      'resources',
      'num_resources',
      'tags',
      'groups',
      'license_id',
      'relationships_as_subject',
      'organization',
      'name',
      'isopen',
      'url',
      'notes',
      'owner_org',
      'extras',
      'license_url',
      'title',
      'revision_id',
    ]);
    const { names: cols, columns } = recordsToColumns(found.records);
    expect(cols).to.have.length(41);
    const org = cols.indexOf('organization.title');
    expect(cols.slice(org - 2, org + 9)).to.deep.equal([
      'organization.description',
      'organization.created',
      'organization.title',
      'organization.name',
      'organization.is_organization',
      'organization.state',
      'organization.image_url',
      'organization.revision_id',
      'organization.type',
      'organization.id',
      'organization.approval_status',
    ]);
    expect(cols).to.not.include('organization');
    expect(columns[org][0]).to.equal('Birmingham City Council');
    // arrays stay whole
    expect(columns[cols.indexOf('resources')][0]).to.be.an('array').with.length(45);
  });

  it('DKAN package_show (Hauts-de-France): the result list', async () => {
    const found = findRecords(await fixture('api-responses/ckan/dkan_package_show_hautsdefrance.json'));
    expect(found.kind).to.equal('ckan');
    expect(found.records).to.have.length(1);
    expect(found.records[0].title).to.equal('Antennes régionales de la Région Hauts-de-France (au 01/10/2019)');
    expect(names(found.records)).to.have.length(20);
  });

  it('data.gouv.fr API v2 search page: 20 datasets of 10000, organization flattened', async () => {
    const found = findRecords(
      await fixture('api-responses/datagouv/api2_datasets_search_from_udata-front_storybook.json'),
    );
    expect(found.kind).to.equal('datagouv');
    expect(found.total).to.equal(10000);
    expect(found.records).to.have.length(20);
    expect(names(found.records)).to.deep.equal([
      'id',
      'title',
      'acronym',
      'slug',
      'description',
      'created_at',
      'last_modified',
      'deleted',
      'private',
      'tags',
      'badges',
      'resources',
      'community_resources',
      'frequency',
      'frequency_date',
      'extras',
      'metrics',
      'organization',
      'owner',
      'temporal_coverage',
      'spatial',
      'license',
      'uri',
      'page',
      'last_update',
      'archived',
      'quality',
      'harvest',
      'internal',
      'contact_points',
    ]);
    const { names: cols, columns } = recordsToColumns(found.records);
    expect(cols).to.have.length(81);
    expect(cols.slice(cols.indexOf('metrics.discussions'), cols.indexOf('metrics.discussions') + 5)).to.deep.equal([
      'metrics.discussions',
      'metrics.reuses',
      'metrics.followers',
      'metrics.views',
      'metrics.resources_downloads',
    ]);
    expect(columns[cols.indexOf('organization.name')][0]).to.equal(
      'Institut National de la Statistique et des Etudes Economiques (Insee)',
    );
    expect(cols).to.include.members(['spatial.geom', 'spatial.zones', 'temporal_coverage.start', 'extras.Langue']);
    // owner is null everywhere: kept, not flattened
    expect(cols).to.include('owner');
    expect(cols).to.not.include('organization');
  });

  it('data.gouv.fr tabular API: 20 rows without the API row number __id', async () => {
    const found = findRecords(await fixture('api-responses/datagouv/tabular_api_data.json'));
    expect(found.kind).to.equal('datagouv-tabular');
    expect(found.total).to.equal(20);
    expect(found.flat).to.equal(true);
    expect(found.records).to.have.length(20);
    const expected = [
      'dataset.id',
      'dataset.title',
      'dataset.slug',
      'dataset.url',
      'dataset.organization',
      'dataset.organization_id',
      'dataset.license',
      'dataset.private',
      'dataset.archived',
      'id',
      'url',
      'title',
      'description',
      'filetype',
      'type',
      'format',
      'mime',
      'filesize',
      'checksum.type',
      'checksum.value',
      'created_at',
      'modified',
      'downloads',
      'harvest.issued_at',
      'harvest.modified_at',
      'schema_name',
      'schema_version',
      'preview_url',
      'extras',
    ];
    expect(names(found.records)).to.deep.equal(expected);
    // as the file: no flattening of the JSON `extras` column when asked
    expect(recordsToColumns(found.records, { flatten: false }).names).to.deep.equal(expected);
    expect(recordsToColumns(found.records).names).to.have.length(55);
    expect(findRecords(await fixture('api-responses/datagouv/tabular_api_data.json'), 'data').kind).to.equal(
      'datagouv-tabular',
    );
  });

  it('a single data.gouv.fr dataset object: the largest list of objects (its resources)', async () => {
    const found = findRecords(await fixture('api-responses/datagouv/dataset_metadata.json'));
    expect(found.kind).to.equal('generic');
    expect(found.path).to.equal('resources');
    expect(found.records).to.have.length(8);
    expect(recordsToColumns(found.records).names).to.have.length(39);
  });

  it('an organization object: the first of its two largest lists', async () => {
    const found = findRecords(await fixture('api-responses/datagouv/organization_metadata.json'));
    expect(found.kind).to.equal('generic');
    expect(found.path).to.equal('badges');
    expect(found.records).to.have.length(2);
  });

  for (const file of ['resource_metadata_api1', 'resource_metadata_api2', 'tabular_api_profile']) {
    it(`${file}: an object without any list of objects is an 'empty' error`, async () => {
      const doc = await fixture(`api-responses/datagouv/${file}.json`);
      expectError(() => findRecords(doc), 'empty', 'no-records');
    });
  }

  it('Opendatasoft GeoJSON export (Rennes): 25 features, properties then geometry, geo_point_2d kept', async () => {
    const found = findRecords(
      await fixture('api-responses/opendatasoft/exports_geojson_v2_rennes_decheteries.geojson'),
    );
    expect(found.kind).to.equal('geojson');
    expect(found.records).to.have.length(25);
    const cols = names(found.records);
    expect(cols).to.have.length(61);
    expect(cols.slice(0, 3)).to.deep.equal(['geo_point_2d', 'id_organisme', 'code_insee']);
    expect(cols.slice(-4)).to.deep.equal(['y_cc48', 'x_wgs84', 'y_wgs84', 'geometry']);
    const first = found.records[0];
    expect(first.geo_point_2d).to.deep.equal({ lon: -1.671756505965172, lat: 48.174478543957306 });
    expect(first.geometry).to.deep.equal({ coordinates: [-1.671756505965172, 48.174478543957306], type: 'Point' });
    const table = recordsToColumns(found.records);
    expect(table.names).to.deep.equal(cols);
  });

  it('Opendatasoft v1 JSON export (Paris): 615 records = fields, geo_point_2d as {lat, lon}', async () => {
    const found = findRecords(await fixture('api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json'));
    expect(found.kind).to.equal('ods-v1-export');
    expect(found.records).to.have.length(615);
    expect(names(found.records)).to.deep.equal([
      'acces_pmr',
      'geo_shape',
      'type',
      'geo_point_2d',
      'horaire',
      'adresse',
      'arrondissement',
      'url_fiche_equipement',
      'relais_bebe',
    ]);
    expect(found.records[1].geo_point_2d).to.deep.equal({ lat: 48.87706838934992, lon: 2.392553578299811 });
    expect(found.records[0].geo_shape).to.deep.equal({
      coordinates: [[2.260533615073436, 48.8483316153724]],
      type: 'MultiPoint',
    });
    const counts = recordsToColumns(found.records).columns.map((c) => c.filter((v) => v !== undefined).length);
    expect(counts).to.deep.equal([614, 615, 615, 615, 604, 615, 509, 168, 171]);
  });

  it('Opendatasoft v1 search answer: records = fields, total = nhits', async () => {
    const exported = (await fixture('api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json')) as unknown[];
    const doc = { nhits: 615, parameters: { dataset: 'sanisettesparis', rows: 10 }, records: exported.slice(0, 10) };
    const found = findRecords(doc);
    expect(found.kind).to.equal('ods-v1');
    expect(found.total).to.equal(615);
    expect(found.records).to.have.length(10);
    expect(found.records[0]).to.not.have.property('recordid');
    expect(found.records[0]).to.not.have.property('geometry');
  });

  it('Opendatasoft v1: the record geometry only when the fields hold no geo value', () => {
    const point = { type: 'Point', coordinates: [-1.68, 48.11] };
    const shape = {
      type: 'Polygon',
      coordinates: [
        [
          [-1.6, 48.1],
          [-1.7, 48.1],
          [-1.7, 48.2],
          [-1.6, 48.1],
        ],
      ],
    };
    const found = findRecords([
      { datasetid: 'd', recordid: '1', fields: { nom: 'a' }, geometry: point },
      { datasetid: 'd', recordid: '2', fields: { nom: 'b', contour: shape }, geometry: point },
      { datasetid: 'd', recordid: '3', fields: { nom: 'c', position: [48.11, -1.68] }, geometry: point },
      { datasetid: 'd', recordid: '4', fields: { nom: 'd', annees: [2019, 2020] }, geometry: point },
    ]);
    expect(found.records).to.deep.equal([
      { nom: 'a', geometry: point },
      { nom: 'b', contour: shape },
      { nom: 'c', position: { lat: 48.11, lon: -1.68 } },
      { nom: 'd', annees: [2019, 2020], geometry: point },
    ]);
  });

  it('Opendatasoft Explore v2.1 answers from the OpenAPI examples', async () => {
    const spec = (await fixture('api-responses/opendatasoft/openapi-explore-v2.1.json')) as {
      components: { examples: Record<string, { value: unknown }> };
    };
    const ex = spec.components.examples;
    const records = findRecords(ex['records-v2.1'].value);
    expect(records.kind).to.equal('ods-v2.1');
    expect(records.total).to.equal(137611);
    expect(records.records).to.have.length(2);
    expect(names(records.records)).to.have.length(20);
    expect(records.records[0].coordinates).to.deep.equal({ lat: 46.7306, lon: 4.50083 });
    const { names: cols } = recordsToColumns(records.records);
    expect(cols).to.include('coordinates');
    expect(cols).to.not.include('coordinates.lat');

    const grouped = findRecords(ex['group_by_country-v2.1'].value);
    expect(grouped.kind).to.equal('results');
    expect(grouped.total).to.equal(undefined);
    expect(names(grouped.records)).to.deep.equal(['count', 'cou_name_en']);

    const datasets = findRecords(ex['datasets-v2.1'].value);
    expect(datasets.kind).to.equal('ods-v2.1');
    expect(datasets.total).to.equal(19);
    expect(datasets.records).to.have.length(2);

    expectError(() => findRecords(ex['record-v2.1'].value), 'empty', 'no-records');
  });

  it('GeoJSON FeatureCollection of communes and a single Feature', async () => {
    const communes = findRecords(await fixture('geo/communes-35-ille-et-vilaine.geojson'));
    expect(communes.records).to.have.length(345);
    expect(names(communes.records)).to.deep.equal(['code', 'nom', 'geometry']);
    const one = findRecords(await fixture('geo/departement-971-guadeloupe.geojson'));
    expect(one.kind).to.equal('geojson');
    expect(one.records).to.have.length(1);
    expect(one.records[0]).to.include({ code: '971', nom: 'Guadeloupe' });
    expect((one.records[0].geometry as { type: string }).type).to.be.oneOf(['Polygon', 'MultiPolygon']);
    const empty = findRecords(await fixture('geo/metropole-version-simplifiee.geojson'));
    expect(names(empty.records)).to.deep.equal(['geometry']);
    const regions = findRecords(await fixture('geo/regions-version-simplifiee.geojson'));
    expect(regions.records).to.have.length(13);
  });

  it('a table schema {fields: [...]}: one record per field', async () => {
    const found = findRecords(await fixture('observatoire/ODF-Observatoire-apiviz_data-schema.json'));
    expect(found.kind).to.equal('schema');
    expect(found.records).to.have.length(20);
    expect(names(found.records)).to.deep.equal(['name', 'title', 'description', 'type', 'constraints', 'format']);
    expect(found.records.map((r) => r.name).slice(-3)).to.deep.equal(['lat', 'lon', 'boolean']);
  });
});

describe('findRecords — shapes and hints', () => {
  it('a bare array of objects is returned as is', () => {
    const doc = [{ a: 1 }, { a: 2, b: 'x' }];
    const found = findRecords(doc);
    expect(found.kind).to.equal('array');
    expect(found.records).to.equal(doc);
  });

  it('skips null items', () => {
    expect(findRecords([{ a: 1 }, null, { a: 2 }]).records).to.deep.equal([{ a: 1 }, { a: 2 }]);
  });

  it('an empty array gives no records (not an error)', () => {
    expect(findRecords([]).records).to.deep.equal([]);
  });

  it('an array of arrays with a header row', () => {
    const found = findRecords([
      ['code', 'nom', 'nom'],
      ['35238', 'Rennes', 'x'],
      ['35288', 'Saint-Malo'],
    ]);
    expect(found.kind).to.equal('rows');
    expect(found.records).to.deep.equal([
      { code: '35238', nom: 'Rennes', nom_2: 'x' },
      { code: '35288', nom: 'Saint-Malo' },
    ]);
  });

  it('an array of arrays without a header row gets numbered columns', () => {
    expect(
      findRecords([
        [1, 2],
        [3, 4],
      ]).records,
    ).to.deep.equal([
      { 1: 1, 2: 2 },
      { 1: 3, 2: 4 },
    ]);
  });

  it('an array of plain values gives a value column', () => {
    expect(findRecords(['a', 'b']).records).to.deep.equal([{ value: 'a' }, { value: 'b' }]);
  });

  it('keeps the feature id when no property is called id, and renames a clashing geometry property', () => {
    const point = { type: 'Point', coordinates: [1, 2] };
    const found = findRecords({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { nom: 'a' }, geometry: point },
        { type: 'Feature', id: 8, properties: { id: 'x', geometry: 'g' }, geometry: null },
        { type: 'Feature', properties: null, geometry: point },
      ],
    });
    expect(found.records).to.deep.equal([
      { id: 7, nom: 'a', geometry: point },
      { id: 'x', geometry: 'g', _geometry: null },
      { geometry: point },
    ]);
  });

  it('an explicit path wins, with numeric indices or brackets', () => {
    const doc = { results: [{ items: [{ a: 1 }, { a: 2 }] }], other: [{ b: 1 }, { b: 2 }, { b: 3 }] };
    expect(findRecords(doc, 'results.0.items').records).to.deep.equal([{ a: 1 }, { a: 2 }]);
    expect(findRecords(doc, 'results[0].items').kind).to.equal('path');
    expect(findRecords(doc, 'other').records).to.have.length(3);
    expect(findRecords(doc).records).to.deep.equal([{ items: [{ a: 1 }, { a: 2 }] }]);
  });

  it('a path to an object looks inside it', () => {
    const doc = {
      payload: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: null }] },
    };
    const found = findRecords(doc, 'payload');
    expect(found.kind).to.equal('geojson');
    expect(found.path).to.equal('payload.features');
  });

  it('a path that does not exist is a config error listing what exists', () => {
    const err = expectError(() => findRecords({ result: { records: [] } }, 'result.rows'), 'config', 'records-path');
    expect(err.details.attribute).to.equal('records');
    expect(err.details.available).to.deep.equal(['records']);
    expectError(() => findRecords({ a: 'text' }, 'a'), 'config', 'records-path');
  });

  it('falls back to the largest array of objects down to depth 3, not deeper', () => {
    const doc = {
      meta: { small: [{ x: 1 }] },
      deep: { a: { b: { list: [{ y: 1 }, { y: 2 }, { y: 3 }] } } },
      level: { two: { list: [{ z: 1 }, { z: 2 }] } },
    };
    const found = findRecords(doc);
    expect(found.kind).to.equal('generic');
    expect(found.path).to.equal('level.two.list');
    expectError(() => findRecords({ a: { b: { c: { d: [{ x: 1 }] } } } }), 'empty', 'no-records');
  });

  it('documents that are not objects or arrays are empty errors', () => {
    for (const doc of ['text', 42, null, { tags: ['a', 'b'] }])
      expectError(() => findRecords(doc), 'empty', 'no-records');
  });

  it('CKAN datastore records as lists (records_format=lists)', () => {
    const doc = {
      success: true,
      result: {
        fields: [
          { id: '_id', type: 'int' },
          { id: 'commune', type: 'text' },
          { id: 'population', type: 'int' },
        ],
        records: [
          [1, 'Rennes', 222485],
          [2, 'Brest', 139926],
        ],
        total: 2,
      },
    };
    expect(findRecords(doc).records).to.deep.equal([
      { commune: 'Rennes', population: 222485 },
      { commune: 'Brest', population: 139926 },
    ]);
  });

  it('Opendatasoft v2.0 records are unwrapped', () => {
    const doc = {
      total_count: 2,
      links: [],
      records: [
        { links: [], record: { id: 'a', fields: { nom: 'x' } } },
        { links: [], record: { id: 'b', fields: { nom: 'y' } } },
      ],
    };
    const found = findRecords(doc);
    expect(found.kind).to.equal('ods-v2');
    expect(found.total).to.equal(2);
    expect(found.records).to.deep.equal([{ nom: 'x' }, { nom: 'y' }]);
  });
});

describe('recordsToColumns', () => {
  it('names in first-seen order over all records, values aligned, missing cells undefined', () => {
    const { names: cols, columns } = recordsToColumns([{ a: 1, b: 2 }, { b: 3, c: 4 }, { a: 5 }]);
    expect(cols).to.deep.equal(['a', 'b', 'c']);
    expect(columns).to.deep.equal([
      [1, undefined, 5],
      [2, 3, undefined],
      [undefined, 4, undefined],
    ]);
    // no holes: every index is set
    expect(columns.every((c) => c.length === 3 && Object.keys(c).length === 3)).to.equal(true);
  });

  it('handles records whose keys come in different orders', () => {
    const { names: cols, columns } = recordsToColumns([
      { a: 1, b: 2 },
      { b: 3, a: 4 },
      { a: 5, b: 6 },
    ]);
    expect(cols).to.deep.equal(['a', 'b']);
    expect(columns).to.deep.equal([
      [1, 4, 5],
      [2, 3, 6],
    ]);
  });

  it('flattens one level of plain objects in place of the parent', () => {
    const { names: cols, columns } = recordsToColumns([
      { id: 1, organization: { name: 'Insee', logo: { url: 'x' } }, n: 1 },
      { id: 2, organization: null, n: 2 },
      { id: 3, organization: { name: 'DGFiP', id: 'o2' }, n: 3 },
    ]);
    expect(cols).to.deep.equal(['id', 'organization.name', 'organization.logo', 'organization.id', 'n']);
    expect(columns[1]).to.deep.equal(['Insee', undefined, 'DGFiP']);
    expect(columns[2][0]).to.deep.equal({ url: 'x' });
    expect(columns[3]).to.deep.equal([undefined, undefined, 'o2']);
  });

  it('keeps geo points, GeoJSON, arrays, mixed columns and clashing names whole', () => {
    const { names: cols } = recordsToColumns([
      {
        geo_point_2d: { lon: -1.6, lat: 48.1 },
        geo_shape: { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: {} },
        geom: { type: 'Polygon', coordinates: [] },
        tags: ['a'],
        mixed: { a: 1 },
        dataset: { id: 'x' },
        'dataset.id': 'y',
        empty: {},
      },
      { mixed: 'text' },
    ]);
    expect(cols).to.deep.equal([
      'geo_point_2d',
      'geo_shape',
      'geom',
      'tags',
      'mixed',
      'dataset',
      'dataset.id',
      'empty',
    ]);
  });

  it(`keeps objects with more than ${MAX_FLATTENED_KEYS} distinct keys whole`, () => {
    const records = Array.from({ length: MAX_FLATTENED_KEYS + 1 }, (_, i) => ({ extras: { [`k${i}`]: i } }));
    expect(recordsToColumns(records).names).to.deep.equal(['extras']);
    expect(recordsToColumns(records.slice(0, MAX_FLATTENED_KEYS)).names).to.have.length(MAX_FLATTENED_KEYS);
  });

  it('does not flatten when asked not to', () => {
    expect(recordsToColumns([{ a: { b: 1 } }], { flatten: false }).names).to.deep.equal(['a']);
  });

  it('turns 200,000 records into columns quickly', () => {
    const n = 200_000;
    const records: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      records[i] = {
        code: String(i).padStart(5, '0'),
        nom: `Commune ${i}`,
        population: i * 3,
        surface: i / 7,
        dep: String(i % 100),
        reg: 'Bretagne',
        actif: i % 2 === 0,
        date: '2024-01-01',
        geo_point_2d: { lat: 48, lon: -1.6 },
        x: i,
        y: -i,
        z: null,
      };
    }
    const t0 = performance.now();
    const { names: cols, columns } = recordsToColumns(records);
    const ms = performance.now() - t0;
    expect(cols).to.have.length(12);
    expect(columns[2][n - 1]).to.equal((n - 1) * 3);
    expect(ms, `${ms.toFixed(0)} ms`).to.be.below(1500);
  });
});

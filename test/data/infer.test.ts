import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import Papa from 'papaparse';
import {
  PLACEHOLDERS,
  TYPE_THRESHOLD,
  asGeometry,
  buildColumn,
  buildColumnFromValues,
  isCodeName,
  isEmptyText,
  parseAs,
  parseBoolean,
  parseDate,
  parseGeoPoint,
  parseNumberFr,
} from '../../src/data/infer.ts';
import { COLUMN_TYPES, NUMERIC_TYPES } from '../../src/data/model.ts';
import { formatCell } from '../../src/format/format.ts';
import type { ColumnData } from '../../src/data/model.ts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const THIN = '\u2009';

function cellText(c: ColumnData, i: number): string {
  return c.text.slice(c.offsets[i], c.offsets[i + 1]);
}

function values(c: ColumnData): number[] {
  return Array.from(c.values ?? []);
}

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, mi, s, ms);

describe('parseNumberFr', () => {
  const cases: [string, number][] = [
    ['40 000,00', 40000],
    ['1 234,5', 1234.5],
    [`1${NBSP}234,5`, 1234.5],
    [`1${NNBSP}234${NNBSP}567,89`, 1234567.89],
    [`1${THIN}234`, 1234],
    ['-12,5', -12.5],
    ['\u22125', -5],
    ['+3', 3],
    ['1.5', 1.5],
    ['10000.0', 10000],
    ['51,6', 51.6],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 234.5', 1234.5],
    ['1,234', 1.234],
    ['1.234', 1.234],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['1 200 €', 1200],
    ['1200€', 1200],
    ['1 200,50 EUR', 1200.5],
    ['12,5 %', 12.5],
    ['12.5%', 12.5],
    ['.5', 0.5],
    ['0012', 12],
    ['-0', 0],
    ['  42  ', 42],
    [`${NBSP}-2.045631${NBSP} `, -2.045631],
    ['12345678901234567890', Number('12345678901234567890')],
    ['0.1', 0.1],
    ['123456789.123456789', Number('123456789.123456789')],
  ];
  for (const [s, v] of cases)
    it(`reads ${JSON.stringify(s)} as ${v}`, () => {
      expect(parseNumberFr(s)).to.equal(v);
    });
  const bad = [
    '',
    ' ',
    'abc',
    '5.',
    '5,',
    '12 5',
    '1 2345',
    '1 23 456',
    '1234 567',
    '1.23.456',
    '12,34,567',
    '1,234.567.8',
    '1,2,3',
    '1.2.3',
    '1,234,5',
    '1.234.5,6.7',
    '--1',
    '1-2',
    '%',
    '€',
    'EUR',
    '1e',
    'e5',
    '1 234e3',
    'Infinity',
    'NaN',
    '0x10',
    '2020-01-01',
    '12/05/2020',
    '1,5 2,5',
  ];
  for (const s of bad)
    it(`rejects ${JSON.stringify(s)}`, () => {
      expect(parseNumberFr(s)).to.satisfy(Number.isNaN);
    });
  it('never returns -0', () => {
    expect(Object.is(parseNumberFr('-0,0'), 0)).to.equal(true);
  });
});

describe('parseDate', () => {
  const cases: [string, number][] = [
    ['30/03/2018', utc(2018, 3, 30)],
    ['1/3/2020', utc(2020, 3, 1)],
    ['01/3/2020', utc(2020, 3, 1)],
    ['30-03-2018', utc(2018, 3, 30)],
    ['30.03.2018', utc(2018, 3, 30)],
    ['2018/06/04', utc(2018, 6, 4)],
    ['2018/6/4', utc(2018, 6, 4)],
    ['2018-03-30', utc(2018, 3, 30)],
    ['2020-01', utc(2020, 1, 1)],
    ['29/02/2020', utc(2020, 2, 29)],
    ['29/02/2000', utc(2000, 2, 29)],
    ['1970/01/01', 0],
    ['0001-01-01', Date.parse('0001-01-01T00:00:00Z')],
    ['2018-03-30T10:00:00+02:00', utc(2018, 3, 30, 8)],
    ['2018-03-30T10:00:00-0130', utc(2018, 3, 30, 11, 30)],
    ['2018-03-30T10:00:00+02', utc(2018, 3, 30, 8)],
    ['2018-03-30T10:00:00Z', utc(2018, 3, 30, 10)],
    ['2021-01-01 12:00:00', utc(2021, 1, 1, 12)],
    ['2021-01-01 12:00', utc(2021, 1, 1, 12)],
    ['2021-01-01T9:05', utc(2021, 1, 1, 9, 5)],
    ['2022-01-04T18:45:18.818+01:00', utc(2022, 1, 4, 17, 45, 18, 818)],
    ['2026-02-22T04:13:34.48', utc(2026, 2, 22, 4, 13, 34, 480)],
    ['30/03/2018 14:30', utc(2018, 3, 30, 14, 30)],
    ['2017/05/22 09:30:04', utc(2017, 5, 22, 9, 30, 4)],
    ['2199-12-31', utc(2199, 12, 31)],
    ['2200-01-01', utc(2200, 1, 1)],
    ['1799-12-31', utc(1799, 12, 31)],
    ['9999-12-31', utc(9999, 12, 31)],
  ];
  for (const [s, v] of cases)
    it(`reads ${JSON.stringify(s)}`, () => {
      expect(parseDate(s)).to.equal(v);
    });
  const bad = [
    '31/02/2020',
    '29/02/2021',
    '29/02/1900',
    '31/04/2020',
    '00/01/2020',
    '01/13/2020',
    '12/31/2020',
    '2020-13-01',
    '2020-00-10',
    '2020-02-30',
    '0000-01-01',
    '2022',
    '20220101',
    '22/03/20',
    '2020-1',
    '2018-01-01_2018-03-31',
    '2017-03-30/2017-05-24',
    '2020-01-01T24:00',
    '2020-01-01T10:60',
    '2020-01-01T10:00:60',
    '2020-01-01T10',
    '2020-01-01x',
    '2020/01-01',
    '01/02-2020',
    '2020-01-011',
    'CP 2017-11-13',
    '2020-01-01T10:00+25:00',
    '1.5',
    '',
  ];
  for (const s of bad)
    it(`rejects ${JSON.stringify(s)}`, () => {
      expect(parseDate(s)).to.satisfy(Number.isNaN);
    });
});

describe('parseBoolean, parseGeoPoint, isEmptyText', () => {
  it('reads the French and English boolean words in any case', () => {
    for (const s of ['oui', 'OUI', 'Oui', 'true', 'TRUE', 'True', 'vrai', 'VRAI', 'yes', 'YES', 't', 'T', '1', ' oui '])
      expect(parseBoolean(s), s).to.equal(true);
    for (const s of ['non', 'NON', 'false', 'False', 'FALSE', 'faux', 'no', 'NO', 'f', 'F', '0'])
      expect(parseBoolean(s), s).to.equal(false);
    for (const s of ['', 'o', 'n', 'x', 'ouii', 'nope', '2', 'truth', 'yes!'])
      expect(parseBoolean(s), s).to.equal(undefined);
  });
  it('reads lat,lon points in their usual spellings', () => {
    expect(parseGeoPoint('48.85, 2.35')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('48.85,2.35')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('48.85;2.35')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('48,85 ; 2,35')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('[48.85, -2.35]')).to.deep.equal({ lat: 48.85, lon: -2.35 });
    expect(parseGeoPoint('(-21.1, 55.5)')).to.deep.equal({ lat: -21.1, lon: 55.5 });
    expect(parseGeoPoint('POINT (2.35 48.85)')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('point(2.35 48.85)')).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(parseGeoPoint('47.89156984600312, -1.9895683290916766')).to.deep.equal({
      lat: 47.89156984600312,
      lon: -1.9895683290916766,
    });
  });
  it('rejects what is not a point in degrees', () => {
    for (const s of [
      '91, 2',
      '45, 181',
      '48.85',
      '48.85 2.35',
      '48,85,2,35',
      'a, b',
      '48.85, 2.35, 3',
      '[48.85, 2.35',
      '',
      '48.85,',
      ',2.35',
    ])
      expect(parseGeoPoint(s), s).to.equal(undefined);
  });
  it('knows the placeholders, and only those', () => {
    for (const s of [
      '',
      '  ',
      NBSP,
      '-',
      '–',
      'n/a',
      'N/A',
      'NA',
      'nd',
      'n.d.',
      'NC',
      's',
      'secret',
      ' NULL ',
      '#N/A',
      '#DIV/0!',
    ])
      expect(isEmptyText(s), s).to.equal(true);
    for (const s of ['0', 'non', 'no', 'x', 'nan-terre', 'Nantes', 'S.A.', 'ndl'])
      expect(isEmptyText(s), s).to.equal(false);
    expect(PLACEHOLDERS.every((p) => p === p.toLowerCase().trim())).to.equal(true);
  });
  it('parses a text as a given column type', () => {
    expect(parseAs('number', '1 234,5')).to.equal(1234.5);
    expect(parseAs('date', '02/01/2020')).to.equal(utc(2020, 1, 2));
    expect(parseAs('boolean', 'Oui')).to.equal(1);
    expect(parseAs('geopoint', '48.5, 2')).to.equal(48.5);
    expect(parseAs('string', '12')).to.satisfy(Number.isNaN);
    expect(parseAs('code', '01004')).to.satisfy(Number.isNaN);
  });
  it('recognises names of code columns', () => {
    for (const n of [
      'siren',
      'SIRET',
      'code_insee',
      'CODGEO',
      'Code postal',
      'cp',
      'depcode',
      'idBeneficiaire',
      'Code Siren Collectivité',
      'UAI',
    ])
      expect(isCodeName(n), n).to.equal(true);
    for (const n of [
      'pop_insee',
      'population',
      'nb_ptf',
      'montant',
      'Montant',
      'lat',
      'PTOT',
      'Nombre_d_eleves',
      'idea',
    ])
      expect(isCodeName(n), n).to.equal(false);
  });
  it('accepts GeoJSON geometries and the geometry of a Feature', () => {
    expect(asGeometry({ type: 'Point', coordinates: [1, 2] })).to.deep.equal({ type: 'Point', coordinates: [1, 2] });
    const g = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(asGeometry({ type: 'Feature', geometry: g, properties: {} })).to.equal(g);
    expect(asGeometry({ type: 'GeometryCollection', geometries: [] })).to.not.equal(undefined);
    for (const v of [
      null,
      1,
      'Point',
      [],
      {},
      { type: 'Point' },
      { type: 'Circle', coordinates: [] },
      { type: 'Feature', geometry: null },
    ])
      expect(asGeometry(v), JSON.stringify(v)).to.equal(undefined);
  });
});

describe('buildColumn', () => {
  const typeCases: [string, string[], string][] = [
    ['nom', ['Rennes', 'Brest', ''], 'string'],
    ['POP_MUN', ['14359', '3646', '8909'], 'integer'],
    ['population', ['1 234', '56 789', '12'], 'integer'],
    ['TX_F', ['51,6', '51,5', '52,9'], 'number'],
    ['mix', ['1,5', '2', '3'], 'number'],
    ['montant', ['40 000,00', '260 000,00', '1 500,00'], 'number'],
    ['euros', ['1 200 €', '300 €', '12,50 €'], 'number'],
    ['float_export', ['10000.0', '12800.0'], 'number'],
    ['sci', ['1.5e-05', '2.25e-3'], 'number'],
    ['BGT_ANNEE', ['2022', '2022', '2021'], 'integer'],
    ['flag', ['0', '1', '1', '0'], 'integer'],
    ['taux', ['12,5 %', '3 %', '100 %'], 'percent'],
    ['taux2', ['12.5%', '0', '7%'], 'percent'],
    ['CODGEO', ['01004', '01031', '35238'], 'code'],
    // A code-named column stays text when a few cells are written like numbers ("78 575").
    ['code_insee', [...Array.from({ length: 60 }, (_, i) => String(35000 + i)), '1053', '78 575'], 'code'],
    ['cp', ['01000', '35000'], 'code'],
    ['DEP', ['01', '35', '974'], 'code'],
    ['depcode', ['2A', '2B', '35', '1'], 'code'],
    ['commune', ['2A004', '35238'], 'code'],
    ['siren', ['213500010', '254002272'], 'code'],
    ['whatever', ['21350001000016', '25400227200011'], 'code'],
    ['code_commune', ['35016', '35238'], 'code'],
    ['COLL_SIRET', ['21860194600000.0', '45032466000000.0'], 'code'],
    ['pop_insee', ['10033', '10047'], 'integer'],
    ['nombre', ['12345', '67890'], 'integer'],
    ['valeur', ['12345678', '87654321'], 'integer'],
    ['one_long', ['123456789'], 'integer'],
    ['date_maj', ['2018/06/04', '1970/01/01', ''], 'date'],
    ['dateConvention', ['30/03/2018', '1/4/2018'], 'date'],
    ['iso', ['2018-03-30T10:00:00+02:00', '2021-01-01 12:00:00'], 'date'],
    ['acces_pmr', ['Oui', 'Non', ''], 'boolean'],
    ['private', ['False', 'True', 'false'], 'boolean'],
    ['vf', ['vrai', 'faux'], 'boolean'],
    ['tf', ['t', 'f', 't'], 'boolean'],
    ['only_f', ['F', 'F', 'F'], 'string'],
    ['sexe', ['F', 'M', 'F'], 'string'],
    ['mixed_bool', ['0', '1', 'TRUE', 'false', 'YES', 'NO', ''], 'boolean'],
    ['geo_point_2d', ['48.84090598651907,2.300280980817689', '48.87, 2.37'], 'geopoint'],
    ['geo_shape', ['{"coordinates": [[2.3, 48.8]], "type": "MultiPoint"}', ''], 'geometry'],
    ['extras', ['{"a": 1}', '{"b": 2}'], 'string'],
    ['vide', ['', '  ', NBSP], 'string'],
    ['tirets', ['-', 'nd', 'NC'], 'string'],
    ['phones', ['02 99 68 06 50', '0299853802'], 'string'],
    ['periode', ['2018-01-01_2018-03-31', '2017-03-30/2017-05-24'], 'string'],
    ['refs', ['CP 2017-11-13', 'CD 2017-06-26'], 'string'],
    ['version', ['1.2.3', '1.2.4'], 'string'],
    ['heure', ['10:30', '11:00'], 'string'],
  ];
  for (const [name, cells, type] of typeCases)
    it(`types ${name} ${JSON.stringify(cells)} as ${type}`, () => {
      expect(buildColumn(name, cells).type).to.equal(type);
    });

  it('keeps the text of every cell as given and fills values with NaN where empty', () => {
    const cells = [' 1 234,5 ', '', '-', `${NBSP}7${NBSP}`, '  '];
    const c = buildColumn('x', cells);
    expect(c.type).to.equal('number');
    cells.forEach((s, i) => expect(cellText(c, i)).to.equal(s));
    expect(values(c)).to.deep.equal([1234.5, NaN, NaN, 7, NaN]);
    expect(c.meta).to.deep.equal({ decimals: 1, invalid: 0, empty: 3 });
  });

  it('applies the 98 % threshold: the rest stays text, NaN, counted as invalid', () => {
    const ok = Array.from({ length: 49 }, (_, i) => String(i));
    const one = buildColumn('n', [...ok, 'voir note']);
    expect(TYPE_THRESHOLD).to.equal(0.98);
    expect(one.type).to.equal('integer');
    expect(one.meta?.invalid).to.equal(1);
    expect(one.values![49]).to.satisfy(Number.isNaN);
    expect(cellText(one, 49)).to.equal('voir note');
    const two = buildColumn('n', [...ok.slice(1), 'voir note', 'idem']);
    expect(two.type).to.equal('string');
    expect(two.values).to.equal(undefined);
  });

  it('eliminates candidates wherever the failures are in a long column', () => {
    const n = 10000;
    const junkFirst = Array.from({ length: n }, (_, i) => (i < 300 ? 'texte' : String(i)));
    expect(buildColumn('a', junkFirst).type).to.equal('string');
    const spread = Array.from({ length: n }, (_, i) => (i % 100 === 7 ? 'texte' : String(i)));
    const c = buildColumn('a', spread);
    expect(c.type).to.equal('integer');
    expect(c.meta?.invalid).to.equal(100);
    expect(c.values![8]).to.equal(8);
    expect(c.values![7]).to.satisfy(Number.isNaN);
  });

  it('does not count placeholders as invalid', () => {
    const c = buildColumn('n', ['12', 'nd', '-', '15', 'secret', 'N/A']);
    expect(c.type).to.equal('integer');
    expect(c.meta).to.deep.equal({ decimals: 0, invalid: 0, empty: 4 });
    expect(values(c)).to.deep.equal([12, NaN, NaN, 15, NaN, NaN]);
  });

  it('counts only blank cells as empty in a string column', () => {
    const c = buildColumn('s', ['a', '', '-', '  ', NBSP, 'b']);
    expect(c.type).to.equal('string');
    expect(c.meta?.empty).to.equal(3);
    const late = buildColumn('s', ['-', '', 'a', ' ', 'b']);
    expect(late.type).to.equal('string');
    expect(late.meta?.empty).to.equal(2);
  });

  it('stores the largest number of decimals', () => {
    expect(buildColumn('x', ['1,5', '2,25', '3']).meta?.decimals).to.equal(2);
    expect(buildColumn('x', ['12,5 %', '3 %']).meta?.decimals).to.equal(1);
    expect(buildColumn('x', ['1.5e-3']).meta?.decimals).to.equal(4);
  });

  it('reads percent values in the unit written, and %-cells in a number column are invalid', () => {
    expect(values(buildColumn('p', ['12,5 %', '0', '100 %']))).to.deep.equal([12.5, 0, 100]);
    const many = [...Array.from({ length: 99 }, (_, i) => String(i)), '5 %'];
    const c = buildColumn('n', many);
    expect(c.type).to.equal('integer');
    expect(c.values![99]).to.satisfy(Number.isNaN);
    expect(c.meta?.invalid).to.equal(1);
  });

  it('stores dates as UTC epoch ms and flags a time of day', () => {
    const d = buildColumn('d', ['30/03/2018', '', '01/01/1970']);
    expect(values(d)).to.deep.equal([utc(2018, 3, 30), NaN, 0]);
    expect(d.meta?.time).to.equal(undefined);
    const t = buildColumn('t', ['2024-12-12T00:00:00', '2025-03-26T09:15:04']);
    expect(t.meta?.time).to.equal(true);
    expect(values(t)).to.deep.equal([utc(2024, 12, 12), utc(2025, 3, 26, 9, 15, 4)]);
    const midnight = buildColumn('t', ['2024-12-12T00:00:00', '2025-03-26T00:00:00']);
    expect(midnight.meta?.time).to.equal(undefined);
    // Midnight in Paris is not a UTC midnight: the column must be shown with its time.
    const zoned = buildColumn('t', ['2018-03-30T00:00:00+02:00', '2018-03-31T00:00:00+02:00']);
    expect(zoned.meta?.time).to.equal(true);
    expect(zoned.values![0]).to.equal(utc(2018, 3, 29, 22));
  });

  it('stores booleans as 1 and 0, including 0/1 among words', () => {
    expect(values(buildColumn('b', ['oui', 'non', '', 'OUI']))).to.deep.equal([1, 0, NaN, 1]);
    expect(values(buildColumn('b', ['0', '1', 'TRUE', 'false']))).to.deep.equal([0, 1, 1, 0]);
  });

  it('stores geo points as lat in values and lon in values2', () => {
    const c = buildColumn('geo_point_2d', ['48.85, 2.35', '', '-21.1,55.5', '48,2']);
    expect(c.type).to.equal('geopoint');
    expect(values(c)).to.deep.equal([48.85, NaN, -21.1, 48]);
    expect(Array.from(c.values2!)).to.deep.equal([2.35, NaN, 55.5, 2]);
  });

  it('keeps GeoJSON geometries written as JSON text', () => {
    const c = buildColumn('geo_shape', ['{"type": "Point", "coordinates": [2.3, 48.8]}', '']);
    expect(c.type).to.equal('geometry');
    expect(c.objects![0]).to.deep.equal({ type: 'Point', coordinates: [2.3, 48.8] });
    expect(c.objects![1]).to.equal(undefined);
    expect(c.values).to.equal(undefined);
  });

  it('gives codes no values and keeps their text', () => {
    const c = buildColumn('CODGEO', ['01004', '', '2A004']);
    expect(c.type).to.equal('code');
    expect(c.values).to.equal(undefined);
    expect(cellText(c, 0)).to.equal('01004');
    expect(cellText(c, 2)).to.equal('2A004');
  });

  it('handles an empty column list and a column of nothing', () => {
    const c = buildColumn('x', []);
    expect(c.type).to.equal('string');
    expect(c.offsets.length).to.equal(1);
    expect(buildColumn('x', ['', '', '']).type).to.equal('string');
  });

  it('does not read past the end of a cell into the next one', () => {
    // Each cell alone is not a number; glued to the next one it would be.
    expect(buildColumn('x', ['1e', '5']).type).to.equal('string');
    expect(buildColumn('x', ['48.5,', '2.3']).type).to.equal('string');
    expect(buildColumn('x', ['2020-01-01T10:', '00']).type).to.equal('string');
    expect(buildColumn('x', ['1 23', '4']).type).to.equal('string');
  });
});

describe('buildColumnFromValues', () => {
  it('types JSON numbers, and mixes numbers with numeric strings', () => {
    expect(buildColumnFromValues('i', [1, 2, 3]).type).to.equal('integer');
    const n = buildColumnFromValues('n', [1, 2.5, '3,5', null]);
    expect(n.type).to.equal('number');
    expect(values(n)).to.deep.equal([1, 2.5, 3.5, NaN]);
    expect(n.meta?.empty).to.equal(1);
  });
  it('takes JSON numbers as they are, with their decimals', () => {
    const c = buildColumnFromValues('n', [1.25, 3, null, 1e-7, NaN]);
    expect(c.type).to.equal('number');
    expect(values(c)).to.deep.equal([1.25, 3, NaN, 1e-7, NaN]);
    expect(c.meta).to.deep.equal({ invalid: 0, empty: 2, decimals: 7 });
    expect(cellText(c, 0)).to.equal('1.25');
    expect(cellText(c, 4)).to.equal('');
    const i = buildColumnFromValues('i', [10, -2, undefined]);
    expect(i.type).to.equal('integer');
    expect(i.meta?.decimals).to.equal(0);
    expect(buildColumnFromValues('x', [NaN, null]).type).to.equal('string');
  });
  it('never makes a code column out of JSON numbers', () => {
    expect(buildColumnFromValues('siren', [213500010, 254002272]).type).to.equal('integer');
    expect(buildColumnFromValues('CODGEO', ['01004', '01005']).type).to.equal('code');
  });
  it('types booleans and boolean strings', () => {
    expect(values(buildColumnFromValues('b', [true, false, null]))).to.deep.equal([1, 0, NaN]);
    expect(buildColumnFromValues('archived', ['False', 'True']).type).to.equal('boolean');
  });
  it('types {lat, lon} objects as geopoints, in any key order', () => {
    const c = buildColumnFromValues('pos', [{ lat: 48.8, lon: 2.3 }, { lon: 1, lat: 2 }, null, '47.5, -1.5']);
    expect(c.type).to.equal('geopoint');
    expect(values(c)).to.deep.equal([48.8, 2, NaN, 47.5]);
    expect(Array.from(c.values2!)).to.deep.equal([2.3, 1, NaN, -1.5]);
    expect(cellText(c, 0)).to.equal('48.8,2.3');
  });
  it('reads [lat, lon] arrays as points only in a geo_point column', () => {
    const c = buildColumnFromValues('geo_point_2d', [
      [48.8483316153724, 2.260533615073436],
      [48.87, 2.39],
    ]);
    expect(c.type).to.equal('geopoint');
    expect(values(c)).to.deep.equal([48.8483316153724, 48.87]);
    expect(buildColumnFromValues('pair', [[48.8, 2.3]]).type).to.equal('json');
  });
  it('keeps GeoJSON geometries as objects, with an empty text', () => {
    const g = { type: 'MultiPoint', coordinates: [[2.26, 48.84]] };
    const c = buildColumnFromValues('geo_shape', [g, null]);
    expect(c.type).to.equal('geometry');
    expect(c.objects![0]).to.equal(g);
    expect(c.text).to.equal('');
    const f = buildColumnFromValues('geo_shape', [{ type: 'Feature', geometry: g, properties: {} }]);
    expect(f.type).to.equal('geometry');
    expect(f.objects![0]).to.equal(g);
  });
  it('keeps other objects and arrays as json with their JSON text', () => {
    const o = { dcat: { accessRights: ['x'] } };
    const c = buildColumnFromValues('extras', [o, [1, 2], 'texte', null]);
    expect(c.type).to.equal('json');
    expect(c.objects![0]).to.equal(o);
    expect(cellText(c, 0)).to.equal(JSON.stringify(o));
    expect(cellText(c, 1)).to.equal('[1,2]');
    expect(cellText(c, 2)).to.equal('texte');
    expect(cellText(c, 3)).to.equal('');
  });
  it('types ISO strings and Date objects as dates', () => {
    const c = buildColumnFromValues('d', [new Date(0), '2020-01-01', '2017-05-22T00:00:00']);
    expect(c.type).to.equal('date');
    expect(values(c)).to.deep.equal([0, utc(2020, 1, 1), utc(2017, 5, 22)]);
  });
  it('survives hostile values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const throwing = {
      get lat(): number {
        throw new Error('no');
      },
    };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const vs of [
      [cyclic],
      [throwing],
      [revoked.proxy],
      [10n, 2n],
      [Symbol('s'), () => 1],
      [NaN, Infinity],
      [new Date(NaN)],
    ]) {
      const c = buildColumnFromValues('x', vs as unknown[]);
      expect(c.offsets.length).to.equal(vs.length + 1);
    }
  });
});

describe('inference on real files', () => {
  async function load(path: string, delimiter?: string): Promise<Map<string, ColumnData>> {
    const bytes = await (await fetch(new URL(`../fixtures/${path}`, import.meta.url))).arrayBuffer();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true, delimiter });
    const [head, ...rows] = parsed.data;
    return new Map(
      head.map((h, j) => [
        h,
        buildColumn(
          h,
          rows.map((r) => r[j] ?? ''),
        ),
      ]),
    );
  }
  function types(cols: Map<string, ColumnData>, names: string[]): string[] {
    return names.map((n) => `${n}:${cols.get(n)?.type}`);
  }

  it('CAF communes: codes, counts, decimal commas', async () => {
    const c = await load('messy/caf_data_DEMO_2020_V1_COM.csv');
    expect(types(c, ['CODGEO', 'POP_MUN', 'TX_F', 'NOTE_CNAF'])).to.deep.equal([
      'CODGEO:code',
      'POP_MUN:integer',
      'TX_F:number',
      'NOTE_CNAF:integer',
    ]);
    expect(c.get('TX_F')!.values![0]).to.equal(51.6);
  });
  it('INSEE populations: département and commune codes stay text', async () => {
    const c = await load('messy/insee_donnees_communes_population.csv');
    expect(types(c, ['REG', 'DEP', 'COM', 'CODCOM', 'PMUN', 'Commune'])).to.deep.equal([
      'REG:integer',
      'DEP:code',
      'COM:code',
      'CODCOM:code',
      'PMUN:integer',
      'Commune:string',
    ]);
  });
  it('IRVE 2018: padded coordinates and yyyy/mm/dd dates', async () => {
    const c = await load('messy/bornes-IRVE-consolidation-2018.csv');
    expect(types(c, ['Xlongitude', 'Ylatitude', 'date_maj', 'n_station'])).to.deep.equal([
      'Xlongitude:number',
      'Ylatitude:number',
      'date_maj:date',
      'n_station:string',
    ]);
    expect(c.get('date_maj')!.values![0]).to.equal(utc(2018, 6, 4));
  });
  it('Observatoire: SIREN, Corsican départements, lat/lon, mixed booleans', async () => {
    const c = await load('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    expect(types(c, ['siren', 'depcode', 'nb_ptf', 'pop_insee', 'lat', 'lon', 'boolean'])).to.deep.equal([
      'siren:code',
      'depcode:code',
      'nb_ptf:integer',
      'pop_insee:integer',
      'lat:number',
      'lon:number',
      'boolean:boolean',
    ]);
  });
  it('SCDL budget: year, SIRET, amounts, chapter codes', async () => {
    const c = await load('scdl/budget/CA_2021_commune_crach_21560046100010.csv');
    expect(types(c, ['BGT_ANNEE', 'BGT_SIRET', 'BGT_CONTNAT', 'BGT_MTREAL', 'BGT_NOM'])).to.deep.equal([
      'BGT_ANNEE:integer',
      'BGT_SIRET:code',
      'BGT_CONTNAT:code',
      'BGT_MTREAL:number',
      'BGT_NOM:string',
    ]);
  });
  it('SCDL subventions in Windows-1252 with "40 000,00" amounts', async () => {
    const c = await load('scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv');
    expect(types(c, ['idAttribuant', 'dateConvention', 'montant', 'notificationUE'])).to.deep.equal([
      'idAttribuant:code',
      'dateConvention:date',
      'montant:number',
      'notificationUE:boolean',
    ]);
    expect(c.get('montant')!.values![0]).to.equal(40000);
  });
  it('Opendatasoft exports: geo_point_2d, geo_shape, postcodes, Lambert coordinates', async () => {
    const s = await load('api-responses/opendatasoft/exports_csv_paris_sanisettes.csv');
    expect(types(s, ['geo_point_2d', 'geo_shape', 'ACCES_PMR'])).to.deep.equal([
      'geo_point_2d:geopoint',
      'geo_shape:geometry',
      'ACCES_PMR:boolean',
    ]);
    const c = await load('api-responses/opendatasoft/exports_csv_education_geolocalisation_colleges35.csv');
    expect(types(c, ['Code postal', 'Coordonnee X', 'Latitude', 'Position', 'date_ouverture'])).to.deep.equal([
      'Code postal:code',
      'Coordonnee X:number',
      'Latitude:number',
      'Position:geopoint',
      'date_ouverture:date',
    ]);
  });
  it('data.gouv.fr catalogue: Python booleans and ISO date-times', async () => {
    const c = await load('api-responses/datagouv/catalog_export_datagouv_resources_sample.csv');
    expect(types(c, ['dataset.private', 'created_at', 'downloads', 'id'])).to.deep.equal([
      'dataset.private:boolean',
      'created_at:date',
      'downloads:integer',
      'id:string',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const frNumber = fc
  .tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }))
  .map(([m, k]) =>
    new Intl.NumberFormat('fr-FR', { minimumFractionDigits: k, maximumFractionDigits: k }).format(m / 10 ** k),
  );
const validDate = fc.date({
  min: new Date(Date.UTC(1000, 0, 1)),
  max: new Date(Date.UTC(9999, 11, 31)),
  noInvalidDate: true,
});
const two = (n: number) => String(n).padStart(2, '0');
const frDate = validDate.map((d) => `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);
const code = fc.integer({ min: 0, max: 99999 }).map((n) => String(n).padStart(5, '0'));
const noisy = fc.constantFrom(
  '',
  ' ',
  NBSP,
  '-',
  'nd',
  'NC',
  'oui',
  'non',
  '2A',
  '12,5 %',
  '{',
  '{"type":"Point"}',
  '1e',
  'POINT (',
  '[',
);
const anyCell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...'0123456789 ,.-+e%€/:T'.split(''), NBSP, NNBSP) }),
  frNumber,
  frDate,
  code,
  noisy,
);

describe('properties', () => {
  it('buildColumn never throws, keeps the row count and the text exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(anyCell, { maxLength: 60 }), (name, cells) => {
        const c = buildColumn(name, cells);
        expect(c.offsets.length).to.equal(cells.length + 1);
        cells.forEach((s, i) => expect(cellText(c, i)).to.equal(s));
        expect(COLUMN_TYPES).to.include(c.type);
        if (NUMERIC_TYPES.has(c.type)) expect(c.values!.length).to.equal(cells.length);
        const { invalid = 0, empty = 0 } = c.meta ?? {};
        expect(invalid + empty).to.be.at.most(cells.length);
        if (c.type !== 'string') expect(invalid).to.be.at.most((cells.length - empty) * (1 - TYPE_THRESHOLD) + 1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it('a typed column has a value for exactly the cells that parse', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(frNumber, noisy), { minLength: 1, maxLength: 40 }), (cells) => {
        const c = buildColumn('x', cells);
        if (c.type !== 'integer' && c.type !== 'number') return;
        cells.forEach((s, i) => {
          const v = parseNumberFr(s);
          expect(Object.is(c.values![i], v) || (Number.isNaN(v) && Number.isNaN(c.values![i])), s).to.equal(true);
        });
      }),
    );
  });

  it('buildColumnFromValues never throws on any JSON-like values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything({ withBigInt: true, withDate: true, withMap: true, withTypedArray: true })),
        (vs) => {
          const c = buildColumnFromValues('x', vs);
          expect(c.offsets.length).to.equal(vs.length + 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers written by Intl.NumberFormat("fr-FR") parse back to the same value', () => {
    fc.assert(
      fc.property(
        // Up to 15 significant digits: the double nearest to m / 10^k prints as exactly those digits.
        fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }),
        fc.integer({ min: 0, max: 6 }),
        (m, k) => {
          const v = m / 10 ** k;
          const s = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: k, maximumFractionDigits: k }).format(v);
          expect(parseNumberFr(s), s).to.equal(v);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('fr-FR percents and euros parse back too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (p) => {
        const pct = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(p / 1000);
        expect(parseNumberFr(pct), pct).to.equal(p / 10);
        const eur = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(p / 100);
        expect(parseNumberFr(eur), eur).to.equal(p / 100);
      }),
    );
  });

  it('a column of fr-FR numbers is numeric with the same values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (pairs) => {
          const nums = pairs.map(([m, k]) => m / 10 ** k);
          const cells = pairs.map(([m, k]) =>
            new Intl.NumberFormat('fr-FR', { minimumFractionDigits: k, maximumFractionDigits: k }).format(m / 10 ** k),
          );
          const c = buildColumn('montant', cells);
          expect(['integer', 'number']).to.include(c.type);
          expect(values(c)).to.deep.equal(nums);
          expect(c.type === 'integer').to.equal(pairs.every(([, k]) => k === 0));
        },
      ),
    );
  });

  it('dd/mm/yyyy and ISO renderings of valid dates parse back to the same epoch', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        const fr = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
        expect(parseDate(fr), fr).to.equal(day);
        const short = `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
        expect(parseDate(short), short).to.equal(day);
        expect(parseDate(d.toISOString()), d.toISOString()).to.equal(d.getTime());
        expect(parseDate(d.toISOString().slice(0, 10))).to.equal(day);
      }),
      { numRuns: 1000 },
    );
  });

  it('a column of dd/mm/yyyy dates is a date column with the same epochs', () => {
    fc.assert(
      fc.property(fc.array(validDate, { minLength: 1, maxLength: 40 }), (dates) => {
        const cells = dates.map((d) => `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`);
        const c = buildColumn('date', cells);
        expect(c.type).to.equal('date');
        expect(values(c)).to.deep.equal(
          dates.map((d) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
        );
      }),
    );
  });

  it('impossible day-month pairs never parse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 99 }),
        (y, m, d) => {
          const real = new Date(Date.UTC(2000, m - 1, d)).getUTCMonth() === m - 1 && d <= 31;
          const leapOk = m !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
          const s = `${two(d)}/${two(m)}/${String(y).padStart(4, '0')}`;
          expect(Number.isNaN(parseDate(s)), s).to.equal(!(real && leapOk));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('digit codes with a leading zero stay codes', () => {
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 99 }), (codes, n) => {
        const cells = [...codes, `0${String(n).padStart(4, '0')}`];
        expect(buildColumn('x', cells).type).to.equal('code');
      }),
    );
  });
});

describe('year columns', () => {
  it('marks an integer column named like a year, with every value from 1000 to 2999', () => {
    for (const name of ['BGT_ANNEE', 'Exercice', 'année', 'fiscalYear', 'EXER'])
      expect(buildColumn(name, ['2021', '2022', '', '1999']).meta?.year, name).to.equal(true);
    expect(buildColumnFromValues('annee', [2021, 2022, null]).meta?.year).to.equal(true);
    // Not years: another name, a value out of range, decimals, text.
    expect(buildColumn('montant', ['2021', '2022']).meta?.year).to.equal(undefined);
    expect(buildColumn('annee', ['2021', '12']).meta?.year).to.equal(undefined);
    expect(buildColumn('annee', ['2021.5', '2022']).meta?.year).to.equal(undefined);
    expect(buildColumn('annee', ['2021', '2022']).type).to.equal('integer');
  });

  it('writes years without grouping, other integers with it', () => {
    const year = buildColumn('BGT_ANNEE', ['2021']);
    const count = buildColumn('population', ['2021']);
    const o = { yes: 'oui', no: 'non' };
    expect(formatCell('fr', '2021', 2021, { type: 'integer', meta: year.meta, ...o })).to.equal('2021');
    expect(formatCell('en', '2021', 2021, { type: 'integer', meta: year.meta, ...o })).to.equal('2021');
    expect(formatCell('en', '2021', 2021, { type: 'integer', meta: count.meta, ...o })).to.equal('2,021');
  });
});

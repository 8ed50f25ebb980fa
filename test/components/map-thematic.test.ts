/**
 * The pure thematic helpers of <vitrine-map>: code normalisation, joins of tables to GeoJSON
 * areas (on real fixtures), class breaks, palettes, legend labels and text contrast.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Table } from '../../src/data/model.ts';
import { parseBytes, parseText, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';
import { loadStrings } from '../../src/i18n/localize.ts';
import {
  aggregateByCode,
  CATEGORICAL,
  categoryColors,
  classBreaks,
  classOf,
  contrastText,
  featureCode,
  featureProperty,
  joinAreas,
  legendRanges,
  normalizeCode,
  OTHER_COLOR,
  relativeLuminance,
  SEQUENTIAL,
  sequentialColors,
  type AreaFeature,
} from '../../src/components/map/thematic.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

interface FeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

async function geojson(path: string): Promise<FeatureCollection> {
  const res = await fetch(`/test/fixtures/${path}`);
  if (!res.ok) throw new Error(`cannot fetch ${path}: ${res.status}`);
  return (await res.json()) as FeatureCollection;
}

async function csvTable(path: string): Promise<Table> {
  const res = await fetch(`/test/fixtures/${path}`);
  if (!res.ok) throw new Error(`cannot fetch ${path}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return new Table(parseBytes(bytes, { url: `/test/fixtures/${path}` }).table);
}

function col(table: Table, name: string): number {
  const c = table.column(name);
  expect(c, `column "${name}" among ${table.columns.map((x) => x.name).join(', ')}`).to.not.equal(undefined);
  return c!.index;
}

/** WCAG contrast ratio of two relative luminances. */
function ratio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

describe('normalizeCode', () => {
  const cases: [unknown, string][] = [
    ['01004', '1004'],
    ['1004', '1004'],
    ['035', '35'],
    ['35', '35'],
    ['00035', '35'],
    [35, '35'],
    [35.0, '35'],
    [1004, '1004'],
    ['35.0', '35'],
    ['35,0', '35'],
    ['2A', '2A'],
    ['2a', '2A'],
    ['2B', '2B'],
    ['2b', '2B'],
    ['2A004', '2A004'],
    ['2a004', '2A004'],
    ['02A', '2A'],
    ['20A', '20A'],
    ['\u00a035\u00a0', '35'],
    ['35\u00a0238', '35238'],
    ['35\u202f238', '35238'],
    [' 78 160 ', '78160'],
    ['\t75056\r\n', '75056'],
    ['971', '971'],
    ['0', '0'],
    ['000', '0'],
    [0, '0'],
    ['6.09447', '6.09447'],
    ['fr-bre', 'FR-BRE'],
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
    [NaN, ''],
    [Infinity, ''],
    [true, ''],
    [{ code: '35' }, ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input) ?? String(input)} → "${expected}"`, () => {
      expect(normalizeCode(input)).to.equal(expected);
    });
  }

  it('gives the same code with or without leading zeros, as text or number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 4 }), (n, zeros) => {
        const padded = '0'.repeat(zeros) + String(n);
        expect(normalizeCode(padded)).to.equal(String(n));
        expect(normalizeCode(n)).to.equal(String(n));
      }),
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0 ]{0,3}2?[0-9aAbB]{1,5}([.,]0+)?$/)), (s) => {
        const once = normalizeCode(s);
        expect(normalizeCode(once)).to.equal(once);
      }),
    );
  });
});

describe('featureProperty / featureCode', () => {
  const feature: AreaFeature = {
    type: 'Feature',
    properties: { Code_INSEE: '01004', Département: '01', code: '35' },
    geometry: null,
  };

  it('prefers the exact property name', () => {
    expect(featureProperty(feature, 'code')).to.equal('35');
    expect(featureProperty(feature, 'Code_INSEE')).to.equal('01004');
  });

  it('matches the name ignoring case, accents and separators', () => {
    expect(featureProperty(feature, 'code insee')).to.equal('01004');
    expect(featureProperty(feature, 'CODE-INSEE')).to.equal('01004');
    expect(featureProperty(feature, 'departement')).to.equal('01');
    expect(featureCode(feature, 'code_insee')).to.equal('1004');
  });

  it('returns undefined or "" without properties or without the name', () => {
    expect(featureProperty(feature, 'nom')).to.equal(undefined);
    expect(featureProperty({ type: 'Feature', properties: null, geometry: null }, 'code')).to.equal(undefined);
    expect(featureCode({ type: 'Feature', properties: null, geometry: null }, 'code')).to.equal('');
    expect(featureCode(undefined, 'code')).to.equal('');
  });
});

describe('joinAreas and aggregateByCode: observatory × départements', () => {
  // Expected numbers computed independently with Python 3 (csv.DictReader(..., delimiter=';') on
  // the observatory CSV, json.load on the GeoJSON, codes compared after stripping leading zeros):
  //   891 rows, 101 distinct depcode values, written without leading zeros ("1", "5", "2A");
  //   rows per code: 35 → 30, 2A → 5, 2B → 1, 75 → 13, 1 (Ain, "01" in the GeoJSON) → 3;
  //   96 GeoJSON features (property "code": "01"…"95", "2A", "2B"), 94 with at least one row,
  //   none for 48 and 61; 17 rows in codes absent from the GeoJSON (971, 972, 973, 974, 976,
  //   987, 988) at rows 56, 61, 314, 406, 411, 419, 457, 516, 517, 588, 592, 623, 644, 645, 646,
  //   696, 812; 94 codes held by more than one row (only 8, 43, 23, 32, 976, 972, 2B have one);
  //   first row of 35 is 0 (ACIGNE), of 75 is 19 (AIRPARIF), of 2A is 18 (AGENCE DE TOURISME DE
  //   LA CORSE); sum of nb_ptf (empty cells skipped): 35 → 562, 2A → 228, 75 → 751, 1 → 39, all → 15906.
  let departements: FeatureCollection;
  let table: Table;
  let depcode: number;

  before(async () => {
    departements = await geojson('geo/departements-version-simplifiee.geojson');
    table = await csvTable('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    depcode = col(table, 'depcode');
  });

  it('reads the fixtures as expected', () => {
    expect(departements.features).to.have.length(96);
    expect(Object.keys(departements.features[0].properties!)).to.deep.equal(['code', 'nom']);
    expect(departements.features[0].properties!.code).to.equal('01');
    expect(table.rowCount).to.equal(891);
  });

  it('counts the authorities per département', () => {
    const agg = aggregateByCode(table, depcode);
    expect(agg.size).to.equal(101);
    expect(agg.get('35')!.count).to.equal(30);
    expect(agg.get('2A')!.count).to.equal(5);
    expect(agg.get('2B')!.count).to.equal(1);
    expect(agg.get('75')!.count).to.equal(13);
    expect(agg.get(normalizeCode('01'))!.count).to.equal(3);
    expect(agg.get('35')!.rows[0]).to.equal(0);
    expect([...agg.values()].reduce((s, a) => s + a.count, 0)).to.equal(891);
    expect(agg.get('35')!.sum).to.equal(0);

    const counts = departements.features.map((f) => agg.get(featureCode(f, 'code'))?.count ?? 0);
    expect(counts.filter((c) => c > 0)).to.have.length(94);
    const without = departements.features.filter((_, i) => counts[i] === 0).map((f) => f.properties!.code);
    expect(without).to.deep.equal(['48', '61']);
    const byCode = new Map(departements.features.map((f, i) => [f.properties!.code, counts[i]]));
    expect(byCode.get('01')).to.equal(3);
    expect(byCode.get('2A')).to.equal(5);
    expect(byCode.get('2B')).to.equal(1);
    expect(byCode.get('35')).to.equal(30);
    expect(byCode.get('75')).to.equal(13);
  });

  it('sums a numeric column per département', () => {
    const nbPtf = col(table, 'nb_ptf');
    expect(table.columns[nbPtf].type).to.equal('integer');
    const agg = aggregateByCode(table, depcode, nbPtf);
    expect(agg.get('35')!.sum).to.equal(562);
    expect(agg.get('2A')!.sum).to.equal(228);
    expect(agg.get('75')!.sum).to.equal(751);
    expect(agg.get('1')!.sum).to.equal(39);
    expect([...agg.values()].reduce((s, a) => s + a.sum, 0)).to.equal(15906);
    expect(agg.get('35')!.valued).to.be.at.most(30);
  });

  it('joins the first row of each code to the départements and reports the rest', () => {
    const join = joinAreas(departements.features, 'code', table, depcode);
    const nom = col(table, 'nom');
    const rowOfCode = (code: string) => join.rowOf[departements.features.findIndex((f) => f.properties!.code === code)];
    expect(join.rowOf).to.have.length(96);
    expect(rowOfCode('35')).to.equal(0);
    expect(table.text(rowOfCode('35'), nom)).to.equal('ACIGNE');
    expect(table.text(rowOfCode('75'), nom)).to.equal('AIRPARIF');
    expect(table.text(rowOfCode('2A'), nom)).to.equal('AGENCE DE TOURISME DE LA CORSE');
    expect(table.text(rowOfCode('01'), depcode)).to.equal('1');
    expect(join.unmatchedFeatures.map((i) => departements.features[i].properties!.code)).to.deep.equal(['48', '61']);
    expect(rowOfCode('48')).to.equal(-1);
    expect(join.unmatchedRows).to.deep.equal([
      56, 61, 314, 406, 411, 419, 457, 516, 517, 588, 592, 623, 644, 645, 646, 696, 812,
    ]);
    expect(new Set(join.unmatchedRows.map((r) => table.text(r, depcode)))).to.deep.equal(
      new Set(['971', '972', '973', '974', '976', '987', '988']),
    );
    expect(join.duplicates).to.have.length(94);
    expect(join.duplicates).to.include.members(['35', '2A', '75', '1']);
    expect(join.duplicates).to.not.include('2B');
  });

  it('finds the area property whatever its case', () => {
    const join = joinAreas(departements.features, 'CODE', table, depcode);
    expect(join.unmatchedFeatures).to.have.length(2);
  });
});

describe('joinAreas: communes of Ille-et-Vilaine', () => {
  let communes: FeatureCollection;
  let codes: string[];

  before(async () => {
    communes = await geojson('geo/communes-35-ille-et-vilaine.geojson');
    codes = communes.features.map((f) => f.properties!.code as string);
  });

  it('has 345 communes with distinct 5-character INSEE codes', () => {
    expect(codes).to.have.length(345);
    expect(new Set(codes).size).to.equal(345);
    expect(codes.every((c) => /^35\d{3}$/.test(c))).to.equal(true);
  });

  it('matches codes written with leading zeros, inner (NBSP) spaces, in another order', () => {
    // The GeoJSON's own codes, reversed, written three ways, plus a repeated code, an empty one and an unknown one.
    const written = codes
      .map((c, i) => (i % 3 === 0 ? `0${c}` : i % 3 === 1 ? `${c.slice(0, 2)}\u00a0${c.slice(2)}` : ` ${c} `))
      .map((c, i) => `${c};${i}`)
      .reverse();
    const csv = ['Code INSEE;feature', ...written, `${codes[5]};dup`, `;empty`, `99999;unknown`].join('\n');
    const table = new Table(parseText(csv, { delimiter: ';' }).table);
    expect(table.rowCount).to.equal(348);
    const code = col(table, 'Code INSEE');
    const feature = col(table, 'feature');
    const join = joinAreas(communes.features, 'code', table, code);
    expect(join.unmatchedFeatures).to.deep.equal([]);
    for (let i = 0; i < codes.length; i++) {
      expect(join.rowOf[i], codes[i]).to.equal(344 - i);
      expect(table.text(join.rowOf[i], feature)).to.equal(String(i));
    }
    expect(join.duplicates).to.deep.equal([codes[5]]);
    expect(join.unmatchedRows).to.deep.equal([346, 347]);
  });

  it('matches codes held as JSON numbers', () => {
    const records = codes.map((c, i) => ({ insee: Number(c), rang: i }));
    const table = new Table(parseText(JSON.stringify(records)).table);
    const join = joinAreas(communes.features, 'code', table, col(table, 'insee'));
    expect(join.unmatchedFeatures).to.deep.equal([]);
    expect(Array.from(join.rowOf)).to.deep.equal(codes.map((_, i) => i));
  });

  it('joins the CAF commune indicators: 3 communes of the département are in that file', async () => {
    // Python: of the 791 CODGEO values (all distinct; some are several codes run together),
    // 3 are communes of the GeoJSON: 35236 Redon, 35238 Rennes (POP_MUN 211373), 35288 Saint-Malo.
    const table = await csvTable('messy/caf_data_DEMO_2020_V1_COM.csv');
    expect(table.rowCount).to.equal(791);
    const join = joinAreas(communes.features, 'code', table, col(table, 'CODGEO'));
    const matched = communes.features
      .map((f, i) => [f.properties!.code, join.rowOf[i]] as const)
      .filter(([, r]) => r >= 0);
    expect(matched.map(([c]) => c).sort()).to.deep.equal(['35236', '35238', '35288']);
    const rennes = matched.find(([c]) => c === '35238')![1];
    expect(table.text(rennes, col(table, 'POP_MUN'))).to.equal('211373');
    expect(join.unmatchedFeatures).to.have.length(342);
    expect(join.unmatchedRows).to.have.length(788);
    expect(join.duplicates).to.deep.equal([]);
  });
});

describe('classBreaks and classOf', () => {
  it('is empty without finite values', () => {
    expect(classBreaks([])).to.deep.equal([]);
    expect(classBreaks([NaN, Infinity, -Infinity])).to.deep.equal([]);
    expect(classOf(3, [])).to.equal(-1);
  });

  it('gives fewer classes when there are fewer distinct values', () => {
    expect(classBreaks([5, 5, 5])).to.deep.equal([5]);
    expect(classBreaks([1, 3, 3, 7, NaN])).to.deep.equal([1, 3, 7]);
    expect(classBreaks([1, 2, 3, 4, 5, 6], 1)).to.deep.equal([1]);
  });

  it('cuts evenly spread values into quantiles', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    expect(classBreaks(values)).to.deep.equal([0, 200, 400, 600, 800]);
    expect(classBreaks(values, 4)).to.deep.equal([0, 300, 500, 800]);
  });

  it('gives a much repeated value (0) its own class and shares the rest', () => {
    const values = [...Array<number>(90).fill(0), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const breaks = classBreaks(values);
    expect(breaks).to.have.length(5);
    expect(breaks.slice(0, 2)).to.deep.equal([0, 1]);
    expect(values.filter((v) => classOf(v, breaks) === 0)).to.have.length(90);
  });

  it('rounds bounds to nice numbers on skewed data', () => {
    // Counts spread over orders of magnitude, like authorities or datasets per area.
    const values = Array.from({ length: 200 }, (_, i) => Math.round(1.04 ** i * 3 + (i % 7)));
    const breaks = classBreaks(values);
    expect(breaks).to.have.length(5);
    for (const b of breaks) expect(Number(b.toPrecision(1)), String(breaks)).to.equal(b);
  });

  it('rounds the observatory counts per département to nice numbers', async () => {
    const table = await csvTable('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    const counts = [...aggregateByCode(table, col(table, 'depcode')).values()].map((a) => a.count);
    const breaks = classBreaks(counts);
    expect(breaks).to.have.length(5);
    for (const b of breaks)
      expect(Number.isInteger(b) && b.toString().replace(/0+$/, '').length <= 2, String(breaks)).to.equal(true);
    for (let c = 0; c < 5; c++) expect(counts.some((v) => classOf(v, breaks) === c)).to.equal(true);
  });

  it('places values by lower bound, below the first bound in class 0, NaN in -1', () => {
    const breaks = [0, 10, 50, 100, 500];
    expect(classOf(-3, breaks)).to.equal(0);
    expect(classOf(0, breaks)).to.equal(0);
    expect(classOf(9.99, breaks)).to.equal(0);
    expect(classOf(10, breaks)).to.equal(1);
    expect(classOf(49, breaks)).to.equal(1);
    expect(classOf(50, breaks)).to.equal(2);
    expect(classOf(500, breaks)).to.equal(4);
    expect(classOf(1e9, breaks)).to.equal(4);
    expect(classOf(Infinity, breaks)).to.equal(4);
    expect(classOf(NaN, breaks)).to.equal(-1);
  });

  it('keeps bounds sorted, unique, and every class non-empty (property)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom(0, 0, 0, 1, NaN),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), (values, classes) => {
        const breaks = classBreaks(values, classes);
        const finite = values.filter((v) => Number.isFinite(v));
        const distinct = new Set(finite.map((v) => (v === 0 ? 0 : v))).size;
        expect(breaks).to.have.length(Math.min(classes, distinct));
        for (const b of breaks) expect(Number.isFinite(b)).to.equal(true);
        for (let i = 1; i < breaks.length; i++) expect(breaks[i]).to.be.greaterThan(breaks[i - 1]);
        if (finite.length) expect(breaks[0]).to.be.at.most(Math.min(...finite));
        const perClass = new Array<number>(breaks.length).fill(0);
        for (const v of finite) {
          const c = classOf(v, breaks);
          expect(c).to.be.within(0, breaks.length - 1);
          perClass[c]++;
        }
        for (const n of perClass) expect(n).to.be.greaterThan(0);
        expect(classOf(NaN, breaks)).to.equal(-1);
      }),
      { numRuns: 500 },
    );
  });

  it('classOf is monotone (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        (values, a, b) => {
          const breaks = classBreaks(values);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(classOf(lo, breaks)).to.be.at.most(classOf(hi, breaks));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('palettes', () => {
  it('SEQUENTIAL goes from light to dark in 5 to 7 hex colours', () => {
    expect(SEQUENTIAL.length).to.be.within(5, 7);
    for (const c of SEQUENTIAL) expect(c).to.match(/^#[0-9a-f]{6}$/i);
    for (let i = 1; i < SEQUENTIAL.length; i++)
      expect(relativeLuminance(SEQUENTIAL[i])).to.be.lessThan(relativeLuminance(SEQUENTIAL[i - 1]));
  });

  it('sequentialColors picks n colours spread from lightest to darkest', () => {
    expect(sequentialColors(0)).to.deep.equal([]);
    expect(sequentialColors(1)).to.have.length(1);
    for (let n = 2; n <= SEQUENTIAL.length; n++) {
      const colors = sequentialColors(n);
      expect(colors).to.have.length(n);
      expect(new Set(colors).size).to.equal(n);
      expect(colors[0]).to.equal(SEQUENTIAL[0]);
      expect(colors[n - 1]).to.equal(SEQUENTIAL[SEQUENTIAL.length - 1]);
      const at = colors.map((c) => SEQUENTIAL.indexOf(c));
      for (let i = 1; i < n; i++) expect(at[i]).to.be.greaterThan(at[i - 1]);
    }
    expect(sequentialColors(12)).to.deep.equal([...SEQUENTIAL]);
  });

  it('CATEGORICAL is the Okabe–Ito palette', () => {
    expect(CATEGORICAL.map((c) => c.toUpperCase())).to.have.members([
      '#000000',
      '#E69F00',
      '#56B4E9',
      '#009E73',
      '#F0E442',
      '#0072B2',
      '#D55E00',
      '#CC79A7',
    ]);
  });

  it('categoryColors gives one colour per value up to 8, no "other"', () => {
    const { colors, other, grouped } = categoryColors(['COM', 'CA', 'CC', 'COM', 'DEP']);
    expect([...colors.keys()]).to.deep.equal(['COM', 'CA', 'CC', 'DEP']);
    expect([...colors.values()]).to.deep.equal(CATEGORICAL.slice(0, 4));
    expect(other).to.equal(undefined);
    expect(grouped).to.deep.equal([]);
  });

  it('categoryColors groups the values beyond 8 as "other"', () => {
    const values = ['COM', 'CA', 'CC', 'DEP', 'REG', 'MET', 'AGCT', 'ASSO', 'EPCI', 'SYND', 'CU'];
    const { colors, other, grouped } = categoryColors(values);
    expect(colors.size).to.equal(8);
    expect(new Set(colors.values()).size).to.equal(8);
    expect([...colors.keys()]).to.deep.equal(values.slice(0, 8));
    expect(grouped).to.deep.equal(['EPCI', 'SYND', 'CU']);
    expect(other).to.equal(OTHER_COLOR);
    expect(CATEGORICAL).to.not.include(OTHER_COLOR);
    expect(colors.get('CU') ?? other).to.equal(OTHER_COLOR);
  });
});

describe('legendRanges', () => {
  // Elements wait for their language's strings before rendering; a direct call loads them first.
  before(() => loadStrings('en'));

  it('labels classes in French', () => {
    expect(legendRanges([0, 10, 50], 'fr')).to.deep.equal(['moins de 10', 'de 10 à 50', '50 et plus']);
    expect(legendRanges([0, 10, 50, 100, 500], 'fr')).to.deep.equal([
      'moins de 10',
      'de 10 à 50',
      'de 50 à 100',
      'de 100 à 500',
      '500 et plus',
    ]);
  });

  it('labels classes in English', () => {
    expect(legendRanges([0, 10, 50], 'en')).to.deep.equal(['under 10', '10 to 50', '50 and over']);
  });

  it('formats numbers in the language, with the decimals the bounds need', () => {
    const fr = legendRanges([0, 1234.5, 20000], 'fr');
    expect(fr[0]).to.match(/^moins de 1[\u00a0\u202f]234,5$/);
    expect(fr[1]).to.match(/^de 1[\u00a0\u202f]234,5 à 20[\u00a0\u202f]000$/);
    expect(fr[2]).to.match(/^20[\u00a0\u202f]000 et plus$/);
    expect(legendRanges([0, 1234.5, 20000], 'en')).to.deep.equal([
      'under 1,234.5',
      '1,234.5 to 20,000',
      '20,000 and over',
    ]);
    expect(legendRanges([0, 0.005, 0.01], 'fr')).to.deep.equal(['moins de 0,005', 'de 0,005 à 0,01', '0,01 et plus']);
    expect(legendRanges([-0, 5], 'en')).to.deep.equal(['under 5', '5 and over']);
  });

  it('uses a given format', () => {
    expect(legendRanges([0, 1000, 5000], 'fr', (n) => `${n / 1000} k€`)).to.deep.equal([
      'moins de 1 k€',
      'de 1 k€ à 5 k€',
      '5 k€ et plus',
    ]);
  });

  it('gives one label per class', () => {
    expect(legendRanges([], 'fr')).to.deep.equal([]);
    expect(legendRanges([5], 'fr')).to.deep.equal(['5 et plus']);
    expect(legendRanges([5], 'en')).to.deep.equal(['5 and over']);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 60 }), (values) => {
        const breaks = classBreaks(values);
        expect(legendRanges(breaks, 'fr')).to.have.length(breaks.length);
        expect(legendRanges(breaks, 'en')).to.have.length(breaks.length);
      }),
    );
  });
});

describe('contrastText', () => {
  it('writes black on white and white on black', () => {
    expect(contrastText('#ffffff')).to.equal('#000000');
    expect(contrastText('#FFF')).to.equal('#000000');
    expect(contrastText('#000000')).to.equal('#ffffff');
    expect(contrastText('#000')).to.equal('#ffffff');
    expect(contrastText('not a colour')).to.equal('#000000');
  });

  it('picks readable text on the palette colours', () => {
    expect(contrastText(SEQUENTIAL[0])).to.equal('#000000');
    expect(contrastText(SEQUENTIAL[SEQUENTIAL.length - 1])).to.equal('#ffffff');
    expect(contrastText('#F0E442')).to.equal('#000000'); // Okabe–Ito yellow
    expect(contrastText('#E69F00')).to.equal('#000000'); // orange
    expect(contrastText('#0072B2')).to.equal('#ffffff'); // blue
    expect(contrastText(OTHER_COLOR)).to.equal('#ffffff'); // dark grey
    for (const c of [...SEQUENTIAL, ...CATEGORICAL, OTHER_COLOR]) {
      const text = contrastText(c);
      expect(ratio(relativeLuminance(c), relativeLuminance(text)), `${text} on ${c}`).to.be.at.least(4.5);
    }
  });

  it('always picks the colour of higher contrast, at least 4.5:1 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`;
        const l = relativeLuminance(hex);
        const chosen = ratio(l, relativeLuminance(contrastText(hex)));
        expect(chosen).to.be.at.least(ratio(l, 0)).and.at.least(ratio(l, 1));
        expect(chosen).to.be.at.least(4.5);
      }),
    );
  });
});

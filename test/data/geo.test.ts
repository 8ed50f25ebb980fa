import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import Papa from 'papaparse';
import { coordinateScore, detectGeo } from '../../src/data/geo.ts';
import { buildColumn, buildColumnFromValues } from '../../src/data/infer.ts';
import { COLUMN_TYPES, Table } from '../../src/data/model.ts';
import type { Column, ColumnData, ColumnType } from '../../src/data/model.ts';

/** A table from columns given as name → cells (CSV text) or name → JSON values. */
function table(spec: Record<string, string[] | unknown[]>, json = false): Table {
  const names = Object.keys(spec);
  const rowCount = names.length ? spec[names[0]].length : 0;
  const columns: ColumnData[] = names.map((n) =>
    json ? buildColumnFromValues(n, spec[n]) : buildColumn(n, spec[n] as string[]),
  );
  return new Table({ rowCount, columns });
}

function detect(t: Table, withValues = true) {
  return detectGeo(t.columns, withValues ? (i) => t.data(i).values : undefined);
}

/** A column description without data, for name-only checks. */
function col(name: string, type: ColumnType, index: number): Column {
  return { name, label: name, type, index, meta: {} };
}

const lats = ['48.11', '47.2', '48.5'];
const lons = ['-1.68', '-1.55', '2.35'];
const lambertX = ['332503.4', '337508.6', '343278.0'];
const lambertY = ['6776558.9', '6809607.2', '6783495.8'];

describe('coordinateScore', () => {
  const cases: [string, number, number][] = [
    ['lat', 3, 0],
    ['Latitude', 3, 0],
    ['LATITUDE', 3, 0],
    ['lon', 0, 3],
    ['lng', 0, 3],
    ['long', 0, 3],
    ['Longitude', 0, 3],
    ['Ylatitude', 3, 0],
    ['Xlongitude', 0, 3],
    ['y_lat', 2, 0],
    ['x_long', 0, 2],
    ['coordonnees_lat', 2, 0],
    ['latitude_wgs84', 2, 0],
    ['geo-lon', 0, 2],
    ['Y', 1, 0],
    ['x', 0, 1],
    ['coordonnee_x', 0, 1],
    ['Coordonnee Y', 1, 0],
    ['coordonnéeY', 1, 0],
    ['lat_lon', 0, 0],
    ['latence', 0, 0],
    ['longueur', 0, 0],
    ['x_max', 0, 0],
    ['nom', 0, 0],
  ];
  for (const [name, lat, lon] of cases)
    it(`scores ${name}`, () => {
      expect([coordinateScore(name, 'lat'), coordinateScore(name, 'lon')]).to.deep.equal([lat, lon]);
    });
});

describe('detectGeo', () => {
  it('finds lat/lon pairs under their usual names', () => {
    const pairs: [string, string][] = [
      ['lat', 'lon'],
      ['Latitude', 'Longitude'],
      ['latitude', 'longitude'],
      ['Ylatitude', 'Xlongitude'],
      ['y_lat', 'x_long'],
      ['lat', 'lng'],
      ['LAT', 'LONG'],
      ['coordonnees_lat', 'coordonnees_lon'],
    ];
    for (const [a, b] of pairs) {
      const t = table({ nom: ['a', 'b', 'c'], [b]: lons, [a]: lats });
      expect(detect(t), `${a}/${b}`).to.deep.equal({ kind: 'latlon', lat: 2, lon: 1 });
      expect(detect(t, false), `${a}/${b} by name`).to.deep.equal({ kind: 'latlon', lat: 2, lon: 1 });
    }
  });

  it('takes x/y only when their values are degrees', () => {
    const wgs = table({ X: lons, Y: lats });
    expect(detect(wgs)).to.deep.equal({ kind: 'latlon', lat: 1, lon: 0 });
    expect(detect(wgs, false)).to.equal(undefined);
    const lambert = table({ X: lambertX, Y: lambertY });
    expect(detect(lambert)).to.equal(undefined);
    const lambert2 = table({ coordonnee_x: lambertX, coordonnee_y: lambertY });
    expect(detect(lambert2)).to.equal(undefined);
  });

  it('prefers latitude/longitude to Lambert-93 coordonnee_X/Y in the same table', () => {
    const t = table({ coordonnee_X: lambertX, coordonnee_Y: lambertY, latitude: lats, longitude: lons });
    expect(detect(t)).to.deep.equal({ kind: 'latlon', lat: 2, lon: 3 });
  });

  it('rejects a named coordinate whose values are not degrees', () => {
    const t = table({ lat: lambertY, lon: lambertX });
    expect(detect(t)).to.equal(undefined);
    const mostly = table({
      lat: [...Array.from({ length: 99 }, () => '48.1'), '6776558.9'],
      lon: Array.from({ length: 100 }, () => '-1.6'),
    });
    expect(detect(mostly)).to.deep.equal({ kind: 'latlon', lat: 0, lon: 1 });
    const tooMany = table({
      lat: [...Array.from({ length: 97 }, () => '48.1'), '6776558.9', '6776558.9', '6776558.9'],
      lon: Array.from({ length: 100 }, () => '-1.6'),
    });
    expect(detect(tooMany)).to.equal(undefined);
  });

  it('ignores coordinate names on columns that are not numbers', () => {
    const t = table({ lat: ['nord', 'sud', 'est'], lon: lons });
    expect(detect(t)).to.equal(undefined);
    const empty = table({ lat: ['', '', ''], lon: ['', '', ''] });
    expect(detect(empty)).to.equal(undefined);
  });

  it('needs both halves of a pair', () => {
    expect(detect(table({ latitude: lats, nom: ['a', 'b', 'c'] }))).to.equal(undefined);
  });

  it('falls back to a geopoint column, preferring geo_point_2d', () => {
    const t = table({
      autre: ['1.5, 2.5', '1, 2', '3, 4'],
      geo_point_2d: ['48.1,-1.6', '47.2,-1.5', '48.5,2.3'],
      nom: ['a', 'b', 'c'],
    });
    expect(detect(t)).to.deep.equal({ kind: 'point', point: 1 });
    const single = table({ Position: ['48.1, -1.6', '47.2, -1.5', '48.5, 2.3'] });
    expect(detect(single)).to.deep.equal({ kind: 'point', point: 0 });
    const named = [col('x', 'geopoint', 0), col('coordonnées', 'geopoint', 1)];
    expect(detectGeo(named)).to.deep.equal({ kind: 'point', point: 1 });
  });

  it('prefers a lat/lon pair to a geopoint column', () => {
    const t = table({ Latitude: lats, Longitude: lons, Position: ['48.11, -1.68', '47.2, -1.55', '48.5, 2.35'] });
    expect(detect(t)).to.deep.equal({ kind: 'latlon', lat: 0, lon: 1 });
  });

  it('falls back to a geometry column', () => {
    const t = table(
      {
        nom: ['a', 'b'],
        geometry: [
          { type: 'Point', coordinates: [2.3, 48.8] },
          { type: 'Point', coordinates: [2.4, 48.9] },
        ],
      },
      true,
    );
    expect(detect(t)).to.deep.equal({ kind: 'geometry', geometry: 1 });
    const named = [col('trace', 'geometry', 0), col('geo_shape', 'geometry', 1)];
    expect(detectGeo(named)).to.deep.equal({ kind: 'geometry', geometry: 1 });
  });

  it('finds nothing in a table without coordinates', () => {
    expect(detect(table({ nom: ['a'], montant: ['12,5'] }))).to.equal(undefined);
    expect(detectGeo([])).to.equal(undefined);
  });

  it('never throws and returns indices of columns of the right type', () => {
    const name = fc.oneof(
      fc.string(),
      fc.constantFrom('lat', 'lon', 'x', 'Y', 'latitude', 'Xlongitude', 'geo_point_2d', 'geo_shape', 'coordonnee_x'),
    );
    const column = fc.record({ name, type: fc.constantFrom(...COLUMN_TYPES) });
    fc.assert(
      fc.property(fc.array(column, { maxLength: 12 }), fc.boolean(), fc.array(fc.double()), (specs, give, vals) => {
        const cols = specs.map((s, i) => col(s.name, s.type, i));
        const g = detectGeo(cols, give ? () => vals : undefined);
        if (!g) return;
        if (g.kind === 'latlon') {
          expect(['number', 'integer']).to.include(cols[g.lat].type);
          expect(['number', 'integer']).to.include(cols[g.lon].type);
          expect(g.lat).to.not.equal(g.lon);
        } else if (g.kind === 'point') expect(cols[g.point].type).to.equal('geopoint');
        else expect(cols[g.geometry].type).to.equal('geometry');
      }),
      { numRuns: 500 },
    );
  });
});

describe('detectGeo on real files', () => {
  async function load(path: string): Promise<Table> {
    const text = await (await fetch(new URL(`../fixtures/${path}`, import.meta.url))).text();
    const [head, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const columns = head.map((h, j) =>
      buildColumn(
        h,
        rows.map((r) => r[j] ?? ''),
      ),
    );
    return new Table({ rowCount: rows.length, columns });
  }
  function names(t: Table, g: ReturnType<typeof detectGeo>): string[] {
    if (!g) return [];
    if (g.kind === 'latlon') return [t.columns[g.lat].name, t.columns[g.lon].name];
    return [t.columns[g.kind === 'point' ? g.point : g.geometry].name];
  }

  it('IRVE: Ylatitude / Xlongitude', async () => {
    const t = await load('messy/bornes-IRVE-consolidation-2018.csv');
    expect(names(t, detect(t))).to.deep.equal(['Ylatitude', 'Xlongitude']);
  });
  it('collèges 35: Latitude / Longitude, not the Lambert-93 Coordonnee X / Y', async () => {
    const t = await load('api-responses/opendatasoft/exports_csv_education_geolocalisation_colleges35.csv');
    expect(names(t, detect(t))).to.deep.equal(['Latitude', 'Longitude']);
  });
  it('annuaire de l’éducation: latitude / longitude, not coordonnee_X / Y', async () => {
    const t = await load('api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv');
    expect(names(t, detect(t))).to.deep.equal(['latitude', 'longitude']);
  });
  it('sanisettes de Paris: geo_point_2d', async () => {
    const t = await load('api-responses/opendatasoft/exports_csv_paris_sanisettes.csv');
    expect(names(t, detect(t))).to.deep.equal(['geo_point_2d']);
  });
  it('Observatoire: lat / lon', async () => {
    const t = await load('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    expect(names(t, detect(t))).to.deep.equal(['lat', 'lon']);
  });
  it('a budget has no coordinates', async () => {
    const t = await load('scdl/budget/CA_2021_commune_crach_21560046100010.csv');
    expect(detect(t)).to.equal(undefined);
  });
});

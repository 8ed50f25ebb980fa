/** The area model of <vitrine-map> (areas.ts) and the view framing (coreBox), without a map. */
import { expect } from '@open-wc/testing';
import { detectAreaKey, joinValues, nameColumn, rowValues, shapesOf } from '../../src/components/map/areas.ts';
import { coreBox } from '../../src/components/map/leaflet-view.ts';
import { Table } from '../../src/data/model.ts';
import { parseText, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

const csv = (text: string) => new Table(parseText(text, { delimiter: ';' }).table);
const geojson = (features: unknown[]) =>
  new Table(parseText(JSON.stringify({ type: 'FeatureCollection', features })).table);
const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y],
    ],
  ],
});

describe('map areas model', () => {
  const areas = geojson([
    { type: 'Feature', properties: { id: 'a', insee: '01001', nom: 'Un' }, geometry: square(1, 45) },
    { type: 'Feature', properties: { id: 'b', insee: '2A004', nom: 'Ajaccio' }, geometry: square(8, 41) },
    { type: 'Feature', properties: { id: 'c', insee: '35238', nom: 'Rennes' }, geometry: square(-2, 48) },
    {
      type: 'Feature',
      properties: { id: 'd', insee: '35000', nom: 'Point' },
      geometry: { type: 'Point', coordinates: [1, 2] },
    },
    { type: 'Feature', properties: { id: 'e', insee: '35001', nom: 'Rien' }, geometry: null },
    {
      type: 'Feature',
      properties: { id: 'f', insee: '35002', nom: 'Cassé' },
      geometry: { type: 'Polygon', coordinates: [] },
    },
  ]);
  const data = csv('code;montant;nom\n1001;10;x\n01001;5,5;y\n2a004;;z\n35238;7;w\n99999;3;v\n;4;u\n');

  it('keeps the polygons, and counts points, broken and missing geometries', () => {
    const shapes = shapesOf(areas)!;
    expect(shapes.rows).to.deep.equal([0, 1, 2]);
    expect(shapes.skipped, 'the point and the empty polygon').to.equal(2);
    expect(shapes.missing).to.equal(1);
    expect(shapesOf(data)).to.equal(undefined);
  });

  it('detects the property holding the codes of the join column', () => {
    expect(detectAreaKey(areas, data, data.column('code')!.index)?.name).to.equal('insee');
    expect(detectAreaKey(areas, data, data.column('nom')!.index)).to.equal(undefined);
  });

  it('names areas by their name column', () => {
    expect(nameColumn(areas, areas.column('insee'))?.name).to.equal('nom');
  });

  it('joins on normalised codes: count, sum, mean, unmatched and empty codes', () => {
    // As normalizeCode writes them (leading zeros dropped).
    const codes = ['1001', '2A004', '35238'];
    const join = data.column('code')!;
    const value = { column: data.column('montant')!, label: 'montant' };
    const count = joinValues(codes, data, join, undefined, 'count');
    expect([...count.values]).to.deep.equal([2, 1, 1]);
    expect(count.rows).to.deep.equal([[0, 1], [2], [3]]);
    expect(count.unmatched, '99999').to.equal(1);
    expect(count.noCode).to.equal(1);
    const sum = joinValues(codes, data, join, value, 'sum');
    expect(sum.values[0]).to.equal(15.5);
    expect(Number.isNaN(sum.values[1]), 'no number: no data, not 0').to.equal(true);
    expect(sum.values[2]).to.equal(7);
    expect(joinValues(codes, data, join, value, 'mean').values[0]).to.equal(7.75);
  });

  it('takes the value of rows that are areas themselves', () => {
    const v = rowValues(data, [0, 3], { column: data.column('montant')!, label: 'm' });
    expect([...v.values]).to.deep.equal([10, 7]);
    expect(v.rows).to.deep.equal([[0], [3]]);
  });
});

describe('coreBox (the view frames the bulk of the points)', () => {
  it('frames every point when they are spread evenly', () => {
    const lat = Array.from({ length: 100 }, (_, i) => 43 + (i % 10) * 0.5);
    const lon = Array.from({ length: 100 }, (_, i) => -1 + Math.floor(i / 10) * 0.5);
    expect(coreBox(lat, lon)).to.deep.equal([43, -1, 47.5, 3.5]);
  });

  it('leaves out a few overseas points that would shrink the rest to a dot', () => {
    const lat = [...Array.from({ length: 200 }, (_, i) => 43 + (i % 20) * 0.3), -21.1, 16.2, 14.6, -12.8];
    const lon = [...Array.from({ length: 200 }, (_, i) => -1 + Math.floor(i / 20) * 0.5), 55.5, -61.5, -61, 45.1];
    const [south, west, north, east] = coreBox(lat, lon);
    expect(south).to.be.at.least(43);
    expect(west).to.be.at.least(-1);
    expect(north).to.be.at.most(48.7);
    expect(east).to.be.at.most(3.5);
  });

  it('keeps every point of a small set', () => {
    expect(coreBox([48, 48.1, -21], [2, 2.1, 55])).to.deep.equal([-21, 2, 48.1, 55]);
  });
});

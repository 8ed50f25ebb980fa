import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { Table } from '../src/data/model.ts';

describe('toolchain', () => {
  it('imports papaparse through the commonjs plugin and parses', () => {
    const r = Papa.parse<string[]>('a;b\n1;2', { delimiter: ';' });
    expect(r.data).to.deep.equal([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('builds a table', () => {
    const t = new Table({ rowCount: 0, columns: [] });
    expect(t.rowCount).to.equal(0);
  });
  it('serves a second origin', async () => {
    const origin = await (await fetch('/__cross-origin')).text();
    expect(origin).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

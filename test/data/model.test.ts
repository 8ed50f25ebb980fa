import { expect } from '@open-wc/testing';
import { Table, PIECE_ROWS, cutText, packText, normalizeName } from '../../src/data/model.ts';
import { parseOffThread, releaseWorkers } from '../../src/data/parse-client.ts';

describe('Table model', () => {
  it('reads cells the same from one text or from pieces of PIECE_ROWS rows', () => {
    const cells = Array.from({ length: PIECE_ROWS * 2 + 123 }, (_, i) => (i % 7 === 0 ? '' : `cellule ${i} é€`));
    const packed = packText(cells);
    const whole = new Table({ rowCount: cells.length, columns: [{ name: 'a', type: 'string', ...packed }] });
    const pieces = cutText(packed.text, packed.offsets);
    expect(pieces.length).to.equal(3);
    const cut = new Table({
      rowCount: cells.length,
      columns: [{ name: 'a', type: 'string', text: '', offsets: packed.offsets, pieces }],
    });
    for (let r = 0; r < cells.length; r++) {
      if (cut.text(r, 0) !== cells[r] || whole.text(r, 0) !== cells[r]) throw new Error(`row ${r} differs`);
    }
    expect(cut.value(7, 0)).to.equal(null);
    expect(cut.value(PIECE_ROWS + 1, 0)).to.equal(`cellule ${PIECE_ROWS + 1} é€`);
  });

  it('a column of more than a megabyte of text comes from the worker in pieces, with the same cells', async () => {
    const lines = ['id;texte'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i};ligne ${i} ${'abcdefghij'.repeat(6)} « ${i % 97} »`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const inWorker = await parseOffThread(bytes.slice(), {}, { worker: true });
    const inPlace = await parseOffThread(bytes.slice(), {}, { worker: false });
    releaseWorkers();
    const a = new Table(inWorker.table);
    const b = new Table(inPlace.table);
    expect(inWorker.table.columns[1].pieces?.length).to.equal(Math.ceil(20_000 / PIECE_ROWS));
    expect(a.rowCount).to.equal(20_000);
    for (let r = 0; r < a.rowCount; r += 97) expect(a.text(r, 1)).to.equal(b.text(r, 1));
    expect(a.text(19_999, 1)).to.equal(`ligne 19999 ${'abcdefghij'.repeat(6)} « ${19_999 % 97} »`);
  });

  it('matches column names regardless of case, accents and separators', () => {
    expect(normalizeName('  Département_Code ')).to.equal('departement code');
    const t = new Table({
      rowCount: 0,
      columns: [{ name: 'Nom de la Commune', type: 'string', ...packText([]) }],
    });
    expect(t.column('nom_de_la_commune')?.name).to.equal('Nom de la Commune');
    expect(t.column('NOM DE LA COMMUNE')?.index).to.equal(0);
    expect(t.column('commune')).to.equal(undefined);
  });
});

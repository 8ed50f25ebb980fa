import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { distinctOf, fold, isPrepared, prepareColumns, searchRows, sortRows, ranksOf } from '../../src/data/query.ts';
import { parseBytes, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';
import { PIECE_ROWS, Table, cutText, packText, type ColumnData } from '../../src/data/model.ts';
import { buildColumn } from '../../src/data/infer.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

async function tableOf(path: string): Promise<Table> {
  const bytes = new Uint8Array(await (await fetch(`/test/fixtures/${path}`)).arrayBuffer());
  return new Table(parseBytes(bytes, { url: path }).table);
}

function tableFrom(columns: Record<string, string[]>): Table {
  const cols = Object.entries(columns).map(([name, cells]) => buildColumn(name, cells));
  return new Table({ rowCount: cols[0].offsets.length - 1, columns: cols });
}

const texts = (t: Table, rows: ArrayLike<number>, col: number) => Array.from(rows, (r) => t.text(r, col));

describe('fold', () => {
  it('lowers case and removes accents, keeping the length', () => {
    for (const [s, f] of [
      ['Étampes', 'etampes'],
      ['ÎLE-DE-FRANCE', 'ile-de-france'],
      ['Saint-Étienne-du-Rouvray', 'saint-etienne-du-rouvray'],
      ['Noël’s 40\u00a0000,00\u202f€', "noel's 40 000,00 €"],
      ['Çà et là', 'ca et la'],
    ]) {
      expect(fold(s), s).to.equal(f);
      expect(fold(s).length).to.equal(s.length);
    }
  });
});

describe('searchRows', () => {
  it('finds "etampes" in "Étampes", whatever the case and accents, in any column', () => {
    const t = tableFrom({
      nom: ['Étampes', 'Zonza', 'ÉTAMPES-SUR-MARNE', 'Brest', ''],
      dep: ['91', '2A', '02', '29', '91'],
    });
    expect(Array.from(searchRows(t, 'etampes'))).to.deep.equal([0, 2]);
    expect(Array.from(searchRows(t, 'ÉTAMPES'))).to.deep.equal([0, 2]);
    expect(Array.from(searchRows(t, '2a'))).to.deep.equal([1]);
    // Every word must appear, in any column.
    expect(Array.from(searchRows(t, 'etampes 91'))).to.deep.equal([0]);
    // A match never spans two cells.
    expect(Array.from(searchRows(t, 'pesz'))).to.deep.equal([]);
    expect(Array.from(searchRows(t, '  '))).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('searches the observatory: only rows that contain the words, within given rows and columns', async () => {
    const t = await tableOf('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    const nom = t.column('nom')!.index;
    const dep = t.column('dep_label')!.index;
    const found = searchRows(t, 'ille et vilaine', { columns: [dep] });
    expect(found.length).to.be.greaterThan(10);
    for (const r of found)
      expect(fold(t.text(r, dep)))
        .to.include('ille')
        .and.include('vilaine');
    // Brute force agrees.
    let expected = 0;
    for (let r = 0; r < t.rowCount; r++) if (fold(t.text(r, nom)).includes('rennes')) expected++;
    expect(searchRows(t, 'RENNES', { columns: [nom] }).length).to.equal(expected);
    const within = Uint32Array.from([5, 3, 1]);
    expect(Array.from(searchRows(t, '', { rows: within }))).to.deep.equal([5, 3, 1]);
  });

  it('works on a column handed over in pieces', () => {
    const cells = Array.from({ length: PIECE_ROWS * 2 + 10 }, (_, i) => (i % 1000 === 7 ? `Cité n°${i}` : `rue ${i}`));
    const packed = packText(cells);
    const col: ColumnData = {
      name: 'adresse',
      type: 'string',
      text: '',
      offsets: packed.offsets,
      pieces: cutText(packed.text, packed.offsets),
    };
    const t = new Table({ rowCount: cells.length, columns: [col] });
    const expected = cells.flatMap((c, i) => (c.startsWith('Cité') ? [i] : []));
    expect(Array.from(searchRows(t, 'cite'))).to.deep.equal(expected);
  });
});

describe('sortRows', () => {
  it('sorts text the French way: accents and case do not scatter, numbers inside are numbers', () => {
    const t = tableFrom({ nom: ['Zonza', 'étampes', 'Étampes', 'Abbeville', 'école 10', 'école 2', 'Ecully', ''] });
    expect(texts(t, sortRows(t, [{ column: 0 }]), 0)).to.deep.equal([
      'Abbeville',
      'école 2',
      'école 10',
      'Ecully',
      'étampes',
      'Étampes',
      'Zonza',
      '',
    ]);
    // Empty last in both directions.
    expect(texts(t, sortRows(t, [{ column: 0, descending: true }]), 0).at(-1)).to.equal('');
    expect(texts(t, sortRows(t, [{ column: 0, descending: true }]), 0)[0]).to.equal('Zonza');
  });

  it('sorts numbers as numbers and dates as dates, empty cells last', async () => {
    const t = await tableOf('scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv');
    const montant = t.column('montant')!.index;
    const asc = Array.from(sortRows(t, [{ column: montant }]), (r) => t.number(r, montant));
    expect(asc).to.deep.equal([...asc].sort((a, b) => a - b));
    const date = t.column('dateConvention')!.index;
    expect(t.columns[date].type).to.equal('date');
    const desc = Array.from(sortRows(t, [{ column: date, descending: true }]), (r) => t.number(r, date));
    expect(desc).to.deep.equal([...desc].sort((a, b) => b - a));
  });

  it('is stable and takes several keys', async () => {
    const t = await tableOf('observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv');
    const type = t.column('type')!.index;
    const pop = t.column('pop_insee')!.index;
    const rows = sortRows(t, [{ column: type }, { column: pop, descending: true }]);
    expect(rows.length).to.equal(t.rowCount);
    const typeRanks = ranksOf(t, type);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const ta = typeRanks[a];
      const tb = typeRanks[b];
      if (Number.isNaN(ta)) expect(Number.isNaN(tb), `row ${i}`).to.equal(true);
      else if (!Number.isNaN(tb)) expect(ta <= tb, `row ${i}`).to.equal(true);
      if (ta === tb) {
        const [pa, pb] = [t.number(a, pop), t.number(b, pop)];
        if (!Number.isNaN(pa) && !Number.isNaN(pb)) expect(pa >= pb, `row ${i}`).to.equal(true);
        if (Number.isNaN(pa)) expect(Number.isNaN(pb), `row ${i}`).to.equal(true);
      }
    }
    // Stable: sorting by a constant keeps the given order.
    const given = Uint32Array.from([9, 2, 7, 4]);
    const constant = tableFrom({ k: Array.from({ length: 10 }, () => 'x') });
    expect(Array.from(sortRows(constant, [{ column: 0 }], given))).to.deep.equal([9, 2, 7, 4]);
  });
});

describe('query engine paths', () => {
  // Cells drawn from a few values, so the distinct-value search applies once the values are read.
  const cell = fc.oneof(
    {
      arbitrary: fc.constantFrom(
        'Étampes',
        'étampes',
        'ZONZA',
        'Saint-Étienne',
        '',
        ' 12 ',
        '2',
        '10',
        'Œuilly',
        'a;b',
      ),
      weight: 19,
    },
    { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  );
  const columnOf = (n: number) => fc.array(cell, { minLength: n, maxLength: n });
  const tableArb = fc
    .integer({ min: 1, max: 120 })
    .chain((n) => fc.tuple(columnOf(n), columnOf(n)))
    .map(([a, b]) => tableFrom({ a, b }));

  it('searching distinct values gives the rows that searching every cell gives', () => {
    let valuePath = 0;
    fc.assert(
      fc.property(tableArb, fc.constantFrom('etampes', 'TAM', 'e', '1', 'oe', 'saint etienne', 'zz'), (t, q) => {
        // A fresh table searches every cell; once its values are read, it searches the values.
        const cells = Array.from(searchRows(t, q));
        // The value path applies when a column has at most a quarter as many values as rows.
        if (distinctOf(t, 0).values.length * 4 <= t.rowCount) valuePath++;
        distinctOf(t, 1);
        const values = Array.from(searchRows(t, q));
        expect(values).to.deep.equal(cells);
        const words = fold(q).split(/\s+/);
        const naive = [];
        for (let r = 0; r < t.rowCount; r++) {
          const row = [fold(t.text(r, 0)), fold(t.text(r, 1))];
          if (words.every((w) => row.some((c) => c.includes(w)))) naive.push(r);
        }
        expect(cells).to.deep.equal(naive);
      }),
      { numRuns: 200 },
    );
    expect(valuePath).to.be.greaterThan(20);
  });

  it('the one-key packed sort equals a comparator sort on the ranks, stable, empty last', () => {
    fc.assert(
      fc.property(tableArb, fc.boolean(), (t, descending) => {
        const rows = Array.from(sortRows(t, [{ column: 0, descending }]));
        // The same order through the several-key path (a second key that never separates rows).
        const constant = Array.from(
          sortRows(t, [
            { column: 0, descending },
            { column: 0, descending },
          ]),
        );
        expect(rows).to.deep.equal(constant);
        const ranks = ranksOf(t, 0);
        const expected = Array.from({ length: t.rowCount }, (_, i) => i).sort((a, b) => {
          const [x, y] = [ranks[a], ranks[b]];
          if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
          return (descending ? y - x : x - y) || a - b;
        });
        expect(rows).to.deep.equal(expected);
      }),
    );
  });
});

describe('prepareColumns', () => {
  it('prepares search and sort in idle slices, with the same results as doing it at once', async () => {
    // 30,000 rows: several slices of every step (distinct values, folding, number ranks).
    const n = 30_000;
    const numbers = Array.from({ length: n }, (_, i) =>
      i % 7 === 0 ? '' : String(((i * 7919) % 1000) / 10).replace('.', ','),
    );
    const names = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? `Étampes ${i % 40}` : `Zonza ${i}`));
    const make = () => tableFrom({ n: numbers, nom: names });
    const idle = make();
    expect(idle.columns[0].type).to.equal('number');
    const stop = prepareColumns(idle, [0, 1]);
    for (let i = 0; i < 200 && !(isPrepared(idle, 0) && isPrepared(idle, 1)); i++)
      await new Promise((r) => setTimeout(r, 20));
    // Let phase 2 (sort ranks) finish too.
    await new Promise((r) => setTimeout(r, 300));
    stop();
    const fresh = make();
    for (const keys of [
      [{ column: 0 }],
      [{ column: 0, descending: true }],
      [{ column: 1 }],
      [{ column: 1, descending: true }, { column: 0 }],
    ]) {
      expect(Array.from(sortRows(idle, keys))).to.deep.equal(Array.from(sortRows(fresh, keys)));
    }
    expect(Array.from(searchRows(idle, 'etampes 3'))).to.deep.equal(Array.from(searchRows(fresh, 'etampes 3')));
    expect(searchRows(idle, 'etampes').length).to.equal(n / 5);
  });
});

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import Papa from 'papaparse';
import { findHeader, normalizeDelimiter, parseCsv, uniqueNames } from '../../src/data/csv.ts';

describe('parseCsv', () => {
  it('parses a simple semicolon file and sniffs the delimiter', () => {
    const r = parseCsv('code;nom;montant\n01004;Ambérieu-en-Bugey;40 000,00\n01005;Ambérieux;12,5\n');
    expect(r.delimiter).to.equal(';');
    expect(r.header).to.deep.equal(['code', 'nom', 'montant']);
    expect(r.rows).to.deep.equal([
      ['01004', 'Ambérieu-en-Bugey', '40 000,00'],
      ['01005', 'Ambérieux', '12,5'],
    ]);
  });

  it('keeps quoted fields with delimiters, quotes and newlines', () => {
    const text = 'id,texte,n\r\n1,"un, deux\r\net ""trois""",2\r\n2,"ligne\nbis",3\r\n';
    const r = parseCsv(text);
    expect(r.rows).to.deep.equal([
      ['1', 'un, deux\r\net "trois"', '2'],
      ['2', 'ligne\nbis', '3'],
    ]);
  });

  it('handles CRLF and LF mixed in one file, and never leaves a CR at the end of a cell', () => {
    const text = 'a;b;c\r\n1;2;3\n4;5;"6"\r\n7;8;9\r\n10;11;"12"\n13;14;\r\n';
    const r = parseCsv(text);
    expect(r.rows).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
      ['10', '11', '12'],
      ['13', '14', ''],
    ]);
  });

  it('parses old Mac files that end lines with CR alone', () => {
    expect(parseCsv('a;b\r1;2\r3;4\r').rows).to.deep.equal([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps cell text as written (no trimming)', () => {
    const r = parseCsv('nom;x\n  Ambérieu ;\u00a012\u202f345,5\n');
    expect(r.rows[0]).to.deep.equal(['  Ambérieu ', '\u00a012\u202f345,5']);
  });

  it('skips blank lines and rows whose cells are all empty', () => {
    const text = 'a;b;c\n\n1;2;3\n;;\n   \n ; ;\t\r\n\u00a0;\u202f;\r\n4;5;6\n;é;\n\n\n';
    const r = parseCsv(text);
    expect(r.rows).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['', 'é', ''],
    ]);
  });

  it('pads short rows and drops the extra cells of a few long rows (the hostile ragged.csv)', () => {
    const r = parseCsv('a;b;c\n1;2;3\n4;5\n6;7;8;9;10\n;;\n11;12;13\n');
    expect(r.header).to.deep.equal(['a', 'b', 'c']);
    expect(r.rows).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', ''],
      ['6', '7', '8'],
      ['11', '12', '13'],
    ]);
  });

  it('adds unnamed columns when many rows are longer than the header', () => {
    const text = 'a;b\n1;2;x\n3;4;y\n5;6\n7;8;z;w\n';
    const r = parseCsv(text);
    expect(r.header).to.deep.equal(['a', 'b', 'column 3']);
    expect(r.rows).to.deep.equal([
      ['1', '2', 'x'],
      ['3', '4', 'y'],
      ['5', '6', ''],
      ['7', '8', 'z'],
    ]);
  });

  it('drops a fully empty trailing column (a delimiter at the end of every line)', () => {
    const r = parseCsv('a;b;c;\r\n1;2;3;\r\n4;5;6;\r\n');
    expect(r.header).to.deep.equal(['a', 'b', 'c']);
    expect(r.rows).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    // A delimiter at the end of the data lines only.
    const r2 = parseCsv('a;b;c\n1;2;3;\n4;5;6;\n');
    expect(r2.header).to.deep.equal(['a', 'b', 'c']);
    expect(r2.rows[1]).to.deep.equal(['4', '5', '6']);
  });

  it('keeps a trailing column without a name when it holds values', () => {
    const r = parseCsv('a;b;\n1;2;x\n3;4;\n');
    expect(r.header).to.deep.equal(['a', 'b', 'column 3']);
    expect(r.rows).to.deep.equal([
      ['1', '2', 'x'],
      ['3', '4', ''],
    ]);
  });

  it('skips a title line before the header', () => {
    const text = 'Subventions 2017 - Département du Lot\n\nnom;siret;montant\nA;123;1\nB;456;2\nC;789;3\n';
    const r = parseCsv(text);
    expect(r.header).to.deep.equal(['nom', 'siret', 'montant']);
    expect(r.rows).to.have.length(3);
    expect(r.rows[0]).to.deep.equal(['A', '123', '1']);
  });

  it('skips several preamble lines with fewer fields, and an Excel title row', () => {
    const text = [
      'Subventions 2017;;;;',
      'Source : Département;mise à jour 2018',
      'nom;siret;montant;date;objet',
      'A;1;10;01/01/2017;x',
      'B;2;20;02/01/2017;y',
      'C;3;30;03/01/2017;z',
    ].join('\r\n');
    const r = parseCsv(text);
    expect(r.header).to.deep.equal(['nom', 'siret', 'montant', 'date', 'objet']);
    expect(r.rows.map((row) => row[0])).to.deep.equal(['A', 'B', 'C']);
  });

  it('trims header names, names empty ones and makes duplicates unique', () => {
    const r = parseCsv(' montant ;;montant;Montant;montant\n1;2;3;4;5\n');
    expect(r.header).to.deep.equal(['montant', 'column 2', 'montant (2)', 'Montant', 'montant (3)']);
    expect(r.rows[0]).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('takes the delimiter hint, by character or by name', () => {
    expect(parseCsv('a,b;c\n1,2;3\n', { delimiter: ',' }).header).to.deep.equal(['a', 'b;c']);
    expect(parseCsv('a\tb,c\n1\t2,3\n', { delimiter: 'tab' }).header).to.deep.equal(['a', 'b,c']);
    expect(parseCsv('a\tb\n1\t2\n', { delimiter: '\\t' }).delimiter).to.equal('\t');
    expect(parseCsv('a;b\n1;2\n', { delimiter: 'semicolon' }).rows).to.deep.equal([['1', '2']]);
  });

  it('returns no header and no rows for empty text, a header without rows for a header line', () => {
    expect(parseCsv('')).to.deep.equal({ header: [], rows: [], delimiter: ',' });
    expect(parseCsv('\n\n;;\n').rows).to.deep.equal([]);
    const headerOnly = parseCsv('a;b;c\n');
    expect(headerOnly.header).to.deep.equal(['a', 'b', 'c']);
    expect(headerOnly.rows).to.deep.equal([]);
  });

  it('ignores a BOM left at the start of the text', () => {
    expect(parseCsv('\ufeffcode;nom\n1;2\n').header).to.deep.equal(['code', 'nom']);
  });

  it('parses large texts in chunks, reports progress, and splits records right at chunk boundaries', () => {
    // About 6 MB, quoted fields with newlines and delimiters everywhere, CRLF.
    const expected: string[][] = [];
    const lines = ['id;texte;montant;commune'];
    for (let i = 0; i < 80000; i++) {
      const texte = i % 7 === 0 ? `ligne ${i};\r\n"suite" ${'é'.repeat(i % 13)}` : `texte ${i} ${'x'.repeat(i % 50)}`;
      const row = [String(i), texte, `${i},50`, i % 3 === 0 ? '' : 'Ambérieu'];
      expected.push(row);
      lines.push(row.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'));
    }
    const text = lines.join('\r\n') + '\r\n';
    expect(text.length).to.be.above(4 * 1024 * 1024);
    const progress: number[] = [];
    const r = parseCsv(text, { onProgress: (f) => progress.push(f), chunkSize: 100_000 });
    expect(r.header).to.deep.equal(['id', 'texte', 'montant', 'commune']);
    expect(r.rows.length).to.equal(expected.length);
    for (let i = 0; i < expected.length; i++) {
      if (r.rows[i].join('\u0000') !== expected[i].join('\u0000')) expect(r.rows[i]).to.deep.equal(expected[i]);
    }
    expect(progress.length).to.be.above(40);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).to.be.at.least(progress[i - 1]);
    expect(progress[0]).to.be.above(0).and.below(1);
    expect(progress[progress.length - 1]).to.equal(1);
  });

  it('is fast: within a small margin of PapaParse alone', function () {
    this.timeout(120000);
    const line =
      'Aventime;Driveco;Aventim;FR*E24*P;Aventim | Marquette;"187, Rue de Menin";59378;3.083255;50.679810;4;22,000;2018/06/04\r\n';
    const text = 'a;b;c;d;e;f;g;h;i;j;k;l\r\n' + line.repeat(100000);
    // Interleaved runs; the median of the ratios is what counts (garbage collection and other
    // test files running at the same time make single runs noisy). The bound catches per-cell work
    // creeping in (a regex per cell doubles the time), not a few percent.
    const ratios: number[] = [];
    let last = '';
    for (let k = 0; k < 9; k++) {
      let t0 = performance.now();
      Papa.parse<string[]>(text, { delimiter: ';' });
      const papa = performance.now() - t0;
      t0 = performance.now();
      parseCsv(text);
      const ours = performance.now() - t0;
      ratios.push(ours / papa);
      last = `parseCsv ${ours.toFixed(0)} ms, PapaParse ${papa.toFixed(0)} ms`;
    }
    ratios.sort((a, b) => a - b);
    expect(ratios[ratios.length >> 1], last).to.be.below(1.5);
  });
});

describe('csv helpers', () => {
  it('findHeader picks the first row wide enough, with two names at least', () => {
    expect(findHeader([['titre'], ['a', 'b', 'c'], ['1', '2', '3']])).to.equal(1);
    expect(
      findHeader([
        ['a', 'b', 'c'],
        ['1', '2', '3', ''],
      ]),
    ).to.equal(0);
    expect(findHeader([['x'], ['y'], ['z']])).to.equal(0);
    expect(
      findHeader([
        ['titre', '', '', ''],
        ['a', 'b', 'c', 'd'],
        ['1', '2', '3', '4'],
      ]),
    ).to.equal(1);
  });

  it('uniqueNames never gives a generated name that a real header has', () => {
    expect(uniqueNames(['', 'column 1', 'a', 'a', 'a (2)'])).to.deep.equal([
      'column 1 (2)',
      'column 1',
      'a',
      'a (3)',
      'a (2)',
    ]);
  });

  it('normalizeDelimiter understands names and refuses quotes and newlines', () => {
    expect(normalizeDelimiter('Tab')).to.equal('\t');
    expect(normalizeDelimiter('point-virgule')).to.equal(';');
    expect(normalizeDelimiter('virgule')).to.equal(',');
    expect(normalizeDelimiter('|')).to.equal('|');
    expect(normalizeDelimiter('"')).to.equal(undefined);
    expect(normalizeDelimiter('')).to.equal(undefined);
    expect(normalizeDelimiter(undefined)).to.equal(undefined);
  });
});

describe('parseCsv properties', () => {
  // Cells made of the characters that break CSV parsers: quotes, every delimiter, line breaks
  // (CR only as part of CRLF: a CR ending a line's last cell is a line ending), accents, spaces.
  const unit = fc.constantFrom(
    'a',
    'Z',
    '7',
    'é',
    'À',
    'œ',
    '€',
    '"',
    ';',
    ',',
    '\t',
    '|',
    '\n',
    '\r\n',
    ' ',
    '\u00a0',
    "'",
  );
  const cell = fc.string({ unit, maxLength: 12 });
  const name = fc
    .string({
      unit: fc.constantFrom('a', 'b', 'é', 'Ç', '"', ';', ',', '\n', ' ', '|', '1'),
      minLength: 1,
      maxLength: 8,
    })
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const table = fc.uniqueArray(name, { minLength: 1, maxLength: 6 }).chain((header) =>
    fc.record({
      header: fc.constant(header),
      rows: fc.array(
        fc
          .array(cell, { minLength: header.length, maxLength: header.length })
          .filter((row) => row.some((c) => c.trim() !== '')),
        { minLength: 1, maxLength: 15 },
      ),
    }),
  );

  it('round-trips Papa.unparse output for every delimiter', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(';', ',', '\t', '|'), ({ header, rows }, delimiter) => {
        const text = Papa.unparse({ fields: header, data: rows }, { delimiter });
        const r = parseCsv(text, { delimiter });
        expect(r.header).to.deep.equal(header);
        expect(r.rows).to.deep.equal(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips and sniffs the delimiter when every field is quoted', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(';', ',', '\t', '|'), ({ header, rows }, delimiter) => {
        const text = Papa.unparse({ fields: header, data: rows }, { delimiter, quotes: true });
        const r = parseCsv(text);
        if (header.length > 1) expect(r.delimiter).to.equal(delimiter);
        expect(r.header).to.deep.equal(header);
        expect(r.rows).to.deep.equal(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, and always returns rectangular rows and unique names', () => {
    const anything = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', 'é', '"', ';', ',', '\t', '|', '\n', '\r', ' ', '\ufeff', '\u0000'),
        maxLength: 200,
      }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(
        anything,
        fc.option(fc.constantFrom(';', ',', '\t', '|', 'tab', '"', '\n', 'ab')),
        (text, delimiter) => {
          const r = parseCsv(text, delimiter === null ? {} : { delimiter });
          for (const row of r.rows) expect(row.length).to.equal(r.header.length);
          expect(new Set(r.header).size).to.equal(r.header.length);
          for (const h of r.header) expect(h).to.not.equal('');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

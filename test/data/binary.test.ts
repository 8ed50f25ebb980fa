import { expect } from '@open-wc/testing';
import { sniffBinary } from '../../src/data/sniff.ts';
import { parseBytes, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';
import { StreamParser } from '../../src/data/stream.ts';
import { VitrineError } from '../../src/data/errors.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

function parseError(f: () => unknown): VitrineError {
  try {
    f();
  } catch (err) {
    expect(err).to.be.instanceOf(VitrineError);
    return err as VitrineError;
  }
  throw new Error('expected a VitrineError');
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('binary files where data was expected', () => {
  it('recognises spreadsheets, PDF, gzip, parquet and other binary files by their first bytes', async () => {
    expect(sniffBinary(await bytesOf('/test/fixtures/hostile/spreadsheet.xlsx'))).to.equal('xlsx');
    expect(sniffBinary(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), 'https://x.fr/budget.ods?download=1')).to.equal(
      'ods',
    );
    expect(sniffBinary(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]))).to.equal('zip');
    expect(sniffBinary(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).to.equal('xls');
    expect(sniffBinary(Uint8Array.from(ascii('%PDF-1.7\n')))).to.equal('pdf');
    expect(sniffBinary(Uint8Array.from([0x1f, 0x8b, 8, 0]))).to.equal('gzip');
    expect(sniffBinary(Uint8Array.from(ascii('PAR1....')))).to.equal('parquet');
    expect(sniffBinary(Uint8Array.from([...ascii('a;b\n'), 0, 1, 2]))).to.equal('binary');
  });

  it('leaves text alone: CSV, JSON, Windows-1252 and UTF-16 with a BOM', async () => {
    for (const f of [
      '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv',
      '/test/fixtures/api-responses/opendatasoft/exports_csv_paris_sanisettes.csv',
      '/test/fixtures/geo/departements-bretagne.geojson',
    ]) {
      expect(sniffBinary(await bytesOf(f)), f).to.equal(undefined);
    }
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('a;b\n1;2\n', (c) => [c.charCodeAt(0), 0]).flat()]);
    expect(sniffBinary(utf16)).to.equal(undefined);
    expect(parseBytes(utf16).table.rowCount).to.equal(1);
  });

  it('a spreadsheet is a parse error that names it, whole or streamed', async () => {
    const xlsx = await bytesOf('/test/fixtures/hostile/spreadsheet.xlsx');
    const whole = parseError(() => parseBytes(xlsx.slice(), { url: 'budget.xlsx' }));
    expect(whole.code).to.equal('parse');
    expect(whole.details.received).to.equal('xlsx');
    const stream = new StreamParser({ url: 'budget.csv' }, 64);
    stream.push(xlsx.slice());
    expect(stream.mode).to.equal('whole');
    expect(parseError(() => stream.end()).details.received).to.equal('xlsx');
  });
});

describe('JSON Lines', () => {
  it('reads one object a line as records', async () => {
    const result = parseBytes(await bytesOf('/test/fixtures/hostile/records.jsonl'));
    expect(result.table.rowCount).to.equal(3);
    expect(result.table.columns.map((c) => [c.name, c.type])).to.deep.equal([
      ['nom', 'string'],
      ['population', 'integer'],
    ]);
  });

  it('still calls malformed JSON malformed', () => {
    const err = parseError(() => parseBytes(new TextEncoder().encode('{"a": 1}\n{"b": ')));
    expect(err.code).to.equal('parse');
    expect(err.details.reason).to.equal('invalid-json');
  });
});

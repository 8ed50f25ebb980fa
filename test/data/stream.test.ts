import { expect } from '@open-wc/testing';
import { StreamParser } from '../../src/data/stream.ts';
import { parseBytes, type ParseResult, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';
import { openParseStream, releaseWorkers } from '../../src/data/parse-client.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

const FILES = [
  '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b.csv',
  '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv',
  '/test/fixtures/messy/bornes-IRVE-consolidation-2018.csv',
  '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv',
  '/test/fixtures/scdl/subventions/SCDL_COM_Poitiers_subventions-associations-2017.csv',
  '/test/fixtures/messy/caf_data_DEMO_2020_V1_COM.csv',
  '/test/fixtures/api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json',
  '/test/fixtures/hostile/ragged.csv',
];

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/** Everything a person or a program can see of a table. */
function summary(r: ParseResult) {
  return {
    format: r.format,
    encoding: r.encoding,
    rowCount: r.table.rowCount,
    columns: r.table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      text: c.text,
      offsets: Array.from(c.offsets),
      values: c.values ? Array.from(c.values, (v) => (Number.isNaN(v) ? 'NaN' : v)) : undefined,
    })),
  };
}

function pushIn(parser: StreamParser, bytes: Uint8Array, sizes: number[]): void {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    parser.push(bytes.slice(at, at + size));
    at += size;
  }
}

describe('StreamParser: parsing a download as it arrives gives the table of the whole file', () => {
  for (const file of FILES) {
    it(file.split('/').pop()!, async () => {
      const bytes = await bytesOf(file);
      const whole = summary(parseBytes(bytes.slice(), { url: file }));
      // Odd chunk sizes cut records, quoted newlines, CRLF pairs and multi-byte UTF-8 characters.
      for (const sizes of [[1 << 16], [7919, 13, 1], [100_003]]) {
        const parser = new StreamParser({ url: file }, 4096);
        pushIn(parser, bytes, sizes);
        const streamed = summary(parser.end());
        expect(streamed, `chunks ${sizes}`).to.deep.equal(whole);
      }
    });
  }

  it('streams UTF-8 CSV, and keeps JSON and Windows-1252 for the whole-file rules', async () => {
    const utf8 = new StreamParser({}, 1024);
    pushIn(utf8, await bytesOf(FILES[1]), [4096]);
    expect(utf8.mode).to.equal('csv');
    const json = new StreamParser({}, 1024);
    pushIn(json, await bytesOf(FILES[6]), [4096]);
    expect(json.mode).to.equal('whole');
    const cp1252 = new StreamParser({}, 1024);
    pushIn(cp1252, await bytesOf(FILES[3]), [4096]);
    expect(cp1252.mode).to.equal('whole');
    expect(cp1252.end().table.columns.some((c) => c.text.includes('é'))).to.equal(true);
  });

  it('falls back to the whole-file rules when invalid UTF-8 turns up after the head', () => {
    const head = new TextEncoder().encode('nom;ville\n' + 'Ada;Paris\n'.repeat(500));
    const tail = Uint8Array.from([
      ...new TextEncoder().encode('Zo'),
      0xe9,
      ...new TextEncoder().encode(';Orl'),
      0xe9,
      0x61,
      0x6e,
      0x73,
      0x0a,
    ]);
    const parser = new StreamParser({}, 1024);
    parser.push(head);
    expect(parser.mode).to.equal('csv');
    parser.push(tail);
    expect(parser.mode).to.equal('whole');
    const result = parser.end();
    expect(result.table.rowCount).to.equal(501);
    expect(result.encoding).to.equal('windows-1252');
    const names = result.table.columns[0];
    expect(names.text.endsWith('Zoé')).to.equal(true);
  });

  it('in the worker, through openParseStream', async () => {
    const bytes = await bytesOf(FILES[1]);
    const whole = summary(parseBytes(bytes.slice(), { url: FILES[1] }));
    const stream = openParseStream({ url: FILES[1] });
    for (let at = 0; at < bytes.length; at += 65536) stream.push(bytes.slice(at, at + 65536));
    expect(summary(await stream.end())).to.deep.equal(whole);
    releaseWorkers();
  });

  it('an HTML page in a stream is a parse error, delivered by end() and never unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    try {
      const page = new TextEncoder().encode(
        '<!doctype html><html><body>' + '<p>x</p>'.repeat(60_000) + '</body></html>',
      );
      const stream = openParseStream({ url: 'page.csv', format: 'csv' });
      for (let at = 0; at < page.length; at += 65536) stream.push(page.slice(at, at + 65536));
      // Leave the worker time to look at the first chunks before the download "ends".
      await new Promise((r) => setTimeout(r, 300));
      let error: unknown;
      try {
        await stream.end();
      } catch (err) {
        error = err;
      }
      expect((error as { code?: string }).code).to.equal('parse');
      expect((error as { details?: { received?: string } }).details?.received).to.equal('html');
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      releaseWorkers();
    }
  });
});

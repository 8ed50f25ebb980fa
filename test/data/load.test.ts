import { expect } from '@open-wc/testing';
import { clearLoadCache, loadTable, type LoadProgress } from '../../src/data/load.ts';
import { liveWorkers, parseOffThread, releaseWorkers } from '../../src/data/parse-client.ts';
import { VitrineError } from '../../src/data/errors.ts';

const ANNUAIRE = '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv';
const LOT = '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv';

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

async function rejection(p: Promise<unknown>): Promise<VitrineError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(VitrineError);
    return err as VitrineError;
  }
  throw new Error('expected a rejection');
}

describe('loadTable', () => {
  beforeEach(() => clearLoadCache());

  it('the worker and the main thread give the same table', async () => {
    const bytes = await bytesOf(ANNUAIRE);
    expect(bytes.byteLength).to.be.greaterThan(256 * 1024);
    const progress: number[] = [];
    const inWorker = await parseOffThread(
      bytes.slice(),
      { url: ANNUAIRE },
      { worker: true, onProgress: (f) => progress.push(f) },
    );
    const inPlace = await parseOffThread(bytes.slice(), { url: ANNUAIRE }, { worker: false });
    expect(inWorker.table.rowCount).to.equal(996);
    expect(inWorker.table.rowCount).to.equal(inPlace.table.rowCount);
    expect(inWorker.table.columns.map((c) => [c.name, c.type, c.text.length])).to.deep.equal(
      inPlace.table.columns.map((c) => [c.name, c.type, c.text.length]),
    );
    expect(progress.length).to.be.greaterThan(0);
  });

  it('reports fetch and parse progress and the time it took', async () => {
    const seen: LoadProgress[] = [];
    const result = await loadTable(ANNUAIRE, { onProgress: (p) => seen.push(p) });
    expect(result.table.rowCount).to.equal(996);
    expect(result.elapsed).to.be.greaterThan(0);
    expect(result.url).to.equal(new URL(ANNUAIRE, location.href).href);
    expect(seen.some((p) => p.phase === 'fetch' && p.loaded! > 0)).to.equal(true);
    expect(seen.some((p) => p.phase === 'parse')).to.equal(true);
  });

  it('shares one load between callers and keeps it when one of them gives up', async () => {
    const a = new AbortController();
    const first = loadTable(LOT, { signal: a.signal });
    const second = loadTable(LOT);
    a.abort();
    expect((await rejection(first)).code).to.equal('abort');
    const result = await second;
    expect(result.table.rowCount).to.equal(13);
    // A later caller gets the same parsed table.
    expect((await loadTable(LOT)).table).to.equal(result.table);
  });

  it('cancels the shared work when every caller gives up, and a failure is not cached', async () => {
    const a = new AbortController();
    const p = loadTable(ANNUAIRE + '?delay=200', { signal: a.signal });
    a.abort();
    expect((await rejection(p)).code).to.equal('abort');
    const again = await loadTable(ANNUAIRE + '?delay=200');
    expect(again.table.rowCount).to.equal(996);
  });

  it('too-large: refuses a file over the limit', async () => {
    const err = await rejection(loadTable(ANNUAIRE, { maxBytes: 100_000 }));
    expect(err.code).to.equal('too-large');
    expect(err.details.limit).to.equal(100_000);
  });

  it('config: an invalid URL', async () => {
    const err = await rejection(loadTable('http://[::1', {}));
    expect(err.code).to.equal('config');
  });

  it('http and parse errors carry the URL', async () => {
    const err = await rejection(loadTable('/__status/500'));
    expect(err.code).to.equal('http');
    expect(err.details.status).to.equal(500);
    expect(err.url).to.include('/__status/500');
    const html = await rejection(loadTable('/test/fixtures/hostile/page.html', { format: 'csv' }));
    expect(html.code).to.equal('parse');
    const json = await rejection(loadTable('/test/fixtures/hostile/broken.json'));
    expect(json.code).to.equal('parse');
    const none = await rejection(loadTable('/test/fixtures/hostile/no-records.json'));
    expect(none.code).to.equal('empty');
  });

  it('keeps one warm worker between parses, and leaves none behind when cancelled or released', async () => {
    releaseWorkers();
    expect(liveWorkers()).to.equal(0);
    const bytes = await bytesOf(ANNUAIRE);
    await parseOffThread(bytes.slice(), { url: ANNUAIRE }, { worker: true });
    expect(liveWorkers()).to.equal(1);
    // Reused, not multiplied.
    await parseOffThread(bytes.slice(), { url: ANNUAIRE }, { worker: true });
    expect(liveWorkers()).to.equal(1);
    // A cancelled parse terminates its worker.
    const a = new AbortController();
    const p = parseOffThread(bytes.slice(), { url: ANNUAIRE }, { worker: true, signal: a.signal });
    a.abort();
    expect((await rejection(p)).code).to.equal('abort');
    expect(liveWorkers()).to.equal(0);
    await parseOffThread(bytes.slice(), { url: ANNUAIRE }, { worker: true });
    releaseWorkers();
    expect(liveWorkers()).to.equal(0);
  });
});

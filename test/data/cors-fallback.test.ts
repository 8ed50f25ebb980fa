import { expect } from '@open-wc/testing';
import { clearLoadCache, loadTable } from '../../src/data/load.ts';
import { VitrineError } from '../../src/data/errors.ts';

/**
 * A data.gouv.fr resource whose file server sends no CORS header, and the tabular API that serves
 * the same rows. No request leaves the machine: fetch is stubbed and answers with saved responses.
 */
// The resource of the saved API answer (resource_metadata_api2.json); its file is on static.data.gouv.fr.
const RID = 'aaaaaaaa-1111-bbbb-2222-cccccccccccc';
const RESOURCE_API = '/test/fixtures/api-responses/datagouv/resource_metadata_api2.json';
const RESOURCE = `https://www.data.gouv.fr/fr/datasets/r/${RID}`;
const TABULAR = '/test/fixtures/api-responses/datagouv/tabular_api_data.json';

function stubFetch(tabular: 'ok' | 'missing'): { calls: string[]; restore: () => void } {
  const original = window.fetch;
  const calls: string[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.mode ?? 'cors'} ${url}`);
    // The data.gouv.fr API answers with CORS headers.
    if (url.startsWith('https://www.data.gouv.fr/api/')) return original(RESOURCE_API, init);
    if (url.startsWith('https://www.data.gouv.fr/') || url.startsWith('https://static.data.gouv.fr/')) {
      // The browser refuses a cross-origin answer without CORS headers: a TypeError, like a
      // network failure; in no-cors mode the same request succeeds, opaquely.
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }
    if (url.startsWith('https://tabular-api.data.gouv.fr/')) {
      if (tabular === 'missing') return new Response('{"errors":["not found"]}', { status: 404 });
      return original(TABULAR, init);
    }
    return original(input, init);
  };
  return { calls, restore: () => (window.fetch = original) };
}

describe('CORS: a data.gouv.fr file read through the tabular API', () => {
  beforeEach(() => clearLoadCache());

  it('falls back to the tabular API when the file server sends no CORS header', async () => {
    const stub = stubFetch('ok');
    try {
      const result = await loadTable(RESOURCE);
      expect(result.via).to.equal('tabular');
      expect(result.dataUrl).to.include(`tabular-api.data.gouv.fr/api/resources/${RID}/data/`);
      expect(result.table.rowCount).to.equal(20);
      // The tabular API's own row id is not a column of the data.
      expect(result.table.columns.map((c) => c.name)).to.not.include('__id');
      expect(result.table.column('dataset.title')).to.exist;
      expect(stub.calls.some((c) => c.startsWith('no-cors '))).to.equal(true);
    } finally {
      stub.restore();
    }
  });

  it('says cors, and that the tabular API was tried, when it does not have the file either', async () => {
    const stub = stubFetch('missing');
    try {
      await loadTable(RESOURCE);
      throw new Error('expected a cors error');
    } catch (err) {
      expect(err).to.be.instanceOf(VitrineError);
      const e = err as VitrineError;
      expect(e.code).to.equal('cors');
      expect(e.details.triedTabular).to.equal(true);
      expect(e.url).to.include('static.data.gouv.fr');
    } finally {
      stub.restore();
    }
  });
});

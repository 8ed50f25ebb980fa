/**
 * The parts of the data layer that a page loads only when it needs them: the portal adapters
 * (skipped for a plain file URL) and the JSON reader (skipped for CSV). Skipping them must never
 * change a result. Nor may the English strings, fetched the first time an element is in English.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { resolveSource as resolveEagerly, type ResolveContext } from '../../src/data/portals/index.ts';
import { mayBePortalUrl, resolveSource } from '../../src/data/portals/resolve.ts';
import { JSON_READER_MISSING, parseBytes } from '../../src/data/parse.ts';
import { parseInPlace } from '../../src/data/parse-client.ts';
import { hasStrings, t } from '../../src/i18n/localize.ts';
import '../../src/components/table/table.ts';

const FETCHED = new Error('fetched');
/** Adapters that need a request reveal themselves by throwing FETCHED: the URL was theirs. */
const ctx: ResolveContext = {
  fetchJson: () => Promise.reject(FETCHED),
  base: 'https://www.ville.example/page/',
};

async function outcome(resolve: typeof resolveSource, url: string): Promise<unknown> {
  try {
    return await resolve(url, ctx);
  } catch (err) {
    if (err === FETCHED) return 'fetched';
    return `error: ${(err as Error).message}`;
  }
}

const SAMPLES = [
  'https://www.data.gouv.fr/fr/datasets/subventions/',
  'https://www.data.gouv.fr/fr/datasets/r/4babf5f2-6a9c-45b5-9144-ca5eae6a7a6d',
  'https://tabular-api.data.gouv.fr/api/resources/4babf5f2/data/',
  'https://data.rennesmetropole.fr/explore/dataset/budget/table/?refine.annee=2021',
  'https://data.example.fr/fr/explore/embed/dataset/x/',
  'https://data.example.fr/api/explore/v2.1/catalog/datasets/x/records?limit=20',
  'https://data.example.fr/api/records/1.0/search/?dataset=x',
  'https://ckan.example.org/dataset/budget/resource/38d6520a-1/download/budget.csv',
  'https://ckan.example.org/api/3/action/datastore_search?resource_id=1',
  'https://dkan.example.org/?q=dataset/budget',
  'https://github.com/o/r/blob/main/data/file.csv',
  'https://raw.githubusercontent.com/o/r/main/data/file.csv',
  'https://gitlab.com/g/p/-/blob/main/file.csv',
  'https://forge.example.org/g/p/-/blob/main/file.csv',
  'https://www.ville.example/files/budget-2023.csv',
  'https://www.ville.example/files/communes.geojson?v=2',
  '/data/subventions.csv',
  'data/observatoire.json',
  'https://www.ville.example/download?id=12',
];

describe('portal adapters, loaded only for portal URLs', () => {
  it('gives the same answer as the adapters for every sample, and skips them only for plain files', async () => {
    for (const url of SAMPLES) {
      const eager = await outcome(resolveEagerly, url);
      expect(await outcome(resolveSource, url), url).to.deep.equal(eager);
      const portal = eager === 'fetched' || (eager as { portal?: string }).portal !== 'file';
      if (portal) expect(mayBePortalUrl(new URL(url, ctx.base)), url).to.equal(true);
    }
    expect(mayBePortalUrl(new URL('https://www.ville.example/files/budget-2023.csv'))).to.equal(false);
    expect(mayBePortalUrl(new URL('https://www.ville.example/download?id=12'))).to.equal(false);
  });

  it('never skips a URL that an adapter claims (random URLs built from the words adapters look for)', async () => {
    const host = fc.constantFrom(
      'github.com',
      'www.github.com',
      'raw.githubusercontent.com',
      'gitlab.com',
      'gitlab.example.org',
      'www.data.gouv.fr',
      'data.gouv.fr',
      'demo.data.gouv.fr',
      'tabular-api.data.gouv.fr',
      'explore.data.gouv.fr',
      'data.example.fr',
      'ckan.example.org',
    );
    const segment = fc.constantFrom(
      'api',
      'explore',
      'embed',
      'dataset',
      'datasets',
      'resource',
      'resources',
      'download',
      'files',
      'r',
      'fr',
      '-',
      'blob',
      'raw',
      'main',
      'catalog',
      'records',
      'exports',
      'csv',
      'v2.1',
      'v2',
      '1',
      '2',
      '3',
      'action',
      'datastore_search',
      'package_show',
      'data',
      'x',
      'budget.csv',
      'organizations',
    );
    const query = fc.constantFrom(
      '',
      '?q=dataset/budget',
      '?resource_id=1',
      '?url=https://f.example/a.csv',
      '?limit=5',
    );
    await fc.assert(
      fc.asyncProperty(host, fc.array(segment, { maxLength: 7 }), query, async (h, segs, q) => {
        const url = `https://${h}/${segs.join('/')}${q}`;
        const eager = await outcome(resolveEagerly, url);
        const lazy = await outcome(resolveSource, url);
        expect(lazy, url).to.deep.equal(eager);
        const portal =
          eager === 'fetched' || typeof eager === 'string' || (eager as { portal: string }).portal !== 'file';
        if (portal) expect(mayBePortalUrl(new URL(url)), url).to.equal(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('JSON reader, loaded only for JSON', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  // Runs first in this file's page: nothing has registered the reader yet.
  it('is not part of the CSV parser: parsing JSON without it says so, parsing CSV works', () => {
    expect(() => parseBytes(bytes('[{"a": 1}]'), {})).to.throw(JSON_READER_MISSING.message);
    expect(parseBytes(bytes('a;b\n1;2\n'), {}).table.rowCount).to.equal(1);
  });

  it('is fetched by parse-client when the bytes did not announce JSON, and the file is read', async () => {
    // 5,000 spaces before the document: past what parse-client looks at before parsing.
    const result = await parseInPlace(bytes(`${' '.repeat(5000)}[{"commune": "Rennes", "population": 222485}]`), {});
    expect(result.format).to.equal('json');
    expect(result.table.rowCount).to.equal(1);
    expect(result.table.columns.map((c) => c.name)).to.deep.equal(['commune', 'population']);
  });
});

describe('English strings, loaded the first time an element is in English', () => {
  it('are not there before, and the first render of an English element is already in English', async () => {
    expect(hasStrings('en')).to.equal(false);
    expect(t('en', 'loading')).to.equal(t('fr', 'loading')); // French until loaded
    const el = document.createElement('vitrine-table');
    el.lang = 'en';
    el.src = '/test/fixtures/nothing-here.csv';
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(hasStrings('en')).to.equal(true);
      const shown = el.shadowRoot!.textContent ?? '';
      expect(t('en', 'loading')).to.not.equal(t('fr', 'loading'));
      expect(shown).to.not.include(t('fr', 'loading'));
      const error = await new Promise<CustomEvent<{ message: string }>>((resolve) =>
        el.addEventListener('vitrine-error', (e) => resolve(e as CustomEvent<{ message: string }>), { once: true }),
      );
      // The missing file's message, in English, in the event and in the element.
      expect(error.detail.message).to.equal(t('en', 'error.http404'));
      expect(el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.include(t('en', 'error.http404'));
    } finally {
      el.remove();
    }
  });
});

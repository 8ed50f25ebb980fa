/**
 * The catalogue data layer of `<vitrine-cards>`: rich text to plain text, licence labels, reading
 * catalogue pages of data.gouv.fr, CKAN/DKAN and Opendatasoft, and building first-page API URLs.
 * Expected values were read from the fixture files (see each folder's SOURCES.md), not from this
 * code's output.
 */
import { expect } from '@open-wc/testing';
import { VitrineError } from '../../src/data/errors.ts';
import { rejection } from '../helpers/rejection.ts';
import {
  DESCRIPTION_MAX,
  LICENSE_EN,
  catalogApi,
  licenseOf,
  readCatalog,
  richTextToPlain,
  type CatalogApi,
  type CatalogDataset,
  type CatalogPage,
  type CatalogQuery,
} from '../../src/data/catalog/index.ts';

type Rec = Record<string, unknown>;

const cache = new Map<string, unknown>();
async function fixture(path: string): Promise<Rec> {
  if (!cache.has(path)) {
    const res = await fetch(`/test/fixtures/${path}`);
    if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
    cache.set(path, await res.json());
  }
  return structuredClone(cache.get(path)) as Rec;
}

function page(doc: unknown, url: string): CatalogPage {
  const p = readCatalog(doc, url);
  if (!p) throw new Error(`not read as a catalogue: ${url}`);
  return p;
}

function byTitle(p: CatalogPage, title: string): CatalogDataset {
  const d = p.datasets.find((x) => x.title === title);
  if (!d) throw new Error(`no dataset "${title}" in ${p.datasets.map((x) => x.title).join(' | ')}`);
  return d;
}

/** Every plain-text string of a dataset: what a card shows. */
function texts(d: CatalogDataset): string[] {
  return [
    d.id,
    d.title,
    d.description,
    d.publisher ?? '',
    d.license?.id ?? '',
    d.license?.label ?? '',
    ...d.tags,
    ...d.formats,
  ];
}

const MARKUP = /<\/?[a-z][^>]*>|<script|onerror|onload|javascript:/i;

/** A fetchJson that answers only the URLs it is given and records every call. */
function stub(answers: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const fetchJson = async (url: string): Promise<unknown> => {
    calls.push(url);
    if (!(url in answers)) throw new Error(`unexpected fetch ${url}`);
    return structuredClone(answers[url]);
  };
  return { calls, fetchJson };
}

const Q = (q: Partial<CatalogQuery> = {}): CatalogQuery => ({ q: '', sort: 'relevance', pageSize: 20, ...q });

function api(src: string, base?: string): CatalogApi {
  const a = catalogApi(src, base);
  if (!a) throw new Error(`not a catalogue URL: ${src}`);
  return a;
}

async function first(src: string, query: Partial<CatalogQuery> = {}): Promise<string> {
  const { fetchJson, calls } = stub();
  const out = await api(src).firstPage(Q(query), fetchJson);
  expect(calls, 'no fetch').to.deep.equal([]);
  return out.url;
}

// ---------------------------------------------------------------------------------------------

describe('richTextToPlain', () => {
  it('removes Markdown and keeps the text a reader sees', () => {
    const md = [
      '# Titre *principal* #',
      '',
      'Du **gras**, de l’__important__, de l’*italique*, du _penché_ et du ~~barré~~.',
      'Un [lien](https://example.fr/a_(b)) et une image ![carte des communes](https://example.fr/c.png).',
      'Une adresse <https://www.data.gouv.fr/fr/> et <contact@exemple.fr>, un [renvoi][doc] et [doc].',
      '',
      '[doc]: https://example.fr/doc "Documentation"',
      '',
      '> Une citation',
      '> sur deux lignes',
      '',
      '- premier',
      '* deuxième',
      '+ troisième',
      '1. un',
      '2) deux',
      '',
      '---',
      '',
      '| code | nom |',
      '|:-----|----:|',
      '| 35238 | Rennes |',
      '',
      'Le code `code_insee` et',
      '```sql',
      'SELECT nom_commune FROM communes;',
      '```',
      'javascript:alert(1) reste du texte, comme snake_case_name et 2*3*4.',
    ].join('\n');
    expect(richTextToPlain(md, 1000)).to.deep.equal({
      text:
        'Titre principal Du gras, de l’important, de l’italique, du penché et du barré. ' +
        'Un lien et une image carte des communes. ' +
        'Une adresse https://www.data.gouv.fr/fr/ et contact@exemple.fr, un renvoi et doc. ' +
        'Une citation sur deux lignes premier deuxième troisième un deux code nom 35238 Rennes ' +
        'Le code code_insee et SELECT nom_commune FROM communes; ' +
        'javascript:alert(1) reste du texte, comme snake_case_name et 2*3*4.',
      truncated: false,
    });
  });

  it('removes HTML: script, style, template and comments with their content; blocks become spaces', () => {
    const html =
      '<h2>Budget&nbsp;2024</h2><p>Les <b>d&eacute;penses</b> et<br>les <a href="javascript:alert(1)" title="a>b">recettes</a>.</p>' +
      '<script type="text/javascript">window.__x = "<p>non</p>";</script><style>p { color: red }</style>' +
      '<template><p>jamais</p></template><!-- <p>commentaire</p> --><ul><li>un</li><li>deux</li></ul>' +
      '<table><tr><td>a</td><td>b</td></tr></table><img src=x onerror="alert(1)">fin';
    expect(richTextToPlain(html).text).to.equal('Budget\u00a02024 Les dépenses et les recettes. un deux a b fin');
  });

  it('decodes entities once: named, decimal and hexadecimal', () => {
    expect(
      richTextToPlain(
        '&eacute;t&eacute; &Eacute;cole &ccedil;a &agrave; l&rsquo;&oelig;il &#233;&#xE9;&#XE9; &euro; &laquo;&nbsp;x&nbsp;&raquo;',
      ).text,
    ).to.equal('été École ça à l’œil ééé € «\u00a0x\u00a0»');
    // Encoded markup is text the author wanted shown; it is decoded once, not parsed again.
    expect(richTextToPlain('&lt;b&gt;gras&lt;/b&gt; &amp;lt; &amp;amp;').text).to.equal('<b>gras</b> &lt; &amp;');
    expect(richTextToPlain('&inconnu; &#0; &#xD800; &#99999999;').text).to.equal('&inconnu; \ufffd \ufffd &#99999999;');
  });

  it('collapses white space to one paragraph and keeps a lone no-break space', () => {
    expect(richTextToPlain('  un\r\n\r\n\tdeux   trois\u2028quatre\n n°\u00a05 prix\u202f: 3  ').text).to.equal(
      'un deux trois quatre n°\u00a05 prix\u202f: 3',
    );
  });

  it('keeps a < that opens no tag, and drops an unterminated tag or script to the end', () => {
    expect(richTextToPlain('a < b et x<3 et 5 <= 6').text).to.equal('a < b et x<3 et 5 <= 6');
    expect(richTextToPlain('Texte <script>alert(1) et la suite').text).to.equal('Texte');
    expect(richTextToPlain('Texte <img src=x onerror="alert(1) suite').text).to.equal('Texte');
  });

  it('truncates on a word boundary with an ellipsis counted within max', () => {
    const words = Array.from({ length: 120 }, (_, i) => `mot${i}`).join(' ');
    const { text, truncated } = richTextToPlain(words);
    expect(truncated).to.equal(true);
    expect(text.length).to.be.at.most(DESCRIPTION_MAX);
    expect(text.endsWith('…')).to.equal(true);
    const head = text.slice(0, -1);
    expect(words.startsWith(head)).to.equal(true);
    expect(words[head.length]).to.equal(' ');
    expect(head.length).to.be.greaterThan(DESCRIPTION_MAX - 10);

    expect(richTextToPlain('Les données ouvertes de la commune', 20)).to.deep.equal({
      text: 'Les données…',
      truncated: true,
    });
    // A word longer than max is cut inside.
    expect(richTextToPlain('x'.repeat(50), 10)).to.deep.equal({ text: 'xxxxxxxxx…', truncated: true });
    // Exactly max characters: not cut.
    expect(richTextToPlain('a'.repeat(DESCRIPTION_MAX))).to.deep.equal({
      text: 'a'.repeat(DESCRIPTION_MAX),
      truncated: false,
    });
  });

  it('reads only a bounded prefix of a huge input', () => {
    const huge = '<p>Texte</p> '.repeat(100_000); // 1.3 MB
    const { text, truncated } = richTextToPlain(huge);
    expect(truncated).to.equal(true);
    expect(text.length).to.be.at.most(DESCRIPTION_MAX);
    expect(text.startsWith('Texte Texte')).to.equal(true);
    // A short text behind a long markup prefix is still marked as cut.
    const r = richTextToPlain(`<p title="${'x'.repeat(30_000)}">Fin</p>`);
    expect(r).to.deep.equal({ text: '', truncated: true });
  });

  it('anything but a string is empty', () => {
    for (const v of [undefined, null, 42, {}, ['a'], true]) {
      expect(richTextToPlain(v)).to.deep.equal({ text: '', truncated: false });
    }
    expect(richTextToPlain('')).to.deep.equal({ text: '', truncated: false });
  });
});

// ---------------------------------------------------------------------------------------------

describe('licenseOf', () => {
  it('labels data.gouv.fr ids', () => {
    const expected: [string, string][] = [
      ['lov2', 'Licence Ouverte 2.0'],
      ['fr-lo', 'Licence Ouverte 1.0'],
      ['odc-odbl', 'ODbL'],
      ['odc-by', 'ODC-By'],
      ['odc-pddl', 'ODC PDDL'],
      ['cc-by', 'CC BY'],
      ['cc-by-sa', 'CC BY-SA'],
      ['cc-zero', 'CC0'],
      ['notspecified', 'Licence non précisée'],
      ['other-open', 'Autre licence ouverte'],
      ['other-at', 'Autre licence avec attribution'],
      ['other-pd', 'Autre licence, domaine public'],
      ['other-closed', 'Licence non ouverte'],
      ['mpl-2.0', 'MPL 2.0'],
      ['apache-2.0', 'Apache 2.0'],
      ['gpl-3.0', 'GPL 3.0'],
      ['eupl-1.2', 'EUPL 1.2'],
    ];
    for (const [id, label] of expected) {
      const { labelEn, ...rest } = licenseOf(id)!;
      expect(rest, id).to.deep.equal({ id, label, known: true });
      // Proper nouns stay as they are in English; the generic labels get an English one.
      expect(labelEn, id).to.equal(LICENSE_EN[label]);
    }
    expect(licenseOf('notspecified')!.labelEn).to.equal('Licence not specified');
  });

  it('labels CKAN ids', () => {
    const expected: [string, string][] = [
      ['uk-ogl', 'OGL (UK)'],
      ['odc-odbl', 'ODbL'],
      ['cc-by', 'CC BY'],
      ['cc-by-sa', 'CC BY-SA'],
      ['cc-nc', 'CC BY-NC'],
      ['gfdl', 'GFDL'],
      ['notspecified', 'Licence non précisée'],
      ['other-nc', 'Autre licence, usage non commercial'],
      // CKAN 2.9+ ids
      ['CC-BY-4.0', 'CC BY 4.0'],
      ['CC-BY-SA-4.0', 'CC BY-SA 4.0'],
      ['CC0-1.0', 'CC0 1.0'],
      ['ODbL-1.0', 'ODbL 1.0'],
      ['OGL-UK-3.0', 'OGL 3.0'],
    ];
    for (const [id, label] of expected) expect(licenseOf(id)?.label, id).to.equal(label);
  });

  it('labels free text as Opendatasoft and DKAN give it, ignoring case and accents', () => {
    const expected: [string, string][] = [
      ['Licence Ouverte v2.0 (Etalab)', 'Licence Ouverte 2.0'],
      ['Licence Ouverte / Open Licence version 2.0', 'Licence Ouverte 2.0'],
      ['LICENCE OUVERTE 1.0', 'Licence Ouverte 1.0'],
      ['licence ouverte', 'Licence Ouverte'],
      ['Open Licence 2.0', 'Licence Ouverte 2.0'],
      ['etalab-2.0', 'Licence Ouverte 2.0'],
      ['Open Database License (ODbL)', 'ODbL'],
      ['ODbL', 'ODbL'],
      ['Licence ODbL 1.0', 'ODbL 1.0'],
      ['Open Government Licence v3.0', 'OGL 3.0'],
      ['UK Open Government Licence (OGL)', 'OGL (UK)'],
      ['CC BY 4.0', 'CC BY 4.0'],
      ['Creative Commons Attribution 4.0', 'CC BY 4.0'],
      ['Creative Commons Attribution-ShareAlike 4.0 International', 'CC BY-SA 4.0'],
      ['CC BY-NC-SA 3.0', 'CC BY-NC-SA 3.0'],
      ['Creative Commons Paternité', 'CC BY'],
      ['Open Data Commons Public Domain Dedication and License (PDDL)', 'ODC PDDL'],
      ['License not specified', 'Licence non précisée'],
      ['Licence non précisée', 'Licence non précisée'],
      ['Other (Not Open)', 'Licence non ouverte'],
      ['Domaine public', 'Domaine public'],
      ['http://www.etalab.gouv.fr/pages/Licence_ouverte_Open_licence-5899923.html', 'Licence Ouverte'],
    ];
    for (const [text, label] of expected)
      expect(licenseOf(text), text).to.deep.include({ id: text, label, known: true });
  });

  it('an unknown id keeps the portal words, trimmed and at most 80 characters', () => {
    expect(licenseOf('  licence-maison  ')).to.deep.equal({
      id: 'licence-maison',
      label: 'licence-maison',
      known: false,
    });
    const long = licenseOf('x'.repeat(200))!;
    expect(long.known).to.equal(false);
    expect(long.label.length).to.be.at.most(80);
    expect(licenseOf('constructor')).to.deep.equal({ id: 'constructor', label: 'constructor', known: false });
    expect(licenseOf('<b>maison</b>')).to.deep.equal({ id: 'maison', label: 'maison', known: false });
  });

  it('uses the title (CKAN license_title) when the id is unknown', () => {
    expect(licenseOf('licence-123', undefined, 'Creative Commons Attribution')).to.deep.equal({
      id: 'licence-123',
      label: 'CC BY',
      known: true,
    });
    expect(licenseOf('ville-x', undefined, 'Licence de la ville X')).to.deep.equal({
      id: 'ville-x',
      label: 'Licence de la ville X',
      known: false,
    });
    expect(licenseOf(undefined, undefined, 'Licence Ouverte')?.label).to.equal('Licence Ouverte');
  });

  it('keeps the licence URL only when it is http(s)', () => {
    expect(licenseOf('uk-ogl', 'http://reference.data.gov.uk/id/open-government-licence')?.url).to.equal(
      'http://reference.data.gov.uk/id/open-government-licence',
    );
    expect(licenseOf('lov2', 'javascript:alert(1)')).to.deep.equal({
      id: 'lov2',
      label: 'Licence Ouverte 2.0',
      known: true,
    });
    expect(licenseOf('lov2', 'data:text/html,x')?.url).to.equal(undefined);
    expect(licenseOf('lov2', 42)?.url).to.equal(undefined);
  });

  it('nothing given → undefined', () => {
    for (const v of [undefined, null, '', '   ', {}, [], true]) expect(licenseOf(v), String(v)).to.equal(undefined);
  });

  it('LICENSE_EN gives English labels for the generic labels only', () => {
    expect(LICENSE_EN[licenseOf('notspecified')!.label]).to.equal('Licence not specified');
    for (const id of ['other-open', 'other-at', 'other-pd', 'other-closed', 'other-nc', 'notspecified']) {
      expect(LICENSE_EN[licenseOf(id)!.label], id).to.be.a('string').and.not.equal(licenseOf(id)!.label);
    }
    for (const id of ['lov2', 'odc-odbl', 'cc-by', 'uk-ogl']) {
      expect(Object.hasOwn(LICENSE_EN, licenseOf(id)!.label), id).to.equal(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('readCatalog — data.gouv.fr', () => {
  const SEARCH = 'datagouv/api2_datasets_search_from_udata-front_storybook.json';
  const SEARCH_URL = 'https://www.data.gouv.fr/api/2/datasets/search/?page_size=20';

  it('API v2 search page: 20 datasets, total, next page, publisher, licences, resource counts', async () => {
    const p = page(await fixture(`api-responses/${SEARCH}`), SEARCH_URL);
    expect(p.portal).to.equal('datagouv');
    expect(p.datasets).to.have.length(20);
    expect(p.total).to.equal(10000);
    expect(p.next).to.equal(
      'https://www.data.gouv.fr/api/2/datasets/search/?viewMode=story&id=components-search--default-search&page_size=20&page=2',
    );
    const sirene = p.datasets[0];
    expect(sirene).to.deep.include({
      id: '5b7ffc618b4c4169d30727e0',
      title: 'Base Sirene des entreprises et de leurs établissements (SIREN, SIRET)',
      publisher: 'Institut National de la Statistique et des Etudes Economiques (Insee)',
      updated: '2024-09-01T06:41:18+00:00',
      resourceCount: 18,
      url: 'https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/',
      portal: 'datagouv',
      truncated: true,
    });
    expect(sirene.license).to.deep.equal({ id: 'lov2', label: 'Licence Ouverte 2.0', known: true });
    expect(sirene.formats).to.deep.equal([]); // API v2 links to the resources: formats unknown
    expect(sirene.tags).to.include('sirene');
    expect(sirene.description.length).to.be.at.most(DESCRIPTION_MAX);
    expect(
      sirene.description.startsWith(
        "• Pour vous abonner à notre lettre d'information Sirene open data actualités, cliquez ici",
      ),
    ).to.equal(true);
    expect(sirene.description).not.to.match(/\*\*|\]\(|\n/);

    expect(byTitle(p, 'Population').license).to.deep.equal({ id: 'fr-lo', label: 'Licence Ouverte 1.0', known: true });
    expect(byTitle(p, 'Base Adresse Nationale').resourceCount).to.equal(1);
    // Every dataset of this page is under lov2 or fr-lo.
    expect(new Set(p.datasets.map((d) => d.license?.label))).to.deep.equal(
      new Set(['Licence Ouverte 2.0', 'Licence Ouverte 1.0']),
    );
  });

  it('API v1 dataset object: one dataset, formats from the resources, the page as url', async () => {
    const p = page(
      await fixture('api-responses/datagouv/dataset_metadata.json'),
      'https://www.data.gouv.fr/api/1/datasets/catalogue-des-donnees-de-data-gouv-fr/',
    );
    expect(p.datasets).to.have.length(1);
    expect(p.datasets[0]).to.deep.include({
      title: 'Catalogue des données de data.gouv.fr',
      publisher: 'data.gouv.fr',
      formats: ['CSV'],
      resourceCount: 8,
      url: 'https://www.data.gouv.fr/fr/datasets/catalogue-des-donnees-de-data-gouv-fr/',
      updated: '2025-04-07T08:15:30.581000+00:00',
    });
    expect(p.datasets[0].license?.label).to.equal('Licence Ouverte 2.0');
    expect(
      p.datasets[0].description.startsWith('La plateforme data.gouv.fr est le portail unique interministériel'),
    ).to.equal(true);
    expect(p.next).to.equal(undefined);
  });

  it('an API v1 list page: formats normalised, description_short preferred, owner as publisher', async () => {
    const doc = await fixture('api-responses/datagouv/dataset_metadata.json');
    doc.resources = [
      { format: 'csv' },
      { format: 'geojson' },
      { format: 'JSON' },
      { format: 'xlsx' },
      { format: 'zip' },
      { format: 'pdf' },
      { format: '' },
      { format: 'CSV' },
    ];
    doc.description_short = 'Le *catalogue* en bref.';
    doc.organization = null;
    doc.owner = { first_name: 'Jeanne', last_name: 'Dupont' };
    const list = {
      data: [doc],
      page: 2,
      page_size: 1,
      total: 3,
      next_page: 'https://www.data.gouv.fr/api/1/datasets/?page=3&page_size=1',
      previous_page: 'https://www.data.gouv.fr/api/1/datasets/?page=1&page_size=1',
    };
    const p = page(list, 'https://www.data.gouv.fr/api/1/datasets/?page=2&page_size=1');
    expect(p.datasets[0]).to.deep.include({
      formats: ['CSV', 'GeoJSON', 'JSON', 'XLSX', 'ZIP', 'PDF'],
      resourceCount: 8,
      description: 'Le catalogue en bref.',
      truncated: false,
      publisher: 'Jeanne Dupont',
    });
    expect(p.total).to.equal(3);
    expect(p.next).to.equal('https://www.data.gouv.fr/api/1/datasets/?page=3&page_size=1');
  });

  it('an empty list of datasets is an empty catalogue; other lists are not catalogues', () => {
    const empty = { data: [], page: 1, page_size: 20, total: 0, next_page: null };
    expect(readCatalog(empty, 'https://www.data.gouv.fr/api/1/datasets/?organization=x')).to.deep.equal({
      portal: 'datagouv',
      datasets: [],
      total: 0,
    });
    expect(readCatalog(empty, 'https://www.data.gouv.fr/api/1/reuses/')).to.equal(undefined);
    const reuses = {
      data: [
        { id: 'r1', title: 'Une réutilisation', page: 'https://x.fr/', slug: 'r', organization: {}, datasets: [] },
      ],
      page: 1,
      total: 1,
    };
    expect(readCatalog(reuses, 'https://www.data.gouv.fr/api/1/reuses/')).to.equal(undefined);
  });

  it('the organisation object, the tabular API and arbitrary records are not catalogues', async () => {
    const org = await fixture('api-responses/datagouv/organization_metadata.json');
    expect(readCatalog(org, 'https://www.data.gouv.fr/api/1/organizations/data-gouv-fr/')).to.equal(undefined);
    const tabular = await fixture('api-responses/datagouv/tabular_api_data.json');
    expect(readCatalog(tabular, 'https://tabular-api.data.gouv.fr/api/resources/x/data/')).to.equal(undefined);
    const resource = await fixture('api-responses/datagouv/resource_metadata_api1.json');
    expect(readCatalog(resource, 'https://www.data.gouv.fr/api/1/datasets/d/resources/r/')).to.equal(undefined);
    for (const doc of [
      null,
      'text',
      42,
      [],
      [{ id: 'a', title: 'b', license: 'lov2', page: 'https://x.fr/' }],
      { id: 'a', title: 'b' },
      { id: 1, title: 'Une ligne', page: 'x', slug: 'y' },
      { id: 'a', title: 'b', license: 'lov2' }, // one key of a dataset is not enough
      { data: [{ id: 'a', title: 'b' }], page: 1, total: 1 },
    ]) {
      expect(readCatalog(doc, 'https://example.fr/data.json'), JSON.stringify(doc)).to.equal(undefined);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('readCatalog — CKAN and DKAN', () => {
  const BIRMINGHAM = 'https://data.birmingham.gov.uk/api/3/action/package_search?q=purchase+card';

  it('package_search (Birmingham): 10 datasets of 38, next page, formats, licence, dataset page', async () => {
    const p = page(await fixture('api-responses/ckan/package_search_birmingham.json'), BIRMINGHAM);
    expect(p.portal).to.equal('ckan');
    expect(p.datasets).to.have.length(10);
    expect(p.total).to.equal(38);
    const next = new URL(p.next!);
    expect(next.origin + next.pathname).to.equal('https://data.birmingham.gov.uk/api/3/action/package_search');
    expect(next.searchParams.get('start')).to.equal('10');
    expect(next.searchParams.get('q')).to.equal('purchase card');
    const d = p.datasets[0];
    expect(d).to.deep.include({
      id: 'cf552d08-cee9-43bf-8c0f-3196a9311799',
      title: 'Purchase Card Transactions',
      publisher: 'Birmingham City Council',
      formats: ['XLS'], // 45 resources: 43 "XLS" and 2 with an empty format
      resourceCount: 45,
      updated: '2021-01-15T10:25:28.638659',
      url: 'https://data.birmingham.gov.uk/dataset/purchase-card-transactions',
      tags: ['payments', 'purchase card'],
    });
    expect(d.license).to.deep.equal({
      id: 'uk-ogl',
      label: 'OGL (UK)',
      known: true,
      url: 'http://reference.data.gov.uk/id/open-government-licence',
    });
    expect(
      d.description.startsWith('Under the Code of Recommended Practice for Local Authorities on Data Transparency'),
    ).to.equal(true);
    expect(d.truncated).to.equal(true);
    expect(byTitle(p, 'April 2021 Purchase Card Transactions')).to.deep.include({ formats: ['XLS'], resourceCount: 1 });
  });

  it('package_search paging: start + rows against count, under a path prefix', async () => {
    const doc = await fixture('api-responses/ckan/package_search_birmingham.json');
    expect(page(doc, 'https://data.birmingham.gov.uk/api/3/action/package_search?rows=10&start=20').next).to.equal(
      'https://data.birmingham.gov.uk/api/3/action/package_search?rows=10&start=30',
    );
    expect(page(doc, 'https://data.birmingham.gov.uk/api/3/action/package_search?rows=10&start=30').next).to.equal(
      undefined,
    );
    const prefixed = page(doc, 'https://example.org/data/api/action/package_search');
    expect(prefixed.datasets[0].url).to.equal('https://example.org/data/dataset/purchase-card-transactions');
    const empty = { success: true, result: { count: 38, results: [] } };
    expect(page(empty, 'https://data.birmingham.gov.uk/api/3/action/package_search?start=40')).to.deep.equal({
      portal: 'ckan',
      datasets: [],
      total: 38,
    });
  });

  it('package_show of CKAN (an object) and of DKAN (a list of one package)', async () => {
    const search = await fixture('api-responses/ckan/package_search_birmingham.json');
    const pkg = (search.result as { results: unknown[] }).results[0];
    const show = page({ success: true, result: pkg }, 'https://data.birmingham.gov.uk/api/3/action/package_show?id=x');
    expect(show.datasets).to.have.length(1);
    expect(show.datasets[0].url).to.equal('https://data.birmingham.gov.uk/dataset/purchase-card-transactions');

    const dkan = page(
      await fixture('api-responses/ckan/dkan_package_show_hautsdefrance.json'),
      'https://opendata.hautsdefrance.fr/api/3/action/package_show?id=antennes-regionales-de-la-region-hauts-de-france-au-01102019-0',
    );
    expect(dkan.datasets).to.have.length(1);
    const d = dkan.datasets[0];
    expect(d).to.deep.include({
      title: 'Antennes régionales de la Région Hauts-de-France (au 01/10/2019)',
      publisher: 'Opendata de la Région Hauts-de-France', // no organisation, no author: the maintainer
      description: 'Liste et coordonnées des antennes de proximité du conseil régional Hauts-de-France.',
      truncated: false,
      formats: ['XLSX'],
      resourceCount: 2,
      updated: '2019-09-30 22:00:00',
      url: 'https://opendata.hautsdefrance.fr/dataset/antennes-regionales-de-la-region-hauts-de-france-au-01102019-0',
    });
    expect(d.license).to.deep.include({ label: 'Licence Ouverte', known: true });
    expect(d.license?.url).to.equal('http://www.etalab.gouv.fr/pages/Licence_ouverte_Open_licence-5899923.html');
    expect(d.tags).to.have.length(13);
    expect(d.tags[0]).to.equal('ADMINISTRATION');
  });

  it('datastore_search and resource lists are not catalogues', async () => {
    const ds = await fixture('api-responses/ckan/datastore_search_odaa_aarhus.json');
    expect(readCatalog(ds, 'https://www.odaa.dk/api/3/action/datastore_search?resource_id=x')).to.equal(undefined);
    const resources = {
      success: true,
      result: {
        count: 1,
        results: [{ id: 'r', name: 'f.csv', url: 'https://x/f.csv', format: 'CSV', package_id: 'p' }],
      },
    };
    expect(readCatalog(resources, 'https://x/api/3/action/resource_search?query=name:f')).to.equal(undefined);
    expect(
      readCatalog({ success: true, result: { count: 0, results: [] } }, 'https://x/api/3/action/resource_search'),
    ).to.equal(undefined);
    expect(readCatalog({ success: true, result: ['a', 'b'] }, 'https://x/api/3/action/package_list')).to.equal(
      undefined,
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('readCatalog — Opendatasoft', () => {
  const CATALOG = 'api-responses/opendatasoft/catalog_datasets_v2.1.json';
  const API = 'https://data.example.fr/api/explore/v2.1/catalog/datasets';
  const TITLES = [
    'World Administrative Boundaries - Countries and Territories',
    'Geonames - All Cities with a population > 1000',
    'Sanisettes',
    'Déchèteries et plateformes de végétaux de Rennes Métropole',
    "Annuaire de l'éducation",
  ];

  it('Explore v2.1 catalogue: titles, publishers, licences, dates, formats, pages', async () => {
    const p = page(await fixture(CATALOG), `${API}?limit=10`);
    expect(p.portal).to.equal('opendatasoft');
    expect(p.total).to.equal(5);
    expect(p.next).to.equal(undefined);
    expect(p.datasets.map((d) => d.title)).to.deep.equal(TITLES);

    const world = p.datasets[0];
    expect(world).to.deep.include({
      id: 'world-administrative-boundaries-countries-and-territories',
      publisher: 'World Food Programme (UN agency)',
      updated: '2021-06-23T14:59:57+00:00',
      formats: ['CSV', 'JSON', 'GeoJSON'],
      url: 'https://data.example.fr/explore/dataset/world-administrative-boundaries-countries-and-territories/',
      description:
        'This dataset displays level 0 world administrative boundaries. It contains countries as well as non-sovereign territories (like, for instance, French overseas).',
      truncated: false,
    });
    expect(world.resourceCount).to.equal(undefined); // exports of one table, not files
    expect(world.license).to.deep.equal({
      id: 'Open Government Licence v3.0',
      label: 'OGL 3.0',
      known: true,
      url: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    });
    expect(world.tags).to.deep.equal([
      'United Nation',
      'ISO-3 code',
      'Countries',
      'Territories',
      'Shape',
      'Boundaries',
    ]);

    const geonames = p.datasets[1];
    expect(geonames).to.deep.include({ description: '', truncated: false, tags: [] });
    expect(geonames.publisher).to.equal(undefined);
    expect(geonames.license).to.equal(undefined);
    expect(geonames.updated).to.equal('2021-06-23T14:37:45+00:00');

    const sanisettes = byTitle(p, 'Sanisettes');
    expect(sanisettes).to.deep.include({
      publisher: "Direction de la Propreté et de l'Eau",
      updated: '2022-01-04T17:45:18+00:00',
      url: 'https://data.example.fr/explore/dataset/sanisettesparis/',
      formats: ['CSV', 'JSON', 'GeoJSON'],
    });
    expect(sanisettes.license).to.deep.include({ label: 'ODbL', known: true });
    expect(sanisettes.description).to.equal(
      "Localisation des sanisettes (toilettes publiques) de la Ville de Paris\u00a0: adresse, arrondissement, horaires d'ouverture et accès aux personnes à mobilité réduite (PMR). Type d'équipement Horaires Accessibilité PMR et relais bébé",
    );

    const rennes = byTitle(p, TITLES[3]);
    expect(rennes.license?.label).to.equal('Licence Ouverte 2.0');
    expect(rennes.updated).to.equal(undefined);
    expect(rennes.publisher).to.equal('Rennes Métropole');

    const education = byTitle(p, "Annuaire de l'éducation");
    expect(education).to.deep.include({
      id: 'fr-en-annuaire-education',
      publisher: "Ministère de l'Éducation nationale",
      updated: '2023-06-08T00:00:00+00:00', // modified is null: data_processed
    });
    expect(education.license).to.deep.include({ id: 'Licence Ouverte v2.0 (Etalab)', label: 'Licence Ouverte 2.0' });
    for (const d of p.datasets) for (const t of texts(d)) expect(t).not.to.match(MARKUP);
  });

  it('Explore v2.1 paging by offset and limit', async () => {
    const doc = await fixture(CATALOG);
    const two = { total_count: 5, results: (doc.results as unknown[]).slice(0, 2) };
    expect(page(two, `${API}?limit=2&offset=0&order_by=title%20asc`).next).to.equal(
      `${API}?limit=2&offset=2&order_by=title+asc`,
    );
    expect(page(two, `${API}?limit=2&offset=4`).next).to.equal(undefined);
    expect(page(two, API).next).to.equal(undefined); // default limit 10 ≥ 5
  });

  it('Explore v2.0 (`datasets[].dataset`, links) and API v1 (`nhits`, flat metas)', async () => {
    const doc = await fixture(CATALOG);
    const results = doc.results as Rec[];
    const v20 = {
      total_count: 5,
      links: [
        { rel: 'self', href: 'https://data.example.fr/api/v2/catalog/datasets?limit=5' },
        { rel: 'next', href: 'https://data.example.fr/api/v2/catalog/datasets?limit=5&offset=5' },
      ],
      datasets: results.map((d) => ({ links: [], dataset: d })),
    };
    const p20 = page(v20, 'https://data.example.fr/api/v2/catalog/datasets?limit=5');
    expect(p20.datasets.map((d) => d.title)).to.deep.equal(TITLES);
    expect(p20.next).to.equal('https://data.example.fr/api/v2/catalog/datasets?limit=5&offset=5');

    const v1 = {
      nhits: 12,
      parameters: {},
      datasets: results.map((d) => ({
        datasetid: d.dataset_id,
        metas: (d.metas as Rec).default,
        features: d.features,
        has_records: true,
      })),
    };
    const p1 = page(v1, 'https://data.example.fr/api/datasets/1.0/search/?rows=5');
    expect(p1.datasets.map((d) => d.title)).to.deep.equal(TITLES);
    expect(p1.datasets[2].url).to.equal('https://data.example.fr/explore/dataset/sanisettesparis/');
    expect(p1.total).to.equal(12);
    expect(p1.next).to.equal('https://data.example.fr/api/datasets/1.0/search/?rows=5&start=5');
    const keywords = page({ nhits: 1, datasets: [{ datasetid: 'x', metas: { title: 'X', keyword: 'a; b,c' } }] }, API);
    expect(keywords.datasets[0].tags).to.deep.equal(['a', 'b', 'c']);
  });

  it('a federated id keeps its @; a dataset without records has no export formats', () => {
    const doc = {
      total_count: 1,
      results: [{ dataset_id: 'a@b', has_records: false, metas: { default: { title: 'A' } }, features: ['geo'] }],
    };
    const d = page(doc, 'https://data.opendatasoft.com/api/explore/v2.1/catalog/datasets').datasets[0];
    expect(d.url).to.equal('https://data.opendatasoft.com/explore/dataset/a@b/');
    expect(d.formats).to.deep.equal([]);
  });

  it('the records API is not a catalogue', () => {
    const records = { total_count: 2, results: [{ nom: 'a' }, { nom: 'b' }] };
    expect(readCatalog(records, `${API}/sanisettesparis/records`)).to.equal(undefined);
    expect(readCatalog({ total_count: 0, results: [] }, `${API}/sanisettesparis/records`)).to.equal(undefined);
    expect(readCatalog({ total_count: 0, results: [] }, API)).to.deep.equal({
      portal: 'opendatasoft',
      datasets: [],
      total: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('readCatalog — hostile catalogue', () => {
  const URL_ = 'https://www.data.gouv.fr/api/1/datasets/?page_size=4';

  it('no markup, no script, no javascript: link survives; the 1 MB description is cut', async () => {
    const p = page(await fixture('hostile/catalog-hostile.json'), URL_);
    expect(p.datasets).to.have.length(4);
    expect(p.total).to.equal(4);
    expect(p.next).to.equal(undefined); // next_page is javascript:

    const all = JSON.stringify(p);
    for (const bad of [
      '<script',
      'onerror',
      'onload',
      'javascript:',
      '__pwnedCards',
      'data:text',
      '<img',
      '<svg',
      '<iframe',
    ]) {
      expect(all, bad).not.to.include(bad);
    }
    for (const d of p.datasets) for (const t of texts(d)) expect(t).not.to.match(/<\/?[a-z]/i);

    const [budget, subventions, deliberations, marches] = p.datasets;
    expect(budget).to.deep.include({
      title: 'Budget primitif 2024',
      description: 'Budget Voir le détail et le PDF.',
      formats: ['CSV'],
      resourceCount: 3,
      tags: ['budget', '42'],
    });
    expect(budget.url).to.equal(undefined); // javascript:
    expect(budget.publisher).to.equal(undefined); // null organisation, null owner
    expect(budget.license).to.deep.equal({
      id: 'licence-maison-ville-de-x',
      label: 'licence-maison-ville-de-x',
      known: false,
    });

    expect(subventions).to.deep.include({
      title: 'Subventions aux associations',
      description: '',
      truncated: false,
      publisher: 'Mairie de Exemple',
      url: 'https://www.data.gouv.fr/fr/datasets/subventions/',
      updated: '2024-02-01T08:00:00+00:00',
      formats: [],
      resourceCount: 3,
      tags: [],
    });

    expect(deliberations.url).to.equal(undefined); // data: URL
    expect(deliberations.truncated).to.equal(true);
    expect(deliberations.description.length).to.be.at.most(DESCRIPTION_MAX);
    expect(deliberations.description.startsWith('Délibération n°\u00a012 voir été Délibération')).to.equal(true);
    expect(deliberations.description.endsWith('…')).to.equal(true);

    expect(marches).to.deep.include({
      title: 'Marchés publics',
      description: 'Liste des marchés.',
      publisher: 'Jeanne Dupont',
      formats: ['GeoJSON'],
      resourceCount: 3,
      tags: ['pas une liste'],
      url: 'https://www.data.gouv.fr/fr/datasets/marches/',
    });
    expect(marches.license).to.equal(undefined);
    expect(marches.updated).to.equal(undefined); // a number, not a date string
  });
});

// ---------------------------------------------------------------------------------------------

describe('catalogApi — data.gouv.fr', () => {
  const ORG_API = 'https://www.data.gouv.fr/api/1/organizations/data-gouv-fr/';
  const ORG_ID = '646b7187b50b2a93b1ae3d45';

  it('organisation page → the organisation object → /api/1/datasets/?organization=<id>', async () => {
    const org = await fixture('api-responses/datagouv/organization_metadata.json');
    for (const src of [
      'https://www.data.gouv.fr/fr/organizations/data-gouv-fr/',
      'https://www.data.gouv.fr/en/organizations/data-gouv-fr',
      'https://data.gouv.fr/organizations/data-gouv-fr/',
      'https://www.data.gouv.fr/api/1/organizations/data-gouv-fr/',
      'https://www.data.gouv.fr/api/1/organizations/data-gouv-fr/datasets/?page=2',
    ]) {
      const a = api(src);
      expect(a.portal).to.equal('datagouv');
      expect(a.supports).to.deep.equal({ search: true, sort: true });
      const { fetchJson, calls } = stub({ [ORG_API]: org });
      const out = await a.firstPage(Q({ sort: 'updated', pageSize: 12 }), fetchJson);
      expect(calls, src).to.deep.equal([ORG_API]);
      expect(out, src).to.deep.equal({
        url: `https://www.data.gouv.fr/api/1/datasets/?organization=${ORG_ID}&page_size=12&sort=-last_update`,
        publisher: 'data.gouv.fr',
      });
    }
    const { fetchJson } = stub({ [ORG_API]: org });
    const a = api('https://www.data.gouv.fr/fr/organizations/data-gouv-fr/');
    expect((await a.firstPage(Q({ sort: 'title', q: 'élus 2024' }), fetchJson)).url).to.equal(
      `https://www.data.gouv.fr/api/1/datasets/?organization=${ORG_ID}&page_size=20&sort=title&q=%C3%A9lus+2024`,
    );
    expect((await a.firstPage(Q({ pageSize: 500 }), fetchJson)).url).to.equal(
      `https://www.data.gouv.fr/api/1/datasets/?organization=${ORG_ID}&page_size=100`,
    );
  });

  it('demo.data.gouv.fr stays on demo; an answer that is not an organisation is a parse error', async () => {
    const demo = 'https://demo.data.gouv.fr/api/1/organizations/ma-commune/';
    const { fetchJson, calls } = stub({ [demo]: { id: 'abc123', name: 'Ma <b>commune</b>' } });
    const out = await api('https://demo.data.gouv.fr/fr/organizations/ma-commune/').firstPage(Q(), fetchJson);
    expect(calls).to.deep.equal([demo]);
    expect(out).to.deep.equal({
      url: 'https://demo.data.gouv.fr/api/1/datasets/?organization=abc123&page_size=20',
      publisher: 'Ma commune',
    });
    const bad = stub({ [ORG_API]: { message: 'Not found' } });
    const err = await rejection(
      api('https://www.data.gouv.fr/fr/organizations/data-gouv-fr/').firstPage(Q(), bad.fetchJson),
    );
    expect(err).to.be.instanceOf(VitrineError);
    expect((err as VitrineError).code).to.equal('parse');
    expect((err as VitrineError).url).to.equal(ORG_API);
  });

  it('dataset lists and searches keep their filters; page and page size are reset; sort and q from the query', async () => {
    const list =
      'https://www.data.gouv.fr/api/1/datasets/?organization=534fff81a3a7292c64a77e5c&tag=sirene&page=3&page_size=50&sort=-created';
    expect(await first(list)).to.equal(
      'https://www.data.gouv.fr/api/1/datasets/?organization=534fff81a3a7292c64a77e5c&tag=sirene&page_size=20',
    );
    expect(await first(list, { sort: 'updated', q: 'stock', pageSize: 5 })).to.equal(
      'https://www.data.gouv.fr/api/1/datasets/?organization=534fff81a3a7292c64a77e5c&tag=sirene&page_size=5&sort=-last_update&q=stock',
    );
    const search = 'https://www.data.gouv.fr/api/2/datasets/search/?q=sirene&page=2&format=csv';
    expect(await first(search, { sort: 'updated' })).to.equal(
      'https://www.data.gouv.fr/api/2/datasets/search/?format=csv&page_size=20&sort=-last_update&q=sirene',
    );
    expect(await first(search, { q: 'dvf' })).to.equal(
      'https://www.data.gouv.fr/api/2/datasets/search/?format=csv&page_size=20&q=dvf',
    );
    // API v2 search cannot sort by title: API v1 with the same filters.
    expect(await first(search, { sort: 'title' })).to.equal(
      'https://www.data.gouv.fr/api/1/datasets/?format=csv&page_size=20&sort=title&q=sirene',
    );
    expect(await first('https://www.data.gouv.fr/fr/datasets/?q=budget&organization=abc&page=4')).to.equal(
      'https://www.data.gouv.fr/api/1/datasets/?organization=abc&page_size=20&q=budget',
    );
    expect(await first('https://www.data.gouv.fr/datasets', { q: 'vélo', sort: 'title' })).to.equal(
      'https://www.data.gouv.fr/api/1/datasets/?page_size=20&sort=title&q=v%C3%A9lo',
    );
  });

  it('dataset pages, resources, files and other API URLs are not catalogues', () => {
    for (const src of [
      'https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/',
      'https://www.data.gouv.fr/fr/datasets/r/7ea59647-ce69-4b30-bf56-a63000ca9859',
      'https://www.data.gouv.fr/api/1/datasets/5d13a8b6634f41070a43dff3/',
      'https://www.data.gouv.fr/api/1/reuses/',
      'https://www.data.gouv.fr/fr/organizations/',
      'https://www.data.gouv.fr/fr/organizations/data-gouv-fr/reuses/',
      'https://static.data.gouv.fr/resources/x/export.csv',
      'https://tabular-api.data.gouv.fr/api/resources/abc/data/',
      'https://www.data.gouv.fr/',
    ]) {
      expect(catalogApi(src), src).to.equal(undefined);
    }
  });
});

describe('catalogApi — Opendatasoft', () => {
  const V21 = 'https://data.rennesmetropole.fr/api/explore/v2.1/catalog/datasets';

  it('the catalogue page /explore/ → Explore v2.1 catalogue with limit, offset, order_by, search', async () => {
    const a = api('https://data.rennesmetropole.fr/explore/');
    expect(a.portal).to.equal('opendatasoft');
    expect(a.supports).to.deep.equal({ search: true, sort: true });
    expect(await first('https://data.rennesmetropole.fr/explore/', { pageSize: 10, sort: 'updated' })).to.equal(
      `${V21}?limit=10&offset=0&order_by=modified+desc`,
    );
    expect(await first('https://data.rennesmetropole.fr/fr/explore/', { sort: 'title', q: 'vélo' })).to.equal(
      `${V21}?limit=20&offset=0&order_by=title+asc&where=search%28%22v%C3%A9lo%22%29`,
    );
    expect(await first('https://data.rennesmetropole.fr/explore', { pageSize: 1000 })).to.equal(
      `${V21}?limit=100&offset=0`,
    );
  });

  it('escapes " and \\ in the search text', async () => {
    const url = new URL(await first('https://data.example.fr/explore/', { q: 'dit "oui" \\ non' }));
    expect(url.searchParams.get('where')).to.equal('search("dit \\"oui\\" \\\\ non")');
  });

  it('the page filters (refine., exclude., q) are kept; the query q wins over the page q', async () => {
    const src = 'https://data.example.fr/explore/?refine.theme=Environnement&exclude.publisher=Ville&q=toilettes';
    const kept = new URL(await first(src));
    expect(kept.searchParams.getAll('refine')).to.deep.equal(['theme:Environnement']);
    expect(kept.searchParams.getAll('exclude')).to.deep.equal(['publisher:Ville']);
    expect(kept.searchParams.get('where')).to.equal('search("toilettes")');
    expect(new URL(await first(src, { q: 'bus' })).searchParams.get('where')).to.equal('search("bus")');
  });

  it('API URLs (v2.1, v2.0, v2, v1) keep where/refine, ANDed with the search', async () => {
    const src = `${V21}?where=publisher%3D%22Rennes%20M%C3%A9tropole%22&refine=theme:Transports&limit=50&offset=100&order_by=title`;
    const url = new URL(await first(src, { q: 'bus', sort: 'updated', pageSize: 30 }));
    expect(url.origin + url.pathname).to.equal(V21);
    expect(url.searchParams.get('limit')).to.equal('30');
    expect(url.searchParams.get('offset')).to.equal('0');
    expect(url.searchParams.get('order_by')).to.equal('modified desc');
    expect(url.searchParams.get('where')).to.equal('(publisher="Rennes Métropole") AND search("bus")');
    expect(url.searchParams.getAll('refine')).to.deep.equal(['theme:Transports']);
    expect(new URL(await first(src)).searchParams.get('where')).to.equal('publisher="Rennes Métropole"');

    for (const other of [
      'https://data.rennesmetropole.fr/api/explore/v2.0/catalog/datasets?limit=5',
      'https://data.rennesmetropole.fr/api/v2/catalog/datasets',
    ]) {
      expect(await first(other, { pageSize: 7 }), other).to.equal(`${V21}?limit=7&offset=0`);
    }
    const v1 = new URL(
      await first('https://data.rennesmetropole.fr/api/datasets/1.0/search/?q=budget&refine.theme=Finances&rows=100'),
    );
    expect(v1.origin + v1.pathname).to.equal(V21);
    expect(v1.searchParams.get('where')).to.equal('search("budget")');
    expect(v1.searchParams.getAll('refine')).to.deep.equal(['theme:Finances']);
    expect(v1.searchParams.get('rows')).to.equal(null);
  });

  it('dataset pages, records and exports are not catalogues', () => {
    for (const src of [
      'https://data.rennesmetropole.fr/explore/dataset/sanisettesparis/table/',
      'https://data.rennesmetropole.fr/explore/dataset/sanisettesparis/',
      'https://data.rennesmetropole.fr/explore/embed/dataset/x/map/',
      `${V21}/sanisettesparis`,
      `${V21}/sanisettesparis/records?limit=10`,
      `${V21}/sanisettesparis/exports/csv`,
      'https://data.rennesmetropole.fr/api/records/1.0/search/?dataset=x',
      'https://data.rennesmetropole.fr/api/explore/v2.1/catalog/exports/csv',
    ]) {
      expect(catalogApi(src), src).to.equal(undefined);
    }
  });
});

describe('catalogApi — CKAN', () => {
  const SEARCH = 'https://data.birmingham.gov.uk/api/3/action/package_search';

  it('package_search keeps fq and q; rows, start and sort from the query', async () => {
    const a = api(`${SEARCH}?q=purchase&fq=organization:birmingham-city-council&rows=50&start=20`);
    expect(a.portal).to.equal('ckan');
    expect(a.supports).to.deep.equal({ search: true, sort: true });
    expect(
      await first(`${SEARCH}?q=purchase&fq=organization:birmingham-city-council&rows=50&start=20`, {
        sort: 'updated',
        pageSize: 10,
      }),
    ).to.equal(
      `${SEARCH}?rows=10&start=0&sort=metadata_modified+desc&q=purchase&fq=organization%3Abirmingham-city-council`,
    );
    expect(await first(`${SEARCH}?q=purchase`, { q: 'card', sort: 'title' })).to.equal(
      `${SEARCH}?rows=20&start=0&sort=title_string+asc&q=card`,
    );
    expect(await first('https://data.birmingham.gov.uk/api/action/package_search')).to.equal(
      `${SEARCH}?rows=20&start=0`,
    );
  });

  it('the dataset search page and organisation pages, under a path prefix and a locale', async () => {
    expect(await first('https://demo.ckan.org/dataset/?q=water&page=3')).to.equal(
      'https://demo.ckan.org/api/3/action/package_search?rows=20&start=0&q=water',
    );
    expect(await first('https://example.org/portail/fr/dataset?tags=eau&res_format=CSV', { q: 'rivière' })).to.equal(
      'https://example.org/portail/api/3/action/package_search?rows=20&start=0&q=rivi%C3%A8re&fq=tags%3Aeau+AND+res_format%3ACSV',
    );
    const org = new URL(
      await first('https://data.birmingham.gov.uk/organization/birmingham-city-council', { pageSize: 10 }),
    );
    expect(org.origin + org.pathname).to.equal(SEARCH);
    expect(org.searchParams.get('fq')).to.equal('organization:birmingham-city-council');
    expect(org.searchParams.get('rows')).to.equal('10');
    expect(await first('https://example.org/data/organization/ville-de-x?q=budget')).to.equal(
      'https://example.org/data/api/3/action/package_search?rows=20&start=0&q=budget&fq=organization%3Aville-de-x',
    );
  });

  it('package_show is read as it is, without search or sort', async () => {
    const src = 'https://opendata.hautsdefrance.fr/api/3/action/package_show?id=antennes-regionales';
    const a = api(src);
    expect(a.supports).to.deep.equal({ search: false, sort: false });
    expect(await first(src, { q: 'x', sort: 'title' })).to.equal(src);
  });

  it('dataset and resource pages, files and other actions are not catalogues', () => {
    for (const src of [
      'https://data.birmingham.gov.uk/dataset/purchase-card-transactions',
      'https://data.birmingham.gov.uk/dataset/purchase-card-transactions/resource/b4a15ade',
      'https://data.birmingham.gov.uk/dataset/report.csv',
      'https://data.birmingham.gov.uk/api/3/action/datastore_search?resource_id=x',
      'https://data.birmingham.gov.uk/api/3/action/package_show',
      'https://data.birmingham.gov.uk/organization/',
      'https://opendata.hautsdefrance.fr/?q=dataset/antennes',
    ]) {
      expect(catalogApi(src), src).to.equal(undefined);
    }
  });
});

describe('catalogApi — anything else', () => {
  it('plain files, other sites and unsafe URLs are not catalogues; relative URLs resolve against base', async () => {
    for (const src of [
      'https://example.org/data.csv',
      'https://example.org/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org/dataset/',
      '',
      '   ',
      'not a url',
    ]) {
      expect(catalogApi(src), src).to.equal(undefined);
    }
    expect(catalogApi('/explore/')).to.equal(undefined); // relative without base
    const a = api('/fr/explore/', 'https://data.example.fr/page/accueil/');
    expect((await a.firstPage(Q(), stub().fetchJson)).url).to.equal(
      'https://data.example.fr/api/explore/v2.1/catalog/datasets?limit=20&offset=0',
    );
  });
});

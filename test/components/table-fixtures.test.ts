/**
 * <vitrine-table> on real files from test/fixtures. Every expected value below was computed
 * independently with python3 (csv module, with the file's real encoding: utf-8, utf-8-sig or
 * cp1252, delimiter ";") and is hard-coded here; the comment above each says how.
 */
import { expect, nextFrame } from '@open-wc/testing';
import { failOnLitWarnings, resetCache, tableWith, plain, root, bodyRows } from '../helpers/helpers.ts';
import type { VitrineErrorEvent, VitrineLoadEvent } from '../../src/internal/events.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';

const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const SUBV = '/test/fixtures/scdl/subventions/';
const LOT = SUBV + 'DEP_Lot_Subventions_2017_DONNEES.csv';
const SOMME = SUBV + 'DEP_Somme_TB_20180330_DONNEES_CONVENTIONS.csv';
const HAUTE_GARONNE = SUBV + 'SCDL_DEP_Haute-Garonne_datalocale-subvention.csv';
const POITIERS = SUBV + 'SCDL_COM_Poitiers_subventions-associations-2017.csv';
const CAF = '/test/fixtures/messy/caf_data_DEMO_2020_V1_COM.csv';
const INSEE = '/test/fixtures/messy/insee_donnees_communes_population.csv';

/** The texts of the cells of one shown row (0 = first row of the page). */
function rowTexts(el: Element, row: number): string[] {
  return [...bodyRows(el)[row].querySelectorAll('td')].map((td) => plain(td.textContent!));
}
/** The texts of the totals row. */
function totalsTexts(el: Element): string[] {
  const tr = root(el).querySelector('tfoot tr[part="totals"]');
  expect(tr, 'totals row').to.exist;
  return [...tr!.querySelectorAll('th, td')].map((c) => plain(c.textContent!));
}
function footer(el: Element): string {
  return plain(root(el).querySelector('[part="footer"]')!.textContent!);
}
async function chooseFacet(el: VitrineTable, index: number, value: string): Promise<void> {
  const select = root(el).querySelectorAll<HTMLSelectElement>('[part="facet"] select')[index];
  expect(select, `facet ${index}`).to.exist;
  select.value = value;
  expect(select.value, `facet ${index} offers ${value}`).to.equal(value);
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}
async function searchFor(el: VitrineTable, query: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = query;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}
function loaded(event: VitrineLoadEvent | VitrineErrorEvent): VitrineLoadEvent['detail'] {
  if (event.type !== 'vitrine-load') {
    throw new Error(`expected vitrine-load, got ${event.type}: ${JSON.stringify((event as VitrineErrorEvent).detail)}`);
  }
  return (event as VitrineLoadEvent).detail;
}
/** SHA-256 (hex) of a text, to compare a long ordering with one computed in python. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('<vitrine-table> on real files', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  describe('OpenDataFrance observatory (891 rows), the indicator table of the demo', () => {
    const demo = {
      src: ODF,
      columns:
        'nom = Collectivité, type = Type, reg_code_short = Région, nb_ptf = Jeux sur leur plateforme : integer, nb_datagouv = Jeux sur data.gouv.fr : integer, pop_insee = Population : integer',
      sort: 'nb_ptf desc',
      search: '',
      facets: 'type, reg_code_short',
      bars: 'nb_ptf, nb_datagouv',
      totals: 'nb_ptf, nb_datagouv',
      download: '',
      'page-size': '10',
    };

    it('sorts by nb_ptf desc, sums the columns, and passes axe', async () => {
      const { el, event } = await tableWith(demo);
      expect(loaded(event).rowCount).to.equal(891);
      expect(
        [...root(el).querySelectorAll('thead th')].map((th) => plain(th.textContent!).replace(/[▲▼]/g, '')),
      ).to.deep.equal([
        'Collectivité',
        'Type',
        'Région',
        'Jeux sur leur plateforme',
        'Jeux sur data.gouv.fr',
        'Population',
      ]);
      expect(bodyRows(el).length).to.equal(10);
      // python: max(rows, key=int(nb_ptf)) → METROPOLE DE LYON, MET, ARA, 631, pop_insee 1371000.
      const first = rowTexts(el, 0);
      expect(first[0]).to.equal('METROPOLE DE LYON');
      expect(first[3]).to.equal('631');
      expect(first[5]).to.equal('1 371 000');
      // python: the next two by nb_ptf desc are CA DU SAINT QUENTINOIS (523), LA ROCHELLE (374).
      expect(rowTexts(el, 1).slice(0, 1).concat(rowTexts(el, 1)[3])).to.deep.equal(['CA DU SAINT QUENTINOIS', '523']);
      expect(rowTexts(el, 2).slice(0, 1).concat(rowTexts(el, 2)[3])).to.deep.equal(['LA ROCHELLE', '374']);
      // python: sum(int(nb_ptf)) = 15906, sum(int(nb_datagouv)) = 12611 (empty cells skipped).
      const totals = totalsTexts(el);
      expect(totals[3]).to.equal('15 906');
      expect(totals[4]).to.equal('12 611');
      expect(totals[0]).to.include('Total');
      // Data bars: the largest value has a full bar.
      const bar = bodyRows(el)[0].querySelectorAll('td')[3];
      expect(bar.classList.contains('bar')).to.equal(true);
      expect(bar.style.getPropertyValue('--vitrine-bar')).to.equal('100.0%');
      expect(footer(el)).to.include('Lignes 1 à 10 sur 891');
      await expect(el).to.be.accessible();
    });

    it('a facet choice gives the python count, and the totals follow the filter', async () => {
      const { el } = await tableWith(demo);
      // python: Counter(type)['DEP'] = 61; their nb_ptf sum 2169, nb_datagouv sum 1311.
      const typeOptions = [...root(el).querySelectorAll('[part="facet"]')[0].querySelectorAll('option')].map((o) =>
        plain(o.textContent!),
      );
      expect(typeOptions).to.include('DEP (61)');
      // python: Counter(type)['COM'] = 454.
      expect(typeOptions).to.include('COM (454)');
      await chooseFacet(el, 0, 'DEP');
      expect(footer(el)).to.include('61 sur 891 lignes');
      expect(el.rows.length).to.equal(61);
      for (const r of el.rows) expect(r['type']).to.equal('DEP');
      // python: the DEP with most datasets on their platform: SEINE SAINT DENIS (356).
      expect(rowTexts(el, 0)[0]).to.equal('SEINE SAINT DENIS');
      const totals = totalsTexts(el);
      expect(totals[3]).to.equal('2 169');
      expect(totals[4]).to.equal('1 311');
      // The region facet counts under the type filter: python, DEP and reg_code_short BRE → 4.
      const regOptions = [...root(el).querySelectorAll('[part="facet"]')[1].querySelectorAll('option')].map((o) =>
        plain(o.textContent!),
      );
      expect(regOptions).to.include('BRE (4)');
      await chooseFacet(el, 1, 'BRE');
      expect(footer(el)).to.include('4 sur 891 lignes');
      await expect(el).to.be.accessible();
    });
  });

  describe('SCDL subsidies files', () => {
    it('Lot, Windows-1252: accents decoded, montant sorted as numbers, totals, dd/mm/yyyy dates', async () => {
      const { el, event } = await tableWith({
        src: LOT,
        columns: 'nomBeneficiaire, montant, dateConvention',
        sort: 'montant desc',
        totals: 'montant',
      });
      // python (cp1252): 13 rows once the 21 blank ";;;;" rows are left out.
      expect(loaded(event).rowCount).to.equal(13);
      const names = el.rows.map((r) => r['nomBeneficiaire']);
      // python (cp1252): these names hold é, è, œ, ï, à.
      expect(names).to.include.members([
        'Association des maires et élus du Lot',
        'Association "Ecaussystème"',
        'La Fédération des œuvres laïques du Lot',
        'Comité de promotion des produits du Lot',
        'Aide à Domicile en Milieu Rural',
      ]);
      const body = root(el).querySelector('tbody')!.textContent!;
      expect(body).to.not.include('\ufffd');
      expect(body).to.include('La Fédération des œuvres laïques du Lot');
      // python: sorted(float(montant.replace(' ', '').replace(',', '.')), reverse=True).
      expect(el.rows.map((r) => r['montant'])).to.deep.equal([
        282900, 260000, 49000, 47174, 40000, 36700, 30000, 29400, 28000, 27000, 24740, 13291, 10000,
      ]);
      // python: max montant 282900 → ADDA, dateConvention 2017-08-02.
      expect(rowTexts(el, 0)).to.deep.equal([
        'Association départementale pour le développement des arts du Lot (ADDA)',
        '282 900',
        '02/08/2017',
      ]);
      // A lexicographic sort would put "49 000" before "282 900": python, the 2nd and 3rd are 260000, 49000.
      expect(rowTexts(el, 1)[1]).to.equal('260 000');
      expect(rowTexts(el, 2)[1]).to.equal('49 000');
      // python: sum = 878205.0.
      expect(totalsTexts(el)[1]).to.equal('878 205');
      for (const r of bodyRows(el))
        expect(plain(r.querySelectorAll('td')[2].textContent!)).to.match(/^\d\d\/\d\d\/2017$/);
    });

    it('Lot with lang="en": English number formats and strings', async () => {
      const { el } = await tableWith({
        src: LOT,
        lang: 'en',
        columns: 'nomBeneficiaire, montant, dateConvention',
        sort: 'montant desc',
        totals: 'montant',
      });
      // Same python values as above, written the English way (the element's English is en-GB: day/month/year).
      expect(rowTexts(el, 0).slice(1)).to.deep.equal(['282,900', '02/08/2017']);
      expect(totalsTexts(el)[1]).to.equal('878,205');
      expect(footer(el)).to.include('Rows 1 to 13 of 13');
      expect(root(el).querySelector('caption')!.textContent!.trim()).to.equal('Data table');
    });

    it('Somme, Windows-1252 with yyyy/mm/dd dates: numbers, sum, dates as dd/mm/yyyy with ": date"', async () => {
      const { el, event } = await tableWith({
        src: SOMME,
        columns: 'nomAttribuant, nomBeneficiaire, montant, dateConvention : date',
        sort: 'montant desc',
        totals: 'montant',
      });
      // python (cp1252): 11 rows; every nomAttribuant is "Département de la Somme".
      expect(loaded(event).rowCount).to.equal(11);
      expect(rowTexts(el, 0)[0]).to.equal('Département de la Somme');
      // python: sorted montant desc.
      expect(el.rows.map((r) => r['montant'])).to.deep.equal([
        853244, 756283, 200000, 140000, 137825, 130434, 100000, 50000, 47832, 40000, 38124,
      ]);
      // python: sum 2493742.0.
      expect(totalsTexts(el)[2]).to.equal('2 493 742');
      // python: the max (SOMME PATRIMOINE EPCC, 853244) was signed 2018/02/16.
      expect(rowTexts(el, 0).slice(1)).to.deep.equal(['SOMME PATRIMOINE EPCC', '853 244', '16/02/2018']);
    });

    it('Haute-Garonne, UTF-8: accents, montant "2400.0" as numbers, sum with cents, ISO dates', async () => {
      const { el, event } = await tableWith({
        src: HAUTE_GARONNE,
        columns: 'nomBeneficiaire, nature, montant, dateConvention',
        sort: 'montant desc',
        totals: 'montant',
        'page-size': '100',
      });
      // python (utf-8): 69 rows, max montant 31000.0 → LES TOILES DE L'HERS, 2017-06-20; sum 357558.85.
      expect(loaded(event).rowCount).to.equal(69);
      expect(rowTexts(el, 0)).to.deep.equal(["LES TOILES DE L'HERS", 'Aide en numéraire', '31 000', '20/06/2017']);
      expect(totalsTexts(el)[2]).to.equal('357 558,85');
      // python: the smallest is PLUMES ROQUOISES, 200.0, 2016-02-11.
      expect(rowTexts(el, 68)).to.deep.equal(['PLUMES ROQUOISES', 'Aide en numéraire', '200', '11/02/2016']);
      expect(root(el).querySelector('tbody')!.textContent).to.not.include('Ã');
    });

    it('Haute-Garonne with a UTF-8 byte-order mark: the first header is found, accents intact', async () => {
      // No subsidies file of the set starts with a BOM (checked with python: none begins with EF BB BF),
      // so the same bytes are served again with one in front.
      const bytes = await (await fetch(HAUTE_GARONNE)).arrayBuffer();
      const url = URL.createObjectURL(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), bytes], { type: 'text/csv' }));
      try {
        const { el, event } = await tableWith({
          src: url,
          columns: 'nomAttribuant, nature, montant',
          sort: 'montant desc',
          totals: 'montant',
        });
        const detail = loaded(event);
        expect(detail.rowCount).to.equal(69);
        expect(detail.columns[0].name).to.equal('nomAttribuant');
        // python (utf-8-sig): the max montant 31000.0 was granted by COMMUNAUTE D AGGLOMERATION DU SICOVAL.
        expect(rowTexts(el, 0)).to.deep.equal(['COMMUNAUTE D AGGLOMERATION DU SICOVAL', 'Aide en numéraire', '31 000']);
        expect(totalsTexts(el)[2]).to.equal('357 558,85');
      } finally {
        URL.revokeObjectURL(url);
      }
    });

    it('Poitiers, UTF-8 (562 rows): accented header matched loosely, amounts, sum, dates', async () => {
      const { el, event } = await tableWith({
        src: POITIERS,
        columns: 'ATTRIB_NOM, SUB_OBJ, SUB_MONTANT, ACTE_DATE, notification a la commission europeenne = UE',
        sort: 'SUB_MONTANT desc',
        totals: 'SUB_MONTANT',
      });
      expect(loaded(event).rowCount).to.equal(562);
      // python: max SUB_MONTANT 661446.0, ASSOCIATION DES CENTRES SOCIOCULTURELS DES 3 CITES, 2017-04-10.
      const first = rowTexts(el, 0);
      expect(first[0]).to.equal('ASSOCIATION DES CENTRES SOCIOCULTURELS DES 3 CITES');
      expect(first[2]).to.equal('661 446');
      expect(first[3]).to.equal('10/04/2017');
      // python: sum 11548359.23 (two amounts carry cents).
      expect(totalsTexts(el)[2]).to.equal('11 548 359,23');
      const objects = el.table!.column('SUB_OBJ')!;
      // python: first data row's SUB_OBJ.
      expect(el.table!.text(0, objects.index)).to.equal(
        "Soutien à l'organisation de la dixième édition du festival qui se déroulera au printemps 2017.",
      );
      const montants = el.rows.map((r) => r['SUB_MONTANT'] as number);
      expect(montants.every((m) => typeof m === 'number')).to.equal(true);
      expect(montants).to.deep.equal([...montants].sort((a, b) => b - a));
    });
  });

  describe('CAF indicators (decimal commas, codes with leading zeros)', () => {
    it('keeps CODGEO as text, shows TX_F "51,6", sorts numbers as numbers', async () => {
      const { el, event } = await tableWith({ src: CAF, columns: 'CODGEO, POP_MUN, TX_F', sort: 'TX_F desc' });
      // python: 791 rows; 45 CODGEO start with "0"; first row CODGEO "01004", TX_F "51,6".
      expect(loaded(event).rowCount).to.equal(791);
      expect(el.columns.find((c) => c.name === 'CODGEO')!.type).to.not.be.oneOf(['integer', 'number']);
      const table = el.table!;
      const codgeo = table.column('CODGEO')!.index;
      expect(table.record(0)['CODGEO']).to.equal('01004');
      expect(table.text(0, codgeo)).to.equal('01004');
      expect(el.rows.filter((r) => String(r['CODGEO']).startsWith('0')).length).to.equal(45);
      // python: sorted(float(TX_F.replace(',', '.')), reverse=True)[:10] and [-5:].
      const tx = el.rows.map((r) => r['TX_F']);
      expect(tx.every((v) => typeof v === 'number')).to.equal(true);
      expect(tx.slice(0, 10)).to.deep.equal([57.4, 57.3, 56.3, 56.3, 56.2, 56.0, 55.7, 55.7, 55.6, 55.5]);
      expect(tx.slice(-5)).to.deep.equal([48.4, 48.3, 48.3, 48.2, 33.9]);
      // python: the max TX_F 57,4 is CODGEO 97120, POP_MUN 15826.
      expect(rowTexts(el, 0)).to.deep.equal(['97120', '15 826', '57,4']);
    });

    it('the first row shows "01004" and "51,6"; POP_MUN desc is numeric, not text order', async () => {
      const { el } = await tableWith({ src: CAF, columns: 'CODGEO, POP_MUN, TX_F' });
      expect(rowTexts(el, 0)).to.deep.equal(['01004', '14 359', '51,6']);
      const sorted = await tableWith({ src: CAF, columns: 'CODGEO, POP_MUN, TX_F', sort: 'POP_MUN desc' });
      // python: sorted(int(POP_MUN), reverse=True)[:3] → (2229621, 75056), (861657, 1305513070), (855393, 13055);
      // a text sort would start with "9947".
      expect(sorted.el.rows.slice(0, 3).map((r) => [r['POP_MUN'], r['CODGEO']])).to.deep.equal([
        [2229621, '75056'],
        [861657, '1305513070'],
        [855393, '13055'],
      ]);
      // python: Paris (75056) has TX_F "53".
      expect(rowTexts(sorted.el, 0)).to.deep.equal(['75056', '2 229 621', '53']);
      // python: the smallest is 2915, CODGEO "02304" (leading zero kept).
      expect(sorted.el.rows.at(-1)!['CODGEO']).to.equal('02304');
      expect(sorted.el.rows.at(-1)!['POP_MUN']).to.equal(2915);
    });

    it('"TX_F : percent 1" shows "51,6 %" in French and "51.6%" in English', async () => {
      const fr = await tableWith({ src: CAF, columns: 'CODGEO, TX_F : percent 1' });
      expect(rowTexts(fr.el, 0)).to.deep.equal(['01004', '51,6 %']);
      // python: row 2 (01031) TX_F "51,5".
      expect(rowTexts(fr.el, 1)).to.deep.equal(['01031', '51,5 %']);
      resetCache();
      const en = await tableWith({ src: CAF, lang: 'en', columns: 'CODGEO, TX_F : percent 1' });
      expect(rowTexts(en.el, 0)).to.deep.equal(['01004', '51.6%']);
    });
  });

  describe('INSEE populations (3000 communes, trimmed)', () => {
    const columns = 'Région, COM, Commune, PMUN';

    it('sort PMUN desc gives python’s largest commune', async () => {
      const { el, event } = await tableWith({ src: INSEE, columns, sort: 'PMUN desc' });
      expect(loaded(event).rowCount).to.equal(3000);
      // python: max(int(PMUN)) → Nice (06088, Provence-Alpes-Côte d'Azur) 357737; then Antibes 77637, Cannes 74350.
      expect(rowTexts(el, 0)).to.deep.equal(["Provence-Alpes-Côte d'Azur", '06088', 'Nice', '357 737']);
      expect(el.rows.slice(0, 3).map((r) => [r['Commune'], r['PMUN']])).to.deep.equal([
        ['Nice', 357737],
        ['Antibes', 77637],
        ['Cannes', 74350],
      ]);
    });

    it('search "abergement" finds what a case- and accent-insensitive match finds', async () => {
      const { el } = await tableWith({ src: INSEE, columns, search: '' });
      await searchFor(el, 'abergement');
      // python: rows whose Région, COM, Commune or PMUN, NFD-stripped and lower-cased, contain "abergement".
      expect(el.rows.map((r) => r['Commune'])).to.deep.equal(["L'Abergement-Clémenciat", "L'Abergement-de-Varey"]);
      expect(footer(el)).to.include('2 sur 3 000 lignes');
      await searchFor(el, 'ÉTAMPES');
      // python: the same fold of "ÉTAMPES" → "etampes" matches one commune, Étampes-sur-Marne.
      expect(el.rows.map((r) => r['Commune'])).to.deep.equal(['Étampes-sur-Marne']);
    });

    it('facets="Région" counts as python counts', async () => {
      const { el } = await tableWith({ src: INSEE, columns, facets: 'Région' });
      const options = [...root(el).querySelectorAll('[part="facet"] option')].map((o) => plain(o.textContent!));
      // python: Counter(Région).
      expect(options).to.deep.equal([
        'Toutes (3 000)',
        'Auvergne-Rhône-Alpes (1 043)',
        'Grand Est (447)',
        'Hauts-de-France (797)',
        'Occitanie (190)',
        "Provence-Alpes-Côte d'Azur (523)",
      ]);
      await chooseFacet(el as VitrineTable, 0, 'Hauts-de-France');
      expect(footer(el)).to.include('797 sur 3 000 lignes');
      expect(new Set(el.rows.map((r) => r['Région']))).to.deep.equal(new Set(['Hauts-de-France']));
    });

    it('sort "Commune asc" is French collation', async () => {
      const { el } = await tableWith({ src: INSEE, columns, sort: 'Commune asc' });
      const names = el.rows.map((r) => String(r['Commune']));
      expect(names.length).to.equal(3000);
      // python: sorted(names, key=lambda s: (fold(s), s)) where fold replaces Œ/œ by OE/oe, strips marks
      // (NFD, category Mn) and lower-cases; punctuation stays and sorts before letters.
      expect(names.slice(0, 5)).to.deep.equal(['Abbécourt', 'Abrest', 'Abriès-Ristolas', 'Accons', 'Achery']);
      expect(names.slice(1242, 1248)).to.deep.equal([
        'Juvinas',
        'Juvincourt-et-Damary',
        "L'Abergement-Clémenciat",
        "L'Abergement-de-Varey",
        "L'Aiguillon",
        "L'Argentière-la-Bessée",
      ]);
      expect(names.slice(895, 900)).to.deep.equal(['Ébouleau', 'Ébreuil', 'Échallon', 'Échassières', 'Échenevex']);
      expect(names.slice(1943, 1948)).to.deep.equal(['Nurieux-Volognat', 'Oches', 'Œuilly', 'Ognes', 'Ohis']);
      expect(names.slice(-3)).to.deep.equal(['Yoncq', 'Yvernaumont', 'Yzeure']);
      // python: hashlib.sha256('\n'.join(that order).encode()).hexdigest().
      expect(await sha256(names.join('\n'))).to.equal(INSEE_ORDER_SHA256);
      expect(rowTexts(el, 0)[2]).to.equal('Abbécourt');
    });

    it('page-size="all" keeps fewer than 200 rows in the DOM, also after scrolling', async () => {
      const { el } = await tableWith({ src: INSEE, columns, 'page-size': 'all' });
      const count = () => root(el).querySelectorAll('tr').length;
      expect(bodyRows(el).length).to.be.greaterThan(10);
      expect(count()).to.be.lessThan(200);
      expect(footer(el)).to.include('3 000 lignes');
      const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
      expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight * 10);
      scroller.scrollTop = scroller.scrollHeight / 2;
      scroller.dispatchEvent(new Event('scroll'));
      await nextFrame();
      await nextFrame();
      await el.updateComplete;
      expect(count()).to.be.lessThan(200);
      const index = Number(bodyRows(el)[0].getAttribute('aria-rowindex'));
      expect(index).to.be.greaterThan(1000);
      // The row drawn at that position is the file's row at that position (no sort).
      expect(rowTexts(el, 0)[1]).to.equal(el.table!.text(index - 2, el.table!.column('COM')!.index));
      scroller.scrollTop = scroller.scrollHeight;
      scroller.dispatchEvent(new Event('scroll'));
      await nextFrame();
      await nextFrame();
      await el.updateComplete;
      expect(count()).to.be.lessThan(200);
      // python: the last line of the file is Montaillou (09197), row 3000 → aria-rowindex 3001.
      const last = bodyRows(el).at(-1)!;
      expect(last.getAttribute('aria-rowindex')).to.equal('3001');
      expect(plain(last.querySelectorAll('td')[2].textContent!)).to.equal('Montaillou');
    });
  });
});

// python3: see the comment in the collation test.
const INSEE_ORDER_SHA256 = 'b39fccca53e532835d481154802d39e1c81404054244cde832d77d42bb1b0b01';

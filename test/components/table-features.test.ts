import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { failOnLitWarnings, resetCache, tableWith, plain as norm, root, bodyRows } from '../helpers/helpers.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import type { VitrineErrorEvent, VitrineLoadEvent } from '../../src/internal/events.ts';

/*
 * Expected figures are computed from the fixture files with python3 (csv module, delimiter ';'),
 * never from the element itself, e.g. for ODF:
 *   rows = list(csv.DictReader(open(ODF, encoding='utf-8'), delimiter=';'))
 *   collections.Counter(r['type'] for r in rows)
 * and for LOT (Windows-1252):
 *   rows = [r for r in csv.DictReader(open(LOT, encoding='cp1252', newline=''), delimiter=';') if r['montant']]
 * "fold" below is python's NFD + lower case with combining marks dropped.
 */
const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const LOT = '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv';
const SCRIPT_CELLS = '/test/fixtures/hostile/script-cells.csv';
const CAF = '/test/fixtures/messy/caf_data_DEMO_2020_V1_COM.csv';
const POITIERS = '/test/fixtures/scdl/subventions/SCDL_COM_Poitiers_subventions-associations-2017.csv';
const ANNUAIRE = '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv';

// ---- helpers ------------------------------------------------------------------------------------

/** Texts of the body cells of column `i` (in the rows drawn). */
function columnTexts(el: Element, i: number): string[] {
  return bodyRows(el).map((tr) => norm(tr.querySelectorAll('td')[i].textContent));
}
function cellAt(el: Element, row: number, col: number): HTMLTableCellElement {
  return bodyRows(el)[row].querySelectorAll('td')[col];
}
/** Header texts without the sort marks. */
function headers(el: Element): string[] {
  return [...root(el).querySelectorAll('thead th')].map((th) => norm(th.textContent).replace(/[▲▼]\d*$/, ''));
}
function header(el: Element, label: string): HTMLTableCellElement {
  const th = [...root(el).querySelectorAll<HTMLTableCellElement>('thead th')].find(
    (h) => norm(h.textContent).replace(/[▲▼]\d*$/, '') === label,
  );
  if (!th) throw new Error(`no header "${label}" among ${headers(el).join(', ')}`);
  return th;
}
function sortButton(el: Element, label: string): HTMLButtonElement {
  return header(el, label).querySelector<HTMLButtonElement>('button[part="sort-button"]')!;
}
function liveText(el: Element): string {
  return norm(root(el).querySelector('[part="footer"] [aria-live]')?.textContent);
}
function alertOf(el: Element): HTMLElement {
  const alert = root(el).querySelector<HTMLElement>('[role="alert"]');
  expect(alert, 'visible alert').to.exist;
  expect(alert!.getAttribute('part')).to.equal('error');
  return alert!;
}
async function searchFor(el: VitrineTable, query: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
  input.value = query;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}
async function chooseFacet(el: VitrineTable, select: HTMLSelectElement, value: string): Promise<void> {
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}
function facetSelects(el: Element): HTMLSelectElement[] {
  return [...root(el).querySelectorAll<HTMLSelectElement>('[part="facets"] select')];
}
function optionTexts(select: HTMLSelectElement): string[] {
  return [...select.options].map((o) => norm(o.text));
}
async function frames(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await nextFrame();
}
function loaded(event: VitrineLoadEvent | VitrineErrorEvent): void {
  expect(event.type, event.type === 'vitrine-error' ? (event as VitrineErrorEvent).detail.message : '').to.equal(
    'vitrine-load',
  );
}

// ---- tests --------------------------------------------------------------------------------------

describe('<vitrine-table> features', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  describe('columns: labels and formats', () => {
    it('shows the labels as header texts and formats integers', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom = Collectivité, pop_insee = Population : integer, type',
      });
      loaded(event);
      expect(headers(el)).to.deep.equal(['Collectivité', 'Population', 'type']);
      // First data row of the file: ACIGNE, pop_insee 6275.
      expect(columnTexts(el, 0)[0]).to.equal('ACIGNE');
      expect(columnTexts(el, 1)[0]).to.equal('6 275');
      expect(el.columns.map((c) => c.name)).to.include('pop_insee');
    });

    it('currency: French by default, English with lang="en", and decimals', async () => {
      // LOT, first row: montant "40 000,00".
      const fr = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant : currency' });
      loaded(fr.event);
      expect(columnTexts(fr.el, 1)[0]).to.equal('40 000,00 €');
      expect(columnTexts(fr.el, 1)[1]).to.equal('260 000,00 €');
      const en = await tableWith({ src: LOT, lang: 'en', columns: 'nomBeneficiaire, montant : currency' });
      loaded(en.event);
      expect(columnTexts(en.el, 1)[0]).to.equal('€40,000.00');
      const zero = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant : currency 0' });
      loaded(zero.event);
      expect(columnTexts(zero.el, 1)[0]).to.equal('40 000 €');
    });

    it('percent with decimals: a value in points, 51,6 → "51,6 %"', async () => {
      // caf_data first row: CODGEO 01004, TX_F "51,6"; second row 01031, TX_F "51,5".
      const { el, event } = await tableWith({ src: CAF, columns: 'CODGEO, TX_F : percent 1' });
      loaded(event);
      expect(columnTexts(el, 0).slice(0, 2)).to.deep.equal(['01004', '01031']);
      expect(columnTexts(el, 1).slice(0, 2)).to.deep.equal(['51,6 %', '51,5 %']);
      const en = await tableWith({ src: CAF, lang: 'en', columns: 'CODGEO, TX_F : percent 2' });
      loaded(en.event);
      expect(columnTexts(en.el, 1)[0]).to.equal('51.60%');
    });

    it('date: an ISO date is written the way the language writes dates', async () => {
      // LOT dateConvention, first two rows: 2017-12-21, 2017-12-29.
      const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire, dateConvention : date' });
      loaded(event);
      expect(columnTexts(el, 1).slice(0, 2)).to.deep.equal(['21/12/2017', '29/12/2017']);
    });

    it('text: a number column shown as written in the file', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, pop_insee : text, pop_insee' });
      loaded(event);
      // ACIGNE: pop_insee "6275" in the file; formatted by default as "6 275".
      expect(columnTexts(el, 1)[0]).to.equal('6275');
      expect(columnTexts(el, 2)[0]).to.equal('6 275');
    });

    it('link: <a href> for http(s) and mailto only; French format names work', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, url_ptf : lien, pop_insee : entier' });
      loaded(event);
      // ACIGNE has a data.rennesmetropole.fr URL; ADACL Landes (2nd row) has none.
      const first = cellAt(el, 0, 1).querySelector('a');
      expect(first, 'link in first row').to.exist;
      expect(first!.getAttribute('href')).to.match(/^https:\/\/data\.rennesmetropole\.fr\/explore\//);
      expect(cellAt(el, 1, 1).querySelector('a')).to.equal(null);
      for (const a of root(el).querySelectorAll('tbody a')) expect(a.getAttribute('href')).to.match(/^https?:\/\//);
      expect(columnTexts(el, 2)[0]).to.equal('6 275');

      // Mail addresses (ANNUAIRE, column Mail, first row ecole.0350122T@ac-rennes.fr) become mailto: links.
      const mail = await tableWith({ src: ANNUAIRE, columns: 'Nom_etablissement, Mail : link' });
      loaded(mail.event);
      const a = cellAt(mail.el, 0, 1).querySelector('a');
      expect(a, 'mailto link').to.exist;
      expect(a!.getAttribute('href')).to.equal('mailto:ecole.0350122T@ac-rennes.fr');
      expect(norm(a!.textContent)).to.equal('ecole.0350122T@ac-rennes.fr');

      // Plain names are not links.
      const names = await tableWith({ src: LOT, columns: 'nomBeneficiaire : link, montant' });
      loaded(names.event);
      expect(root(names.el).querySelector('tbody a')).to.equal(null);
      expect(columnTexts(names.el, 0)[0]).to.equal('Association des maires et élus du Lot');
    });

    it('percent in French words: "pourcentage"', async () => {
      const { el, event } = await tableWith({ src: CAF, columns: 'CODGEO, TX_F : pourcentage 1' });
      loaded(event);
      expect(columnTexts(el, 1)[0]).to.equal('51,6 %');
    });

    it('an unknown format is a config error that names it and lists the formats', async () => {
      const errors: VitrineErrorEvent[] = [];
      document.addEventListener('vitrine-error', (e) => errors.push(e as VitrineErrorEvent), { once: true });
      const { el, event } = await tableWith({ src: ODF, columns: 'nom : banana' });
      expect(event.type).to.equal('vitrine-error');
      expect((event as VitrineErrorEvent).detail.code).to.equal('config');
      // Bubbling and composed: seen on the document.
      expect(errors.length).to.equal(1);
      const text = norm(alertOf(el).textContent);
      expect(text).to.include('« banana »');
      for (const f of ['number', 'integer', 'currency', 'percent', 'date', 'link', 'text']) expect(text).to.include(f);
      expect(root(el).querySelector('table')).to.equal(null);
    });

    it('a column that does not exist names the available columns', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, populaton : integer' });
      expect(event.type).to.equal('vitrine-error');
      expect((event as VitrineErrorEvent).detail.code).to.equal('config');
      const text = norm(alertOf(el).textContent);
      expect(text).to.include('« populaton »');
      for (const c of ['pop_insee', 'nb_ptf', 'reg_code_short', 'url_ptf']) expect(text).to.include(c);
    });
  });

  describe('sort', () => {
    it('sorts numbers descending with empty cells last', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, nb_ptf', sort: 'nb_ptf desc' });
      loaded(event);
      // python: top nb_ptf values 631 (METROPOLE DE LYON), 523, 374, 356, 349; 508 of 891 non-empty.
      expect(columnTexts(el, 1).slice(0, 5)).to.deep.equal(['631', '523', '374', '356', '349']);
      expect(columnTexts(el, 0)[0]).to.equal('METROPOLE DE LYON');
      const values = el.rows.map((r) => r['nb_ptf']);
      expect(values.filter((v) => typeof v === 'number').length).to.equal(508);
      expect(values.slice(508).every((v) => v === null || v === '')).to.equal(true);
      // Last page shows the empty cells.
      root(el).querySelector<HTMLButtonElement>('[part="pagination"] button[aria-label="Dernière page"]')!.click();
      await el.updateComplete;
      expect(columnTexts(el, 1).at(-1)).to.equal('');
    });

    it('sorts text in French order: accented values among their letter, not after Z', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, dep_label', sort: 'dep_label asc' });
      loaded(event);
      const labels = el.rows.map((r) => String(r['dep_label'] ?? ''));
      expect(labels.length).to.equal(891);
      const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
      for (let i = 1; i < labels.length; i++) {
        expect(collator.compare(labels[i - 1], labels[i]) <= 0, `${labels[i - 1]} before ${labels[i]}`).to.equal(true);
      }
      // dep_label holds "Hérault", "Isère", "Vendée", "Yonne" (python): É/è sort with their base letter.
      expect(labels.indexOf('Hérault')).to.be.lessThan(labels.indexOf('Isère'));
      expect(labels.indexOf('Isère')).to.be.lessThan(labels.indexOf('Vendée'));
      expect(labels.indexOf('Vendée')).to.be.lessThan(labels.indexOf('Yonne'));
      // The DOM shows the same order.
      expect(columnTexts(el, 1)).to.deep.equal(labels.slice(0, 20));
    });

    it('multi-sort attribute "type asc, pop_insee desc", aria-sort on the first key only', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type, pop_insee',
        sort: 'type asc, pop_insee desc',
      });
      loaded(event);
      // python: type AGCT (65 rows, first in French order), by pop desc: USEDA 491409,
      // POLE METROPOLITAIN DU PAYS DE BREST 425000, ADACL Landes 410355, then 62 empty pops;
      // then CA (101 rows) starting with CA PARIS SACLAY 318308.
      expect(columnTexts(el, 0).slice(0, 3)).to.deep.equal([
        'USEDA',
        'POLE METROPOLITAIN DU PAYS DE BREST',
        'ADACL Landes',
      ]);
      expect(columnTexts(el, 2).slice(0, 3)).to.deep.equal(['491 409', '425 000', '410 355']);
      expect(columnTexts(el, 2)[3]).to.equal('');
      expect(el.rows.slice(0, 65).every((r) => r['type'] === 'AGCT')).to.equal(true);
      expect(el.rows[65]['type']).to.equal('CA');
      expect(el.rows[65]['nom']).to.equal('CA PARIS SACLAY');
      expect(header(el, 'type').getAttribute('aria-sort')).to.equal('ascending');
      expect(header(el, 'pop_insee').hasAttribute('aria-sort')).to.equal(false);
      expect(header(el, 'nom').hasAttribute('aria-sort')).to.equal(false);
    });

    it('shift+click on a header adds a second sort key; a plain click replaces the sort', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, type, pop_insee', sort: 'type asc' });
      loaded(event);
      const shiftClick = (label: string) =>
        sortButton(el, label).dispatchEvent(
          new MouseEvent('click', { shiftKey: true, bubbles: true, composed: true, cancelable: true }),
        );
      shiftClick('pop_insee');
      await el.updateComplete;
      // AGCT by pop ascending: ADACL Landes 410355, POLE… 425000, USEDA 491409 (python).
      expect(columnTexts(el, 0).slice(0, 3)).to.deep.equal([
        'ADACL Landes',
        'POLE METROPOLITAIN DU PAYS DE BREST',
        'USEDA',
      ]);
      expect(header(el, 'type').getAttribute('aria-sort')).to.equal('ascending');
      expect(header(el, 'pop_insee').hasAttribute('aria-sort')).to.equal(false);
      shiftClick('pop_insee');
      await el.updateComplete;
      expect(columnTexts(el, 0)[0]).to.equal('USEDA');
      expect(el.rows[65]['nom']).to.equal('CA PARIS SACLAY');
      // A plain click: pop_insee alone, ascending. python: smallest pop_insee is BAUDIGNAN (52).
      sortButton(el, 'pop_insee').click();
      await el.updateComplete;
      expect(columnTexts(el, 0)[0]).to.equal('BAUDIGNAN');
      expect(columnTexts(el, 2)[0]).to.equal('52');
      expect(header(el, 'pop_insee').getAttribute('aria-sort')).to.equal('ascending');
      expect(header(el, 'type').hasAttribute('aria-sort')).to.equal(false);
    });

    it('clicking a header twice reverses the order', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, nb_ptf' });
      loaded(event);
      expect(header(el, 'nb_ptf').hasAttribute('aria-sort')).to.equal(false);
      sortButton(el, 'nb_ptf').click();
      await el.updateComplete;
      // python: 12 rows have nb_ptf 0, the smallest value.
      expect(columnTexts(el, 1).slice(0, 12)).to.deep.equal(Array(12).fill('0'));
      expect(columnTexts(el, 1)[12]).to.equal('1');
      expect(header(el, 'nb_ptf').getAttribute('aria-sort')).to.equal('ascending');
      sortButton(el, 'nb_ptf').click();
      await el.updateComplete;
      expect(columnTexts(el, 1).slice(0, 3)).to.deep.equal(['631', '523', '374']);
      expect(header(el, 'nb_ptf').getAttribute('aria-sort')).to.equal('descending');
    });

    it('Enter and Space on the focused sort button sort', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, nb_ptf' });
      loaded(event);
      sortButton(el, 'nb_ptf').focus();
      expect(root(el).activeElement).to.equal(sortButton(el, 'nb_ptf'));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(header(el, 'nb_ptf').getAttribute('aria-sort')).to.equal('ascending');
      expect(columnTexts(el, 1)[0]).to.equal('0');
      sortButton(el, 'nb_ptf').focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(header(el, 'nb_ptf').getAttribute('aria-sort')).to.equal('descending');
      expect(columnTexts(el, 1)[0]).to.equal('631');
    });
  });

  describe('search', () => {
    it('is accent- and case-insensitive and says how many rows remain', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, dep_label', search: '' });
      loaded(event);
      // python: 42 rows whose fold(nom) or fold(dep_label) contains "herault" (dep_label "Hérault").
      await searchFor(el, 'herault');
      expect(el.rows.length).to.equal(42);
      expect(liveText(el)).to.equal('42 sur 891 lignes');
      expect(bodyRows(el).length).to.equal(20);
      for (const r of el.rows) expect(`${r['nom']} ${r['dep_label']}`).to.match(/H[eé]rault/i);
      await searchFor(el, 'HÉRAULT');
      expect(el.rows.length).to.equal(42);
      await searchFor(el, '');
      expect(el.rows.length).to.equal(891);
      expect(liveText(el)).to.equal('Lignes 1 à 20 sur 891');
    });

    it('searches only the shown columns', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom', search: '' });
      loaded(event);
      // python: only 3 noms contain "herault" (CA HERAULT MEDITERRANEE, HERAULT, HERAULT TOURISME).
      await searchFor(el, 'herault');
      expect(el.rows.length).to.equal(3);
      expect(liveText(el)).to.equal('3 sur 891 lignes');
      expect(columnTexts(el, 0)).to.have.members(['CA HERAULT MEDITERRANEE', 'HERAULT', 'HERAULT TOURISME']);
    });

    it('finds an accented value in a Windows-1252 file', async () => {
      const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant', search: '' });
      loaded(event);
      // LOT (python): only "La Fédération des œuvres laïques du Lot" folds to a text holding "federation".
      await searchFor(el, 'federation');
      expect(columnTexts(el, 0)).to.deep.equal(['La Fédération des œuvres laïques du Lot']);
      expect(liveText(el)).to.equal('1 sur 13 lignes');
    });
  });

  describe('facets and filter', () => {
    it('renders a labelled <select> per facet with counts', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type = Catégorie, reg_code_short = Région',
        facets: 'type, reg_code_short',
      });
      loaded(event);
      const selects = facetSelects(el);
      expect(selects.length).to.equal(2);
      const labels = selects.map((s) => root(el).querySelector<HTMLLabelElement>(`label[for="${s.id}"]`));
      expect(labels.map((l) => norm(l?.textContent))).to.deep.equal(['Catégorie', 'Région']);
      // python: type COM 454, CA 101, OACT 78, AGCT 65, DEP 61, REG 16, SDE 1; no empty types.
      const types = optionTexts(selects[0]);
      expect(types[0]).to.equal('Toutes (891)');
      expect(selects[0].options[0].value).to.equal('');
      for (const o of ['COM (454)', 'CA (101)', 'OACT (78)', 'AGCT (65)', 'DEP (61)', 'REG (16)', 'SDE (1)'])
        expect(types).to.include(o);
      expect(types.length).to.equal(13);
      // python: reg_code_short BRE 80, IDF 102, PAC 128, 20 distinct values.
      const regs = optionTexts(selects[1]);
      expect(regs[0]).to.equal('Toutes (891)');
      for (const o of ['BRE (80)', 'IDF (102)', 'PAC (128)']) expect(regs).to.include(o);
      expect(regs.length).to.equal(21);
    });

    it('choosing a value filters the rows and updates the other facet’s counts', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type, reg_code_short, dep_label',
        facets: 'type, reg_code_short',
        search: '',
      });
      loaded(event);
      let [type, reg] = facetSelects(el);
      await chooseFacet(el, type, 'COM');
      // python: 454 COM; among them BRE 49, IDF 67, PAC 87.
      expect(el.rows.length).to.equal(454);
      expect(el.rows.every((r) => r['type'] === 'COM')).to.equal(true);
      expect(columnTexts(el, 1).every((t) => t === 'COM')).to.equal(true);
      expect(liveText(el)).to.equal('454 sur 891 lignes');
      [type, reg] = facetSelects(el);
      expect(type.value).to.equal('COM');
      expect(optionTexts(reg)[0]).to.equal('Toutes (454)');
      for (const o of ['BRE (49)', 'IDF (67)', 'PAC (87)']) expect(optionTexts(reg)).to.include(o);
      // The facet's own counts stay under the other filters only.
      expect(optionTexts(type)).to.include('CA (101)');

      await chooseFacet(el, reg, 'BRE');
      // python: COM in BRE 49; type counts in BRE: COM 49, CA 7, CC 6, DEP 4.
      expect(el.rows.length).to.equal(49);
      [type, reg] = facetSelects(el);
      expect(optionTexts(type)[0]).to.equal('Toutes (80)');
      for (const o of ['COM (49)', 'CA (7)', 'CC (6)', 'DEP (4)']) expect(optionTexts(type)).to.include(o);

      // Facets combine with the search: python: 42 "herault" rows, 33 of them COM (all OCC).
      await chooseFacet(el, reg, '');
      await searchFor(el, 'herault');
      expect(el.rows.length).to.equal(33);
      expect(liveText(el)).to.equal('33 sur 891 lignes');
      [type, reg] = facetSelects(el);
      expect(optionTexts(reg)).to.include('OCC (33)');
      expect(optionTexts(type)).to.include('CA (4)');
      expect(optionTexts(type)[0]).to.equal('Toutes (42)');

      // Back to all.
      await searchFor(el, '');
      await chooseFacet(el, facetSelects(el)[0], '');
      expect(el.rows.length).to.equal(891);
    });

    it('filter="type = COM" is the facet’s initial choice', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type, reg_code_short',
        facets: 'type, reg_code_short',
        filter: 'type = COM',
      });
      loaded(event);
      const [type, reg] = facetSelects(el);
      expect(type.value).to.equal('COM');
      expect(type.selectedOptions[0] && norm(type.selectedOptions[0].text)).to.equal('COM (454)');
      expect(el.rows.length).to.equal(454);
      expect(optionTexts(reg)).to.include('BRE (49)');
      // The person can undo it.
      await chooseFacet(el, type, '');
      expect(el.rows.length).to.equal(891);
    });

    it('filter on a non-facet column is a fixed filter, with no select', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, dep_label',
        facets: 'type',
        filter: 'dep_label = herault',
      });
      loaded(event);
      // python: 42 rows with dep_label "Hérault" (matched ignoring accents and case).
      expect(el.rows.length).to.equal(42);
      expect(el.rows.every((r) => r['dep_label'] === 'Hérault')).to.equal(true);
      expect(facetSelects(el).length).to.equal(1);
      // python: type counts in Hérault: COM 33, CA 4.
      expect(optionTexts(facetSelects(el)[0])).to.include('COM (33)');
      expect(optionTexts(facetSelects(el)[0])[0]).to.equal('Toutes (42)');

      const fixed = await tableWith({ src: ODF, columns: 'nom, type', filter: 'type = COM' });
      loaded(fixed.event);
      expect(fixed.el.rows.length).to.equal(454);
      expect(root(fixed.el).querySelector('select')).to.equal(null);
    });

    it('filter="type = COM | DEP" accepts both', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, type', filter: 'type = COM | DEP' });
      loaded(event);
      // python: 454 COM + 61 DEP.
      expect(el.rows.length).to.equal(515);
      expect(new Set(el.rows.map((r) => r['type']))).to.deep.equal(new Set(['COM', 'DEP']));
      expect(liveText(el)).to.equal('515 sur 891 lignes');
    });

    it('filter="type = COM | DEP" on a facet column: a fixed filter, the facet offers those two values', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type',
        facets: 'type',
        filter: 'type = COM | DEP',
      });
      loaded(event);
      // python: 454 COM + 61 DEP.
      expect(el.rows.length).to.equal(515);
      const select = root(el).querySelector('select')!;
      expect([...select.options].map((o) => norm(o.textContent))).to.deep.equal([
        'Toutes (515)',
        'COM (454)',
        'DEP (61)',
      ]);
      select.value = 'DEP';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(el.rows.length).to.equal(61);
    });

    it('filter on an unknown column is a config error listing the columns', async () => {
      const { el, event } = await tableWith({ src: ODF, columns: 'nom, type', filter: 'typo = COM' });
      expect(event.type).to.equal('vitrine-error');
      expect((event as VitrineErrorEvent).detail.code).to.equal('config');
      const text = norm(alertOf(el).textContent);
      expect(text).to.include('« typo »');
      expect(text).to.include('reg_code_short');
    });
  });

  describe('virtual scrolling', () => {
    for (const size of ['0', 'all']) {
      it(`page-size="${size}": few rows in the DOM, aria-rowcount, scroll to the last row`, async () => {
        const { el, event } = await tableWith({
          src: ODF,
          columns: 'nom, type, pop_insee',
          sort: 'nom asc',
          'page-size': size,
          label: 'Observatoire',
        });
        loaded(event);
        await frames(3);
        await el.updateComplete;
        const table = root(el).querySelector('table')!;
        expect(table.getAttribute('aria-rowcount')).to.equal('892');
        const rows = bodyRows(el);
        expect(rows.length).to.be.greaterThan(5);
        expect(root(el).querySelectorAll('tbody tr').length).to.be.lessThan(200);
        expect(rows[0].getAttribute('aria-rowindex')).to.equal('2');
        expect(root(el).querySelector('[part="pagination"]')).to.equal(null);
        expect(liveText(el)).to.equal('891 lignes');
        // python: first and last noms in French order: ACIGNE … ZILLISHEIM.
        expect(norm(rows[0].querySelector('td')!.textContent)).to.equal('ACIGNE');

        const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
        expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight);
        scroller.scrollTop = scroller.scrollHeight;
        scroller.dispatchEvent(new Event('scroll'));
        await frames(3);
        await el.updateComplete;
        await frames(2);
        await el.updateComplete;
        expect(root(el).querySelectorAll('tbody tr').length).to.be.lessThan(200);
        const after = bodyRows(el);
        const last = after.at(-1)!;
        expect(norm(last.querySelector('td')!.textContent)).to.equal('ZILLISHEIM');
        expect(last.getAttribute('aria-rowindex')).to.equal('892');
        // The last row is inside the visible box.
        const box = scroller.getBoundingClientRect();
        const lastBox = last.getBoundingClientRect();
        expect(lastBox.bottom).to.be.at.most(box.bottom + 1);
        expect(lastBox.top).to.be.at.least(box.top - 1);
      });
    }

    it('the scroller is focusable and named, and passes axe', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, type',
        'page-size': '0',
        label: 'Observatoire',
      });
      loaded(event);
      const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
      expect(scroller.getAttribute('tabindex')).to.equal('0');
      expect(norm(scroller.getAttribute('aria-label'))).to.equal('Observatoire');
      await expect(el).to.be.accessible();
    });
  });

  describe('data bars and colour scales', () => {
    it('bars: class "bar" and --vitrine-bar, 100% for the largest value, nothing on empty cells', async () => {
      // python: nb_ptf max 631, then 523; min 0. File order: ACIGNE 4, ADACL Landes empty.
      const sorted = await tableWith({ src: ODF, columns: 'nom, nb_ptf', bars: 'nb_ptf', sort: 'nb_ptf desc' });
      loaded(sorted.event);
      const top = cellAt(sorted.el, 0, 1);
      expect(top.classList.contains('bar')).to.equal(true);
      expect(parseFloat(top.style.getPropertyValue('--vitrine-bar'))).to.be.closeTo(100, 0.05);
      expect(parseFloat(cellAt(sorted.el, 1, 1).style.getPropertyValue('--vitrine-bar'))).to.be.closeTo(
        (523 / 631) * 100,
        0.06,
      );
      // The other column carries no bar.
      expect(cellAt(sorted.el, 0, 0).classList.contains('bar')).to.equal(false);

      const plain = await tableWith({ src: ODF, columns: 'nom, nb_ptf', bars: 'nb_ptf' });
      loaded(plain.event);
      let empties = 0;
      for (const tr of bodyRows(plain.el)) {
        const td = tr.querySelectorAll('td')[1];
        const text = norm(td.textContent);
        if (!text) {
          empties++;
          expect(td.classList.contains('bar')).to.equal(false);
          expect(td.style.getPropertyValue('--vitrine-bar')).to.equal('');
        } else {
          expect(td.classList.contains('bar')).to.equal(true);
          expect(parseFloat(td.style.getPropertyValue('--vitrine-bar'))).to.be.closeTo(
            (Number(text.replace(/\s/g, '')) / 631) * 100,
            0.06,
          );
        }
      }
      expect(empties).to.be.greaterThan(0);
    });

    it('colors: class "scale" and --vitrine-scale from 0% (min) to 100% (max)', async () => {
      // python: pop_insee min 52 (BAUDIGNAN), max 12210000 (ILE DE FRANCE); ADEUPa (3rd row) empty.
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, pop_insee',
        colors: 'pop_insee',
        sort: 'pop_insee desc',
      });
      loaded(event);
      expect(columnTexts(el, 0)[0]).to.equal('ILE DE FRANCE');
      const top = cellAt(el, 0, 1);
      expect(top.classList.contains('scale')).to.equal(true);
      expect(parseFloat(top.style.getPropertyValue('--vitrine-scale'))).to.be.closeTo(100, 0.05);
      sortButton(el, 'pop_insee').click();
      await el.updateComplete;
      expect(columnTexts(el, 0)[0]).to.equal('BAUDIGNAN');
      expect(parseFloat(cellAt(el, 0, 1).style.getPropertyValue('--vitrine-scale'))).to.be.closeTo(0, 0.05);

      const plain = await tableWith({ src: ODF, columns: 'nom, pop_insee', colors: 'pop_insee' });
      loaded(plain.event);
      expect(columnTexts(plain.el, 0)[2]).to.equal('ADEUPa');
      const empty = cellAt(plain.el, 2, 1);
      expect(norm(empty.textContent)).to.equal('');
      expect(empty.classList.contains('scale')).to.equal(false);
      expect(empty.style.getPropertyValue('--vitrine-scale')).to.equal('');
      // ACIGNE 6275: (6275 - 52) / (12210000 - 52) = 0.05 %.
      const acigne = cellAt(plain.el, 0, 1);
      expect(acigne.classList.contains('scale')).to.equal(true);
      expect(parseFloat(acigne.style.getPropertyValue('--vitrine-scale'))).to.be.closeTo(
        ((6275 - 52) / (12210000 - 52)) * 100,
        0.06,
      );
    });
  });

  describe('totals', () => {
    it('totals="" sums every summable column, the French way', async () => {
      const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant', totals: '' });
      loaded(event);
      const tr = root(el).querySelector('tfoot tr[part="totals"]');
      expect(tr, 'totals row').to.exist;
      const cells = [...tr!.children];
      expect(cells.length).to.equal(2);
      expect(norm(cells[0].textContent)).to.equal('Total');
      // python: sum of the 13 montant values = 878205.0; cells show "40 000", so the total "878 205".
      expect(norm(cells[1].textContent)).to.equal('878 205');

      const money = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant : currency', totals: '' });
      loaded(money.event);
      const moneyCells = [...root(money.el).querySelector('tr[part="totals"]')!.children];
      expect(norm(moneyCells[1].textContent)).to.equal('878 205,00 €');
    });

    it('totals="" leaves out codes and coordinates', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, reg_code_geo, nb_ptf, lat, lon',
        totals: '',
      });
      loaded(event);
      const totals = [...root(el).querySelector('tr[part="totals"]')!.children].map((c) => norm(c.textContent));
      // python: sum(nb_ptf) = 15906. reg_code_geo holds INSEE region codes ("53", "75"…): an identifier,
      // whose sum (50829) means nothing; lat/lon are coordinates.
      expect(totals).to.deep.equal(['Total', '', '15 906', '', '']);
    });

    it('totals="nb_ptf" sums only that column, and follows the search', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, dep_label, nb_ptf, nb_datagouv',
        totals: 'nb_ptf',
        search: '',
      });
      loaded(event);
      const totals = () => [...root(el).querySelector('tr[part="totals"]')!.children].map((c) => norm(c.textContent));
      // python: sum(nb_ptf) = 15906; nb_datagouv (sum 12611) is not summed.
      expect(totals()).to.deep.equal(['Total', '', '15 906', '']);
      // python: the 42 "herault" rows have nb_ptf summing to 1092.
      await searchFor(el, 'herault');
      expect(totals()).to.deep.equal(['Total', '', '1 092', '']);
    });
  });

  describe('download', () => {
    it('a download button and a link to the source', async () => {
      const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant', download: '' });
      loaded(event);
      const button = root(el).querySelector<HTMLButtonElement>('button[part="download"]');
      expect(button, 'download button').to.exist;
      expect(norm(button!.textContent)).to.not.equal('');
      const source = root(el).querySelector<HTMLAnchorElement>('a[part="source"]');
      expect(source, 'source link').to.exist;
      expect(source!.getAttribute('href')).to.equal(new URL(LOT, location.href).href);
      expect(source!.getAttribute('href')).to.match(/^http:\/\/[^/]+\/test\/fixtures\/scdl\//);
    });

    it('toCsv(): BOM, ";", CRLF, labels, quotes, numbers with a decimal comma in French', async () => {
      const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire = Bénéficiaire, montant' });
      loaded(event);
      const csv = el.toCsv();
      expect(csv.startsWith('\ufeff')).to.equal(true);
      expect(csv.endsWith('\r\n')).to.equal(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines.length).to.equal(15);
      expect(lines[0]).to.equal('Bénéficiaire;montant');
      // LOT rows 1 and 2 (python): 40 000,00 and 260 000,00; the second name holds quotes.
      expect(lines[1]).to.equal('Association des maires et élus du Lot;40000');
      expect(lines[2]).to.equal('"Association ""Ecaussystème""";260000');
      expect(lines[13]).to.equal('Quercy énergies;13291');

      // Decimal comma in French, point in English: ODF ACIGNE lat 48.133181 (python).
      const fr = await tableWith({ src: ODF, columns: 'nom = Collectivité, lat', search: '' });
      loaded(fr.event);
      await searchFor(fr.el, 'acigne');
      expect(fr.el.toCsv()).to.equal('\ufeffCollectivité;lat\r\nACIGNE;48,133181\r\n');
      const en = await tableWith({ src: ODF, lang: 'en', columns: 'nom, lat', search: '' });
      loaded(en.event);
      await searchFor(en.el, 'acigne');
      expect(en.el.toCsv()).to.equal('\ufeffnom;lat\r\nACIGNE;48.133181\r\n');
    });

    it('toCsv(): only the filtered rows, in the order shown', async () => {
      const { el, event } = await tableWith({
        src: ODF,
        columns: 'nom, nb_ptf',
        filter: 'type = DEP',
        sort: 'nb_ptf desc',
      });
      loaded(event);
      const lines = el.toCsv().slice(1).split('\r\n');
      // python: 61 DEP rows; by nb_ptf desc: SEINE SAINT DENIS 356, LOIRE ATLANTIQUE 260, HAUTS DE SEINE 138,
      // COTES D'ARMOR 133, SEINE MARITIME 131; the last, with no nb_ptf, VIENNE (stable order).
      expect(lines.length).to.equal(1 + 61 + 1);
      expect(lines.slice(0, 6)).to.deep.equal([
        'nom;nb_ptf',
        'SEINE SAINT DENIS;356',
        'LOIRE ATLANTIQUE;260',
        'HAUTS DE SEINE;138',
        "COTES D'ARMOR;133",
        'SEINE MARITIME;131',
      ]);
      expect(lines[61]).to.equal('VIENNE;');
    });

    it('toCsv(): a cell with ";" and quotes is quoted; text starting with "@" gets an apostrophe', async () => {
      const { el, event } = await tableWith({
        src: POITIERS,
        columns: 'ATTRIB_NOM, SUB_OBJ, SUB_MONTANT',
        search: '',
      });
      loaded(event);
      // python: "bucco" is in 3 rows; the one of 250.0 has SUB_OBJ with both ';' and '"'.
      await searchFor(el, 'bucco');
      expect(el.rows.length).to.equal(3);
      const obj =
        "Soutien au fonctionnement d'actions de motivation et de dépistage relatives à l'hygiène bucco-dentaire à Poitiers. Sur le temps scolaire, activités pour enfants de CP et CM2 (\"M tes dents\") des quartiers des 3 Cités, des Couronneries, de Bel Air ; interventions à la Misson Locale d'Insertion et en EHPAD.";
      const expected = `COMITE D'HYGIENE BUCCO-DENTAIRE DE LA VIENNE;"${obj.replace(/"/g, '""')}";250`;
      expect(el.toCsv().slice(1).split('\r\n')).to.include(expected);

      // python: "@CTION SAUVETAGE" (SUB_MONTANT 3000.0) is the only row matching "sauvetage" in ATTRIB_NOM.
      const guard = await tableWith({ src: POITIERS, columns: 'ATTRIB_NOM, SUB_MONTANT', search: '' });
      loaded(guard.event);
      await searchFor(guard.el, 'sauvetage');
      expect(guard.el.toCsv()).to.equal("\ufeffATTRIB_NOM;SUB_MONTANT\r\n'@CTION SAUVETAGE;3000\r\n");
    });

    it('the button saves the filtered rows as a .csv blob', async () => {
      const { el, event } = await tableWith({
        src: LOT,
        label: 'Subventions du Lot',
        columns: 'nomBeneficiaire, montant',
        search: '',
        download: '',
      });
      loaded(event);
      await searchFor(el, 'association');
      // LOT (python): 4 beneficiaries contain "association" (3 "Association…" + "Association départementale…").
      const original = HTMLAnchorElement.prototype.click;
      const clicked: { href: string; download: string }[] = [];
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        clicked.push({ href: this.href, download: this.download });
      };
      try {
        root(el).querySelector<HTMLButtonElement>('button[part="download"]')!.click();
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      expect(clicked.length).to.equal(1);
      expect(clicked[0].href).to.match(/^blob:/);
      expect(clicked[0].download).to.match(/\.csv$/);
      expect(clicked[0].download).to.include('subventions');
      const bytes = new Uint8Array(await (await fetch(clicked[0].href)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text).to.equal(el.toCsv());
      const lines = text.slice(1).split('\r\n');
      expect(lines.length).to.equal(1 + 4 + 1);
      expect(lines[1]).to.equal('Association des maires et élus du Lot;40000');
    });
  });

  it('links from data: no javascript: link, script text shown as text, nothing runs', async () => {
    const { el, event } = await tableWith({ src: SCRIPT_CELLS, columns: 'nom, lien : link, montant' });
    loaded(event);
    await frames(2);
    const r = root(el);
    for (const a of r.querySelectorAll('a[href]'))
      expect(a.getAttribute('href')!.toLowerCase()).to.not.match(/^\s*javascript:/);
    expect(r.querySelector('tbody a')).to.equal(null);
    expect(r.querySelector('tbody script, tbody img, tbody b')).to.equal(null);
    expect(columnTexts(el, 0)).to.deep.equal(['<script>window.__pwned=1</script>', '<b>gras</b>']);
    expect(columnTexts(el, 1)).to.deep.equal(['javascript:alert(1)', 'javascript:window.__pwned=3']);
    expect(columnTexts(el, 2)[0]).to.equal('<img src=x onerror=window.__pwned=2>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  describe('keyboard and accessibility', () => {
    async function fullTable(): Promise<{ el: VitrineTable; before: HTMLButtonElement }> {
      const parent = await fixture(html`<div><button id="before">avant</button></div>`);
      const el = document.createElement('vitrine-table');
      const attrs: Record<string, string> = {
        src: ODF,
        label: 'Observatoire',
        columns: 'nom, type, reg_code_short, nb_ptf',
        search: '',
        facets: 'type, reg_code_short',
        download: '',
        totals: 'nb_ptf',
        'page-size': '10',
      };
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      const settled = Promise.race([oneEvent(el, 'vitrine-load'), oneEvent(el, 'vitrine-error')]);
      parent.append(el);
      loaded((await settled) as VitrineLoadEvent | VitrineErrorEvent);
      await el.updateComplete;
      return { el, before: parent.querySelector('button')! };
    }

    it('passes axe with search, facets, download, totals and pagination', async () => {
      const { el } = await fullTable();
      expect(root(el).querySelector('input[type="search"]')).to.exist;
      expect(facetSelects(el).length).to.equal(2);
      expect(root(el).querySelector('[part="pagination"]')).to.exist;
      expect(root(el).querySelector('[part="download"]')).to.exist;
      expect(root(el).querySelector('[part="totals"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('Tab reaches the search box, the facets, the sort buttons, the pagination and the download', async () => {
      const { el, before } = await fullTable();
      before.focus();
      const seen: Element[] = [];
      for (let i = 0; i < 20; i++) {
        await sendKeys({ press: 'Tab' });
        if (document.activeElement !== el) break;
        const active = root(el).activeElement;
        if (active) seen.push(active);
      }
      const r = root(el);
      const at = (e: Element | null) => {
        expect(e, 'control').to.exist;
        const i = seen.indexOf(e!);
        expect(i, `${e!.outerHTML.slice(0, 80)} reached by Tab`).to.be.at.least(0);
        return i;
      };
      const order = [
        at(r.querySelector('input[type="search"]')),
        ...facetSelects(el).map(at),
        ...[...r.querySelectorAll('[part="sort-button"]')].map(at),
        at(r.querySelector('[part="pagination"] button:not([disabled])')),
        at(r.querySelector('button[part="download"]')),
      ];
      expect(order.length).to.equal(1 + 2 + 4 + 1 + 1);
      for (let i = 1; i < order.length; i++) expect(order[i], `tab stop ${i}`).to.be.greaterThan(order[i - 1]);
    });
  });

  it('in a 320px box: the element stays 320px wide and its scroller scrolls sideways', async () => {
    const parent = await fixture(html`<div style="width:320px"></div>`);
    const el = document.createElement('vitrine-table');
    el.setAttribute('src', ODF);
    el.setAttribute('search', '');
    el.setAttribute('facets', 'type');
    el.setAttribute('download', '');
    const settled = Promise.race([oneEvent(el, 'vitrine-load'), oneEvent(el, 'vitrine-error')]);
    parent.append(el);
    loaded((await settled) as VitrineLoadEvent | VitrineErrorEvent);
    await el.updateComplete;
    await frames(2);
    // Every column of the file (25, python) is shown.
    expect(root(el).querySelectorAll('thead th').length).to.equal(25);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
    const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
    expect(scroller.getBoundingClientRect().width).to.be.at.most(320);
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    const before = scroller.scrollLeft;
    scroller.scrollLeft = 200;
    expect(scroller.scrollLeft).to.be.greaterThan(before);
  });
});

import { expect, fixture, html, oneEvent, nextFrame } from '@open-wc/testing';
import { crossOrigin, failOnLitWarnings, resetCache, tableWith } from '../helpers/helpers.ts';
import type { VitrineErrorEvent, VitrineLoadEvent } from '../../src/internal/events.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import { liveWorkers, releaseWorkers } from '../../src/data/parse-client.ts';
import { isPrepared } from '../../src/data/query.ts';

const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const LOT = '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv';
const ODS_JSON = '/test/fixtures/api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json';
const ANNUAIRE = '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}
function cells(el: Element, row: number): string[] {
  const tr = shadow(el).querySelectorAll('tbody tr')[row];
  return [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim());
}
function headers(el: Element): string[] {
  return [...shadow(el).querySelectorAll('thead th')].map((th) => th.textContent!.trim());
}

describe('<vitrine-table>', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  it('renders a real <table> with caption, column headers and French number formats', async () => {
    const { el, event } = await tableWith({
      src: ODF,
      label: 'Observatoire',
      columns: 'nom, type, pop_insee',
    });
    expect(event.type).to.equal('vitrine-load');
    const detail = (event as VitrineLoadEvent).detail;
    expect(detail.rowCount).to.equal(891);
    expect(detail.columns.map((c) => c.name)).to.include.members(['nom', 'siren', 'pop_insee', 'lat', 'lon']);
    expect(detail.elapsed).to.be.a('number');
    const root = shadow(el);
    expect(root.querySelector('caption')!.textContent!.trim()).to.equal('Observatoire');
    expect(headers(el)).to.deep.equal(['nom', 'type', 'pop_insee']);
    root.querySelectorAll('thead th').forEach((th) => expect(th.getAttribute('scope')).to.equal('col'));
    // 20 rows a page by default: never the whole file in the DOM.
    expect(root.querySelectorAll('tbody tr').length).to.equal(20);
    // Population formatted the French way: digits grouped by a (narrow) no-break space.
    const pops = [...root.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[2].textContent!.trim());
    expect(pops.some((p) => /^\d{1,3}([\u202f\u00a0]\d{3})+$/.test(p))).to.equal(true);
    expect(el.columns.length).to.equal(25);
    expect(el.rows.length).to.equal(891);
    await expect(el).to.be.accessible();
  });

  it('decodes a Windows-1252 file and shows amounts like "40 000,00" as numbers', async () => {
    const { el, event } = await tableWith({ src: LOT, columns: 'nomBeneficiaire, montant' });
    expect(event.type).to.equal('vitrine-load');
    expect((event as VitrineLoadEvent).detail.rowCount).to.equal(13);
    const text = shadow(el).querySelector('tbody')!.textContent!;
    expect(text).to.not.include('\ufffd');
    expect(el.columns.find((c) => c.name === 'montant')!.type).to.equal('number');
    const montant = el.rows[0]['montant'];
    expect(montant).to.be.a('number');
    // Right-aligned numeric cells.
    expect(shadow(el).querySelectorAll('tbody tr')[0].querySelectorAll('td')[1].className).to.include('num');
  });

  it('reads the records of an Opendatasoft JSON export', async () => {
    const { el, event } = await tableWith({ src: ODS_JSON, lang: 'en' });
    expect(event.type).to.equal('vitrine-load');
    expect((event as VitrineLoadEvent).detail.rowCount).to.equal(615);
    expect(el.columns.map((c) => c.name)).to.include('adresse');
    expect(shadow(el).textContent).to.include('Rows 1 to 20 of 615');
  });

  it('paginates with buttons that have accessible names', async () => {
    const { el } = await tableWith({ src: ODF, columns: 'nom', 'page-size': '50' });
    const root = shadow(el);
    const first = cells(el, 0)[0];
    const next = root.querySelector<HTMLButtonElement>('button[aria-label="Page suivante"]')!;
    expect(next).to.exist;
    expect(root.querySelector<HTMLButtonElement>('button[aria-label="Page précédente"]')!.disabled).to.equal(true);
    next.click();
    await el.updateComplete;
    expect(root.textContent).to.include('Page 2 sur 18');
    expect(cells(el, 0)[0]).to.not.equal(first);
    root.querySelector<HTMLButtonElement>('button[aria-label="Dernière page"]')!.click();
    await el.updateComplete;
    expect(root.querySelectorAll('tbody tr').length).to.equal(891 - 17 * 50);
    expect(next.disabled).to.equal(true);
  });

  it('shows a polite progress state while loading', async () => {
    const el = (await fixture(html`<vitrine-table src=${ODF + '?delay=400'}></vitrine-table>`)) as VitrineTable;
    const status = shadow(el).querySelector('[role="status"]');
    expect(status, 'status while loading').to.exist;
    expect(status!.getAttribute('part')).to.equal('status');
    expect(status!.textContent).to.include('Chargement');
    // What screen readers hear is a separate, coarser text; the visible one is hidden from them.
    expect(status!.querySelector('.visually-hidden')!.textContent).to.include('Chargement');
    expect(status!.querySelector('progress')!.getAttribute('aria-hidden')).to.equal('true');
    await oneEvent(el, 'vitrine-load');
    await el.updateComplete;
    expect(shadow(el).querySelector('[role="status"]')).to.equal(null);
  });

  describe('errors', () => {
    async function errorOf(attrs: Record<string, string>) {
      const { el, event } = await tableWith(attrs);
      expect(event.type).to.equal('vitrine-error');
      const alert = shadow(el).querySelector('[role="alert"]');
      expect(alert, 'visible alert').to.exist;
      expect(alert!.getAttribute('part')).to.equal('error');
      return { el, detail: (event as VitrineErrorEvent).detail, text: alert!.textContent!.replace(/\s+/g, ' ') };
    }

    it('http: a missing file says so, in French, with the URL', async () => {
      const { detail, text, el } = await errorOf({ src: '/test/fixtures/nope.csv' });
      expect(detail.code).to.equal('http');
      expect(detail.url).to.include('/test/fixtures/nope.csv');
      expect(detail.message).to.include('404');
      expect(text).to.include('introuvable');
      expect(text).to.include('/test/fixtures/nope.csv');
      await expect(el).to.be.accessible();
    });

    it('http: a server error gives its status, in English when lang="en"', async () => {
      const { detail, text } = await errorOf({ src: '/__status/503', lang: 'en' });
      expect(detail.code).to.equal('http');
      expect(text).to.include('error 503');
    });

    it('lang falls back to the nearest ancestor', async () => {
      const wrapper = await fixture(html`<div lang="en-GB"></div>`);
      const el = document.createElement('vitrine-table');
      el.src = '/__status/500';
      const ev = oneEvent(el, 'vitrine-error');
      wrapper.append(el);
      const { detail } = await ev;
      expect(detail.message).to.include('The server answered with error 500');
    });

    it('parse: an HTML page where CSV was expected', async () => {
      const { detail, text } = await errorOf({ src: '/test/fixtures/hostile/html-as-csv.csv' });
      expect(detail.code).to.equal('parse');
      expect(text).to.include('page web');
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('parse: a spreadsheet where CSV was expected says to export it as CSV', async () => {
      const { detail, text } = await errorOf({ src: '/test/fixtures/hostile/spreadsheet.xlsx' });
      expect(detail.code).to.equal('parse');
      expect(text).to.include('tableur (XLSX)');
      expect(text).to.include('CSV');
    });

    it('empty: an empty file, a blank file, a header with no rows', async () => {
      for (const f of ['empty.csv', 'blank.csv', 'header-only.csv']) {
        resetCache();
        const { detail } = await errorOf({ src: `/test/fixtures/hostile/${f}` });
        expect(detail.code, f).to.equal('empty');
      }
    });

    it('config: a column that does not exist lists those that do', async () => {
      const { detail, text } = await errorOf({ src: LOT, columns: 'montant, beneficiare' });
      expect(detail.code).to.equal('config');
      expect(text).to.include('« beneficiare »');
      expect(text).to.include('nomBeneficiaire');
      expect(text).to.include('montant');
    });

    it('config: column names match regardless of case and accents', async () => {
      const { event, el } = await tableWith({ src: LOT, columns: 'NOMBENEFICIAIRE, Montant' });
      expect(event.type).to.equal('vitrine-load');
      expect(headers(el)).to.deep.equal(['nomBeneficiaire', 'montant']);
    });

    it('config: no src at all', async () => {
      const { detail, text } = await errorOf({ label: 'rien' });
      expect(detail.code).to.equal('config');
      expect(text).to.include('src');
    });

    it('cors: a server without CORS headers is told apart from a network failure', async () => {
      const other = await crossOrigin();
      const { detail, text } = await errorOf({ src: `${other}/nocors/test/fixtures/hostile/ragged.csv` });
      expect(detail.code).to.equal('cors');
      expect(text).to.include('CORS');
      expect(text).to.include('proxy');
    });

    it('cors: the same file with a CORS header loads', async () => {
      const other = await crossOrigin();
      const { event } = await tableWith({ src: `${other}/cors/test/fixtures/hostile/ragged.csv` });
      expect(event.type).to.equal('vitrine-load');
    });

    it('proxy: a URL template routes the request through the author’s proxy', async () => {
      const other = await crossOrigin();
      // The file sits on a server without CORS headers; the proxy (on the second origin) relays it.
      const src = `${other}/nocors/test/fixtures/hostile/ragged.csv`;
      const direct = await tableWith({ src });
      expect(direct.event.type).to.equal('vitrine-error');
      resetCache();
      const { event } = await tableWith({ src, proxy: `${other}/proxy?url={url}` });
      expect(event.type).to.equal('vitrine-load');
    });

    it('network: an unreachable host', async () => {
      const { detail, text } = await errorOf({ src: 'http://127.0.0.1:9/data.csv' });
      expect(detail.code).to.equal('network');
      expect(text).to.include('connexion');
    });
  });

  describe('hostile data', () => {
    it('renders script and HTML in cells as text, executes nothing', async () => {
      const { el, event } = await tableWith({ src: '/test/fixtures/hostile/script-cells.csv' });
      expect(event.type).to.equal('vitrine-load');
      await nextFrame();
      const root = shadow(el);
      expect(root.querySelector('tbody script, tbody img, tbody b')).to.equal(null);
      expect(root.querySelector('tbody')!.textContent).to.include('<script>window.__pwned=1</script>');
      expect(root.querySelector('tbody a')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('survives ragged rows and a 200,000-character cell', async () => {
      const ragged = await tableWith({ src: '/test/fixtures/hostile/ragged.csv' });
      expect(ragged.event.type).to.equal('vitrine-load');
      expect(ragged.el.columns.length).to.be.greaterThan(2);
      const huge = await tableWith({ src: '/test/fixtures/hostile/huge-cell.csv' });
      expect(huge.event.type).to.equal('vitrine-load');
      expect((huge.event as VitrineLoadEvent).detail.rowCount).to.equal(2);
    });
  });

  describe('life cycle', () => {
    it('the last src wins', async () => {
      const el = (await fixture(html`<vitrine-table src=${ODF + '?delay=300'}></vitrine-table>`)) as VitrineTable;
      const loads: VitrineLoadEvent[] = [];
      el.addEventListener('vitrine-load', (e) => loads.push(e));
      el.src = LOT;
      await oneEvent(el, 'vitrine-load');
      await new Promise((r) => setTimeout(r, 500));
      expect(loads.length).to.equal(1);
      expect(loads[0].detail.rowCount).to.equal(13);
      expect(el.rows.length).to.equal(13);
    });

    it('two elements with the same src share one request', async () => {
      const original = window.fetch;
      const calls: string[] = [];
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(String(input));
        return original(input, init);
      };
      try {
        const parent = await fixture(
          html`<div>
            <vitrine-table src=${LOT}></vitrine-table><vitrine-table src=${LOT} columns="montant"></vitrine-table>
          </div>`,
        );
        const [a, b] = [...parent.querySelectorAll('vitrine-table')];
        await Promise.all([oneEvent(a, 'vitrine-load'), oneEvent(b, 'vitrine-load')]);
        expect(calls.filter((c) => c.includes('DEP_Lot')).length).to.equal(1);
        expect(a.table).to.equal(b.table);
      } finally {
        window.fetch = original;
      }
    });

    it('leaving the page cancels the load without an event or an exception', async () => {
      const el = (await fixture(html`<vitrine-table src=${ODF + '?delay=300&leave'}></vitrine-table>`)) as VitrineTable;
      const events: Event[] = [];
      el.addEventListener('vitrine-load', (e) => events.push(e));
      el.addEventListener('vitrine-error', (e) => events.push(e));
      el.remove();
      await new Promise((r) => setTimeout(r, 700));
      expect(events).to.deep.equal([]);
      // Back on the page: it loads again.
      document.body.append(el);
      await oneEvent(el, 'vitrine-load');
      el.remove();
    });

    it('connected and disconnected a hundred times during a worker parse leaves no worker behind', async () => {
      releaseWorkers();
      const parent = await fixture(html`<div></div>`);
      const el = document.createElement('vitrine-table');
      el.src = ANNUAIRE;
      for (let i = 0; i < 100; i++) {
        parent.append(el);
        await new Promise((r) => setTimeout(r, i % 10 === 0 ? 30 : 0));
        el.remove();
      }
      await new Promise((r) => setTimeout(r, 300));
      // At most the one warm worker kept for the next parse; none once released.
      expect(liveWorkers()).to.be.at.most(1);
      releaseWorkers();
      expect(liveWorkers()).to.equal(0);
      parent.append(el);
      const ev = await oneEvent(el, 'vitrine-load');
      expect(ev.detail.rowCount).to.equal(996);
      releaseWorkers();
    });

    it('connected and disconnected a hundred times leaves it working', async () => {
      const parent = await fixture(html`<div></div>`);
      const el = document.createElement('vitrine-table');
      el.src = LOT;
      for (let i = 0; i < 100; i++) {
        parent.append(el);
        el.remove();
      }
      parent.append(el);
      const ev = await oneEvent(el, 'vitrine-load');
      expect(ev.detail.rowCount).to.equal(13);
    });
  });
});

describe('<vitrine-table> sort and search', () => {
  const OBS = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
  beforeEach(() => resetCache());

  function headerCell(el: Element, name: string): HTMLTableCellElement {
    return [...el.shadowRoot!.querySelectorAll<HTMLTableCellElement>('thead th')].find(
      (th) => th.textContent!.trim().replace(/[▲▼]/g, '') === name,
    )!;
  }
  const column = (el: Element, i: number) =>
    [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[i].textContent!.trim());

  it('applies the sort attribute, shows it with aria-sort, and sorts numbers as numbers', async () => {
    const { el } = await tableWith({ src: OBS, columns: 'nom, pop_insee', sort: 'pop_insee desc' });
    expect(headerCell(el, 'pop_insee').getAttribute('aria-sort')).to.equal('descending');
    expect(headerCell(el, 'nom').hasAttribute('aria-sort')).to.equal(false);
    const pops = el.rows.map((r) => r['pop_insee']).filter((v): v is number => typeof v === 'number');
    expect(pops.length).to.be.greaterThan(100);
    expect(pops).to.deep.equal([...pops].sort((a, b) => b - a));
    // Empty populations come last.
    expect(el.rows.at(-1)!['pop_insee']).to.equal(null);
  });

  it('sorts by a header click, then reverses on a second click, French order for text', async () => {
    const { el } = await tableWith({ src: OBS, columns: 'nom, type' });
    const button = headerCell(el, 'nom').querySelector('button')!;
    button.click();
    await el.updateComplete;
    expect(headerCell(el, 'nom').getAttribute('aria-sort')).to.equal('ascending');
    const names = el.rows.map((r) => String(r['nom'] ?? ''));
    const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
    for (let i = 1; i < names.length; i++)
      expect(collator.compare(names[i - 1], names[i]) <= 0, names[i]).to.equal(true);
    button.click();
    await el.updateComplete;
    expect(headerCell(el, 'nom').getAttribute('aria-sort')).to.equal('descending');
    expect(column(el, 0)[0]).to.equal(String(el.rows[0]['nom']));
  });

  it('a search box filters the rows, accent- and case-insensitive, and says how many remain', async () => {
    const { el } = await tableWith({ src: OBS, columns: 'nom, dep_label', search: '' });
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(el.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent).to.include('Rechercher');
    input.value = 'FINISTERE';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const shown = el.rows;
    expect(shown.length).to.be.greaterThan(5).and.lessThan(891);
    for (const r of shown) expect(`${r['nom']} ${r['dep_label']}`.toLowerCase()).to.match(/finist[eè]re/);
    expect(el.shadowRoot!.querySelector('[part="footer"]')!.textContent).to.include(`${shown.length} sur 891 lignes`);
    await expect(el).to.be.accessible();
  });

  it('with a search box, folds the shown columns while idle, so the first search is no slower', async () => {
    const { el } = await tableWith({ src: OBS, columns: 'nom, dep_label', search: '' });
    const table = el.table!;
    await new Promise((r) => setTimeout(r, 500));
    expect(isPrepared(table, table.column('nom')!.index)).to.equal(true);
    expect(isPrepared(table, table.column('dep_label')!.index)).to.equal(true);
    // Columns that are not shown are not folded.
    expect(isPrepared(table, table.column('siren')!.index)).to.equal(false);
  });

  it('config: a sort column that does not exist lists those that do', async () => {
    const { event, el } = await tableWith({ src: OBS, sort: 'population desc' });
    expect(event.type).to.equal('vitrine-error');
    const text = el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
    expect(text).to.include('« population »');
    expect(text).to.include('pop_insee');
  });
});

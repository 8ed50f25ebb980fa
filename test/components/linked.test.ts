/**
 * Linked elements: one <vitrine-source> shown by a table, a map, cards and a budget, filtered by
 * <vitrine-filter> and <vitrine-search>, with the selection shared between the views and the
 * state kept in the page address. The expected counts are computed in this file from the CSV text
 * itself (a plain split: the observatory file has no quoted fields), not by the library.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { VitrineSource } from '../../src/components/source/source.component.ts';
import type { VitrineFilter } from '../../src/components/filter/filter.component.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import type { VitrineCards } from '../../src/components/cards/cards.component.ts';
import type { VitrineBudget } from '../../src/components/budget/budget.component.ts';
import { sourceById } from '../../src/internal/source-link.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';

const OBSERVATORY = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const GEO_DEPARTEMENTS = '/test/fixtures/geo/departements-version-simplifiee.geojson';

type Row = Record<string, string>;
let rowsCache: Row[] | undefined;

/** The observatory rows, read from the file by a plain split (independent of the library's parser). */
async function fileRows(): Promise<Row[]> {
  if (rowsCache) return rowsCache;
  const text = await (await fetch(OBSERVATORY)).text();
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const names = header.split(';');
  rowsCache = lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [names[i], v])));
  return rowsCache;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

/** Builds a block of HTML in a fresh container and waits for every element in it to settle. */
async function page(markup: string): Promise<HTMLElement> {
  const box = document.createElement('div');
  box.innerHTML = markup;
  document.body.append(box);
  return box;
}

/** Resolves when `el` has fired vitrine-load (or vitrine-error), or at once if it already showed data. */
function loaded(el: Element): Promise<Event> {
  return new Promise((resolve) => {
    el.addEventListener('vitrine-load', resolve, { once: true });
    el.addEventListener('vitrine-error', resolve, { once: true });
  });
}

async function settle(...els: Element[]): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await Promise.all(els.map((e) => (e as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
    await frame();
    if (els.every((e) => !root(e).querySelector('[part="status"]'))) return;
  }
}

function mapSummary(el: Element): string {
  return plain(root(el).querySelector('[part="summary"]')?.textContent);
}

function checkbox(filter: Element, value: string): HTMLInputElement {
  const label = [...root(filter).querySelectorAll('label[part~="option"]')].find(
    (l) => plain(l.querySelector('span')?.textContent) === value,
  );
  if (!label) throw new Error(`no checkbox ${value}`);
  return label.querySelector('input')!;
}

function counts(filter: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of root(filter).querySelectorAll('label[part~="option"]')) {
    out[plain(l.querySelector('span')?.textContent)] = plain(l.querySelector('[part="count"]')?.textContent);
  }
  return out;
}

function optionTexts(filter: Element): string[] {
  return [...root(filter).querySelectorAll('option')].map((o) => plain(o.textContent));
}

const countBy = (rows: Row[], field: string) => {
  const m = new Map<string, number>();
  for (const r of rows) if (r[field]) m.set(r[field], (m.get(r[field]) ?? 0) + 1);
  return m;
};

describe('linked elements: <vitrine-source>, <vitrine-filter>, <vitrine-search>', () => {
  let checkWarnings: () => void;
  let box: HTMLElement | undefined;
  const address = location.href;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => {
    box?.remove();
    box = undefined;
    history.replaceState(null, '', address);
    checkWarnings();
  });

  it('shares one load between a table, a map and cards, with the source written after its users', async () => {
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      box = await page(`
        <vitrine-table source="obs" page-size="5"></vitrine-table>
        <div class="far-away-block"><vitrine-map source="obs" tiles="none"></vitrine-map></div>
        <vitrine-cards source="obs" card-title="nom" page-size="4"></vitrine-cards>`);
      const [table, map, cards] = [...box.querySelectorAll('vitrine-table, vitrine-map, vitrine-cards')];
      // The source arrives later, in another block of the page.
      await new Promise((r) => setTimeout(r, 50));
      const other = document.createElement('section');
      other.innerHTML = `<vitrine-source id="obs" src="${OBSERVATORY}"></vitrine-source>`;
      box.append(other);
      const events = [loaded(table), loaded(map), loaded(cards)];
      const got = await Promise.all(events);
      expect(got.map((e) => e.type)).to.deep.equal(['vitrine-load', 'vitrine-load', 'vitrine-load']);
      await settle(table, map, cards);
      expect((table as VitrineTable).rows.length).to.equal(891);
      expect((cards as VitrineCards).rows.length).to.equal(891);
      expect(mapSummary(map)).to.contain('891');
      expect(requests.filter((u) => u.includes('solidata-220425b-simplified.csv'))).to.have.length(1);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('updates the table, the map and the cards in the same frame when a facet is ticked, and counts the other facets under it', async () => {
    const rows = await fileRows();
    box = await page(`
      <vitrine-source id="obs" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-filter source="obs" field="type" max-values="0"></vitrine-filter>
      <vitrine-filter source="obs" field="reg_code_short" control="checkbox" max-values="0"></vitrine-filter>
      <vitrine-table source="obs" page-size="5"></vitrine-table>
      <vitrine-map source="obs" tiles="none" cluster></vitrine-map>
      <vitrine-cards source="obs" card-title="nom" page-size="4"></vitrine-cards>`);
    const [type, region] = [...box.querySelectorAll('vitrine-filter')];
    const table = box.querySelector('vitrine-table')!;
    const map = box.querySelector('vitrine-map')!;
    const cards = box.querySelector('vitrine-cards')!;
    await loaded(table);
    await settle(table, map, cards, type, region);
    // Counts of every type over the whole file.
    for (const [value, n] of countBy(rows, 'type')) expect(counts(type)[value]).to.equal(`(${n})`);

    checkbox(type, 'COM').click();
    await frame();
    const com = rows.filter((r) => r.type === 'COM');
    expect(table.rows.length).to.equal(com.length);
    expect(cards.rows.length).to.equal(com.length);
    expect(mapSummary(map)).to.contain(String(com.length));
    expect(plain(root(table).querySelector('[part="footer"] [aria-live]')?.textContent)).to.contain(
      `${com.length} sur 891`,
    );
    // The région facet counts communes only now; the type facet keeps counting all types.
    for (const [value, n] of countBy(com, 'reg_code_short')) expect(counts(region)[value]).to.equal(`(${n})`);
    expect(counts(type).DEP).to.equal(`(${rows.filter((r) => r.type === 'DEP').length})`);

    // A second value of the same facet widens (OR); a value of another facet narrows (AND).
    checkbox(type, 'DEP').click();
    checkbox(region, 'BRE').click();
    await frame();
    const expected = rows.filter((r) => (r.type === 'COM' || r.type === 'DEP') && r.reg_code_short === 'BRE');
    expect(table.rows.map((r) => r.nom).sort()).to.deep.equal(expected.map((r) => r.nom).sort());
    expect(cards.rows.length).to.equal(expected.length);
    expect(mapSummary(map)).to.contain(String(expected.length));
    // Clearing a facet.
    root(type).querySelector<HTMLButtonElement>('[part="clear"]')!.click();
    await frame();
    expect(table.rows.length).to.equal(rows.filter((r) => r.reg_code_short === 'BRE').length);
  });

  it('offers a select for many values and a range for numbers, and a search that ignores accents', async () => {
    const rows = await fileRows();
    box = await page(`
      <vitrine-source id="s2" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-filter source="s2" field="platform_clean" label="Plateforme"></vitrine-filter>
      <vitrine-filter source="s2" field="Pop_INSEE"></vitrine-filter>
      <vitrine-search source="s2"></vitrine-search>
      <vitrine-table source="s2" page-size="5"></vitrine-table>`);
    const [platform, population] = [...box.querySelectorAll('vitrine-filter')];
    const search = box.querySelector('vitrine-search')!;
    const table = box.querySelector('vitrine-table')!;
    await loaded(table);
    await settle(table, platform, population, search);
    // 13 platforms: a select; population: two number boxes.
    const select = root(platform).querySelector('select')!;
    expect(root(platform).querySelector('label')?.textContent).to.contain('Plateforme');
    expect(optionTexts(platform)[0]).to.equal('Toutes (891)');
    expect(optionTexts(platform)).to.include(`CKAN (${rows.filter((r) => r.platform_clean === 'CKAN').length})`);
    const [min, max] = [...root(population).querySelectorAll<HTMLInputElement>('input[type="number"]')];
    expect(root(population).querySelector('legend')?.textContent).to.contain('pop_insee');

    select.value = 'OpenDataSoft';
    select.dispatchEvent(new Event('change'));
    min.value = '10000';
    min.dispatchEvent(new Event('change'));
    max.value = '50000';
    max.dispatchEvent(new Event('change'));
    await frame();
    const kept = rows.filter(
      (r) =>
        r.platform_clean === 'OpenDataSoft' && r.pop_insee !== '' && +r.pop_insee >= 10000 && +r.pop_insee <= 50000,
    );
    expect(table.rows.length).to.equal(kept.length);
    expect(kept.length).to.be.greaterThan(5);

    // Typing in the search box (a real keyboard): accents and case do not matter.
    root(search).querySelector('input')!.focus();
    await sendKeys({ type: 'rénnes' });
    await frame();
    await frame();
    const words = (r: Row) => fold(Object.values(r).join(' ')).includes('rennes');
    expect(table.rows.length).to.equal(kept.filter(words).length);
    expect(plain(root(search).querySelector('[part="count"]')?.textContent)).to.equal(
      `${kept.filter(words).length} sur 891 fiches`,
    );
    // The platform select still offers values under the range and the search, with their counts.
    const underOthers = rows
      .filter((r) => r.pop_insee !== '' && +r.pop_insee >= 10000 && +r.pop_insee <= 50000)
      .filter(words);
    expect(optionTexts(platform)[0]).to.equal(`Toutes (${underOthers.length})`);
  });

  it('applies the initial filter of the source, and shows it ticked', async () => {
    const rows = await fileRows();
    box = await page(`
      <vitrine-filter source="s3" field="type" max-values="3"></vitrine-filter>
      <vitrine-table source="s3" page-size="5"></vitrine-table>
      <vitrine-source id="s3" src="${OBSERVATORY}" filter="type = COM | DEP, pop_insee = 100000.."></vitrine-source>`);
    const table = box.querySelector('vitrine-table')!;
    const filter = box.querySelector('vitrine-filter')!;
    await loaded(table);
    await settle(table, filter);
    const kept = rows.filter((r) => ['COM', 'DEP'].includes(r.type) && r.pop_insee !== '' && +r.pop_insee >= 100000);
    expect(table.rows.length).to.equal(kept.length);
    expect(checkbox(filter, 'COM').checked).to.equal(true);
    expect(checkbox(filter, 'DEP').checked).to.equal(true);
    // The chosen values show first, then others up to max-values; "show all" reveals the rest.
    expect(root(filter).querySelectorAll('input[type="checkbox"]').length).to.equal(3);
    root(filter).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await filter.updateComplete;
    expect(root(filter).querySelectorAll('input[type="checkbox"]').length).to.equal(12);
    expect(checkbox(filter, 'REG').checked).to.equal(false);
    expect((box.querySelector('vitrine-source') as VitrineSource).rows.length).to.equal(kept.length);
  });

  it('keeps two sources on one page independent', async () => {
    box = await page(`
      <vitrine-source id="a" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-source id="b" src="${OBSERVATORY}" filter="type = REG"></vitrine-source>
      <vitrine-filter source="a" field="type"></vitrine-filter>
      <vitrine-table id="ta" source="a" page-size="5"></vitrine-table>
      <vitrine-table id="tb" source="b" page-size="5"></vitrine-table>`);
    const ta = box.querySelector<VitrineTable>('#ta')!;
    const tb = box.querySelector<VitrineTable>('#tb')!;
    const filter = box.querySelector('vitrine-filter')!;
    await Promise.all([loaded(ta), loaded(tb)]);
    await settle(ta, tb, filter);
    expect(ta.rows.length).to.equal(891);
    expect(tb.rows.length).to.equal(16);
    checkbox(filter, 'COM').click();
    await frame();
    expect(ta.rows.length).to.equal(454);
    expect(tb.rows.length).to.equal(16);
  });

  it('shows a picked row in the other views: the table row, the card, and the marker with its popup', async () => {
    box = await page(`
      <vitrine-source id="sel" src="${OBSERVATORY}" filter="type = COM, reg_code_short = BRE"></vitrine-source>
      <vitrine-table source="sel" columns="nom, dep_label" sort="nom asc" page-size="5"></vitrine-table>
      <vitrine-map source="sel" tiles="none" popup="nom = Collectivité"></vitrine-map>
      <vitrine-cards source="sel" card-title="nom" sort="nom asc" page-size="3"></vitrine-cards>`);
    const table = box.querySelector<VitrineTable>('vitrine-table')!;
    const map = box.querySelector<VitrineMap>('vitrine-map')!;
    const cards = box.querySelector<VitrineCards>('vitrine-cards')!;
    const mapReady = new Promise((r) => map.addEventListener('vitrine-map-ready', r, { once: true }));
    await loaded(table);
    await settle(table, map, cards);
    await mapReady;
    const names = table.rows.map((r) => String(r.nom));
    // Pick the 8th row, on the table's second page: its own button.
    const picks: string[] = [];
    box.addEventListener('vitrine-select', (e) => picks.push(String((e as CustomEvent).detail.record.nom)));
    root(table).querySelector<HTMLButtonElement>('[part="pagination"] button[aria-label="Page suivante"]')!.click();
    await table.updateComplete;
    const row = [...root(table).querySelectorAll('tbody tr[part~="row"]')][2];
    row.querySelector<HTMLButtonElement>('[part="select"]')!.click();
    await frame();
    await cards.updateComplete;
    expect(picks).to.deep.equal([names[7]]);
    expect(row.getAttribute('part')).to.equal('row selected');
    expect(row.querySelector('[part="select"]')!.getAttribute('aria-pressed')).to.equal('true');
    // The card is shown (beyond the first 3) and marked.
    const selected = root(cards).querySelector('li[part~="selected"]');
    expect(plain(selected?.querySelector('[part~="title"]')?.textContent)).to.equal(names[7]);
    expect(root(cards).querySelectorAll('li[part~="card"]').length).to.equal(9);
    // The marker's popup is open.
    await frame();
    expect(plain(root(map).querySelector('.vitrine-popup')?.textContent)).to.contain(names[7]);

    // Picking on the map: a click on another marker (zoomed out to Brittany first); the table goes
    // to that row's page.
    (map.leafletMap as { setView(c: [number, number], z: number, o: object): void }).setView([48.1, -2.9], 7, {
      animate: false,
    });
    for (let i = 0; i < 3; i++) await frame();
    const marker = [...root(map).querySelectorAll<HTMLElement>('.vitrine-point')].find(
      (m) => m.title && m.title !== names[7],
    )!;
    const other = marker.title;
    marker.click();
    await frame();
    await table.updateComplete;
    const marked = root(table).querySelector('tbody tr[part~="selected"]');
    expect(plain(marked?.querySelector('td:nth-child(2)')?.textContent)).to.equal(other);
    const position = names.indexOf(other);
    expect(plain(root(table).querySelector('[part="pagination"] span')?.textContent)).to.contain(
      `Page ${Math.floor(position / 5) + 1} sur`,
    );
    expect(plain(root(cards).querySelector('li[part~="selected"] [part~="title"]')?.textContent)).to.equal(other);
  });

  it('writes filters, search and selection into the address, keeps the host page parameters, and restores them', async () => {
    const rows = await fileRows();
    history.replaceState(null, '', `${location.pathname}?lang=fr&page=3#intro`);
    box = await page(`
      <vitrine-source id="obs" src="${OBSERVATORY}" key="id_odf" url-state></vitrine-source>
      <vitrine-filter source="obs" field="type"></vitrine-filter>
      <vitrine-filter source="obs" field="pop_insee"></vitrine-filter>
      <vitrine-search source="obs"></vitrine-search>
      <vitrine-table source="obs" columns="nom" sort="nom asc" page-size="5"></vitrine-table>`);
    const [type, pop] = [...box.querySelectorAll('vitrine-filter')];
    const table = box.querySelector<VitrineTable>('vitrine-table')!;
    await loaded(table);
    await settle(table, type, pop);
    checkbox(type, 'COM').click();
    checkbox(type, 'CA').click();
    const [min] = root(pop).querySelectorAll<HTMLInputElement>('input');
    min.value = '20000';
    min.dispatchEvent(new Event('change'));
    (box.querySelector('vitrine-source') as VitrineSource).setSearch('saint');
    await frame();
    root(table).querySelectorAll<HTMLButtonElement>('[part="select"]')[1].click();
    await frame();
    const picked = table.rows[1];
    const params = new URLSearchParams(location.search);
    expect(params.get('lang')).to.equal('fr');
    expect(params.get('page')).to.equal('3');
    expect(location.hash).to.equal('#intro');
    expect(params.getAll('obs.type')).to.deep.equal(['COM', 'CA']);
    expect(params.get('obs.pop_insee')).to.equal('20000..');
    expect(params.get('obs-q')).to.equal('saint');
    expect(params.get('obs-sel')).to.equal(String(picked.id_odf));
    const shared = location.href;

    // Someone opens the shared address: a fresh page state restores the view.
    box.remove();
    resetCache();
    history.replaceState(null, '', shared);
    box = await page(`
      <vitrine-table source="obs" columns="nom" sort="nom asc" page-size="5"></vitrine-table>
      <vitrine-filter source="obs" field="type"></vitrine-filter>
      <vitrine-search source="obs"></vitrine-search>
      <vitrine-source id="obs" src="${OBSERVATORY}" key="id_odf" url-state></vitrine-source>`);
    const again = box.querySelector<VitrineTable>('vitrine-table')!;
    const filter = box.querySelector('vitrine-filter')!;
    const search = box.querySelector('vitrine-search')!;
    await loaded(again);
    await settle(again, filter, search);
    const expected = rows.filter(
      (r) =>
        ['COM', 'CA'].includes(r.type) &&
        r.pop_insee !== '' &&
        +r.pop_insee >= 20000 &&
        fold(Object.values(r).join(' ')).includes('saint'),
    );
    expect(again.rows.length).to.equal(expected.length);
    expect(checkbox(filter, 'COM').checked).to.equal(true);
    expect(checkbox(filter, 'CA').checked).to.equal(true);
    expect(root(search).querySelector('input')!.value).to.equal('saint');
    expect(plain(root(again).querySelector('tr[part~="selected"]')?.textContent)).to.contain(String(picked.nom));
  });

  it('keeps the state in the fragment with url-state="hash", beside an anchor of the page', async () => {
    history.replaceState(null, '', `${location.pathname}?x=1#top`);
    box = await page(`
      <vitrine-source id="h" src="${OBSERVATORY}" url-state="hash"></vitrine-source>
      <vitrine-filter source="h" field="reg_code_short" control="checkbox"></vitrine-filter>
      <vitrine-table source="h" page-size="5"></vitrine-table>`);
    const table = box.querySelector('vitrine-table')!;
    const filter = box.querySelector('vitrine-filter')!;
    await loaded(table);
    await settle(table, filter);
    checkbox(filter, 'BRE').click();
    await frame();
    expect(location.search).to.equal('?x=1');
    expect(location.hash).to.equal('#top&h.reg_code_short=BRE');
    // Going back in history (here: the address edited) re-applies it.
    history.replaceState(null, '', `${location.pathname}?x=1#top&h.reg_code_short=NOR`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await frame();
    expect(table.rows.length).to.equal(39);
    expect(checkbox(filter, 'NOR').checked).to.equal(true);
  });

  it('shows a budget of a shared source, and a choropleth, following the filters', async () => {
    const rows = await fileRows();
    box = await page(`
      <vitrine-source id="bud" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-filter source="bud" field="reg_code_short"></vitrine-filter>
      <vitrine-budget source="bud" label-column="type" value-column="nb_ptf" chart="bar"></vitrine-budget>
      <vitrine-map source="bud" tiles="none" areas="${GEO_DEPARTEMENTS}" join="depcode"></vitrine-map>`);
    const budget = box.querySelector<VitrineBudget>('vitrine-budget')!;
    const map = box.querySelector<VitrineMap>('vitrine-map')!;
    const filter = box.querySelector<VitrineFilter>('vitrine-filter')!;
    await Promise.all([loaded(budget), loaded(map)]);
    await settle(budget, map, filter);
    const sum = (rs: Row[]) => rs.reduce((s, r) => s + (r.nb_ptf ? Math.round(+r.nb_ptf * 100) : 0), 0);
    expect(budget.total).to.equal(sum(rows));
    const select = root(filter).querySelector('select')!;
    select.value = 'BRE';
    select.dispatchEvent(new Event('change'));
    await frame();
    await budget.updateComplete;
    const bre = rows.filter((r) => r.reg_code_short === 'BRE');
    expect(budget.total).to.equal(sum(bre));
    // The choropleth counts Breton rows only: 4 départements have data.
    expect(mapSummary(map)).to.contain(`${new Set(bre.map((r) => r.depcode)).size} avec des données`);
  });

  it('says which source is missing, and recovers when it comes', async () => {
    box = await page(
      `<vitrine-table source="nowhere"></vitrine-table><vitrine-filter source="nowhere" field="type"></vitrine-filter>`,
    );
    const table = box.querySelector('vitrine-table')!;
    const filter = box.querySelector('vitrine-filter')!;
    const event = (await loaded(table)) as CustomEvent;
    expect(event.type).to.equal('vitrine-error');
    expect(event.detail.code).to.equal('config');
    await settle(table, filter);
    for (const el of [table, filter]) {
      const alert = root(el).querySelector('[role="alert"]');
      expect(plain(alert?.textContent)).to.contain('<vitrine-source id="nowhere">');
    }
    const source = document.createElement('vitrine-source');
    source.id = 'nowhere';
    source.setAttribute('src', OBSERVATORY);
    box.append(source);
    expect((await loaded(table)).type).to.equal('vitrine-load');
    await settle(table, filter);
    expect(root(filter).querySelector('[role="alert"]')).to.equal(null);
    expect(root(filter).querySelectorAll('input[type="checkbox"]').length).to.be.greaterThan(0);
  });

  it('reports a field that does not exist, and the load error of the source in every bound element', async () => {
    box = await page(`
      <vitrine-source id="e1" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-filter source="e1" field="kind"></vitrine-filter>
      <vitrine-source id="e2" src="/test/fixtures/nothing-here.csv"></vitrine-source>
      <vitrine-table source="e2"></vitrine-table>
      <vitrine-cards source="e2"></vitrine-cards>`);
    const filter = box.querySelector('vitrine-filter')!;
    const errors: string[] = [];
    filter.addEventListener('vitrine-error', (e) => errors.push((e as CustomEvent).detail.code));
    const [t, c] = await Promise.all([
      loaded(box.querySelector('vitrine-table')!),
      loaded(box.querySelector('vitrine-cards')!),
    ]);
    expect([t.type, c.type]).to.deep.equal(['vitrine-error', 'vitrine-error']);
    expect((t as CustomEvent).detail.code).to.equal('http');
    for (const el of box.querySelectorAll('vitrine-table, vitrine-cards')) {
      expect(root(el).querySelector('[role="alert"]')).to.not.equal(null);
    }
    await settle(filter);
    for (let i = 0; i < 20 && !root(filter).querySelector('[role="alert"]'); i++) await frame();
    const text = plain(root(filter).querySelector('[role="alert"]')?.textContent);
    expect(text).to.contain('kind');
    expect(text).to.contain('reg_code_short');
    expect(errors).to.deep.equal(['config']);
  });

  it('passes axe with its filters and search, in English too', async () => {
    box = await page(`
      <vitrine-source id="ax" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-search source="ax" lang="en"></vitrine-search>
      <vitrine-filter source="ax" field="type" lang="en"></vitrine-filter>
      <vitrine-filter source="ax" field="platform_clean"></vitrine-filter>
      <vitrine-filter source="ax" field="pop_insee"></vitrine-filter>
      <vitrine-table source="ax" page-size="5" columns="nom, type"></vitrine-table>`);
    const table = box.querySelector('vitrine-table')!;
    await loaded(table);
    await settle(table, ...box.querySelectorAll('vitrine-filter, vitrine-search'));
    expect(plain(root(box.querySelector('vitrine-search')!).querySelector('label')?.textContent)).to.equal('Search');
    expect(plain(root(box.querySelector('vitrine-filter')!).querySelector('[part="more"]')?.textContent)).to.equal(
      'Show the 2 other values',
    );
    await expect(box).to.be.accessible();
  });

  it('leaves nothing behind after 100 connections and disconnections', async () => {
    box = await page(`
      <vitrine-source id="cy" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-filter source="cy" field="type"></vitrine-filter>
      <vitrine-table source="cy" page-size="5"></vitrine-table>`);
    const source = box.querySelector('vitrine-source')!;
    const table = box.querySelector('vitrine-table')!;
    await loaded(table);
    for (let i = 0; i < 100; i++) {
      source.remove();
      box.append(source);
    }
    await settle(table);
    expect(sourceById('cy')).to.equal(source);
    expect(table.rows.length).to.equal(891);
    source.remove();
    expect(sourceById('cy')).to.equal(undefined);
    box.remove();
    box = undefined;
  });
});

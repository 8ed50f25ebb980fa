import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import type { VitrineErrorEvent, VitrineSelectEvent } from '../../src/internal/events.ts';
import { failOnLitWarnings, resetCache, plain as norm, root } from '../helpers/helpers.ts';

const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const LOT = '/test/fixtures/scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv';

/** A <vitrine-map> on the page, once its Leaflet map is drawn (or its error shown). */
async function mapWith(attrs: Record<string, string>): Promise<VitrineMap> {
  const el = document.createElement('vitrine-map');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const ready = Promise.race([oneEvent(el, 'vitrine-map-ready'), oneEvent(el, 'vitrine-error')]);
  const parent = await fixture(html`<div style="width: 800px"></div>`);
  parent.append(el);
  await ready;
  await el.updateComplete;
  return el;
}

describe('<vitrine-map>', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  it('draws the observatory as clustered points coloured by type, with a legend and no tile server', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '', 'color-by': 'type', label: 'Observatoire' });
    // python: all 891 rows have lat/lon in range.
    expect(norm(root(el).querySelector('[part="summary"]')!.textContent)).to.equal('891 lieux affichés');
    const legend = [...root(el).querySelectorAll('[part="legend"] li')].map((li) => norm(li.textContent));
    // python (csv, ';'): type counts COM 454, CA 101, OACT 78, AGCT 65, DEP 61, CC 53, DSPT 34; 45 others.
    expect(legend).to.deep.equal([
      'COM (454)',
      'CA (101)',
      'OACT (78)',
      'AGCT (65)',
      'DEP (61)',
      'CC (53)',
      'DSPT (34)',
      'Autres (45)',
    ]);
    const clusters = [...root(el).querySelectorAll('.vitrine-cluster')];
    expect(clusters.length).to.be.greaterThan(0);
    const points = root(el).querySelectorAll('.vitrine-point').length;
    const inClusters = clusters.reduce((n, c) => n + Number(c.textContent), 0);
    // python: 874 rows lie in metropolitan France and Corsica; the first view frames them and
    // leaves the 17 overseas ones (971…988) a zoom out away (see coreBox).
    expect(inClusters + points).to.equal(874);
    expect(root(el).querySelectorAll('.leaflet-tile').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a point opens a popup of formatted, safe fields and fires vitrine-select with its record', async () => {
    const el = await mapWith({
      src: ODF,
      tiles: 'none',
      center: '48.11, -1.68',
      zoom: '13',
      popup: 'nom = Collectivité, pop_insee = Population : integer, url_ptf = Portail : link',
    });
    const marker = root(el).querySelector<HTMLElement>('.vitrine-point')!;
    expect(marker, 'a point marker near Rennes').to.exist;
    expect(marker.getAttribute('tabindex')).to.equal('0');
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    marker.click();
    const event = await selected;
    const popup = root(el).querySelector('.vitrine-popup')!;
    expect(popup).to.exist;
    expect(norm(popup.querySelector('dd')!.textContent)).to.equal(String(event.detail.record['nom']));
    const link = popup.querySelector('a');
    if (link) expect(link.href).to.match(/^https?:/);
  });

  it('a file without coordinates is a config error that lists the columns', async () => {
    const el = await mapWith({ src: LOT, tiles: 'none' });
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(norm(alert.textContent)).to.include('lat et lon');
    expect(norm(alert.textContent)).to.include('montant');
  });

  it('is destroyed when it leaves the page and rebuilt when it comes back', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', cluster: '' });
    const parent = el.parentElement!;
    for (let i = 0; i < 20; i++) {
      el.remove();
      expect(!!root(el).querySelector('.leaflet-map-pane'), `removed ${i}`).to.equal(false);
      const ready = oneEvent(el, 'vitrine-map-ready');
      parent.append(el);
      await ready;
    }
    expect(root(el).querySelectorAll('.leaflet-map-pane').length).to.equal(1);
    expect(root(el).querySelectorAll('.vitrine-cluster').length).to.be.greaterThan(0);
  });

  it('shows the list of places as a table on demand', async () => {
    const el = await mapWith({ src: ODF, tiles: 'none', popup: 'nom, type' });
    const toggle = root(el).querySelector<HTMLButtonElement>('[part="list-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    const table = root(el).querySelector('vitrine-table')!;
    await oneEvent(table, 'vitrine-load');
    await (table as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect([...table.shadowRoot!.querySelectorAll('thead th')].map((th) => norm(th.textContent))).to.deep.equal([
      'nom',
      'type',
    ]);
  });

  it('an error event for a missing file', async () => {
    const el = document.createElement('vitrine-map');
    el.setAttribute('src', '/test/fixtures/nope.csv');
    const err = oneEvent(el, 'vitrine-error') as Promise<VitrineErrorEvent>;
    (await fixture(html`<div></div>`)).append(el);
    expect((await err).detail.code).to.equal('http');
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/map/map.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import { relativeLuminance } from '../../src/components/map/thematic.ts';
import type { VitrineErrorEvent, VitrineSelectEvent } from '../../src/internal/events.ts';
import { failOnLitWarnings, resetCache, plain as norm, root } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

const ODF = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const DEPARTEMENTS = '/test/fixtures/geo/departements-version-simplifiee.geojson';
const COMMUNES_35 = '/test/fixtures/geo/communes-35-ille-et-vilaine.geojson';
const SCHOOLS_35 = '/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv';
const BROKEN = '/test/fixtures/hostile/broken-geometries.geojson';

/**
 * A <vitrine-map> on the page, once its Leaflet map is drawn (or its error shown). In a fixture
 * (removed after the test), or in `parent` for a map shared by several tests.
 */
async function mapWith(attrs: Record<string, string>, parent?: HTMLElement): Promise<VitrineMap> {
  const el = document.createElement('vitrine-map');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const ready = Promise.race([oneEvent(el, 'vitrine-map-ready'), oneEvent(el, 'vitrine-error')]);
  (parent ?? (await fixture(html`<div style="width: 800px"></div>`))).append(el);
  await ready;
  await el.updateComplete;
  return el;
}

const summary = (el: VitrineMap) => norm(root(el).querySelector('[part="summary"]')!.textContent);
const legend = (el: VitrineMap) =>
  [...root(el).querySelectorAll('[part="legend"] li')].map((li) => norm(li.textContent));
const areaPaths = (el: VitrineMap) => [...root(el).querySelectorAll<SVGPathElement>('path.vitrine-area')];
const area = (el: VitrineMap, label: string) => areaPaths(el).find((p) => norm(p.getAttribute('aria-label')) === label);

describe('<vitrine-map> areas', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  describe('choropleth of the observatory per département (join on depcode)', () => {
    let el: VitrineMap;
    const box = document.createElement('div');
    before(async () => {
      box.style.width = '800px';
      document.body.append(box);
      el = await mapWith(
        { src: ODF, areas: DEPARTEMENTS, join: 'depcode', tiles: 'none', label: 'Collectivités' },
        box,
      );
    });
    after(() => box.remove());

    it('counts the rows of each département, with codes normalised (1 → 01, 2A, 2B)', () => {
      // python (csv ';', depcode zero-padded to 2 digits, against the 96 `code` properties):
      // 94 départements have rows; 17 rows (overseas: 971…976, 987, 988) match no feature.
      expect(summary(el)).to.equal('96 zones, 94 avec des données, 17 lignes sans zone correspondante');
      expect(areaPaths(el)).to.have.length(96);
      // python: 35 → 30, 75 → 13, 01 → 3, 2A → 5, 2B → 1; the GeoJSON names them.
      expect(area(el, 'Ille-et-Vilaine : 30')).to.exist;
      expect(area(el, 'Paris : 13')).to.exist;
      expect(area(el, 'Ain : 3')).to.exist;
      expect(area(el, 'Corse-du-Sud : 5')).to.exist;
      expect(area(el, 'Haute-Corse : 1')).to.exist;
    });

    it('has a sequential legend of whole-number ranges that counts every area', () => {
      const items = legend(el);
      expect(norm(root(el).querySelector('[part="legend"] figcaption')!.textContent)).to.equal('Nombre de lignes');
      expect(items.at(-1)).to.equal('Pas de données');
      const classes = items.slice(0, -1);
      expect(classes.length).to.be.within(3, 5);
      expect(classes[0]).to.match(/^moins de \d+ \(\d+\)$/);
      expect(classes.at(-1)).to.match(/^\d+ et plus \(\d+\)$/);
      for (const c of classes) expect(c, 'no decimals for counts').not.to.match(/\d,\d/);
      const counted = classes.reduce((n, c) => n + Number(/\((\d+)\)$/.exec(c)![1]), 0);
      expect(counted).to.equal(94);
    });

    it('colours areas darker for larger counts, and hatches those without data', () => {
      const fill = (label: string) => area(el, label)!.getAttribute('fill')!;
      const lum = (label: string) => relativeLuminance(fill(label));
      expect(lum('Haute-Corse : 1')).to.be.greaterThan(lum('Ille-et-Vilaine : 30'));
      expect(lum('Ain : 3')).to.be.at.least(lum('Paris : 13'));
      // python: the two départements without rows.
      const empty = areaPaths(el).filter((p) => / : Pas de données$/.test(p.getAttribute('aria-label')!));
      expect(empty).to.have.length(2);
      for (const p of empty) expect(p.getAttribute('fill')).to.equal('url(#vitrine-no-data)');
      expect(root(el).querySelector('pattern#vitrine-no-data')).to.exist;
    });

    it('opens an area with the keyboard: popup with its name and count, vitrine-select with its properties', async () => {
      const path = area(el, 'Ille-et-Vilaine : 30')!;
      expect(path.getAttribute('tabindex')).to.equal('0');
      expect(path.getAttribute('role')).to.equal('button');
      const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
      path.focus();
      path.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const { detail } = await selected;
      expect(detail.index).to.equal(-1);
      expect(detail.record['code']).to.equal('35');
      expect(detail.record['nom']).to.equal('Ille-et-Vilaine');
      expect(detail.record['Nombre de lignes']).to.equal(30);
      const popup = root(el).querySelector('.vitrine-popup')!;
      expect(norm(popup.querySelector('.popup-title')!.textContent)).to.equal('Ille-et-Vilaine');
      expect(norm(popup.querySelector('dd')!.textContent)).to.equal('30');
    });

    it('offers the table of areas as a text alternative, and passes axe', async () => {
      const toggle = root(el).querySelector<HTMLButtonElement>('[part="list-toggle"]')!;
      expect(norm(toggle.textContent)).to.equal('Afficher le tableau des zones');
      toggle.click();
      await el.updateComplete;
      const rows = [...root(el).querySelectorAll('[part="list"] tbody tr')];
      expect(rows).to.have.length(96);
      const rennes = rows.find((r) => norm(r.querySelector('td')!.textContent) === '35')!;
      expect([...rennes.children].map((c) => norm(c.textContent))).to.deep.equal(['Ille-et-Vilaine', '35', '30']);
      // Codes as the GeoJSON writes them (the join itself ignores leading zeros).
      const ain = rows.find((r) => norm(r.querySelector('th')!.textContent) === 'Ain')!;
      expect([...ain.children].map((c) => norm(c.textContent))).to.deep.equal(['Ain', '01', '3']);
      await expect(el).to.be.accessible();
    });
  });

  it('speaks English with lang="en": summary, legend ranges and area labels', async () => {
    const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, join: 'depcode', tiles: 'none', lang: 'en' });
    expect(summary(el)).to.equal('96 areas, 94 with data, 17 rows matching no area');
    const items = legend(el);
    expect(items[0]).to.match(/^under \d+ \(\d+\)$/);
    expect(items.at(-2)).to.match(/^\d+ and over \(\d+\)$/);
    expect(items.at(-1)).to.equal('No data');
    expect(area(el, 'Ille-et-Vilaine: 30')).to.exist;
    expect(norm(root(el).querySelector('[part="list-toggle"]')!.textContent)).to.equal('Show the table of areas');
  });

  describe('communes of Ille-et-Vilaine joined on the INSEE code', () => {
    it('detects the area key, sums a value column with its label and format', async () => {
      const el = await mapWith({
        src: SCHOOLS_35,
        areas: COMMUNES_35,
        join: 'Code_commune',
        value: 'Nombre_d_eleves = Élèves : integer',
        tiles: 'none',
      });
      // python: 996 schools in 295 communes, all codes found among the 345 communes;
      // Nombre_d_eleves summed: Rennes (35238) 45,656; 294 communes have a number.
      expect(summary(el)).to.equal('345 zones, 294 avec des données');
      expect(area(el, 'Rennes : 45 656')).to.exist;
      expect(norm(root(el).querySelector('[part="legend"] figcaption')!.textContent)).to.equal('Élèves');
    });

    it('counts rows per commune with aggregate="count"', async () => {
      const el = await mapWith({
        src: SCHOOLS_35,
        areas: COMMUNES_35,
        'area-key': 'code',
        join: 'Code_commune',
        aggregate: 'count',
        'legend-title': 'Établissements scolaires',
        tiles: 'none',
      });
      // python: 193 schools in Rennes; 295 communes with at least one.
      expect(summary(el)).to.equal('345 zones, 295 avec des données');
      expect(area(el, 'Rennes : 193')).to.exist;
      expect(norm(root(el).querySelector('[part="legend"] figcaption')!.textContent)).to.equal(
        'Établissements scolaires',
      );
    });
  });

  describe('configuration errors', () => {
    const alertOf = (el: VitrineMap) => norm(root(el).querySelector('[role="alert"]')!.textContent);

    it('an unknown area-key lists the properties of the areas', async () => {
      const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, join: 'depcode', 'area-key': 'insee', tiles: 'none' });
      expect(alertOf(el)).to.include('« insee » n’existe pas');
      expect(alertOf(el)).to.include('code, nom');
    });

    it('a join whose codes match no property says so', async () => {
      const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, join: 'siren', tiles: 'none', lang: 'en' });
      expect(alertOf(el)).to.include('No property of the areas holds the codes of the column “siren”');
    });

    it('join without areas, and an unknown aggregate, are config errors', async () => {
      const a = await mapWith({ src: ODF, join: 'depcode', tiles: 'none' });
      expect(alertOf(a)).to.include('attribut areas');
      const b = await mapWith({ src: ODF, areas: DEPARTEMENTS, join: 'depcode', aggregate: 'median', tiles: 'none' });
      expect(alertOf(b)).to.include('median');
      expect(alertOf(b)).to.include('count, sum, mean');
    });

    it('a missing areas file is an http error naming that file', async () => {
      const el = document.createElement('vitrine-map');
      el.setAttribute('src', ODF);
      el.setAttribute('areas', '/test/fixtures/geo/nope.geojson');
      el.setAttribute('join', 'depcode');
      const err = oneEvent(el, 'vitrine-error') as Promise<VitrineErrorEvent>;
      let errors = 0;
      el.addEventListener('vitrine-error', () => errors++);
      (await fixture(html`<div></div>`)).append(el);
      const { detail } = await err;
      expect(detail.code).to.equal('http');
      expect(detail.url).to.include('nope.geojson');
      // One event, not one when the areas fail and another when the rows arrive.
      const data = (el as unknown as { data: { status: string } }).data;
      await until(() => data.status !== 'loading', 'the rows loaded');
      await (el as VitrineMap).updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      expect(errors).to.equal(1);
      await el.updateComplete;
      expect(root(el).querySelector('[part="error"]')).to.exist;
    });
  });

  describe('broken geometries', () => {
    it('as data: draws the readable polygons, coloured by value, and counts the others', async () => {
      const el = await mapWith({ src: BROKEN, value: 'valeur', tiles: 'none' });
      // 4 readable départements; code 90 has no geometry, 91–94 are broken.
      expect(summary(el)).to.equal('4 formes, 5 sans coordonnées valides');
      // One shape: singular.
      const one = await mapWith({ src: '/test/fixtures/geo/departement-971-guadeloupe.geojson', tiles: 'none' });
      expect(summary(one)).to.equal('1 forme');
      expect(areaPaths(el)).to.have.length(4);
      const fills = new Set(areaPaths(el).map((p) => p.getAttribute('fill')));
      expect(fills.size, 'four values, four classes').to.equal(4);
    });

    it('as areas: joins what it can read and says how many geometries it skipped', async () => {
      const el = await mapWith({ src: ODF, areas: BROKEN, join: 'depcode', tiles: 'none' });
      // python: 22 → 21, 29 → 10, 35 → 30, 56 → 19 rows; the 811 others match none of the 4 areas.
      expect(summary(el)).to.equal(
        '4 zones, 4 avec des données, 811 lignes sans zone correspondante, 5 zones sans géométrie lisible ignorées',
      );
    });

    it('renders hostile names as text, in labels and popups', async () => {
      const el = await mapWith({ src: BROKEN, value: 'valeur', tiles: 'none' });
      const path = areaPaths(el).find((p) => p.getAttribute('aria-label')!.includes('Morbihan'))!;
      expect(path.getAttribute('aria-label')).to.equal('<img src=x onerror="window.__vitrinePwned=1">Morbihan : 40');
      path.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const popup = root(el).querySelector('.vitrine-popup')!;
      expect(popup.querySelectorAll('img').length).to.equal(0);
      expect(norm(popup.querySelector('.popup-title')!.textContent)).to.equal(
        '<img src=x onerror="window.__vitrinePwned=1">Morbihan',
      );
      await new Promise((r) => setTimeout(r, 50));
      expect((window as unknown as { __vitrinePwned?: number }).__vitrinePwned).to.equal(undefined);
    });
  });

  describe('points over areas, coloured and sized by a number', () => {
    it('draws the areas as a background that frames nothing but itself', async () => {
      const el = await mapWith({ src: ODF, areas: DEPARTEMENTS, tiles: 'none', cluster: '' });
      expect(root(el).querySelectorAll('path.vitrine-background')).to.have.length(96);
      expect(areaPaths(el)).to.have.length(0);
      expect(summary(el)).to.equal('891 lieux affichés');
    });

    it('colours points on a sequential scale and sizes them by population', async () => {
      const el = await mapWith({
        src: ODF,
        tiles: 'none',
        center: '48.11, -1.68',
        zoom: '9',
        value: 'pop_insee = Population : integer',
        'size-by': 'pop_insee = Population : integer',
      });
      const items = legend(el);
      expect(norm(root(el).querySelector('[part="legend"] figcaption')!.textContent)).to.equal('Population');
      expect(items[0]).to.match(/^moins de [\d\u202f ]+ \(\d+\)$/);
      // The size legend: three reference circles, the largest being the largest population.
      const sizes = root(el).querySelectorAll('[part="legend"].sizes li');
      expect(sizes).to.have.length(3);
      const points = [...root(el).querySelectorAll<HTMLElement>('.vitrine-point.sized')];
      expect(points.length).to.be.greaterThan(3);
      const widths = new Set(points.map((p) => p.getBoundingClientRect().width));
      expect(widths.size, 'sizes vary').to.be.greaterThan(2);
      // python: the largest population in view is the Région Bretagne (3.3 M), whose seat is in Rennes.
      const biggest = points.reduce((a, b) =>
        a.getBoundingClientRect().width >= b.getBoundingClientRect().width ? a : b,
      );
      expect(biggest.title).to.equal('BRETAGNE');
      const colours = new Set(points.map((p) => p.style.background));
      expect(colours.size).to.be.greaterThan(1);
    });
  });
});

/**
 * <vitrine-map> bound to a <vitrine-source> (and with its own `filter`): the legend counts what is
 * shown. Category counts are those of the rows kept; the classes of a `value` stay those of every
 * row (a place keeps its colour) while their counts follow the places shown; a choropleth's classes
 * follow the values of its areas. And the cluster index a filtered map draws from. Expected figures are computed here from the CSV text (PapaParse,
 * see fixture-rows.ts), never read from the library.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VitrineMap } from '../../src/components/map/map.component.ts';
import type { VitrineSource } from '../../src/components/source/source.component.ts';
import { failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { csvRows } from '../helpers/fixture-rows.ts';
import { ClusterIndex, type ClusterItem, type ClusterView } from '../../src/components/map/cluster.ts';

const OBSERVATORY = '/test/fixtures/observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv';
const GEO_REGIONS = '/test/fixtures/geo/regions-version-simplifiee.geojson';

type Row = Record<string, string>;

/** The rule a place follows to be drawn: two numbers in range, not 0,0 (the map's documented rule). */
const isPlace = (r: Row) => {
  const lat = Number(r.lat);
  const lon = Number(r.lon);
  return (
    r.lat.trim() !== '' &&
    r.lon.trim() !== '' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0)
  );
};

const countBy = (rows: Row[], field: string) => {
  const m = new Map<string, number>();
  for (const r of rows) if (r[field]) m.set(r[field], (m.get(r[field]) ?? 0) + 1);
  return m;
};

async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

function loaded(el: Element): Promise<Event> {
  return new Promise((resolve) => {
    el.addEventListener('vitrine-load', resolve, { once: true });
    el.addEventListener('vitrine-error', resolve, { once: true });
  });
}

async function settle(el: VitrineMap): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await frame();
  }
}

interface LegendEntry {
  label: string;
  count: number | undefined;
  color: string;
}

/** The entries of the colour legend as a person reads them: label, count in brackets, swatch colour. */
function legend(el: Element): LegendEntry[] {
  const figure = root(el).querySelector('[part~="legend"]:not(.sizes)');
  return [...(figure?.querySelectorAll('li') ?? [])].map((li) => {
    const countText = plain(li.querySelector('.count')?.textContent);
    const label = plain(li.textContent).replace(countText, '').trim();
    const count = countText ? Number(countText.replace(/[()\s]/g, '')) : undefined;
    const swatch = li.querySelector<HTMLElement>('.swatch');
    return { label, count, color: swatch ? getComputedStyle(swatch).backgroundColor : '' };
  });
}

/** A French number of the legend ("10 000", "1,5") as a number. */
const frNumber = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

/** The range of a French legend label: "moins de X", "de X à Y", "X et plus" (lower bound included). */
function range(label: string): [number, number] {
  let m = /^moins de (.+)$/.exec(label);
  if (m) return [-Infinity, frNumber(m[1])];
  m = /^de (.+) à (.+)$/.exec(label);
  if (m) return [frNumber(m[1]), frNumber(m[2])];
  m = /^(.+) et plus$/.exec(label);
  if (m) return [frNumber(m[1]), Infinity];
  throw new Error(`not a range: ${label}`);
}

const inRange = (v: number, [lo, hi]: [number, number]) => v >= lo && v < hi;

const summary = (el: Element) => plain(root(el).querySelector('[part="summary"]')?.textContent);

describe('<vitrine-map> legend of the rows shown', () => {
  let checkWarnings: () => void;
  let box: HTMLElement | undefined;
  beforeEach(() => {
    resetCache();
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => {
    box?.remove();
    box = undefined;
    checkWarnings();
  });

  async function page(markup: string): Promise<{ source: VitrineSource | null; map: VitrineMap }> {
    box = document.createElement('div');
    box.innerHTML = markup;
    const map = box.querySelector<VitrineMap>('vitrine-map')!;
    const ready = loaded(map);
    document.body.append(box);
    const event = await ready;
    expect(event.type).to.equal('vitrine-load');
    await settle(map);
    return { source: box.querySelector<VitrineSource>('vitrine-source'), map };
  }

  it('counts the categories of the rows the source keeps, keeps their colours, and leaves out those none has', async () => {
    const rows = await csvRows(OBSERVATORY);
    const { source, map } = await page(`
      <vitrine-source id="cat" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-map source="cat" tiles="none" color-by="type"></vitrine-map>`);

    // Every row: the most frequent types, each with its count, the others together.
    const all = countBy(rows, 'type');
    const before = legend(map);
    const named = before.filter((e) => e.label !== 'Autres');
    expect(named.length).to.be.greaterThan(3);
    for (const e of named) expect(e.count, e.label).to.equal(all.get(e.label));
    const others = [...all].filter(([type]) => !named.some((e) => e.label === type));
    expect(before.find((e) => e.label === 'Autres')?.count).to.equal(others.reduce((n, [, c]) => n + c, 0));
    const colorOf = new Map(before.map((e) => [e.label, e.color]));

    // The source keeps Corsica: the counts are those of its rows; a type Corsica has none of is gone.
    source!.setFilter('reg_code_short', ['COR']);
    await settle(map);
    const cor = rows.filter((r) => r.reg_code_short === 'COR');
    const kept = countBy(cor, 'type');
    const after = legend(map);
    const namedAfter = after.filter((e) => e.label !== 'Autres');
    expect(namedAfter.map((e) => e.label)).to.deep.equal(
      named.map((e) => e.label).filter((type) => (kept.get(type) ?? 0) > 0),
    );
    expect(
      named.some((e) => !kept.has(e.label)),
      'a type with no row in Corsica',
    ).to.equal(true);
    for (const e of namedAfter) {
      expect(e.count, e.label).to.equal(kept.get(e.label));
      expect(e.color, `colour of ${e.label}`).to.equal(colorOf.get(e.label));
    }
    const otherAfter = cor.filter((r) => !named.some((e) => e.label === r.type)).length;
    expect(after.find((e) => e.label === 'Autres')?.count).to.equal(otherAfter || undefined);
    expect(summary(map)).to.contain(`${cor.filter(isPlace).length} lieux`);
  });

  it('keeps the classes of a value over every row, and counts the places shown in each', async () => {
    const rows = await csvRows(OBSERVATORY);
    const { source, map } = await page(`
      <vitrine-source id="val" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-map source="val" tiles="none" value="pop_insee"></vitrine-map>`);
    const places = rows.filter(isPlace);
    const valued = (list: Row[]) => list.filter((r) => r.pop_insee.trim() !== '').map((r) => Number(r.pop_insee));

    const before = legend(map);
    const classes = before.filter((e) => e.label !== 'Pas de données');
    expect(classes.length).to.be.greaterThan(2);
    const all = valued(places);
    for (const e of classes) expect(e.count, e.label).to.equal(all.filter((v) => inRange(v, range(e.label))).length);

    // Départements only: the same classes, the counts of their places.
    source!.setFilter('type', ['DEP']);
    await settle(map);
    const dep = places.filter((r) => r.type === 'DEP');
    const after = legend(map).filter((e) => e.label !== 'Pas de données');
    expect(after.map((e) => e.label)).to.deep.equal(classes.map((e) => e.label));
    const shown = valued(dep);
    for (const e of after) expect(e.count, e.label).to.equal(shown.filter((v) => inRange(v, range(e.label))).length);
    // Départements are large: the first class (the smallest communes) is empty now, not before.
    expect(after[0].count).to.equal(0);
    expect(classes[0].count).to.be.greaterThan(0);
    expect(after.reduce((n, e) => n + e.count!, 0)).to.equal(shown.length);
  });

  it('counts the areas of a choropleth from the rows shown', async () => {
    const rows = await csvRows(OBSERVATORY);
    const { source, map } = await page(`
      <vitrine-source id="cho" src="${OBSERVATORY}"></vitrine-source>
      <vitrine-map source="cho" tiles="none" areas="${GEO_REGIONS}" join="reg_code_geo"></vitrine-map>`);
    const regions = (await (await fetch(GEO_REGIONS)).json()) as {
      features: { properties: { code: string; nom: string } }[];
    };
    const codes = regions.features.map((f) => f.properties.code);
    const bretagne = regions.features.find((f) => f.properties.code === '53')!.properties.nom;
    const areaOf = (name: string) =>
      [...root(map).querySelectorAll<SVGPathElement>('path.vitrine-area')].find((p) =>
        plain(p.getAttribute('aria-label')).startsWith(`${name} :`),
      );
    for (let i = 0; i < 50 && !areaOf(bretagne); i++) await frame();
    // A person on the area of Brittany (keyboard focus) while the filter changes.
    const focused = areaOf(bretagne)!;
    focused.focus();
    expect(plain(focused.getAttribute('aria-label'))).to.equal(
      `${bretagne} : ${rows.filter((r) => r.reg_code_geo === '53').length}`,
    );

    source!.setFilter('type', ['COM']);
    await settle(map);
    const perRegion = countBy(
      rows.filter((r) => r.type === 'COM'),
      'reg_code_geo',
    );
    // The same area, still focused, now says the count of the rows kept.
    expect(root(map).activeElement === focused, 'the area keeps the focus').to.equal(true);
    expect(plain(focused.getAttribute('aria-label'))).to.equal(`${bretagne} : ${perRegion.get('53')}`);
    const values = codes.filter((c) => perRegion.has(c)).map((c) => perRegion.get(c)!);
    expect(summary(map)).to.contain(`${values.length} avec des données`);
    const entries = legend(map).filter((e) => e.label !== 'Pas de données');
    expect(entries.reduce((n, e) => n + e.count!, 0)).to.equal(values.length);
    for (const e of entries) expect(e.count, e.label).to.equal(values.filter((v) => inRange(v, range(e.label))).length);

    // The table of areas shows the same counts.
    root(map).querySelector<HTMLButtonElement>('[part~="list-toggle"]')!.click();
    await map.updateComplete;
    const cells = [...root(map).querySelectorAll('[part~="list"] tbody tr')].map((tr) => [
      plain(tr.querySelector('td')?.textContent),
      plain(tr.querySelector('td.number')?.textContent),
    ]);
    expect(cells.length).to.equal(codes.length);
    for (const [code, value] of cells) {
      expect(value, `région ${code}`).to.equal(perRegion.has(code) ? String(perRegion.get(code)) : 'Pas de données');
    }
  });

  it('maps only the rows of its own filter attribute, and counts them in the legend', async () => {
    const rows = await csvRows(OBSERVATORY);
    const { map } = await page(`
      <vitrine-map src="${OBSERVATORY}" tiles="none" color-by="platform_clean" filter="type = COM | CA"></vitrine-map>`);
    const kept = rows.filter((r) => r.type === 'COM' || r.type === 'CA');
    expect(summary(map)).to.contain(`${kept.filter(isPlace).length} lieux`);
    expect(map.rows.length).to.equal(kept.length);
    const counts = countBy(kept, 'platform_clean');
    const named = legend(map).filter((e) => e.label !== 'Autres');
    expect(named.length).to.be.greaterThan(2);
    for (const e of named) expect(e.count, e.label).to.equal(counts.get(e.label));

    // A column that does not exist is a configuration error naming the attribute.
    map.setAttribute('filter', 'nope = 1');
    await map.updateComplete;
    expect(plain(root(map).querySelector('[role="alert"]')?.textContent)).to.contain('nope');
  });
});

describe('ClusterIndex: clusters of every point, and of the points a filter keeps', () => {
  // Deterministic points: two towns (Rennes, Strasbourg) with a few hundred places each, and scattered ones.
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lat: number[] = [];
  const lon: number[] = [];
  for (let i = 0; i < 1500; i++) {
    const town = i % 3;
    if (town === 0) (lat.push(48.11 + random() * 0.05), lon.push(-1.68 + random() * 0.05));
    else if (town === 1) (lat.push(48.57 + random() * 0.05), lon.push(7.75 + random() * 0.05));
    else (lat.push(43 + random() * 7), lon.push(-4 + random() * 11));
  }
  const all = new ClusterIndex(Float64Array.from(lat), Float64Array.from(lon), {
    radius: 60,
    extent: 512,
    maxZoom: 17,
  });
  const view = (slots: number[]) =>
    all.subset(
      Uint32Array.from(slots),
      Float64Array.from(slots.map((s) => lat[s])),
      Float64Array.from(slots.map((s) => lon[s])),
    );
  const world = (v: ClusterView, z: number) => v.clusters(-180, -85, 180, 85, z);
  const total = (items: ClusterItem[]) => items.reduce((n, c) => n + c.count, 0);

  it('counts every point once at every zoom, and draws each alone above the highest clustered zoom', () => {
    const kept = lat.map((_, i) => i).filter((i) => i % 3 !== 2 && i % 7 !== 0);
    for (const [v, n, coords] of [
      [all.all(), lat.length, (k: number) => [lat[k], lon[k]]],
      [view(kept), kept.length, (k: number) => [lat[kept[k]], lon[kept[k]]]],
    ] as const) {
      for (let z = 0; z <= 18; z++) expect(total(world(v, z)), `zoom ${z}`).to.equal(n);
      const alone = world(v, 18);
      expect(alone.every((c) => c.count === 1)).to.equal(true);
      for (const c of alone) expect([c.lat, c.lon]).to.deep.equal(coords(c.slot));
      // Far from each other, the towns are never in one cluster once France is on screen.
      expect(Math.max(...world(v, 6).map((c) => c.count))).to.be.at.most(n - 400);
    }
  });

  it('gives the view of the whole for a subset of every point', () => {
    const every = view(lat.map((_, i) => i));
    for (let z = 0; z <= 18; z++) {
      const a = world(all.all(), z).map((c) => [c.count, c.lat.toFixed(9), c.lon.toFixed(9), c.slot]);
      const b = world(every, z).map((c) => [c.count, c.lat.toFixed(9), c.lon.toFixed(9), c.slot]);
      expect(b, `zoom ${z}`).to.deep.equal(a);
    }
  });

  it('puts the clusters of a subset at the centre of its own points, and opens them where they part', () => {
    // Two places of Rennes (indices 0 and 3), and nothing else: one cluster, then two places.
    const v = view([0, 3]);
    const [one] = world(v, 0);
    expect(one.count).to.equal(2);
    expect(one.lat).to.be.closeTo((lat[0] + lat[3]) / 2, 0.01);
    expect(one.lon).to.be.closeTo((lon[0] + lon[3]) / 2, 0.01);
    const opens = v.expansionZoom(one.id);
    expect(opens).to.be.greaterThan(0);
    expect(world(v, opens)).to.have.length(2);
    expect(world(v, opens - 1)).to.have.length(1);
    // One place alone is a place at every zoom, where it is.
    for (let z = 0; z <= 18; z++)
      expect(world(view([5]), z)).to.deep.equal([{ lat: lat[5], lon: lon[5], count: 1, slot: 0, id: -1 }]);
  });
});

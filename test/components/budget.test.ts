/**
 * <vitrine-budget> on the real SCDL budget files (budget primitif and compte administratif, M14 and
 * M57, a commune, a département, an agglomeration's transport budget): every total and every
 * category is compared with test/fixtures/scdl/budget/expected.json, which an independent Python
 * script (expected.py, Decimal arithmetic) computes from the same files and the rules of
 * docs/budget-rules.md. Also the chart's lifecycle, keyboard, drill-down, exports, broken files, axe.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import '../../src/components/budget/budget.ts';
import type { VitrineBudget } from '../../src/components/budget/budget.component.ts';
import { formatCents } from '../../src/format/format.ts';
import type { VitrineErrorEvent, VitrineSelectEvent } from '../../src/internal/events.ts';
import { elementWith, failOnLitWarnings, plain, resetCache, root } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

const DIR = '/test/fixtures/scdl/budget';
const CRACH = `${DIR}/CA_2021_commune_crach_21560046100010.csv`;
const MOHON = `${DIR}/CFU_2023_commune_mohon_M57.csv`;
const SAINT_MALO = `${DIR}/BP_2022_saint_malo_agglomeration_transport.csv`;

interface Expected {
  document: string;
  year: string;
  totals: Record<string, number>;
  byChapter: Record<string, Record<string, number>>;
  byFunction?: Record<string, Record<string, number>>;
  byAccount: Record<string, Record<string, number>>;
  derivedSections: { fonctionnement: number; investissement: number; none: number };
  prevu: number;
  realise: number;
}

let expected: Record<string, Expected>;

/** The type of a chart ("bar", "doughnut", "treemap"). */
function typeOf(chart: Chart | undefined): string | undefined {
  return (chart?.config as { type?: string } | undefined)?.type;
}

function canvas(el: Element): HTMLCanvasElement | null {
  return root(el).querySelector('.plot canvas');
}

/** The Chart.js instance once drawn. */
function chartOf(el: Element): Promise<Chart> {
  return until(() => {
    const c = canvas(el);
    return c ? Chart.getChart(c) : undefined;
  }, 'the chart');
}

async function budget(attrs: Record<string, string>, width?: string) {
  const out = await elementWith('vitrine-budget', attrs, width);
  return out as { el: VitrineBudget; event: (typeof out)['event'] };
}

/** Sets attributes and waits for the new render. */
async function set(el: VitrineBudget, attrs: Record<string, string | null>): Promise<void> {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null) el.removeAttribute(k);
    else el.setAttribute(k, v);
  }
  await el.updateComplete;
}

/** category key → cents, from the element. */
function byKey(el: VitrineBudget): Record<string, number> {
  return Object.fromEntries(el.figures.map((f) => [f.key, f.cents]));
}

function text(el: Element): string {
  return plain(root(el).textContent);
}

describe('<vitrine-budget> on SCDL files', () => {
  let restore: () => void;
  before(async () => {
    expected = (await (await fetch(`${DIR}/expected.json`)).json()) as Record<string, Expected>;
  });
  beforeEach(() => {
    resetCache();
    restore = failOnLitWarnings();
  });
  afterEach(() => restore());

  it('loads Chart.js only to draw, and registers only the controllers of the charts drawn', async () => {
    // Nothing is registered by importing the element (this test runs first in the file).
    expect(() => Chart.registry.getController('bar')).to.throw();
    const { el } = await budget({ src: CRACH });
    const chart = await chartOf(el);
    expect(typeOf(chart)).to.equal('bar');
    expect(!!Chart.registry.getController('bar')).to.equal(true);
    expect(() => Chart.registry.getController('doughnut')).to.throw();
    expect(() => Chart.registry.getController('treemap')).to.throw();
    expect(() => Chart.registry.getController('line')).to.throw();
    await set(el, { chart: 'treemap' });
    await until(() => typeOf(Chart.getChart(canvas(el)!)) === 'treemap', 'the treemap');
    expect(!!Chart.registry.getController('treemap')).to.equal(true);
    expect(() => Chart.registry.getController('doughnut')).to.throw();
  });

  it('shows, with only src, real spending of the latest year by chapter with the exact total', async () => {
    const { el, event } = await budget({ src: CRACH });
    expect(event.type).to.equal('vitrine-load');
    const e = expected['CA_2021_commune_crach_21560046100010.csv'];
    const heading = root(el).querySelector('[part="title"]')!;
    expect(heading.getAttribute('role')).to.equal('heading');
    expect(plain(heading.textContent)).to.equal('Dépenses réelles 2021 — CRACH');
    expect(plain(root(el).querySelector('[part="subtitle"]')!.textContent)).to.equal(
      'Compte administratif · montants réalisés · par chapitre',
    );
    expect(el.total).to.equal(e.totals['depenses/reelles/both']);
    expect(plain(root(el).querySelector('[part="total"]')!.textContent)).to.equal(
      `Total : ${plain(formatCents('fr', e.totals['depenses/reelles/both']))}`,
    );
    // French formatting, to the cent.
    expect(plain(root(el).querySelector('[part="total"] strong')!.textContent)).to.match(/^\d{1,3}( \d{3})*,\d\d €$/);
    // Labels are the file's own; the biggest chapter is staff costs.
    expect(el.figures[0].label).to.equal('Charges de personnel et frais assimilés');
    expect(el.figures[0].code).to.equal('012');
    await chartOf(el);
    expect(text(el)).not.to.contain('NaN');
  });

  it('matches the independent totals on every SCDL file: direction × operations × section', async () => {
    for (const [file, e] of Object.entries(expected)) {
      const { el } = await budget({ src: `${DIR}/${file}`, 'max-categories': '0' });
      for (const [key, cents] of Object.entries(e.totals)) {
        const [direction, operations, section] = key.split('/');
        await set(el, { direction, operations, section });
        expect(el.total, `${file} ${key}`).to.equal(cents);
        if (el.figures.length) {
          expect(
            el.figures.reduce((s, f) => s + f.cents, 0),
            `${file} ${key} categories`,
          ).to.equal(cents);
        }
      }
      el.remove();
    }
  });

  it('matches the independent totals by chapter, including derived chapters and equipment operations', async () => {
    for (const [file, e] of Object.entries(expected)) {
      const { el } = await budget({ src: `${DIR}/${file}`, 'max-categories': '0' });
      for (const [key, chapters] of Object.entries(e.byChapter)) {
        const [direction, operations, section] = key.split('/');
        await set(el, { direction, operations, section });
        expect(byKey(el), `${file} ${key}`).to.deep.equal(chapters);
      }
      el.remove();
    }
  });

  it('matches the independent totals by function (département du Morbihan) and by account', async () => {
    const withFunction = Object.entries(expected).filter(([, e]) => e.byFunction);
    expect(withFunction.length).to.be.greaterThan(0);
    for (const [file, e] of withFunction) {
      const { el } = await budget({ src: `${DIR}/${file}`, 'max-categories': '0', 'group-by': 'fonction' });
      for (const [key, functions] of Object.entries(e.byFunction!)) {
        const [direction, operations, section] = key.split('/');
        await set(el, { direction, operations, section });
        expect(byKey(el), `${file} ${key}`).to.deep.equal(functions);
      }
      el.remove();
    }
    for (const [file, e] of Object.entries(expected)) {
      const { el } = await budget({ src: `${DIR}/${file}`, 'max-categories': '0', 'group-by': 'nature' });
      expect(byKey(el), file).to.deep.equal(e.byAccount['depenses/reelles/both']);
      el.remove();
    }
  });

  it('reads the forecast of an account (credits opened) and of a budget primitif', async () => {
    for (const [file, e] of Object.entries(expected)) {
      const { el } = await budget({ src: `${DIR}/${file}`, amount: 'prevu' });
      expect(el.total, `${file} prevu`).to.equal(e.prevu);
      await set(el, { amount: 'realise' });
      expect(el.total, `${file} realise`).to.equal(e.realise);
      el.remove();
    }
    const { el } = await budget({ src: SAINT_MALO });
    expect(plain(root(el).querySelector('[part="subtitle"]')!.textContent)).to.equal(
      'Budget primitif · montants prévus · par chapitre',
    );
  });

  it('keeps order operations apart: real + order = all, and order alone shows the transfer chapters', async () => {
    const { el } = await budget({ src: MOHON, 'max-categories': '0' });
    const real = el.total;
    await set(el, { operations: 'ordre' });
    const order = el.total;
    expect(el.figures.map((f) => f.code).sort()).to.include('023');
    await set(el, { operations: 'toutes' });
    expect(el.total).to.equal(real + order);
    expect(plain(root(el).querySelector('[part="title"]')!.textContent)).to.contain('Dépenses réelles et d’ordre');
  });

  it('compares the years of several files, each read in its own document', async () => {
    const ca = expected['CA_2021_crach_21560046100085.csv'];
    const bp = expected['BP_2022_crach_21560046100085.csv'];
    const { el } = await budget({
      src: `${DIR}/CA_2021_crach_21560046100085.csv ${DIR}/BP_2022_crach_21560046100085.csv`,
      compare: '',
      'max-categories': '0',
    });
    expect(el.total).to.equal(bp.totals['depenses/reelles/both']);
    const sums = [0, 1].map((y) => el.figures.reduce((s, f) => s + f.byYear![y], 0));
    expect(sums).to.deep.equal([ca.totals['depenses/reelles/both'], bp.totals['depenses/reelles/both']]);
    const legend = plain(root(el).querySelector('[part="legend"]')!.textContent);
    expect(legend).to.contain('2021 (Compte administratif)');
    expect(legend).to.contain('2022 (Budget primitif)');
    expect(plain(root(el).querySelector('[part="title"]')!.textContent)).to.equal('Dépenses réelles 2021–2022 — CRACH');
    // Without compare: the latest year, and a year menu.
    await set(el, { compare: null });
    expect(el.total).to.equal(bp.totals['depenses/reelles/both']);
    const year = root(el).querySelector<HTMLSelectElement>('select[id$="-year"]')!;
    year.value = '2021';
    year.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.total).to.equal(ca.totals['depenses/reelles/both']);
  });

  it('chooses among the documents of a year: the account by default, the amendment on request', async () => {
    const ca = expected['CA_2021_commune_crach_21560046100010.csv'];
    const dm = expected['DM2_2021_commune_crach.csv'];
    const { el } = await budget({ src: `${CRACH} ${DIR}/DM2_2021_commune_crach.csv`, 'max-categories': '0' });
    expect(el.total).to.equal(ca.totals['depenses/reelles/both']);
    const select = root(el).querySelector<HTMLSelectElement>('select[id$="-document"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Compte administratif',
      'Décision modificative',
    ]);
    await set(el, { document: 'décision modificative' });
    expect(el.total).to.equal(dm.totals['depenses/reelles/both']);
    expect(plain(root(el).querySelector('[part="subtitle"]')!.textContent)).to.contain('Décision modificative');
  });

  it('says how many sections were derived from the account', async () => {
    const e = expected['CA_2021_commune_crach_21560046100010.csv'];
    const { el } = await budget({ src: CRACH, direction: 'recettes' });
    expect(e.derivedSections.fonctionnement + e.derivedSections.investissement).to.be.greaterThan(0);
    expect(text(el)).to.match(/Section déduite du compte pour \d+ lignes/);
    await set(el, { section: 'fonctionnement' });
    expect(el.total).to.equal(e.totals['recettes/reelles/fonctionnement']);
  });
});

describe('<vitrine-budget> interaction', () => {
  let restore: () => void;
  // No animation: bars are where they end up as soon as they are drawn.
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));
  beforeEach(() => {
    resetCache();
    restore = failOnLitWarnings();
  });
  afterEach(() => restore());

  it('drills down from a chapter to its accounts with the keyboard, and back with the breadcrumb', async () => {
    const { el } = await budget({ src: CRACH, 'max-categories': '0' });
    const chart = await chartOf(el);
    const listbox = root(el).querySelector<HTMLElement>('[role="listbox"]')!;
    expect(listbox.getAttribute('aria-labelledby')).to.be.a('string');
    listbox.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listbox.getAttribute('aria-activedescendant')).to.match(/opt-1$/);
    // The chart shows the active bar and its tooltip.
    await until(() => chart.getActiveElements()[0]?.index === 1, 'the active bar');
    expect(chart.tooltip!.getActiveElements()[0].index).to.equal(1);
    const second = el.figures[1];
    const selected = oneEvent(el, 'vitrine-select') as Promise<VitrineSelectEvent>;
    await sendKeys({ press: 'Enter' });
    const ev = await selected;
    expect(ev.detail.record.code).to.equal(second.code);
    await el.updateComplete;
    // Accounts of that chapter, adding up to it.
    expect(el.total).to.equal(second.cents);
    expect(el.figures.reduce((s, f) => s + f.cents, 0)).to.equal(second.cents);
    const crumbs = root(el).querySelector('[part="breadcrumb"]')!;
    expect(plain(crumbs.textContent)).to.contain(second.label);
    expect(crumbs.querySelector('[aria-current="page"]')!.textContent).to.contain(second.label);
    // Accounts are the last level: Enter does not go further.
    const before = el.figures.length;
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.figures.length).to.equal(before);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="breadcrumb"]')).to.equal(null);
    expect(el.figures[1].key).to.equal(second.key);
    // The breadcrumb button goes back too.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('[part="breadcrumb"] button')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part="breadcrumb"]')).to.equal(null);
  });

  it('drills down by clicking a bar and a treemap tile', async () => {
    const { el } = await budget({ src: CRACH });
    let chart = await chartOf(el);
    const bar = chart.getDatasetMeta(0).data[0];
    /** A real mouse click at a point of the canvas. */
    const click = async (x: number, y: number) => {
      const rect = canvas(el)!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(rect.left + x), Math.round(rect.top + y)] });
    };
    const first = el.figures[0];
    canvas(el)!.scrollIntoView();
    await click(bar.x - 5, bar.y);
    await until(() => root(el).querySelector('[part="breadcrumb"]'), 'the drill-down');
    expect(el.total).to.equal(first.cents);

    root(el).querySelector<HTMLButtonElement>('[part="breadcrumb"] button')!.click();
    await el.updateComplete;
    await set(el, { chart: 'treemap' });
    chart = await until(() => {
      const c = Chart.getChart(canvas(el)!);
      return typeOf(c) === 'treemap' && c!.getDatasetMeta(0).data.length ? c : undefined;
    }, 'the treemap');
    const tile = chart.getDatasetMeta(0).data[0] as unknown as { x: number; y: number; width: number; height: number };
    const point = chart.data.datasets[0].data[0] as unknown as { _data: { row: number } };
    const tileRow = el.figures[point._data.row];
    canvas(el)!.scrollIntoView();
    await click(tile.x + tile.width / 2, tile.y + tile.height / 2);
    await until(() => root(el).querySelector('[part="breadcrumb"]'), 'the drill-down from a tile');
    expect(el.total).to.equal(tileRow.cents);
  });

  it('groups small categories as "Autres", which opens on them', async () => {
    const { el } = await budget({ src: CRACH, 'max-categories': '5' });
    expect(el.figures.length).to.equal(5);
    const others = el.figures[4];
    expect(others.label).to.match(/^Autres \(\d+\)$/);
    const total = el.total;
    const topKeys = el.figures.slice(0, 4).map((f) => f.key);
    expect(el.figures.reduce((s, f) => s + f.cents, 0)).to.equal(total);
    const listbox = root(el).querySelector<HTMLElement>('[role="listbox"]')!;
    listbox.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.total).to.equal(others.cents);
    // The categories grouped, none of those shown before.
    const shown = new Set(topKeys);
    expect(el.figures.filter((f) => f.key !== '__autres').every((f) => !shown.has(f.key))).to.equal(true);
    expect(el.figures.reduce((s, f) => s + f.cents, 0)).to.equal(others.cents);
  });

  it('offers the figures as a real table behind "Voir les données"', async () => {
    const { el } = await budget({ src: CRACH });
    const button = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Voir les données'))!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const table = root(el).querySelector('table[part="data"]')!;
    expect(plain(table.querySelector('caption')!.textContent)).to.equal('Dépenses réelles 2021 — CRACH');
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.length).to.equal(el.figures.length);
    expect(plain(rows[0].querySelector('th')!.textContent)).to.equal(el.figures[0].label);
    expect(plain(rows[0].querySelectorAll('td')[1].textContent)).to.equal(
      plain(formatCents('fr', el.figures[0].cents)),
    );
    expect(plain(table.querySelector('tfoot')!.textContent)).to.contain(plain(formatCents('fr', el.total)));
  });

  it('exports the figures as CSV and the chart as PNG', async () => {
    const { el } = await budget({ src: CRACH });
    await chartOf(el);
    const csv = el.exportCsv();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('Code;Libellé;Montant');
    expect(lines[1]).to.equal(
      `012;Charges de personnel et frais assimilés;${(el.figures[0].cents / 100).toFixed(2).replace('.', ',')}`,
    );
    expect(lines.length).to.equal(el.figures.length + 2);
    const sum = lines
      .slice(1, -1)
      .reduce((s, l) => s + Math.round(Number(l.split(';').pop()!.replace(',', '.')) * 100), 0);
    expect(sum).to.equal(el.total);
    const png = await el.exportPng();
    expect(png.type).to.equal('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).to.equal('PNG');
    const image = await createImageBitmap(png);
    expect(image.width).to.be.greaterThan(canvas(el)!.width);
    // The buttons hand a named file to the browser.
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    try {
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('CSV'))!.click();
      [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('PNG'))!.click();
      await until(() => clicked.length === 2, 'two downloads');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.deep.equal(['depenses-reelles-2021-crach.csv', 'depenses-reelles-2021-crach.png']);
  });

  it('switches direction, section, grouping and chart from the toolbar', async () => {
    const { el } = await budget({ src: MOHON });
    const e = expected['CFU_2023_commune_mohon_M57.csv'];
    const revenue = [...root(el).querySelectorAll('button')].find((b) => plain(b.textContent) === 'Recettes')!;
    revenue.click();
    await el.updateComplete;
    expect(revenue.getAttribute('aria-pressed')).to.equal('true');
    expect(el.total).to.equal(e.totals['recettes/reelles/both']);
    const section = root(el).querySelector<HTMLSelectElement>('select[id$="-section"]')!;
    section.value = 'investissement';
    section.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.total).to.equal(e.totals['recettes/reelles/investissement']);
    const chartSelect = root(el).querySelector<HTMLSelectElement>('select[id$="-chart"]')!;
    chartSelect.value = 'doughnut';
    chartSelect.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await until(() => typeOf(Chart.getChart(canvas(el)!)) === 'doughnut', 'the doughnut');
    expect(root(el).querySelectorAll('[part="legend"] li').length).to.be.greaterThan(1);
  });

  it('destroys its chart when it leaves the page, a hundred times over', async () => {
    const { el } = await budget({ src: CRACH });
    await chartOf(el);
    const parent = el.parentElement!;
    for (let i = 0; i < 100; i++) {
      el.remove();
      parent.append(el);
    }
    await chartOf(el);
    expect(Object.keys(Chart.instances).length).to.equal(1);
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(Object.keys(Chart.instances).length).to.equal(0);
  });

  it('is axe-clean: chart, drill-down, table and toolbar', async () => {
    const { el } = await budget({ src: CRACH, chart: 'doughnut' });
    await chartOf(el);
    await expect(el).to.be.accessible();
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Voir les données'))!.click();
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('table button.link')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await budget({ src: CRACH, lang: 'en' });
    expect(plain(root(el).querySelector('[part="title"]')!.textContent)).to.equal('Real spending 2021 — CRACH');
    expect(plain(root(el).querySelector('[part="total"] strong')!.textContent)).to.match(/^€\d{1,3}(,\d{3})*\.\d\d$/);
    expect(plain(root(el).querySelector('[part="total"]')!.textContent)).to.match(/^Total: €/);
  });
});

describe('<vitrine-budget> broken files', () => {
  beforeEach(() => resetCache());

  it('names the missing amount column', async () => {
    const { el, event } = await budget({ src: '/test/fixtures/hostile/budget-no-amount.csv' });
    expect(event.type).to.equal('vitrine-error');
    expect((event as VitrineErrorEvent).detail.code).to.equal('config');
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(plain(alert.textContent)).to.contain('pas de colonne de montant utilisable');
    expect(plain(alert.textContent)).to.contain('BGT_MTREAL');
  });

  it('reads amounts written as text with spaces, commas, € and minus signs, and counts the unreadable ones', async () => {
    const { el } = await budget({ src: '/test/fixtures/hostile/budget-text-amounts.csv', 'max-categories': '0' });
    // Computed with Python (Decimal) from the file: see test/fixtures/hostile/SOURCES.md.
    const e = (await (await fetch('/test/fixtures/hostile/budget-text-amounts.expected.json')).json()) as {
      total: number;
      byChapter: Record<string, number>;
      invalid: number;
    };
    expect(el.total).to.equal(e.total);
    expect(byKey(el)).to.deep.equal(e.byChapter);
    expect(text(el)).to.contain(`${e.invalid} montants illisibles ont été laissés de côté.`);
    expect(text(el)).not.to.contain('NaN');
    // A negative chapter cannot be a slice: it is named, and kept in the table.
    await set(el, { chart: 'doughnut' });
    if (el.figures.some((f) => f.cents < 0)) expect(text(el)).to.contain('Les catégories de total négatif');
  });

  it('lists the years of the file for an unknown year', async () => {
    const { el, event } = await budget({ src: CRACH, year: '2019' });
    expect(event.type).to.equal('vitrine-error');
    const alert = plain(root(el).querySelector('[role="alert"]')!.textContent);
    expect(alert).to.contain('2019');
    expect(alert).to.contain('2021');
  });

  it('says a file is not a budget and how to use another table', async () => {
    const { el, event } = await budget({ src: '/test/fixtures/observatoire/ODF-Observatoire-plateformes-221019.csv' });
    expect((event as VitrineErrorEvent).detail.code).to.equal('config');
    const alert = plain(root(el).querySelector('[role="alert"]')!.textContent);
    expect(alert).to.contain('label-column');
    expect(alert).to.contain('techno');
  });

  it('rejects unknown attribute values with the allowed ones', async () => {
    const { el } = await budget({ src: CRACH, 'group-by': 'couleur' });
    const alert = plain(root(el).querySelector('[role="alert"]')!.textContent);
    expect(alert).to.contain('couleur');
    expect(alert).to.contain('chapitre, fonction, nature');
  });

  it('asks for the amounts column when only the labels are given, naming the columns', async () => {
    const { el, event } = await budget({ src: '/demo/data/lot-subventions-2017.csv', 'label-column': 'nature' });
    expect((event as VitrineErrorEvent).detail.code).to.equal('config');
    const alert = plain(root(el).querySelector('[role="alert"]')!.textContent);
    expect(alert).to.contain('L’attribut value-column est nécessaire');
    expect(alert).to.contain('montant');
  });

  it('says "1 catégorie" in the description of a chart with one category', async () => {
    // The Lot subsidies paid at once ("unique"), by how they are paid: one category.
    const { el } = await budget({
      src: '/demo/data/lot-subventions-2017.csv',
      'label-column': 'conditionsVersement',
      'value-column': 'montant',
      filter: 'conditionsVersement = unique',
    });
    expect(el.figures.map((f) => f.label)).to.deep.equal(['unique']);
    expect(plain(root(el).querySelector('[part="description"]')!.textContent)).to.match(
      /^Diagramme en barres, 1 catégorie\. La plus importante : unique, /,
    );
  });

  it('falls back to chapters, and says so, when the file has no function', async () => {
    const { el } = await budget({ src: CRACH, 'group-by': 'fonction' });
    expect(text(el)).to.contain('Ce fichier ne renseigne pas la fonction');
    expect(el.figures[0].code).to.equal('012');
  });
});

/**
 * Generic tables: the OFGL aggregates ("Agrégat / Montant"). Expected figures were computed with
 * Python (csv module, Decimal amounts rounded half-up to the cent) from the files in
 * test/fixtures/scdl/budget/ofgl/. The five operating-spending aggregates also add up, to the cent,
 * to OFGL's own "Dépenses de fonctionnement" row of the same year, which the test checks too.
 */
describe('<vitrine-budget> generic tables (OFGL)', () => {
  const OFGL = `${DIR}/ofgl`;
  const PARTS =
    "Agrégat = Achats et charges externes | Frais de personnel | Charges financières | Dépenses d'intervention | Autres dépenses de fonctionnement";
  beforeEach(() => resetCache());

  it('sums a label/amount table by label, for the latest year, with the exact total', async () => {
    const { el, event } = await budget({
      src: `${OFGL}/ofgl-base-communes-consolidee.test.csv`,
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      filter: PARTS,
    });
    expect(event.type).to.equal('vitrine-load');
    expect(el.total).to.equal(490233737);
    expect(Object.fromEntries(el.figures.map((f) => [f.label, f.cents]))).to.deep.equal({
      'Achats et charges externes': 180357716,
      'Charges financières': 10746838,
      "Dépenses d'intervention": 34630900,
      'Frais de personnel': 245267302,
      'Autres dépenses de fonctionnement': 19230981,
    });
    expect(plain(root(el).querySelector('[part="title"]')!.textContent)).to.equal('Montants 2023');
    // The same as OFGL's own aggregate of the year.
    const { el: whole } = await budget({
      src: `${OFGL}/ofgl-base-communes-consolidee.test.csv`,
      'label-column': 'Agrégat',
      'value-column': 'Montant',
      filter: 'Agrégat = Dépenses de fonctionnement',
    });
    expect(whole.total).to.equal(el.total);
    await set(el, { year: '2022' });
    expect(el.total).to.equal(452887699);
  });

  it('compares the years of the table with the change in %', async () => {
    for (const [file, totals] of [
      ['ofgl-base-departement.test.csv', [144825312296, 150313754923]],
      ['ofgl-base-region.test.csv', [209301565337, 205248516882]],
    ] as const) {
      const { el } = await budget({
        src: `${OFGL}/${file}`,
        'label-column': 'Agrégat',
        'value-column': 'Montant',
        filter: PARTS,
        compare: '',
      });
      const totalRow = el.figures.reduce((s, f) => s + (f.byYear?.[0] ?? 0), 0);
      expect(totalRow, file).to.equal(totals[0]);
      expect(el.total, file).to.equal(totals[1]);
      const change = ((totals[1] - totals[0]) / totals[0]) * 100;
      const shown = plain(root(el).querySelector('[part="total"]')!.textContent);
      expect(shown).to.contain(`${change > 0 ? '+' : ''}${change.toFixed(1).replace('.', ',')} % par rapport à 2022`);
      const chart = await chartOf(el);
      expect(chart.data.datasets.map((d) => d.label)).to.deep.equal(['2022', '2023']);
      el.remove();
    }
  });

  it('groups by group-column and opens a group on its labels; "Autres" beyond 12', async () => {
    const src = `${OFGL}/ofgl-base-epci.test.csv`;
    const { el } = await budget({ src, 'label-column': 'Libellé Budget', 'value-column': 'Montant' });
    expect(el.total).to.equal(17485012812);
    expect(el.figures.length).to.equal(12);
    expect(el.figures[11].label).to.equal('Autres (13)');
    const { el: grouped } = await budget({
      src,
      'label-column': 'Libellé Budget',
      'value-column': 'Montant',
      'group-column': 'Nature juridique 2024 abrégée',
    });
    expect(Object.fromEntries(grouped.figures.map((f) => [f.label, f.cents]))).to.deep.equal({
      M: 10381495922,
      CA: 4862707632,
      CC: 2240809258,
    });
    const listbox = root(grouped).querySelector<HTMLElement>('[role="listbox"]')!;
    listbox.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await grouped.updateComplete;
    expect(grouped.total).to.equal(2240809258);
    expect(grouped.figures.length).to.equal(12);
  });

  it('names a missing label or value column', async () => {
    const { el } = await budget({
      src: `${OFGL}/ofgl-base-epci.test.csv`,
      'label-column': 'Agrégat',
      'value-column': 'Montant total',
    });
    const alert = plain(root(el).querySelector('[role="alert"]')!.textContent);
    expect(alert).to.contain('Montant total');
    expect(alert).to.contain('Montant en € par habitant');
  });
});

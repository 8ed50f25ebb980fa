/**
 * Presentation mode and the library's themes: the `presentation` attribute and
 * src/themes/presentation.css make the text of a table, of cards and of the budget chart (drawn on
 * a canvas) larger, and the chart's marks thicker; the attribute toggles back; the theme gives the
 * same tokens as the attribute; a long table's scrolling box leaves the wheel and the keys alone
 * until it has the focus; src/themes/dsfr.css gives the DSFR's colours, focus ring and corners and
 * follows the DSFR's own tokens. axe passes in presentation mode.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import '../../src/components/table/table.ts';
import '../../src/components/cards/cards.ts';
import '../../src/components/budget/budget.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';
import type { VitrineBudget } from '../../src/components/budget/budget.component.ts';
import { bodyRows, elementWith, failOnLitWarnings, resetCache, root } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';
import { hostStyles } from '../../src/styles/host.styles.ts';

const ODF = '/demo/data/odf-observatoire.csv';
const BUDGET = '/demo/data/budget-crach-ca-2021.csv';

/** The tokens presentation mode sets (host.styles.ts and themes/presentation.css). */
const TOKENS = [
  '--vitrine-font-size',
  '--vitrine-mark-scale',
  '--vitrine-spacing',
  '--vitrine-focus-width',
  '--vitrine-color-muted',
  '--vitrine-color-border',
  '--vitrine-color-border-strong',
  '--vitrine-color-stripe',
  '--vitrine-table-overflow-unfocused',
];

/** Links a theme of src/themes/ to the page; returns a function that removes it. */
async function linkTheme(name: string): Promise<() => void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/src/themes/${name}.css`;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', () => reject(new Error(`${name}.css did not load`)), { once: true });
  });
  document.head.append(link);
  await loaded;
  return () => link.remove();
}

const px = (value: string) => parseFloat(value);
/** The computed font size, in pixels, of an element. */
const fontSize = (el: Element) => px(getComputedStyle(el).fontSize);
/** The first body cell of a table. */
const firstCell = (el: Element) => bodyRows(el)[0].querySelector('td')!;

/** The budget's Chart.js chart, once drawn (a new one after each rebuild). */
function chartOf(el: Element): Chart | undefined {
  const canvas = root(el).querySelector<HTMLCanvasElement>('.plot canvas');
  return canvas ? Chart.getChart(canvas) : undefined;
}

/** The size of the chart's axis text and the thickness of its bars. */
function chartLook(chart: Chart): { font: number; bar: number } {
  const ticks = chart.options.scales!.y!.ticks as unknown as { font: { size: number } };
  const dataset = chart.data.datasets[0] as unknown as { maxBarThickness: number };
  return { font: ticks.font.size, bar: dataset.maxBarThickness };
}

/** A value of a token, white space folded (the theme file is formatted over several lines). */
function token(el: Element, name: string): string {
  return getComputedStyle(el)
    .getPropertyValue(name)
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')')
    .trim();
}

describe('presentation mode and themes', () => {
  let restore: () => void;
  const cleanups: (() => void)[] = [];
  beforeEach(() => {
    resetCache();
    restore = failOnLitWarnings();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await resetMouse();
    restore();
  });

  it('the presentation attribute makes the table text larger, and toggles back', async () => {
    const { el } = await elementWith('vitrine-table', { src: ODF, columns: 'nom, nb_ptf', 'page-size': '5' }, '900px');
    const table = el as VitrineTable;
    const before = fontSize(firstCell(table));
    expect(before).to.equal(16);
    const rowHeight = bodyRows(table)[0].getBoundingClientRect().height;

    table.setAttribute('presentation', '');
    await table.updateComplete;
    expect(table.presentation).to.equal(true);
    expect(fontSize(firstCell(table))).to.equal(24);
    // Cell padding grows with the text (em), so rows grow more than the text alone.
    expect(bodyRows(table)[0].getBoundingClientRect().height).to.be.above(rowHeight * 1.45);
    // Thicker focus rings, darker greys than the defaults.
    expect(token(table, '--vitrine-focus-width')).to.equal('4px');
    const footer = root(table).querySelector('[part="footer"]')!;
    expect(getComputedStyle(footer).color).not.to.equal('rgb(85, 85, 85)');

    table.presentation = false;
    await table.updateComplete;
    expect(table.hasAttribute('presentation')).to.equal(false);
    expect(fontSize(firstCell(table))).to.equal(16);
    expect(getComputedStyle(footer).color).to.equal('rgb(85, 85, 85)');

    // The property reflects to the attribute, which the styles key on.
    table.presentation = true;
    await table.updateComplete;
    expect(table.hasAttribute('presentation')).to.equal(true);
    expect(fontSize(firstCell(table))).to.equal(24);
  });

  it('the budget chart redraws with larger text and thicker bars, and back', async () => {
    const { el } = await elementWith('vitrine-budget', { src: BUDGET, 'max-categories': '6' }, '900px');
    const budget = el as VitrineBudget;
    const first = await until(() => chartOf(budget), 'the chart');
    expect(chartLook(first)).to.deep.equal({ font: 13, bar: 26 });
    const height = root(budget).querySelector<HTMLElement>('.plot')!.getBoundingClientRect().height;

    budget.setAttribute('presentation', '');
    const big = await until(() => {
      const chart = chartOf(budget);
      return chart && chart !== first && chart;
    }, 'a new chart');
    // 1.5rem text: the chart's text is 0.8 of it; bars 1.75 times as thick.
    expect(chartLook(big)).to.deep.equal({ font: 19, bar: 45.5 });
    expect((big.options.scales!.x!.grid as unknown as { lineWidth: number }).lineWidth).to.equal(1.8);
    // The box grows to hold the bigger bars.
    expect(root(budget).querySelector<HTMLElement>('.plot')!.getBoundingClientRect().height).to.be.above(height);
    // The grid colour is a plain colour Chart.js can read (presentation mode mixes its greys).
    expect((big.options.scales!.x!.grid as unknown as { color: string }).color).to.match(/^#[0-9a-f]{6}$/);

    budget.removeAttribute('presentation');
    const back = await until(() => {
      const chart = chartOf(budget);
      return chart && chart !== big && chart;
    }, 'the chart drawn again');
    expect(chartLook(back)).to.deep.equal({ font: 13, bar: 26 });
  });

  it('host.styles.ts and themes/presentation.css declare the same tokens, with the same values', async () => {
    // The attribute's rules live in the element's styles, the theme's in a plain style sheet: two
    // copies by necessity, kept equal here (and TOKENS, compared through computed styles below, is all of them).
    const declarations = (block: string) =>
      Object.fromEntries(
        block
          .split(';')
          .map((d) => d.replace(/\/\*[\s\S]*?\*\//g, '').trim())
          .filter((d) => d.startsWith('--'))
          .map((d) => {
            const colon = d.indexOf(':');
            return [
              d.slice(0, colon).trim(),
              d
                .slice(colon + 1)
                .replace(/\s+/g, ' ')
                .replace(/\( /g, '(')
                .trim(),
            ];
          }),
      );
    const blockAfter = (text: string, selector: string) => {
      const start = text.indexOf('{', text.indexOf(selector));
      return text.slice(start + 1, text.indexOf('}', start));
    };
    const fromElement = declarations(blockAfter(hostStyles.cssText, ':host([presentation])'));
    const sheet = await (await fetch('/src/themes/presentation.css')).text();
    const fromTheme = declarations(blockAfter(sheet, ':where(vitrine-table'));
    expect(Object.keys(fromElement).length).to.be.greaterThan(5);
    expect(fromTheme).to.deep.equal(fromElement);
    expect([...TOKENS].sort()).to.deep.equal(Object.keys(fromElement).sort());
  });

  it('themes/presentation.css does what the attribute does, to every element of the page', async () => {
    const withAttribute = await elementWith('vitrine-table', {
      src: ODF,
      columns: 'nom, nb_ptf',
      'page-size': '5',
      presentation: '',
    });
    const expected = TOKENS.map((name) => [name, token(withAttribute.el, name)]);
    withAttribute.el.remove();

    cleanups.push(await linkTheme('presentation'));
    const { el: table } = await elementWith('vitrine-table', { src: ODF, columns: 'nom, nb_ptf', 'page-size': '5' });
    expect(table.hasAttribute('presentation')).to.equal(false);
    expect(TOKENS.map((name) => [name, token(table, name)])).to.deep.equal(expected);
    expect(fontSize(firstCell(table))).to.equal(24);

    const { el: cards } = await elementWith('vitrine-cards', { src: ODF, 'card-title': 'nom', 'page-size': '2' });
    const title = await until(() => root(cards).querySelector('[part="title"]'), 'a card');
    expect(fontSize(title)).to.be.closeTo(24 * 1.1, 0.1);

    const { el: budget } = await elementWith('vitrine-budget', { src: BUDGET });
    const chart = await until(() => chartOf(budget), 'the chart');
    expect(chartLook(chart)).to.deep.equal({ font: 19, bar: 45.5 });
  });

  it('a chart drawn before the theme is linked is drawn again with it', async () => {
    const { el: budget } = await elementWith('vitrine-budget', { src: BUDGET });
    const first = await until(() => chartOf(budget), 'the chart');
    expect(chartLook(first).font).to.equal(13);
    cleanups.push(await linkTheme('presentation'));
    const again = await until(() => {
      const chart = chartOf(budget);
      return chart && chart !== first && chart;
    }, 'the chart drawn with the theme');
    expect(chartLook(again)).to.deep.equal({ font: 19, bar: 45.5 });
  });

  it('a rule of the page on an element wins over the theme, and the sizes can be tuned on an ancestor', async () => {
    cleanups.push(await linkTheme('presentation'));
    const parent = await fixture<HTMLDivElement>(html`<div style="--vitrine-presentation-font-size: 2rem"></div>`);
    const table = document.createElement('vitrine-table');
    table.setAttribute('src', ODF);
    table.setAttribute('columns', 'nom');
    table.setAttribute('page-size', '3');
    parent.append(table);
    await until(() => bodyRows(table).length === 3 && bodyRows(table), 'rows');
    expect(fontSize(firstCell(table))).to.equal(32);
    table.style.setProperty('--vitrine-font-size', '20px');
    expect(fontSize(firstCell(table))).to.equal(20);
  });

  it('a long table leaves the wheel and the keys to the page until it is clicked or focused', async () => {
    const { el } = await elementWith(
      'vitrine-table',
      { src: ODF, columns: 'nom, type, nb_ptf', 'page-size': 'all', presentation: '' },
      '700px',
    );
    const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
    expect(scroller.classList.contains('virtual')).to.equal(true);
    expect(scroller.scrollHeight).to.be.above(scroller.clientHeight * 2);
    // Not focused: the box does not scroll (the wheel goes to the page, as over a map).
    expect(getComputedStyle(scroller).overflowY).to.equal('hidden');
    expect(scroller.scrollTop).to.equal(0);

    // A click in it: it scrolls, by the keyboard too.
    const cell = firstCell(el).getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(cell.left + 10), Math.round(cell.top + cell.height / 2)] });
    expect(root(el).activeElement).to.equal(scroller);
    expect(getComputedStyle(scroller).overflowY).to.equal('auto');
    await sendKeys({ press: 'PageDown' });
    await until(() => scroller.scrollTop > 0, 'the box scrolled by the keyboard');

    // The focus leaves: the wheel is the page's again, and the box keeps its place.
    const top = scroller.scrollTop;
    scroller.blur();
    expect(getComputedStyle(scroller).overflowY).to.equal('hidden');
    expect(scroller.scrollTop).to.equal(top);

    // Without presentation mode, the box scrolls as before.
    el.removeAttribute('presentation');
    await el.updateComplete;
    expect(getComputedStyle(scroller).overflowY).to.equal('auto');
  });

  it('themes/dsfr.css: the DSFR colours, focus ring, square corners, and its own tokens when the page has them', async () => {
    cleanups.push(await linkTheme('dsfr'));
    const { el } = await elementWith('vitrine-table', {
      src: ODF,
      columns: 'nom, nb_ptf',
      'page-size': '3',
      search: '',
    });
    expect(token(el, '--vitrine-radius')).to.equal('0');
    expect(getComputedStyle(firstCell(el)).color).to.equal('rgb(58, 58, 58)');
    const search = root(el).querySelector<HTMLInputElement>('input')!;
    search.focus();
    const ring = getComputedStyle(search);
    expect([ring.outlineStyle, ring.outlineWidth, ring.outlineOffset, ring.outlineColor]).to.deep.equal([
      'solid',
      '2px',
      '2px',
      'rgb(10, 118, 246)',
    ]);
    expect(getComputedStyle(search).borderTopLeftRadius).to.equal('0px');

    // A page that loads the DSFR (here its dark mode's text colour): the elements follow it.
    document.documentElement.style.setProperty('--text-default-grey', '#cecece');
    cleanups.push(() => document.documentElement.style.removeProperty('--text-default-grey'));
    expect(getComputedStyle(firstCell(el)).color).to.equal('rgb(206, 206, 206)');
  });

  it('dsfr.css and presentation.css together: DSFR colours, presentation sizes, greys mixed from the DSFR text', async () => {
    cleanups.push(await linkTheme('presentation'));
    cleanups.push(await linkTheme('dsfr'));
    const { el } = await elementWith('vitrine-table', {
      src: ODF,
      columns: 'nom, nb_ptf',
      'page-size': '3',
      search: '',
    });
    expect(fontSize(firstCell(el))).to.equal(24);
    expect(getComputedStyle(firstCell(el)).color).to.equal('rgb(58, 58, 58)');
    const search = root(el).querySelector<HTMLInputElement>('input')!;
    search.focus();
    expect(getComputedStyle(search).outlineWidth).to.equal('4px');
    expect(token(el, '--vitrine-color-muted')).to.equal('color-mix(in srgb, #3a3a3a 85%, #fff)');
  });

  it('passes axe in presentation mode (table, cards, budget), with the DSFR theme too', async () => {
    for (const theme of [[], ['dsfr']]) {
      const unlink = await Promise.all(theme.map((name) => linkTheme(name)));
      const { el: table } = await elementWith('vitrine-table', {
        src: ODF,
        columns: 'nom, type, nb_ptf',
        'page-size': '5',
        search: '',
        facets: 'type',
        bars: 'nb_ptf',
        presentation: '',
      });
      await expect(table).to.be.accessible();
      const { el: cards } = await elementWith('vitrine-cards', {
        src: ODF,
        'card-title': 'nom',
        'card-subtitle': 'dep_label',
        'card-fields': 'type = Type',
        'page-size': '3',
        presentation: '',
      });
      await expect(cards).to.be.accessible();
      const { el: budget } = await elementWith('vitrine-budget', { src: BUDGET, presentation: '' });
      await until(() => chartOf(budget), 'the chart');
      await expect(budget).to.be.accessible();
      for (const remove of unlink) remove();
    }
  });
});

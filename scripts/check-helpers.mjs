// What the checks of the built files share (check-dist, check-cdn, check-size, check-apps): a static server
// that mounts folders at URL prefixes and logs every file it serves, and a headless Chromium.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from './chromium.mjs';

export const root = resolve(import.meta.dirname, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Starts a static server on 127.0.0.1 (a free port).
 * - `mounts`: URL prefix → folder, the longest prefix first (`{ '/media/vitrine/': dist, '/': root }`);
 * - `pages`: exact path → HTML text;
 * - `headers`: added to every answer (a Content-Security-Policy, say).
 * Every answer is recorded in `log` (`{ path, file, status }`), so a check can tell exactly which
 * files the browser fetched, workers and their imports included.
 */
export async function serve({ mounts = {}, pages = {}, headers = {} }) {
  const log = [];
  const prefixes = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (Object.hasOwn(pages, path)) {
      log.push({ path, status: 200 });
      res.writeHead(200, { 'Content-Type': TYPES['.html'], ...headers }).end(pages[path]);
      return;
    }
    const mount = prefixes.find(([prefix]) => path.startsWith(prefix));
    const dir = mount && resolve(mount[1]);
    const file = mount && normalize(join(dir, path.slice(mount[0].length)));
    if (!file || !(file === dir || file.startsWith(dir + sep)) || !existsSync(file) || statSync(file).isDirectory()) {
      log.push({ path, status: 404 });
      res.writeHead(404, headers).end();
      return;
    }
    log.push({ path, file, status: 200 });
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Headless Chromium: Debian's package or $CHROME_PATH (see chromium.mjs). */
export function launch() {
  return puppeteer.launch({ executablePath: chromePath, headless: true, args: chromeArgs });
}

/**
 * Collects what goes wrong in a page: uncaught errors, console errors, HTTP errors (except the
 * paths `allowed` matches), so a check can fail on them.
 */
export function watchProblems(page, problems, allowed = /\/favicon\.ico$/) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowed.test(r.url())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
}

/** Resolves once `log` has not grown for `quietMs` (at most `maxMs`). */
export async function networkQuiet(log, quietMs = 700, maxMs = 10000) {
  const start = Date.now();
  let count = -1;
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    if (log.length !== count) {
      count = log.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * One of every element, on the repository's demo data and fixtures (`data` is the URL prefix the
 * repository is served at). The map's CSV is over 256 KB, so it is parsed in the parse worker.
 */
export const everyElement = (data = '/') => `
<vitrine-table id="table" src="${data}demo/data/lot-subventions-2017.csv" label="Subventions"
  columns="nomBeneficiaire, montant : currency" bars="montant" totals search download></vitrine-table>
<vitrine-map id="points" src="${data}demo/data/odf-observatoire.csv" tiles="none" color-by="type"
  center="48.11, -1.68" zoom="9"></vitrine-map>
<vitrine-map id="areas" src="${data}demo/data/odf-observatoire.csv" tiles="none" areas="${data}demo/data/departements.geojson"
  join="depcode"></vitrine-map>
<vitrine-cards id="records" src="${data}test/fixtures/hostile/cards-images.csv" card-title="nom" card-image="photo"
  card-image-alt="texte_alt" card-link="site"></vitrine-cards>
<vitrine-cards id="catalogue" mode="catalog" src="${data}test/fixtures/api-responses/ckan/package_search_birmingham.json"></vitrine-cards>
<vitrine-budget id="budget" src="${data}demo/data/budget-crach-ca-2021.csv"></vitrine-budget>
<vitrine-budget id="treemap" src="${data}demo/data/budget-crach-ca-2021.csv" chart="treemap" section="investissement"></vitrine-budget>
<vitrine-source id="subventions" src="${data}demo/data/lot-subventions-2017.csv"></vitrine-source>
<vitrine-search id="search" source="subventions" label="Rechercher"></vitrine-search>
<vitrine-filter id="filter" source="subventions" field="conditionsVersement" label="Versement"></vitrine-filter>
<vitrine-table id="linked" source="subventions" columns="nomBeneficiaire, conditionsVersement, montant"></vitrine-table>`;

/**
 * Runs in the page: what each Vitrine element shows, by id; `false` until every element that
 * draws has drawn (or shows an error), unless `partial`. An element still undefined is reported as such.
 */
export function probeElements(partial = false) {
  const out = {};
  let done = true;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (!tag.startsWith('vitrine-')) continue;
    const key = el.id || tag;
    if (!customElements.get(tag)) {
      out[key] = 'undefined';
      done = false;
      continue;
    }
    const root = el.shadowRoot;
    const alert = root?.querySelector('[role=alert]');
    if (alert) {
      out[key] = { alert: alert.textContent.trim().slice(0, 200) };
      continue;
    }
    let state;
    if (tag === 'vitrine-table')
      state = { rows: root?.querySelectorAll('tbody tr[part~="row"], tbody tr').length ?? 0 };
    else if (tag === 'vitrine-map')
      state = {
        points: root?.querySelectorAll('.vitrine-point, .vitrine-cluster').length ?? 0,
        areas: root?.querySelectorAll('path.vitrine-area').length ?? 0,
      };
    else if (tag === 'vitrine-cards') state = { cards: root?.querySelectorAll('li[part="card"]').length ?? 0 };
    else if (tag === 'vitrine-budget') {
      const canvas = root?.querySelector('.plot canvas');
      let painted = 0;
      if (canvas?.width) {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      }
      state = { painted };
    } else if (tag === 'vitrine-filter')
      state = { options: root?.querySelectorAll('input, select option').length ?? 0 };
    else if (tag === 'vitrine-search') state = { box: root?.querySelectorAll('input[type="search"]').length ?? 0 };
    else state = { rows: el.rows?.length ?? 0 };
    if (Object.values(state).every((n) => n === 0) || (tag === 'vitrine-budget' && state.painted < 1000)) done = false;
    out[key] = state;
  }
  return (done && Object.keys(out).length) || partial ? out : false;
}

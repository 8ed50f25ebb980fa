// After `npm run build`: the script-size budgets of DESIGN.md, measured in headless Chromium from
// the built dist/. Each page loads the CDN script, as a CMS page would, from a sub-folder
// (/media/vitrine/vitrine.js), in a fresh browser profile; the server records every file it
// serves, so what is counted is every JavaScript file the browser fetched for that page: the
// autoloader, the element chunks, the shared chunks, and workers with their imports. Sizes are
// gzip -9 of each file, summed (each file is a separate download); 1 KB = 1,000 bytes.
//
//   table    <vitrine-table> on a 4 KB CSV (parsed in place: no worker)   target ≤ 25 KB
//   all      one of every element, map and charts included (the map's
//            286 KB CSV is parsed in the parse worker, so it is counted)   target ≤ 130 KB
// and, for information, a table on a 569 KB CSV (parse worker), a map alone and a budget alone.
//
// The targets are DESIGN.md's budgets; they are not met yet (see the figures printed). Until they
// are, a page fails the check when it grows past its ceiling (what it weighed at the last
// reduction, plus a few percent), so that the figures only go down; SIZE_STRICT=1 fails on the
// targets themselves. When a target is met, drop the page's ceiling.
//
// Below the pages it prints the floor (scripts/size-floor.mjs): what the libraries of the stack
// weigh alone, used as Vitrine uses them, so that what is ours in each figure is plain.
//
// SIZE_VERBOSE=1 lists the files of every page; SIZE_JSON=<file> also writes the figures there.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { everyElement, launch, networkQuiet, probeElements, root, serve, watchProblems } from './check-helpers.mjs';
import { floorOfPages, floorSizes } from './size-floor.mjs';

const KB = 1000;
const pages = [
  {
    name: 'table',
    what: 'a table, 4 KB CSV',
    budget: 25 * KB,
    ceiling: 59 * KB,
    body: `<vitrine-table src="/demo/data/lot-subventions-2017.csv" label="Subventions"
  columns="nomBeneficiaire, montant : currency" bars="montant" totals search download></vitrine-table>`,
  },
  {
    name: 'table-large',
    what: 'a table, 569 KB CSV (parse worker)',
    body: `<vitrine-table src="/test/fixtures/api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv"
  page-size="all" facets="Type_etablissement"></vitrine-table>`,
  },
  {
    name: 'map',
    what: 'a map of areas (tiles="none")',
    body: `<vitrine-map src="/demo/data/odf-observatoire.csv" tiles="none" areas="/demo/data/departements.geojson"
  join="depcode"></vitrine-map>`,
  },
  {
    name: 'budget',
    what: 'a budget bar chart',
    body: `<vitrine-budget src="/demo/data/budget-crach-ca-2021.csv"></vitrine-budget>`,
  },
  {
    name: 'all',
    what: 'every element (map, charts, treemap, catalogue)',
    budget: 130 * KB,
    ceiling: 248 * KB,
    body: everyElement('/'),
  },
];

const html = (body) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>size check</title>
<script type="module" src="/media/vitrine/vitrine.js"></script></head>
<body>${body}</body></html>`;

const dist = resolve(root, 'dist');
const server = await serve({
  mounts: { '/media/vitrine/': dist, '/': root },
  pages: Object.fromEntries(pages.map((p) => [`/pages/${p.name}.html`, html(p.body)])),
});
const strict = Boolean(process.env.SIZE_STRICT);
const gz = new Map();
const gzipOf = (file) => {
  if (!gz.has(file)) {
    const bytes = readFileSync(file);
    gz.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return gz.get(file);
};

const browser = await launch();
const problems = [];
const results = [];
try {
  for (const p of pages) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const pageProblems = [];
    watchProblems(page, pageProblems, /\/favicon\.ico$|\/test\/fixtures\/images\/introuvable\.png$/);
    server.log.length = 0;
    await page.goto(`${server.base}/pages/${p.name}.html`, { waitUntil: 'load' });
    let shown;
    try {
      shown = await (await page.waitForFunction(probeElements, { timeout: 30000, polling: 100 })).jsonValue();
    } catch (err) {
      pageProblems.push(
        `${p.name}: not drawn in time (${err.message}): ${JSON.stringify(await page.evaluate(probeElements, true))}`,
      );
    }
    await networkQuiet(server.log, 1000);
    const alerts = Object.entries(shown ?? {}).filter(([, s]) => s && typeof s === 'object' && 'alert' in s);
    if (alerts.length) pageProblems.push(`${p.name}: an element shows an error: ${JSON.stringify(alerts)}`);
    const files = [...new Set(server.log.filter((e) => e.file?.endsWith('.js')).map((e) => e.file))];
    const sized = files.map((f) => ({ file: f.replace(dist + '/', '').replace(root + '/', ''), ...gzipOf(f) }));
    const total = sized.reduce((n, f) => n + f.gzip, 0);
    if (!sized.length) pageProblems.push(`${p.name}: the page fetched no JavaScript (is dist/ built?)`);
    const raw = sized.reduce((n, f) => n + f.raw, 0);
    const status =
      !p.budget || !sized.length
        ? ''
        : total <= p.budget
          ? 'met'
          : total <= (p.ceiling ?? p.budget)
            ? 'NOT MET'
            : 'OVER CEILING';
    results.push({ ...p, files: sized, total, raw, status });
    if (p.budget && total > p.budget && (strict || total > (p.ceiling ?? p.budget)))
      pageProblems.push(
        `${p.name}: ${total} bytes of JavaScript (gzip), over its ${strict ? 'budget' : 'ceiling'} of ${strict ? p.budget : p.ceiling}`,
      );
    problems.push(...pageProblems.map((m) => `[${p.name}] ${m}`));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kb = (n) => (n / KB).toFixed(1);
const row = (cells) => `| ${cells.join(' | ')} |`;
console.log('\nJavaScript the browser fetched per page (gzip -9 of each file, summed; KB = 1,000 bytes)\n');
console.log(row(['page', 'what', 'files', 'raw KB', 'gzip KB', 'target KB', 'ceiling KB', 'target']));
console.log(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---']));
for (const r of results)
  console.log(
    row([
      r.name,
      r.what,
      r.files.length,
      kb(r.raw),
      kb(r.total),
      r.budget ? kb(r.budget) : '',
      r.ceiling ? kb(r.ceiling) : '',
      r.status,
    ]),
  );
const libraries = await floorSizes();
const floor = floorOfPages(libraries);
console.log('\nThe libraries alone, used as Vitrine uses them (scripts/size-floor.mjs)\n');
console.log(row(['library', 'gzip KB', 'what is imported']));
console.log(row(['---', '---:', '---']));
for (const l of libraries) console.log(row([l.name, kb(l.gzip), l.what]));
console.log('');
for (const r of results.filter((r) => r.budget && floor[r.name] !== undefined))
  console.log(
    `${r.name}: ${kb(r.total)} KB, of which the libraries ${kb(floor[r.name])} KB and Vitrine's code ${kb(r.total - floor[r.name])} KB; budget ${kb(r.budget)} KB`,
  );
for (const r of results) {
  if (!process.env.SIZE_VERBOSE && !r.budget) continue;
  console.log(`\n${r.name}: ${r.files.length} files, ${r.total} bytes gzip`);
  for (const f of [...r.files].sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kb(f.gzip).padStart(6)} KB gzip  ${kb(f.raw).padStart(6)} KB  ${f.file}`);
}
if (process.env.SIZE_JSON) {
  const pagesOut = results.map(({ name, what, budget, ceiling, total, raw, status, files }) => ({
    name,
    what,
    gzip: total,
    raw,
    budget,
    ceiling,
    status,
    files: Object.fromEntries(files.map((f) => [f.file, f.gzip])),
  }));
  writeFileSync(
    process.env.SIZE_JSON,
    JSON.stringify({ date: new Date().toISOString(), pages: pagesOut, libraries, floor }, null, 2) + '\n',
  );
}
if (problems.length) {
  console.error('\n' + problems.join('\n'));
  process.exit(1);
}
const unmet = results.filter((r) => r.status === 'NOT MET').map((r) => r.name);
console.log(
  unmet.length
    ? `\nsize check passed (no page over its ceiling); DESIGN.md targets not met yet: ${unmet.join(', ')} (SIZE_STRICT=1 fails on them)`
    : '\nsize check passed: every page within its DESIGN.md budget',
);

// After `npm run build`: the example apps of demo/apps/ (React 19 and Vue 3), built by Vite as an app
// that installed `vitrine` from npm builds them. `import 'vitrine/table'` resolves through the
// `exports` of package.json to dist/npm (Node's package self-reference inside this repository);
// their TypeScript is type-checked against the published .d.ts (demo/apps/tsconfig.json).
// Each build goes to a temporary folder, is served as static files and driven in headless Chromium
// through the framework's own controls only:
//   - the table and the map show the rows of their files (counted here from the same files);
//   - `vitrine-load` ran the framework's handler (its text shows the row count), and the <select>
//     the framework built from the element's `rows` offers the values of the file;
//   - attributes bound to framework state follow it (`page-size`), and so do properties (`filter`,
//     `label`, `lang`, and `columns`, given an array (read back from `columnsShown`));
//   - a click on a map point reaches the framework's `vitrine-select` handler;
//   - the parse worker ran from the app's own build, and nothing failed (console, page, HTTP).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import Papa from 'papaparse';
import { build } from 'vite';
import { launch, root, serve, watchProblems } from './check-helpers.mjs';

const started = Date.now();
const APPS = ['react', 'vue'];
const npmBuild = resolve(root, 'dist/npm');
if (!existsSync(join(npmBuild, 'index.js'))) {
  console.error('dist/npm/index.js is missing: run `npm run build` first');
  process.exit(1);
}

/** A data file of demo/data as records: UTF-8, or Windows-1252 when it is not valid UTF-8. */
function records(name) {
  const bytes = readFileSync(resolve(root, 'demo/data', name));
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return Papa.parse(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' }).data;
}
const distinct = (rows, column) =>
  [...new Set(rows.map((r) => (r[column] ?? '').trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
const countOf = (rows, column, value) => rows.filter((r) => (r[column] ?? '').trim() === value).length;

// What the apps show, from the files themselves (the apps import these two files).
const subsidies = records('lot-subventions-2017.csv');
const places = records('odf-observatoire.csv');
const located = places.filter(
  (r) => r.lat?.trim() && r.lon?.trim() && Number.isFinite(+r.lat) && Number.isFinite(+r.lon),
);

const problems = [];
const summary = [];

// The apps' TypeScript against the .d.ts of dist/npm (the types a user of the package gets), while
// the apps build and run.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const typeCheck = new Promise((done) =>
  execFile(process.execPath, [tsc, '--noEmit', '-p', 'demo/apps/tsconfig.json'], { cwd: root }, (err, stdout) =>
    done(
      err
        ? `types: ${String(stdout || err.message)
            .trim()
            .split('\n')
            .slice(0, 10)
            .join('\n  ')}`
        : '',
    ),
  ),
);

/** Records what each `vitrine` import of an app resolved to. */
const recordVitrineImports = (seen) => ({
  name: 'check-apps-vitrine-imports',
  enforce: 'pre',
  resolveId: {
    filter: { id: /^vitrine(\/|$)/ },
    async handler(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      seen.set(source, resolved?.id ?? '(unresolved)');
      return resolved;
    },
  },
});

/** A step that did not happen: stops the app's scenario (the next steps would only repeat it). */
class Missed extends Error {}

const out = mkdtempSync(join(tmpdir(), 'vitrine-apps-'));
const browser = await launch();
try {
  for (const app of APPS) {
    try {
      summary.push(await checkApp(app));
    } catch (err) {
      problems.push(`${app}: ${err instanceof Missed ? err.message : (err.stack ?? err)}`);
    }
  }
} finally {
  await browser.close();
  rmSync(out, { recursive: true, force: true });
}
const typeProblem = await typeCheck;
if (typeProblem) problems.push(typeProblem);
else summary.push('types: demo/apps type-checks against the .d.ts of dist/npm');

async function checkApp(app) {
  const dir = join(out, app);
  const seen = new Map();
  const builtIn = Date.now();
  await build({
    configFile: resolve(root, `demo/apps/${app}/vite.config.ts`),
    logLevel: 'warn',
    plugins: [recordVitrineImports(seen)],
    // Rolldown's advice on slow plugins depends on the machine's load, not on the apps.
    build: { outDir: dir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
  const buildTime = ((Date.now() - builtIn) / 1000).toFixed(1);
  for (const spec of ['vitrine/table', 'vitrine/map']) {
    if (!seen.has(spec)) problems.push(`${app}: the build never imported ${spec}`);
  }
  for (const [spec, id] of seen) {
    if (!id.startsWith(npmBuild + sep)) problems.push(`${app}: ${spec} resolved to ${id}, not into dist/npm`);
  }

  const server = await serve({ mounts: { '/': dir } });
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const before = problems.length;
  watchProblems(page, problems);
  try {
    await page.goto(`${server.base}/index.html`, { waitUntil: 'load' });
    const result = await drive(app, page);
    // The parse worker (the map's file is large enough for it) came from the app's build and ran.
    const workerFile = server.log.find((e) => e.status === 200 && /parse\.worker[^/]*\.js$/.test(e.path));
    if (!workerFile) problems.push(`${app}: no parse worker started from the app's build`);
    else if (!result.workerRan) problems.push(`${app}: the parse worker did not run its script`);
    // The data files were copied into the build and fetched from it.
    const csv = server.log.filter((e) => e.status === 200 && e.path.endsWith('.csv')).length;
    if (csv < 2) problems.push(`${app}: ${csv} data file(s) fetched from the build, expected 2`);
    if (problems.length > before) throw new Missed(`see the problems above (${problems.length - before})`);
    return `${app}: built in ${buildTime} s (${[...seen.keys()].join(', ')} → dist/npm); ${result.text}`;
  } finally {
    await context.close();
    await server.close();
  }
}

/** What the page shows, through the elements' public properties and their shadow roots. */
function snapshot() {
  const t = document.querySelector('vitrine-table');
  const m = document.querySelector('vitrine-map');
  const text = (node) => node?.textContent.replace(/\s+/g, ' ').trim() ?? '';
  const values = (sel) => [...document.querySelectorAll(sel)].map((o) => o.value);
  return {
    defined: !!customElements.get('vitrine-table') && !!customElements.get('vitrine-map'),
    tableStatus: text(document.querySelector('#table-status')),
    mapStatus: text(document.querySelector('#map-status')),
    selection: text(document.querySelector('#selection')),
    tableAlert: text(t?.shadowRoot?.querySelector('[role=alert]')),
    mapAlert: text(m?.shadowRoot?.querySelector('[role=alert]')),
    rows: t?.rows?.length ?? -1,
    domRows: t?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0,
    pageSize: t?.getAttribute('page-size'),
    filter: t?.filter,
    label: t?.label,
    lang: t?.lang,
    columnsShown: Array.isArray(t?.columnsShown) ? t.columnsShown : `not an array: ${typeof t?.columnsShown}`,
    headers: [...(t?.shadowRoot?.querySelectorAll('thead th') ?? [])].map(text),
    caption: text(t?.shadowRoot?.querySelector('[part~="caption"]')),
    footer: text(t?.shadowRoot?.querySelector('[part~="footer"]')),
    mapFilter: m?.filter,
    markers: m?.shadowRoot?.querySelectorAll('.vitrine-point').length ?? 0,
    pageSizes: values('#page-size option'),
    pageSizeChoice: document.querySelector('#page-size')?.value,
    versements: values('#versement option').filter(Boolean),
    types: values('#type option').filter(Boolean),
    boxes: values('#columns input'),
    checked: values('#columns input:checked'),
  };
}

async function drive(app, page) {
  const state = () => page.evaluate(snapshot);
  /** Polls the page until `ok(state)`; a `Missed` with the last state after 15 s. */
  const until = async (what, ok) => {
    let s;
    for (const end = Date.now() + 15000; Date.now() < end;) {
      s = await state();
      if (s.tableAlert || s.mapAlert) throw new Missed(`an element shows an error: ${s.tableAlert || s.mapAlert}`);
      if (ok(s)) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Missed(`${what}; the page shows ${JSON.stringify(s)}`);
  };
  const count = (text) => Number(text.replace(/\D/g, ''));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const n = subsidies.length;
  const parts = [];

  // Loaded: rows drawn, and the framework's vitrine-load handlers wrote the counts.
  let s = await until(
    `the table should show ${n} rows and the map ${places.length}, with the framework's text saying so`,
    (s) => s.defined && s.domRows > 0 && count(s.tableStatus) === n && count(s.mapStatus) === places.length,
  );
  if (s.rows !== n) throw new Missed(`table.rows has ${s.rows} records, the file ${n}`);
  const ran = await Promise.all(
    page.workers().map((w) => w.evaluate(() => typeof self.onmessage === 'function').catch(() => false)),
  );
  parts.push(`${n} rows and ${places.length} map rows loaded (vitrine-load → "${s.tableStatus}")`);

  // An attribute from framework state: page-size.
  const first = Number(s.pageSizeChoice);
  if (s.pageSize !== s.pageSizeChoice || s.domRows !== Math.min(first, n))
    throw new Missed(`page-size="${s.pageSize}" and ${s.domRows} rows drawn, the framework's choice is ${first}`);
  const size =
    s.pageSizes.map(Number).find((v) => v !== first && v < n) ?? s.pageSizes.map(Number).find((v) => v !== first);
  await page.select('#page-size', String(size));
  await until(
    `page-size should follow the framework's <select> (${size})`,
    (s) => s.pageSize === String(size) && s.domRows === Math.min(size, n),
  );
  parts.push(`page-size ${first} → ${size}`);

  // A property from framework state: filter, from a <select> built from the element's rows.
  const versements = distinct(subsidies, 'conditionsVersement');
  s = await until('the <select> should offer the values of conditionsVersement', (s) => same(s.versements, versements));
  const value = versements[0];
  const kept = countOf(subsidies, 'conditionsVersement', value);
  await page.select('#versement', value);
  await until(
    `filter should keep the ${kept} rows where conditionsVersement is "${value}"`,
    (s) => s.filter?.includes(value) && s.rows === kept && s.domRows === Math.min(size, kept),
  );
  await page.select('#versement', '');
  await until('no filter should show every row again', (s) => !s.filter && s.rows === n);
  parts.push(`filter "${value}" ${kept} rows`);

  // label, typed in a framework-controlled <input>.
  const label = `Aides versées (${app})`;
  await page.focus('#label');
  await page.$eval('#label', (input) => input.select());
  await page.keyboard.type(label);
  await until(`the caption should read "${label}"`, (s) => s.label === label && s.caption === label);
  parts.push('label');

  // columns, an array given to the `columns` property from framework checkboxes (in the order of the boxes).
  s = await state();
  if (!same(s.columnsShown, s.checked) || s.headers.length !== s.checked.length)
    throw new Missed(`columnsShown ${JSON.stringify(s.columnsShown)} and headers ${s.headers} for boxes ${s.checked}`);
  const added = s.boxes.find((b) => !s.checked.includes(b));
  await page.click(`#columns input[value="${added}"]`);
  const wanted = s.boxes.filter((b) => b === added || s.checked.includes(b));
  await until(
    `columnsShown should become ${JSON.stringify(wanted)}`,
    (s) => same(s.columnsShown, wanted) && same(s.checked, wanted) && wanted.every((c, i) => s.headers[i]?.includes(c)),
  );
  parts.push(`columnsShown +${added}`);

  // lang: the element's own text changes language, and comes back.
  const french = (await state()).footer;
  await page.select('#lang', 'en');
  await until('lang="en" should change the table\'s text', (s) => s.lang === 'en' && s.footer && s.footer !== french);
  await page.select('#lang', 'fr');
  await until('lang="fr" should bring the French text back', (s) => s.lang === 'fr' && s.footer === french);
  parts.push('lang en/fr');

  // The map: a type from the framework's <select> (of middling frequency: several places, few
  // enough to be drawn as markers in the page rather than on a canvas), then a click on a point
  // reaches the framework's vitrine-select handler.
  const types = distinct(places, 'type');
  await until("the map's <select> should offer the values of type", (s) => same(s.types, types));
  const byCount = [...types].sort((a, b) => countOf(places, 'type', a) - countOf(places, 'type', b));
  const type = byCount[Math.floor((byCount.length - 1) / 2)];
  const markers = countOf(located, 'type', type);
  await page.select('#type', type);
  await until(
    `the map should show the ${markers} places of type ${type}`,
    (s) => s.mapFilter?.includes(type) && s.markers === markers,
  );
  const point = await page.evaluateHandle(() =>
    document.querySelector('vitrine-map').shadowRoot.querySelector('.vitrine-point'),
  );
  await point.asElement().click();
  const names = new Set(places.filter((r) => r.type.trim() === type).map((r) => r.nom.trim()));
  s = await until(`a click on a point should select a place of type ${type}`, (s) => {
    const [, name, picked] = /^Sélection : (.*) \((.*)\)$/.exec(s.selection) ?? [];
    return picked === type && names.has(name);
  });
  parts.push(`map type ${type}: ${markers} markers, vitrine-select → "${s.selection}"`);

  return { text: parts.join('; '), workerRan: ran.includes(true) };
}

console.log(summary.map((line) => `  ${line}`).join('\n'));
if (problems.length) {
  console.error(`apps check failed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `the React and Vue examples work from their built output (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);

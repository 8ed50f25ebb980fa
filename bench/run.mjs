// npm run bench: builds the library and the bench page, generates a 200,000-row CSV from the
// (trimmed) IRVE file, runs the measurements in headless Chromium and writes bench/results.json.
//
// Environment: BENCH_NO_BUILD=1 skips `npm run build` (dist/ must exist: the script sizes are read
// from it); BENCH_NO_TABLE=1 skips the table comparison; BENCH_NO_MAP=1 skips the map comparison;
// BENCH_ONLY_MAP=1 runs the map comparison alone (no dist build, no parse, query or table figures:
// the other keys of the existing bench/results.json are kept as they are, and only `map40k` is
// replaced); BENCH_ONLY_LINKED=1 likewise runs only the linked-elements measurement (`linked200k`:
// source, filter, search, map, table and cards on 200,000 rows); BENCH_NO_LINKED=1 skips it;
// BENCH_ROUNDS, BENCH_TABLE_ROUNDS, BENCH_TABLE_WARMUP, BENCH_MAP_ROUNDS (default 5),
// BENCH_MAP_WARMUP (default 1), BENCH_LINKED_ROUNDS (default 5) and BENCH_LINKED_WARMUP (default 1)
// set the rounds.
import { build } from 'vite';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import Papa from 'papaparse';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const cache = resolve(root, 'bench/.cache');
mkdirSync(cache, { recursive: true });
const ROWS = Number(process.env.BENCH_ROWS || 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
// The table comparison is slower (Tabulator builds 200,000 row objects): fewer rounds by default.
const TABLE_ROUNDS = Number(process.env.BENCH_TABLE_ROUNDS || Math.min(ROUNDS, 3));
const TABLE_WARMUP = Number(process.env.BENCH_TABLE_WARMUP ?? 1);
const ONLY_MAP = !!process.env.BENCH_ONLY_MAP;
const MAP_POINTS = Number(process.env.BENCH_MAP_POINTS || 40_000);
const MAP_ROUNDS = Number(process.env.BENCH_MAP_ROUNDS || 5);
const MAP_WARMUP = Number(process.env.BENCH_MAP_WARMUP ?? 1);
const ONLY_LINKED = !!process.env.BENCH_ONLY_LINKED;
/** BENCH_ONLY_MAP or BENCH_ONLY_LINKED: only those measurements, no dist build, the other keys kept. */
const ONLY = ONLY_MAP || ONLY_LINKED;
const RUN_MAP = !process.env.BENCH_NO_MAP && (!ONLY || ONLY_MAP);
const RUN_LINKED = !process.env.BENCH_NO_LINKED && (!ONLY || ONLY_LINKED);
const LINKED_ROUNDS = Number(process.env.BENCH_LINKED_ROUNDS || 5);
const LINKED_WARMUP = Number(process.env.BENCH_LINKED_WARMUP ?? 1);
/**
 * The linked measurement: the facet column (the operator, 13 values in the file once the record
 * with swapped coordinates is left out), the two values clicked one after the other (about 11 %,
 * then about 20 % of the rows), and the search typed after the clear (about 12 %).
 */
const LINKED = {
  field: 'n_operateur',
  values: ['MOUVELECVAR', 'InEnergies'],
  search: 'hérault',
  cardTitle: 'n_station',
};
const MAP_METHOD = [
  `One headless Chromium page (its own tab, viewport 1280 x 900), the same CSV for both: the ${MAP_POINTS.toLocaleString('en')} records of the IRVE 2018 fixture repeated with a deterministic jitter of at most 0.005 degree on Xlongitude and Ylatitude (so no two points coincide), without the one fixture record whose coordinates are swapped (Xlongitude 46.12, Ylatitude 1.0, in the Indian Ocean: with it both maps would fit a view centred on the Sahara); served from localhost, a fresh URL each time so no HTTP cache.`,
  'Each map draws into a 1000 x 600 px map box (Vitrine: its part=map, with --vitrine-map-height set; mapSize is the Leaflet container size as measured), no tile layer.',
  'One page.evaluate per round and variant, the order of the variants rotated each round, warm-up rounds discarded (the first one also loads the lazy chunks, see warmup); before each round the elements of the last one are removed, window.gc() and a 200 ms pause.',
  'Times in ms: median, min, max and samples over the rounds.',
  'Vitrine: document.createElement(vitrine-map) with cluster, tiles=none and src, appended to the box (fetch, parse in its worker, type inference, the coordinates read into arrays while it renders, all before vitrine-load; then the lazy leaflet-view chunk: Leaflet map with a fractional zoomSnap, the cluster hierarchy of every point (src/components/map/cluster.ts: the greedy clustering of supercluster, radius 60 px, at the rounded zoom), fitBounds (padding 16 px), the clusters in view drawn as Leaflet markers with div icons).',
  'In this page Leaflet itself is in the bench chunk (the baseline imports it), so the lazy import of Vitrine fetches only its leaflet-view chunk (the cluster code and the view code); leafletChunkCached: no leaflet* script was fetched during the round, scriptsLoaded (warm-up): the scripts that were.',
  'readyMs: from just before createElement (Vitrine) or fetch (markercluster) until the data is ready: Vitrine its vitrine-load event; markercluster fetch(url).text() + PapaParse (header: true, delimiter ;, skipEmptyLines) on the main thread (its fetchParseMs).',
  'drawnMs: from the same start until drawn: Vitrine the vitrine-map-ready event, markercluster the end of chunked loading (below), then requestAnimationFrame + setTimeout 0 (painted). drawnAfterReadyMs = drawnMs - readyMs; drawnMs is the whole time from createElement (or fetch) to drawn. loadElapsedMs: the elapsed figure of the vitrine-load event. mapReadyBeforeLoad counts the Vitrine rounds in which vitrine-map-ready came before vitrine-load (then drawnAfterReadyMs is only the paint).',
  'markercluster: L.map(div, {maxZoom: 19}) (the plugin throws "Map has no maxZoom specified" without a tile layer that gives one; 19 is OpenStreetMap\'s); from the parsed rows, the valid points (Ylatitude/Xlongitude read as numbers, a decimal comma allowed, in range, not 0,0, the rule Vitrine uses), then fitBounds(points, padding 16 px) (before the group is added: chunked loading needs a map with a view), L.markerClusterGroup({chunkedLoading: true, chunkProgress}) added to the map, one L.marker per point with an L.divIcon (no image request), group.addLayers(markers); done when chunkProgress reports processed === total === the number of markers (it is also called once with (0, 0) when the group is added to the map; the group adds its clusters to the map synchronously right after that call, before our continuation runs), checked by .marker-cluster elements in the box. Its defaults: zoomSnap 1, maxClusterRadius 80 px, animate true; so at the fitted view the two maps are not at the same zoom (zoom) and do not show the same number of clusters (clustersInDom).',
  'leaflet.markercluster 1.5.3 is a UMD script that extends the global L: the bench imports a module that sets globalThis.L = Leaflet first, then the plugin; markerclusterAttach says where L.markerClusterGroup was found.',
  'longestTaskMs: the longest main-thread task (PerformanceObserver longtask, so only tasks over 50 ms; 0 when none) from the start until drawn; longestTaskAfterReadyMs: the same from ready until drawn.',
  'After drawn, a 500 ms pause, then 10 steps of map.panBy([150, 0], {animate: false}) (1,500 px to the east in all: at the fitted zoom France is 350 to 600 px wide, so the points leave the view to the west after 4 to 6 steps and the last steps pan over an empty map; the steps at zoom + 2, below, stay over the points longer), each timed from the call until its moveend has fired and then rAF + setTimeout 0 (so a step is at least one frame, about 16.7 ms, and a step that misses a frame shows as about 33 ms); panStepMedianMs and panStepMaxMs per round; panStepSync*: the panBy call alone (without animation Leaflet fires moveend, and both sides redraw their clusters, inside it); longestPanTaskMs the longest task during the 10 steps. The Vitrine map is el.leafletMap.',
  'Then setView back to the fitted view (not timed), map.setZoom(zoom + 2, {animate: false}) (zoomInMs, zoomInSyncMs for the call alone), the same 10 pan steps at that zoom (panZoomedIn*), and setZoom back to the fitted zoom (zoomOutMs, zoomOutSyncMs), each timed the same way. markercluster animates its clusters after a zoom even when the map does not (a 300 ms queue, then its animationend event): zoomInSettledMs and zoomOutSettledMs wait for that event too, and every next step waits for it.',
  'markersInDom, clustersInDom: Leaflet marker elements (.leaflet-marker-icon) and the cluster ones among them once drawn; points: the points each side places on the map.',
  'Ratios: Vitrine median / markercluster median.',
].join(' ');
/** The linked page: tall enough for the filter, the search, the map, the table and the cards to be in view. */
const LINKED_VIEWPORT = { width: 1300, height: 1900 };
const LINKED_STEPS = ['facetClick', 'secondClick', 'clear', 'search'];
const LINKED_METHOD = [
  `One headless Chromium page (its own tab, viewport ${LINKED_VIEWPORT.width} x ${LINKED_VIEWPORT.height}); the file: the 1,999 records of the IRVE 2018 fixture without the one whose coordinates are swapped, repeated to ${ROWS.toLocaleString('en')} rows with the deterministic jitter of the map file (at most 0.005 degree on Xlongitude and Ylatitude; its first ${MAP_POINTS.toLocaleString('en')} rows are the map40k file), served from localhost, a fresh URL each round so no HTTP cache.`,
  'So every coordinate is distinct (the cluster hierarchy holds 200,000 different points) but each text column holds at most 1,999 distinct values, each about 100 times: the facet counts, the value filter and the search work per distinct value, so they cost less here than on 200,000 different records.',
  `The page: <vitrine-source id src>; in a 260 px side column <vitrine-filter source field=${LINKED.field} control=checkbox max-values=0> (one checkbox per value: facetOptions) and <vitrine-search source>; in a 1000 px main column <vitrine-map source tiles=none cluster> (map box 1000 x 500, --vitrine-map-height), <vitrine-table source page-size=20> and <vitrine-cards source card-title=${LINKED.cardTitle} page-size=12>, the table and the cards each in a 1000 x 600 box that scrolls (20 rows of the 18 columns are about 9,000 px tall), so that the three views are all in the viewport (layout: the boxes as measured).`,
  'One page.evaluate per round and variant, the order of the variants rotated each round, warm-up rounds discarded (the first one also loads the lazy chunks); before each round the elements of the last one are removed, window.gc() and a 200 ms pause. Times in ms: median, min, max and samples over the rounds.',
  "readyMs: from setting the source's src and appending the elements until vitrine-load from the source, the table, the cards and the map, vitrine-map-ready, the updateComplete of every element, then requestAnimationFrame + setTimeout 0 (painted); loadElapsedMs: the elapsed figure of the source's vitrine-load (fetch, parse in its worker, type inference); longestLoadTaskMs: the longest main-thread task meanwhile.",
  'Then a 1 s pause (as a person who looks before clicking), and four steps in this order, each after window.gc() and a 500 ms pause (so the garbage of the checks of the step before is not collected inside the next timed step):',
  `facetClick: .click() on the checkbox input of ${LINKED.values[0]} (in the filter's shadow root, the label[part~=option] whose first span is the value): its change handler calls source.setFilter, and the source tells every bound element (each requests a Lit update) inside the click;`,
  `secondClick: .click() on ${LINKED.values[1]} (a second value of the same facet: OR);`,
  "clear: .click() on the filter's [part=clear] button (back to all the rows: the biggest map redraw);",
  `search: "${LINKED.search}" set as the value of the vitrine-search input and one input event (bubbles, composed), as a pasted word: the element runs one search per animation frame, so the step includes the wait for the next frame (notifyMs).`,
  'ms: from just before the action until the source has told its elements (a listener subscribed with source.subscribe after them, so called once they have all requested their update), then Promise.all of the updateComplete of the map, the table and the cards, then requestAnimationFrame + setTimeout 0 (painted). The map updates its clusters (the view of the rows kept, added up from the hierarchy of every row built once per table; fitBounds; the Leaflet markers in view) inside its Lit updated(), so inside its updateComplete; the filter (its counts) and the search (its count) update in the same microtask checkpoint, so their work is in the time too.',
  'syncMs: the action call alone (click, change event, setFilter, the notice to the elements; their Lit updates run as microtasks right after it, in the same task). notifyMs: from the action to the notice (the same as syncMs for the clicks).',
  'longestTaskMs: the longest main-thread task (PerformanceObserver longtask, so only tasks over 50 ms; 0 when none) that ran during the step, the task of the action included (for a click that task holds every Lit update, so it is about ms minus the paint).',
  "update<Element>Ms: the time spent in each element's Lit update (performUpdate, wrapped on the instance: willUpdate, render, commit, updated) during the step. The source computes the kept rows once, on first demand, and caches them: the first element to ask (the search box and the filter come before the views) pays for the filtering or the search, the others read the cache.",
  "After each step, not timed (in a task after the painted one): table.rows.length, cards.rows.length and the number the map's [part=summary] starts with (\"N lieux affichés\") must equal expected (computed in Node from the file by PapaParse, not by Vitrine: see expected), else the step gives an error string instead of a figure and the later steps of the round are skipped. markersInDom, clustersInDom: .leaflet-marker-icon and .vitrine-cluster elements in the map's shadow root; tableDomRows: every tr of the table's shadow tbody; cardsInDom: li[part~=card]; maxTableDomRows: the most table rows of DOM seen after load and after each step of the round (budget: fewer than 200).",
  'tableAlone is a reference, not a peer: <vitrine-table src page-size=20 search> alone, in the same 1000 x 600 box, on the same file, the same steps through its own attributes: setAttribute(filter, "field = first value"), then "field = first value | second value", removeAttribute(filter), then the same word in its own search box (applied in its input handler, no frame to wait for), each until its updateComplete, then painted. It does what the table of the linked page does, without the map, the cards, the facet counts and the search count, so no ratio is computed: no library offers the same linked views to compare with (the map has no filter attribute), and linked200k reports absolute times.',
  'DESIGN.md has no budget for linked views; the nearest is the table over 200,000 rows (sort and search each under 150 ms): facetClickUnder150ms compares the median and the max of facetClickMs with 150 ms.',
].join(' ');
const TABLE_METHOD = [
  'One headless Chromium page, the same CSV for both (served from localhost, a fresh URL each time so no HTTP cache), each table in a 1000 x 600 px box.',
  'One page.evaluate per round and variant, the order of the variants rotated each round, warm-up rounds discarded; before each round the elements of the last one are removed, window.gc() and a 200 ms pause.',
  'Times in ms: median, min, max and samples over the rounds.',
  'firstRowsMs: from just before creating the table until its first data row is in the DOM (Vitrine: tr[part=row] in the shadow root; Tabulator: .tabulator-row; seen by a MutationObserver or a 50 ms poll), then requestAnimationFrame + setTimeout 0 (painted).',
  'Vitrine: document.createElement(vitrine-table) with src, page-size and search, appended to the box (fetch, parse in its worker, type inference, render).',
  'Tabulator has no CSV reader: fetch(url).text() + PapaParse (header: true, delimiter ;, skipEmptyLines) on the main thread, then new TabulatorFull(div, {data, autoColumns: true, height: 600px, layout: fitData}) (virtual DOM renderer, its default) and tableBuilt; fetchParseMs is the fetch + PapaParse part of its firstRowsMs.',
  'sortTextMs, sortNumberMs: the first sort of that column on that table, text column first then numeric, descending, after a 1 s pause once the first rows are shown (as a person who looks before clicking; Vitrine prepares the sort ranks of the shown columns in idle callbacks after load).',
  'Vitrine: setAttribute(sort, "<column> desc"), await updateComplete, then rAF + setTimeout 0.',
  'Tabulator: setSort(column, desc) (synchronous) until renderComplete, then rAF + setTimeout 0; its sorters are the ones autoColumns picks from the first row: string (toLowerCase + localeCompare) for the text column, number for the numeric one.',
  'searchFirstMs, searchAgainMs: two different queries, one after the other, on the numerically sorted table, after a 1 s pause (Vitrine reads and folds the columns in idle callbacks after load; preparedColumnsAtSearch is how many of its 18 columns were ready when the first search ran).',
  'longestIdleTaskMs (Vitrine): the longest main-thread task (PerformanceObserver longtask, so only those over 50 ms) during the 1 s pause between the first rows and the first sort, when the element prepares its columns in idle callbacks; 0 when none.',
  'Vitrine: value set on the shadow root input[type=search] + new Event(input, {bubbles, composed}), await updateComplete, then rAF + setTimeout 0.',
  'Tabulator: setFilter(function) until renderComplete, then rAF + setTimeout 0; the function folds (NFD, combining marks removed, lower case) and joins the fields of each row object once, cached in a WeakMap (so the first search pays for the folding, the second does not), and keeps rows containing every word of the query.',
  'No dataSorted/dataFiltered listener is subscribed (Tabulator would build 200,000 row components for it).',
  'domRows: body rows in the DOM once the first rows are painted (Vitrine: every tr of the shadow tbody, spacer rows included; dataRows: tr[part=row] only; Tabulator: .tabulator-row).',
  'domRowsAfterScrollMiddle: the same count after scrolling the first box that scrolls vertically (Vitrine: part=scroller, else the element, else the 1000 x 600 box; Tabulator: .tabulator-tableholder) to half its height and waiting 3 frames; scrolled says which box and where.',
  'Ratios: Vitrine median / Tabulator median.',
].join(' ');

// 1. The big file: the IRVE header once, then its records repeated until ROWS records.
const source = readFileSync(resolve(root, 'test/fixtures/messy/bornes-IRVE-consolidation-2018.csv'), 'utf8');
const records = splitRecords(source);
const header = records.shift();
const big = resolve(cache, `irve-${ROWS}.csv`);
if (!ONLY) {
  if (!existsSync(big)) {
    const parts = [header];
    for (let i = 0; i < ROWS; i++) parts.push(records[i % records.length]);
    writeFileSync(big, parts.join(''));
  }
  console.log(`bench file: ${ROWS} rows, ${(statSync(big).size / 1e6).toFixed(1)} MB`);
}

// The map file: the IRVE records with a deterministic jitter on their coordinates, MAP_POINTS
// records; the linked file: the same records, ROWS of them (its first MAP_POINTS records are the map file's).
const mapFile = RUN_MAP ? jitteredFile(MAP_POINTS) : undefined;
const linkedFile = RUN_LINKED ? jitteredFile(ROWS) : undefined;

// 2. The builds: dist/ (for the script sizes) and the bench page.
if (!process.env.BENCH_NO_BUILD && !ONLY) execSync('npm run build', { cwd: root, stdio: 'inherit' });
await build({
  root: resolve(root, 'bench'),
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  // The Tabulator chunk (loaded only by the table comparison) is over Vite's 500 kB warning limit.
  build: { outDir: resolve(cache, 'page'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
});

// 3. A static server for the page and the data.
// text/css: a stylesheet of another type is not applied (Tabulator would run unstyled).
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.map': 'application/json',
};
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.startsWith('/data/')
    ? join(cache, path.slice(6))
    : join(cache, 'page', path === '/' ? 'index.html' : path);
  const safe = normalize(file);
  if (!safe.startsWith(cache) || !existsSync(safe) || statSync(safe).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(safe)] ?? 'application/octet-stream',
    'Content-Length': statSync(safe).size,
  });
  createReadStream(safe).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// 4. Chromium.
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  // window.gc(), so every measurement starts on a clean heap.
  args: [...chromeArgs, '--js-flags=--expose-gc'],
  // One table round can take a while (Tabulator's text sort); the page's own waits stop at 120 s.
  protocolTimeout: 15 * 60_000,
});
let parse;
let queries;
let table200k;
let map40k;
let linked200k;
try {
  if (!ONLY) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.vitrineBench === 'function');
    const data = `${base}/data/irve-${ROWS}.csv`;
    if (process.env.BENCH_PROFILE) {
      for (let i = 0; i < 3; i++)
        console.log(JSON.stringify(await page.evaluate((url) => window.vitrineProfile(url), data)));
    }
    parse = await page.evaluate((url, rounds) => window.vitrineBench(url, rounds), data, ROUNDS);
    queries = await page.evaluate((url) => window.vitrineQueries(url), data);
    table200k = process.env.BENCH_NO_TABLE ? { skipped: 'BENCH_NO_TABLE is set' } : await tableBench(page, data);
    await page.close();
  }
  if (!ONLY || ONLY_MAP)
    map40k = RUN_MAP ? await mapBench(browser, base, `${base}/data/${mapFile}`) : { skipped: 'BENCH_NO_MAP is set' };
  if (!ONLY || ONLY_LINKED)
    linked200k = RUN_LINKED ? await linkedBench(browser, base, linkedFile) : { skipped: 'BENCH_NO_LINKED is set' };
} finally {
  await browser.close();
  server.close();
}

// 5. Script sizes (gzip) of what each kind of page downloads, measured by scripts/check-size.mjs
// (the same figures as `npm run test:dist`: every JavaScript file Chromium fetched from dist/ for a
// page that loads the CDN script). Not with BENCH_ONLY_MAP or BENCH_ONLY_LINKED (dist/ is not built
// then, and the previous figures are kept).
let scriptSize;
if (!ONLY) {
  const out = resolve(tmpdir(), `vitrine-size-${process.pid}.json`);
  const run = spawnSync(process.execPath, [resolve(root, 'scripts/check-size.mjs')], {
    cwd: root,
    env: { ...process.env, SIZE_JSON: out },
    encoding: 'utf8',
  });
  scriptSize = existsSync(out)
    ? {
        ...JSON.parse(readFileSync(out, 'utf8')),
        check:
          run.status === 0 ? 'passed (no page over its ceiling)' : `failed: ${run.stderr.trim().split('\n').pop()}`,
        budget: 'table-only page <= 25 KB, everything <= 130 KB (gzip, KB = 1,000 bytes)',
      }
    : { error: `scripts/check-size.mjs wrote no figures: ${run.stderr.trim().split('\n').pop()}` };
}
const previous = () => {
  try {
    return JSON.parse(readFileSync(resolve(root, 'bench/results.json'), 'utf8'));
  } catch {
    return {};
  }
};
const dated = (x) => ({ date: new Date().toISOString(), ...x });
const results = ONLY
  ? {
      ...previous(),
      ...(ONLY_MAP ? { map40k: dated(map40k) } : {}),
      ...(ONLY_LINKED ? { linked200k: dated(linked200k) } : {}),
    }
  : {
      date: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      parse200k: {
        file: `IRVE 2018 records repeated to ${ROWS} rows`,
        ...parse,
        budget: 'ratio <= 1.3, no main-thread task over 50 ms',
      },
      queries200k: { ...queries, budget: 'sort and search each under 150 ms (table issue)' },
      table200k,
      scriptSize,
      map40k,
      linked200k,
    };
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));

/**
 * <vitrine-table> (page-size 20, and page-size 0: the virtual-scrolling mode once it exists)
 * against Tabulator, one page.evaluate per round and variant; the rounds rotate the order of the
 * variants. A failing measurement is an error string in the results, never a crash.
 */
async function tableBench(page, url) {
  const opts = { url, textColumn: 'n_station', numberColumn: 'Xlongitude', searches: ['Égrève', 'béziers'] };
  const variants = [
    { key: 'vitrinePageSize20', which: 'vitrine', pageSize: 20 },
    { key: 'vitrinePageSize0', which: 'vitrine', pageSize: 0 },
    { key: 'tabulator', which: 'tabulator' },
  ];
  const messages = new Map();
  const onConsole = (m) => {
    if (m.type() !== 'warn' && m.type() !== 'error') return;
    const text = `${m.type()}: ${m.text().slice(0, 300)}`;
    messages.set(text, (messages.get(text) ?? 0) + 1);
  };
  page.on('console', onConsole);
  const call = async (v) => {
    const t0 = Date.now();
    try {
      return await page.evaluate((w, o, p) => window.vitrineTableRound(w, o, p), v.which, opts, v.pageSize ?? 20);
    } catch (e) {
      // The page may have crashed (out of memory): start a new one for the next rounds.
      await page
        .reload({ waitUntil: 'load' })
        .then(() => page.waitForFunction(() => typeof window.vitrineTableRound === 'function', { timeout: 60_000 }))
        .catch(() => {});
      return { error: `page.evaluate failed after ${Date.now() - t0} ms: ${e.message.split('\n')[0]}` };
    }
  };
  const samples = Object.fromEntries(variants.map((v) => [v.key, []]));
  for (let i = 0; i < TABLE_WARMUP; i++) for (const v of variants) await call(v);
  for (let i = 0; i < TABLE_ROUNDS; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      const s = await call(v);
      samples[v.key].push(s);
      const f = (x) => (typeof x === 'number' ? Math.round(x) : x);
      console.log(
        `table round ${i + 1}/${TABLE_ROUNDS} ${v.key}: first rows ${f(s.firstRowsMs)} ms, ` +
          `sort ${f(s.sortTextMs)}/${f(s.sortNumberMs)} ms, search ${f(s.searchFirstMs)}/${f(s.searchAgainMs)} ms, ` +
          `DOM rows ${s.domRows}${s.error ? `, error: ${s.error}` : ''}`,
      );
    }
  }
  page.off('console', onConsole);
  const TIMES = [
    'firstRowsMs',
    'fetchParseMs',
    'sortTextMs',
    'sortNumberMs',
    'searchFirstMs',
    'searchAgainMs',
    'longestIdleTaskMs',
  ];
  const COUNTS = [
    'domRows',
    'dataRows',
    'domRowsAfterScrollMiddle',
    'scrolled',
    'searchFirstMatches',
    'searchAgainMatches',
    'preparedColumnsAtSearch',
    'columnCount',
    'firstTextAfterSort',
    'firstNumberAfterSort',
    'footer',
  ];
  const summary = (list) => {
    const out = summarize(list, TIMES, COUNTS, Math.round);
    const types = list.find((s) => s.columnTypes)?.columnTypes;
    if (types) out.columnTypes = types;
    addErrors(out, list);
    return out;
  };
  const results = Object.fromEntries(variants.map((v) => [v.key, summary(samples[v.key])]));
  const ratios = {};
  for (const v of variants.filter((x) => x.which === 'vitrine')) {
    ratios[`${v.key}OverTabulator`] = Object.fromEntries(
      ['firstRowsMs', 'sortTextMs', 'sortNumberMs', 'searchFirstMs', 'searchAgainMs'].map((k) => [
        k,
        ratio(results[v.key][k], results.tabulator[k]),
      ]),
    );
  }
  return {
    file: `IRVE 2018 records repeated to ${ROWS} rows, 18 columns, ';'-separated`,
    rounds: TABLE_ROUNDS,
    warmupRounds: TABLE_WARMUP,
    box: '1000 x 600 px',
    sortColumns: { text: opts.textColumn, number: opts.numberColumn },
    searches: opts.searches,
    method: TABLE_METHOD,
    ...results,
    ratios,
    consoleWarningsAndErrors: Object.fromEntries(messages),
    budget: 'sort and search each under 150 ms; fewer than 200 rows of DOM at any time (DESIGN.md)',
  };
}

/**
 * <vitrine-map cluster tiles="none"> against the Leaflet.markercluster recipe on the same points,
 * in a tab of its own (bench/map-bench.ts), one page.evaluate per round and variant; the rounds
 * rotate the order of the variants. A failing measurement is an error string, never a crash.
 */
async function mapBench(browser, base, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const messages = new Map();
  page.on('console', (m) => {
    if (m.type() !== 'warn' && m.type() !== 'error') return;
    const text = `${m.type()}: ${m.text().slice(0, 300)}`;
    messages.set(text, (messages.get(text) ?? 0) + 1);
  });
  const open = async () => {
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.vitrineMapRound === 'function', { timeout: 60_000 });
  };
  await open();
  const variants = [
    { key: 'vitrine', which: 'vitrine' },
    { key: 'markercluster', which: 'markercluster' },
  ];
  const call = async (v) => {
    const t0 = Date.now();
    try {
      return await page.evaluate((w, u) => window.vitrineMapRound(w, { url: u }), v.which, url);
    } catch (e) {
      await open().catch(() => {});
      return { error: `page.evaluate failed after ${Date.now() - t0} ms: ${e.message.split('\n')[0]}` };
    }
  };
  const f = (x) => (typeof x === 'number' ? Math.round(x) : x);
  const line = (s) =>
    `ready ${f(s.readyMs)} ms, drawn ${f(s.drawnMs)} ms (${f(s.drawnAfterReadyMs)} after ready), ` +
    `pan ${f(s.panStepMedianMs)}/${f(s.panStepMaxMs)} ms, zoom ${f(s.zoomInMs)}/${f(s.zoomOutMs)} ms, ` +
    `${s.clustersInDom} clusters${s.error ? `, error: ${s.error}` : ''}`;
  const warmup = {};
  for (let i = 0; i < MAP_WARMUP; i++) {
    for (const v of variants) {
      const s = await call(v);
      console.log(`map warm-up ${i + 1}/${MAP_WARMUP} ${v.key}: ${line(s)}`);
      if (i === 0) warmup[v.key] = s;
    }
  }
  const samples = Object.fromEntries(variants.map((v) => [v.key, []]));
  for (let i = 0; i < MAP_ROUNDS; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      const s = await call(v);
      samples[v.key].push(s);
      console.log(`map round ${i + 1}/${MAP_ROUNDS} ${v.key}: ${line(s)}`);
    }
  }
  await page.close();
  const TIMES = [
    'readyMs',
    'drawnAfterReadyMs',
    'drawnMs',
    'fetchParseMs',
    'loadElapsedMs',
    'longestTaskMs',
    'longestTaskAfterReadyMs',
    'panStepMedianMs',
    'panStepMaxMs',
    'panStepSyncMedianMs',
    'panStepSyncMaxMs',
    'longestPanTaskMs',
    'zoomInMs',
    'zoomInSyncMs',
    'zoomInSettledMs',
    'panZoomedInStepMedianMs',
    'panZoomedInStepMaxMs',
    'panZoomedInStepSyncMedianMs',
    'panZoomedInStepSyncMaxMs',
    'longestPanZoomedInTaskMs',
    'zoomOutMs',
    'zoomOutSyncMs',
    'zoomOutSettledMs',
  ];
  const COUNTS = [
    'rows',
    'points',
    'summary',
    'mapSize',
    'zoom',
    'markersInDom',
    'clustersInDom',
    'clustersInDomZoomedIn',
    'leafletChunkCached',
    'markerclusterAttach',
  ];
  const round = (x) => Math.round(x * 10) / 10;
  const summary = (list) => {
    const out = summarize(list, TIMES, COUNTS, round);
    const before = list.filter((s) => s.mapReadyBeforeLoad !== undefined);
    if (before.length)
      out.mapReadyBeforeLoad = `${before.filter((s) => s.mapReadyBeforeLoad).length} of ${before.length}`;
    const steps = list.flatMap((s) => s.panStepsMs ?? []).sort((a, b) => a - b);
    if (steps.length)
      out.allPanStepsMs = {
        median: round(steps[Math.floor(steps.length / 2)]),
        max: round(steps.at(-1)),
        count: steps.length,
      };
    addErrors(out, list);
    return out;
  };
  const results = Object.fromEntries(variants.map((v) => [v.key, summary(samples[v.key])]));
  const ratios = Object.fromEntries(
    [
      'drawnAfterReadyMs',
      'drawnMs',
      'panStepMedianMs',
      'panStepMaxMs',
      'panStepSyncMedianMs',
      'zoomInMs',
      'zoomOutMs',
      'panZoomedInStepMedianMs',
      'panZoomedInStepSyncMedianMs',
    ].map((k) => [k, ratio(results.vitrine[k], results.markercluster[k])]),
  );
  const brief = (s) => ({
    drawnMs: f(s.drawnMs),
    readyMs: f(s.readyMs),
    drawnAfterReadyMs: f(s.drawnAfterReadyMs),
    ...(s.leafletChunkCached !== undefined ? { leafletChunkCached: s.leafletChunkCached } : {}),
    ...(s.scriptsLoaded ? { scriptsLoaded: s.scriptsLoaded } : {}),
    ...(s.error ? { error: s.error } : {}),
  });
  return {
    file: `IRVE 2018 records (without the swapped one) repeated to ${MAP_POINTS} rows with jittered coordinates, 18 columns, ';'-separated`,
    rounds: MAP_ROUNDS,
    warmupRounds: MAP_WARMUP,
    box: '1000 x 600 px map',
    method: MAP_METHOD,
    warmup: Object.fromEntries(Object.entries(warmup).map(([k, s]) => [k, brief(s)])),
    ...results,
    ratiosVitrineOverMarkercluster: ratios,
    consoleWarningsAndErrors: Object.fromEntries(messages),
    budget:
      '40,000 points clustered and drawn in under 1.5 s after the data is ready; panning stays smooth (DESIGN.md)',
  };
}

/**
 * The IRVE records (without the one with swapped coordinates, 46.12, 1.0: a fitted view would be
 * centred on the Sahara) repeated to `count` records, with a deterministic jitter of at most 0.005
 * degree on Xlongitude and Ylatitude, written once into bench/.cache; returns the file name.
 */
function jitteredFile(count) {
  const name = `irve-map-${count}-v1.csv`;
  if (existsSync(resolve(cache, name))) return name;
  const names = splitFields(header.replace(/\r?\n$/, ''));
  const lonAt = names.indexOf('Xlongitude');
  const latAt = names.indexOf('Ylatitude');
  const inFrance = records.filter((r) => {
    const f = splitFields(r.replace(/\r?\n$/, ''));
    return Number(f[lonAt]) < 15;
  });
  const random = mulberry32(20180604);
  const jitter = () => (random() - 0.5) * 0.01;
  const parts = [header];
  for (let i = 0; i < count; i++) {
    const record = inFrance[i % inFrance.length];
    const end = record.match(/\r?\n$/)?.[0] ?? '';
    const f = splitFields(record.slice(0, record.length - end.length));
    for (const at of [lonAt, latAt]) {
      const v = Number(f[at].replace(',', '.'));
      if (f[at].trim() && Number.isFinite(v)) f[at] = (v + jitter()).toFixed(6);
    }
    parts.push(f.join(';') + end);
  }
  writeFileSync(resolve(cache, name), parts.join(''));
  return name;
}

/**
 * What each step of the linked measurement should show, from the file itself and not from
 * Vitrine: PapaParse in Node (header, `;`, skipEmptyLines); a facet value matches a cell trimmed
 * and compared without case or accents (the filter's rule: "Sodetrel" also takes "SODETREL");
 * the search keeps the records whose fields, joined, hold every word of it without case or
 * accents; a place is a record whose Ylatitude and Xlongitude read as numbers (a decimal comma
 * allowed) in range and not 0,0. Also the distribution of the facet column.
 */
function linkedExpectations(file) {
  const parsed = Papa.parse(readFileSync(resolve(cache, file), 'utf8'), {
    header: true,
    delimiter: ';',
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`PapaParse: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  const rows = parsed.data;
  const fold = (s) =>
    String(s ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .trim();
  const num = (s) => {
    const v = String(s ?? '').trim();
    return v ? Number(v.replace(',', '.')) : NaN;
  };
  const placed = (r) => {
    const lat = num(r.Ylatitude);
    const lon = num(r.Xlongitude);
    return (
      Number.isFinite(lat) &&
      Number.isFinite(lon) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180 &&
      !(lat === 0 && lon === 0)
    );
  };
  const of = (keep) => {
    const kept = rows.filter(keep);
    return { rows: kept.length, points: kept.filter(placed).length };
  };
  const [a, b] = LINKED.values.map(fold);
  const words = fold(LINKED.search).split(/\s+/).filter(Boolean);
  const facet = (r) => fold(r[LINKED.field]);
  const counts = new Map();
  for (const r of rows) {
    const v = String(r[LINKED.field] ?? '').trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const share = (n) => `${((100 * n) / rows.length).toFixed(1)} %`;
  const distribution = Object.fromEntries(
    [...counts].sort((x, y) => y[1] - x[1]).map(([v, n]) => [v || '(empty)', `${n} (${share(n)})`]),
  );
  const expected = {
    facetClick: of((r) => facet(r) === a),
    secondClick: of((r) => facet(r) === a || facet(r) === b),
    clear: of(() => true),
    search: of((r) => {
      const text = Object.values(r).map(fold).join('\u0000');
      return words.every((w) => text.includes(w));
    }),
  };
  return {
    all: expected.clear,
    expected,
    distribution,
    shares: Object.fromEntries(Object.entries(expected).map(([k, e]) => [k, share(e.rows)])),
  };
}

/**
 * The linked elements (source, filter, search, map, table, cards) on ROWS rows, and the table
 * alone as a reference, in a tab of their own (bench/linked-bench.ts), one page.evaluate per round
 * and variant, the order rotated each round. A failing measurement is an error string, never a crash.
 */
async function linkedBench(browser, base, file) {
  const t = Date.now();
  const facts = linkedExpectations(file);
  console.log(
    `linked file: ${ROWS} rows, ${(statSync(resolve(cache, file)).size / 1e6).toFixed(1)} MB; expected counts ` +
      `(PapaParse in Node, ${Date.now() - t} ms): ${JSON.stringify(facts.expected)}`,
  );
  console.log(`facet column ${LINKED.field}: ${Object.keys(facts.distribution).length} values`, facts.distribution);
  const opts = {
    url: `${base}/data/${file}`,
    ...LINKED,
    all: facts.all,
    expected: facts.expected,
  };
  const { cpus, loadavg } = await import('node:os');
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  const page = await browser.newPage();
  await page.setViewport(LINKED_VIEWPORT);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const messages = new Map();
  page.on('console', (m) => {
    if (m.type() !== 'warn' && m.type() !== 'error') return;
    const at = m.location()?.url;
    const text = `${m.type()}: ${m.text().slice(0, 300)}${at ? ` (${at.replace(base, '')})` : ''}`;
    messages.set(text, (messages.get(text) ?? 0) + 1);
  });
  const open = async () => {
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.vitrineLinkedRound === 'function', { timeout: 60_000 });
  };
  await open();
  const variants = [
    { key: 'linked', which: 'linked' },
    { key: 'tableAlone', which: 'tableAlone' },
  ];
  const call = async (v) => {
    const t0 = Date.now();
    try {
      return await page.evaluate((w, o) => window.vitrineLinkedRound(w, o), v.which, opts);
    } catch (e) {
      await open().catch(() => {});
      return { steps: {}, error: `page.evaluate failed after ${Date.now() - t0} ms: ${e.message.split('\n')[0]}` };
    }
  };
  const f = (x) => (typeof x === 'number' ? Math.round(x) : x);
  const line = (s) =>
    `ready ${f(s.readyMs)} ms, ` +
    LINKED_STEPS.map((k) => {
      const st = s.steps?.[k];
      return st ? `${k} ${f(st.ms)} ms (${st.tableRows ?? '?'} rows, ${st.clustersInDom ?? '-'} clusters)` : `${k} -`;
    }).join(', ') +
    (s.error ? `, error: ${s.error}` : '');
  const warmup = {};
  for (let i = 0; i < LINKED_WARMUP; i++) {
    for (const v of variants) {
      const s = await call(v);
      console.log(`linked warm-up ${i + 1}/${LINKED_WARMUP} ${v.key}: ${line(s)}`);
      if (i === 0) warmup[v.key] = { readyMs: f(s.readyMs), ...(s.error ? { error: s.error } : {}) };
    }
  }
  const samples = Object.fromEntries(variants.map((v) => [v.key, []]));
  for (let i = 0; i < LINKED_ROUNDS; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      const s = await call(v);
      samples[v.key].push(s);
      console.log(`linked round ${i + 1}/${LINKED_ROUNDS} ${v.key}: ${line(s)}`);
    }
  }
  await page.close();
  const round = (x) => Math.round(x * 10) / 10;
  const STEP_TIMES = [
    'ms',
    'syncMs',
    'notifyMs',
    'longestTaskMs',
    'updateTableMs',
    'updateMapMs',
    'updateCardsMs',
    'updateFilterMs',
    'updateSearchMs',
  ];
  const STEP_COUNTS = [
    'tableRows',
    'cardsRows',
    'mapPoints',
    'expectedRows',
    'expectedPoints',
    'mapSummary',
    'markersInDom',
    'clustersInDom',
    'tableDomRows',
    'cardsInDom',
  ];
  const summary = (list) => {
    const out = summarize(list, ['readyMs', 'loadElapsedMs', 'longestLoadTaskMs'], [], round);
    for (const k of LINKED_STEPS) {
      const steps = list.map((s) => s.steps?.[k]).filter(Boolean);
      if (steps.length) out[k] = summarize(steps, STEP_TIMES, STEP_COUNTS, round);
    }
    Object.assign(
      out,
      summarize(list, [], ['rows', 'facetOptions', 'readySummary', 'maxTableDomRows', 'viewport', 'layout'], round),
    );
    addErrors(out, list);
    return out;
  };
  const results = Object.fromEntries(variants.map((v) => [v.key, summary(samples[v.key])]));
  const medianOf = (side, k) => results[side][k]?.ms?.median ?? results[side][k]?.ms ?? null;
  const medians = Object.fromEntries(LINKED_STEPS.map((k) => [`${k}Ms`, medianOf('linked', k)]));
  const facetClick = results.linked.facetClick?.ms;
  const maxDom = [samples.linked, samples.tableAlone].flat().map((s) => s.maxTableDomRows);
  return {
    file: `IRVE 2018 records (without the swapped one) repeated to ${ROWS} rows with jittered coordinates, 18 columns, ';'-separated`,
    rounds: LINKED_ROUNDS,
    warmupRounds: LINKED_WARMUP,
    viewport: `${LINKED_VIEWPORT.width} x ${LINKED_VIEWPORT.height}`,
    // The load average (1, 5, 15 min) before and after: other jobs on the machine make the figures noisier.
    machine: {
      cpus: cpus().length,
      loadAverage: { before: loadBefore, after: loadavg().map((x) => Number(x.toFixed(2))) },
    },
    facet: {
      column: LINKED.field,
      clicked: LINKED.values,
      values: Object.keys(facts.distribution).length,
      distribution: facts.distribution,
    },
    search: LINKED.search,
    expected: facts.expected,
    expectedShares: facts.shares,
    method: LINKED_METHOD,
    warmup,
    ...medians,
    facetClickUnder150ms:
      typeof facetClick?.median === 'number'
        ? { median: facetClick.median < 150, max: facetClick.max < 150 }
        : 'no figure',
    tableDomRowsUnder200: maxDom.every((n) => typeof n === 'number' && n < 200)
      ? true
      : `max table DOM rows per round: ${maxDom.join(', ')}`,
    ...results,
    consoleWarningsAndErrors: Object.fromEntries(messages),
    budget:
      'nearest in DESIGN.md: table over 200,000 rows, sort and search each under 150 ms; fewer than 200 rows of DOM at any time',
  };
}

/** The fields of one CSV record (`;`-separated), as written (quotes kept). */
/**
 * Per-round samples → for each timing key: median, min, max and samples (rounded with `round`),
 * or the error a round gave instead; for each count key: the value, or the distinct values.
 */
/** Ratio of two medians (Vitrine over the peer), 3 decimals; null when either is missing. */
function ratio(a, b) {
  return typeof a?.median === 'number' && b?.median ? Number((a.median / b.median).toFixed(3)) : null;
}

/** The errors some rounds reported, kept in the summary. */
function addErrors(out, list) {
  const errors = list.map((s) => s.error).filter(Boolean);
  if (errors.length) out.errors = errors;
}

function summarize(list, times, counts, round) {
  const out = {};
  for (const key of times) {
    const values = list.map((s) => s[key]).filter((x) => x !== undefined);
    if (!values.length) continue;
    const numbers = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
    const errors = values.filter((x) => typeof x !== 'number');
    out[key] = numbers.length
      ? {
          median: round(numbers[Math.floor(numbers.length / 2)]),
          min: round(numbers[0]),
          max: round(numbers[numbers.length - 1]),
          samples: numbers.map(round),
          ...(errors.length ? { errors } : {}),
        }
      : errors[0];
  }
  for (const key of counts) {
    const values = [...new Set(list.map((s) => s[key]).filter((x) => x !== undefined))];
    if (values.length) out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** The fields of one `;`-separated record (quotes kept as they are). */
function splitFields(record) {
  return splitQuoted(record, 59, false);
}

/** A small seeded random generator, so the jittered file is the same on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits CSV text into records (keeping their line ends), respecting quoted newlines. */
function splitRecords(text) {
  const out = splitQuoted(text, 10, true);
  // The text after the last line end: a record without its line end, or nothing.
  const last = out.pop();
  if (last) out.push(last + '\r\n');
  return out;
}

/** Splits text at a character (by code) outside double quotes; `keep`: the character ends each part. */
function splitQuoted(text, code, keep) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === code && !quoted) {
      out.push(text.slice(start, keep ? i + 1 : i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

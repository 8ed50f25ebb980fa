// npm run bench: builds the library and the bench page, generates a 200,000-row CSV from the
// (trimmed) IRVE file, runs the measurements in headless Chromium and writes bench/results.json.
import { build } from 'vite';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeArgs, chromePath } from '../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const cache = resolve(root, 'bench/.cache');
mkdirSync(cache, { recursive: true });
const ROWS = Number(process.env.BENCH_ROWS || 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

// 1. The big file: the IRVE header once, then its records repeated until ROWS records.
const source = readFileSync(resolve(root, 'test/fixtures/messy/bornes-IRVE-consolidation-2018.csv'), 'utf8');
const records = splitRecords(source);
const header = records.shift();
const big = resolve(cache, `irve-${ROWS}.csv`);
if (!existsSync(big)) {
  const parts = [header];
  for (let i = 0; i < ROWS; i++) parts.push(records[i % records.length]);
  writeFileSync(big, parts.join(''));
}
console.log(`bench file: ${ROWS} rows, ${(statSync(big).size / 1e6).toFixed(1)} MB`);

// 2. The builds: dist/ (for the script sizes) and the bench page.
if (!process.env.BENCH_NO_BUILD) execSync('npm run build', { cwd: root, stdio: 'inherit' });
await build({
  root: resolve(root, 'bench'),
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: resolve(cache, 'page'), emptyOutDir: true, target: 'es2022' },
});

// 3. A static server for the page and the data.
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.csv': 'text/csv', '.map': 'application/json' };
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
});
let parse;
let queries;
try {
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
} finally {
  await browser.close();
  server.close();
}

// 5. Script sizes (gzip) of what a page loads: the main script, plus either the parser chunk
// (files under 256 KB are parsed in place) or the parse worker (larger files).
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const dist = resolve(root, 'dist');
const scripts = [
  ...readdirSync(dist).filter((f) => f.endsWith('.js')),
  ...readdirSync(resolve(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`),
];
const sizes = Object.fromEntries(scripts.map((f) => [f, gz(resolve(dist, f))]));
/** A script and every chunk it imports statically (what the browser must load before it runs). */
const closure = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(resolve(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+)["']/g))
    closure(m[1], seen);
  return seen;
};
const total = (files) => [...files].reduce((n, f) => n + (sizes[f] ?? 0), 0);
const main = closure('vitrine.js');
const parserChunk = scripts.find((f) => /^parse-/.test(f));
const workerFile = scripts.find((f) => /parse\.worker/.test(f));
const withParser = parserChunk ? closure(parserChunk, new Set(main)) : main;
const tablePage = {
  mainScript: total(main),
  smallFile: total(withParser),
  largeFile: total(main) + (workerFile ? sizes[workerFile] : 0),
  mainFiles: [...main],
};
const results = {
  date: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  parse200k: {
    file: `IRVE 2018 records repeated to ${ROWS} rows`,
    ...parse,
    budget: 'ratio <= 1.3, no main-thread task over 50 ms',
  },
  queries200k: { ...queries, budget: 'sort and search each under 150 ms (table issue)' },
  gzipBytes: {
    files: sizes,
    tableOnlyPage: tablePage,
    budget: 'table-only page <= 25 KB (25,600 bytes), everything <= 130 KB',
  },
};
writeFileSync(resolve(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));

/** Splits CSV text into records (keeping their line ends), respecting quoted newlines. */
function splitRecords(text) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start) + '\r\n');
  return out;
}

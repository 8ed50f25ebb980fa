// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fixtureServer } from './scripts/fixture-server.mjs';
import { fakePortalRequest } from './scripts/fake-portals.mjs';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { chromeArgs, chromePath } from './scripts/chromium.mjs';

const commonjs = fromRollup(rollupCommonjs);
const root = resolve(import.meta.dirname);
const RAW_TYPES = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.html': 'text/html',
};

// A second origin that serves the same fixtures, with and without CORS headers.
const crossOrigin = await fixtureServer();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  // One test file at a time: with two pages at once, one of them sometimes never finished
  // (seen with the table tests beside any other file), while each passes alone.
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({ include: ['**/node_modules/papaparse/**', '**/node_modules/leaflet/**'] }),
  ],
  middleware: [
    // Exposes the second origin to tests (GET /__cross-origin returns its base URL),
    // answers /__status/<code> with that HTTP status, for error tests.
    async (ctx, next) => {
      if (ctx.path === '/__cross-origin') {
        ctx.body = crossOrigin.url;
        return;
      }
      const m = /^\/__status\/(\d{3})$/.exec(ctx.path);
      if (m) {
        ctx.status = Number(m[1]);
        ctx.body = `status ${m[1]}`;
        return;
      }
      // ?delay=<ms> on any URL holds the answer back, so tests can see the loading state.
      const delay = Number(ctx.query.delay);
      if (delay > 0) await new Promise((r) => setTimeout(r, Math.min(delay, 5000)));
      // GET /__portal?url=<encoded portal URL>: saved portal catalogue answers with the query
      // applied (scripts/fake-portals.mjs); elements under test use proxy="/__portal?url={url}".
      if (ctx.path === '/__portal') {
        const answer = await fakePortalRequest(String(ctx.query.url ?? ''));
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.status = answer?.status ?? 404;
        ctx.type = answer?.type ?? 'text/plain';
        ctx.body = answer?.body ?? 'fake-portals: unknown portal URL';
        return;
      }
      // Data files are served as raw bytes: the dev server would otherwise decode them as UTF-8
      // (breaking Windows-1252 files) and label them charset=utf-8.
      if (/^\/(test\/fixtures|demo\/data)\//.test(ctx.path)) {
        const file = resolve(root, '.' + decodeURIComponent(ctx.path));
        if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
          ctx.type = RAW_TYPES[extname(file)] ?? 'application/octet-stream';
          ctx.body = await readFile(file);
          return;
        }
        ctx.status = 404;
        ctx.body = 'not found';
        return;
      }
      await next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        args: chromeArgs,
      },
    }),
  ],
};

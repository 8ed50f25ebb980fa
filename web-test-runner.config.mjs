// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fixtureServer } from './scripts/fixture-server.mjs';

const commonjs = fromRollup(rollupCommonjs);

// A second origin that serves the same fixtures, with and without CORS headers.
const crossOrigin = await fixtureServer();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({ include: ['**/node_modules/papaparse/**', '**/node_modules/leaflet/**'] }),
  ],
  middleware: [
    // Exposes the second origin to tests (GET /__cross-origin returns its base URL),
    // and answers /__status/<code> with that HTTP status, for error tests.
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
      await next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};

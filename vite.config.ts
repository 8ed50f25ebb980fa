import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/**
 * `npm start` serves demo/ at http://localhost:5173/; demo pages import ../src directly.
 * The library builds are driven by scripts/build.mjs.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  server: { port: 5173, open: false, fs: { allow: [resolve(import.meta.dirname)] } },
  preview: { port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
  },
});

// Two builds into dist/:
//  - CDN: dist/vitrine.js, one ES module that registers every element, with dependencies bundled
//    and lazy chunks (the parse worker; later the map and charts) beside it in dist/.
//  - npm: dist/npm/, one module per source file, dependencies left as bare imports, with .d.ts types.
import { build } from 'vite';
import { readdirSync, rmSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
rmSync(resolve(root, 'dist'), { recursive: true, force: true });

const external = (id) => /^(lit|@lit|papaparse|leaflet|supercluster|kdbush|chart\.js|@lit-labs)(\/|$)/.test(id);

/** What both builds share; `build` holds what differs. */
const libraryBuild = (options) =>
  build({
    root,
    configFile: false,
    logLevel: 'warn',
    // Relative asset URLs: the worker is found beside the script wherever the files are hosted.
    base: './',
    worker: { format: 'es' },
    build: { emptyOutDir: false, target: 'es2022', sourcemap: true, ...options },
  });

// CDN build
await libraryBuild({
  outDir: 'dist',
  minify: true,
  lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: () => 'vitrine.js' },
});

// Vite keeps white space in ES library builds; the CDN files are minified here (esbuild reads
// the input source maps, so the maps still point at src/).
const cdnFiles = [
  ...readdirSync(resolve(root, 'dist')).filter((f) => f.endsWith('.js')),
  ...readdirSync(resolve(root, 'dist/assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`),
].map((f) => resolve(root, 'dist', f));
await esbuild({
  entryPoints: cdnFiles,
  outdir: resolve(root, 'dist'),
  outbase: resolve(root, 'dist'),
  allowOverwrite: true,
  bundle: false,
  minify: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});

// npm build
await libraryBuild({
  outDir: 'dist/npm',
  minify: false,
  lib: {
    entry: { index: resolve(root, 'src/index.ts'), 'data/index': resolve(root, 'src/data/index.ts') },
    formats: ['es'],
  },
  rolldownOptions: {
    external,
    output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
  },
});

execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
console.log('built dist/vitrine.js (CDN) and dist/npm/ (npm)');

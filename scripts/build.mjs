// Two builds into dist/:
//  - CDN, for one <script> tag on any page (a CMS, a slide deck), dependencies bundled:
//    - dist/vitrine.js (src/cdn/index.ts): a small autoloader, an ES module. It watches the page and
//      imports the chunk of each element the first time its tag appears;
//    - dist/*.js: those chunks, each element's own (the map's with Leaflet on first draw, the
//      budget's with Chart.js on first chart) and the ones they share (Lit, the data layer), and
//      dist/assets/: the parse worker. Every URL between them is relative to the importing file,
//      so the folder works as it is from a CDN or from any sub-folder of a site;
//    - dist/vitrine.iife.js (src/cdn/classic.ts): a classic script for CMSs that strip
//      type="module"; it imports vitrine.js from beside itself.
//  - npm: dist/npm/, one module per source file, dependencies left as bare imports, with .d.ts
//    types; its entry (src/index.ts) registers every element statically.
// `npm run test:dist` checks the CDN files in Chromium (check-dist, check-cdn) and their sizes (check-size).
import { build } from 'vite';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
rmSync(resolve(root, 'dist'), { recursive: true, force: true });

// Every dependency stays a bare import in the npm build (the treemap plug-in too: its name does
// not start with "chart.js").
const external = (id) =>
  /^(lit|@lit|papaparse|leaflet|supercluster|kdbush|chart\.js|chartjs-chart-treemap|@lit-labs)(\/|$)/.test(id);

/** What both builds share; `build` holds what differs, `plugins` any plugin of one build. */
const libraryBuild = ({ plugins = [], ...options }) =>
  build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins,
    // Relative asset URLs: the worker is found beside the script wherever the files are hosted.
    base: './',
    worker: { format: 'es' },
    build: { emptyOutDir: false, target: 'es2022', sourcemap: true, ...options },
  });

/**
 * CDN build only: the parse worker becomes one more entry of the page's build instead of a bundle
 * of its own, so that it imports the same chunks as the page (the parser, PapaParse, the type
 * inference) and a page that parses both in place and in the worker downloads them once.
 * parse-client.ts creates the worker with `new URL('./parse.worker.ts', import.meta.url)`; that
 * URL is pointed at the worker's chunk. The npm build and the dev server keep Vite's handling.
 */
function workerSharingChunks() {
  const pattern = "new URL('./parse.worker.ts', import.meta.url)";
  let ref = '';
  return {
    name: 'vitrine-worker-sharing-chunks',
    enforce: 'pre',
    buildStart() {
      ref = this.emitFile({
        type: 'chunk',
        id: resolve(root, 'src/data/parse.worker.ts'),
        name: 'assets/parse.worker',
      });
    },
    transform(code, id) {
      if (!id.endsWith('/src/data/parse-client.ts')) return;
      if (!code.includes(pattern)) this.error(`parse-client.ts no longer creates its worker with ${pattern}`);
      // map: null keeps the source map (only the rest of one line moves).
      return { code: code.replace(pattern, `new URL(import.meta.ROLLUP_FILE_URL_${ref}, import.meta.url)`), map: null };
    },
  };
}

// CDN build: the autoloader as the entry, each element a dynamic import of it.
await libraryBuild({
  outDir: 'dist',
  minify: true,
  lib: { entry: resolve(root, 'src/cdn/index.ts'), formats: ['es'], fileName: () => 'vitrine.js' },
  plugins: [workerSharingChunks()],
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

// The classic-script loader: no imports to bundle, only minified (es2020: `import()` in a
// classic script is the one modern feature it relies on).
await esbuild({
  entryPoints: [resolve(root, 'src/cdn/classic.ts')],
  outfile: resolve(root, 'dist/vitrine.iife.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  sourcemap: true,
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

// Themes (src/themes/*.css) are plain style sheets, copied as they are beside both builds:
// dist/themes/ for the CDN folder, dist/npm/themes/ for the package's exports.
for (const dir of ['dist/themes', 'dist/npm/themes']) {
  mkdirSync(resolve(root, dir), { recursive: true });
  for (const file of readdirSync(resolve(root, 'src/themes')).filter((f) => f.endsWith('.css'))) {
    copyFileSync(resolve(root, 'src/themes', file), resolve(root, dir, file));
  }
}

execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
console.log('built dist/vitrine.js and its chunks, dist/vitrine.iife.js (CDN), dist/npm/ (npm) and the themes');

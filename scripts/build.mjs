// Two builds into dist/:
//  - CDN: dist/vitrine.js, one ES module that registers every element, with dependencies bundled
//    and lazy chunks (the parse worker; later the map and charts) beside it in dist/.
//  - npm: dist/npm/, one module per source file, dependencies left as bare imports, with .d.ts types.
import { build } from 'vite';
import { rmSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
rmSync(resolve(root, 'dist'), { recursive: true, force: true });

const external = (id) => /^(lit|@lit|papaparse|leaflet|chart\.js|@lit-labs)(\/|$)/.test(id);

// CDN build
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  // Relative asset URLs: the worker is found beside the script wherever the files are hosted.
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: () => 'vitrine.js' },
  },
});

// npm build
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  // Relative asset URLs: the worker is found beside the script wherever the files are hosted.
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist/npm',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'] },
    rolldownOptions: {
      external,
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});

execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
console.log('built dist/vitrine.js (CDN) and dist/npm/ (npm)');

// After `npm run build`: what `npm pack` would publish. Every entry of `exports` (and main, module,
// types, customElements, jsdelivr, unpkg) is a file of the package; the CDN files, the npm build,
// the manifest, the README and the CHANGELOG are in it; tests, fixtures, the demo, the bench and
// installed dependencies are not. Then each `exports` target is imported in Node from an unpacked
// copy, to prove it resolves (the element modules need a DOM, so only their resolution is checked:
// import.meta.resolve through the package's own name). Last, test/types/consumer.ts is compiled
// against the unpacked package, as a TypeScript project that installed it would compile it (its
// imports of src/ files become the package entries that publish them): once with
// `moduleResolution: bundler`, once with `nodenext`. Missing or broken types, an entry without
// types, or an `@ts-expect-error` that no longer meets an error fail the check.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
);
const files = new Set(packed.files.map((f) => f.path));
const problems = [];
const typeChecks = [];
const need = (path, why) => {
  const p = path.replace(/^\.\//, '');
  if (!files.has(p)) problems.push(`missing ${p} (${why})`);
};

for (const [entry, target] of Object.entries(pkg.exports)) {
  for (const [condition, path] of Object.entries(typeof target === 'string' ? { default: target } : target)) {
    need(path, `exports["${entry}"].${condition}`);
  }
}
for (const field of ['main', 'module', 'types', 'customElements', 'jsdelivr', 'unpkg']) {
  if (pkg[field]) need(pkg[field], field);
}
for (const file of ['dist/vitrine.js', 'dist/vitrine.iife.js', 'custom-elements.json', 'README.md', 'CHANGELOG.md']) {
  need(file, 'shipped');
}
for (const path of files) {
  if (/^(test|demo|bench|scripts|node_modules)\//.test(path) || path.includes('/node_modules/')) {
    problems.push(`should not be published: ${path}`);
  }
}

// Resolve every export from an installed copy of the tarball.
const dir = mkdtempSync(join(tmpdir(), 'vitrine-pack-'));
try {
  const tgz = execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', join(app, 'node_modules', pkg.name)]);
  execFileSync('tar', ['-xzf', join(dir, tgz), '-C', join(app, 'node_modules', pkg.name), '--strip-components=1']);
  const script = Object.keys(pkg.exports)
    .map((entry) => {
      const spec = entry === '.' ? pkg.name : `${pkg.name}/${entry.replace(/^\.\//, '')}`;
      return `console.log(${JSON.stringify(spec)}, import.meta.resolve(${JSON.stringify(spec)}));`;
    })
    .join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
  const resolved = out.trim().split('\n');
  if (resolved.length !== Object.keys(pkg.exports).length) problems.push(`resolved ${resolved.length} exports`);
  // The data layer has no DOM dependency at import: it must load in Node.
  execFileSync(process.execPath, ['--input-type=module', '-e', `await import('${pkg.name}/data');`], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  problems.push(...checkTypes(app));
} catch (err) {
  problems.push(
    `install/resolve failed: ${String(err.stderr || err.message)
      .split('\n')
      .slice(0, 3)
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Compiles test/types/consumer.ts in `app` (where the package is unpacked in node_modules) with
 * the repository's TypeScript; returns what went wrong.
 */
function checkTypes(app) {
  const found = [];
  const consumer = resolve(root, 'test/types/consumer.ts');
  // A src/ file → the package entry whose types are its declaration file (`exports["./table"].types`
  // is ./dist/npm/components/table/table.d.ts, built from src/components/table/table.ts).
  const build = JSON.parse(readFileSync(resolve(root, 'tsconfig.build.json'), 'utf8')).compilerOptions;
  const bySource = new Map();
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const types = typeof target === 'object' ? target.types : undefined;
    if (!types?.endsWith('.d.ts')) continue;
    const built = relative(resolve(root, build.outDir), resolve(root, types));
    if (built.startsWith('..')) continue;
    const source = resolve(root, build.rootDir, built.replace(/\.d\.ts$/, '.ts'));
    bySource.set(source, entry === '.' ? pkg.name : `${pkg.name}/${entry.replace(/^\.\//, '')}`);
  }
  const text = readFileSync(consumer, 'utf8').replace(/(from\s+|import\s+)'(\.[^']*)'/g, (_all, keyword, spec) => {
    const entry = bySource.get(resolve(dirname(consumer), spec));
    if (!entry) found.push(`types: test/types/consumer.ts imports ${spec}, which no entry of package.json exports`);
    return `${keyword}'${entry ?? spec}'`;
  });
  if (found.length) return found;

  // What `npm install vitrine` adds beside the package: its dependencies (not the devDependencies,
  // so published types that need @types/leaflet, say, fail here as they would for a user).
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const link = join(app, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(resolve(root, 'node_modules', dep), link, 'junction');
  }
  writeFileSync(join(app, 'consumer.ts'), text);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  for (const resolution of ['bundler', 'nodenext']) {
    const options = {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
      moduleResolution: resolution,
      types: [],
      // The package's own declaration files are checked too, with what a user has installed.
      skipLibCheck: false,
    };
    const config = join(app, `tsconfig.${resolution}.json`);
    writeFileSync(config, JSON.stringify({ compilerOptions: options, files: ['consumer.ts'] }, null, 2));
    let out;
    try {
      out = execFileSync(process.execPath, [tsc, '-p', config, '--listFiles'], { cwd: app, encoding: 'utf8' });
    } catch (err) {
      const errors = String(err.stdout || err.message)
        .split('\n')
        .filter((line) => /error TS\d+/.test(line));
      found.push(
        `types (moduleResolution ${resolution}): ${errors.length} errors`,
        ...errors.slice(0, 15).map((e) => `  ${e}`),
      );
      continue;
    }
    // The program read the published declarations, not the sources of the repository.
    const listed = out.split('\n').map((line) => resolve(app, line.trim()));
    const published = listed.filter(
      (f) => f.startsWith(join(app, 'node_modules', pkg.name) + '/') && f.endsWith('.d.ts'),
    );
    if (!published.length)
      found.push(`types (moduleResolution ${resolution}): no declaration file of the package was read`);
    const sources = listed.filter((f) => f.startsWith(resolve(root, 'src') + '/'));
    if (sources.length)
      found.push(`types (moduleResolution ${resolution}): read ${relative(root, sources[0])} from the repository`);
    if (!found.length) typeChecks.push(`${resolution}: ${published.length} declaration files`);
  }
  return found;
}

console.log(
  `npm pack: ${files.size} files, ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked`,
);
if (problems.length) {
  console.error(problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
console.log(`every export of package.json resolves from the packed files (${Object.keys(pkg.exports).length})`);
console.log(`test/types/consumer.ts compiles against the packed types (${typeChecks.join('; ')})`);

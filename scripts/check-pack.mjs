// After `npm run build`: what `npm pack` would publish. Every entry of `exports` (and main, module,
// types, customElements, jsdelivr, unpkg) is a file of the package; the CDN files, the npm build,
// the manifest, the README and the CHANGELOG are in it; tests, fixtures, the demo, the bench and
// installed dependencies are not. Then each `exports` target is imported in Node from an unpacked
// copy, to prove it resolves (the element modules need a DOM, so only their resolution is checked:
// import.meta.resolve through the package's own name).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
);
const files = new Set(packed.files.map((f) => f.path));
const problems = [];
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

console.log(
  `npm pack: ${files.size} files, ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked`,
);
if (problems.length) {
  console.error(problems.map((p) => `  ${p}`).join('\n'));
  process.exit(1);
}
console.log(`every export of package.json resolves from the packed files (${Object.keys(pkg.exports).length})`);

// The README's element reference, generated from custom-elements.json (the Custom Elements
// Manifest that `npm run analyze` writes from the components' doc comments and code).
//
//   node scripts/docs-reference.mjs                 prints the reference
//   node scripts/docs-reference.mjs --write [file]  replaces the block between the reference
//                                                   markers of file (README.md by default)
//   node scripts/docs-reference.mjs --check [file]  exits 1 when custom-elements.json is not what
//                                                   the analyzer makes of the sources now, when the
//                                                   manifest lacks a description or a type, or when
//                                                   the block of file is not the generated one
//
// The manifest gives names, descriptions, attribute types and defaults, parts and custom
// properties. Two things it cannot give come from the TypeScript sources: the `detail` of each
// event (read from `GlobalEventHandlersEventMap`, which is also what a user's editor sees; an event
// missing there is reported) and the values of an attribute typed with a named union (`CardsMode`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const START = '<!-- reference:start -->';
const END = '<!-- reference:end -->';
// The order of the README: the elements that show data, then the linked ones.
const ORDER = [
  'vitrine-table',
  'vitrine-map',
  'vitrine-cards',
  'vitrine-budget',
  'vitrine-source',
  'vitrine-filter',
  'vitrine-search',
];

const args = process.argv.slice(2);
const mode = args.includes('--check') ? 'check' : args.includes('--write') ? 'write' : 'print';
const fileArg = args.find((a) => !a.startsWith('--'));
const target = resolve(process.cwd(), fileArg ?? resolve(root, 'README.md'));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const manifestPath = resolve(root, pkg.customElements ?? 'custom-elements.json');
// Paths in messages, relative to where the command was run (the analyzer changes directory).
const shown = relative(process.cwd(), target) || target;
const shownManifest = relative(process.cwd(), manifestPath) || manifestPath;

// ---- the manifest ---------------------------------------------------------------------------------

/** What `npm run analyze` would write now, without writing it (same config, same analyzer). */
async function analyzeNow() {
  // The analyzer's CLI reads its config and package.json from the working directory; with the
  // repository's own outdir it leaves package.json as it is.
  process.chdir(root);
  const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
  const config = ['custom-elements-manifest.config.mjs', 'custom-elements-manifest.config.js'].find((f) =>
    existsSync(resolve(root, f)),
  );
  const argv = ['analyze', '--quiet', ...(config ? ['--config', config] : [])];
  return cli({ argv, cwd: root, noWrite: true });
}

/** Where two manifests differ, as readable paths (at most `max`). */
function manifestDiff(committed, fresh, path = '', out = [], max = 12) {
  if (out.length >= max || JSON.stringify(committed) === JSON.stringify(fresh)) return out;
  const keyOf = (x) => (x && typeof x === 'object' ? (x.path ?? x.name ?? x.tagName) : undefined);
  if (Array.isArray(committed) && Array.isArray(fresh)) {
    if ([...committed, ...fresh].every((x) => keyOf(x) !== undefined)) {
      const keys = [...new Set([...committed, ...fresh].map(keyOf))];
      for (const key of keys) {
        const a = committed.find((x) => keyOf(x) === key);
        const b = fresh.find((x) => keyOf(x) === key);
        const here = `${path}[${key}]`;
        if (!a) out.push(`${here}: new in the sources`);
        else if (!b) out.push(`${here}: no longer in the sources`);
        else manifestDiff(a, b, here, out, max);
        if (out.length >= max) break;
      }
    } else out.push(`${path}: ${committed.length} items committed, ${fresh.length} now`);
  } else if (committed && fresh && typeof committed === 'object' && typeof fresh === 'object') {
    for (const key of new Set([...Object.keys(committed), ...Object.keys(fresh)])) {
      manifestDiff(committed[key], fresh[key], path ? `${path}.${key}` : key, out, max);
      if (out.length >= max) break;
    }
  } else {
    const show = (v) => (v === undefined ? '(none)' : JSON.stringify(v).slice(0, 100));
    out.push(`${path}: committed ${show(committed)}, now ${show(fresh)}`);
  }
  return out;
}

// ---- what TypeScript knows ------------------------------------------------------------------------

/**
 * The TypeScript view of the sources: `detail(name)` describes the detail of an event as
 * `GlobalEventHandlersEventMap` types it (undefined when the map lacks the event), and
 * `attributeType(className, modulePath, field)` expands a named union an attribute is typed with.
 */
function typeFacts(manifest) {
  const { config } = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config?.compilerOptions ?? {}, root);
  Object.assign(options, { noEmit: true, types: [] });
  // A module of our own that imports the npm entry (every element registers its tag and the
  // events augment the global event map) and holds one value typed as that map.
  const probe = resolve(root, '__docs-reference-probe__.ts');
  const probeText = `import './src/index.ts';\nexport declare const eventMap: GlobalEventHandlersEventMap;\n`;
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === probe ? ts.createSourceFile(name, probeText, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === probe || fileExists.call(host, name);
  host.readFile = (name) => (name === probe ? probeText : readFile.call(host, name));
  const modules = manifest.modules.map((m) => resolve(root, m.path));
  const program = ts.createProgram([probe, ...modules], options, host);
  const checker = program.getTypeChecker();
  const probeFile = program.getSourceFile(probe);
  const mapDeclaration = probeFile.statements.find(ts.isVariableStatement).declarationList.declarations[0];
  const eventMap = checker.getTypeAtLocation(mapDeclaration);

  const isLiteral = (t) => t.isStringLiteral() || t.isNumberLiteral() || t.flags & ts.TypeFlags.BooleanLiteral;
  const literalText = (t) => (t.isStringLiteral() ? `'${t.value}'` : checker.typeToString(t));
  /** A type as a reader wants it: the values of a union of literals rather than its alias. */
  const show = (t) => {
    if (t.isUnion() && !(t.flags & ts.TypeFlags.Boolean) && t.types.every(isLiteral)) {
      return t.types.map(literalText).join(' | ');
    }
    return checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation);
  };

  return {
    /** `{ rowCount: number; … }`, '' for an event without detail, undefined for an untyped event. */
    event(name) {
      const symbol = eventMap.getProperty(name);
      if (!symbol) return undefined;
      const eventType = checker.getTypeOfSymbol(symbol);
      const detail = eventType.getProperty('detail');
      const typeName = checker.typeToString(eventType);
      if (!detail) return { typeName, detail: '' };
      const detailType = checker.getTypeOfSymbol(detail);
      const props = checker.getPropertiesOfType(detailType);
      if (!props.length || detailType.isUnion()) return { typeName, detail: show(detailType) };
      const fields = props.map((p) => {
        const optional = p.flags & ts.SymbolFlags.Optional;
        let t = checker.getTypeOfSymbol(p);
        if (optional) t = checker.getNonNullableType(t);
        return `${p.name}${optional ? '?' : ''}: ${show(t)}`;
      });
      return { typeName, detail: `{ ${fields.join('; ')} }` };
    },
    /** The values of a field typed with a named union of literals; undefined otherwise. */
    attributeType(className, modulePath, field) {
      const file = program.getSourceFile(resolve(root, modulePath));
      const declaration = file?.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === className);
      const property = declaration && checker.getTypeAtLocation(declaration).getProperty(field);
      if (!property) return undefined;
      const t = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      return t.isUnion() && t.types.every(isLiteral) ? show(t) : undefined;
    },
  };
}

// ---- the model of the reference -------------------------------------------------------------------

const declarations = (manifest) =>
  manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, modulePath: m.path })));

/** The public API of a class: members a page may use (not private, protected, static or Lit's own). */
const isPublicMember = (m) =>
  (m.kind === 'field' || m.kind === 'method') &&
  !m.static &&
  (!m.privacy || m.privacy === 'public') &&
  !/^[#_]/.test(m.name) &&
  !m.inheritedFrom?.package;

/** Same name, description, type and default: an item a subclass takes as its base declares it. */
const sameItem = (a, b) => a.description === b.description && a.type?.text === b.type?.text && a.default === b.default;

/**
 * For one element: its own attributes and members (declared or redescribed by it), and those it
 * shares unchanged with a base class (`shared`: base class name → names).
 */
function split(element, byName, kind) {
  const own = [];
  const shared = new Map();
  const items = kind === 'attributes' ? (element.attributes ?? []) : (element.members ?? []).filter(isPublicMember);
  for (const item of items) {
    if (kind === 'members' && item.attribute) continue; // in the attribute table
    const base = item.inheritedFrom && byName.get(item.inheritedFrom.name);
    const original = base?.[kind]?.find((x) => x.name === item.name && !x.inheritedFrom);
    if (original && sameItem(original, item)) {
      if (!shared.has(base.name)) shared.set(base.name, []);
      shared.get(base.name).push(item.name);
    } else own.push(item);
  }
  return { own, shared };
}

function buildModel(manifest, types) {
  const all = declarations(manifest);
  const byName = new Map(all.filter((d) => d.kind === 'class').map((d) => [d.name, d]));
  const elements = all
    .filter((d) => d.tagName)
    .sort((a, b) => {
      const rank = (t) => (ORDER.includes(t) ? ORDER.indexOf(t) : ORDER.length);
      return rank(a.tagName) - rank(b.tagName) || a.tagName.localeCompare(b.tagName);
    });
  // One line per thing to fix, in the file to fix: an inherited item without a description or a
  // type lacks it in its base class too (the analyzer would have copied it).
  const problems = new Set();
  for (const tag of ORDER) {
    if (!elements.some((e) => e.tagName === tag)) problems.add(`<${tag}> is not in the manifest`);
  }

  const model = elements.map((element) => {
    const where = `${element.modulePath}: <${element.tagName}>`;
    const whereOf = (item) =>
      item.inheritedFrom?.module ? `${item.inheritedFrom.module}: ${item.inheritedFrom.name}` : where;
    const attributes = split(element, byName, 'attributes');
    const members = split(element, byName, 'members');
    const typeOf = (a) => {
      const text = a.type?.text;
      if (text && /^[A-Z]\w*$/.test(text) && a.fieldName) {
        return types.attributeType(element.name, element.modulePath, a.fieldName) ?? text;
      }
      return text;
    };
    if (!element.summary?.trim()) problems.add(`${where} has no \`@summary\``);
    for (const a of element.attributes ?? []) {
      if (!a.description?.trim()) problems.add(`${whereOf(a)} attribute \`${a.name}\` has no description`);
      if (!a.type?.text) problems.add(`${whereOf(a)} attribute \`${a.name}\` has no type`);
    }
    for (const m of members.own) {
      if (!m.description?.trim()) problems.add(`${whereOf(m)} ${m.kind} \`${m.name}\` has no description`);
    }
    const events = [];
    for (const e of element.events ?? []) {
      if (!e.name) continue;
      if (!e.description?.trim()) problems.add(`${where} event \`${e.name}\` has no description`);
      if (!e.type?.text) problems.add(`${where} event \`${e.name}\` has no type (\`@event {Type} ${e.name}\`)`);
      const typed = types.event(e.name);
      if (!typed) problems.add(`${where} event \`${e.name}\` is not in GlobalEventHandlersEventMap`);
      else if (e.type?.text && e.type.text !== typed.typeName) {
        problems.add(
          `${where} event \`${e.name}\` is a ${e.type.text}, GlobalEventHandlersEventMap says ${typed.typeName}`,
        );
      }
      events.push({ ...e, detail: typed?.detail ?? '' });
    }
    // Events the analyzer found in `dispatchEvent(new SomeEvent(…))` calls carry a type, no name
    // (checked once every named event has its type).
    for (const e of element.events ?? []) {
      if (events.some((n) => !n.type?.text)) break;
      if (!e.name && e.type?.text && !events.some((n) => n.type?.text === e.type.text)) {
        problems.add(`${where} dispatches a ${e.type.text} that no \`@event\` tag names`);
      }
    }
    for (const [list, label] of [
      [element.cssParts, 'part'],
      [element.cssProperties, 'custom property'],
      [element.slots, 'slot'],
    ]) {
      for (const x of list ?? []) {
        if (!x.description?.trim()) problems.add(`${where} ${label} \`${x.name}\` has no description`);
      }
    }
    return { element, attributes, members, events, typeOf };
  });
  return { model, byName, problems: [...problems] };
}

// ---- Markdown -------------------------------------------------------------------------------------

const short = (tag) => tag.replace(/^vitrine-/, '');
const code = (s) => (s ? `\`${s}\`` : '');

/** Text on one line, with `<` outside code spans kept from becoming HTML. */
function inline(text = '') {
  return String(text)
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('');
}

/** Text for a table cell: inline, pipes escaped (GitHub reads `\|` as a pipe, code spans included). */
const cell = (text) => inline(text).replace(/\|/g, '\\|');

function table(head, rows) {
  if (!rows.length) return [];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
}

/** An attribute's type for an HTML author: absent is not a value. */
const attributeType = (text) => (text ?? '').replace(/\s*\|\s*(undefined|null)\b/g, '').trim();

/** A default worth showing: a literal other than empty, false or null (those mean "absent"). */
function attributeDefault(text) {
  if (!text || !/^(-?[\d_.]+|'[^']*'|"[^"]*"|true)$/.test(text)) return '';
  return /^(''|"")$/.test(text) ? '' : text;
}

function attributeRows(items, typeOf) {
  return items.map((a) => [
    code(a.name),
    a.fieldName && a.fieldName !== a.name ? code(a.fieldName) : '',
    code(attributeType(typeOf(a))),
    code(attributeDefault(a.default)),
    a.description,
  ]);
}

function memberRows(items) {
  return items.map((m) => {
    if (m.kind === 'method') {
      const params = m.parameters ?? [];
      const signature = `(${params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ')}) => ${m.return?.type?.text ?? 'void'}`;
      return [`${code(`${m.name}(${params.map((p) => p.name).join(', ')})`)}`, code(signature), m.description];
    }
    return [`${code(m.name)}${m.readonly ? ' (read-only)' : ''}`, code(m.type?.text), m.description];
  });
}

const sharedAnchor = (users) => `shared-by-${users.map(short).join('-')}`;

function render({ model, byName }) {
  const out = [
    START,
    '<!-- Generated from custom-elements.json by `npm run docs`: edit the doc comments of the components, then run it. -->',
    '',
    'In the attribute tables, *property* names the JavaScript property of the same setting when it differs from the',
    'attribute, and a blank *default* means absent (or empty). In the event tables, *detail* is the type of `event.detail`.',
    '',
  ];

  // Attributes and properties several elements share unchanged, once, under the base class.
  const groups = new Map();
  for (const entry of model) {
    for (const kind of ['attributes', 'members']) {
      for (const [base, names] of entry[kind].shared) {
        if (!groups.has(base)) groups.set(base, { users: [], attributes: new Set(), members: new Set() });
        const g = groups.get(base);
        if (!g.users.includes(entry.element.tagName)) g.users.push(entry.element.tagName);
        for (const n of names) g[kind].add(n);
      }
    }
  }
  for (const [base, g] of groups) {
    const declaration = byName.get(base);
    const attributes = (declaration.attributes ?? []).filter((a) => g.attributes.has(a.name) && !a.inheritedFrom);
    const members = (declaration.members ?? []).filter((m) => g.members.has(m.name) && !m.inheritedFrom);
    g.heading = `Shared by ${g.users.map(short).join(', ')}`;
    out.push(`### ${g.heading}`, '');
    out.push(
      `What ${g.users.map((t) => code(`<${t}>`)).join(', ')} all understand, unless their own table below says otherwise.`,
      '',
    );
    out.push(
      ...table(
        ['attribute', 'property', 'type', 'default', 'meaning'],
        attributeRows(attributes, (a) => a.type?.text),
      ),
    );
    out.push(...table(['JavaScript', 'type', 'meaning'], memberRows(members)));
  }

  for (const { element, attributes, members, events, typeOf } of model) {
    out.push(`### ${code(`<${element.tagName}>`)} reference`, '');
    if (element.summary) out.push(inline(element.summary), '');
    out.push(...table(['attribute', 'property', 'type', 'default', 'meaning'], attributeRows(attributes.own, typeOf)));
    for (const [kind, label] of [
      ['attributes', 'attributes'],
      ['members', 'properties'],
    ]) {
      for (const [base, names] of { attributes, members }[kind].shared) {
        const g = groups.get(base);
        out.push(
          `And the shared ${label} ${names.map(code).join(', ')} ([${g.heading}](#${sharedAnchor(g.users)})).`,
          '',
        );
      }
    }
    out.push(...table(['JavaScript', 'type', 'meaning'], memberRows(members.own)));
    out.push(
      ...table(
        ['event', 'detail', 'when'],
        events.map((e) => [code(e.name), e.detail ? code(e.detail) : 'none', e.description]),
      ),
    );
    out.push(
      ...table(
        ['part', 'what it is'],
        (element.cssParts ?? []).map((p) => [code(p.name), p.description]),
      ),
    );
    out.push(
      ...table(
        ['custom property', 'meaning'],
        (element.cssProperties ?? []).map((p) => [code(p.name), p.description]),
      ),
    );
    out.push(
      ...table(
        ['slot', 'what goes in it'],
        (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description]),
      ),
    );
  }
  out.push(END);
  return out.join('\n');
}

// ---- the Markdown file ----------------------------------------------------------------------------

/** The reference block of a Markdown text: [before, block, after], or undefined without markers. */
function findBlock(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) return undefined;
  return [text.slice(0, start), text.slice(start, end + END.length), text.slice(end + END.length)];
}

/** A short line diff (longest common subsequence): `-` lines in the file, `+` lines expected. */
function lineDiff(actual, expected, firstLine, max = 40) {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while ((i < a.length || j < b.length) && out.length < max) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push(`  line ${firstLine + i} + ${b[j++].slice(0, 160)}`);
    } else {
      out.push(`  line ${firstLine + i} - ${a[i++].slice(0, 160)}`);
    }
  }
  if (out.length >= max) out.push('  …');
  return out;
}

// ---- main -----------------------------------------------------------------------------------------

const manifestText = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(manifestText);
const failures = [];

if (mode === 'check') {
  const fresh = await analyzeNow();
  const diff = manifestDiff(manifest, fresh);
  if (diff.length) {
    failures.push(
      `${shownManifest} is not what the analyzer makes of the sources now (run \`npm run docs\`, or \`npm run analyze\`):`,
      ...diff.map((d) => `  ${d}`),
    );
  }
}

const built = buildModel(manifest, typeFacts(manifest));
const reference = render(built);
if (built.problems.length) {
  const lines = [
    `custom-elements.json lacks what the reference needs (fix the doc comments of the components):`,
    ...built.problems.map((p) => `  ${p}`),
  ];
  if (mode === 'check') failures.push(...lines);
  else console.warn(lines.join('\n'));
}

if (mode === 'print') {
  console.log(reference);
} else {
  const text = readFileSync(target, 'utf8');
  const parts = findBlock(text);
  if (!parts) {
    console.error(`${shown}: no ${START} … ${END} block to ${mode === 'write' ? 'replace' : 'check'}`);
    process.exit(1);
  }
  if (mode === 'write') {
    if (parts[1] !== reference) writeFileSync(target, parts[0] + reference + parts[2]);
    console.log(
      `${shown}: reference ${parts[1] === reference ? 'already up to date' : 'written'} (${built.model.length} elements)`,
    );
  } else if (parts[1] !== reference) {
    const firstLine = parts[0].split('\n').length;
    failures.push(
      `${shown}: the reference block is not what custom-elements.json gives (run \`npm run docs\`; - in the file, + expected):`,
      ...lineDiff(parts[1], reference, firstLine),
    );
  }
}

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
if (mode === 'check') {
  console.log(
    `custom-elements.json is up to date, and the reference in ${shown} matches it (${built.model.length} elements)`,
  );
}

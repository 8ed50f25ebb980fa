/**
 * A property an element overrides with a getter and a setter (e.g. `columns` on the table, which
 * reads the loaded columns and takes the columns to show) comes out of the analyzer as the base
 * class's read-only field. This plugin records every setter of the analysed classes, with the doc
 * comments of the accessor pair, and fixes the member after inheritance is applied: writable, the
 * class's own, described by its own comments.
 */
function accessorPairs() {
  const setters = new Map(); // class name -> Map(member name -> description)
  return {
    name: 'vitrine-accessor-pairs',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const docs = new Map();
      for (const member of node.members) {
        if (!ts.isGetAccessor(member) && !ts.isSetAccessor(member)) continue;
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        const text = (member.jsDoc ?? []).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join(' ');
        const entry = docs.get(member.name.text) ?? { get: '', set: '', hasSetter: false };
        if (ts.isSetAccessor(member)) {
          entry.set = text;
          entry.hasSetter = true;
        } else entry.get = text;
        docs.set(member.name.text, entry);
      }
      const own = new Map();
      for (const [name, d] of docs) if (d.hasSetter) own.set(name, [d.get, d.set].filter(Boolean).join(' '));
      if (own.size) setters.set(node.name.text, own);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          const own = setters.get(decl.name);
          if (!own) continue;
          for (const [name, description] of own) {
            const member = decl.members?.find((m) => m.name === name && m.kind === 'field');
            if (!member) continue;
            delete member.readonly;
            delete member.inheritedFrom;
            if (description) member.description = description;
          }
        }
      }
    },
  };
}

export default {
  globs: [
    'src/components/**/*.component.ts',
    'src/internal/vitrine-element.ts',
    'src/internal/linked-control.ts',
    'src/internal/records-element.ts',
  ],
  exclude: ['test/**'],
  outdir: '.',
  litelement: true,
  plugins: [accessorPairs()],
};

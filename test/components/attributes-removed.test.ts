/**
 * Every attribute of every element (as custom-elements.json lists them) can be set and then removed
 * (Lit then sets the property to null) without the element's update throwing: a CMS editor or a
 * script that removes an attribute gets the element's default, never a broken element.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { failOnLitWarnings } from '../helpers/helpers.ts';

interface Manifest {
  modules: { declarations?: { tagName?: string; attributes?: { name: string }[] }[] }[];
}

const CSV = '/demo/data/odf-observatoire.csv';

describe('removing any attribute', () => {
  let checkWarnings: () => void;
  beforeEach(() => (checkWarnings = failOnLitWarnings()));
  afterEach(() => checkWarnings());

  it('leaves every element working (no update throws)', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    expect(declarations.map((d) => d.tagName).sort()).to.include.members([
      'vitrine-budget',
      'vitrine-cards',
      'vitrine-filter',
      'vitrine-map',
      'vitrine-search',
      'vitrine-source',
      'vitrine-table',
    ]);
    const source = document.createElement('vitrine-source');
    source.id = 'attrs';
    source.setAttribute('src', CSV);
    document.body.append(source);
    const failures: string[] = [];
    for (const d of declarations) {
      for (const { name } of d.attributes ?? []) {
        if (name === 'id') continue;
        const el = document.createElement(d.tagName!) as HTMLElement & { updateComplete: Promise<unknown> };
        if (d.tagName === 'vitrine-filter' || d.tagName === 'vitrine-search') el.setAttribute('source', 'attrs');
        else if (d.tagName !== 'vitrine-source' || name !== 'src') el.setAttribute('src', CSV);
        if (d.tagName === 'vitrine-filter') el.setAttribute('field', 'type');
        if (d.tagName === 'vitrine-map') el.setAttribute('tiles', 'none');
        el.setAttribute(name, name === 'src' ? CSV : 'nom');
        document.body.append(el);
        try {
          await el.updateComplete;
          el.removeAttribute(name);
          await el.updateComplete;
          await new Promise((r) => setTimeout(r, 0));
          await el.updateComplete;
        } catch (err) {
          failures.push(`${d.tagName} ${name}: ${(err as Error).message}`);
        }
        el.remove();
      }
    }
    source.remove();
    expect(failures).to.deep.equal([]);
  });
});

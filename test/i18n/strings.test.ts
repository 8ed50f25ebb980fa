import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.ts';
import { frBudget, tBudget } from '../../src/i18n/fr-budget.ts';
import { frCards, tCards } from '../../src/i18n/fr-cards.ts';
import { frMap, tMap } from '../../src/i18n/fr-map.ts';
import { loadStrings, t } from '../../src/i18n/localize.ts';
import { fr } from '../../src/i18n/strings.ts';

// The French strings are spread over four modules (common, map, budget, cards) so that a page
// downloads only those of its elements; English is one module with every key.
const french = { common: fr, map: frMap, budget: frBudget, cards: frCards };

describe('French strings spread over modules', () => {
  it('define each key in one module only', () => {
    const owners = new Map<string, string[]>();
    for (const [name, table] of Object.entries(french))
      for (const key of Object.keys(table)) owners.set(key, [...(owners.get(key) ?? []), name]);
    const twice = [...owners].filter(([, names]) => names.length > 1);
    expect(twice, JSON.stringify(twice)).to.deep.equal([]);
  });

  it('together have exactly the keys of English', () => {
    const frKeys = Object.values(french).flatMap((table) => Object.keys(table));
    expect([...frKeys].sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('keep the same placeholders as English, key by key', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const all: Record<string, string> = Object.assign({}, ...Object.values(french));
    const differ = Object.keys(all).filter(
      (k) => JSON.stringify(names(all[k])) !== JSON.stringify(names((en as Record<string, string>)[k])),
    );
    expect(differ).to.deep.equal([]);
  });

  it('are looked up by each module in French and, once loaded, in English', async () => {
    expect(tMap('fr', 'mapPlaces', { count: 3 })).to.equal('3 lieux affichés');
    expect(tCards('fr', 'catalogFiles', { count: 2 })).to.equal('2 fichiers');
    expect(tBudget('fr', 'budgetChapter', { code: '011' })).to.equal('Chapitre 011');
    expect(t('fr', 'rowsCount', { count: 5 })).to.equal('5 lignes');
    await loadStrings('en');
    expect(tMap('en', 'mapPlaces', { count: 3 })).to.equal(en.mapPlaces.replace('{count}', '3'));
    expect(tCards('en', 'catalogFiles', { count: 2 })).to.equal(en.catalogFiles.replace('{count}', '2'));
    expect(tBudget('en', 'budgetChapter', { code: '011' })).to.equal(en.budgetChapter.replace('{code}', '011'));
    expect(t('en', 'rowsCount', { count: 5 })).to.equal(en.rowsCount.replace('{count}', '5'));
    // A placeholder without a value stays as written.
    expect(tMap('fr', 'mapPlaces')).to.equal(frMap.mapPlaces);
  });
});

/**
 * What the M14 and M57 budget nomenclatures say about an account or chapter code, for the SCDL lines
 * that leave the section or the chapter empty. The rules are written out in docs/budget-rules.md.
 *
 * No DOM, no Lit.
 */

export type Section = 'fonctionnement' | 'investissement';
export type Direction = 'depenses' | 'recettes';

/** Three-character codes starting with 0 (chapters and lines outside the classes) by section. */
const SECTION_0XX: Readonly<Record<string, Section>> = {
  '001': 'investissement', // solde d'exécution de la section d'investissement reporté
  '020': 'investissement', // dépenses imprévues d'investissement
  '021': 'investissement', // virement de la section de fonctionnement
  '024': 'investissement', // produits des cessions d'immobilisations
  '040': 'investissement', // opérations d'ordre de transfert entre sections
  '041': 'investissement', // opérations patrimoniales
  '002': 'fonctionnement', // résultat de fonctionnement reporté
  '011': 'fonctionnement',
  '012': 'fonctionnement',
  '013': 'fonctionnement',
  '014': 'fonctionnement',
  '015': 'fonctionnement',
  '016': 'fonctionnement',
  '017': 'fonctionnement',
  '018': 'fonctionnement',
  '019': 'fonctionnement',
  '022': 'fonctionnement', // dépenses imprévues de fonctionnement
  '023': 'fonctionnement', // virement à la section d'investissement
  '042': 'fonctionnement', // opérations d'ordre de transfert entre sections
  '043': 'fonctionnement', // opérations d'ordre à l'intérieur de la section
};

/** The section of an account (or chapter) code, or undefined when the nomenclature does not say. */
export function sectionOfCode(code: string): Section | undefined {
  const c = code.trim();
  if (!/^\d/.test(c)) return undefined;
  if (c.startsWith('0')) return SECTION_0XX[c.slice(0, 3)];
  switch (c[0]) {
    case '6':
    case '7':
      return 'fonctionnement';
    case '1':
    case '2':
    case '3':
    case '4':
      return 'investissement';
    default:
      return undefined;
  }
}

/**
 * The chapter an account belongs to when the line does not say: 0xx codes keep three characters,
 * 204… → 204, 45… → four digits, a revenue in class 6 → 013, a spending in class 7 → 014, else the
 * first two digits. Undefined for a code that is not an account number.
 */
export function chapterOfAccount(account: string, direction: Direction | undefined): string | undefined {
  const c = account.trim();
  if (!/^\d{2}/.test(c)) return undefined;
  if (c.startsWith('0')) return c.slice(0, 3);
  if (c.startsWith('204')) return '204';
  if (c.startsWith('45')) return c.slice(0, 4);
  if (c[0] === '6' && direction === 'recettes') return '013';
  if (c[0] === '7' && direction === 'depenses') return '014';
  return c.slice(0, 2);
}

/** Titles of the usual chapters of the M14 and M57 nomenclatures (used only when the file gives none). */
const CHAPTER_TITLES: Readonly<Record<string, string>> = {
  '001': "Solde d'exécution de la section d'investissement reporté",
  '002': 'Résultat de fonctionnement reporté',
  '011': 'Charges à caractère général',
  '012': 'Charges de personnel et frais assimilés',
  '013': 'Atténuations de charges',
  '014': 'Atténuations de produits',
  '016': "Allocation personnalisée d'autonomie",
  '017': 'Revenu de solidarité active',
  '020': "Dépenses imprévues d'investissement",
  '021': 'Virement de la section de fonctionnement',
  '022': 'Dépenses imprévues de fonctionnement',
  '023': "Virement à la section d'investissement",
  '024': "Produits des cessions d'immobilisations",
  '040': "Opérations d'ordre de transfert entre sections",
  '041': 'Opérations patrimoniales',
  '042': "Opérations d'ordre de transfert entre sections",
  '043': "Opérations d'ordre à l'intérieur de la section de fonctionnement",
  '10': 'Dotations, fonds divers et réserves',
  '13': "Subventions d'investissement",
  '16': 'Emprunts et dettes assimilées',
  '20': 'Immobilisations incorporelles',
  '204': "Subventions d'équipement versées",
  '21': 'Immobilisations corporelles',
  '22': 'Immobilisations reçues en affectation',
  '23': 'Immobilisations en cours',
  '26': 'Participations et créances rattachées à des participations',
  '27': 'Autres immobilisations financières',
  '4541': "Travaux effectués d'office pour le compte de tiers (dépenses)",
  '4542': "Travaux effectués d'office pour le compte de tiers (recettes)",
  '4581': "Opérations d'investissement sous mandat (dépenses)",
  '4582': "Opérations d'investissement sous mandat (recettes)",
  '65': 'Autres charges de gestion courante',
  '66': 'Charges financières',
  '67': 'Charges exceptionnelles',
  '68': 'Dotations aux amortissements et aux provisions',
  '70': 'Produits des services, du domaine et ventes diverses',
  '73': 'Impôts et taxes',
  '731': 'Fiscalité locale',
  '74': 'Dotations et participations',
  '75': 'Autres produits de gestion courante',
  '76': 'Produits financiers',
  '77': 'Produits exceptionnels',
  '78': 'Reprises sur amortissements et provisions',
};

/** The nomenclature's title of a chapter, if it is a usual one. */
export function chapterTitle(code: string): string | undefined {
  const c = code.trim();
  // Operations on behalf of third parties are numbered 4541…, 4581… followed by the operation.
  return CHAPTER_TITLES[c] ?? (/^45\d{3,}$/.test(c) ? CHAPTER_TITLES[c.slice(0, 4)] : undefined);
}

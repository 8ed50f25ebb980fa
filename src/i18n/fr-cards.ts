/**
 * The French strings of <vitrine-cards>: its counts and lists, and the catalogue of a portal (sort, licence, formats). Only that element's chunk imports this module, so other
 * pages do not download them. The other languages carry these keys in their own module (en.ts).
 */
import { lookupIn } from './localize.ts';

export const frCards = {
  cardsList: 'Fiches',
  cardsAll: '{count} fiches',
  cardsOne: '1 fiche',
  cardsShown: '{shown} fiches affichées sur {count}',
  cardsNone: 'Aucune fiche à afficher.',
  cardsMore: 'Voir plus',
  cardsSearch: 'Rechercher',
  cardsTags: 'Mots-clés',
  cardsServerWindow:
    'Le portail ne donne accès qu’aux {count} premières fiches d’une requête : recherchez ou filtrez pour atteindre les autres.',
  catalogList: 'Jeux de données',
  catalogAll: '{count} jeux de données',
  catalogOne: '1 jeu de données',
  catalogShown: '{shown} jeux de données affichés sur {count}',
  catalogNone: 'Aucun jeu de données ne correspond.',
  catalogSearch: 'Rechercher un jeu de données',
  catalogSort: 'Trier par',
  catalogSortRelevance: 'Pertinence',
  catalogSortUpdated: 'Dernière mise à jour',
  catalogSortTitle: 'Titre',
  catalogUpdated: 'Mis à jour le {date}',
  catalogLicense: 'Licence : {license}',
  catalogLicenseUnknown: 'Licence : {license} (non reconnue)',
  catalogNoLicense: 'Licence non précisée',
  catalogFiles: '{count} fichiers',
  catalogFile: '1 fichier',
  catalogFormats: 'Formats',
  catalogNoDescription: 'Pas de description.',
  catalogMoreFailed: 'La suite de la liste n’a pas pu être chargée : {message}',
} as const;

export type CardsKey = keyof typeof frCards;

/** Looks up one of these strings in `lang` and fills its `{name}` placeholders. */
export const tCards = lookupIn(frCards);

/**
 * User-facing strings in French (the default): here the ones every element may show (loading,
 * pages, errors, legends…); the strings of the map, the budget chart and the cards live next to
 * them in fr-map.ts, fr-budget.ts and fr-cards.ts, which only those elements' chunks import. Other
 * languages are one module each with every key, typed against `Strings` (`en.ts`), fetched the
 * first time an element needs one.
 */
import type { frBudget } from './fr-budget.ts';
import type { frCards } from './fr-cards.ts';
import type { frMap } from './fr-map.ts';

export const fr = {
  loading: 'Chargement des données…',
  loadingProgress: 'Chargement des données… {percent}\u202f%',
  parsing: 'Lecture des données… {percent}\u202f%',
  rowsCount: '{count} lignes',
  noRows: 'Aucune ligne à afficher.',
  pageOf: 'Page {page} sur {pages}',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  firstPage: 'Première page',
  lastPage: 'Dernière page',
  pagination: 'Pagination',
  rowsRange: 'Lignes {from} à {to} sur {count}',
  rowsFiltered: '{count} sur {total} lignes',
  search: 'Rechercher dans le tableau',
  tableCaption: 'Tableau de données',
  total: 'Total',
  facetAll: 'Toutes ({count})',
  facetAllValues: 'Toutes',
  searchServer: 'Recherche faite par le portail, parmi {total} lignes',
  download: 'Télécharger ces lignes (CSV)',
  source: 'Source des données',
  filterSyntax: 'colonne = valeur',
  mapEmptyValue: '(vide)',
  'error.configJoin':
    'L’attribut join relie les lignes aux zones d’un GeoJSON : indiquez aussi l’adresse de ce GeoJSON dans l’attribut areas.',
  'error.configAreaKey':
    'Aucune propriété des zones ne contient les codes de la colonne « {column} ». Indiquez-la avec l’attribut area-key. Propriétés disponibles : {available}.',
  'error.configNoAreas': 'Le fichier de zones ne contient aucun polygone lisible.',
  'error.configGeo':
    'Aucune colonne de coordonnées n’a été trouvée. Indiquez-les avec les attributs lat et lon, ou coordinates pour une colonne « lat,lon ». Colonnes disponibles : {available}.',
  yes: 'oui',
  no: 'non',
  errorTitle: 'Impossible d’afficher les données',
  errorUrl: 'Adresse : {url}',
  'error.network':
    'Le serveur n’a pas pu être joint. Vérifiez l’adresse des données et votre connexion, puis rechargez la page.',
  'error.http':
    'Le serveur a répondu par une erreur {status}. Vérifiez que l’adresse des données est juste et publique.',
  'error.http404': 'Le fichier est introuvable (erreur 404). Vérifiez l’adresse des données : elle a peut-être changé.',
  'error.cors':
    'Le site qui héberge ces données n’autorise pas leur lecture depuis une autre page (règle CORS). Deux solutions : utiliser l’adresse de l’API du portail (data.gouv.fr, Opendatasoft, CKAN) plutôt que le fichier, ou faire passer la requête par votre propre relais avec l’attribut proxy (par exemple proxy="https://mon-relais.fr/?url={url}").',
  'error.corsTabular':
    'Le fichier n’autorise pas la lecture depuis une autre page (règle CORS) et l’API tabulaire de data.gouv.fr ne le propose pas non plus. Utilisez l’attribut proxy pour passer par votre propre relais.',
  'error.parse':
    'Le fichier n’a pas pu être lu comme des données {format}. Vérifiez qu’il s’agit bien d’un fichier CSV, JSON ou GeoJSON.',
  'error.parseHtml':
    'L’adresse renvoie une page web et non un fichier de données. Utilisez le lien direct vers le fichier (bouton « Télécharger » du portail) ou l’adresse de la page du jeu de données sur un portail reconnu.',
  'error.parseJson': 'Le fichier JSON est mal formé et n’a pas pu être lu.',
  'error.parseSpreadsheet':
    'L’adresse renvoie un tableur ({kind}) et non un fichier CSV. Enregistrez-le au format CSV, ou utilisez l’export CSV du portail, puis indiquez cette adresse.',
  'error.parseBinary':
    'L’adresse renvoie un fichier {kind} et non des données CSV, JSON ou GeoJSON. Utilisez le lien direct vers le fichier de données.',
  'error.parseBinaryUnknown':
    'L’adresse renvoie un fichier binaire et non des données CSV, JSON ou GeoJSON. Utilisez le lien direct vers le fichier de données.',
  'error.empty': 'Le fichier ne contient aucune ligne de données.',
  'error.emptyRecords':
    'Aucune liste d’enregistrements n’a été trouvée dans ce JSON. Indiquez son chemin avec l’attribut records (par exemple records="result.records").',
  'error.config': 'La configuration de l’élément est incomplète ou incorrecte.',
  'error.configSrc':
    'Aucune source de données : indiquez l’adresse d’un fichier ou d’un jeu de données dans l’attribut src.',
  'error.configNeeded':
    'L’attribut {attribute} est nécessaire : indiquez une colonne. Colonnes disponibles : {available}.',
  'error.configColumn': 'La colonne « {column} » n’existe pas. Colonnes disponibles : {available}.',
  'error.configValue':
    'L’attribut {attribute} contient « {value} », qui n’est pas reconnu. Valeurs possibles : {allowed}.',
  'error.configResource': 'Ce jeu de données ne propose aucun fichier CSV, JSON ou GeoJSON lisible.',
  'error.tooLarge': 'Le fichier est trop volumineux pour être affiché dans la page ({size}).',
  'error.unknown': 'Une erreur inattendue s’est produite.',
  'legend.below': 'moins de {value}',
  'legend.between': 'de {from} à {to}',
  'legend.above': '{value} et plus',
  'legend.noData': 'Pas de données',
  catalogRetry: 'Réessayer',
  'error.notBudget':
    'Ce fichier n’est pas au format SCDL budget (colonnes BGT_…). Pour un autre tableau, indiquez les colonnes à utiliser avec label-column et value-column. Colonnes disponibles : {available}.',
  'error.budgetAmount':
    'Ce fichier budgétaire n’a pas de colonne de montant utilisable ({wanted}). Colonnes disponibles : {available}.',
  searchSource: 'Rechercher',
  searchFound: '{count} sur {total} fiches',
  searchAll: '{total} fiches',
  filterMore: 'Voir les {count} autres valeurs',
  filterFewer: 'Voir moins de valeurs',
  filterClear: 'Effacer',
  filterMin: 'Minimum',
  filterMax: 'Maximum',
  filterRows: '{count} fiches retenues',
  selectRow: 'Montrer cette ligne sur les autres vues',
  selectColumn: 'Sélection',
  serverWindow:
    'Le portail ne donne accès qu’aux {count} premières lignes d’une requête : triez, recherchez ou filtrez pour atteindre les autres.',
  'error.noSource':
    'Aucun élément <vitrine-source id="{id}"> sur la page. Vérifiez l’attribut source : il doit reprendre l’id d’une source.',
  'error.serverSource':
    'La source « {id} » est trop grande pour être téléchargée : le portail la filtre lui-même, et cet élément a besoin de toutes ses lignes. Liez-y un tableau, des fiches ou des filtres, ou mettez server="never" sur la source pour tout télécharger.',
  'error.notCatalog':
    'Cette adresse ne renvoie pas un catalogue de jeux de données reconnu (data.gouv.fr, Opendatasoft, CKAN). Pour afficher les lignes d’un fichier en fiches, retirez mode="catalog".',
  'error.configTemplate':
    'Le modèle card-template cite le champ « {column} », qui n’existe pas. Colonnes disponibles : {available}.',
} as const;

/** A key of the common strings (looked up with `t`). */
export type CommonKey = keyof typeof fr;
/** Any key, common or of one element (the keys every language's module must give). */
export type StringKey = CommonKey | keyof typeof frMap | keyof typeof frBudget | keyof typeof frCards;
export type Strings = { readonly [K in StringKey]: string };

/** User-facing strings. Every language has the same keys (the `en` table is typed against `fr`). */

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
  download: 'Télécharger ces lignes (CSV)',
  source: 'Source des données',
  filterSyntax: 'colonne = valeur',
  mapPlaces: '{count} lieux affichés',
  mapPlace: '1 lieu affiché',
  mapWithout: '{count} sans coordonnées valides',
  mapShapes: '{count} formes',
  mapListShow: 'Afficher la liste des lieux',
  mapListHide: 'Masquer la liste des lieux',
  mapCluster: '{count} lieux ici : zoomer',
  mapLegend: 'Légende',
  mapOther: 'Autres',
  mapEmptyValue: '(vide)',
  mapAreas: '{count} zones',
  mapArea: '1 zone',
  mapAreasWithData: '{count} avec des données',
  mapUnmatched: '{count} lignes sans zone correspondante',
  mapNoCode: '{count} lignes sans code',
  mapSkipped: '{count} zones sans géométrie lisible ignorées',
  mapAreasTable: 'Tableau des zones',
  mapCount: 'Nombre de lignes',
  mapAreasShow: 'Afficher le tableau des zones',
  mapAreasHide: 'Masquer le tableau des zones',
  mapAreaName: 'Zone',
  mapAreaCode: 'Code',
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
} as const;

export type StringKey = keyof typeof fr;
export type Strings = { readonly [K in StringKey]: string };

export const en: Strings = {
  loading: 'Loading data…',
  loadingProgress: 'Loading data… {percent}%',
  parsing: 'Reading data… {percent}%',
  rowsCount: '{count} rows',
  noRows: 'No rows to show.',
  pageOf: 'Page {page} of {pages}',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  firstPage: 'First page',
  lastPage: 'Last page',
  pagination: 'Pagination',
  rowsRange: 'Rows {from} to {to} of {count}',
  rowsFiltered: '{count} of {total} rows',
  search: 'Search the table',
  tableCaption: 'Data table',
  total: 'Total',
  facetAll: 'All ({count})',
  download: 'Download these rows (CSV)',
  source: 'Data source',
  filterSyntax: 'column = value',
  mapPlaces: '{count} places shown',
  mapPlace: '1 place shown',
  mapWithout: '{count} without valid coordinates',
  mapShapes: '{count} shapes',
  mapListShow: 'Show the list of places',
  mapListHide: 'Hide the list of places',
  mapCluster: '{count} places here: zoom in',
  mapLegend: 'Legend',
  mapOther: 'Other',
  mapEmptyValue: '(empty)',
  mapAreas: '{count} areas',
  mapArea: '1 area',
  mapAreasWithData: '{count} with data',
  mapUnmatched: '{count} rows matching no area',
  mapNoCode: '{count} rows without a code',
  mapSkipped: '{count} areas without a readable geometry skipped',
  mapAreasTable: 'Table of areas',
  mapCount: 'Number of rows',
  mapAreasShow: 'Show the table of areas',
  mapAreasHide: 'Hide the table of areas',
  mapAreaName: 'Area',
  mapAreaCode: 'Code',
  'error.configJoin':
    'The join attribute links rows to the areas of a GeoJSON: also give the address of that GeoJSON in the areas attribute.',
  'error.configAreaKey':
    'No property of the areas holds the codes of the column “{column}”. Name it with the area-key attribute. Available properties: {available}.',
  'error.configNoAreas': 'The areas file holds no readable polygon.',
  'error.configGeo':
    'No coordinate columns were found. Name them with the lat and lon attributes, or coordinates for a "lat,lon" column. Available columns: {available}.',
  yes: 'yes',
  no: 'no',
  errorTitle: 'The data cannot be shown',
  errorUrl: 'Address: {url}',
  'error.network': 'The server could not be reached. Check the data address and your connection, then reload the page.',
  'error.http': 'The server answered with error {status}. Check that the data address is right and public.',
  'error.http404': 'The file was not found (error 404). Check the data address: it may have changed.',
  'error.cors':
    'The site that hosts this data does not allow other pages to read it (CORS policy). Two ways out: use the portal’s API address (data.gouv.fr, Opendatasoft, CKAN) instead of the file, or route the request through your own proxy with the proxy attribute (for example proxy="https://my-proxy.example/?url={url}").',
  'error.corsTabular':
    'The file does not allow other pages to read it (CORS policy) and the data.gouv.fr tabular API does not serve it either. Use the proxy attribute to go through your own proxy.',
  'error.parse': 'The file could not be read as {format} data. Check that it is a CSV, JSON or GeoJSON file.',
  'error.parseHtml':
    'The address returns a web page, not a data file. Use the direct link to the file (the portal’s “Download” button) or the dataset page of a supported portal.',
  'error.parseJson': 'The JSON file is malformed and could not be read.',
  'error.parseSpreadsheet':
    'The address returns a spreadsheet ({kind}), not a CSV file. Save it as CSV, or use the portal’s CSV export, and give that address.',
  'error.parseBinary':
    'The address returns a {kind} file, not CSV, JSON or GeoJSON data. Use the direct link to the data file.',
  'error.parseBinaryUnknown':
    'The address returns a binary file, not CSV, JSON or GeoJSON data. Use the direct link to the data file.',
  'error.empty': 'The file holds no data rows.',
  'error.emptyRecords':
    'No list of records was found in this JSON. Give its path with the records attribute (for example records="result.records").',
  'error.config': 'The element’s configuration is incomplete or wrong.',
  'error.configSrc': 'No data source: put the address of a file or dataset in the src attribute.',
  'error.configColumn': 'The column “{column}” does not exist. Available columns: {available}.',
  'error.configValue':
    'The {attribute} attribute holds “{value}”, which is not recognised. Possible values: {allowed}.',
  'error.configResource': 'This dataset offers no readable CSV, JSON or GeoJSON file.',
  'error.tooLarge': 'The file is too large to be shown in the page ({size}).',
  'error.unknown': 'An unexpected error occurred.',
  'legend.below': 'under {value}',
  'legend.between': '{from} to {to}',
  'legend.above': '{value} and over',
  'legend.noData': 'No data',
};

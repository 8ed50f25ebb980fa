/**
 * The French strings of <vitrine-map>: its summary line, list and table of places, zoom, popups and PNG export. Only that element's chunk imports this module, so other
 * pages do not download them. The other languages carry these keys in their own module (en.ts).
 */
import { lookupIn } from './localize.ts';

export const frMap = {
  mapPlaces: '{count} lieux affichés',
  mapPlace: '1 lieu affiché',
  mapWithout: '{count} sans coordonnées valides',
  mapShapes: '{count} formes',
  mapShape: '1 forme',
  mapListShow: 'Afficher la liste des lieux',
  mapListHide: 'Masquer la liste des lieux',
  mapCluster: '{count} lieux ici : zoomer',
  mapOther: 'Autres',
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
  mapAreaTitle: '{name} : {value}',
  mapZoomIn: 'Zoomer',
  mapZoomOut: 'Dézoomer',
  mapClose: 'Fermer',
  mapPng: 'Télécharger l’image (PNG)',
  mapPngSource: 'Source : {url}',
  mapPngAreas: 'Contours : {url}',
  mapPngTiles: 'Fond de carte : {attribution}',
} as const;

export type MapKey = keyof typeof frMap;

/** Looks up one of these strings in `lang` and fills its `{name}` placeholders. */
export const tMap = lookupIn(frMap);

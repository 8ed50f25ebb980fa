/**
 * Leaflet as the global `L`, for the plugins written as UMD scripts that extend the global (such as
 * leaflet.markercluster, whose code reads and writes a free `L`). Import this module before the
 * plugin: modules run in the order they are imported. Bench only.
 */
import Leaflet from 'leaflet';

const scope = globalThis as unknown as { L?: typeof Leaflet };

/** What `globalThis.L` was before this module ran (Leaflet's own UMD build sets `window.L`). */
export const globalBefore: 'unset' | 'the default import' | 'another object' =
  scope.L === undefined ? 'unset' : scope.L === Leaflet ? 'the default import' : 'another object';

scope.L ??= Leaflet;

/** The Leaflet the plugins extend: `globalThis.L`. */
export function globalLeaflet(): typeof Leaflet {
  return scope.L!;
}

/** The default import of 'leaflet', to compare with the global one. */
export const defaultImport = Leaflet;

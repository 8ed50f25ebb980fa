/** Registers <vitrine-map>. Leaflet itself loads only when a map has data to show. */
import { VitrineMap } from './map.component.ts';

export { VitrineMap };

if (!customElements.get('vitrine-map')) customElements.define('vitrine-map', VitrineMap);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-map': VitrineMap;
  }
}

/** Registers <vitrine-search>. Import `search.component.ts` for the class without registering it. */
import { VitrineSearch } from './search.component.ts';

export { VitrineSearch };

if (!customElements.get('vitrine-search')) customElements.define('vitrine-search', VitrineSearch);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-search': VitrineSearch;
  }
}

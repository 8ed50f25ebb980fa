/** Registers <vitrine-source>. Import `source.component.ts` for the class without registering it. */
import { VitrineSource } from './source.component.ts';

export { VitrineSource };

if (!customElements.get('vitrine-source')) customElements.define('vitrine-source', VitrineSource);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-source': VitrineSource;
  }
}

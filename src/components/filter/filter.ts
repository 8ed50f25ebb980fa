/** Registers <vitrine-filter>. Import `filter.component.ts` for the class without registering it. */
import { VitrineFilter } from './filter.component.ts';

export { VitrineFilter };

if (!customElements.get('vitrine-filter')) customElements.define('vitrine-filter', VitrineFilter);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-filter': VitrineFilter;
  }
}

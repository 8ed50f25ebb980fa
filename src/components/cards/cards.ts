/** Registers <vitrine-cards>. Import `cards.component.ts` for the class without registering it. */
import { VitrineCards } from './cards.component.ts';

export { VitrineCards };

if (!customElements.get('vitrine-cards')) customElements.define('vitrine-cards', VitrineCards);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-cards': VitrineCards;
  }
}

/** Registers <vitrine-budget>. Import `budget.component.ts` for the class without registering it. */
import { VitrineBudget } from './budget.component.ts';

export { VitrineBudget };

if (!customElements.get('vitrine-budget')) customElements.define('vitrine-budget', VitrineBudget);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-budget': VitrineBudget;
  }
}

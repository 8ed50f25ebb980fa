/** Registers <vitrine-table>. Import `table.component.ts` for the class without registering it. */
import { VitrineTable } from './table.component.ts';

export { VitrineTable };

if (!customElements.get('vitrine-table')) customElements.define('vitrine-table', VitrineTable);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-table': VitrineTable;
  }
}

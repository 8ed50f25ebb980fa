/**
 * `columns` is both an attribute (the columns to show) and a property (the columns of the loaded
 * data). React 19 and Vue 3 write `columns="…"` from a template to the property when one of that
 * name exists, so assigning it must set the columns to show, not throw or be ignored.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/table/table.ts';
import type { VitrineTable } from '../../src/components/table/table.component.ts';

const SRC = '/demo/data/lot-subventions-2017.csv';

async function loaded(el: VitrineTable): Promise<void> {
  if (!el.table) await new Promise((resolve) => el.addEventListener('vitrine-load', resolve, { once: true }));
  await el.updateComplete;
}

const headers = (el: VitrineTable) =>
  [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.replace(/\s+/g, ' ').trim());

describe('<vitrine-table> columns property', () => {
  it('a string assigned to columns shows those columns, as the attribute does, and reading gives the data columns', async () => {
    const el = await fixture<VitrineTable>(html`<vitrine-table src=${SRC}></vitrine-table>`);
    await loaded(el);
    const all = el.columns.map((c) => c.name);
    expect(all.length).to.be.greaterThan(3);
    expect(headers(el).length).to.equal(all.length);

    (el as unknown as { columns: string }).columns = `${all[2]}, ${all[0]}`;
    await el.updateComplete;
    expect(el.columnsShown).to.deep.equal([all[2], all[0]]);
    expect(headers(el)[0]).to.include(all[2]);
    expect(headers(el)).to.have.length(2);
    // Reading still gives every column of the data.
    expect(el.columns.map((c) => c.name)).to.deep.equal(all);
  });

  it('an array is taken as it is; an empty value shows every column again', async () => {
    const el = await fixture<VitrineTable>(html`<vitrine-table src=${SRC}></vitrine-table>`);
    await loaded(el);
    const all = el.columns.map((c) => c.name);
    (el as unknown as { columns: string[] }).columns = [all[1]];
    await el.updateComplete;
    expect(headers(el)).to.have.length(1);
    (el as unknown as { columns: string }).columns = '';
    await el.updateComplete;
    expect(headers(el)).to.have.length(all.length);
  });
});

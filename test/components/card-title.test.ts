import { expect } from '@open-wc/testing';
import { defaultTitle } from '../../src/components/cards/card-spec.ts';
import { parseText } from '../../src/data/parse.ts';
import { Table } from '../../src/data/model.ts';
import '../../src/components/table/table.ts';
import { tableWith } from '../helpers/helpers.ts';

const csv = (text: string) => new Table(parseText(text, { delimiter: ';' }).table);

describe('the default card title', () => {
  it('is a column named exactly like a title before one that only ends like it, never an empty one', () => {
    // A catalogue export: the licence's title comes first, the schema's name is empty.
    const t = csv('license_title;schema_name;title;id\nLicence Ouverte;;Budget 2024;1\nODbL;;Subventions;2\n');
    expect(defaultTitle(t).name).to.equal('title');
    expect(defaultTitle(csv('id;nom_commune;population\n1;Rennes;222485\n')).name).to.equal('nom_commune');
    expect(defaultTitle(csv('schema_name;ville\n;Rennes\n;Brest\n')).name).to.equal('ville');
  });
});

describe('rows of an element whose attributes name a missing column', () => {
  it('are none (the element shows the error), rather than an exception', async () => {
    const { el, event } = await tableWith({ src: '/demo/data/odf-observatoire.csv', columns: 'nom, typ' });
    expect(event.type).to.equal('vitrine-error');
    expect((el as unknown as { rows: unknown[] }).rows).to.deep.equal([]);
  });
});

/**
 * The budget data layer without the element: amounts as exact cents, the nomenclature rules of
 * docs/budget-rules.md, the reading of SCDL columns in either order, and the chart palette's
 * contrast and colour-blind checks.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { numberToCents, toCents } from '../../src/data/budget/cents.ts';
import { docKind, groupSmall, readScdl, aggregate, type BudgetQuery } from '../../src/data/budget/budget.ts';
import { chapterOfAccount, chapterTitle, sectionOfCode } from '../../src/data/budget/nomenclature.ts';
import { buildColumn } from '../../src/data/infer.ts';
import { Table } from '../../src/data/model.ts';
import { contrast, OTHERS_COLOUR, PALETTE, YEAR_COLOURS } from '../../src/components/budget/palette.ts';
import { wrapLabel } from '../../src/components/budget/budget-spec.ts';

function table(rows: Record<string, string>[]): Table {
  const names = Object.keys(rows[0]);
  return new Table({
    rowCount: rows.length,
    columns: names.map((n) =>
      buildColumn(
        n,
        rows.map((r) => r[n]),
      ),
    ),
  });
}

describe('budget amounts as cents', () => {
  it('reads French and international writings to the cent', () => {
    expect(toCents('13 615,55 €')).to.equal(1361555);
    expect(toCents('3\u00a0336,00')).to.equal(333600);
    expect(toCents('-79\u202f189,14')).to.equal(-7918914);
    expect(toCents('1234.56')).to.equal(123456);
    expect(toCents('')).to.equal(0);
    expect(Number.isNaN(toCents('non communiqué'))).to.equal(true);
    // Half away from zero on the decimal writing, not on the binary double.
    expect(toCents('1.005')).to.equal(101);
    expect(toCents('-0.005')).to.equal(-1);
    expect(toCents('71139.5999999999')).to.equal(7113960);
  });

  it('adds any amounts with two decimals exactly (checked against BigInt)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { maxLength: 200 }), (list) => {
        const texts = list.map((c) => {
          const neg = c < 0n;
          const a = neg ? -c : c;
          return `${neg ? '-' : ''}${a / 100n},${String(a % 100n).padStart(2, '0')}`;
        });
        const sum = texts.reduce((s, t) => s + toCents(t), 0);
        return BigInt(sum) === list.reduce((s, c) => s + c, 0n);
      }),
    );
    expect(numberToCents(0.1 + 0.2)).to.equal(30);
  });
});

describe('budget nomenclature rules', () => {
  it('derives the section from the account or chapter', () => {
    expect(sectionOfCode('6413')).to.equal('fonctionnement');
    expect(sectionOfCode('7472')).to.equal('fonctionnement');
    expect(sectionOfCode('10222')).to.equal('investissement');
    expect(sectionOfCode('2313')).to.equal('investissement');
    expect(sectionOfCode('4581')).to.equal('investissement');
    expect(sectionOfCode('001')).to.equal('investissement');
    expect(sectionOfCode('024')).to.equal('investissement');
    expect(sectionOfCode('002')).to.equal('fonctionnement');
    expect(sectionOfCode('023')).to.equal('fonctionnement');
    expect(sectionOfCode('042')).to.equal('fonctionnement');
    expect(sectionOfCode('099')).to.equal(undefined);
    expect(sectionOfCode('9')).to.equal(undefined);
  });

  it('derives the chapter from the account', () => {
    expect(chapterOfAccount('7472', 'recettes')).to.equal('74');
    expect(chapterOfAccount('2041582', 'depenses')).to.equal('204');
    expect(chapterOfAccount('4581001', 'depenses')).to.equal('4581');
    expect(chapterOfAccount('6419', 'recettes')).to.equal('013');
    expect(chapterOfAccount('7398', 'depenses')).to.equal('014');
    expect(chapterOfAccount('002', 'recettes')).to.equal('002');
    expect(chapterTitle('74')).to.equal('Dotations et participations');
    expect(chapterTitle('4581001')).to.equal('Opérations d’investissement sous mandat (dépenses)'.replace('’', "'"));
  });

  it('reads the document kinds loosely', () => {
    expect(docKind('Compte administratif')).to.equal('ca');
    expect(docKind('BUDGET PRIMITIF')).to.equal('bp');
    expect(docKind('budget prévisionnel')).to.equal('bp');
    expect(docKind('Décision modificative')).to.equal('dm');
    expect(docKind('DM2')).to.equal('dm');
    expect(docKind('Compte financier unique')).to.equal('cfu');
    expect(docKind('CFU')).to.equal('cfu');
  });

  it('finds the chapter in either column (TOTEM files put it in BGT_CONTNAT, the schema in BGT_NATURE)', () => {
    const base = { BGT_NATDEC: 'Compte administratif', BGT_ANNEE: '2021', BGT_CODRD: 'dépense', BGT_OPBUDG: 'réel' };
    const rows = [
      {
        ...base,
        BGT_CONTNAT: '6413',
        BGT_CONTNAT_LABEL: 'Personnel non titulaire',
        BGT_NATURE: '012',
        BGT_NATURE_LABEL: 'Charges de personnel',
        BGT_SECTION: '',
        BGT_MTREAL: '100,10',
      },
      {
        ...base,
        BGT_CONTNAT: '6411',
        BGT_CONTNAT_LABEL: 'Personnel titulaire',
        BGT_NATURE: '012',
        BGT_NATURE_LABEL: 'Charges de personnel',
        BGT_SECTION: '',
        BGT_MTREAL: '200,20',
      },
      {
        ...base,
        BGT_CONTNAT: '2313',
        BGT_CONTNAT_LABEL: 'Constructions',
        BGT_NATURE: '23',
        BGT_NATURE_LABEL: 'Immobilisations en cours',
        BGT_SECTION: '',
        BGT_MTREAL: '50',
      },
    ];
    const data = readScdl([table(rows)]);
    expect(data.lines.map((l) => [l.chapter.code, l.account.code, l.section, l.sectionDerived])).to.deep.equal([
      ['012', '6413', 'fonctionnement', true],
      ['012', '6411', 'fonctionnement', true],
      ['23', '2313', 'investissement', true],
    ]);
    const q: BudgetQuery = {
      entity: '',
      year: '2021',
      document: 'ca',
      direction: 'depenses',
      section: 'both',
      operations: 'reelles',
      amount: 'realise',
      groupBy: 'chapitre',
    };
    const view = aggregate(data, q);
    expect(view.total).to.equal(35030);
    expect(view.categories.map((c) => [c.code, c.label, c.cents])).to.deep.equal([
      ['012', 'Charges de personnel', 30030],
      ['23', 'Immobilisations en cours', 5000],
    ]);
  });

  it('groups the smallest categories as "Autres" beyond the maximum', () => {
    const cats = [5, 4, 3, 2, 1].map((c) => ({
      key: String(c),
      code: String(c),
      label: String(c),
      cents: c,
      lines: 1,
    }));
    const grouped = groupSmall(cats, 3);
    expect(grouped.map((c) => [c.key, c.cents])).to.deep.equal([
      ['5', 5],
      ['4', 4],
      ['__autres', 6],
    ]);
    expect(grouped[2].others!.map((c) => c.key)).to.deep.equal(['3', '2', '1']);
    expect(groupSmall(cats, 0).length).to.equal(5);
  });

  it('wraps long labels to two lines with an ellipsis', () => {
    expect(wrapLabel('Charges de personnel et frais assimilés', 32)).to.deep.equal([
      'Charges de personnel et frais',
      'assimilés',
    ]);
    const long = wrapLabel('Solde d’exécution de la section d’investissement reporté des exercices antérieurs', 20);
    expect(long.length).to.equal(2);
    expect(long[1].endsWith('…')).to.equal(true);
  });
});

/** Colour-vision-deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1) and CIE76 ΔE. */
const CVD: Record<string, number[][]> = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function linearRgb(hex: string): number[] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => toLinear(c / 255));
}
function lab(lin: number[]): number[] {
  const [r, g, b] = lin.map((c) => Math.min(1, Math.max(0, c)));
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (v: number) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
function deltaE(a: string, b: string, m?: number[][]): number {
  const sim = (hex: string) => {
    const l = linearRgb(hex);
    return m ? m.map((row) => row[0] * l[0] + row[1] * l[1] + row[2] * l[2]) : l;
  };
  const [p, q] = [lab(sim(a)), lab(sim(b))];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('budget chart colours', () => {
  it('have at least 3:1 contrast with white (graphics, WCAG 1.4.11)', () => {
    for (const c of [...PALETTE, OTHERS_COLOUR, ...YEAR_COLOURS]) expect(contrast(c, '#ffffff'), c).to.be.at.least(3);
  });

  it('differ for normal vision, and neighbours differ under simulated colour blindness', () => {
    for (let i = 0; i < PALETTE.length; i++) {
      for (let j = i + 1; j < PALETTE.length; j++)
        expect(deltaE(PALETTE[i], PALETTE[j]), `${PALETTE[i]} ${PALETTE[j]}`).to.be.at.least(30);
      const next = PALETTE[(i + 1) % PALETTE.length];
      for (const [name, m] of Object.entries(CVD)) {
        expect(deltaE(PALETTE[i], next, m), `${name} ${PALETTE[i]} ${next}`).to.be.at.least(30);
      }
    }
    // Compared years: each year differs from the next under every simulation.
    for (let y = 0; y + 1 < YEAR_COLOURS.length; y++) {
      for (const [name, m] of Object.entries(CVD)) {
        expect(deltaE(YEAR_COLOURS[y], YEAR_COLOURS[y + 1], m), `${name} years ${y}`).to.be.at.least(20);
      }
    }
  });
});

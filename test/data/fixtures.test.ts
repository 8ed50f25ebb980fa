/**
 * Every CSV, JSON and GeoJSON file under test/fixtures/ through the whole pipeline (parseBytes).
 * Row and column counts, names and cell texts were computed independently with Python's csv and
 * json modules (and match each folder's SOURCES.md), not copied from this code's output.
 */
import { expect } from '@open-wc/testing';
import { VitrineError } from '../../src/data/errors.ts';
import { Table, type ColumnType } from '../../src/data/model.ts';
import { parseBytes, parseText, type ParseHints, type ParseResult, useJsonReader } from '../../src/data/parse.ts';
import * as jsonReader from '../../src/data/json.ts';

// parse.ts reads JSON once its reader is registered (as the parse worker and parse-client do).
useJsonReader(jsonReader);

/**
 * The bytes of a fixture, as stored. They come from the second test origin (scripts/fixture-server.mjs),
 * which serves files as they are: the test runner's own server decodes text files (text/csv) as
 * UTF-8 before serving them, which turns every Windows-1252 accent into U+FFFD.
 */
let fixtureOrigin: Promise<string> | undefined;
async function bytesOf(path: string): Promise<Uint8Array> {
  fixtureOrigin ??= fetch('/__cross-origin').then((r) => r.text());
  const res = await fetch(`${await fixtureOrigin}/cors/test/fixtures/${path}`);
  if (!res.ok) throw new Error(`cannot fetch ${path}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load(path: string, hints: ParseHints = {}): Promise<ParseResult> {
  return parseBytes(await bytesOf(path), { url: `/test/fixtures/${path}`, ...hints });
}

/** The VitrineError `f` throws (fails the test if it throws anything else or nothing). */
async function failure(f: () => Promise<unknown> | unknown): Promise<VitrineError> {
  try {
    await f();
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(VitrineError);
    return err as VitrineError;
  }
  expect.fail('expected a VitrineError');
}

function cell(t: Table, row: number, name: string): string {
  const col = t.column(name);
  expect(col, `column "${name}" among ${t.columns.map((c) => c.name).join(', ')}`).to.not.equal(undefined);
  return t.text(row, col!.index);
}

function expectTypes(t: Table, types: Record<string, ColumnType | ColumnType[]>): void {
  for (const [name, expected] of Object.entries(types)) {
    const col = t.column(name);
    expect(col, `column "${name}"`).to.not.equal(undefined);
    const allowed = Array.isArray(expected) ? expected : [expected];
    expect(allowed, `type of "${name}" is ${col!.type}`).to.include(col!.type);
  }
}

/** U+FFFD characters in the whole table (cells and names). */
function replacementCount(result: ParseResult): number {
  let n = 0;
  for (const c of result.table.columns)
    n += (c.text.match(/\uFFFD/g) ?? []).length + (c.name.match(/\uFFFD/g) ?? []).length;
  return n;
}

interface CsvSpec {
  path: string;
  rows: number;
  cols: number;
  delimiter: string;
  encoding: 'utf-8' | 'windows-1252';
  /** First and last header names, and any others worth checking (accents, BOM). */
  first: string;
  last: string;
  headers?: string[];
  cells: [row: number, column: string, text: string][];
  /** Cells checked by their start only (long texts). */
  starts?: [row: number, column: string, start: string][];
  fffd?: number;
  types: Record<string, ColumnType | ColumnType[]>;
}

const CSV: CsvSpec[] = [
  {
    path: 'api-responses/datagouv/catalog_export_datagouv_resources_sample.csv',
    rows: 11,
    cols: 29,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'dataset.id',
    last: 'extras',
    cells: [
      [0, 'dataset.title', 'Les véloroutes en Haute-Garonne'],
      [0, 'format', 'csv'],
    ],
    types: { downloads: 'integer', created_at: 'date', 'dataset.title': 'string', 'dataset.private': 'boolean' },
  },
  {
    path: 'api-responses/opendatasoft/exports_csv_education_annuaire_ille-et-vilaine.csv',
    rows: 996,
    cols: 69,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Identifiant_de_l_etablissement',
    last: 'libelle_bassin_formation',
    headers: ['Code postal', 'position', 'SIREN_SIRET'],
    cells: [
      [0, 'Identifiant_de_l_etablissement', '0350122T'],
      [1, 'Nom_etablissement', 'Ecole élémentaire publique de Cardroc'],
      [0, 'nom_circonscription', "Circonscription d'inspection du 1er degré de Bruz"],
      [0, 'Code postal', '35580'],
      [0, 'Code_departement', '035'],
      [0, 'position', '47.98614492070133, -1.9294895003671315'],
      [995, 'Identifiant_de_l_etablissement', '0352822C'],
    ],
    types: {
      'Code postal': 'code',
      Code_commune: 'code',
      Code_departement: 'code',
      SIREN_SIRET: 'code',
      latitude: 'number',
      longitude: 'number',
      position: 'geopoint',
      Nombre_d_eleves: 'integer',
      date_ouverture: 'date',
    },
  },
  {
    path: 'api-responses/opendatasoft/exports_csv_education_geolocalisation_colleges35.csv',
    rows: 117,
    cols: 35,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Code établissement',
    last: 'date_ouverture',
    headers: ['Dénomination principale', 'Secteur Public/Privé', 'Département', 'Région', 'Académie'],
    cells: [
      [0, 'Code établissement', '0350017D'],
      [1, 'Appellation officielle', 'Collège François René de Chateaubriand'],
      [0, 'Code département', '035'],
      [0, 'Département', 'Ille-et-Vilaine'],
      [116, 'Code établissement', '0353036K'],
      [116, 'date_ouverture', '2021-09-01'],
    ],
    types: {
      'Code postal': 'code',
      'Code département': 'code',
      Latitude: 'number',
      Longitude: 'number',
      Position: 'geopoint',
      date_ouverture: 'date',
    },
  },
  {
    path: 'api-responses/opendatasoft/exports_csv_paris_sanisettes.csv',
    rows: 615,
    cols: 10,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'TYPE',
    last: 'geo_point_2d',
    cells: [
      [0, 'ADRESSE', '92102  RUE BLOMET'],
      [15, 'HORAIRE', 'Voir fiche équipement'],
      [614, 'TYPE', 'URINOIR'],
      [614, 'geo_point_2d', '48.84510802181112,2.3757608165437056'],
    ],
    starts: [[0, 'geo_shape', '{"coordinates": [[2.300280980817689, 48.']],
    types: { geo_point_2d: 'geopoint', ACCES_PMR: 'boolean', TYPE: 'string' },
  },
  {
    path: 'messy/bornes-IRVE-consolidation-2018.csv',
    rows: 2000,
    cols: 18,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'n_amenageur',
    last: 'source',
    headers: ['accessibilité', 'Xlongitude', 'Ylatitude'],
    cells: [
      [0, 'accessibilité', 'Accès libre'],
      [1, 'ad_station', '1, Avenue du Général de Gaulle, Bondues, 59910'],
      [224, 'observations', 'Badge\nNavigateur\nTéléphone'],
      [229, 'ad_station', "Port Gallatin\n8, route d'Aix-les-Bains"],
      [1999, 'n_amenageur', 'SDE 35'],
    ],
    types: {
      Xlongitude: 'number',
      Ylatitude: 'number',
      nbre_pdc: 'integer',
      date_maj: 'date',
      n_amenageur: 'string',
      code_insee: 'code',
    },
  },
  {
    path: 'messy/caf_data_DEMO_2020_V1_COM.csv',
    rows: 791,
    cols: 29,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'CODGEO',
    last: 'NOTE_CNAF',
    cells: [
      [0, 'CODGEO', '01004'],
      [0, 'TX_F', '51,6'],
      [2, 'A_ETUD', ''],
      [790, 'CODGEO', '97422'],
    ],
    types: { CODGEO: 'code', POP_MUN: 'integer', TX_F: 'number', IND_JEUNE: 'number', ENF: 'integer' },
  },
  {
    path: 'messy/insee_donnees_communes_population.csv',
    rows: 3000,
    cols: 11,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'REG',
    last: 'PTOT',
    headers: ['Région', 'Commune'],
    cells: [
      [0, 'Région', 'Auvergne-Rhône-Alpes'],
      [0, 'Commune', "L'Abergement-Clémenciat"],
      [0, 'COM', '01001'],
      [2, 'Commune', 'Ambérieu-en-Bugey'],
      [2, 'PMUN', '15934'],
      [2999, 'REG', '76'],
      [2999, 'PTOT', '21'],
    ],
    types: { COM: 'code', DEP: 'code', CODCOM: 'code', PMUN: 'integer', PTOT: 'integer', Région: 'string' },
  },
  {
    path: 'observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b-simplified.csv',
    rows: 891,
    cols: 25,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'id_odf',
    last: 'boolean',
    cells: [
      [0, 'adress', 'Place de la Mairie 35690 Acigné'],
      [0, 'orga', 'Data Rennes Métropole'],
      [2, 'dep_label', 'Finistère'],
      [890, 'id_odf', 'odf_216803841'],
    ],
    types: { siren: 'code', nb_ptf: 'integer', pop_insee: 'integer', lat: 'number', lon: 'number', nom: 'string' },
  },
  {
    path: 'observatoire/ODF-Observatoire-apiviz_data-export_solidata-220425b.csv',
    rows: 891,
    cols: 26,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'id_odf',
    last: 'text',
    cells: [
      [0, 'adress', 'Place de la Mairie 35690 Acigné'],
      [0, 'regcode', 'BRE-53'],
      [890, 'id_odf', 'odf_216803841'],
    ],
    starts: [[890, 'text', "<p>L'organisation ZILLISHEIM est une commune et se situe dans le département 68"]],
    types: { siren: 'code', nb_ptf: 'integer', lat: 'number', lon: 'number', text: 'string' },
  },
  {
    path: 'observatoire/ODF-Observatoire-departements-regions.csv',
    rows: 105,
    cols: 6,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'depcode',
    last: 'Organisations copy',
    headers: ['Département', 'région'],
    cells: [
      [0, 'depcode', '01'],
      [0, 'région', 'Auvergne-Rhône-Alpes'],
      [2, 'depcode', '2A'],
      [2, 'Département', 'Corse-du-Sud'],
    ],
    types: { Département: 'string' },
  },
  {
    path: 'observatoire/ODF-Observatoire-plateformes-221019.csv',
    rows: 38,
    cols: 6,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'nom',
    last: 'thème',
    cells: [
      [0, 'techno', 'Spécifique'],
      [1, 'porteur', 'Ministère de la Culture'],
      [37, 'nom', "Géoportail de l'urbanisme"],
      [37, 'thème', 'Urbanisme'],
    ],
    types: { nom: 'string', thème: 'string' },
  },
  {
    path: 'observatoire/eclaireur-odf.csv',
    rows: 1060,
    cols: 5,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'siren',
    last: 'techno_platform',
    cells: [
      [0, 'siren', '213500010'],
      [5, 'url_platform', 'https://opendata.ardeche.fr/group/agence-de-développement-touristique-de-lardèche'],
      [1059, 'siren', '216803841'],
    ],
    types: { siren: 'code', nom: 'string' },
  },
  {
    path: 'scdl/budget/BP_2022_saint_malo_agglomeration_transport.csv',
    rows: 123,
    cols: 22,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'BGT_NATDEC',
    last: 'BGT_ARTSPE',
    cells: [
      [0, 'BGT_CONTNAT', '040'],
      [0, 'BGT_CONTNAT_LABEL', "Opérations d'ordre de transfert entre sections"],
      [0, 'BGT_MTPREV', '6100.00'],
      [122, 'BGT_NATDEC', 'Budget primitif'],
    ],
    types: { BGT_ANNEE: 'integer', BGT_SIRET: 'code', BGT_MTPREV: 'number', BGT_NATDEC: 'string' },
  },
  {
    path: 'scdl/budget/CA_2021_commune_crach_21560046100010.csv',
    rows: 196,
    cols: 22,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'BGT_NATDEC',
    last: 'BGT_ARTSPE',
    cells: [
      [0, 'BGT_OPBUDG', 'réel'],
      [0, 'BGT_MTREAL', '13615.55'],
      [195, 'BGT_ARTSPE', 'non spécialisé'],
    ],
    types: { BGT_ANNEE: 'integer', BGT_SIRET: 'code', BGT_MTREAL: 'number', BGT_MTPREV: 'number' },
  },
  {
    path: 'scdl/budget/CFU_2023_commune_mohon_M57.csv',
    rows: 163,
    cols: 22,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'BGT_NATDEC',
    last: 'BGT_ARTSPE',
    cells: [
      [0, 'BGT_NATURE', '001'],
      [0, 'BGT_NATURE_LABEL', "Solde d'exécution de la section d'investissement reporté"],
      [0, 'BGT_CONTNAT', ''],
      [162, 'BGT_ARTSPE', 'non spécialisé'],
    ],
    types: { BGT_ANNEE: 'integer', BGT_SIRET: 'code', BGT_MTREAL: 'number' },
  },
  {
    path: 'scdl/budget/ofgl/ofgl-base-communes-consolidee.test.csv',
    rows: 100,
    cols: 41,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Exercice',
    last: 'Population totale du dernier exercice',
    headers: ['Code Insee 2024 Région', 'Nom 2024 Département', 'Montant en € par habitant', 'Catégorie'],
    cells: [
      [0, 'Nom 2024 EPCI', 'CC Cœur de Garonne'],
      [0, 'Nom 2024 Commune', 'Cazères'],
      [99, 'Exercice', '2023'],
      [99, 'Population totale du dernier exercice', '4824'],
    ],
    types: {
      Exercice: 'integer',
      Montant: 'number',
      'Montant en € par habitant': 'number',
      'Code Siren Collectivité': 'code',
      'Population totale': 'integer',
    },
  },
  {
    path: 'scdl/budget/ofgl/ofgl-base-departement.test.csv',
    rows: 126,
    cols: 31,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Exercice',
    last: 'Population totale du dernier exercice',
    headers: ['Agrégat', 'Montant en € par habitant'],
    cells: [
      [0, 'Agrégat', 'Charges financières'],
      [1, 'Agrégat', "Frais d'hébergement"],
      [125, 'Population totale du dernier exercice', '1403685'],
    ],
    types: { Montant: 'number', 'Code Siren Collectivité': 'code', 'Population totale': 'integer' },
  },
  {
    path: 'scdl/budget/ofgl/ofgl-base-epci.test.csv',
    rows: 24,
    cols: 40,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Exercice',
    last: 'annee_join',
    headers: ['Présence QPV', 'Nature juridique 2024 abrégée'],
    cells: [
      [0, 'Nom 2024 EPCI', 'Toulouse Métropole'],
      [2, 'Code Insee 2024 Département', '11,31,81'],
      [23, 'annee_join', '2016'],
    ],
    types: { Montant: 'number', 'Code Siren 2024 EPCI': 'code', 'Nom 2024 EPCI': 'string' },
  },
  {
    path: 'scdl/budget/ofgl/ofgl-base-region.test.csv',
    rows: 104,
    cols: 27,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'Exercice',
    last: 'annee_join',
    headers: ['CTU ou Collectivité de Corse'],
    cells: [
      [1, 'Agrégat', 'Crédits de trésorerie'],
      [5, 'Agrégat', "Autres dépenses d'investissement"],
      [103, 'annee_join', '2022'],
    ],
    types: { Montant: 'number', 'Population totale': 'integer', 'Code Siren Collectivité': 'code' },
  },
  {
    path: 'scdl/catalogue/etalab-schema-catalogue-donnees_exemple-valide.csv',
    rows: 1,
    cols: 17,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'titre',
    last: 'licence',
    cells: [
      [0, 'titre', 'Arbres vivants inventoriés en forêt.'],
      [0, 'mots_cles', 'arbre,forêt,écologie'],
      [0, 'siret_orga', '18006701900430'],
    ],
    types: { date_pub: 'date', date_maj: 'date', titre: 'string' },
  },
  {
    path: 'scdl/subventions/DEP_Lot_Subventions_2017_DONNEES.csv',
    rows: 13,
    cols: 14,
    delimiter: ';',
    encoding: 'windows-1252',
    first: 'NomAttribuant',
    last: 'pourcentageSubvention',
    cells: [
      [0, 'nomBeneficiaire', 'Association des maires et élus du Lot'],
      [0, 'nature', 'aide en numéraire'],
      [1, 'nomBeneficiaire', 'Association "Ecaussystème"'],
      // œ is 0x9C in Windows-1252 (a C1 control in ISO-8859-1): decoded as Windows-1252.
      [2, 'nomBeneficiaire', 'La Fédération des œuvres laïques du Lot'],
      [0, 'montant', '40 000,00'],
      [
        9,
        'objet',
        "Réalisation d'actions directes de promotion: \n-appui aux syndicats et associations de producteurs\n-fourniture de produits pour manifestations\n-opérations collectives et promotionnelles\n-opérations du plan marketing LOT ",
      ],
      [12, 'NomAttribuant', 'Département du Lot'],
      [12, 'montant', '13 291,00'],
      [12, 'idRAE', ''],
    ],
    types: {
      montant: 'number',
      dateConvention: 'date',
      idAttribuant: 'code',
      idBeneficiaire: 'code',
      notificationUE: 'boolean',
    },
  },
  {
    path: 'scdl/subventions/DEP_Somme_TB_20180330_DONNEES_CONVENTIONS.csv',
    rows: 11,
    cols: 13,
    delimiter: ';',
    encoding: 'windows-1252',
    first: 'nomAttribuant',
    last: 'type',
    cells: [
      [0, 'nomAttribuant', 'Département de la Somme'],
      [0, 'montant', '137 825,00'],
      [0, 'dateConvention', '2018/01/30'],
      // "€" is 0x80 in Windows-1252.
      [
        2,
        'objet',
        'Création d\'un hébergement et d\'un salon de thé "exposition" à la ferme des Thuillier à Vignacourt, sur une assiette subventionnable estimée à 354 150 € HT',
      ],
      [10, 'type', 'fonctionnement'],
    ],
    types: { montant: 'number', dateConvention: 'date', idAttribuant: 'code', idBeneficiaire: 'code' },
  },
  {
    path: 'scdl/subventions/SCDL_COM_Poitiers_subventions-associations-2017.csv',
    rows: 562,
    cols: 11,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'ANNEE',
    last: 'Notification à la commission Européenne',
    cells: [
      [0, 'COLL_SIRET', '21860194600000.0'],
      [0, 'SUB_MONTANT', '10000.0'],
      [0, 'SUB_OBJ', "Soutien à l'organisation de la dixième édition du festival qui se déroulera au printemps 2017."],
      [561, 'Notification à la commission Européenne', 'NON'],
    ],
    starts: [
      [
        5,
        'SUB_OBJ',
        "Dans le cadre des 10 ans de l'association, le Collectif La Bulle reconduit son opération \"Tricot Urbain\" consistant dans l'implantation d'oeuvres en crochet et tricot dans l'espace urbain. \nLa fabrication des pièces",
      ],
    ],
    types: { ANNEE: 'integer', ACTE_DATE: 'date', SUB_MONTANT: 'number', COLL_SIRET: 'code', ATTRIB_NOM: 'string' },
  },
  {
    path: 'scdl/subventions/SCDL_DEP_Haute-Garonne_datalocale-subvention.csv',
    rows: 69,
    cols: 14,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'nomAttribuant',
    last: 'pourcentageSubvention',
    cells: [
      [0, 'nature', 'Aide en numéraire'],
      [0, 'montant', '2400.0'],
      [68, 'nomAttribuant', 'COMMUNAUTE D AGGLOMERATION DU SICOVAL'],
    ],
    types: {
      montant: 'number',
      dateConvention: 'date',
      idAttribuant: 'code',
      idBeneficiaire: 'code',
      notificationUE: 'boolean',
    },
  },
  {
    path: 'scdl/subventions/eclaireur_test_sniffer_error_somme_subventions.csv',
    rows: 18,
    cols: 13,
    delimiter: ';',
    encoding: 'utf-8',
    first: 'nomAttribuant',
    last: 'type',
    // The source already holds U+FFFD where its accents were lost: kept, none added.
    fffd: 417,
    cells: [
      [0, 'nomAttribuant', 'D\ufffdpartement de la Somme'],
      [0, 'nature', 'aide en num\ufffdraire'],
      [0, 'montant', '232 000,00'],
      [17, 'type', 'investissement'],
    ],
    types: { montant: 'number', dateConvention: 'date', idAttribuant: 'code' },
  },
  {
    path: 'scdl/subventions/exemple_valide.csv',
    rows: 29,
    cols: 16,
    delimiter: ',',
    encoding: 'utf-8',
    first: 'nomAttribuant',
    last: 'dispositifAide',
    cells: [
      [0, 'referenceDecision', 'CONV N° 2074-15 2015-06-19'],
      [0, 'nature', 'aide en numéraire'],
      [0, 'montant', '99786.57'],
      [1, 'idBeneficiaire', ''],
      [28, 'nomAttribuant', 'ANTIBES'],
    ],
    types: {
      montant: 'number',
      dateConvention: 'date',
      idAttribuant: 'code',
      pourcentageSubvention: ['number', 'percent'],
    },
  },
];

describe('fixtures: CSV', () => {
  for (const spec of CSV) {
    describe(spec.path, () => {
      let result: ParseResult;
      let t: Table;
      before(async () => {
        result = await load(spec.path);
        t = new Table(result.table);
      });

      it(`has ${spec.rows} rows and ${spec.cols} columns, read as ${spec.encoding} with "${spec.delimiter}"`, () => {
        expect(result.format).to.equal('csv');
        expect(result.encoding).to.equal(spec.encoding);
        expect(result.delimiter).to.equal(spec.delimiter);
        expect(t.rowCount).to.equal(spec.rows);
        expect(t.columns.length).to.equal(spec.cols);
        for (const c of result.table.columns) expect(c.offsets.length, c.name).to.equal(spec.rows + 1);
      });

      it('has the header names as written, without BOM', () => {
        expect(t.columns[0].name).to.equal(spec.first);
        expect(t.columns[t.columns.length - 1].name).to.equal(spec.last);
        const names = t.columns.map((c) => c.name);
        for (const h of spec.headers ?? []) expect(names).to.include(h);
        for (const n of names) expect(n.charCodeAt(0), n).to.not.equal(0xfeff);
      });

      it('has the cell texts as written, accents decoded right, no stray CR', () => {
        for (const [row, name, text] of spec.cells) expect(cell(t, row, name), `${name}[${row}]`).to.equal(text);
        for (const [row, name, start] of spec.starts ?? [])
          expect(cell(t, row, name).startsWith(start), name).to.equal(true);
        expect(replacementCount(result)).to.equal(spec.fffd ?? 0);
        for (const c of result.table.columns) expect(c.text.includes('\r'), `CR in ${c.name}`).to.equal(false);
      });

      it('infers the types of key columns', () => {
        expectTypes(t, spec.types);
      });
    });
  }
});

interface JsonSpec {
  path: string;
  rows: number;
  format: 'json' | 'geojson';
  kind: string;
  total?: number;
  cols?: number;
  columns?: string[];
  cells: [row: number, column: string, text: string][];
  types: Record<string, ColumnType | ColumnType[]>;
}

const GEO_FEATURES: [file: string, code: string, nom: string][] = [
  ['departement-971-guadeloupe', '971', 'Guadeloupe'],
  ['departement-972-martinique', '972', 'Martinique'],
  ['departement-973-guyane', '973', 'Guyane'],
  ['departement-974-la-reunion', '974', 'La Réunion'],
  ['departement-976-mayotte', '976', 'Mayotte'],
];

const JSON_FILES: JsonSpec[] = [
  {
    path: 'api-responses/ckan/datastore_search_odaa_aarhus.json',
    rows: 9,
    format: 'json',
    kind: 'ckan-datastore',
    total: 9,
    columns: ['ServiceTypeName', 'date', 'WaitingCustomersSQ'],
    cells: [
      [0, 'ServiceTypeName', 'Pas'],
      [0, 'date', '2017/05/22 09:30:04'],
    ],
    types: { WaitingCustomersSQ: 'integer', date: 'date' },
  },
  {
    path: 'api-responses/ckan/dkan_package_show_hautsdefrance.json',
    rows: 1,
    format: 'json',
    kind: 'ckan',
    cells: [[0, 'title', 'Antennes régionales de la Région Hauts-de-France (au 01/10/2019)']],
    types: { title: 'string' },
  },
  {
    path: 'api-responses/ckan/package_search_birmingham.json',
    rows: 10,
    format: 'json',
    kind: 'ckan-search',
    total: 38,
    cells: [[0, 'title', 'Purchase Card Transactions']],
    types: { num_tags: 'integer', title: 'string' },
  },
  {
    path: 'api-responses/datagouv/api2_datasets_search_from_udata-front_storybook.json',
    rows: 20,
    format: 'json',
    kind: 'datagouv',
    total: 10000,
    cells: [[0, 'title', 'Base Sirene des entreprises et de leurs établissements (SIREN, SIRET)']],
    types: { title: 'string', created_at: 'date' },
  },
  {
    path: 'api-responses/datagouv/tabular_api_data.json',
    rows: 20,
    format: 'json',
    kind: 'datagouv-tabular',
    total: 20,
    columns: ['dataset.id', 'dataset.title', 'downloads'],
    cells: [[0, 'dataset.title', "Cours d'eau BCAE en Vendée (85)"]],
    types: { 'dataset.title': 'string' },
  },
  {
    path: 'api-responses/opendatasoft/exports_json_v1_paris_sanisettes.json',
    rows: 615,
    format: 'json',
    kind: 'ods-v1-export',
    columns: ['adresse', 'arrondissement', 'geo_point_2d'],
    cells: [
      [0, 'adresse', '101  BOULEVARD DE MONTMORENCY'],
      [0, 'acces_pmr', 'Oui'],
    ],
    // arrondissement holds postcodes as JSON numbers (75016): an identifier, shown as written.
    types: { geo_point_2d: 'geopoint', geo_shape: 'geometry', adresse: 'string', arrondissement: 'code' },
  },
  {
    path: 'api-responses/opendatasoft/exports_geojson_v2_rennes_decheteries.geojson',
    rows: 25,
    format: 'geojson',
    kind: 'geojson',
    columns: ['geo_point_2d', 'code_insee', 'nom_court', 'geometry'],
    cells: [
      [0, 'nom_court', 'Betton'],
      [0, 'type', 'Déchèterie'],
      [0, 'adresse', 'la Noë-Huet 35830 Betton'],
      [0, 'code_insee', '35024'],
    ],
    types: {
      geo_point_2d: 'geopoint',
      geometry: 'geometry',
      code_insee: 'code',
      x_wgs84: 'number',
      nom_court: 'string',
    },
  },
  {
    path: 'geo/communes-35-ille-et-vilaine.geojson',
    rows: 345,
    format: 'geojson',
    kind: 'geojson',
    cols: 3,
    cells: [
      [0, 'code', '35013'],
      [0, 'nom', 'Bains-sur-Oust'],
    ],
    types: { code: 'code', nom: 'string', geometry: 'geometry' },
  },
  {
    path: 'geo/departements-version-simplifiee.geojson',
    rows: 96,
    format: 'geojson',
    kind: 'geojson',
    cols: 3,
    cells: [
      [0, 'code', '01'],
      [0, 'nom', 'Ain'],
    ],
    types: { code: 'code', geometry: 'geometry' },
  },
  {
    path: 'geo/departements-bretagne.geojson',
    rows: 4,
    format: 'geojson',
    kind: 'geojson',
    cols: 3,
    cells: [
      [0, 'nom', "Côtes-d'Armor"],
      [1, 'nom', 'Finistère'],
    ],
    types: { geometry: 'geometry' },
  },
  {
    path: 'geo/regions-version-simplifiee.geojson',
    rows: 13,
    format: 'geojson',
    kind: 'geojson',
    cols: 3,
    cells: [
      [0, 'code', '11'],
      [0, 'nom', 'Île-de-France'],
    ],
    types: { geometry: 'geometry', nom: 'string' },
  },
  ...GEO_FEATURES.map(([file, code, nom]): JsonSpec => ({
    path: `geo/${file}.geojson`,
    rows: 1,
    format: 'geojson',
    kind: 'geojson',
    cols: 3,
    cells: [
      [0, 'code', code],
      [0, 'nom', nom],
    ],
    types: { geometry: 'geometry' },
  })),
  {
    path: 'geo/metropole-version-simplifiee.geojson',
    rows: 1,
    format: 'geojson',
    kind: 'geojson',
    cols: 1,
    cells: [],
    types: { geometry: 'geometry' },
  },
];

describe('fixtures: JSON and GeoJSON', () => {
  for (const spec of JSON_FILES) {
    describe(spec.path, () => {
      let result: ParseResult;
      let t: Table;
      before(async () => {
        result = await load(spec.path);
        t = new Table(result.table);
      });

      it(`has ${spec.rows} rows, as ${spec.format} (${spec.kind})`, () => {
        expect(result.format).to.equal(spec.format);
        expect(result.encoding).to.equal('utf-8');
        expect(result.kind).to.equal(spec.kind);
        expect(result.total).to.equal(spec.total);
        expect(t.rowCount).to.equal(spec.rows);
        if (spec.cols !== undefined) expect(t.columns.length).to.equal(spec.cols);
        const names = t.columns.map((c) => c.name);
        for (const name of spec.columns ?? []) expect(names).to.include(name);
        expect(new Set(names).size).to.equal(names.length);
        for (const c of result.table.columns) expect(c.offsets.length, c.name).to.equal(spec.rows + 1);
      });

      it('has the values, accents decoded right', () => {
        for (const [row, name, text] of spec.cells) expect(cell(t, row, name), `${name}[${row}]`).to.equal(text);
        expect(replacementCount(result)).to.equal(0);
      });

      it('infers the types of key columns', () => {
        expectTypes(t, spec.types);
      });
    });
  }

  it('detects GeoJSON without any hint', async () => {
    const r = parseBytes(await bytesOf('geo/departements-bretagne.geojson'));
    expect(r.format).to.equal('geojson');
    expect(r.table.rowCount).to.equal(4);
  });
});

/** Table Schema files (schema.data.gouv.fr): not data, shown as their list of fields. */
const SCHEMAS: [path: string, fields: number, first: string, last: string][] = [
  ['observatoire/ODF-Observatoire-apiviz_data-schema.json', 20, 'id_odf', 'boolean'],
  ['scdl/budget/schema-scdl-budget-latest.json', 22, 'BGT_NATDEC', 'BGT_ARTSPE'],
  ['scdl/catalogue/etalab-schema-catalogue-donnees_schema.json', 17, 'titre', 'licence'],
  ['scdl/catalogue/schema-scdl-catalogue-latest.json', 20, 'COLL_NOM', 'URL'],
  ['scdl/deliberations/schema-scdl-deliberations-latest.json', 17, 'COLL_NOM', 'DELIB_URL'],
  ['scdl/equipements/schema-scdl-equipements-latest.json', 21, 'COLL_NOM', 'EQUIP_WEB'],
  ['scdl/subventions/schema-betagouv-datasubvention-draft.json', 40, 'idSubvention', 'dateMiseAJour'],
  ['scdl/subventions/schema-scdl-subventions-latest.json', 16, 'nomAttribuant', 'dispositifAide'],
];

describe('fixtures: Table Schema files', () => {
  for (const [path, fields, first, last] of SCHEMAS) {
    it(`${path}: one row per field (${fields})`, async () => {
      const r = await load(path);
      const t = new Table(r.table);
      expect(r.format).to.equal('json');
      expect(r.kind).to.equal('schema');
      expect(t.rowCount).to.equal(fields);
      expect(cell(t, 0, 'name')).to.equal(first);
      expect(cell(t, fields - 1, 'name')).to.equal(last);
      expect(t.column('type')).to.not.equal(undefined);
    });
  }
});

/**
 * Single objects of portal APIs (a dataset's or an organisation's metadata, an OpenAPI document, a
 * profile): not tables. Loading one must end in a clear outcome: a consistent table (when a list
 * of objects is found inside, e.g. a dataset's resources) or an 'empty'/'parse' VitrineError with a
 * message, never another exception.
 */
const SINGLE_OBJECTS = [
  'api-responses/datagouv/dataset_metadata.json',
  'api-responses/datagouv/organization_metadata.json',
  'api-responses/datagouv/resource_metadata_api1.json',
  'api-responses/datagouv/resource_metadata_api2.json',
  'api-responses/datagouv/tabular_api_profile.json',
  'api-responses/opendatasoft/openapi-explore-v2.1.json',
];

describe('fixtures: single-object JSON documents', () => {
  for (const path of SINGLE_OBJECTS) {
    it(`${path}: a consistent table or a clear error`, async () => {
      let result: ParseResult | undefined;
      try {
        result = await load(path);
      } catch (err) {
        expect(err, String(err)).to.be.instanceOf(VitrineError);
        const e = err as VitrineError;
        expect(['empty', 'parse']).to.include(e.code);
        expect(e.message).to.not.equal('');
        expect(e.url).to.equal(`/test/fixtures/${path}`);
        return;
      }
      expect(result.format).to.equal('json');
      expect(result.table.rowCount).to.be.above(0);
      expect(result.table.columns.length).to.be.above(0);
      for (const c of result.table.columns) expect(c.offsets.length, c.name).to.equal(result.table.rowCount + 1);
    });
  }
});

describe('fixtures: hostile', () => {
  it('empty.csv and blank.csv are "empty"', async () => {
    for (const path of ['hostile/empty.csv', 'hostile/blank.csv']) {
      const e = await failure(() => load(path));
      expect(e.code, path).to.equal('empty');
      expect(e.url).to.equal(`/test/fixtures/${path}`);
    }
  });

  it('header-only.csv is "empty", with the columns it has', async () => {
    const e = await failure(() => load('hostile/header-only.csv'));
    expect(e.code).to.equal('empty');
    expect(e.details.reason).to.equal('no-rows');
    expect(e.details.available).to.deep.equal(['a', 'b', 'c']);
  });

  it('html-as-csv.csv and page.html are a "parse" error that says HTML came back', async () => {
    for (const path of ['hostile/html-as-csv.csv', 'hostile/page.html']) {
      const e = await failure(() => load(path, { format: 'csv' }));
      expect(e.code, path).to.equal('parse');
      expect(e.details.received).to.equal('html');
      expect(e.url).to.equal(`/test/fixtures/${path}`);
    }
  });

  it('huge-cell.csv keeps its 200,000-character cell', async () => {
    const t = new Table((await load('hostile/huge-cell.csv')).table);
    expect(t.rowCount).to.equal(2);
    expect(t.columns.map((c) => c.name)).to.deep.equal(['titre', 'texte']);
    expect(cell(t, 0, 'texte')).to.equal('x'.repeat(200000));
    expect(cell(t, 1, 'texte')).to.equal('court');
  });

  it('ragged.csv: short rows padded, the few extra cells dropped, the empty row skipped', async () => {
    const r = await load('hostile/ragged.csv');
    const t = new Table(r.table);
    expect(t.columns.map((c) => c.name)).to.deep.equal(['a', 'b', 'c']);
    expect(t.rowCount).to.equal(4);
    expect([0, 1, 2, 3].map((i) => [cell(t, i, 'a'), cell(t, i, 'b'), cell(t, i, 'c')])).to.deep.equal([
      ['1', '2', '3'],
      ['4', '5', ''],
      ['6', '7', '8'],
      ['11', '12', '13'],
    ]);
  });

  it('script-cells.csv keeps markup and javascript: links as plain text', async () => {
    const t = new Table((await load('hostile/script-cells.csv')).table);
    expect(t.rowCount).to.equal(2);
    expect(cell(t, 0, 'nom')).to.equal('<script>window.__pwned=1</script>');
    expect(cell(t, 0, 'lien')).to.equal('javascript:alert(1)');
    expect(cell(t, 0, 'montant')).to.equal('<img src=x onerror=window.__pwned=2>');
    expect(cell(t, 1, 'nom')).to.equal('<b>gras</b>');
    expect(cell(t, 1, 'montant')).to.equal('12,5');
  });

  it('broken.json is a "parse" error (invalid JSON)', async () => {
    const e = await failure(() => load('hostile/broken.json'));
    expect(e.code).to.equal('parse');
    expect(e.details.reason).to.equal('invalid-json');
  });

  it('no-records.json is a clear error', async () => {
    const e = await failure(() => load('hostile/no-records.json'));
    expect(['empty', 'parse']).to.include(e.code);
    expect(e.details.reason).to.equal('no-records');
    expect(e.url).to.equal('/test/fixtures/hostile/no-records.json');
  });
});

/** Windows-1252 bytes, written by hand for the characters used here. */
function cp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, œ: 0x9c, '’': 0x92 };
  return Uint8Array.from(text, (ch) => extra[ch] ?? ch.charCodeAt(0));
}

describe('parseBytes on constructed inputs', () => {
  it('reads a UTF-8 BOM over a Windows-1252 body (dates dd/mm/yyyy, amounts, codes)', () => {
    const body = [
      'Département;Commune;Date de la délibération;Montant;Code INSEE',
      'Ain;Ambérieu-en-Bugey;21/12/2017;40 000,00;01004',
      'Côte-d’Or;Dijon;03/01/2018;1 250,50;21231',
      'Hérault;Béziers;15/06/2018;12,00;34032',
      'Lot;Cœur de Causse;01/02/2019;260 000,00;46138',
    ].join('\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...cp1252(body)]);
    const r = parseBytes(bytes, { url: 'https://example.org/subventions.csv' });
    const t = new Table(r.table);
    expect(r.encoding).to.equal('windows-1252');
    expect(r.delimiter).to.equal(';');
    expect(t.columns.map((c) => c.name)).to.deep.equal([
      'Département',
      'Commune',
      'Date de la délibération',
      'Montant',
      'Code INSEE',
    ]);
    expect(t.rowCount).to.equal(4);
    expect(cell(t, 1, 'Département')).to.equal('Côte-d’Or');
    expect(cell(t, 3, 'Commune')).to.equal('Cœur de Causse');
    expect(replacementCount(r)).to.equal(0);
    expectTypes(t, { 'Date de la délibération': 'date', Montant: 'number', 'Code INSEE': 'code', Commune: 'string' });
    expect(t.value(0, t.column('Montant')!.index)).to.equal(40000);
    expect((t.value(0, t.column('Date de la délibération')!.index) as Date).toISOString().slice(0, 10)).to.equal(
      '2017-12-21',
    );
  });

  it('turns an HTML page received instead of CSV into a "parse" error, never a table', () => {
    const html = new TextEncoder().encode(
      '<!doctype html>\n<html lang="fr"><head><title>Connexion</title></head><body><form>…</form></body></html>',
    );
    const e = (() => {
      try {
        parseBytes(html, { format: 'csv', url: 'https://portail.example.fr/data.csv' });
      } catch (err) {
        return err as VitrineError;
      }
      return undefined;
    })();
    expect(e).to.be.instanceOf(VitrineError);
    expect(e!.code).to.equal('parse');
    expect(e!.details.received).to.equal('html');
    expect(e!.url).to.equal('https://portail.example.fr/data.csv');
  });

  it('reads UTF-16 LE text as Excel saves it ("Unicode text", tab-separated)', () => {
    const text = 'Commune\tPopulation\r\nÉvreux\t46 707\r\nÉpinal\t31 764\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const r = parseBytes(bytes);
    const t = new Table(r.table);
    expect(r.encoding).to.equal('utf-16le');
    expect(r.delimiter).to.equal('\t');
    expect(cell(t, 1, 'Commune')).to.equal('Épinal');
    expectTypes(t, { Population: 'integer' });
  });

  it('honours the delimiter, format and encoding hints', () => {
    const r = parseText('a;b\tc\n1;2\t3\n', { delimiter: 'tab' });
    expect(r.table.columns.map((c) => c.name)).to.deep.equal(['a;b', 'c']);
    expect(parseText('a;b\tc\n1;2\t3\n', { format: 'tsv' }).delimiter).to.equal('\t');
    const latin = parseBytes(new TextEncoder().encode('nom\nélu\n'), { encoding: 'latin1' });
    expect(new Table(latin.table).text(0, 0)).to.equal('Ã©lu');
  });

  it('skips a preamble before the header', () => {
    const r = parseText('Subventions 2017\r\nSource : Département du Lot\r\n\r\nnom;montant\r\nA;10\r\nB;20\r\n');
    const t = new Table(r.table);
    expect(t.columns.map((c) => c.name)).to.deep.equal(['nom', 'montant']);
    expect(t.rowCount).to.equal(2);
  });

  it('gives "empty" errors for nothing, for no rows and for no records', () => {
    const codes = ['', '  \n', 'a;b;c\n;;\n', '[]', '{"data": [], "page": 1, "page_size": 20}'].map((text) => {
      try {
        parseText(text, { url: 'u' });
      } catch (err) {
        return err instanceof VitrineError ? `${err.code}:${err.url}` : String(err);
      }
      return 'table';
    });
    expect(codes).to.deep.equal(['empty:u', 'empty:u', 'empty:u', 'empty:u', 'empty:u']);
  });

  it('gives "parse" errors for invalid JSON, with the reason', () => {
    for (const text of ['{"a": ', '[1, 2,', '{"a": 1} trailing']) {
      try {
        parseText(text, { url: 'https://x.fr/a.json' });
        expect.fail(`no error for ${text}`);
      } catch (err) {
        expect(err).to.be.instanceOf(VitrineError);
        expect((err as VitrineError).code).to.equal('parse');
        expect((err as VitrineError).details.reason).to.equal('invalid-json');
      }
    }
  });

  it('passes a wrong records path on as a "config" error with the URL', () => {
    try {
      parseText('{"result": {"records": [{"a": 1}]}}', { records: 'result.rows', url: 'https://x.fr/api' });
      expect.fail('no error');
    } catch (err) {
      expect(err).to.be.instanceOf(VitrineError);
      expect((err as VitrineError).code).to.equal('config');
      expect((err as VitrineError).url).to.equal('https://x.fr/api');
    }
  });

  it('reports progress, increasing up to 1, on a large CSV', () => {
    const text = 'code;nom;montant\n' + '01004;Ambérieu;40 000,00\n'.repeat(300000);
    const progress: number[] = [];
    const r = parseBytes(new TextEncoder().encode(text), {}, (f) => progress.push(f));
    expect(r.table.rowCount).to.equal(300000);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).to.be.at.least(progress[i - 1]);
    expect(
      progress.some((f) => f > 0 && f < 0.5),
      'while splitting',
    ).to.equal(true);
    expect(
      progress.some((f) => f > 0.5 && f < 1),
      'while typing',
    ).to.equal(true);
    expect(progress[progress.length - 1]).to.equal(1);
  });
});

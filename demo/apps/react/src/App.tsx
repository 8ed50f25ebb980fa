import { useRef, useState } from 'react';
import type { VitrineErrorEvent, VitrineLoadEvent, VitrineSelectEvent } from 'vitrine';
import type { VitrineMap } from 'vitrine/map';
import type { VitrineTable } from 'vitrine/table';
// `?url`: Vite copies the files into the build and gives their address (see vite.config.ts).
import subventionsUrl from '../../../data/lot-subventions-2017.csv?url';
import observatoireUrl from '../../../data/odf-observatoire.csv?url';

/** The columns of the subsidies file a person may show, in the file's order. */
const COLUMNS = ['dateConvention', 'nomBeneficiaire', 'objet', 'montant', 'nature', 'conditionsVersement'];
const PAGE_SIZES = [5, 10, 20];

/** The distinct values of one column among records, sorted the French way. */
function valuesOf(rows: readonly Record<string, unknown>[], column: string): string[] {
  const values = new Set(rows.map((row) => String(row[column] ?? '')).filter(Boolean));
  return [...values].sort((a, b) => a.localeCompare(b, 'fr'));
}

/** The elements' `filter` syntax ("column = value"), or no filter for the empty choice. */
const filterFor = (column: string, value: string) => (value ? `${column} = ${value}` : '');

const lines = (count: number) => `${count.toLocaleString('fr-FR')} lignes chargées`;

export function App() {
  const table = useRef<VitrineTable>(null);
  const map = useRef<VitrineMap>(null);

  const [label, setLabel] = useState('Subventions du Département du Lot (2017)');
  const [pageSize, setPageSize] = useState(10);
  const [shown, setShown] = useState(['nomBeneficiaire', 'montant', 'conditionsVersement']);
  const [lang, setLang] = useState('fr');
  const [versements, setVersements] = useState<string[]>([]);
  const [versement, setVersement] = useState('');
  const [tableStatus, setTableStatus] = useState('Chargement…');

  const [types, setTypes] = useState<string[]>([]);
  const [type, setType] = useState('');
  const [mapStatus, setMapStatus] = useState('Chargement…');
  const [selection, setSelection] = useState('');

  const toggleColumn = (name: string, on: boolean) =>
    setShown((current) => COLUMNS.filter((c) => (c === name ? on : current.includes(c))));

  const onTableLoad = (e: VitrineLoadEvent) => {
    setTableStatus(lines(e.detail.rowCount));
    // `rows` is readable once loaded: the values offered in the <select> come from the file.
    setVersements(valuesOf(table.current!.rows, 'conditionsVersement'));
  };
  const onMapLoad = (e: VitrineLoadEvent) => {
    setMapStatus(lines(e.detail.rowCount));
    setTypes(valuesOf(map.current!.rows, 'type'));
  };
  const onError = (e: VitrineErrorEvent) => {
    const status = `Erreur (${e.detail.code}) : ${e.detail.message}`;
    if (e.target === map.current) setMapStatus(status);
    else setTableStatus(status);
  };
  const onSelect = (e: VitrineSelectEvent) => {
    const { nom, type } = e.detail.record;
    setSelection(`${nom} (${type})`);
  };

  return (
    <>
      <header>
        <h1>Vitrine dans une application React</h1>
        <p>
          Les contrôles ci-dessous sont rendus par React ; chaque changement passe par l’état de React jusqu’aux
          éléments Vitrine, sous forme d’attribut ou de propriété.
        </p>
      </header>
      <main>
        <section aria-labelledby="subventions-title">
          <h2 id="subventions-title">Tableau</h2>
          <div className="controls">
            <label>
              Titre
              <input id="label" value={label} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <label>
              Versement
              <select id="versement" value={versement} onChange={(e) => setVersement(e.target.value)}>
                <option value="">Tous</option>
                {versements.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Lignes par page
              <select id="page-size" value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Langue des éléments
              <select id="lang" value={lang} onChange={(e) => setLang(e.target.value)}>
                <option value="fr">français</option>
                <option value="en">English</option>
              </select>
            </label>
            <fieldset id="columns">
              <legend>Colonnes</legend>
              {COLUMNS.map((name) => (
                <label key={name}>
                  <input
                    type="checkbox"
                    value={name}
                    checked={shown.includes(name)}
                    onChange={(e) => toggleColumn(name, e.target.checked)}
                  />
                  {name}
                </label>
              ))}
            </fieldset>
          </div>
          <p id="table-status" className="status" role="status">
            {tableStatus}
          </p>
          {/*
            React 19 sets a prop as a property when the element has one (label, lang, filter, search,
            columns), else as an attribute (page-size); `on` + the event's exact name listens to it.
            Assigning `columns` sets the columns to show (an array here; a string is read as the
            attribute), while reading it gives the columns of the loaded data.
          */}
          <vitrine-table
            ref={table}
            src={subventionsUrl}
            label={label}
            lang={lang}
            filter={filterFor('conditionsVersement', versement)}
            page-size={pageSize}
            columns={shown}
            search
            onvitrine-load={onTableLoad}
            onvitrine-error={onError}
          ></vitrine-table>
        </section>

        <section aria-labelledby="map-title">
          <h2 id="map-title">Carte</h2>
          <div className="controls">
            <label>
              Type de structure
              <select id="type" value={type} onChange={(e) => setType(e.target.value)}>
                <option value="">Tous</option>
                {types.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p id="map-status" className="status" role="status">
            {mapStatus}
          </p>
          <p id="selection" className="status" aria-live="polite">
            {selection ? `Sélection : ${selection}` : 'Cliquez sur un point de la carte.'}
          </p>
          {/* tiles="none": no tile server, only the points (and nothing fetched from another host). */}
          <vitrine-map
            ref={map}
            src={observatoireUrl}
            label="Qui ouvre ses données ?"
            lang={lang}
            tiles="none"
            color-by="type"
            filter={filterFor('type', type)}
            onvitrine-load={onMapLoad}
            onvitrine-error={onError}
            onvitrine-select={onSelect}
          ></vitrine-map>
        </section>
      </main>
    </>
  );
}

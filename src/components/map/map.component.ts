import { html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VitrineError } from '../../data/errors.ts';
import type { Table } from '../../data/model.ts';
import { countValues, distinctOf, orderOf } from '../../data/query.ts';
import { formatInteger } from '../../format/format.ts';
import { t, type Lang } from '../../i18n/localize.ts';
import { parseList } from '../../internal/converters.ts';
import { VitrineSelectEvent } from '../../internal/events.ts';
import { styleProps } from '../../internal/style-props.ts';
import { VitrineElement } from '../../internal/vitrine-element.ts';
import { cellContent, type CellContext } from '../table/cells.ts';
import { resolveColumns, type ShownColumn } from '../table/column-spec.ts';
import '../table/table.ts';
import type { MapSpec, MapView, TileSpec } from './leaflet-view.ts';
import { mapStyles } from './map.styles.ts';
import { detectLocator, pointsOf, type Locator, type Points } from './points.ts';
import { CATEGORICAL, OTHER_COLOR } from './thematic.ts';

/** The point colours: the classes c0…c7 of map.styles.ts follow this order. */
const CATEGORY_COLORS = CATEGORICAL;
const NEUTRAL = OTHER_COLOR;

/** Tile presets: name → URL template, attribution (HTML we write), max zoom. */
const TILES: Record<string, TileSpec> = {
  'osm-fr': {
    url: 'https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png',
    attribution:
      '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>, fond OpenStreetMap France',
    maxZoom: 20,
  },
  osm: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>',
    maxZoom: 19,
  },
  ign: {
    url: 'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
    attribution: '© <a href="https://www.ign.fr/">IGN</a> Géoplateforme',
    maxZoom: 19,
  },
};

/**
 * @tagname vitrine-map
 * @summary A map of the rows of a CSV, JSON or GeoJSON file: points (clustered when there are many), coloured by category, with popups, a legend and a list of the places as a text alternative.
 *
 * @attribute lat - Latitude column (detected when absent: lat, latitude, y, ylatitude…).
 * @attribute lon - Longitude column (detected when absent: lon, lng, longitude, x, xlongitude…).
 * @attribute coordinates - A single "lat,lon" column (detected when absent: geo_point_2d, coordonnees_gps…).
 * @attribute color-by - A category column: one colour per category (colour-blind-safe palette), with a legend.
 * @attribute popup - Fields shown in a point's popup, with labels and formats as in `<vitrine-table columns>` ("nom = Collectivité, pop_insee = Population : integer"). All columns when absent.
 * @attribute cluster - Boolean: groups nearby points into clusters (for thousands of points).
 * @attribute tiles - Background map: `osm-fr` (default), `osm`, `ign`, a tile URL template with {z}/{x}/{y}, or `none` (no tile server).
 * @attribute attribution - Attribution text for a tile URL template of your own.
 * @attribute center - Initial centre, "lat, lon" (the view fits the data when absent).
 * @attribute zoom - Initial zoom level.
 *
 * @event vitrine-load - The data is loaded and shown. `detail`: `{ rowCount, columns, elapsed, url }`.
 * @event vitrine-error - Loading or configuration failed. `detail`: `{ code, message, url }`.
 * @event vitrine-select - A person activated a point. `detail`: `{ record, index }`.
 *
 * @csspart summary - The line that counts the places shown and those without coordinates.
 * @csspart map - The map box.
 * @csspart legend - The legend.
 * @csspart list-toggle - The button that shows or hides the list of places.
 * @csspart list - The list of places (a `<vitrine-table>`).
 *
 * @cssproperty --vitrine-map-height - Height of the map (default 28rem).
 */
export class VitrineMap extends VitrineElement {
  static override styles = [...VitrineElement.styles, mapStyles];

  /** Latitude column, when detection is not enough. */
  @property({ attribute: 'lat' }) latColumn = '';
  /** Longitude column, when detection is not enough. */
  @property({ attribute: 'lon' }) lonColumn = '';
  /** A single "lat,lon" column, when detection is not enough. */
  @property() coordinates = '';
  /** Category column that colours the points. */
  @property({ attribute: 'color-by' }) colorBy = '';
  /** Fields of the popup, as `<vitrine-table columns>` takes them. */
  @property() popup = '';
  /** Groups nearby points into clusters. */
  @property({ type: Boolean }) cluster = false;
  /** Background tiles: a preset, a URL template or `none`. */
  @property() tiles = 'osm-fr';
  /** Attribution of a tile URL template. */
  @property() attribution = '';
  /** Initial centre "lat, lon". */
  @property() center = '';
  /** Initial zoom. */
  @property({ type: Number }) zoom?: number;

  @state() private listShown = false;

  #view?: MapView;
  #loading?: Promise<void>;
  #points?: { table: Table; key: string; points: Points };

  protected override validate(table: Table): void {
    this.#locator(table);
    this.#popupColumns(table);
    if (this.colorBy) this.requireColumn(table, this.colorBy, 'color-by');
  }

  #url(): string {
    return this.data.result?.url ?? this.src;
  }

  #locator(table: Table): Locator {
    if (this.coordinates) return { kind: 'point', point: this.requireColumn(table, this.coordinates, 'coordinates') };
    if (this.latColumn || this.lonColumn) {
      return {
        kind: 'latlon',
        lat: this.requireColumn(table, this.latColumn, 'lat'),
        lon: this.requireColumn(table, this.lonColumn, 'lon'),
      };
    }
    const found = detectLocator(table);
    if (!found) {
      throw new VitrineError('config', 'no coordinates', this.#url(), {
        reason: 'no-coordinates',
        available: table.columns.map((c) => c.name),
      });
    }
    return found;
  }

  #popupColumns(table: Table): ShownColumn[] {
    const shown = resolveColumns(table, parseList(this.popup), this.#url());
    // Without a list, every column but the coordinates themselves.
    if (this.popup) return shown;
    return shown.filter((s) => s.column.type !== 'geometry' && s.column.type !== 'geopoint');
  }

  #pointsOf(table: Table): Points {
    const locator = this.#locator(table);
    const key = JSON.stringify([
      locator.kind,
      Object.values(locator).map((c) => (typeof c === 'object' ? c.index : c)),
    ]);
    if (this.#points?.table !== table || this.#points.key !== key) {
      this.#points = { table, key, points: pointsOf(table, locator) };
    }
    return this.#points.points;
  }

  /** Categories of `color-by`, most frequent first, and the colour class of each value id. */
  #categories(table: Table): { labels: string[]; counts: number[]; classOfId: Int32Array; other: number } | undefined {
    if (!this.colorBy) return undefined;
    const col = this.requireColumn(table, this.colorBy, 'color-by').index;
    const counts = countValues(table, col);
    const order = Array.from(orderOf(table, col)).sort((a, b) => counts[b] - counts[a]);
    const classOfId = new Int32Array(counts.length).fill(-1);
    const max = CATEGORY_COLORS.length;
    // Beyond the palette, the least frequent categories share the neutral colour ("Autres").
    const kept = order.length > max ? order.slice(0, max - 1) : order;
    kept.forEach((id, k) => (classOfId[id] = k));
    let other = 0;
    for (const id of order.slice(kept.length)) other += counts[id];
    const values = distinctOf(table, col).values;
    return { labels: kept.map((id) => values[id]), counts: kept.map((id) => counts[id]), classOfId, other };
  }

  #tiles(): TileSpec | undefined {
    const v = this.tiles.trim();
    if (!v || v === 'none') return undefined;
    const preset = TILES[v.toLowerCase()];
    if (preset) return preset;
    const escaped = this.attribution.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return { url: v, attribution: escaped, maxZoom: 19 };
  }

  #spec(table: Table): MapSpec {
    const lang = this.language;
    const points = this.#pointsOf(table);
    const categories = this.#categories(table);
    const colorCol = this.colorBy ? table.column(this.colorBy)!.index : -1;
    const ids = colorCol >= 0 ? distinctOf(table, colorCol).ids : undefined;
    const popupColumns = this.#popupColumns(table);
    const ctx: CellContext = { lang, yes: t(lang, 'yes'), no: t(lang, 'no') };
    const titleColumn = popupColumns.find((s) => s.column.type === 'string') ?? popupColumns[0];
    const center = parseList(this.center.replace(/;/g, ',')).map(Number);
    return {
      points,
      classOf: (row) => (categories && ids && ids[row] >= 0 ? categories.classOfId[ids[row]] : -1),
      colors: CATEGORY_COLORS,
      neutral: NEUTRAL,
      title: (row) => (titleColumn ? table.text(row, titleColumn.column.index).trim() : String(row + 1)),
      popup: (row) => this.#popupContent(table, row, popupColumns, ctx),
      onSelect: (row) => this.dispatchEvent(new VitrineSelectEvent({ record: table.record(row), index: row })),
      cluster: this.cluster,
      clusterTitle: (count) => t(lang, 'mapCluster', { count: formatInteger(lang, count) }),
      tiles: this.#tiles(),
      center: center.length === 2 && center.every(Number.isFinite) ? [center[0], center[1]] : undefined,
      zoom: this.zoom,
    };
  }

  /** A popup: the chosen fields as a definition list, formatted and safe (rendered by Lit, never as HTML). */
  #popupContent(table: Table, row: number, columns: ShownColumn[], ctx: CellContext): HTMLElement {
    const box = document.createElement('div');
    box.className = 'vitrine-popup';
    render(
      html`<dl>
        ${columns.map((s) => {
          const content = cellContent(table, row, s, ctx);
          return content === ''
            ? nothing
            : html`<div>
                <dt>${s.label}</dt>
                <dd>${content}</dd>
              </div>`;
        })}
      </dl>`,
      box,
    );
    return box;
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: the map is built again on the next update.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#view?.destroy();
    this.#view = undefined;
    this.#loading = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const table = this.table;
    const box = this.renderRoot.querySelector<HTMLElement>('[part="map"]');
    if (!table || !box || this.#loading) return;
    let spec: MapSpec;
    try {
      spec = this.#spec(table);
    } catch {
      return; // a configuration error is shown already
    }
    if (this.#view && this.#view.map.getContainer() === box) {
      // Showing the list changes nothing on the map.
      if ([...changed.keys()].some((k) => k !== 'listShown')) this.#view.update(spec);
      return;
    }
    this.#view?.destroy();
    this.#view = undefined;
    // Leaflet and the clustering code load with the first map on the page, not before.
    const loading = import('./leaflet-view.ts').then(({ createMapView }) => {
      if (this.#loading !== loading || !this.isConnected) return;
      this.#loading = undefined;
      this.#view = createMapView(box, this.#spec(table));
      this.dispatchEvent(new Event('vitrine-map-ready'));
    });
    this.#loading = loading;
  }

  /** Opens the popup of a record on the map (its row index in the data). */
  openRecord(index: number): void {
    this.#view?.open(index);
  }

  /** The Leaflet map, once drawn (for advanced use). */
  get leafletMap(): unknown {
    return this.#view?.map;
  }

  // ---- rendering -------------------------------------------------------------------------------

  protected override renderData(table: Table): TemplateResult {
    const lang = this.language;
    const points = this.#pointsOf(table);
    const categories = this.#categories(table);
    const shown = points.rows.length;
    const without = points.missing + points.invalid;
    const summary = [
      shown === 1 ? t(lang, 'mapPlace') : t(lang, 'mapPlaces', { count: formatInteger(lang, shown) }),
      ...(points.shapes.length ? [t(lang, 'mapShapes', { count: formatInteger(lang, points.shapes.length) })] : []),
      ...(without ? [t(lang, 'mapWithout', { count: formatInteger(lang, without) })] : []),
    ].join(', ');
    const popupNames = this.popup || '';
    return html`<p part="summary" aria-live="polite">${summary}</p>
      <div part="map" class="map" role="region" aria-label=${this.label || t(lang, 'tableCaption')}></div>
      ${categories ? this.#renderLegend(lang, categories) : nothing}
      <button
        type="button"
        part="list-toggle"
        aria-expanded=${this.listShown ? 'true' : 'false'}
        aria-controls="list"
        @click=${() => (this.listShown = !this.listShown)}
      >
        ${this.listShown ? t(lang, 'mapListHide') : t(lang, 'mapListShow')}
      </button>
      <div id="list" ?hidden=${!this.listShown}>
        ${
          this.listShown
            ? html`<vitrine-table
                part="list"
                src=${this.src}
                lang=${lang}
                label=${this.label}
                format=${this.format || nothing}
                delimiter=${this.delimiter || nothing}
                encoding=${this.encoding || nothing}
                records=${this.records || nothing}
                proxy=${this.proxy || nothing}
                columns=${popupNames || nothing}
                page-size="10"
                search
              ></vitrine-table>`
            : nothing
        }
      </div>`;
  }

  #renderLegend(lang: Lang, c: { labels: string[]; counts: number[]; other: number }): TemplateResult {
    const title = this.#popupTitle(this.colorBy);
    return html`<figure part="legend">
      <figcaption>${title}</figcaption>
      <ul>
        ${c.labels.map(
          (label, k) =>
            html`<li>
              <span class="swatch" style=${styleProps({ background: CATEGORY_COLORS[k] })}></span>${label}
              <span class="count">(${formatInteger(lang, c.counts[k])})</span>
            </li>`,
        )}
        ${
          c.other
            ? html`<li>
                <span class="swatch" style=${styleProps({ background: NEUTRAL })}></span>${t(lang, 'mapOther')}
                <span class="count">(${formatInteger(lang, c.other)})</span>
              </li>`
            : nothing
        }
      </ul>
    </figure>`;
  }

  /** The label the popup gives a column, else its name. */
  #popupTitle(name: string): string {
    const table = this.table;
    if (!table) return name;
    try {
      const s = this.#popupColumns(table).find((p) => p.column === table.column(name));
      return s?.label ?? table.column(name)?.label ?? name;
    } catch {
      return name;
    }
  }
}

import { css } from 'lit';

/**
 * The map's styles, inside the shadow root: the element's own parts, and the layout rules the
 * Leaflet classes it uses need (panes stacked and positioned, tiles, controls in the corners,
 * popups), written for this element so that no global stylesheet is required.
 */
export const mapStyles = css`
  :host {
    --vitrine-map-height: 28rem;
  }
  [part='summary'] {
    margin: 0 0 var(--vitrine-spacing, 0.5rem);
    color: var(--vitrine-color-muted, #555);
  }
  .map {
    height: var(--vitrine-map-height);
    border: 1px solid var(--vitrine-color-border, #ddd);
    border-radius: var(--vitrine-radius, 4px);
  }
  [part='legend'] {
    margin: var(--vitrine-spacing, 0.5rem) 0;
  }
  [part='legend'] figcaption {
    font-weight: 600;
  }
  [part='legend'] ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
  }
  [part='legend'] li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .swatch {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    border-radius: 50%;
    border: 1px solid #fff;
    box-shadow: 0 0 0 1px #888;
  }
  .count {
    color: var(--vitrine-color-muted, #555);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--vitrine-spacing, 0.5rem);
    margin: var(--vitrine-spacing, 0.5rem) 0;
  }
  [part='list-toggle'],
  [part='export'] {
    font: inherit;
    padding: 0.35em 0.75em;
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    color: var(--vitrine-color-primary, #000091);
    cursor: pointer;
  }
  [part='list-toggle']:focus-visible,
  [part='export']:focus-visible,
  .map:focus-visible,
  .leaflet-marker-icon:focus-visible,
  .leaflet-interactive:focus-visible,
  .leaflet-container a:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: 2px;
  }

  /* Leaflet layout */
  .leaflet-container {
    position: relative;
    overflow: hidden;
    background: var(--vitrine-map-background, #eef1f4);
    font: inherit;
    /* em, here and in the controls and popups: they follow the host's --vitrine-font-size. */
    font-size: 0.85em;
    touch-action: none;
    -webkit-tap-highlight-color: transparent;
  }
  .leaflet-pane,
  .leaflet-tile,
  .leaflet-marker-icon,
  .leaflet-tile-container,
  .leaflet-pane > svg,
  .leaflet-pane > canvas,
  .leaflet-zoom-box,
  .leaflet-layer {
    position: absolute;
    left: 0;
    top: 0;
  }
  .leaflet-tile,
  .leaflet-marker-icon {
    user-select: none;
  }
  .leaflet-tile {
    visibility: hidden;
    width: 256px;
    height: 256px;
    max-width: none;
  }
  .leaflet-tile-loaded {
    visibility: inherit;
  }
  .leaflet-pane {
    z-index: 400;
  }
  .leaflet-tile-pane {
    z-index: 200;
  }
  .leaflet-vitrineBackground-pane {
    z-index: 350;
  }
  .leaflet-overlay-pane {
    z-index: 400;
  }
  .leaflet-marker-pane {
    z-index: 600;
  }
  .leaflet-tooltip-pane {
    z-index: 650;
  }
  .leaflet-popup-pane {
    z-index: 700;
  }
  .leaflet-map-pane canvas {
    z-index: 100;
  }
  .leaflet-map-pane svg {
    z-index: 200;
  }
  .leaflet-zoom-animated {
    transform-origin: 0 0;
  }
  .leaflet-zoom-anim .leaflet-zoom-animated {
    transition: transform 0.25s cubic-bezier(0, 0, 0.25, 1);
  }
  .leaflet-zoom-anim .leaflet-tile,
  .leaflet-pan-anim .leaflet-tile {
    transition: none;
  }
  .leaflet-interactive {
    cursor: pointer;
  }
  .leaflet-grab {
    cursor: grab;
  }
  .leaflet-dragging .leaflet-grab {
    cursor: grabbing;
  }
  .leaflet-control-container .leaflet-top,
  .leaflet-control-container .leaflet-bottom {
    position: absolute;
    z-index: 1000;
    pointer-events: none;
  }
  .leaflet-top {
    top: 0;
  }
  .leaflet-bottom {
    bottom: 0;
  }
  .leaflet-left {
    left: 0;
  }
  .leaflet-right {
    right: 0;
  }
  .leaflet-control {
    position: relative;
    z-index: 800;
    pointer-events: auto;
    float: left;
    clear: both;
  }
  .leaflet-right .leaflet-control {
    float: right;
  }
  .leaflet-top .leaflet-control {
    margin-top: 10px;
  }
  .leaflet-left .leaflet-control {
    margin-left: 10px;
  }
  .leaflet-bar {
    border: 1px solid #8a8a8a;
    border-radius: 4px;
    background: #fff;
  }
  .leaflet-bar a {
    display: block;
    /* 18 px on a 32 px square at the default font size. */
    font: bold 1.32em/1.78 sans-serif;
    width: 1.78em;
    height: 1.78em;
    text-align: center;
    text-decoration: none;
    color: #1e1e1e;
  }
  .leaflet-bar a + a {
    border-top: 1px solid #ccc;
  }
  .leaflet-bar a.leaflet-disabled {
    color: #767676;
    cursor: default;
  }
  .leaflet-control-attribution {
    margin: 0;
    padding: 0 5px;
    background: rgba(255, 255, 255, 0.85);
    color: #333;
    font-size: 0.88em;
  }
  .leaflet-control-attribution a {
    color: #0b5394;
  }
  .leaflet-popup {
    position: absolute;
    margin-bottom: 20px;
  }
  .leaflet-popup-content-wrapper {
    padding: 1px;
    border-radius: 8px;
    background: #fff;
    color: #1e1e1e;
    box-shadow: 0 3px 14px rgba(0, 0, 0, 0.35);
  }
  .leaflet-popup-content {
    margin: 0.9em 2em 0.9em 1.2em;
    min-width: 12em;
    max-height: 21em;
    overflow: auto;
  }
  .leaflet-popup-tip-container {
    position: absolute;
    left: 50%;
    width: 40px;
    height: 20px;
    margin-left: -20px;
    overflow: hidden;
    pointer-events: none;
  }
  .leaflet-popup-tip {
    width: 17px;
    height: 17px;
    margin: -10px auto 0;
    padding: 1px;
    background: #fff;
    transform: rotate(45deg);
  }
  .leaflet-popup-close-button {
    position: absolute;
    top: 0;
    right: 0;
    /* 18 px on a 28 px square at the default font size. */
    font: 1.32em/1.56 sans-serif;
    width: 1.56em;
    height: 1.56em;
    border: 0;
    background: transparent;
    color: #555;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .vitrine-popup dl {
    margin: 0;
  }
  .vitrine-popup dl > div {
    margin: 0 0 0.35rem;
  }
  .vitrine-popup dt {
    font-weight: 600;
    font-size: 0.8em;
    color: #555;
  }
  .vitrine-popup dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* Markers: vector, coloured by class (see CATEGORY_COLORS in the component). */
  .vitrine-point {
    border: 1.5px solid #fff;
    border-radius: 50%;
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.45);
    background: #6b6b6b;
  }
  .vitrine-point.c0 {
    background: #0072b2;
  }
  .vitrine-point.c1 {
    background: #e69f00;
  }
  .vitrine-point.c2 {
    background: #009e73;
  }
  .vitrine-point.c3 {
    background: #cc79a7;
  }
  .vitrine-point.c4 {
    background: #56b4e9;
  }
  .vitrine-point.c5 {
    background: #d55e00;
  }
  .vitrine-point.c6 {
    background: #f0e442;
  }
  .vitrine-point.c7 {
    background: #000;
  }
  .vitrine-cluster {
    display: flex;
    align-items: center;
    justify-content: center;
    border-radius: 50%;
    background: #005b8f;
    border: 3px solid rgba(255, 255, 255, 0.9);
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.35);
    color: #fff;
    font-weight: 700;
    font-size: 0.8rem;
  }
  .swatch.no-data {
    background: repeating-linear-gradient(135deg, #f7f7f7 0 2px, #8a8a8a 2px 3px);
  }
  .swatch.square {
    border-radius: 2px;
    border-color: transparent;
  }
  .sizes svg {
    flex: none;
  }
  .size-circle {
    fill: rgba(0, 114, 178, 0.2);
    stroke: #0072b2;
    stroke-width: 1.5;
  }
  .vitrine-point.sized {
    opacity: 0.8;
  }
  .popup-title {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }
  .vitrine-area:focus-visible {
    outline: none;
    stroke: var(--vitrine-color-focus, #0a76f6);
    stroke-width: calc(var(--vitrine-focus-width, 2px) * 1.5);
  }
  .area-table {
    max-height: 24em;
    overflow: auto;
  }
  .area-table table {
    border-collapse: collapse;
    width: 100%;
  }
  .area-table caption {
    text-align: start;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  .area-table th,
  .area-table td {
    text-align: start;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--vitrine-color-border, #ddd);
  }
  .area-table th[scope='row'] {
    font-weight: normal;
  }
  .area-table .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;

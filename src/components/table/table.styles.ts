import { css } from 'lit';

/** Sizes inside cells are in `em`: they grow with `--vitrine-font-size` (presentation mode). */
export const tableStyles = css`
  :host {
    --vitrine-table-border: var(--vitrine-color-border, #ddd);
    --vitrine-table-header-background: var(--vitrine-color-surface, #f6f6f6);
    --vitrine-table-stripe: var(--vitrine-color-stripe, #fafafa);
  }
  [part='scroller'] {
    overflow: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  [part='caption'] {
    font-weight: 600;
    padding: var(--vitrine-spacing, 0.5rem) 0;
  }
  th,
  td {
    padding: var(--vitrine-table-cell-padding, 0.4em 0.6em);
    border-bottom: 1px solid var(--vitrine-table-border);
    text-align: start;
    vertical-align: top;
  }
  th {
    background: var(--vitrine-table-header-background);
    font-weight: 600;
    white-space: nowrap;
    position: sticky;
    top: 0;
  }
  tbody tr:nth-child(even) {
    background: var(--vitrine-table-stripe);
  }
  tfoot th {
    background: none;
    position: static;
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
    border-top: 2px solid var(--vitrine-color-border-strong, #767676);
    border-bottom: 0;
  }
  /* Data bars: a band behind the value, as long as the value is large (see --vitrine-bar). */
  td.bar {
    background-image: linear-gradient(
      to right,
      var(--vitrine-color-bar, #c6d9f5) var(--vitrine-bar),
      transparent var(--vitrine-bar)
    );
    background-repeat: no-repeat;
    background-size: 100% 70%;
    background-position: 0 50%;
  }
  td.bar.negative {
    --vitrine-color-bar: var(--vitrine-color-bar-negative, #f5c9c6);
  }
  /* Colour scale: light for the lowest value, strong for the highest; text stays dark enough to read. */
  td.scale {
    background-color: color-mix(
      in srgb,
      var(--vitrine-color-scale-high, #7fa9e6) var(--vitrine-scale),
      var(--vitrine-color-scale-low, #f4f8fe)
    );
  }
  /* Virtual scrolling: a box of fixed height, one line per row, widths frozen after the first draw. */
  [part='scroller'].virtual {
    max-height: var(--vitrine-table-height, 32rem);
    overscroll-behavior: contain;
    /* The same width whether a scroll bar shows or not (see below): frozen widths stay right. */
    scrollbar-gutter: stable;
  }
  /* With --vitrine-table-overflow-unfocused: hidden (presentation mode), the box takes neither the
     wheel nor touch scrolling before a click or the keyboard puts the focus in it: the page or the
     deck scrolls over it, as over a map. Once focused it scrolls, as a focused map zooms. */
  [part='scroller'].virtual:not(:focus-within) {
    overflow-y: var(--vitrine-table-overflow-unfocused, auto);
  }
  .virtual th,
  .virtual td {
    white-space: nowrap;
  }
  .virtual td {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  table.fixed {
    table-layout: fixed;
  }
  tr.selected td {
    background: var(--vitrine-color-selected, #e3e3fd);
  }
  tr.selected td:first-child {
    box-shadow: inset calc(4px * var(--vitrine-mark-scale, 1)) 0 0 var(--vitrine-color-primary, #000091);
  }
  .select-cell {
    width: 2.5em;
    padding: 0 0.25em;
    text-align: center;
  }
  [part='select'] {
    border: 0;
    background: transparent;
    min-width: 2em;
    min-height: 2em;
    font-size: 1.1em;
    line-height: 1;
  }
  tr[part~='row'] {
    cursor: default;
  }
  tr.spacer td {
    padding: 0;
    border: 0;
  }
  th {
    z-index: 1;
  }
  .download {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--vitrine-spacing, 0.5rem);
  }
  [part='download'] {
    padding: 0.3em 0.75em;
  }
  .num {
    text-align: end;
    white-space: nowrap;
  }
  td {
    max-width: 32em;
    overflow-wrap: anywhere;
  }
  [part='pagination'] {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  th button {
    all: unset;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: 600;
  }
  th button:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 2px);
  }
  .sort-mark {
    font-size: 0.7em;
    min-width: 0.8em;
  }
  [part='scroller']:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 1px);
  }
  a {
    color: var(--vitrine-color-link, var(--vitrine-color-primary, #000091));
  }
  td a {
    overflow-wrap: anywhere;
  }
  td img {
    display: block;
    max-width: 8em;
    max-height: 4em;
    object-fit: contain;
  }
`;

import { css } from 'lit';

/** Sizes around the chart are in `em`: they grow with `--vitrine-font-size` (presentation mode). */
export const budgetStyles = css`
  .head {
    margin-bottom: var(--vitrine-spacing, 0.5rem);
  }
  [part='title'] {
    font-size: 1.15em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  [part='subtitle'] {
    margin: 0.15rem 0;
    color: var(--vitrine-color-muted, #555);
  }
  [part='total'] {
    margin: 0.15rem 0;
    font-size: 1.05em;
  }
  [part='total'] strong {
    font-variant-numeric: tabular-nums;
  }
  [part='control'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
  }
  button {
    padding: 0.3em 0.7em;
  }
  button.toggle[aria-pressed='true'] {
    background: var(--vitrine-color-primary, #000091);
    border-color: var(--vitrine-color-primary, #000091);
    color: var(--vitrine-color-on-primary, #fff);
  }
  [part='breadcrumb'] ol {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem;
    list-style: none;
    margin: 0 0 var(--vitrine-spacing, 0.5rem);
    padding: 0;
  }
  [part='breadcrumb'] li + li::before {
    content: '›';
    margin-right: 0.25rem;
    color: var(--vitrine-color-muted, #555);
  }
  [part='breadcrumb'] li[aria-current] {
    font-weight: 600;
  }
  [part='breadcrumb'] button,
  button.link {
    min-height: 0;
    min-width: 0;
    padding: 0.1em 0.2em;
    border: 0;
    background: none;
    text-decoration: underline;
    text-align: start;
  }
  .plot {
    position: relative;
    width: 100%;
    min-height: 120px;
  }
  .plot canvas {
    display: block;
  }
  .keys {
    position: absolute;
    inset: 0;
    pointer-events: none;
    border-radius: var(--vitrine-radius, 4px);
  }
  .keys:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 2px);
  }
  .keys [role='option'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .chart-status {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    margin: 0;
    color: var(--vitrine-color-muted, #555);
  }
  [part='description'] {
    margin: 0.25rem 0;
    color: var(--vitrine-color-muted, #555);
    font-size: 0.9em;
  }
  [part='legend'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    margin: 0.5rem 0;
    padding: 0;
    font-size: 0.9em;
  }
  [part='legend'] li {
    display: flex;
    align-items: baseline;
    gap: 0.35rem;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .swatch {
    flex: none;
    width: calc(0.9em * var(--vitrine-mark-scale, 1));
    height: calc(0.9em * var(--vitrine-mark-scale, 1));
    border-radius: 2px;
  }
  [part='notice'] {
    margin: 0.25rem 0;
    font-size: 0.9em;
    color: var(--vitrine-color-muted, #555);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--vitrine-spacing, 0.5rem);
    margin: var(--vitrine-spacing, 0.5rem) 0;
  }
  [part='data'] {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  [part='data'] caption {
    text-align: start;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  [part='data'] th,
  [part='data'] td {
    padding: 0.3em 0.5em;
    border-bottom: 1px solid var(--vitrine-color-border, #ddd);
    text-align: start;
    vertical-align: top;
  }
  [part='data'] .num {
    text-align: end;
    white-space: nowrap;
  }
  [part='data'] tfoot th,
  [part='data'] tfoot td {
    font-weight: 700;
    border-bottom: 0;
  }
  .change {
    color: var(--vitrine-color-muted, #555);
    font-weight: 400;
  }
`;

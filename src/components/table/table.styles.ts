import { css } from 'lit';

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
  caption {
    text-align: start;
    font-weight: 600;
    padding: var(--vitrine-spacing, 0.5rem) 0;
    caption-side: top;
  }
  th,
  td {
    padding: 0.4rem 0.6rem;
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
  .num {
    text-align: end;
    white-space: nowrap;
  }
  td {
    max-width: 32rem;
    overflow-wrap: anywhere;
  }
  [part='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--vitrine-spacing, 0.5rem);
    padding: var(--vitrine-spacing, 0.5rem) 0;
    color: var(--vitrine-color-muted, #555);
  }
  [part='pagination'] {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  button {
    font: inherit;
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 1px solid var(--vitrine-table-border);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    color: var(--vitrine-color-primary, #000091);
    cursor: pointer;
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
    outline: 2px solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: 2px;
  }
  .sort-mark {
    font-size: 0.7em;
    min-width: 0.8em;
  }
  [part='search'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--vitrine-spacing, 0.5rem);
    margin-bottom: var(--vitrine-spacing, 0.5rem);
  }
  [part='search'] input {
    font: inherit;
    padding: 0.35rem 0.5rem;
    min-width: min(18rem, 100%);
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    border-radius: var(--vitrine-radius, 4px);
  }
  [part='search'] input:focus-visible {
    outline: 2px solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: 1px;
  }
  button:disabled {
    color: var(--vitrine-color-muted, #767676);
    cursor: default;
  }
  button:focus-visible {
    outline: 2px solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: 2px;
  }
`;

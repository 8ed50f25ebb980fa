import { css } from 'lit';

/**
 * Shared host styles of every element, and the global design tokens. Each token defaults here, so
 * a page can theme every Vitrine element at once by setting `--vitrine-*` on any ancestor.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--vitrine-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Marianne', sans-serif);
    font-size: var(--vitrine-font-size, 1rem);
    color: var(--vitrine-color-text, #1e1e1e);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  [part='status'] {
    display: flex;
    align-items: center;
    gap: var(--vitrine-spacing, 0.5rem);
    padding: var(--vitrine-spacing, 0.5rem);
    color: var(--vitrine-color-muted, #555);
  }
  [part='status'] progress {
    flex: 0 1 12rem;
    accent-color: var(--vitrine-color-primary, #000091);
  }
  [part='error'] {
    padding: calc(var(--vitrine-spacing, 0.5rem) * 1.5);
    border: 1px solid var(--vitrine-color-error, #ce0500);
    border-left-width: 4px;
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-error-background, #ffe9e9);
    color: var(--vitrine-color-error-text, #3b0000);
  }
  [part='error'] strong {
    display: block;
    margin-bottom: 0.25rem;
  }
  [part='error'] p {
    margin: 0.25rem 0 0;
    overflow-wrap: anywhere;
  }
`;

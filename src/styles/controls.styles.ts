import { css } from 'lit';

/**
 * The controls shared by the elements (table, cards, budget): the toolbar with the
 * search box and the facets, buttons, and the footer with counts and pagination.
 * Inner sizes are in `em`, so that they follow `--vitrine-font-size` (presentation mode);
 * at the default size they are the same as in `rem`.
 */
export const controlsStyles = css`
  [part='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--vitrine-spacing, 0.5rem);
    padding: var(--vitrine-spacing, 0.5rem) 0;
    color: var(--vitrine-color-muted, #555);
  }
  button {
    font: inherit;
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 1px solid var(--vitrine-color-border, #ddd);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    color: var(--vitrine-color-primary, #000091);
    cursor: pointer;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--vitrine-spacing, 0.5rem) calc(var(--vitrine-spacing, 0.5rem) * 2);
    margin-bottom: var(--vitrine-spacing, 0.5rem);
  }
  [part='search'],
  [part='facets'],
  [part='facet'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem var(--vitrine-spacing, 0.5rem);
    max-width: 100%;
  }
  [part='facets'] {
    gap: var(--vitrine-spacing, 0.5rem) calc(var(--vitrine-spacing, 0.5rem) * 2);
  }
  [part='facet'] select,
  [part='control'] select {
    font: inherit;
    max-width: min(100%, 22em);
    padding: 0.3em 0.4em;
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    color: inherit;
  }
  [part='search'] input {
    font: inherit;
    padding: 0.35em 0.5em;
    min-width: min(18em, 100%);
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    border-radius: var(--vitrine-radius, 4px);
  }
  [part='search'] input:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 1px);
  }
  button:disabled {
    color: var(--vitrine-color-muted, #767676);
    cursor: default;
  }
  button:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 2px);
  }
  [part='facet'] select:focus-visible,
  [part='control'] select:focus-visible,
  a:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 1px);
  }
`;

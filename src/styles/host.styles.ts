import { css } from 'lit';

/**
 * Shared host styles of every element, and the global design tokens. Each token defaults here, so
 * a page can theme every Vitrine element at once by setting `--vitrine-*` on any ancestor.
 *
 * Presentation mode (`presentation` attribute) only changes tokens, so that every element, and
 * what it draws on a canvas (the budget chart reads them back), follows. The same declarations
 * are in src/themes/presentation.css for a whole deck at once: keep the two the same (a test
 * compares them).
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--vitrine-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Marianne', sans-serif);
    font-size: var(--vitrine-font-size, 1rem);
    color: var(--vitrine-color-text, #1e1e1e);
    line-height: var(--vitrine-line-height, 1.4);
  }
  /* Readable from the back of a room: text about 1.5 times larger, marks (points, bars, lines) 1.75
     times, spacing that grows with the text, 4px focus rings, and greys mixed from the text colour
     (so a dark theme stays readable) much darker than the defaults, which wash out on a projector.
     The scrolling box of a long table keeps the wheel for the page (or the deck) until it is
     clicked or focused, as the map does. */
  :host([presentation]) {
    --vitrine-font-size: var(--vitrine-presentation-font-size, 1.5rem);
    --vitrine-mark-scale: var(--vitrine-presentation-mark-scale, 1.75);
    --vitrine-spacing: 0.5em;
    --vitrine-focus-width: 4px;
    --vitrine-color-muted: color-mix(
      in srgb,
      var(--vitrine-color-text, #1e1e1e) 85%,
      var(--vitrine-color-background, #fff)
    );
    --vitrine-color-border: color-mix(
      in srgb,
      var(--vitrine-color-text, #1e1e1e) 45%,
      var(--vitrine-color-background, #fff)
    );
    --vitrine-color-border-strong: color-mix(
      in srgb,
      var(--vitrine-color-text, #1e1e1e) 80%,
      var(--vitrine-color-background, #fff)
    );
    --vitrine-color-stripe: color-mix(
      in srgb,
      var(--vitrine-color-text, #1e1e1e) 6%,
      var(--vitrine-color-background, #fff)
    );
    --vitrine-table-overflow-unfocused: hidden;
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
    border-left-width: calc(4px * var(--vitrine-mark-scale, 1));
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

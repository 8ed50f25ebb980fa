import { css } from 'lit';

/** Sizes inside cards are in `em`: they grow with `--vitrine-font-size` (presentation mode). */
export const cardsStyles = css`
  :host {
    --vitrine-cards-border: var(--vitrine-color-border, #ddd);
    --vitrine-cards-surface: var(--vitrine-color-surface, #f6f6f6);
  }
  [part='caption'] {
    font-weight: 600;
    padding: var(--vitrine-spacing, 0.5rem) 0;
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--vitrine-card-min-width, 16em)), 1fr));
    gap: calc(var(--vitrine-spacing, 0.5rem) * 2);
  }
  [part~='card'] {
    position: relative;
    display: flex;
    flex-direction: column;
    min-width: 0;
    border: 1px solid var(--vitrine-cards-border);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  [part~='card'].selected {
    border-color: var(--vitrine-color-primary, #000091);
    box-shadow: 0 0 0 calc(2px * var(--vitrine-mark-scale, 1)) var(--vitrine-color-primary, #000091);
    background: var(--vitrine-color-selected, #f5f5fe);
  }
  [part~='card']:hover {
    border-color: var(--vitrine-color-primary, #000091);
  }
  /* The focus ring goes round the whole card, which is the link's click target. */
  [part~='card']:focus-within {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 2px);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: calc(var(--vitrine-spacing, 0.5rem) * 0.75);
    padding: calc(var(--vitrine-spacing, 0.5rem) * 1.5);
  }
  [part='image'] {
    display: block;
    width: 100%;
    height: var(--vitrine-card-image-height, 10em);
    object-fit: cover;
    background: var(--vitrine-cards-surface);
  }
  [part='image'].placeholder {
    background:
      linear-gradient(135deg, transparent 48%, var(--vitrine-cards-border) 49% 51%, transparent 52%),
      var(--vitrine-cards-surface);
  }
  [part='title'] {
    font-size: 1.1em;
    font-weight: 700;
    line-height: 1.3;
    margin: 0;
  }
  [part='link'] {
    all: unset;
    color: var(--vitrine-color-link, var(--vitrine-color-primary, #000091));
    cursor: pointer;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  [part='link']:focus-visible {
    outline: none;
  }
  /* The whole card is the link's click target. */
  [part='link']::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  p {
    margin: 0;
  }
  [part='subtitle'],
  [part='meta'] {
    color: var(--vitrine-color-muted, #555);
  }
  [part='meta'] {
    font-size: 0.9em;
    margin-top: auto;
  }
  [part='description'] {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 5;
    line-clamp: 5;
    overflow: hidden;
  }
  [part='description'].none {
    color: var(--vitrine-color-muted, #555);
    font-style: italic;
  }
  [part='fields'] {
    margin: 0;
    display: grid;
    gap: 0.15rem;
  }
  [part='fields'] div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.4em;
  }
  [part='fields'] dt {
    color: var(--vitrine-color-muted, #555);
  }
  [part='fields'] dt::after {
    content: ' :';
  }
  :host(:lang(en)) [part='fields'] dt::after {
    content: ':';
  }
  [part='fields'] dd {
    margin: 0;
    font-weight: 600;
  }
  /* Links and images inside fields stay clickable above the card's link. */
  [part='fields'] a {
    position: relative;
    z-index: 1;
  }
  [part='fields'] img {
    max-width: 8em;
    max-height: 4em;
  }
  [part='tags'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
  }
  [part='tag'],
  [part='badge'] {
    padding: 0.05em 0.5em;
    border-radius: 1em;
    background: var(--vitrine-cards-surface);
    font-size: 0.85em;
  }
  [part='badge'] {
    border-radius: var(--vitrine-radius, 4px);
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    background: none;
    font-weight: 600;
    letter-spacing: 0.02em;
  }
  [part='sort'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem var(--vitrine-spacing, 0.5rem);
  }
  [part='sort'] select {
    font: inherit;
    padding: 0.3em 0.4em;
    border: 1px solid var(--vitrine-color-border-strong, #767676);
    border-radius: var(--vitrine-radius, 4px);
    background: var(--vitrine-color-background, #fff);
    color: inherit;
  }
  [part='sort'] select:focus-visible {
    outline: var(--vitrine-focus-width, 2px) solid var(--vitrine-color-focus, #0a76f6);
    outline-offset: var(--vitrine-focus-offset, 1px);
  }
  [part='more'] {
    padding: 0.3em 1em;
  }
  .empty {
    padding: var(--vitrine-spacing, 0.5rem) 0;
  }
`;

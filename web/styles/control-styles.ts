// Shared look of buttons, fields, lists, cards and focus rings for every component's shadow root; colours
// come from the tokens in index.html, so light and dark follow the system.
import { css } from 'lit';

export const controlStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--c-accent);
  }
  /* Cubby's lists hold things (entries, people, keys, messages), never bullets: rows in a grid. */
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--radius);
    border: 1px solid var(--c-border);
    background: var(--c-surface);
    cursor: pointer;
  }
  button.primary {
    background: var(--c-accent);
    border-color: var(--c-accent);
    color: var(--c-accent-text);
    font-weight: 600;
  }
  button.link {
    min-height: auto;
    padding: 0.25rem 0.4rem;
    border: none;
    background: none;
    color: var(--c-accent);
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:hover:not(:disabled) {
    filter: brightness(0.96);
  }
  input,
  select,
  textarea {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--radius);
    border: 1px solid var(--c-border);
    background: var(--c-surface);
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .field {
    margin-bottom: 1rem;
  }
  label .hint {
    display: inline;
  }
  .hint {
    display: block;
    font-size: 0.875rem;
    color: var(--c-muted);
    font-weight: normal;
  }
  :focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }
  .card {
    background: var(--c-surface);
    border: 1px solid var(--c-border);
    border-radius: var(--radius);
    padding: 1rem;
  }
  .error {
    color: var(--c-danger);
    background: var(--c-danger-soft);
    border-radius: var(--radius);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .error:empty {
    display: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: filter 120ms;
    }
  }
`;

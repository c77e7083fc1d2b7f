// The look of <entry-row>: it renders in the shadow root of the <entry-list> holding it (it has
// none of its own), so the list adopts these styles.
import { css } from 'lit';

export const entryRowStyles = css`
  entry-row {
    display: block;
  }
  .entry {
    display: grid;
    grid-template-columns: 1.5rem minmax(0, 1fr) 6rem 7.5rem auto;
    gap: 0.25rem 0.75rem;
    align-items: center;
    padding: 0.35rem 0.5rem 0.35rem 0.75rem;
  }
  .icon {
    width: 1.25rem;
    height: 1rem;
    border-radius: 3px;
    border: 2px solid var(--c-muted);
  }
  .icon.folder {
    background: var(--c-accent-soft);
    border-color: var(--c-accent);
    border-top-width: 4px;
  }
  .icon.file {
    width: 1rem;
    height: 1.25rem;
  }
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    min-width: 0;
  }
  .name a,
  .name button.link {
    padding: 0.25rem 0;
    text-align: left;
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .meta {
    display: contents;
  }
  .size,
  .date {
    color: var(--c-muted);
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .size {
    text-align: right;
  }
  .state {
    font-size: 0.75rem;
    font-weight: 600;
    padding: 0 0.45rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .state.upload,
  .state.download {
    color: var(--c-muted);
  }
  .state.conflict {
    color: var(--c-warn);
  }
  .more {
    min-height: 2.25rem;
    min-width: 2.5rem;
    padding: 0.25rem 0.5rem;
    font-weight: 700;
  }
  .actions {
    grid-column: 2 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    padding-bottom: 0.35rem;
  }
  .actions[hidden] {
    display: none;
  }
  .actions button {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  .actions .danger {
    color: var(--c-danger);
  }
  @media (max-width: 36rem) {
    .entry {
      grid-template-columns: 1.5rem minmax(0, 1fr) auto;
      grid-template-areas:
        'icon name more'
        'icon meta more'
        'actions actions actions';
    }
    .icon {
      grid-area: icon;
    }
    .name {
      grid-area: name;
    }
    .more {
      grid-area: more;
    }
    .meta {
      grid-area: meta;
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
    }
    .actions {
      grid-area: actions;
    }
  }
`;

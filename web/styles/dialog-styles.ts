// The look of modal dialogs (native <dialog> with showModal: focus is trapped, Escape closes, the
// page behind is inert) for the components that open one.
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    width: min(36rem, calc(100vw - 1.5rem));
    max-height: calc(100vh - 2rem);
    padding: 0;
    border: 1px solid var(--c-border);
    border-radius: var(--radius);
    background: var(--c-surface);
    color: var(--c-text);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog-body {
    padding: 1rem;
    display: grid;
    gap: 0.75rem;
  }
  .dialog-body h2 {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;

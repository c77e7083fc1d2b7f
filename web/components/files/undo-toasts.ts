// <undo-toasts>: one toast per delete waiting out its undo window ("“a.txt” deleted" and Undo), in
// a polite live region; a delete that failed when it was made is said as an alert. It lives in the
// app shell, so moving to another folder or screen keeps the toasts.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { foldersContext } from '../../app/contexts.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ModelConsumer } from '../model-consumer.ts';

export class UndoToasts extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        position: fixed;
        z-index: 3;
        left: 50%;
        bottom: max(1rem, env(safe-area-inset-bottom));
        transform: translateX(-50%);
        width: min(30rem, calc(100vw - 1.5rem));
        display: grid;
        gap: 0.5rem;
        pointer-events: none;
      }
      .toasts {
        display: grid;
        gap: 0.5rem;
      }
      .toast,
      .error {
        pointer-events: auto;
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem;
        padding: 0.5rem 0.5rem 0.5rem 1rem;
        margin: 0;
        border-radius: var(--radius);
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
      }
      .toast {
        background: var(--c-text);
        color: var(--c-bg);
      }
      .toast p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .toast button {
        min-height: 2.25rem;
        background: var(--c-bg);
        color: var(--c-text);
        font-weight: 600;
      }
    `,
  ];

  private readonly _folders = new ModelConsumer(this, foldersContext);
  private _shown = 0;

  override render() {
    const files = this._folders.value.files;
    const held = files?.deletes.entries ?? [];
    return html`<div class="toasts" role="status" aria-live="polite">
        ${repeat(
          held,
          (e) => `${e.namespaceId}/${e.id}`,
          (e) =>
            html`<div class="toast">
              <p>“${e.name}” deleted.</p>
              <button
                type="button"
                @click=${() => files?.deletes.undo(e.namespaceId, e.id)}
                aria-label="Undo deleting ${e.name}"
              >
                Undo
              </button>
            </div>`,
        )}
      </div>
      ${
        files?.deleteError ? html`<p class="error" role="alert">${files.deleteError}</p>` : nothing
      }`;
  }

  override updated() {
    const count = this._folders.value.files?.deletes.entries.length ?? 0;
    const added = count > this._shown;
    this._shown = count;
    if (!added) return;
    // The deleted row took the keyboard focus with it (once the list has rendered, hence the
    // frame): hand it to the newest Undo rather than leave it nowhere.
    requestAnimationFrame(() => {
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('.toast button');
      buttons[buttons.length - 1]?.focus();
    });
  }
}
customElements.define('undo-toasts', UndoToasts);

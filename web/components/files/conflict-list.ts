// <conflict-list>: the conflicted copies sync made, in a dialog: each with its folder path, a way to
// open that folder, and "Done" once the person has looked (it stops being listed as a conflict).
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CubbyController } from '../../app/cubby-controller.ts';
import { failureText } from '../../app/failure-text.ts';
import type { ConflictEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';
import { ListenTo } from '../listen-to.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class ConflictList extends LitElement {
  static override properties = { controller: { attribute: false }, _error: { state: true } };
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: grid;
        gap: 0.25rem;
        padding: 0.75rem;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
      }
      li p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .where {
        color: var(--c-muted);
        font-size: 0.875rem;
      }
    `,
  ];

  declare controller: CubbyController;
  declare private _error: string;

  constructor() {
    super();
    this._error = '';
    new ListenTo(this, () => this.controller, { change: () => this.requestUpdate() });
  }

  open(): void {
    this._error = '';
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  override render() {
    const conflicts = this.controller?.files?.status?.conflicts ?? [];
    return html`<dialog aria-labelledby="conflicts-title">
      <div class="dialog-body">
        <h2 id="conflicts-title">Conflicts to look at</h2>
        <p>
          The same file changed in two places at once. Cubby kept both: the other version under its
          name, yours as the copy listed here. Compare them, keep what you need, then choose Done.
        </p>
        ${
          conflicts.length === 0
            ? html`<p role="status">No conflicts left.</p>`
            : html`<ul aria-label="Conflicted copies">
                ${repeat(
                  conflicts,
                  (c) => `${c.namespaceId}/${c.id}`,
                  (c) => this._item(c),
                )}
              </ul>`
        }
        <p class="error" role="alert">${this._error}</p>
        <div class="dialog-actions">
          <button
            class="primary"
            type="button"
            @click=${() => this.renderRoot.querySelector('dialog')?.close()}
          >
            Close
          </button>
        </div>
      </div>
    </dialog>`;
  }

  private _item(c: ConflictEntry) {
    const folder = this.controller.namespaces.find((n) => n.id === c.namespaceId)?.name ?? '';
    return html`<li>
      <p><strong>${c.name}</strong></p>
      <p class="where">
        In ${[folder, ...c.path.split('/').filter(Boolean)].join(' / ')} ·
        ${when.format(new Date(c.at))}
      </p>
      <div class="row">
        <button type="button" @click=${() => void this._openFolder(c)}>
          Open the folder<span class="visually-hidden"> of ${c.name}</span>
        </button>
        <button type="button" @click=${() => void this._done(c)}>
          Done<span class="visually-hidden"> with ${c.name}</span>
        </button>
      </div>
    </li>`;
  }

  private async _openFolder(c: ConflictEntry) {
    const files = this.controller.files;
    if (!files) return;
    try {
      const path = await files.call('pathOf', { namespaceId: c.namespaceId, id: c.id });
      const parent = path.at(-2);
      this.renderRoot.querySelector('dialog')?.close();
      this.controller.navigate({
        view: 'files',
        namespaceId: c.namespaceId,
        folderId: parent && path.length > 2 ? parent.id : null,
      });
    } catch (err) {
      this._error = failureText(`Could not find “${c.name}”`, err);
    }
  }

  private async _done(c: ConflictEntry) {
    const files = this.controller.files;
    if (!files) return;
    try {
      await files.call('dismissConflict', { namespaceId: c.namespaceId, id: c.id });
      await files.refreshStatus();
    } catch (err) {
      this._error = failureText(`Could not mark “${c.name}” as looked at`, err);
    }
  }
}
customElements.define('conflict-list', ConflictList);

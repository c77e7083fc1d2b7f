// <conflict-list>: the conflicted copies sync made, in a dialog: each with its folder path, a way to
// open that folder, and "Done" once the person has looked (it stops being listed as a conflict).
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { foldersContext, routerContext } from '../../app/contexts.ts';
import type { ConflictEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';
import { closeDialog } from '../close-dialog.ts';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class ConflictList extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
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

  private readonly _folders = new ModelConsumer(this, foldersContext);
  private readonly _router = new ModelConsumer(this, routerContext, {});
  private readonly _action = new ActionStatus(this);

  open(): void {
    this._action.clear();
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  override render() {
    const conflicts = this._folders.value.files?.status?.conflicts ?? [];
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
        ${this._action.errorLine()}
        <div class="dialog-actions">
          <button class="primary" type="button" @click=${closeDialog}>Close</button>
        </div>
      </div>
    </dialog>`;
  }

  private _item(c: ConflictEntry) {
    const folder = this._folders.value.namespaces.find((n) => n.id === c.namespaceId)?.name ?? '';
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
    const files = this._folders.value.files;
    if (!files) return;
    await this._action.run(
      async () => {
        const path = await files.call('pathOf', { namespaceId: c.namespaceId, id: c.id });
        const parent = path.at(-2);
        this.renderRoot.querySelector('dialog')?.close();
        this._router.value.navigate({
          view: 'files',
          namespaceId: c.namespaceId,
          folderId: parent && path.length > 2 ? parent.id : null,
        });
      },
      { failure: `Could not find “${c.name}”` },
    );
  }

  private async _done(c: ConflictEntry) {
    const files = this._folders.value.files;
    if (!files) return;
    await this._action.run(
      async () => {
        await files.call('dismissConflict', { namespaceId: c.namespaceId, id: c.id });
        await files.refreshStatus();
      },
      { failure: `Could not mark “${c.name}” as looked at` },
    );
  }
}
customElements.define('conflict-list', ConflictList);

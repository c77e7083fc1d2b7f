// <move-dialog>: the keyboard's way to move an entry: browse the namespace's folders from its root
// and choose "Move to “…”". The entry itself (and so everything inside it) is never offered.
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { failureText, isAbort } from '../../app/failure-text.ts';
import type { FileSync } from '../../app/file-sync.ts';
import type { FolderEntry, NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { closeDialog } from '../close-dialog.ts';

export interface MoveRequest {
  files: FileSync;
  namespace: NamespaceEntry;
  entry: FolderEntry;
  /** The folder it is in now. */
  fromId: number;
  submit(parentId: number): Promise<void>;
}

export class MoveDialog extends LitElement {
  static override properties = { _request: { state: true }, _path: { state: true } };
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      .where {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ul {
        display: block;
        max-height: 16rem;
        overflow: auto;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
      }
      li + li {
        border-top: 1px solid var(--c-border);
      }
      ul button {
        width: 100%;
        text-align: left;
        border: none;
        border-radius: 0;
        overflow-wrap: anywhere;
      }
      .empty {
        padding: 0.75rem;
        color: var(--c-muted);
        margin: 0;
      }
    `,
  ];

  declare private _request: MoveRequest | null;
  /** From the root to the folder shown. */
  declare private _path: { id: number; name: string }[];
  private readonly _action = new ActionStatus(this);
  /** The folders inside the one shown, but the entry moved. */
  private readonly _folders = new Task(this, {
    task: async ([request, folderId]: [MoveRequest | null, number | undefined], { signal }) => {
      if (!request || folderId === undefined) return initialState;
      const { files, namespace, entry } = request;
      const entries = await files.call(
        'listFolder',
        { namespaceId: namespace.id, folderId },
        signal,
      );
      return entries
        .filter((e) => e.kind === 'folder' && e.id !== entry.id)
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    },
    args: (): [MoveRequest | null, number | undefined] => [this._request, this._path.at(-1)?.id],
  });

  constructor() {
    super();
    this._request = null;
    this._path = [];
  }

  async ask(request: MoveRequest): Promise<void> {
    this._request = request;
    this._action.clear();
    this._path = [{ id: request.namespace.rootId, name: request.namespace.name }];
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  override render() {
    const r = this._request;
    const here = this._path.at(-1);
    const canMoveHere = r && here && here.id !== r.fromId;
    return html`<dialog aria-labelledby="move-title" @close=${this._closed}>
      <div class="dialog-body">
        <h2 id="move-title">Move “${r?.entry.name ?? ''}”</h2>
        <p class="where">
          Folder shown: <strong>${this._path.map((p) => p.name).join(' / ')}</strong>
        </p>
        ${
          this._path.length > 1
            ? html`<button type="button" @click=${this._up}>
                Up to “${this._path.at(-2)?.name}”
              </button>`
            : nothing
        }
        ${this._list()}
        <p class="error" role="alert">${this._action.error || this._loadError()}</p>
        <div class="dialog-actions">
          <button type="button" @click=${closeDialog}>Cancel</button>
          <button
            class="primary"
            type="button"
            ?disabled=${!canMoveHere || this._action.isBusy()}
            @click=${this._move}
          >
            ${canMoveHere ? `Move to “${here.name}”` : 'It is in this folder'}
          </button>
        </div>
      </div>
    </dialog>`;
  }

  private _list() {
    const here = this._path.at(-1);
    const task = this._folders;
    if (task.status === TaskStatus.INITIAL || task.status === TaskStatus.PENDING) {
      return html`<p class="empty" role="status">Loading folders…</p>`;
    }
    const folders = task.status === TaskStatus.COMPLETE ? (task.value ?? []) : [];
    if (folders.length === 0) {
      return html`<p class="empty">No folders inside “${here?.name}”.</p>`;
    }
    return html`<ul aria-label="Folders inside “${here?.name}”">
      ${folders.map(
        (f) =>
          html`<li>
            <button type="button" @click=${() => void this._open(f)}>${f.name}</button>
          </li>`,
      )}
    </ul>`;
  }

  /** Why the folders could not be listed, in words ("" unless they could not). */
  private _loadError(): string {
    const task = this._folders;
    if (task.status !== TaskStatus.ERROR || isAbort(task.error)) return '';
    return failureText('Could not list the folders', task.error);
  }

  private async _open(folder: FolderEntry) {
    this._path = [...this._path, { id: folder.id, name: folder.name }];
    await this._keepFocus();
  }

  private async _up() {
    this._path = this._path.slice(0, -1);
    await this._keepFocus();
  }

  /** The button pressed went away with the listing: focus the first folder, or the move button. */
  private async _keepFocus() {
    // The listing starts with the update, then renders once listed.
    await this.updateComplete;
    await this._folders.taskComplete.catch(() => undefined);
    await this.updateComplete;
    if (this.shadowRoot?.activeElement) return;
    const target =
      this.renderRoot.querySelector<HTMLElement>('ul button') ??
      this.renderRoot.querySelector<HTMLElement>('button.primary');
    target?.focus();
  }

  private async _move() {
    const r = this._request;
    const here = this._path.at(-1);
    if (!r || !here) return;
    const moved = await this._action.run(() => r.submit(here.id), {
      failure: `Could not move “${r.entry.name}”`,
    });
    if (moved) this.renderRoot.querySelector('dialog')?.close();
  }

  private _closed() {
    this._request = null;
  }
}
customElements.define('move-dialog', MoveDialog);

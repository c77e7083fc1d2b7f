// <move-dialog>: the keyboard's way to move an entry: browse the namespace's folders from its root
// and choose "Move to “…”". The entry itself (and so everything inside it) is never offered.
import { LitElement, css, html, nothing } from 'lit';
import type { FileSync } from '../../app/file-sync.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import type { FolderEntry, NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';

export interface MoveRequest {
  files: FileSync;
  namespace: NamespaceEntry;
  entry: FolderEntry;
  /** The folder it is in now. */
  fromId: number;
  submit(parentId: number): Promise<void>;
}

export class MoveDialog extends LitElement {
  static override properties = {
    _request: { state: true },
    _path: { state: true },
    _folders: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      .where {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
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
  declare private _folders: FolderEntry[] | null;
  declare private _error: string;
  declare private _busy: boolean;
  private _abort: AbortController | null = null;

  constructor() {
    super();
    this._request = null;
    this._path = [];
    this._folders = null;
    this._error = '';
    this._busy = false;
  }

  async ask(request: MoveRequest): Promise<void> {
    this._request = request;
    this._error = '';
    this._path = [{ id: request.namespace.rootId, name: request.namespace.name }];
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    await this._show(request.namespace.rootId);
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
        <p class="error" role="alert">${this._error}</p>
        <div class="dialog-actions">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>
            Cancel
          </button>
          <button
            class="primary"
            type="button"
            ?disabled=${!canMoveHere || this._busy}
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
    if (this._folders === null) return html`<p class="empty" role="status">Loading folders…</p>`;
    if (this._folders.length === 0) {
      return html`<p class="empty">No folders inside “${here?.name}”.</p>`;
    }
    return html`<ul aria-label="Folders inside “${here?.name}”">
      ${this._folders.map(
        (f) =>
          html`<li>
            <button type="button" @click=${() => void this._open(f)}>${f.name}</button>
          </li>`,
      )}
    </ul>`;
  }

  private async _open(folder: FolderEntry) {
    this._path = [...this._path, { id: folder.id, name: folder.name }];
    await this._show(folder.id);
    await this._keepFocus();
  }

  private async _up() {
    this._path = this._path.slice(0, -1);
    const here = this._path.at(-1);
    if (here) await this._show(here.id);
    await this._keepFocus();
  }

  /** The button pressed went away with the listing: focus the first folder, or the move button. */
  private async _keepFocus() {
    await this.updateComplete;
    if (this.shadowRoot?.activeElement) return;
    const target =
      this.renderRoot.querySelector<HTMLElement>('ul button') ??
      this.renderRoot.querySelector<HTMLElement>('button.primary');
    target?.focus();
  }

  private async _show(folderId: number) {
    const r = this._request;
    if (!r) return;
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    this._folders = null;
    try {
      const entries = await r.files.call(
        'listFolder',
        { namespaceId: r.namespace.id, folderId },
        abort.signal,
      );
      this._folders = entries
        .filter((e) => e.kind === 'folder' && e.id !== r.entry.id)
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
      this._error = '';
    } catch (err) {
      if (isAbort(err)) return;
      this._folders = [];
      this._error = failureText('Could not list the folders', err);
    }
  }

  private async _move() {
    const r = this._request;
    const here = this._path.at(-1);
    if (!r || !here) return;
    this._busy = true;
    try {
      await r.submit(here.id);
      this.renderRoot.querySelector('dialog')?.close();
    } catch (err) {
      this._error = failureText(`Could not move “${r.entry.name}”`, err);
    } finally {
      this._busy = false;
    }
  }

  private _closed() {
    this._abort?.abort();
    this._request = null;
    this._folders = null;
  }
}
customElements.define('move-dialog', MoveDialog);

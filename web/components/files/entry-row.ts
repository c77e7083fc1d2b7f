// <entry-row>: one entry of the folder shown: its icon, name (a folder's opens it, a file's shows
// its preview), sync state, size and date, and the "⋯" button that shows its actions. It tells
// the file browser what the person chose by an `entry-action` event (it bubbles out of the list):
// preview, download, rename, move or delete. It has no shadow root of its own: it renders in the
// list's, so the list item's text is the entry's (as a row of a plain list would be) and the list's
// styles (entryRowStyles) reach it.
import { LitElement, html, nothing } from 'lit';
import { humanSize } from '../../app/human-size.ts';
import type { FolderEntry } from '../../common/sync-client/sync-api.ts';

const dateToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateEarlier = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function shownDate(mtimeSeconds: number): string {
  const at = new Date(mtimeSeconds * 1000);
  return (new Date().toDateString() === at.toDateString() ? dateToday : dateEarlier).format(at);
}

export type EntryAction = 'preview' | 'download' | 'rename' | 'move' | 'delete';

/** The detail of an `entry-action` event. */
export interface EntryActionDetail {
  action: EntryAction;
  entry: FolderEntry;
}

export class EntryRow extends LitElement {
  static override properties = {
    entry: { attribute: false },
    href: {},
    editable: { type: Boolean },
    offline: { type: Boolean },
    _open: { state: true },
  };
  declare entry: FolderEntry;
  /** A folder's link. */
  declare href: string;
  /** Whether the person may change it (offers Rename, Move and Delete). */
  declare editable: boolean;
  /** Whether sync is offline (an upload waits rather than runs). */
  declare offline: boolean;
  /** Whether its actions are shown. */
  declare private _open: boolean;

  protected override createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.href = '';
    this.editable = false;
    this.offline = false;
    this._open = false;
  }

  override render() {
    const entry = this.entry;
    const folder = entry.kind === 'folder';
    const open = this._open;
    return html`<div class="entry">
      <span class="icon ${folder ? 'folder' : 'file'}" aria-hidden="true"></span>
      <span class="name">
        ${
          folder
            ? html`<a href=${this.href}
                ><span class="visually-hidden">Folder </span>${entry.name}</a
              >`
            : html`<button type="button" class="link" @click=${() => this._tell('preview')}>
                ${entry.name}
              </button>`
        }
        ${this._badge()}
      </span>
      <span class="meta"
        ><span class="size">${folder ? 'Folder' : humanSize(entry.size)}</span>
        <time class="date" datetime=${new Date(entry.mtime * 1000).toISOString()}
          >${shownDate(entry.mtime)}</time
        ></span
      >
      <button
        type="button"
        class="more"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="actions-${entry.id}"
        @click=${() => (this._open = !open)}
      >
        <span aria-hidden="true">⋯</span
        ><span class="visually-hidden">Actions for ${entry.name}</span>
      </button>
      <div
        class="actions"
        id="actions-${entry.id}"
        role="group"
        aria-label="Actions for ${entry.name}"
        ?hidden=${!open}
      >
        ${
          folder
            ? nothing
            : html`<button type="button" @click=${() => this._tell('download')}>
                Download<span class="visually-hidden"> ${entry.name}</span>
              </button>`
        }
        ${
          this.editable
            ? html`<button type="button" @click=${() => this._tell('rename')}>
                  Rename<span class="visually-hidden"> ${entry.name}</span>
                </button>
                <button type="button" @click=${() => this._tell('move')}>
                  Move<span class="visually-hidden"> ${entry.name}</span> to…
                </button>
                <button type="button" class="danger" @click=${this._delete}>
                  Delete<span class="visually-hidden"> ${entry.name}</span>
                </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  private _badge() {
    switch (this.entry.state) {
      case 'upload':
        return html`<span class="state upload"
          >${this.offline ? 'Waiting to upload' : 'Uploading'}</span
        >`;
      case 'download':
        return html`<span class="state download">Waiting to download</span>`;
      case 'conflict':
        return html`<span class="state conflict">Conflict</span>`;
      default:
        return nothing;
    }
  }

  private _delete() {
    this._open = false;
    this._tell('delete');
  }

  private _tell(action: EntryAction) {
    const detail: EntryActionDetail = { action, entry: this.entry };
    this.dispatchEvent(new CustomEvent('entry-action', { detail, bubbles: true, composed: true }));
  }
}
customElements.define('entry-row', EntryRow);

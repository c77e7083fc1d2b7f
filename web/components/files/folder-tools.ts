// <folder-tools>: what can be done to the folder shown: upload files or a folder (pickers), a new
// folder, and linking it to a folder on this computer (or giving that access again, or unlinking).
// It tells the file browser by events: `files-picked` (detail: the files), new-folder, link, unlink.
import { LitElement, css, html, nothing } from 'lit';
import { canLinkFolders } from '../../app/directory-access.ts';
import { filesFromInput, type FileToAdd } from '../../app/dropped-files.ts';
import { controlStyles } from '../../styles/control-styles.ts';

export class FolderTools extends LitElement {
  static override properties = {
    editable: { type: Boolean },
    linkedFolder: { attribute: false },
    permissionNeeded: { type: Boolean },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 0.75rem;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .pick {
        display: inline-flex;
        align-items: center;
        margin: 0;
        min-height: 2.75rem;
        padding: 0.5rem 1rem;
        border-radius: var(--radius);
        border: 1px solid var(--c-border);
        background: var(--c-surface);
        font-weight: 500;
        cursor: pointer;
      }
      .pick.primary {
        background: var(--c-accent);
        border-color: var(--c-accent);
        color: var(--c-accent-text);
        font-weight: 600;
      }
      .pick:focus-within {
        outline: 3px solid var(--c-focus);
        outline-offset: 2px;
      }
      .linked {
        margin: 0;
        font-size: 0.875rem;
        color: var(--c-muted);
      }
    `,
  ];

  /** Whether the person may change the folder (an editor's or the owner's). */
  declare editable: boolean;
  /** The name of the folder on this computer it is linked to, if any. */
  declare linkedFolder: string | null;
  /** The linked folder's permission has to be given again. */
  declare permissionNeeded: boolean;

  constructor() {
    super();
    this.editable = false;
    this.linkedFolder = null;
    this.permissionNeeded = false;
  }

  override render() {
    const linked = this.linkedFolder;
    const linking = canLinkFolders();
    return html`<div class="tools">
        ${
          this.editable
            ? html`<label class="pick primary"
                  >Upload files<input
                    class="visually-hidden"
                    type="file"
                    multiple
                    @change=${this._picked}
                /></label>
                <label class="pick"
                  >Upload a folder<input
                    class="visually-hidden"
                    type="file"
                    webkitdirectory
                    @change=${this._picked}
                /></label>
                <button type="button" @click=${() => this._tell('new-folder')}>New folder</button>`
            : html`<p class="linked">You can view this folder; only its editors can change it.</p>`
        }
        ${
          linking && !linked
            ? html`<button type="button" @click=${() => this._tell('link')}>
                Link a folder on this computer
              </button>`
            : nothing
        }
        ${
          linking && linked && this.permissionNeeded
            ? html`<button type="button" class="primary" @click=${() => this._tell('link')}>
                Allow access to ${linked}
              </button>`
            : nothing
        }
        ${linked ? html`<button type="button" @click=${() => this._tell('unlink')}>Unlink</button>` : nothing}
      </div>
      ${
        linked
          ? html`<p class="linked">
              Kept in the folder “${linked}” on this computer; changes made there sync too.
            </p>`
          : nothing
      }`;
  }

  private _picked(event: Event) {
    const input = event.target as HTMLInputElement;
    const picked = filesFromInput(input.files);
    input.value = '';
    this.dispatchEvent(new CustomEvent<FileToAdd[]>('files-picked', { detail: picked }));
  }

  private _tell(type: 'new-folder' | 'link' | 'unlink') {
    this.dispatchEvent(new Event(type));
  }
}
customElements.define('folder-tools', FolderTools);

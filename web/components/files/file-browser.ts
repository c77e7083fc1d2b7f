// <file-browser>: one folder of a namespace: breadcrumbs, the entries with size, date and sync
// state, and every action on them — upload (file picker, folder picker, drag and drop of files and
// folders), new folder, rename, move (drag onto a folder or a breadcrumb, or the "Move to…" dialog),
// delete with undo, download, and previews. Everything goes through the sync worker (FileSync).
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CubbyController } from '../../app/cubby-controller.ts';
import { canLinkFolders } from '../../app/directory-access.ts';
import {
  carriesFiles,
  filesFromDrop,
  filesFromInput,
  type FileToAdd,
} from '../../app/dropped-files.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import type { FileSync } from '../../app/file-sync.ts';
import { humanSize } from '../../app/human-size.ts';
import { routePath } from '../../app/route.ts';
import { saveBlob } from '../../app/save-blob.ts';
import type {
  AddFilesReport,
  FolderEntry,
  NamespaceEntry,
} from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ListenTo } from '../listen-to.ts';
import type { FilePreview } from './file-preview.ts';
import './file-preview.ts';
import type { MoveDialog } from './move-dialog.ts';
import './move-dialog.ts';
import type { NameDialog } from './name-dialog.ts';
import './name-dialog.ts';

/** The drag data of an entry moved within Cubby. */
const entryDragType = 'application/x-cubby-entry';

const dateToday = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateEarlier = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function shownDate(mtimeSeconds: number): string {
  const at = new Date(mtimeSeconds * 1000);
  return (new Date().toDateString() === at.toDateString() ? dateToday : dateEarlier).format(at);
}

function byKindThenName(a: FolderEntry, b: FolderEntry): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function addedText(report: AddFilesReport): string {
  const parts: string[] = [];
  if (report.added > 0) parts.push(`added ${plural(report.added, 'file', 'files')}`);
  if (report.replaced > 0) {
    parts.push(`replaced ${plural(report.replaced, 'file', 'files')} with a new version`);
  }
  if (report.foldersCreated > 0) {
    parts.push(`created ${plural(report.foldersCreated, 'folder', 'folders')}`);
  }
  const text = parts.join(', ') || 'nothing to add';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export class FileBrowser extends LitElement {
  static override properties = {
    controller: { attribute: false },
    namespace: { attribute: false },
    folderId: { attribute: false },
    _entries: { state: true },
    _path: { state: true },
    _loadError: { state: true },
    _error: { state: true },
    _progress: { state: true },
    _openActions: { state: true },
    _dropTarget: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: grid;
        gap: 0.75rem;
        border-radius: var(--radius);
      }
      /* Their closed dialogs take no room (and no grid gap). */
      name-dialog,
      move-dialog,
      file-preview {
        display: contents;
      }
      section.drop-here {
        outline: 3px dashed var(--c-accent);
        outline-offset: 4px;
      }
      .crumbs ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        font-size: 0.875rem;
      }
      .crumbs li {
        display: flex;
        gap: 0.25rem;
        overflow-wrap: anywhere;
      }
      .crumbs li + li::before {
        content: '/';
        color: var(--c-muted);
      }
      .crumbs a {
        padding: 0.15rem 0.25rem;
        border-radius: 6px;
      }
      .crumbs [aria-current] {
        padding: 0.15rem 0.25rem;
        font-weight: 600;
      }
      h2 {
        margin: 0;
        overflow-wrap: anywhere;
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
      .progress {
        margin: 0;
      }
      .progress:empty {
        display: none;
      }
      ul.entries {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--c-border);
        border-radius: var(--radius);
        background: var(--c-surface);
      }
      .entries > li {
        display: grid;
        grid-template-columns: 1.5rem minmax(0, 1fr) 6rem 7.5rem auto;
        gap: 0.25rem 0.75rem;
        align-items: center;
        padding: 0.35rem 0.5rem 0.35rem 0.75rem;
      }
      .entries > li + li {
        border-top: 1px solid var(--c-border);
      }
      .entries > li.drop-into {
        background: var(--c-accent-soft);
        outline: 2px solid var(--c-accent);
        outline-offset: -2px;
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
      .empty {
        margin: 0;
        padding: 1.5rem 1rem;
        text-align: center;
        color: var(--c-muted);
        border: 2px dashed var(--c-border);
        border-radius: var(--radius);
      }
      @media (max-width: 36rem) {
        .entries > li {
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
    `,
  ];

  declare controller: CubbyController;
  declare namespace: NamespaceEntry;
  declare folderId: number | null;
  declare private _entries: FolderEntry[] | null;
  declare private _path: { id: number; name: string }[];
  declare private _loadError: string;
  declare private _error: string;
  declare private _progress: string;
  /** The entry whose actions are shown (by name: see the listing's key). */
  declare private _openActions: string | null;
  /** Where a drag would drop: the folder shown (`'here'`), a folder listed or a breadcrumb (its id). */
  declare private _dropTarget: 'here' | number | null;
  private _loadedKey = '';
  private _loadAbort: AbortController | null = null;
  private _reloadQueued = false;
  /** Moved to another folder from inside the browser: the heading takes the focus once loaded. */
  private _focusHeading = false;

  constructor() {
    super();
    this._entries = null;
    this._path = [];
    this._loadError = '';
    this._error = '';
    this._progress = '';
    this._openActions = null;
    this._dropTarget = null;
    new ListenTo(this, () => this.controller, {
      change: () => this.requestUpdate(),
      'folder-changed': (event) => {
        if ((event as CustomEvent<string>).detail === this.namespace?.id) this._queueReload();
      },
      synced: () => this._queueReload(),
    });
  }

  private get _files(): FileSync | null {
    return this.controller?.files ?? null;
  }

  private get _here(): number {
    return this.folderId ?? this.namespace.rootId;
  }

  private get _editable(): boolean {
    return this.namespace.role !== 'viewer';
  }

  override connectedCallback() {
    super.connectedCallback();
    // Files dropped beside the drop zone must not make the browser leave Cubby to show them.
    addEventListener('dragover', this._refuseStrayDrop);
    addEventListener('drop', this._refuseStrayDrop);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('dragover', this._refuseStrayDrop);
    removeEventListener('drop', this._refuseStrayDrop);
    this._loadAbort?.abort();
  }

  override willUpdate() {
    const key = `${this.namespace?.id}/${this._here}/${this._files ? 'on' : 'off'}`;
    if (this.namespace && key !== this._loadedKey) {
      const sameNamespace = this._loadedKey.startsWith(`${this.namespace.id}/`);
      this._focusHeading = this._loadedKey !== '' && this.matches(':focus-within');
      this._loadedKey = key;
      this._entries = null;
      this._path = sameNamespace ? this._path : [];
      this._openActions = null;
      this._error = '';
      this._progress = '';
      void this._load();
    }
  }

  override render() {
    const ns = this.namespace;
    const here = this._path.at(-1)?.name ?? (this._here === ns.rootId ? ns.name : '…');
    return html`<section
      aria-labelledby="folder-title"
      class=${this._dropTarget === 'here' ? 'drop-here' : ''}
      @dragover=${(e: DragEvent) => this._dragOver(e, 'here')}
      @dragleave=${this._dragLeave}
      @drop=${(e: DragEvent) => this._drop(e, this._here)}
    >
      ${this._crumbs()}
      <h2 id="folder-title" tabindex="-1">${here}</h2>
      ${this._tools()}
      <p class="progress" role="status">${this._progress}</p>
      <p class="error" role="alert">${this._error}</p>
      ${this._listing(here)}
      <name-dialog></name-dialog>
      <move-dialog></move-dialog>
      <file-preview></file-preview>
    </section>`;
  }

  private _crumbs() {
    const path = this._path;
    if (path.length < 2) return nothing;
    return html`<nav class="crumbs" aria-label="Folder path">
      <ol>
        ${path.map((p, i) =>
          i === path.length - 1
            ? html`<li><span aria-current="page">${p.name}</span></li>`
            : html`<li>
                <a
                  href=${this._href(p.id)}
                  class=${this._dropTarget === p.id ? 'drop-into' : ''}
                  @dragover=${(e: DragEvent) => this._dragOver(e, p.id)}
                  @drop=${(e: DragEvent) => this._drop(e, p.id)}
                  >${p.name}</a
                >
              </li>`,
        )}
      </ol>
    </nav>`;
  }

  private _tools() {
    const ns = this.namespace;
    const files = this._files;
    const linking = canLinkFolders();
    return html`<div class="tools">
        ${
          this._editable
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
                <button type="button" @click=${this._newFolder}>New folder</button>`
            : html`<p class="linked">You can view this folder; only its editors can change it.</p>`
        }
        ${
          linking && !ns.linkedFolder
            ? html`<button type="button" @click=${this._link}>
                Link a folder on this computer
              </button>`
            : nothing
        }
        ${
          linking && ns.linkedFolder && files?.permissionNeeded
            ? html`<button type="button" class="primary" @click=${this._link}>
                Allow access to ${ns.linkedFolder}
              </button>`
            : nothing
        }
        ${
          ns.linkedFolder
            ? html`<button type="button" @click=${this._unlink}>Unlink</button>`
            : nothing
        }
      </div>
      ${
        ns.linkedFolder
          ? html`<p class="linked">
              Kept in the folder “${ns.linkedFolder}” on this computer; changes made there sync too.
            </p>`
          : nothing
      }`;
  }

  private _listing(here: string) {
    if (this._loadError) {
      return html`<div class="error" role="alert">
        <p>${this._loadError}</p>
        <button type="button" @click=${() => void this._load()}>Try again</button>
      </div>`;
    }
    const files = this._files;
    if (!files) {
      return html`<p class="error" role="alert">
        ${this.controller.namespacesError || 'File sync is not running in this browser.'}
      </p>`;
    }
    if (this._entries === null) return html`<p role="status">Opening the folder…</p>`;
    const ns = this.namespace;
    const folder = this._folderKey();
    const shown = this._entries.filter((e) => !files.deletes.hides(ns.id, e.id, folder, e.name));
    if (shown.length === 0) {
      return html`<p class="empty">
        This folder is empty.${this._editable ? ' Drop files here or choose Upload files.' : ''}
      </p>`;
    }
    return html`<ul class="entries" aria-label="Contents of ${here}">
      ${repeat(
        shown,
        // By name, not id: an entry made here gets the server's id once uploaded, and its row (and
        // the keyboard focus in it) should stay.
        (e) => e.name,
        (e) => this._row(e),
      )}
    </ul>`;
  }

  private _row(entry: FolderEntry) {
    const folder = entry.kind === 'folder';
    const open = this._openActions === entry.name;
    const editable = this._editable;
    return html`<li
      class=${this._dropTarget === entry.id ? 'drop-into' : ''}
      draggable=${editable ? 'true' : 'false'}
      @dragstart=${(e: DragEvent) => this._dragStart(e, entry)}
      @dragend=${() => (this._dropTarget = null)}
      @dragover=${folder ? (e: DragEvent) => this._dragOver(e, entry.id) : nothing}
      @drop=${folder ? (e: DragEvent) => this._drop(e, entry.id) : nothing}
    >
      <span class="icon ${folder ? 'folder' : 'file'}" aria-hidden="true"></span>
      <span class="name">
        ${
          folder
            ? html`<a href=${this._href(entry.id)}
                ><span class="visually-hidden">Folder </span>${entry.name}</a
              >`
            : html`<button type="button" class="link" @click=${() => this._preview(entry)}>
                ${entry.name}
              </button>`
        }
        ${this._badge(entry)}
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
        @click=${() => (this._openActions = open ? null : entry.name)}
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
            : html`<button type="button" @click=${() => void this._download(entry)}>
                Download<span class="visually-hidden"> ${entry.name}</span>
              </button>`
        }
        ${
          editable
            ? html`<button type="button" @click=${() => this._rename(entry)}>
                  Rename<span class="visually-hidden"> ${entry.name}</span>
                </button>
                <button type="button" @click=${() => this._moveTo(entry)}>
                  Move<span class="visually-hidden"> ${entry.name}</span> to…
                </button>
                <button type="button" class="danger" @click=${() => this._delete(entry)}>
                  Delete<span class="visually-hidden"> ${entry.name}</span>
                </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private _badge(entry: FolderEntry) {
    switch (entry.state) {
      case 'upload': {
        const offline = this._files?.status?.phase === 'offline';
        return html`<span class="state upload"
          >${offline ? 'Waiting to upload' : 'Uploading'}</span
        >`;
      }
      case 'download':
        return html`<span class="state download">Waiting to download</span>`;
      case 'conflict':
        return html`<span class="state conflict">Conflict</span>`;
      default:
        return nothing;
    }
  }

  /** The folder shown, as names from the namespace's root (see PendingDelete.folder). */
  private _folderKey(): string {
    return this._path
      .slice(1)
      .map((p) => p.name)
      .join('/');
  }

  /** The entry as last listed: its id may have changed since (the server's id after upload). */
  private _fresh(entry: FolderEntry): FolderEntry {
    return this._entries?.find((e) => e.name === entry.name && e.kind === entry.kind) ?? entry;
  }

  private _href(folderId: number): string {
    const ns = this.namespace;
    const home = ns.kind === 'root' && folderId === ns.rootId;
    return routePath({
      view: 'files',
      namespaceId: home ? null : ns.id,
      folderId: folderId === ns.rootId ? null : folderId,
    });
  }

  // ---- loading -------------------------------------------------------------------------------

  private _queueReload() {
    if (this._reloadQueued) return;
    this._reloadQueued = true;
    // A burst of changes (an upload of many files) reloads once.
    setTimeout(() => {
      this._reloadQueued = false;
      if (this.isConnected) void this._load();
    }, 100);
  }

  private async _load() {
    const files = this._files;
    const ns = this.namespace;
    if (!files || !ns) return;
    const folderId = this._here;
    this._loadAbort?.abort();
    const abort = (this._loadAbort = new AbortController());
    try {
      const [entries, path] = await Promise.all([
        files.call('listFolder', { namespaceId: ns.id, folderId }, abort.signal),
        files.call('pathOf', { namespaceId: ns.id, id: folderId }, abort.signal),
      ]);
      if (abort.signal.aborted) return;
      this._entries = entries.sort(byKindThenName);
      this._path = path;
      this._loadError = '';
      if (this._focusHeading) {
        this._focusHeading = false;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#folder-title')?.focus();
      }
    } catch (err) {
      if (isAbort(err) || abort.signal.aborted) return;
      this._loadError = failureText('Could not open this folder', err);
    }
  }

  // ---- actions -------------------------------------------------------------------------------

  private _picked(event: Event) {
    const input = event.target as HTMLInputElement;
    const picked = filesFromInput(input.files);
    input.value = '';
    void this._add(this._here, picked);
  }

  /** Adds files under `parentId`; asks for persistent storage first, while the gesture lasts. */
  private async _add(parentId: number, files: FileToAdd[] | Promise<FileToAdd[]>) {
    const sync = this._files;
    if (!sync) return;
    sync.askPersistOnce();
    this._error = '';
    let list: FileToAdd[];
    try {
      list = await files;
    } catch (err) {
      this._error = failureText('Could not read what was dropped', err);
      return;
    }
    if (list.length === 0) return;
    this._progress = `Adding ${plural(list.length, 'file', 'files')}…`;
    try {
      const report = await sync.call('addFiles', {
        namespaceId: this.namespace.id,
        parentId,
        files: list,
      });
      this._progress = addedText(report);
    } catch (err) {
      this._progress = '';
      this._error = failureText('Could not add the files', err);
    }
    void this._load();
  }

  private _newFolder() {
    const files = this._files;
    const ns = this.namespace;
    if (!files) return;
    const parentId = this._here;
    void this._nameDialog().ask({
      title: 'New folder',
      label: 'Folder name',
      submitLabel: 'Create folder',
      value: '',
      failure: 'Could not create the folder',
      submit: async (name) => {
        const made = await files.call('createFolder', { namespaceId: ns.id, parentId, name });
        this._progress = `Created the folder “${made.name}”.`;
        await this._load();
      },
    });
  }

  private _rename(entry: FolderEntry) {
    const files = this._files;
    const ns = this.namespace;
    if (!files) return;
    void this._nameDialog().ask({
      title: `Rename “${entry.name}”`,
      label: 'New name',
      submitLabel: 'Rename',
      value: entry.name,
      failure: `Could not rename “${entry.name}”`,
      submit: async (name) => {
        await files.call('rename', { namespaceId: ns.id, id: this._fresh(entry).id, name });
        this._progress = `Renamed “${entry.name}” to “${name}”.`;
        await this._load();
      },
    });
  }

  private _moveTo(entry: FolderEntry) {
    const files = this._files;
    const ns = this.namespace;
    if (!files) return;
    void this.renderRoot.querySelector<MoveDialog>('move-dialog')?.ask({
      files,
      namespace: ns,
      entry,
      fromId: this._here,
      submit: (parentId) => this._move(this._fresh(entry), parentId),
    });
  }

  private async _move(entry: { id: number; name: string }, parentId: number): Promise<void> {
    const files = this._files;
    if (!files) return;
    await files.call('move', { namespaceId: this.namespace.id, id: entry.id, parentId });
    this._progress = `Moved “${entry.name}”.`;
    await this._load();
  }

  private _delete(entry: FolderEntry) {
    const files = this._files;
    if (!files) return;
    this._openActions = null;
    files.deleteLater({
      namespaceId: this.namespace.id,
      id: this._fresh(entry).id,
      name: entry.name,
      folder: this._folderKey(),
    });
  }

  private async _download(entry: FolderEntry) {
    const files = this._files;
    if (!files) return;
    this._error = '';
    this._progress = `Getting “${entry.name}”…`;
    try {
      const blob = await files.call('readFile', {
        namespaceId: this.namespace.id,
        id: this._fresh(entry).id,
      });
      saveBlob(blob, entry.name);
      this._progress = `Downloaded “${entry.name}”.`;
    } catch (err) {
      this._progress = '';
      this._error = failureText(`Could not download “${entry.name}”`, err);
    }
  }

  private _preview(entry: FolderEntry) {
    const files = this._files;
    if (!files) return;
    void this.renderRoot
      .querySelector<FilePreview>('file-preview')
      ?.show(files, this.namespace.id, entry);
  }

  private async _link() {
    this._error = '';
    try {
      if (await this.controller.linkFolder(this.namespace.id)) {
        this._progress = 'Linked. Cubby keeps this folder and the one on your computer the same.';
      }
    } catch (err) {
      this._error = failureText('Could not link the folder', err);
    }
  }

  private async _unlink() {
    this._error = '';
    try {
      await this.controller.unlinkFolder(this.namespace.id);
      this._progress = 'Unlinked. The folder on your computer stays as it is.';
    } catch (err) {
      this._error = failureText('Could not unlink the folder', err);
    }
  }

  private _nameDialog(): NameDialog {
    return this.renderRoot.querySelector<NameDialog>('name-dialog')!;
  }

  // ---- drag and drop -------------------------------------------------------------------------

  private _dragStart(event: DragEvent, entry: FolderEntry) {
    if (!this._editable || !event.dataTransfer) return;
    event.dataTransfer.setData(
      entryDragType,
      JSON.stringify({ namespaceId: this.namespace.id, id: entry.id, name: entry.name }),
    );
    event.dataTransfer.setData('text/plain', entry.name);
    event.dataTransfer.effectAllowed = 'move';
  }

  private _dragOver(event: DragEvent, target: 'here' | number) {
    const transfer = event.dataTransfer;
    const files = carriesFiles(transfer);
    const entry = transfer?.types.includes(entryDragType) ?? false;
    // An entry dropped on the folder it is in already changes nothing.
    if (!this._editable || (!files && !(entry && target !== 'here'))) return;
    event.preventDefault();
    event.stopPropagation();
    if (transfer) transfer.dropEffect = files ? 'copy' : 'move';
    this._dropTarget = target;
  }

  private _dragLeave(event: DragEvent) {
    const section = event.currentTarget as HTMLElement;
    if (!section.contains(event.relatedTarget as Node | null)) this._dropTarget = null;
  }

  private _drop(event: DragEvent, parentId: number) {
    const transfer = event.dataTransfer;
    this._dropTarget = null;
    if (!transfer || !this._editable) return;
    event.preventDefault();
    event.stopPropagation();
    const moved = transfer.getData(entryDragType);
    if (moved) {
      void this._dropEntry(moved, parentId);
      return;
    }
    // Read the items now: they are gone once this handler returns.
    if (carriesFiles(transfer)) void this._add(parentId, filesFromDrop(transfer));
  }

  private async _dropEntry(data: string, parentId: number) {
    const entry = JSON.parse(data) as { namespaceId: string; id: number; name: string };
    if (entry.id === parentId) return;
    if (entry.namespaceId !== this.namespace.id) {
      this._error = 'Entries can be moved only within the same folder tree.';
      return;
    }
    this._error = '';
    try {
      await this._move(entry, parentId);
    } catch (err) {
      this._error = failureText(`Could not move “${entry.name}”`, err);
    }
  }

  private readonly _refuseStrayDrop = (event: DragEvent) => {
    if (carriesFiles(event.dataTransfer)) event.preventDefault();
  };
}
customElements.define('file-browser', FileBrowser);

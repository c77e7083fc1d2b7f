// <file-browser>: one folder of a namespace — its path (<folder-crumbs>), what can be done to it
// (<folder-tools>), its entries (<entry-list>) — and every action on them: upload (pickers, drag
// and drop of files and folders), new folder, rename, move (drag onto a folder or a breadcrumb, or
// the "Move to…" dialog), delete with undo, download, and previews. Everything goes through the
// sync worker (FileSync).
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { foldersContext } from '../../app/contexts.ts';
import { addedText, plural } from '../../app/added-text.ts';
import type { FileToAdd } from '../../app/dropped-files.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import type { FileSync } from '../../app/file-sync.ts';
import { listFolder, type FolderListing } from '../../app/folder-listing.ts';
import { folderPath } from '../../app/route.ts';
import { saveBlob } from '../../app/save-blob.ts';
import type { FolderEntry, NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';
import { EntryDrag, type DraggedEntry } from './entry-drag.ts';
import './entry-list.ts';
import type { EntryActionDetail } from './entry-row.ts';
import type { FilePreview } from './file-preview.ts';
import './file-preview.ts';
import './folder-crumbs.ts';
import './folder-tools.ts';
import type { MoveDialog } from './move-dialog.ts';
import './move-dialog.ts';
import type { NameDialog } from './name-dialog.ts';
import './name-dialog.ts';

type ListingArgs = [FileSync | null, string, number];

export class FileBrowser extends LitElement {
  static override properties = { namespace: { attribute: false }, folderId: { attribute: false } };
  static override styles = [
    controlStyles,
    css`
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
      h2 {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .progress {
        margin: 0;
      }
      .progress:empty {
        display: none;
      }
      .empty {
        margin: 0;
        padding: 1.5rem 1rem;
        text-align: center;
        color: var(--c-muted);
        border: 2px dashed var(--c-border);
        border-radius: var(--radius);
      }
    `,
  ];

  declare namespace: NamespaceEntry;
  declare folderId: number | null;
  private readonly _folders = new ModelConsumer(this, foldersContext, {
    change: () => this.requestUpdate(),
    'folder-changed': (namespaceId) => {
      if (namespaceId === this.namespace?.id) this._queueReload();
    },
    synced: () => this._queueReload(),
  });
  private readonly _action = new ActionStatus(this);
  private readonly _drag = new EntryDrag(this, {
    editable: () => this._editable,
    namespaceId: () => this.namespace.id,
    add: (parentId, files) => void this._add(parentId, files),
    move: (entry, parentId) => void this._dropEntry(entry, parentId),
  });
  /** The folder shown, listed again (its entries staying on screen) when it changes. */
  private readonly _listing = new Task(this, {
    task: ([files, namespaceId, folderId]: ListingArgs, { signal }) =>
      files ? listFolder(files, namespaceId, folderId, signal) : Promise.resolve(initialState),
    args: (): ListingArgs => [this._files, this.namespace.id, this._here],
    onComplete: () => void this._focusHeadingOnce(),
  });
  private _shownKey = '';
  private _reloadQueued = false;
  /** Moved to another folder from inside the browser: the heading takes the focus once loaded. */
  private _focusHeading = false;

  private get _files(): FileSync | null {
    return this._folders.value.files;
  }

  private get _here(): number {
    return this.folderId ?? this.namespace.rootId;
  }

  private get _editable(): boolean {
    return this.namespace.role !== 'viewer';
  }

  /** The listing of the folder shown, once listed (not another folder's, still shown meanwhile). */
  private get _shown(): FolderListing | null {
    const value = this._listing.value;
    return value?.namespaceId === this.namespace.id && value.folderId === this._here ? value : null;
  }

  /** The path to the folder shown: while another folder of the namespace loads, the last one. */
  private get _path(): { id: number; name: string }[] {
    const value = this._listing.value;
    return value?.namespaceId === this.namespace.id ? value.path : [];
  }

  override willUpdate() {
    const key = `${this.namespace.id}/${this._here}`;
    if (key === this._shownKey) return;
    this._focusHeading = this._shownKey !== '' && this.matches(':focus-within');
    this._shownKey = key;
    this._action.clear();
  }

  override render() {
    const ns = this.namespace;
    const path = this._path;
    const here = path.at(-1)?.name ?? (this._here === ns.rootId ? ns.name : '…');
    return html`<section
      aria-labelledby="folder-title"
      class=${this._drag.target === 'here' ? 'drop-here' : ''}
      @dragover=${(e: DragEvent) => this._drag.over(e, 'here')}
      @dragleave=${(e: DragEvent) => this._drag.leave(e)}
      @drop=${(e: DragEvent) => this._drag.drop(e, this._here)}
    >
      ${
        path.length > 1
          ? html`<folder-crumbs
              .path=${path}
              .dropTarget=${this._drag.target}
              .hrefOf=${(id: number) => folderPath(this.namespace, id)}
              .drag=${this._drag}
            ></folder-crumbs>`
          : nothing
      }
      <h2 id="folder-title" tabindex="-1">${here}</h2>
      <folder-tools
        ?editable=${this._editable}
        .linkedFolder=${ns.linkedFolder}
        ?permissionNeeded=${this._files?.permissionNeeded ?? false}
        @files-picked=${(e: CustomEvent<FileToAdd[]>) => void this._add(this._here, e.detail)}
        @new-folder=${this._newFolder}
        @link=${this._link}
        @unlink=${this._unlink}
      ></folder-tools>
      <p class="progress" role="status">${this._action.status}</p>
      ${this._action.errorLine()} ${this._list(here)}
      <name-dialog></name-dialog>
      <move-dialog></move-dialog>
      <file-preview></file-preview>
    </section>`;
  }

  private _list(here: string) {
    const task = this._listing;
    if (task.status === TaskStatus.ERROR && !isAbort(task.error)) {
      return html`<div class="error" role="alert">
        <p>${failureText('Could not open this folder', task.error)}</p>
        <button type="button" @click=${() => void task.run()}>Try again</button>
      </div>`;
    }
    const files = this._files;
    if (!files) {
      return html`<p class="error" role="alert">
        ${this._folders.value.error || 'File sync is not running in this browser.'}
      </p>`;
    }
    const listing = this._shown;
    if (!listing) return html`<p role="status">Opening the folder…</p>`;
    const ns = this.namespace;
    const folder = this._folderKey();
    const shown = listing.entries.filter((e) => !files.deletes.hides(ns.id, e.id, folder, e.name));
    if (shown.length === 0) {
      return html`<p class="empty">
        This folder is empty.${this._editable ? ' Drop files here or choose Upload files.' : ''}
      </p>`;
    }
    return html`<entry-list
      .entries=${shown}
      label=${here}
      ?editable=${this._editable}
      ?offline=${files.status?.phase === 'offline'}
      .dropTarget=${this._drag.target}
      .drag=${this._drag}
      .hrefOf=${(id: number) => folderPath(this.namespace, id)}
      @entry-action=${this._entryAction}
    ></entry-list>`;
  }

  private _entryAction(event: CustomEvent<EntryActionDetail>) {
    const { action, entry } = event.detail;
    const actions = {
      preview: this._preview,
      download: this._download,
      rename: this._rename,
      move: this._moveTo,
      delete: this._delete,
    };
    void actions[action].call(this, entry);
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
    const entries = this._shown?.entries;
    return entries?.find((e) => e.name === entry.name && e.kind === entry.kind) ?? entry;
  }

  private _queueReload() {
    if (this._reloadQueued) return;
    this._reloadQueued = true;
    // A burst of changes (an upload of many files) reloads once.
    setTimeout(() => {
      this._reloadQueued = false;
      if (this.isConnected) void this._listing.run();
    }, 100);
  }

  private async _focusHeadingOnce() {
    if (!this._focusHeading) return;
    this._focusHeading = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#folder-title')?.focus();
  }

  /** Adds files under `parentId`; asks for persistent storage first, while the gesture lasts. */
  private async _add(parentId: number, files: FileToAdd[] | Promise<FileToAdd[]>) {
    const sync = this._files;
    if (!sync) return;
    sync.askPersistOnce();
    let list: FileToAdd[] = [];
    const read = await this._action.run(async () => void (list = await files), {
      failure: 'Could not read what was dropped',
    });
    if (!read || list.length === 0) return;
    await this._action.run(
      async () => {
        this._action.tell(`Adding ${plural(list.length, 'file', 'files')}…`);
        const report = await sync.call('addFiles', {
          namespaceId: this.namespace.id,
          parentId,
          files: list,
        });
        return addedText(report);
      },
      { failure: 'Could not add the files' },
    );
    void this._listing.run();
  }

  private _newFolder() {
    const files = this._files;
    const ns = this.namespace;
    if (!files) return;
    const parentId = this._here;
    void this.renderRoot.querySelector<NameDialog>('name-dialog')?.ask({
      title: 'New folder',
      label: 'Folder name',
      submitLabel: 'Create folder',
      value: '',
      failure: 'Could not create the folder',
      submit: async (name) => {
        const made = await files.call('createFolder', { namespaceId: ns.id, parentId, name });
        this._action.tell(`Created the folder “${made.name}”.`);
        await this._listing.run();
      },
    });
  }

  private _rename(entry: FolderEntry) {
    const files = this._files;
    const ns = this.namespace;
    if (!files) return;
    void this.renderRoot.querySelector<NameDialog>('name-dialog')?.ask({
      title: `Rename “${entry.name}”`,
      label: 'New name',
      submitLabel: 'Rename',
      value: entry.name,
      failure: `Could not rename “${entry.name}”`,
      submit: async (name) => {
        await files.call('rename', { namespaceId: ns.id, id: this._fresh(entry).id, name });
        this._action.tell(`Renamed “${entry.name}” to “${name}”.`);
        await this._listing.run();
      },
    });
  }

  private _moveTo(entry: FolderEntry) {
    const files = this._files;
    if (!files) return;
    void this.renderRoot.querySelector<MoveDialog>('move-dialog')?.ask({
      files,
      namespace: this.namespace,
      entry,
      fromId: this._here,
      submit: (parentId) => this._move(this._fresh(entry), parentId),
    });
  }

  private async _move(entry: { id: number; name: string }, parentId: number): Promise<void> {
    const files = this._files;
    if (!files) return;
    await files.call('move', { namespaceId: this.namespace.id, id: entry.id, parentId });
    this._action.tell(`Moved “${entry.name}”.`);
    await this._listing.run();
  }

  private async _dropEntry(entry: DraggedEntry, parentId: number) {
    if (entry.id === parentId) return;
    if (entry.namespaceId !== this.namespace.id) {
      this._action.fail('Entries can be moved only within the same folder tree.');
      return;
    }
    await this._action.run(() => this._move(entry, parentId), {
      failure: `Could not move “${entry.name}”`,
    });
  }

  private _delete(entry: FolderEntry) {
    this._files?.deleteLater({
      namespaceId: this.namespace.id,
      id: this._fresh(entry).id,
      name: entry.name,
      folder: this._folderKey(),
    });
  }

  private async _download(entry: FolderEntry) {
    const files = this._files;
    if (!files) return;
    await this._action.run(
      async () => {
        this._action.tell(`Getting “${entry.name}”…`);
        const id = this._fresh(entry).id;
        saveBlob(await files.call('readFile', { namespaceId: this.namespace.id, id }), entry.name);
        return `Downloaded “${entry.name}”.`;
      },
      { failure: `Could not download “${entry.name}”` },
    );
  }

  private _preview(entry: FolderEntry) {
    const preview = this.renderRoot.querySelector<FilePreview>('file-preview');
    if (this._files) void preview?.show(this._files, this.namespace.id, entry);
  }

  private async _link() {
    await this._action.run(
      async () => {
        if (!(await this._folders.value.link(this.namespace.id))) return;
        return 'Linked. Cubby keeps this folder and the one on your computer the same.';
      },
      { failure: 'Could not link the folder' },
    );
  }

  private async _unlink() {
    await this._action.run(
      async () => {
        await this._folders.value.unlink(this.namespace.id);
        return 'Unlinked. The folder on your computer stays as it is.';
      },
      { failure: 'Could not unlink the folder' },
    );
  }
}
customElements.define('file-browser', FileBrowser);

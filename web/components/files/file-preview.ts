// <file-preview>: a file shown in a modal dialog: an image in <img>, text (its first 200 KB) in
// <pre>; anything else offers Download and Open. The bytes come from the sync worker (this device,
// or the server when not downloaded yet).
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { FileSync } from '../../app/file-sync.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import { humanSize } from '../../app/human-size.ts';
import { imageTypeOf, openTypeOf, previewKind } from '../../app/preview-kind.ts';
import { openBlob, saveBlob } from '../../app/save-blob.ts';
import type { FolderEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';
import { closeDialog } from '../close-dialog.ts';

/** Text beyond this is not shown (the whole file downloads). */
export const textPreviewBytes = 200 * 1024;

type Shown =
  { kind: 'image'; url: string } | { kind: 'text'; text: string; cut: boolean } | { kind: 'none' };

interface PreviewRequest {
  files: FileSync;
  namespaceId: string;
  entry: FolderEntry;
}

export class FilePreview extends LitElement {
  static override properties = { _request: { state: true } };
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      dialog {
        width: min(56rem, calc(100vw - 1.5rem));
      }
      .meta {
        margin: 0;
        color: var(--c-muted);
        font-size: 0.875rem;
      }
      img {
        display: block;
        max-width: 100%;
        max-height: 65vh;
        margin: 0 auto;
        object-fit: contain;
        background: repeating-conic-gradient(var(--c-surface-2) 0 25%, transparent 0 50%) 0 0 / 1rem
          1rem;
      }
      pre {
        margin: 0;
        max-height: 60vh;
        overflow: auto;
        padding: 0.75rem;
        background: var(--c-surface-2);
        border-radius: var(--radius);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 0.875rem;
      }
    `,
  ];

  declare private _request: PreviewRequest | null;
  /** The file's bytes and how they are shown (while the dialog is open). */
  private readonly _file = new Task(this, {
    task: async ([request]: [PreviewRequest | null], { signal }) => {
      if (!request) return initialState;
      const { files, namespaceId, entry } = request;
      const blob = await files.call('readFile', { namespaceId, id: entry.id }, signal);
      signal.throwIfAborted();
      return { blob, shown: await shownOf(blob, entry.name) };
    },
    args: (): [PreviewRequest | null] => [this._request],
  });

  constructor() {
    super();
    this._request = null;
  }

  /** Opens the dialog for the file and loads it. */
  async show(files: FileSync, namespaceId: string, entry: FolderEntry): Promise<void> {
    this._request = { files, namespaceId, entry };
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  /** The file once loaded (not one shown before). */
  private get _loaded(): { blob: Blob; shown: Shown } | null {
    return this._file.status === TaskStatus.COMPLETE ? (this._file.value ?? null) : null;
  }

  override render() {
    const entry = this._request?.entry ?? null;
    const loaded = this._loaded;
    return html`<dialog aria-labelledby="preview-title" @close=${this._closed}>
      <div class="dialog-body">
        <h2 id="preview-title">${entry?.name ?? ''}</h2>
        ${entry ? html`<p class="meta">${humanSize(entry.size)}</p>` : nothing} ${this._body(entry)}
        <div class="dialog-actions">
          ${
            loaded && entry && openTypeOf(entry.name) && loaded.shown.kind === 'none'
              ? html`<button type="button" @click=${this._open}>Open in a new tab</button>`
              : nothing
          }
          <button type="button" ?disabled=${!loaded} @click=${this._download}>Download</button>
          <button class="primary" type="button" @click=${closeDialog}>Close</button>
        </div>
      </div>
    </dialog>`;
  }

  private _body(entry: FolderEntry | null) {
    const task = this._file;
    if (task.status === TaskStatus.ERROR && !isAbort(task.error)) {
      const failure = failureText(`Could not open “${entry?.name ?? ''}”`, task.error);
      return html`<p class="error" role="alert">${failure}</p>`;
    }
    const shown = this._loaded?.shown;
    if (!shown) return html`<p role="status">Opening…</p>`;
    switch (shown.kind) {
      case 'image':
        return html`<img src=${shown.url} alt=${entry?.name ?? ''} />`;
      case 'text':
        return html`${
            shown.cut
              ? html`<p class="meta">
                  Showing the first ${humanSize(textPreviewBytes)}; download it for the rest.
                </p>`
              : nothing
          }
          <pre tabindex="0" aria-label="Contents of ${entry?.name ?? ''}">${shown.text}</pre>`;
      case 'none':
        return html`<p>There is no preview for this kind of file.</p>`;
    }
  }

  private _download() {
    const entry = this._request?.entry;
    if (this._loaded && entry) saveBlob(this._loaded.blob, entry.name);
  }

  private _open() {
    const entry = this._request?.entry;
    if (this._loaded && entry) openBlob(this._loaded.blob, entry.name);
  }

  private _closed() {
    const shown = this._loaded?.shown;
    if (shown?.kind === 'image') URL.revokeObjectURL(shown.url);
    this._request = null;
  }
}
customElements.define('file-preview', FilePreview);

/** How the bytes of `name` are shown: an image, the start of a text, or no preview. */
async function shownOf(blob: Blob, name: string): Promise<Shown> {
  switch (previewKind(name)) {
    case 'image':
      return {
        kind: 'image',
        url: URL.createObjectURL(new Blob([blob], { type: imageTypeOf(name) })),
      };
    case 'text':
      return {
        kind: 'text',
        text: await blob.slice(0, textPreviewBytes).text(),
        cut: blob.size > textPreviewBytes,
      };
    default:
      return { kind: 'none' };
  }
}

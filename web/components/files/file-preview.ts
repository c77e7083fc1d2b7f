// <file-preview>: a file shown in a modal dialog: an image in <img>, text (its first 200 KB) in
// <pre>; anything else offers Download and Open. The bytes come from the sync worker (this device,
// or the server when not downloaded yet).
import { LitElement, css, html, nothing } from 'lit';
import type { FileSync } from '../../app/file-sync.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import { humanSize } from '../../app/human-size.ts';
import { imageTypeOf, openTypeOf, previewKind } from '../../app/preview-kind.ts';
import { openBlob, saveBlob } from '../../app/save-blob.ts';
import type { FolderEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { dialogStyles } from '../../styles/dialog-styles.ts';

/** Text beyond this is not shown (the whole file downloads). */
export const textPreviewBytes = 200 * 1024;

type Shown =
  | { kind: 'loading' }
  | { kind: 'image'; url: string }
  | { kind: 'text'; text: string; cut: boolean }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

export class FilePreview extends LitElement {
  static override properties = {
    _entry: { state: true },
    _shown: { state: true },
  };
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

  declare private _entry: FolderEntry | null;
  declare private _shown: Shown;
  private _blob: Blob | null = null;
  private _abort: AbortController | null = null;

  constructor() {
    super();
    this._entry = null;
    this._shown = { kind: 'loading' };
  }

  /** Opens the dialog for the file and loads it. */
  async show(files: FileSync, namespaceId: string, entry: FolderEntry): Promise<void> {
    this._entry = entry;
    this._shown = { kind: 'loading' };
    this._blob = null;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    this._abort = new AbortController();
    const signal = this._abort.signal;
    try {
      const blob = await files.call('readFile', { namespaceId, id: entry.id }, signal);
      if (signal.aborted) return;
      this._blob = blob;
      this._shown = await this._render(blob, entry.name);
    } catch (err) {
      if (isAbort(err) || signal.aborted) return;
      this._shown = { kind: 'error', message: failureText(`Could not open “${entry.name}”`, err) };
    }
  }

  override render() {
    const entry = this._entry;
    return html`<dialog aria-labelledby="preview-title" @close=${this._closed}>
      <div class="dialog-body">
        <h2 id="preview-title">${entry?.name ?? ''}</h2>
        ${entry ? html`<p class="meta">${humanSize(entry.size)}</p>` : nothing} ${this._body(entry)}
        <div class="dialog-actions">
          ${
            this._blob && entry && openTypeOf(entry.name) && this._shown.kind === 'none'
              ? html`<button type="button" @click=${this._open}>Open in a new tab</button>`
              : nothing
          }
          <button type="button" ?disabled=${!this._blob} @click=${this._download}>Download</button>
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

  private _body(entry: FolderEntry | null) {
    const shown = this._shown;
    switch (shown.kind) {
      case 'loading':
        return html`<p role="status">Opening…</p>`;
      case 'error':
        return html`<p class="error" role="alert">${shown.message}</p>`;
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

  private async _render(blob: Blob, name: string): Promise<Shown> {
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

  private _download() {
    if (this._blob && this._entry) saveBlob(this._blob, this._entry.name);
  }

  private _open() {
    if (this._blob && this._entry) openBlob(this._blob, this._entry.name);
  }

  private _closed() {
    this._abort?.abort();
    if (this._shown.kind === 'image') URL.revokeObjectURL(this._shown.url);
    this._shown = { kind: 'loading' };
    this._blob = null;
    this._entry = null;
    this.dispatchEvent(new Event('closed'));
  }
}
customElements.define('file-preview', FilePreview);

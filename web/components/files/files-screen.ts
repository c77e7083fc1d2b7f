// <files-screen>: the Files screen: the folders list (own files, shared folders, a new shared
// folder) beside the folder shown; invitations waiting; and for a shared folder, its people and
// its chat.
import { LitElement, css, html, nothing } from 'lit';
import { foldersContext } from '../../app/contexts.ts';
import type { Route } from '../../app/route.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ModelConsumer } from '../model-consumer.ts';
import './file-browser.ts';
import './folder-chat.ts';
import './invite-list.ts';
import './namespace-nav.ts';
import './share-panel.ts';

type FilesRoute = Extract<Route, { view: 'files' }>;

export class FilesScreen extends LitElement {
  static override properties = { route: { attribute: false } };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: 13rem minmax(0, 1fr);
        gap: 1rem;
        align-items: start;
      }
      .content {
        display: grid;
        gap: 1rem;
        min-width: 0;
      }
      aside {
        position: sticky;
        top: 1rem;
      }
      @media (max-width: 44rem) {
        :host {
          grid-template-columns: minmax(0, 1fr);
        }
        aside {
          position: static;
        }
      }
    `,
  ];

  declare route: FilesRoute;
  private readonly _folders = new ModelConsumer(this, foldersContext);

  override render() {
    const { files } = this._folders.value;
    const ns = this._namespace();
    return html`<aside>
        <namespace-nav current=${ns?.id ?? ''}></namespace-nav>
      </aside>
      <div class="content">
        <invite-list></invite-list>
        ${files?.problem ? html`<p class="error" role="alert">${files.problem}</p>` : nothing}
        ${this._folder(ns)}
        ${
          ns?.kind === 'shared'
            ? html`<share-panel .namespace=${ns}></share-panel>
                <folder-chat .namespace=${ns}></folder-chat>`
            : nothing
        }
      </div>`;
  }

  private _namespace(): NamespaceEntry | undefined {
    const { namespaces } = this._folders.value;
    const id = this.route.namespaceId;
    return id === null
      ? namespaces.find((n) => n.kind === 'root')
      : namespaces.find((n) => n.id === id);
  }

  private _folder(ns: NamespaceEntry | undefined) {
    const folders = this._folders.value;
    if (ns) {
      return html`<file-browser .namespace=${ns} .folderId=${this.route.folderId}></file-browser>`;
    }
    if (folders.state === 'loading') return html`<p role="status">Opening your files…</p>`;
    if (folders.state === 'error') {
      return html`<div class="error" role="alert">
        <p>${folders.error || 'Cubby could not list your folders.'}</p>
        <button type="button" @click=${() => void folders.refresh()}>Try again</button>
      </div>`;
    }
    if (this.route.namespaceId === null) {
      return html`<p role="status">
        Your files appear here once Cubby has reached the server for the first time.
      </p>`;
    }
    return html`<div class="card">
      <h2>This folder is not in your list</h2>
      <p>It may have been unshared with you, or you left it.</p>
      <a href="/">Go to My files</a>
    </div>`;
  }
}
customElements.define('files-screen', FilesScreen);

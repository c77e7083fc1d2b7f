// <namespace-nav>: the person's own files and every shared folder, as links; and the form that
// creates a shared folder.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { foldersContext, routerContext } from '../../app/contexts.ts';
import { folderPath } from '../../app/route.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';

const roleWords: Record<NamespaceEntry['role'], string> = {
  owner: 'yours',
  editor: 'you can edit',
  viewer: 'you can view',
};

export class NamespaceNav extends LitElement {
  static override properties = { current: {}, _creating: { state: true } };
  static override styles = [
    controlStyles,
    css`
      ul {
        margin: 0 0 0.75rem;
        gap: 0.25rem;
      }
      a {
        display: grid;
        padding: 0.45rem 0.75rem;
        border-radius: var(--radius);
        color: var(--c-text);
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      a:hover {
        background: var(--c-surface-2);
      }
      a[aria-current='page'] {
        background: var(--c-accent-soft);
        font-weight: 700;
      }
      .hint {
        font-size: 0.8rem;
      }
      form {
        display: grid;
        gap: 0.5rem;
      }
      form .row button {
        flex: 1;
      }
    `,
  ];

  /** The namespace shown. */
  declare current: string;
  declare private _creating: boolean;
  private readonly _folders = new ModelConsumer(this, foldersContext);
  private readonly _router = new ModelConsumer(this, routerContext, {});
  private readonly _action = new ActionStatus(this);

  constructor() {
    super();
    this.current = '';
    this._creating = false;
  }

  override render() {
    const { namespaces } = this._folders.value;
    return html`<nav aria-label="Folders">
      <h2 class="visually-hidden">Folders</h2>
      ${
        namespaces.length > 0
          ? html`<ul>
              ${repeat(
                namespaces,
                (n) => n.id,
                (n) => html`<li>${this._link(n)}</li>`,
              )}
            </ul>`
          : nothing
      }
      ${this._creating ? this._form() : html`<button type="button" @click=${this._open}>New shared folder</button>`}
    </nav>`;
  }

  private _link(n: NamespaceEntry) {
    return html`<a
      href=${folderPath(n, n.rootId)}
      aria-current=${n.id === this.current ? 'page' : nothing}
      >${n.kind === 'root' ? 'My files' : n.name}
      ${
        n.kind === 'shared'
          ? html`<span class="hint">Shared · ${roleWords[n.role]}</span>`
          : nothing
      }</a
    >`;
  }

  private _form() {
    return html`<form @submit=${this._create}>
      <label for="shared-name">Name of the shared folder</label>
      <input id="shared-name" name="name" required maxlength="200" autocomplete="off" />
      ${this._action.errorLine()}
      <div class="row">
        <button type="button" @click=${() => (this._creating = false)}>Cancel</button>
        <button class="primary" type="submit" ?disabled=${this._action.isBusy()}>
          Create shared folder
        </button>
      </div>
    </form>`;
  }

  private async _open() {
    this._creating = true;
    this._action.clear();
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  private async _create(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const name = input?.value.trim() ?? '';
    if (!name) return;
    await this._action.run(
      async () => {
        const made = await this._folders.value.createShared(name);
        this._creating = false;
        this._router.value.navigate({ view: 'files', namespaceId: made.id, folderId: null });
      },
      { failure: 'Could not create the shared folder' },
    );
  }
}
customElements.define('namespace-nav', NamespaceNav);

// <namespace-nav>: the person's own files and every shared folder, as links; and the form that
// creates a shared folder.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CubbyController } from '../../app/cubby-controller.ts';
import { failureText } from '../../app/failure-text.ts';
import { routePath } from '../../app/route.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ListenTo } from '../listen-to.ts';

const roleWords: Record<NamespaceEntry['role'], string> = {
  owner: 'yours',
  editor: 'you can edit',
  viewer: 'you can view',
};

export class NamespaceNav extends LitElement {
  static override properties = {
    controller: { attribute: false },
    current: {},
    _creating: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0 0 0.75rem;
        padding: 0;
        display: grid;
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

  declare controller: CubbyController;
  /** The namespace shown. */
  declare current: string;
  declare private _creating: boolean;
  declare private _error: string;
  declare private _busy: boolean;

  constructor() {
    super();
    this.current = '';
    this._creating = false;
    this._error = '';
    this._busy = false;
    new ListenTo(this, () => this.controller, { change: () => this.requestUpdate() });
  }

  override render() {
    const c = this.controller;
    return html`<nav aria-label="Folders">
      <h2 class="visually-hidden">Folders</h2>
      ${
        c.namespaces.length > 0
          ? html`<ul>
              ${repeat(
                c.namespaces,
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
    const href = routePath({
      view: 'files',
      namespaceId: n.kind === 'root' ? null : n.id,
      folderId: null,
    });
    return html`<a href=${href} aria-current=${n.id === this.current ? 'page' : nothing}
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
      <p class="error" role="alert">${this._error}</p>
      <div class="row">
        <button type="button" @click=${() => (this._creating = false)}>Cancel</button>
        <button class="primary" type="submit" ?disabled=${this._busy}>Create shared folder</button>
      </div>
    </form>`;
  }

  private async _open() {
    this._creating = true;
    this._error = '';
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  private async _create(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const name = input?.value.trim() ?? '';
    if (!name) return;
    this._busy = true;
    this._error = '';
    try {
      const made = await this.controller.createSharedFolder(name);
      this._creating = false;
      this.controller.navigate({ view: 'files', namespaceId: made.id, folderId: null });
    } catch (err) {
      this._error = failureText('Could not create the shared folder', err);
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('namespace-nav', NamespaceNav);

// <share-panel>: who is in a shared folder. The owner shares it by username (editor or viewer),
// removes members and withdraws invitations still waiting; a member can leave.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { NamespaceMember } from '../../common/api/api-client.ts';
import type { CubbyController } from '../../app/cubby-controller.ts';
import { failureText, isAbort } from '../../app/failure-text.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ListenTo } from '../listen-to.ts';

export class SharePanel extends LitElement {
  static override properties = {
    controller: { attribute: false },
    namespace: { attribute: false },
    _members: { state: true },
    _loadError: { state: true },
    _error: { state: true },
    _done: { state: true },
    _busy: { state: true },
    _confirmLeave: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0 0 1rem;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.25rem 0.75rem;
        padding: 0.25rem 0;
        overflow-wrap: anywhere;
      }
      li button {
        min-height: 2.25rem;
        padding: 0.25rem 0.75rem;
      }
      .role {
        color: var(--c-muted);
      }
      form {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 8rem auto;
        gap: 0.5rem;
        align-items: end;
      }
      form label {
        margin: 0 0 0.25rem;
      }
      form .hint {
        grid-column: 1 / -1;
        margin: 0;
      }
      @media (max-width: 36rem) {
        form {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      h3 {
        margin-top: 0.5rem;
      }
    `,
  ];

  declare controller: CubbyController;
  declare namespace: NamespaceEntry;
  declare private _members: NamespaceMember[] | null;
  declare private _loadError: string;
  declare private _error: string;
  declare private _done: string;
  declare private _busy: boolean;
  declare private _confirmLeave: boolean;
  private _loadedFor = '';
  private _abort: AbortController | null = null;

  constructor() {
    super();
    this._members = null;
    this._loadError = '';
    this._error = '';
    this._done = '';
    this._busy = false;
    this._confirmLeave = false;
    new ListenTo(this, () => this.controller?.sharing, {
      // Invitations changed (one accepted, declined, withdrawn): membership may have too.
      change: () => void this._load(),
    });
  }

  override willUpdate() {
    if (this.namespace && this.namespace.id !== this._loadedFor) {
      this._loadedFor = this.namespace.id;
      this._members = null;
      this._error = '';
      this._done = '';
      this._confirmLeave = false;
      void this._load();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._abort?.abort();
  }

  override render() {
    const ns = this.namespace;
    const owner = ns.role === 'owner';
    const waiting = this.controller.sharing.waitingFor(ns.id);
    return html`<section class="card" aria-labelledby="share-title">
      <h2 id="share-title">People in “${ns.name}”</h2>
      ${this._memberList(owner)}
      ${
        owner && waiting.length > 0
          ? html`<h3>Invited, not answered yet</h3>
              <ul aria-label="Invitations waiting">
                ${repeat(
                  waiting,
                  (i) => i.id,
                  (i) =>
                    html`<li>
                      <span>${i.to} <span class="role">(${i.role})</span></span>
                      <button type="button" @click=${() => void this._withdraw(i.id, i.to)}>
                        Withdraw<span class="visually-hidden"> the invitation to ${i.to}</span>
                      </button>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${owner ? this._inviteForm() : nothing}
      <p role="status">${this._done}</p>
      <p class="error" role="alert">${this._error}</p>
      ${owner ? nothing : this._leaveControls(ns)}
    </section>`;
  }

  private _memberList(owner: boolean) {
    if (this._loadError) return html`<p class="error" role="alert">${this._loadError}</p>`;
    if (this._members === null) return html`<p role="status">Loading members…</p>`;
    const me = this.controller.account?.userId;
    return html`<ul aria-label="Members of ${this.namespace.name}">
      ${repeat(
        this._members,
        (m) => m.userId,
        (m) =>
          html`<li>
            <span
              >${m.username}${m.userId === me ? ' (you)' : ''}
              <span class="role">· ${m.role}</span></span
            >
            ${
              owner && m.role !== 'owner'
                ? html`<button type="button" @click=${() => void this._remove(m)}>
                    Remove<span class="visually-hidden"> ${m.username}</span>
                  </button>`
                : nothing
            }
          </li>`,
      )}
    </ul>`;
  }

  private _leaveControls(ns: NamespaceEntry) {
    if (!this._confirmLeave) {
      return html`<button type="button" @click=${() => (this._confirmLeave = true)}>
        Leave “${ns.name}”
      </button>`;
    }
    return html`<p>Leave “${ns.name}”? Its files go from this device; the others keep theirs.</p>
      <div class="row">
        <button type="button" class="primary" @click=${this._leave}>Yes, leave “${ns.name}”</button>
        <button type="button" @click=${() => (this._confirmLeave = false)}>Stay</button>
      </div>`;
  }

  private _inviteForm() {
    return html`<h3>Share</h3>
      <form @submit=${this._invite}>
        <div>
          <label for="share-username">Username to share with</label>
          <input
            id="share-username"
            name="username"
            required
            maxlength="64"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
          />
        </div>
        <div>
          <label for="share-role">Role</label>
          <select id="share-role" name="role" aria-describedby="share-roles">
            <option value="editor">Editor</option>
            <option value="viewer">Viewer</option>
          </select>
        </div>
        <button class="primary" type="submit" ?disabled=${this._busy}>Share</button>
        <p class="hint" id="share-roles">
          Editors add, change and delete files; viewers only look and download.
        </p>
      </form>`;
  }

  private async _load() {
    const ns = this.namespace;
    if (!ns || !this.controller) return;
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    try {
      const members = await this.controller.sharing.members(ns.id);
      if (abort.signal.aborted) return;
      this._members = members;
      this._loadError = '';
    } catch (err) {
      if (isAbort(err) || abort.signal.aborted) return;
      this._loadError = failureText('Could not list the members', err);
    }
  }

  private async _invite(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const role = data.get('role') === 'viewer' ? 'viewer' : 'editor';
    if (!username) return;
    this._busy = true;
    this._error = '';
    this._done = '';
    try {
      await this.controller.sharing.invite(this.namespace.id, username, role);
      form.reset();
      this._done = `Invited ${username} as ${role}. They join once they accept.`;
    } catch (err) {
      this._error = failureText(`Could not share with ${username}`, err);
    } finally {
      this._busy = false;
    }
  }

  private async _remove(member: NamespaceMember) {
    this._error = '';
    this._done = '';
    try {
      await this.controller.sharing.removeMember(this.namespace.id, member.userId);
      this._done = `${member.username} is no longer in “${this.namespace.name}”.`;
      await this._load();
    } catch (err) {
      this._error = failureText(`Could not remove ${member.username}`, err);
    }
  }

  private async _withdraw(inviteId: string, username: string) {
    this._error = '';
    this._done = '';
    try {
      await this.controller.sharing.withdraw(inviteId);
      this._done = `Withdrew the invitation to ${username}.`;
    } catch (err) {
      this._error = failureText('Could not withdraw the invitation', err);
    }
  }

  private async _leave() {
    const ns = this.namespace;
    this._error = '';
    try {
      await this.controller.leaveFolder(ns.id);
    } catch (err) {
      this._error = failureText(`Could not leave “${ns.name}”`, err);
    }
  }
}
customElements.define('share-panel', SharePanel);

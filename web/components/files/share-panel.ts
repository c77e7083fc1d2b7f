// <share-panel>: who is in a shared folder. The owner shares it by username (editor or viewer),
// removes members and withdraws invitations still waiting; a member can leave.
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { foldersContext, sessionContext, sharingContext } from '../../app/contexts.ts';
import { failureText } from '../../app/failure-text.ts';
import type { Sharing } from '../../app/sharing.ts';
import type { NamespaceMember } from '../../common/api/api-client.ts';
import type { NamespaceEntry } from '../../common/sync-client/sync-api.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';
import { submittedForm } from '../submitted-form.ts';

export class SharePanel extends LitElement {
  static override properties = {
    namespace: { attribute: false },
    _confirmLeave: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      ul {
        margin: 0 0 1rem;
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

  declare namespace: NamespaceEntry;
  declare private _confirmLeave: boolean;
  private readonly _sharing = new ModelConsumer(this, sharingContext, {
    // Invitations changed (one accepted, declined, withdrawn): membership may have too.
    change: () => void this._members.run(),
  });
  private readonly _folders = new ModelConsumer(this, foldersContext, {});
  private readonly _session = new ModelConsumer(this, sessionContext, {});
  private readonly _action = new ActionStatus(this);
  /** The members of the namespace shown (listed again whenever invitations change). */
  private readonly _members = new Task(this, {
    task: async ([sharing, namespaceId]: [Sharing, string]) => ({
      namespaceId,
      members: await sharing.members(namespaceId),
    }),
    args: (): [Sharing, string] => [this._sharing.value, this.namespace.id],
  });
  private _shownFor = '';

  constructor() {
    super();
    this._confirmLeave = false;
  }

  override willUpdate() {
    if (this.namespace.id !== this._shownFor) {
      this._shownFor = this.namespace.id;
      this._action.clear();
      this._confirmLeave = false;
    }
  }

  override render() {
    const ns = this.namespace;
    const owner = ns.role === 'owner';
    const waiting = this._sharing.value.waitingFor(ns.id);
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
      ${owner ? this._inviteForm() : nothing} ${this._action.statusLine()}
      ${this._action.errorLine()} ${owner ? nothing : this._leaveControls(ns)}
    </section>`;
  }

  private _memberList(owner: boolean) {
    const task = this._members;
    if (task.status === TaskStatus.ERROR) {
      return html`<p class="error" role="alert">
        ${failureText('Could not list the members', task.error)}
      </p>`;
    }
    // Listed again, the members shown stay; another namespace's are not shown meanwhile.
    const shown = task.value?.namespaceId === this.namespace.id ? task.value.members : null;
    if (!shown) return html`<p role="status">Loading members…</p>`;
    const me = this._session.value.account?.userId;
    return html`<ul aria-label="Members of ${this.namespace.name}">
      ${repeat(
        shown,
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
        <button class="primary" type="submit" ?disabled=${this._action.isBusy('share')}>
          Share
        </button>
        <p class="hint" id="share-roles">
          Editors add, change and delete files; viewers only look and download.
        </p>
      </form>`;
  }

  private async _invite(event: SubmitEvent) {
    const { form, text } = submittedForm(event);
    const username = text('username');
    const role = text('role') === 'viewer' ? 'viewer' : 'editor';
    if (!username) return;
    await this._action.run(
      async () => {
        await this._sharing.value.invite(this.namespace.id, username, role);
        form.reset();
        return `Invited ${username} as ${role}. They join once they accept.`;
      },
      { key: 'share', failure: `Could not share with ${username}` },
    );
  }

  private async _remove(member: NamespaceMember) {
    await this._action.run(
      async () => {
        await this._sharing.value.removeMember(this.namespace.id, member.userId);
        await this._members.run();
        return `${member.username} is no longer in “${this.namespace.name}”.`;
      },
      { failure: `Could not remove ${member.username}` },
    );
  }

  private async _withdraw(inviteId: string, username: string) {
    await this._action.run(
      async () => {
        await this._sharing.value.withdraw(inviteId);
        return `Withdrew the invitation to ${username}.`;
      },
      { failure: 'Could not withdraw the invitation' },
    );
  }

  private async _leave() {
    const ns = this.namespace;
    await this._action.run(() => this._folders.value.leave(ns.id), {
      failure: `Could not leave “${ns.name}”`,
    });
  }
}
customElements.define('share-panel', SharePanel);

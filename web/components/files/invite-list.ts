// <invite-list>: invitations to shared folders waiting for the person's answer, with Accept and
// Decline; after accepting, the folder is synced and a link opens it.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Invite } from '../../../shared/api/content.ts';
import { foldersContext, sharingContext } from '../../app/contexts.ts';
import { routePath } from '../../app/route.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ActionStatus } from '../action-status.ts';
import { ModelConsumer } from '../model-consumer.ts';

export class InviteList extends LitElement {
  static override styles = [
    controlStyles,
    css`
      li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      li p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .done:empty {
        display: none;
      }
    `,
  ];

  private readonly _sharing = new ModelConsumer(this, sharingContext);
  private readonly _folders = new ModelConsumer(this, foldersContext, {});
  private readonly _action = new ActionStatus(this);
  /** The folder last joined, for the link that opens it. */
  private _joined = '';

  override render() {
    const invites = this._sharing.value.invitesToMe;
    const { status, error } = this._action;
    if (invites.length === 0 && !status && !error) return nothing;
    return html`<section class="card" aria-labelledby="invites-title">
      <h2 id="invites-title">Invitations</h2>
      ${
        invites.length > 0
          ? html`<ul aria-label="Invitations to you">
              ${repeat(
                invites,
                (i) => i.id,
                (i) => this._item(i),
              )}
            </ul>`
          : nothing
      }
      <p class="done" role="status">
        ${
          status
            ? html`${status}
                <a href=${routePath({ view: 'files', namespaceId: this._joined, folderId: null })}
                  >Open it</a
                >`
            : nothing
        }
      </p>
      ${this._action.errorLine()}
    </section>`;
  }

  private _item(i: Invite) {
    const busy = this._action.isBusy(i.id);
    return html`<li>
      <p><strong>${i.from}</strong> invites you to “${i.namespaceName}” as ${i.role}.</p>
      <div class="row">
        <button
          class="primary"
          type="button"
          ?disabled=${busy}
          @click=${() => void this._answer(i, 'accept')}
        >
          Accept<span class="visually-hidden"> the invitation to ${i.namespaceName}</span>
        </button>
        <button type="button" ?disabled=${busy} @click=${() => void this._answer(i, 'decline')}>
          Decline<span class="visually-hidden"> the invitation to ${i.namespaceName}</span>
        </button>
      </div>
    </li>`;
  }

  private async _answer(invite: Invite, answer: 'accept' | 'decline') {
    await this._action.run(
      async () => {
        if (answer === 'decline') return this._sharing.value.decline(invite.id);
        await this._folders.value.acceptInvite(invite.id);
        this._joined = invite.namespaceId;
        return `You joined “${invite.namespaceName}”.`;
      },
      { key: invite.id, failure: `Could not ${answer} the invitation` },
    );
  }
}
customElements.define('invite-list', InviteList);

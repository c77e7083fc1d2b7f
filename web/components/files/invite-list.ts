// <invite-list>: invitations to shared folders waiting for the person's answer, with Accept and
// Decline; after accepting, the folder is synced and a link opens it.
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Invite } from '../../../shared/api/content.ts';
import type { CubbyController } from '../../app/cubby-controller.ts';
import { failureText } from '../../app/failure-text.ts';
import { routePath } from '../../app/route.ts';
import { controlStyles } from '../../styles/control-styles.ts';
import { ListenTo } from '../listen-to.ts';

export class InviteList extends LitElement {
  static override properties = {
    controller: { attribute: false },
    _error: { state: true },
    _done: { state: true },
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
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
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

  declare controller: CubbyController;
  declare private _error: string;
  declare private _done: { text: string; namespaceId: string } | null;
  declare private _busy: string;

  constructor() {
    super();
    this._error = '';
    this._done = null;
    this._busy = '';
    new ListenTo(this, () => this.controller, { change: () => this.requestUpdate() });
  }

  override render() {
    const invites = this.controller?.sharing.invitesToMe ?? [];
    if (invites.length === 0 && !this._done && !this._error) return nothing;
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
          this._done
            ? html`${this._done.text}
                <a
                  href=${routePath({
                    view: 'files',
                    namespaceId: this._done.namespaceId,
                    folderId: null,
                  })}
                  >Open it</a
                >`
            : nothing
        }
      </p>
      <p class="error" role="alert">${this._error}</p>
    </section>`;
  }

  private _item(i: Invite) {
    const busy = this._busy === i.id;
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
    this._busy = invite.id;
    this._error = '';
    this._done = null;
    try {
      if (answer === 'accept') {
        await this.controller.acceptInvite(invite.id);
        this._done = {
          text: `You joined “${invite.namespaceName}”.`,
          namespaceId: invite.namespaceId,
        };
      } else {
        await this.controller.sharing.decline(invite.id);
      }
    } catch (err) {
      this._error = failureText(`Could not ${answer} the invitation`, err);
    } finally {
      this._busy = '';
    }
  }
}
customElements.define('invite-list', InviteList);

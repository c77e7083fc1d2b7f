// Sharing as the page sees it: invitations to the person and the ones they sent (refreshed on their
// `user:<id>:invites` notifications), members of a shared folder, and each folder's chat. Plain HTTP
// through the ApiClient; what changes the synced namespaces (accepting, leaving, creating) is
// finished by Folders, which also syncs. Tells `chat` (a namespace's id) when a chat has news.
import type { ChatMessage, Invite } from '../../shared/api/content.ts';
import type { ApiClient, NamespaceMember } from '../common/api/api-client.ts';
import { failureText } from './failure-text.ts';
import type { LoadState } from './load-state.ts';
import { Model } from './model.ts';

export interface SharingEvents {
  /** A `chat:<ns>:messages` notification arrived (the namespace's id). */
  chat: string;
}

export class Sharing extends Model<SharingEvents> {
  invites: Invite[] = [];
  invitesState: LoadState = 'loading';
  invitesError = '';
  /** The username signed in (to tell invitations to them from those they sent). */
  username: string | null = null;

  constructor(private readonly _api: ApiClient) {
    super();
  }

  /** Invitations waiting for the person's answer. */
  get invitesToMe(): Invite[] {
    return this.invites.filter((i) => i.status === 'pending' && i.to === this.username);
  }

  /** Invitations the person sent for `namespaceId` that wait for an answer. */
  waitingFor(namespaceId: string): Invite[] {
    return this.invites.filter(
      (i) => i.status === 'pending' && i.from === this.username && i.namespaceId === namespaceId,
    );
  }

  async loadInvites(): Promise<void> {
    try {
      this.invites = await this._api.listInvites();
      this.invitesState = 'ready';
      this.invitesError = '';
    } catch (err) {
      this.invitesState = this.invites.length > 0 ? 'ready' : 'error';
      this.invitesError = failureText('Could not load your invitations', err);
    }
    this._changed();
  }

  members(namespaceId: string): Promise<NamespaceMember[]> {
    return this._api.listMembers(namespaceId);
  }

  async invite(namespaceId: string, username: string, role: 'editor' | 'viewer'): Promise<Invite> {
    const invite = await this._api.invite(namespaceId, username, role);
    await this.loadInvites();
    return invite;
  }

  async removeMember(namespaceId: string, userId: string): Promise<void> {
    await this._api.removeMember(namespaceId, userId);
    this._changed();
  }

  async decline(inviteId: string): Promise<void> {
    await this._api.declineInvite(inviteId);
    await this.loadInvites();
  }

  async withdraw(inviteId: string): Promise<void> {
    await this._api.withdrawInvite(inviteId);
    await this.loadInvites();
  }

  /** Every chat message after `after`, oldest first (as many pages as it takes). */
  async chatAfter(namespaceId: string, after: number): Promise<ChatMessage[]> {
    const all: ChatMessage[] = [];
    for (let cursor = after; ;) {
      const page = await this._api.listChat(namespaceId, cursor);
      all.push(...page.messages);
      const last = page.messages.at(-1);
      if (!page.more || !last) return all;
      cursor = last.seq;
    }
  }

  postChat(namespaceId: string, text: string): Promise<ChatMessage> {
    return this._api.postChat(namespaceId, text);
  }

  /** Tells the chat of `namespaceId` that new messages wait. */
  chatArrived(namespaceId: string): void {
    this._tell('chat', namespaceId);
  }

  clear(): void {
    this.invites = [];
    this.invitesState = 'loading';
    this.invitesError = '';
    this.username = null;
  }
}

// The content service: namespaces and their members, commits to the file tree with a journal,
// server-side diff values, sharing by invitation and chat — each change published as a notification.
import type {
  ChangesAnswer,
  ChatMessage,
  CommitAnswer,
  CommitOp,
  ContentNode,
  DigestAnswer,
  Invite,
  MemberRole,
  NamespaceInfo,
  OpResult,
} from '../../shared/api/content.ts';
import type { User } from '../../shared/api/auth.ts';
import type { PublishEventRequest } from '../../shared/api/events.ts';
import type { PushMode } from '../../shared/api/keys.ts';
import {
  chatKey,
  chatSubscribersKey,
  folderKey,
  invitesKey,
} from '../../shared/api/notification-keys.ts';
import { formatHashKey, randomHashKey, TreeStore, parseHashKey } from '../../shared/tree/index.ts';
import { newId } from '../auth/tokens.ts';
import { HttpError } from '../http-error.ts';
import type { Notifier } from '../notify/notifier.ts';
import type { NotificationStore } from '../store/notification-store.ts';
import type { ContentStore, InviteRecord, NamespaceRow } from './content-store.ts';
import { NamespaceTreeCache } from './namespace-tree-cache.ts';

/** What a role may do, from least to most. */
const rank: Record<MemberRole, number> = { viewer: 0, editor: 1, owner: 2 };
const commandOf = { add: 'ADD', edit: 'EDIT', move: 'MOVE', delete: 'DELETE' } as const;

export interface ContentServiceOptions {
  store: ContentStore;
  notifications: NotificationStore;
  notifier: Notifier;
  /** (parent, name) compares case-sensitively; default false, so every client OS can hold the tree. */
  caseSensitive: boolean;
  now?: () => number;
}

export class ContentService {
  readonly trees: NamespaceTreeCache;
  private readonly _store: ContentStore;
  private readonly _notifications: NotificationStore;
  private readonly _notifier: Notifier;
  private readonly _caseSensitive: boolean;
  private readonly _now: () => number;

  constructor(options: ContentServiceOptions) {
    this._store = options.store;
    this._notifications = options.notifications;
    this._notifier = options.notifier;
    this._caseSensitive = options.caseSensitive;
    this._now = options.now ?? Date.now;
    this.trees = new NamespaceTreeCache(options.store);
  }

  /** The user's own namespace and invitation key, made on first use. */
  async ensureUser(user: User): Promise<NamespaceRow> {
    await this._ensureKey(invitesKey(user.id), user.id, 'alert', 'Invitations to shared folders');
    const existing = await this._store.rootNamespaceOf(user.id);
    if (existing) return existing;
    return this._createNamespace(user, 'My files', 'root');
  }

  async namespaces(user: User): Promise<NamespaceInfo[]> {
    await this.ensureUser(user);
    return (await this._store.namespacesOf(user.id)).map(({ ns, role }) => info(ns, role));
  }

  async createShared(user: User, name: string): Promise<NamespaceInfo> {
    await this.ensureUser(user);
    return info(await this._createNamespace(user, name, 'shared'), 'owner');
  }

  /** The namespace if the user's role reaches `need`: 404 for non-members, 403 for too small a role. */
  async access(
    user: User,
    nsId: string,
    need: MemberRole,
  ): Promise<{ ns: NamespaceRow; role: MemberRole }> {
    const ns = await this._store.getNamespace(nsId);
    const role = ns ? await this._store.roleOf(nsId, user.id) : null;
    if (!ns || !role)
      throw new HttpError(404, 'namespace_not_found', 'There is no such folder tree.');
    if (rank[role] < rank[need]) {
      throw new HttpError(
        403,
        'forbidden',
        need === 'owner'
          ? 'Only the folder\u2019s owner can do that.'
          : 'You can only view this folder.',
      );
    }
    return { ns, role };
  }

  /** Applies ops in order, each atomically; a refused op does not stop the ones after it. */
  async commit(user: User, nsId: string, ops: CommitOp[]): Promise<CommitAnswer> {
    const { ns } = await this.access(user, nsId, 'editor');
    const tree = await this.trees.get(ns);
    let outcomes;
    try {
      outcomes = await this._store.commit(ns.id, ops, {
        userId: user.id,
        now: this._now(),
        tree,
        caseSensitive: this._caseSensitive,
      });
    } catch (err) {
      // The transaction rolled back, but the tree may hold part of it: rebuild it on next use.
      this.trees.drop(ns.id);
      throw err;
    }
    const results: OpResult[] = outcomes.map((o) => o.result);
    const entries = outcomes.flatMap((o) => (o.entry ? [o.entry] : []));
    const cursor = entries.at(-1)?.seq ?? ns.lastSeq;
    await this._publishMany(
      ns.ownerId,
      folderKey(ns.id),
      entries.map(({ op, node, seq }) => ({
        command: commandOf[op],
        change: { id: node.id, name: node.name, parentId: node.parentId, seq },
        source: user.id,
      })),
    );
    return { results, cursor, digest: tree.rootDiffValue };
  }

  async changes(user: User, nsId: string, cursor: number, limit: number): Promise<ChangesAnswer> {
    const { ns } = await this.access(user, nsId, 'viewer');
    const { entries } = await this._store.changesSince(ns.id, cursor, limit + 1);
    const more = entries.length > limit;
    if (more) entries.length = limit;
    const next = entries.at(-1)?.seq ?? Math.min(cursor, ns.lastSeq);
    return { changes: entries, cursor: next, more, digest: await this._digestAt(ns, next) };
  }

  /** Every node, or the subtree under `dirId` (to repair one part of a client's tree), page by page. */
  async *snapshot(
    user: User,
    nsId: string,
    dirId?: number,
  ): AsyncGenerator<{
    cursor: number;
    digest: string;
    nodes: ContentNode[];
  }> {
    const { ns } = await this.access(user, nsId, 'viewer');
    if (dirId !== undefined && !(await this.trees.get(ns)).has(dirId)) {
      throw new HttpError(404, 'not_found', `There is no node ${dirId} in this folder tree.`);
    }
    for await (const page of this._store.snapshot(ns.id, 2000, dirId)) {
      yield { ...page, digest: page.digest ?? emptyDigest(ns) };
    }
  }

  /** A folder's diff value and its children's: descend only where they differ from yours. */
  async digest(user: User, nsId: string, dirId: number | undefined): Promise<DigestAnswer> {
    const { ns } = await this.access(user, nsId, 'viewer');
    const tree = await this.trees.get(ns);
    const id = dirId ?? ns.rootId;
    if (!tree.has(id))
      throw new HttpError(404, 'not_found', `There is no node ${id} in this folder tree.`);
    return {
      id,
      digest: tree.diffValue(id),
      children: tree
        .children(id)
        .map((c) => ({ id: c, name: tree.get(c)!.name, digest: tree.diffValue(c) })),
    };
  }

  async invite(
    user: User,
    nsId: string,
    username: string,
    role: 'editor' | 'viewer',
    findUser: (name: string) => Promise<User | null>,
  ): Promise<Invite> {
    const { ns } = await this.access(user, nsId, 'owner');
    if (ns.kind === 'root')
      throw new HttpError(
        403,
        'forbidden',
        'Your own files cannot be shared; create a shared folder.',
      );
    const invitee = await findUser(username.trim().toLowerCase());
    if (!invitee) throw new HttpError(404, 'user_not_found', `There is no user "${username}".`);
    if (await this._store.roleOf(ns.id, invitee.id))
      throw new HttpError(409, 'already_member', `${invitee.username} is already a member.`);
    await this.ensureUser(invitee);
    // Inviting again while an invitation waits sends that one again (with the new role), not a second.
    const pending = await this._store.pendingInvite(ns.id, invitee.id);
    const id = pending?.id ?? newId('i');
    if (pending) await this._store.setInviteRole(id, role);
    else {
      await this._store.createInvite({
        id,
        nsId: ns.id,
        inviterId: user.id,
        inviteeId: invitee.id,
        role,
        now: this._now(),
      });
    }
    const invite = (await this._store.getInvite(id))!;
    await this._publish(invitee.id, invitesKey(invitee.id), {
      command: 'INVITE',
      change: { inviteId: id, namespaceId: ns.id, name: ns.name, from: user.username, role },
      title: `${user.username} invited you to "${ns.name}"`,
      source: user.id,
    });
    return inviteInfo(invite);
  }

  async invites(user: User): Promise<Invite[]> {
    return (await this._store.invitesOf(user.id)).map(inviteInfo);
  }

  /** Accept or decline (the invitee), or withdraw (the inviter); answered on the other side's invitation key. */
  async answerInvite(
    user: User,
    inviteId: string,
    answer: 'accept' | 'decline' | 'withdraw',
  ): Promise<Invite> {
    const invite = await this._store.getInvite(inviteId);
    const mine =
      invite && (answer === 'withdraw' ? invite.inviterId : invite.inviteeId) === user.id;
    if (!invite || !mine || invite.status !== 'pending') {
      throw new HttpError(404, 'invite_not_found', 'There is no such open invitation.');
    }
    const status =
      answer === 'accept' ? 'accepted' : answer === 'decline' ? 'declined' : 'withdrawn';
    await this._store.setInviteStatus(invite.id, status);
    if (answer === 'accept') await this._grant(invite.nsId, invite.inviteeId, invite.role);
    const notify = answer === 'withdraw' ? invite.inviteeId : invite.inviterId;
    await this._publish(notify, invitesKey(notify), {
      command: answer.toUpperCase(),
      change: {
        inviteId: invite.id,
        namespaceId: invite.nsId,
        name: invite.nsName,
        by: user.username,
      },
      source: user.id,
    });
    if (answer === 'accept') {
      const ns = (await this._store.getNamespace(invite.nsId))!;
      await this._publish(ns.ownerId, chatSubscribersKey(ns.id), {
        command: 'JOIN',
        change: { user: user.username },
      });
    }
    return inviteInfo({ ...invite, status });
  }

  async members(user: User, nsId: string) {
    const { ns } = await this.access(user, nsId, 'viewer');
    return this._store.members(ns.id);
  }

  /** Owners remove members (a member may also leave); their subscriptions end with it. */
  async removeMember(user: User, nsId: string, userId: string): Promise<void> {
    const { ns, role } = await this.access(user, nsId, 'viewer');
    if (userId !== user.id && role !== 'owner')
      throw new HttpError(403, 'forbidden', 'Only the folder\u2019s owner can remove members.');
    const target = await this._store.roleOf(ns.id, userId);
    if (!target) throw new HttpError(404, 'user_not_found', 'That user is not a member.');
    if (target === 'owner') throw new HttpError(403, 'forbidden', 'The owner cannot be removed.');
    await this._grant(ns.id, userId, null);
    const left = (await this._store.members(ns.id)).length;
    await this._publish(ns.ownerId, chatSubscribersKey(ns.id), {
      command: 'LEAVE',
      change: { userId, members: left },
    });
  }

  async postChat(user: User, nsId: string, text: string): Promise<ChatMessage> {
    const { ns } = await this.access(user, nsId, 'viewer');
    if (ns.kind === 'root')
      throw new HttpError(403, 'forbidden', 'Chat belongs to shared folders.');
    const message = await this._store.postChat(ns.id, user.id, text, this._now());
    await this._publish(ns.ownerId, chatKey(ns.id), {
      command: 'MESSAGE_POSTED',
      change: { seq: message.seq, from: message.from },
      title: `${message.from} in "${ns.name}"`,
      body: text.length > 200 ? `${text.slice(0, 199)}…` : text,
      source: user.id,
    });
    return message;
  }

  async chat(
    user: User,
    nsId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: ChatMessage[]; more: boolean }> {
    const { ns } = await this.access(user, nsId, 'viewer');
    const messages = await this._store.chatSince(ns.id, after, limit + 1);
    const more = messages.length > limit;
    if (more) messages.length = limit;
    return { messages, more };
  }

  private async _createNamespace(
    owner: User,
    name: string,
    kind: 'root' | 'shared',
  ): Promise<NamespaceRow> {
    const ns = await this._store.createNamespace({
      id: newId('n'),
      name,
      kind,
      ownerId: owner.id,
      diffKey: formatHashKey(randomHashKey()),
      now: this._now(),
    });
    await this._ensureKey(folderKey(ns.id), owner.id, 'alert', `Changes in "${name}"`);
    if (kind === 'shared') {
      await this._ensureKey(chatKey(ns.id), owner.id, 'alert', `Chat in "${name}"`);
      await this._ensureKey(
        chatSubscribersKey(ns.id),
        owner.id,
        'none',
        `Who is in the chat of "${name}"`,
      );
    }
    return ns;
  }

  /** Membership carries the right to subscribe to the namespace's keys; removal ends registrations. */
  private async _grant(nsId: string, userId: string, role: MemberRole | null) {
    await this._store.setMember(nsId, userId, role);
    for (const key of [folderKey(nsId), chatKey(nsId), chatSubscribersKey(nsId)]) {
      if (!(await this._notifications.getKey(key))) continue;
      await this._notifications.setGrant(key, userId, role ? ['subscribe'] : []);
      if (!role) await this._notifier.dropRegistrations(userId, key);
    }
  }

  private async _ensureKey(key: string, ownerId: string, push: PushMode, description: string) {
    await this._notifications.defineKey({ key, description, ownerId, push, now: this._now() });
  }

  private async _publish(asUserId: string, key: string, event: Omit<PublishEventRequest, 'key'>) {
    await this._publishMany(asUserId, key, [event]);
  }

  private async _publishMany(
    asUserId: string,
    key: string,
    events: Omit<PublishEventRequest, 'key'>[],
  ) {
    const record = events.length > 0 ? await this._notifications.getKey(key) : null;
    if (record)
      await this._notifier.publishMany(
        asUserId,
        record,
        events.map((e) => ({ key, ...e })),
      );
  }

  private async _digestAt(ns: NamespaceRow, seq: number): Promise<string> {
    if (seq === 0) return emptyDigest(ns);
    const { digest } = await this._store.changesSince(ns.id, seq, 0);
    return digest ?? emptyDigest(ns);
  }
}

/** The digest of a namespace with nothing but its root. */
function emptyDigest(ns: NamespaceRow): string {
  const tree = new TreeStore({ rootId: ns.rootId, key: parseHashKey(ns.diffKey) });
  const digest = tree.rootDiffValue;
  tree.dispose();
  return digest;
}

function info(ns: NamespaceRow, role: MemberRole): NamespaceInfo {
  return { id: ns.id, name: ns.name, role, rootId: ns.rootId, kind: ns.kind, diffKey: ns.diffKey };
}

function inviteInfo(i: InviteRecord): Invite {
  return {
    id: i.id,
    namespaceId: i.nsId,
    namespaceName: i.nsName,
    from: i.inviterName,
    to: i.inviteeName,
    role: i.role,
    status: i.status,
    createdAt: new Date(i.createdAt).toISOString(),
  };
}

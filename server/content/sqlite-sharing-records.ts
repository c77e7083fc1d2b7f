// Invitations to shared folders and each folder's chat, on SQLite.
import type { ChatMessage, MemberRole } from '../../shared/api/content.ts';
import type { SqliteDatabase } from '../store/database.ts';
import type { InviteRecord, NewInvite } from './content-store.ts';

const inviteColumns = `i.id, i.ns_id AS nsId, n.name AS nsName, i.inviter_id AS inviterId, a.username AS inviterName,
                i.invitee_id AS inviteeId, b.username AS inviteeName, i.role, i.status, i.created_at AS createdAt
         FROM invites i JOIN namespaces n ON n.id = i.ns_id JOIN users a ON a.id = i.inviter_id JOIN users b ON b.id = i.invitee_id`;

export class SqliteSharingRecords {
  private readonly _db: SqliteDatabase;
  private readonly _sql;

  constructor(db: SqliteDatabase) {
    this._db = db;
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
      insertInvite: p(
        `INSERT INTO invites (id, ns_id, inviter_id, invitee_id, role, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
      invite: p(`SELECT ${inviteColumns} WHERE i.id = ?`),
      invitesOf: p(
        `SELECT ${inviteColumns}
         WHERE (i.invitee_id = @user AND i.status = 'pending') OR i.inviter_id = @user
         ORDER BY i.created_at DESC`,
      ),
      setInviteStatus: p(`UPDATE invites SET status = ? WHERE id = ?`),
      setInviteRole: p(`UPDATE invites SET role = ? WHERE id = ?`),
      pendingInvite: p(
        `SELECT id FROM invites WHERE ns_id = ? AND invitee_id = ? AND status = 'pending' LIMIT 1`,
      ).pluck(),
      nextChat: p(`SELECT coalesce(max(seq), 0) + 1 FROM chat WHERE ns_id = ?`).pluck(),
      insertChat: p(`INSERT INTO chat (ns_id, seq, user_id, text, at) VALUES (?, ?, ?, ?, ?)`),
      chatSince: p(
        `SELECT c.seq, u.username AS "from", c.text, c.at FROM chat c JOIN users u ON u.id = c.user_id
         WHERE c.ns_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      ),
    };
  }

  createInvite(i: NewInvite): void {
    this._sql.insertInvite.run(i.id, i.nsId, i.inviterId, i.inviteeId, i.role, i.now);
  }

  getInvite(id: string): InviteRecord | null {
    return (this._sql.invite.get(id) as InviteRecord | undefined) ?? null;
  }

  invitesOf(userId: string): InviteRecord[] {
    return this._sql.invitesOf.all({ user: userId }) as InviteRecord[];
  }

  pendingInvite(nsId: string, inviteeId: string): InviteRecord | null {
    const id = this._sql.pendingInvite.get(nsId, inviteeId) as string | undefined;
    return id ? this.getInvite(id) : null;
  }

  setInviteRole(id: string, role: MemberRole): void {
    this._sql.setInviteRole.run(role, id);
  }

  setInviteStatus(id: string, status: InviteRecord['status']): void {
    this._sql.setInviteStatus.run(status, id);
  }

  postChat(nsId: string, userId: string, text: string, now: number): ChatMessage {
    const seq = this._db.transaction(() => {
      const next = this._sql.nextChat.get(nsId) as number;
      this._sql.insertChat.run(nsId, next, userId, text, now);
      return next;
    })();
    return this.chatSince(nsId, seq - 1, 1)[0]!;
  }

  chatSince(nsId: string, after: number, limit: number): ChatMessage[] {
    const rows = this._sql.chatSince.all(nsId, after, limit) as {
      seq: number;
      from: string;
      text: string;
      at: number;
    }[];
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }
}

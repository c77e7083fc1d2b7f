// ContentStore on SQLite: namespaces, members and reads of the nodes and journal here; the commit
// (sqlite-commit-writer.ts), blob and upload records, invitations and chat in their own parts.
import Database from 'better-sqlite3';
import type {
  ChatMessage,
  CommitOp,
  ContentNode,
  JournalEntry,
  JournalOp,
  MemberRole,
} from '../../shared/api/content.ts';
import type { SqliteDatabase } from '../store/database.ts';
import type {
  CommitContext,
  CommitOutcome,
  ContentStore,
  InviteRecord,
  NamespaceRow,
  NewInvite,
  NewNamespace,
  NewUpload,
} from './content-store.ts';
import { SqliteBlobRecords } from './sqlite-blob-records.ts';
import { SqliteCommitWriter } from './sqlite-commit-writer.ts';
import { contentNode, type NodeColumns } from './sqlite-node-columns.ts';
import { SqliteSharingRecords } from './sqlite-sharing-records.ts';

/** A row of `namespaces` as SQLite returns it. */
interface NamespaceColumns {
  id: string;
  name: string;
  kind: 'root' | 'shared';
  owner_id: string;
  root_id: number;
  diff_key: string;
  last_seq: number;
}

export class SqliteContentStore implements ContentStore {
  private readonly _db: SqliteDatabase;
  private readonly _file: string;
  private readonly _blobs: SqliteBlobRecords;
  private readonly _writer: SqliteCommitWriter;
  private readonly _sharing: SqliteSharingRecords;
  private readonly _sql;

  /** `file` is the database's path, for the separate read connections snapshots use. */
  constructor(db: SqliteDatabase, file: string) {
    this._db = db;
    this._file = file;
    this._blobs = new SqliteBlobRecords(db);
    this._writer = new SqliteCommitWriter(db, this._blobs);
    this._sharing = new SqliteSharingRecords(db);
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
      insertNs: p(
        `INSERT INTO namespaces (id, name, kind, owner_id, root_id, diff_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      getNs: p(`SELECT * FROM namespaces WHERE id = ?`),
      rootNs: p(`SELECT * FROM namespaces WHERE owner_id = ? AND kind = 'root'`),
      nsOf: p(
        `SELECT n.*, m.role FROM members m JOIN namespaces n ON n.id = m.ns_id WHERE m.user_id = ? ORDER BY n.kind DESC, n.name`,
      ),
      role: p(`SELECT role FROM members WHERE ns_id = ? AND user_id = ?`).pluck(),
      upsertMember: p(
        `INSERT INTO members (ns_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (ns_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      deleteMember: p(`DELETE FROM members WHERE ns_id = ? AND user_id = ?`),
      members: p(
        `SELECT m.user_id AS userId, u.username, m.role FROM members m JOIN users u ON u.id = m.user_id WHERE m.ns_id = ? ORDER BY u.username`,
      ),
      allNodes: p(
        // Parents before children: a breadth-first walk from the root.
        `WITH RECURSIVE t(id, depth) AS (
           SELECT root_id, 0 FROM namespaces WHERE id = @ns
           UNION ALL SELECT n.id, t.depth + 1 FROM nodes n JOIN t ON n.parent_id = t.id
         )
         SELECT n.* FROM t JOIN nodes n ON n.id = t.id ORDER BY t.depth, n.id`,
      ),
      changes: p(
        `SELECT seq, op, node, digest FROM journal WHERE ns_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      digestAt: p(`SELECT digest FROM journal WHERE ns_id = ? AND seq = ?`).pluck(),
    };
  }

  async createNamespace(ns: NewNamespace) {
    this._db.transaction(() => {
      const rootId = this._writer.newNodeId();
      this._sql.insertNs.run(ns.id, ns.name, ns.kind, ns.ownerId, rootId, ns.diffKey, ns.now);
      this._writer.addRoot(ns.id, rootId, ns.now);
      this._sql.upsertMember.run(ns.id, ns.ownerId, 'owner');
    })();
    return (await this.getNamespace(ns.id))!;
  }

  async getNamespace(id: string) {
    const row = this._sql.getNs.get(id) as NamespaceColumns | undefined;
    return row ? namespaceRow(row) : null;
  }

  async rootNamespaceOf(userId: string) {
    const row = this._sql.rootNs.get(userId) as NamespaceColumns | undefined;
    return row ? namespaceRow(row) : null;
  }

  async namespacesOf(userId: string) {
    const rows = this._sql.nsOf.all(userId) as (NamespaceColumns & { role: MemberRole })[];
    return rows.map((row) => ({ ns: namespaceRow(row), role: row.role }));
  }

  async roleOf(nsId: string, userId: string) {
    return (this._sql.role.get(nsId, userId) as MemberRole | undefined) ?? null;
  }

  async setMember(nsId: string, userId: string, role: MemberRole | null) {
    if (role) this._sql.upsertMember.run(nsId, userId, role);
    else this._sql.deleteMember.run(nsId, userId);
  }

  async members(nsId: string) {
    return this._sql.members.all(nsId) as { userId: string; username: string; role: MemberRole }[];
  }

  async nodes(nsId: string) {
    return (this._sql.allNodes.all({ ns: nsId }) as NodeColumns[]).map(contentNode);
  }

  async commit(nsId: string, ops: CommitOp[], ctx: CommitContext): Promise<CommitOutcome[]> {
    return this._writer.commit(nsId, ops, ctx);
  }

  async changesSince(nsId: string, cursor: number, limit: number) {
    const rows = this._sql.changes.all(nsId, cursor, limit) as {
      seq: number;
      op: JournalOp;
      node: string;
      digest: string;
    }[];
    const entries: JournalEntry[] = rows.map((r) => ({
      seq: r.seq,
      op: r.op,
      node: JSON.parse(r.node) as ContentNode,
    }));
    const last = rows.at(-1);
    const digest = last
      ? last.digest
      : ((this._sql.digestAt.get(nsId, cursor) as string | undefined) ?? null);
    return { entries, digest };
  }

  async *snapshot(nsId: string, pageSize: number, fromId?: number) {
    // Its own read connection and transaction: a consistent picture while commits go on.
    const reader = new Database(this._file, { readonly: true });
    try {
      reader.exec('BEGIN');
      const ns = reader
        .prepare(`SELECT last_seq, root_id FROM namespaces WHERE id = ?`)
        .get(nsId) as { last_seq: number; root_id: number };
      const digest =
        (reader
          .prepare(`SELECT digest FROM journal WHERE ns_id = ? AND seq = ?`)
          .pluck()
          .get(nsId, ns.last_seq) as string | undefined) ?? null;
      // One walk, read as it streams: this connection is the snapshot's alone, so the open
      // statement blocks nobody, and the transaction keeps the picture consistent across pages.
      const walk = reader
        .prepare(
          `WITH RECURSIVE t(id, depth) AS (
             SELECT id, 0 FROM nodes WHERE id = @from AND ns_id = @ns
             UNION ALL SELECT n.id, t.depth + 1 FROM nodes n JOIN t ON n.parent_id = t.id
           )
           SELECT n.* FROM t JOIN nodes n ON n.id = t.id ORDER BY t.depth, n.id`,
        )
        .iterate({ from: fromId ?? ns.root_id, ns: nsId }) as IterableIterator<NodeColumns>;
      let nodes: ContentNode[] = [];
      try {
        for (const row of walk) {
          nodes.push(contentNode(row));
          if (nodes.length === pageSize) {
            yield { cursor: ns.last_seq, digest, nodes };
            nodes = [];
          }
        }
      } finally {
        walk.return?.(); // a reader that went away ends the walk before the connection closes
      }
      yield { cursor: ns.last_seq, digest, nodes };
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
  }

  async blobSize(sha256: string) {
    return this._blobs.sizeOf(sha256);
  }

  async addBlob(sha256: string, size: number, userId: string, now: number) {
    this._blobs.add(sha256, size, userId, now);
  }

  async mayReadBlob(userId: string, sha256: string) {
    return this._blobs.mayUse(userId, sha256);
  }

  async takeUnreferencedBlobs(before: number) {
    return this._blobs.takeUnreferenced(before);
  }

  async createUpload(u: NewUpload) {
    this._blobs.createUpload(u);
  }

  async getUpload(id: string) {
    return this._blobs.getUpload(id);
  }

  async setUploadReceived(id: string, received: number) {
    this._blobs.setUploadReceived(id, received);
  }

  async deleteUpload(id: string) {
    this._blobs.deleteUpload(id);
  }

  async staleUploads(before: number) {
    return this._blobs.staleUploads(before);
  }

  async createInvite(i: NewInvite) {
    this._sharing.createInvite(i);
  }

  async getInvite(id: string) {
    return this._sharing.getInvite(id);
  }

  async invitesOf(userId: string) {
    return this._sharing.invitesOf(userId);
  }

  async pendingInvite(nsId: string, inviteeId: string) {
    return this._sharing.pendingInvite(nsId, inviteeId);
  }

  async setInviteRole(id: string, role: MemberRole) {
    this._sharing.setInviteRole(id, role);
  }

  async setInviteStatus(id: string, status: InviteRecord['status']) {
    this._sharing.setInviteStatus(id, status);
  }

  async postChat(nsId: string, userId: string, text: string, now: number): Promise<ChatMessage> {
    return this._sharing.postChat(nsId, userId, text, now);
  }

  async chatSince(nsId: string, after: number, limit: number) {
    return this._sharing.chatSince(nsId, after, limit);
  }
}

function namespaceRow(row: NamespaceColumns): NamespaceRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    ownerId: row.owner_id,
    rootId: row.root_id,
    diffKey: row.diff_key,
    lastSeq: row.last_seq,
  };
}

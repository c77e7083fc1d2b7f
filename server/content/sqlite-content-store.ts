// ContentStore on SQLite. A commit checks each op against the namespace's in-memory tree with the
// shared rules (checkCommitOp), writes it, applies it to the tree and journals it with the tree's
// new digest, in one transaction.
import Database from 'better-sqlite3';
import type {
  ChatMessage,
  CommitOp,
  ContentNode,
  JournalEntry,
  JournalOp,
  MemberRole,
} from '../../shared/api/content.ts';
import { nodeInputOf, treeMtime } from '../../shared/api/node-input-of.ts';
import { checkCommitOp, emptySha256, foldName, type OpRefusal } from '../../shared/commit/index.ts';
import { normalizeName } from '../../shared/tree/index.ts';
import type { SqliteDatabase } from '../store/database.ts';
import type {
  CommitContext,
  CommitOutcome,
  ContentStore,
  InviteRecord,
  NamespaceRow,
} from './content-store.ts';

/** A row of `nodes` as SQLite returns it. */
interface NodeColumns {
  id: number;
  ns_id: string;
  parent_id: number | null;
  name: string;
  kind: 'file' | 'dir';
  size: number;
  hash: string;
  rev: number;
  mtime: number;
}

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
  private readonly _sql;

  /** `file` is the database's path, for the separate read connections snapshots use. */
  constructor(db: SqliteDatabase, file: string) {
    this._db = db;
    this._file = file;
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
      nextNodeId: p(
        `UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'nodes' RETURNING seq`,
      ).pluck(),
      seedNodeSeq: p(
        `INSERT INTO sqlite_sequence (name, seq) SELECT 'nodes', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'nodes')`,
      ),
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
      insertNode: p(
        `INSERT INTO nodes (id, ns_id, parent_id, name, name_key, kind, size, hash, rev, mtime) VALUES (@id, @ns_id, @parent_id, @name, @name_key, @kind, @size, @hash, @rev, @mtime)`,
      ),
      getNode: p(`SELECT * FROM nodes WHERE id = ? AND ns_id = ?`),
      nameTaken: p(
        `SELECT id FROM nodes WHERE ns_id = ? AND parent_id = ? AND name_key = ?`,
      ).pluck(),
      allNodes: p(
        // Parents before children: a breadth-first walk from the root.
        `WITH RECURSIVE t(id, depth) AS (
           SELECT root_id, 0 FROM namespaces WHERE id = @ns
           UNION ALL SELECT n.id, t.depth + 1 FROM nodes n JOIN t ON n.parent_id = t.id
         )
         SELECT n.* FROM t JOIN nodes n ON n.id = t.id ORDER BY t.depth, n.id`,
      ),
      subtree: p(
        `WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n JOIN t ON n.parent_id = t.id) SELECT id FROM t`,
      ).pluck(),
      deleteNode: p(`DELETE FROM nodes WHERE id = ?`),
      updateContent: p(
        `UPDATE nodes SET size = ?, hash = ?, mtime = ?, rev = rev + 1 WHERE id = ?`,
      ),
      updatePlace: p(
        `UPDATE nodes SET parent_id = ?, name = ?, name_key = ?, rev = rev + 1 WHERE id = ?`,
      ),
      bumpSeq: p(
        `UPDATE namespaces SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq`,
      ).pluck(),
      insertJournal: p(`INSERT INTO journal (ns_id, seq, op, node, digest) VALUES (?, ?, ?, ?, ?)`),
      changes: p(
        `SELECT seq, op, node, digest FROM journal WHERE ns_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      digestAt: p(`SELECT digest FROM journal WHERE ns_id = ? AND seq = ?`).pluck(),
      blobSize: p(`SELECT size FROM blobs WHERE sha256 = ?`).pluck(),
      insertBlob: p(
        `INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      insertUploader: p(
        `INSERT INTO blob_uploaders (sha256, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
      ),
      uploaded: p(`SELECT 1 FROM blob_uploaders WHERE sha256 = ? AND user_id = ?`).pluck(),
      referencedForUser: p(
        `SELECT 1 FROM nodes n JOIN members m ON m.ns_id = n.ns_id WHERE n.hash = ? AND m.user_id = ? LIMIT 1`,
      ).pluck(),
      unreferenced: p(
        `SELECT sha256 FROM blobs b WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = b.sha256)`,
      ).pluck(),
      deleteBlob: p(`DELETE FROM blobs WHERE sha256 = ?`),
      insertUpload: p(
        `INSERT INTO uploads (id, user_id, sha256, size, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      getUpload: p(
        `SELECT id, user_id AS userId, sha256, size, received, created_at AS createdAt FROM uploads WHERE id = ?`,
      ),
      setReceived: p(`UPDATE uploads SET received = ? WHERE id = ?`),
      deleteUpload: p(`DELETE FROM uploads WHERE id = ?`),
      staleUploads: p(`SELECT id FROM uploads WHERE created_at < ?`).pluck(),
      insertInvite: p(
        `INSERT INTO invites (id, ns_id, inviter_id, invitee_id, role, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
      invite: p(
        `SELECT i.id, i.ns_id AS nsId, n.name AS nsName, i.inviter_id AS inviterId, a.username AS inviterName,
                i.invitee_id AS inviteeId, b.username AS inviteeName, i.role, i.status, i.created_at AS createdAt
         FROM invites i JOIN namespaces n ON n.id = i.ns_id JOIN users a ON a.id = i.inviter_id JOIN users b ON b.id = i.invitee_id
         WHERE i.id = ?`,
      ),
      invitesOf: p(
        `SELECT i.id, i.ns_id AS nsId, n.name AS nsName, i.inviter_id AS inviterId, a.username AS inviterName,
                i.invitee_id AS inviteeId, b.username AS inviteeName, i.role, i.status, i.created_at AS createdAt
         FROM invites i JOIN namespaces n ON n.id = i.ns_id JOIN users a ON a.id = i.inviter_id JOIN users b ON b.id = i.invitee_id
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
    this._sql.seedNodeSeq.run();
  }

  async createNamespace(ns: {
    id: string;
    name: string;
    kind: 'root' | 'shared';
    ownerId: string;
    diffKey: string;
    now: number;
  }) {
    this._db.transaction(() => {
      const rootId = this._sql.nextNodeId.get() as number;
      this._sql.insertNs.run(ns.id, ns.name, ns.kind, ns.ownerId, rootId, ns.diffKey, ns.now);
      this._sql.insertNode.run({
        id: rootId,
        ns_id: ns.id,
        parent_id: null,
        name: '',
        name_key: '',
        kind: 'dir',
        size: 0,
        hash: '',
        rev: 1,
        mtime: ns.now,
      });
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
    // One transaction for the batch (one WAL commit), a savepoint per op: the journal never holds
    // half an op. A refused op writes nothing, and does not stop the ones after it.
    const one = this._db.transaction((op: CommitOp): CommitOutcome => {
      const { journalOp, node } = this._write(nsId, op, ctx);
      const seq = this._sql.bumpSeq.get(nsId) as number;
      const digest = ctx.tree.rootDiffValue;
      this._sql.insertJournal.run(nsId, seq, journalOp, JSON.stringify(node), digest);
      return { result: { ok: true, node, seq }, entry: { seq, op: journalOp, node }, digest };
    });
    return this._db.transaction(() =>
      ops.map((op): CommitOutcome => {
        const refusal = this._check(nsId, op, ctx);
        return refusal ? { result: { ok: false, error: refusal } } : one(op);
      }),
    )();
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
    return (this._sql.blobSize.get(sha256) as number | undefined) ?? null;
  }

  async addBlob(sha256: string, size: number, userId: string, now: number) {
    this._db.transaction(() => {
      this._sql.insertBlob.run(sha256, size, now);
      this._sql.insertUploader.run(sha256, userId);
    })();
  }

  async mayReadBlob(userId: string, sha256: string) {
    return this._mayUseBlob(userId, sha256);
  }

  async takeUnreferencedBlobs(before: number) {
    return this._db.transaction(() => {
      const gone = this._sql.unreferenced.all(before) as string[];
      for (const sha of gone) this._sql.deleteBlob.run(sha);
      return gone;
    })();
  }

  async createUpload(u: { id: string; userId: string; sha256: string; size: number; now: number }) {
    this._sql.insertUpload.run(u.id, u.userId, u.sha256, u.size, u.now);
  }

  async getUpload(id: string) {
    return (
      (this._sql.getUpload.get(id) as Awaited<ReturnType<ContentStore['getUpload']>> | undefined) ??
      null
    );
  }

  async setUploadReceived(id: string, received: number) {
    this._sql.setReceived.run(received, id);
  }

  async deleteUpload(id: string) {
    this._sql.deleteUpload.run(id);
  }

  async staleUploads(before: number) {
    return this._sql.staleUploads.all(before) as string[];
  }

  async createInvite(i: {
    id: string;
    nsId: string;
    inviterId: string;
    inviteeId: string;
    role: MemberRole;
    now: number;
  }) {
    this._sql.insertInvite.run(i.id, i.nsId, i.inviterId, i.inviteeId, i.role, i.now);
  }

  async getInvite(id: string) {
    return (this._sql.invite.get(id) as InviteRecord | undefined) ?? null;
  }

  async invitesOf(userId: string) {
    return this._sql.invitesOf.all({ user: userId }) as InviteRecord[];
  }

  async pendingInvite(nsId: string, inviteeId: string) {
    const id = this._sql.pendingInvite.get(nsId, inviteeId) as string | undefined;
    return id ? this.getInvite(id) : null;
  }

  async setInviteRole(id: string, role: MemberRole) {
    this._sql.setInviteRole.run(role, id);
  }

  async setInviteStatus(id: string, status: InviteRecord['status']) {
    this._sql.setInviteStatus.run(status, id);
  }

  async postChat(nsId: string, userId: string, text: string, now: number): Promise<ChatMessage> {
    const seq = this._db.transaction(() => {
      const next = this._sql.nextChat.get(nsId) as number;
      this._sql.insertChat.run(nsId, next, userId, text, now);
      return next;
    })();
    return this.chatSince(nsId, seq - 1, 1).then((m) => m[0]!);
  }

  async chatSince(nsId: string, after: number, limit: number) {
    const rows = this._sql.chatSince.all(nsId, after, limit) as {
      seq: number;
      from: string;
      text: string;
      at: number;
    }[];
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  private _mayUseBlob(userId: string, sha256: string): boolean {
    return (
      this._sql.uploaded.get(sha256, userId) !== undefined ||
      this._sql.referencedForUser.get(sha256, userId) !== undefined
    );
  }

  /** The shared rules on one op, against the tree as the ops before it in the batch left it. */
  private _check(nsId: string, op: CommitOp, ctx: CommitContext): OpRefusal | null {
    return checkCommitOp(ctx.tree, op, {
      caseSensitive: ctx.caseSensitive,
      hasContent: (hash, size) =>
        this._mayUseBlob(ctx.userId, hash) && this._sql.blobSize.get(hash) === size,
      // The (parent, name_key) index answers in O(log n) where a scan of the folder is O(children).
      nameHolder: (parentId, key) =>
        this._sql.nameTaken.get(nsId, parentId, key) as number | undefined,
    });
  }

  /** Writes one checked op (inside the caller's transaction) and applies it to the tree. */
  private _write(
    nsId: string,
    op: CommitOp,
    ctx: CommitContext,
  ): { journalOp: JournalOp; node: ContentNode } {
    const nameOf = (raw: string) => {
      const name = normalizeName(raw);
      return { name, key: foldName(name, ctx.caseSensitive) };
    };
    const existing = (id: number) => this._sql.getNode.get(id, nsId) as NodeColumns;

    switch (op.op) {
      case 'add': {
        const { name, key } = nameOf(op.name);
        const isFile = op.kind === 'file';
        const id = this._sql.nextNodeId.get() as number;
        const row: NodeColumns = {
          id,
          ns_id: nsId,
          parent_id: op.parentId,
          name,
          kind: op.kind,
          size: isFile ? (op.size ?? 0) : 0,
          hash: isFile ? (op.hash ?? emptySha256) : '',
          rev: 1,
          mtime: op.mtime ?? ctx.now,
        };
        this._sql.insertNode.run({ ...row, name_key: key });
        const node = contentNode(row);
        ctx.tree.add(nodeInputOf({ ...node, parentId: op.parentId }));
        return { journalOp: 'add', node };
      }
      case 'edit': {
        const row = existing(op.id);
        const mtime = op.mtime ?? ctx.now;
        this._sql.updateContent.run(op.size, op.hash, mtime, op.id);
        const node = { ...row, size: op.size, hash: op.hash, mtime, rev: row.rev + 1 };
        ctx.tree.edit(op.id, {
          size: op.size,
          contentHash: op.hash,
          mtime: treeMtime(mtime),
          rev: node.rev,
        });
        return { journalOp: 'edit', node: contentNode(node) };
      }
      case 'move': {
        const row = existing(op.id);
        const parentId = op.parentId ?? row.parent_id!;
        const { name, key } = nameOf(op.name ?? row.name);
        this._sql.updatePlace.run(parentId, name, key, op.id);
        ctx.tree.move(op.id, parentId, name);
        ctx.tree.edit(op.id, { rev: row.rev + 1 });
        return {
          journalOp: 'move',
          node: contentNode({ ...row, parent_id: parentId, name, rev: row.rev + 1 }),
        };
      }
      case 'delete': {
        const row = existing(op.id);
        const ids = this._sql.subtree.all(op.id) as number[];
        for (let i = ids.length - 1; i >= 0; i--) this._sql.deleteNode.run(ids[i]!);
        ctx.tree.remove(op.id);
        return { journalOp: 'delete', node: contentNode(row) };
      }
      default:
        throw new Error(`unknown op ${(op as { op: string }).op}`);
    }
  }
}

function contentNode(row: NodeColumns): ContentNode {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    size: row.size,
    hash: row.hash,
    rev: row.rev,
    mtime: row.mtime,
  };
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

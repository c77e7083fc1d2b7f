// The commit on SQLite: each op checked with the shared rules against the namespace's tree, then
// its nodes written, the tree updated and the journal appended, in one transaction.
import type { CommitOp, ContentNode, JournalOp } from '../../shared/api/content.ts';
import { nodeInputOf, treeMtime } from '../../shared/api/node-input-of.ts';
import { checkCommitOp, emptySha256, foldName, type OpRefusal } from '../../shared/commit/index.ts';
import { normalizeName } from '../../shared/tree/index.ts';
import type { SqliteDatabase } from '../store/database.ts';
import type { CommitContext, CommitOutcome } from './content-store.ts';
import type { SqliteBlobRecords } from './sqlite-blob-records.ts';
import { contentNode, type NodeColumns } from './sqlite-node-columns.ts';

export class SqliteCommitWriter {
  private readonly _db: SqliteDatabase;
  private readonly _blobs: SqliteBlobRecords;
  private readonly _sql;

  constructor(db: SqliteDatabase, blobs: SqliteBlobRecords) {
    this._db = db;
    this._blobs = blobs;
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
      nextNodeId: p(
        `UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'nodes' RETURNING seq`,
      ).pluck(),
      seedNodeSeq: p(
        `INSERT INTO sqlite_sequence (name, seq) SELECT 'nodes', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'nodes')`,
      ),
      insertNode: p(
        `INSERT INTO nodes (id, ns_id, parent_id, name, name_key, kind, size, hash, rev, mtime) VALUES (@id, @ns_id, @parent_id, @name, @name_key, @kind, @size, @hash, @rev, @mtime)`,
      ),
      getNode: p(`SELECT * FROM nodes WHERE id = ? AND ns_id = ?`),
      nameTaken: p(
        `SELECT id FROM nodes WHERE ns_id = ? AND parent_id = ? AND name_key = ?`,
      ).pluck(),
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
    };
    this._sql.seedNodeSeq.run();
  }

  /** A new file id from the one server-wide sequence (inside the caller's transaction). */
  newNodeId(): number {
    return this._sql.nextNodeId.get() as number;
  }

  /** Writes the root folder of a new namespace (inside the caller's transaction). */
  addRoot(nsId: string, rootId: number, now: number): void {
    this._sql.insertNode.run({
      id: rootId,
      ns_id: nsId,
      parent_id: null,
      name: '',
      name_key: '',
      kind: 'dir',
      size: 0,
      hash: '',
      rev: 1,
      mtime: now,
    });
  }

  /** See `ContentStore.commit`. */
  commit(nsId: string, ops: CommitOp[], ctx: CommitContext): CommitOutcome[] {
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

  /** The shared rules on one op, against the tree as the ops before it in the batch left it. */
  private _check(nsId: string, op: CommitOp, ctx: CommitContext): OpRefusal | null {
    return checkCommitOp(ctx.tree, op, {
      caseSensitive: ctx.caseSensitive,
      hasContent: (hash, size) =>
        this._blobs.mayUse(ctx.userId, hash) && this._blobs.sizeOf(hash) === size,
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
        const row: NodeColumns = {
          id: this.newNodeId(),
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

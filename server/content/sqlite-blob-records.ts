// The blob and upload records on SQLite: which blobs exist, who may use them, uploads under way.
import type { SqliteDatabase } from '../store/database.ts';
import type { NewUpload, UploadRecord } from './content-store.ts';

export class SqliteBlobRecords {
  private readonly _db: SqliteDatabase;
  private readonly _sql;

  constructor(db: SqliteDatabase) {
    this._db = db;
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
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
    };
  }

  /** The recorded size of the blob, or null when there is none. */
  sizeOf(sha256: string): number | null {
    return (this._sql.blobSize.get(sha256) as number | undefined) ?? null;
  }

  add(sha256: string, size: number, userId: string, now: number): void {
    this._db.transaction(() => {
      this._sql.insertBlob.run(sha256, size, now);
      this._sql.insertUploader.run(sha256, userId);
    })();
  }

  /** The user uploaded the blob, or is a member of a namespace with a node that references it. */
  mayUse(userId: string, sha256: string): boolean {
    return (
      this._sql.uploaded.get(sha256, userId) !== undefined ||
      this._sql.referencedForUser.get(sha256, userId) !== undefined
    );
  }

  takeUnreferenced(before: number): string[] {
    return this._db.transaction(() => {
      const gone = this._sql.unreferenced.all(before) as string[];
      for (const sha of gone) this._sql.deleteBlob.run(sha);
      return gone;
    })();
  }

  createUpload(u: NewUpload): void {
    this._sql.insertUpload.run(u.id, u.userId, u.sha256, u.size, u.now);
  }

  getUpload(id: string): UploadRecord | null {
    return (this._sql.getUpload.get(id) as UploadRecord | undefined) ?? null;
  }

  setUploadReceived(id: string, received: number): void {
    this._sql.setReceived.run(received, id);
  }

  deleteUpload(id: string): void {
    this._sql.deleteUpload.run(id);
  }

  staleUploads(before: number): string[] {
    return this._sql.staleUploads.all(before) as string[];
  }
}

// AccountStore on SQLite: users with scrypt hashes, and sessions keyed by the hash of their token.
import type { User } from '../../shared/api/auth.ts';
import type { AccountStore } from './account-store.ts';
import type { SqliteDatabase } from './database.ts';

export class SqliteAccountStore implements AccountStore {
  private readonly _sql;

  constructor(db: SqliteDatabase) {
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
      insertUser: p(
        `INSERT INTO users (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO NOTHING`,
      ),
      userByName: p(`SELECT id, username, password_hash FROM users WHERE username = ?`),
      insertSession: p(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
      ),
      session: p(
        `SELECT u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      ),
      deleteSession: p(`DELETE FROM sessions WHERE token_hash = ?`),
      deleteExpired: p(`DELETE FROM sessions WHERE expires_at <= ?`),
    };
  }

  async createUser(user: { id: string; username: string; passwordHash: string; now: number }) {
    const inserted = this._sql.insertUser.run(user.id, user.username, user.passwordHash, user.now);
    return inserted.changes === 0 ? null : { id: user.id, username: user.username };
  }

  async findUserByName(username: string) {
    const row = this._sql.userByName.get(username) as
      { id: string; username: string; password_hash: string } | undefined;
    return row
      ? { user: { id: row.id, username: row.username }, passwordHash: row.password_hash }
      : null;
  }

  async createSession(s: { tokenHash: string; userId: string; now: number; expiresAt: number }) {
    this._sql.insertSession.run(s.tokenHash, s.userId, s.now, s.expiresAt);
  }

  async findSession(tokenHash: string, now: number) {
    return (this._sql.session.get(tokenHash, now) as User | undefined) ?? null;
  }

  async deleteSession(tokenHash: string) {
    this._sql.deleteSession.run(tokenHash);
  }

  async deleteExpiredSessions(now: number) {
    return this._sql.deleteExpired.run(now).changes;
  }
}

// Opens the embedded SQLite database (WAL) and brings its schema up to date.
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Each entry migrates the schema from version i to i + 1; never edit one that has shipped. */
const migrations: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,           -- SHA-256 of the bearer token, hex; the token itself is never stored
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions(user_id);

  CREATE TABLE keys (
    key TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users(id),
    push TEXT NOT NULL,
    active_registrations INTEGER NOT NULL DEFAULT 0,  -- open registrations, kept so publish never counts rows
    purged_through INTEGER NOT NULL DEFAULT 0,        -- highest notification id of this key removed by retention
    created_at INTEGER NOT NULL
  );
  CREATE TABLE grants (
    key TEXT NOT NULL REFERENCES keys(key) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    can_subscribe INTEGER NOT NULL,
    can_publish INTEGER NOT NULL,
    PRIMARY KEY (key, user_id)
  );
  CREATE INDEX grants_by_user ON grants(user_id);

  CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sent_count INTEGER NOT NULL DEFAULT 0,
    last_sent_id INTEGER NOT NULL DEFAULT 0,
    counts_uncertain INTEGER NOT NULL DEFAULT 0,  -- set after an unclean stop: the last counts may not have been saved
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    push_endpoint TEXT,
    push_p256dh TEXT,
    push_auth TEXT
  );
  CREATE INDEX clients_by_user ON clients(user_id);
  CREATE INDEX clients_by_last_seen ON clients(last_seen_at);

  -- A client receives notifications of key with from_id < id <= to_id (to_id NULL while registered).
  CREATE TABLE registrations (
    client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    key TEXT NOT NULL REFERENCES keys(key) ON DELETE CASCADE,
    from_id INTEGER NOT NULL,
    to_id INTEGER,
    has_push INTEGER NOT NULL DEFAULT 0,   -- the client has a push subscription (copied from clients)
    PRIMARY KEY (client_id, key, from_id)
  );
  CREATE INDEX registrations_by_key ON registrations(key, to_id);
  -- Push targets of a key, without reading the registrations of clients that have no subscription.
  CREATE INDEX registrations_to_push ON registrations(key) WHERE to_id IS NULL AND has_push = 1;

  -- The notification log: one row per event, whatever the number of recipients.
  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,                   -- ms since epoch
    json TEXT NOT NULL                     -- the notification as sent, serialized once
  );
  CREATE INDEX notifications_by_key ON notifications(key, id);
  CREATE INDEX notifications_by_at ON notifications(at);

  CREATE TABLE idempotency (
    user_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, idem_key)
  );
  CREATE INDEX idempotency_by_age ON idempotency(created_at);

  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  INSERT INTO sqlite_sequence (name, seq) VALUES ('notifications', 0);
  `,
  `
  -- The content service (server/content): namespaces, their trees, journals, blobs, sharing, chat.
  CREATE TABLE namespaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                    -- 'root' (a user's own) or 'shared'
    owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    root_id INTEGER NOT NULL,
    diff_key TEXT NOT NULL,                -- 32 hex digits: the key of this namespace's diff values
    last_seq INTEGER NOT NULL DEFAULT 0,   -- newest journal entry
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX namespaces_one_root ON namespaces(owner_id) WHERE kind = 'root';
  CREATE TABLE members (
    ns_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (ns_id, user_id)
  );
  CREATE INDEX members_by_user ON members(user_id);

  -- File ids are global and never reused, so a file keeps its id across namespaces' journals.
  CREATE TABLE nodes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ns_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
    parent_id INTEGER,
    name TEXT NOT NULL,                    -- NFC
    name_key TEXT NOT NULL,                -- what (parent, name) uniqueness compares: folded when case-insensitive
    kind TEXT NOT NULL,                    -- 'file' or 'dir'
    size INTEGER NOT NULL,
    hash TEXT NOT NULL,                    -- SHA-256 hex of the content; '' for folders
    rev INTEGER NOT NULL,
    mtime INTEGER NOT NULL                 -- ms since epoch
  );
  CREATE UNIQUE INDEX nodes_by_name ON nodes(ns_id, parent_id, name_key);
  CREATE INDEX nodes_by_parent ON nodes(parent_id);
  CREATE INDEX nodes_by_hash ON nodes(hash) WHERE hash <> '';

  CREATE TABLE journal (
    ns_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    op TEXT NOT NULL,
    node TEXT NOT NULL,                    -- the node's JSON after the change
    digest TEXT NOT NULL,                  -- root diff value after the change
    PRIMARY KEY (ns_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  -- Who uploaded the bytes themselves: only they (and readers of a node using it) may read a blob.
  CREATE TABLE blob_uploaders (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (sha256, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    ns_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
    inviter_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    invitee_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX invites_by_invitee ON invites(invitee_id, status);

  CREATE TABLE chat (
    ns_id TEXT NOT NULL REFERENCES namespaces(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (ns_id, seq)
  ) WITHOUT ROWID;
  `,
  `
  -- A registration may be silent: the client keeps the notifications but is never woken by push.
  ALTER TABLE registrations ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
  DROP INDEX registrations_to_push;
  CREATE INDEX registrations_to_push ON registrations(key) WHERE to_id IS NULL AND has_push = 1 AND silent = 0;
  `,
];

/** Opens (creating if needed) the database at `file` and migrates it. */
export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (kill -9); only power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}

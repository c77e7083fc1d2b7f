// The notification store's SQL, prepared once per database: the log, keys and grants, clients and
// their registrations (intervals of log ids), idempotency, retention and the run mark.
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database.ts';

/** Every statement the notification store runs, prepared on `db`. */
export function prepareNotificationStatements(db: SqliteDatabase): NotificationStatements {
  const p = (sql: string) => db.prepare(sql);
  return {
    head: p(`SELECT seq FROM sqlite_sequence WHERE name = 'notifications'`).pluck(),
    insertKey: p(
      `INSERT INTO keys (key, description, owner_id, push, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    ),
    getKey: p(
      `SELECT k.key, k.description, k.owner_id, u.username AS owner_name, k.push, k.active_registrations
       FROM keys k JOIN users u ON u.id = k.owner_id WHERE k.key = ?`,
    ),
    grant: p(`SELECT can_subscribe, can_publish FROM grants WHERE key = ? AND user_id = ?`),
    keysFor: p(
      `SELECT k.key, k.description, k.owner_id, u.username AS owner_name, k.push, k.active_registrations,
              g.can_subscribe, g.can_publish
       FROM keys k JOIN users u ON u.id = k.owner_id
       LEFT JOIN grants g ON g.key = k.key AND g.user_id = @user
       WHERE k.owner_id = @user OR g.can_subscribe = 1 OR g.can_publish = 1
       ORDER BY k.key`,
    ),
    upsertGrant: p(
      `INSERT INTO grants (key, user_id, can_subscribe, can_publish) VALUES (?, ?, ?, ?)
       ON CONFLICT (key, user_id) DO UPDATE SET can_subscribe = excluded.can_subscribe, can_publish = excluded.can_publish`,
    ),
    deleteGrant: p(`DELETE FROM grants WHERE key = ? AND user_id = ?`),
    insertClient: p(
      `INSERT INTO clients (id, user_id, name, last_sent_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    getClient: p(`SELECT * FROM clients WHERE id = ?`),
    listClients: p(`SELECT * FROM clients WHERE user_id = ? ORDER BY created_at, id`),
    silentKeys: p(
      `SELECT key FROM registrations WHERE client_id = ? AND to_id IS NULL AND silent = 1 ORDER BY key`,
    ).pluck(),
    setSilent: p(
      `UPDATE registrations SET silent = ? WHERE client_id = ? AND key = ? AND to_id IS NULL`,
    ),
    clientKeys: p(
      `SELECT key FROM registrations WHERE client_id = ? AND to_id IS NULL ORDER BY key`,
    ).pluck(),
    openRegistration: p(
      `INSERT INTO registrations (client_id, key, from_id, has_push)
       SELECT @client, @key, @head, push_endpoint IS NOT NULL FROM clients WHERE id = @client
         AND NOT EXISTS (SELECT 1 FROM registrations WHERE client_id = @client AND key = @key AND to_id IS NULL)`,
    ),
    markPush: p(`UPDATE registrations SET has_push = ? WHERE client_id = ?`),
    closeRegistration: p(
      `UPDATE registrations SET to_id = ? WHERE client_id = ? AND key = ? AND to_id IS NULL`,
    ),
    countUp: p(`UPDATE keys SET active_registrations = active_registrations + 1 WHERE key = ?`),
    countDown: p(`UPDATE keys SET active_registrations = active_registrations - 1 WHERE key = ?`),
    countDownClient: p(
      `UPDATE keys SET active_registrations = active_registrations - 1
       WHERE key IN (SELECT key FROM registrations WHERE client_id = ? AND to_id IS NULL)`,
    ),
    deleteClient: p(`DELETE FROM clients WHERE id = ?`),
    touch: p(`UPDATE clients SET last_seen_at = max(last_seen_at, ?) WHERE id = ?`),
    saveCounts: p(`UPDATE clients SET sent_count = ?, last_sent_id = ? WHERE id = ?`),
    setPush: p(
      `UPDATE clients SET push_endpoint = ?, push_p256dh = ?, push_auth = ?  WHERE id = ?`,
    ),
    removePush: p(
      `UPDATE clients SET push_endpoint = NULL, push_p256dh = NULL, push_auth = NULL
       WHERE id = ? AND push_endpoint = ?`,
    ),
    idem: p(`SELECT request_hash, answer FROM idempotency WHERE user_id = ? AND idem_key = ?`),
    insertIdem: p(
      `INSERT INTO idempotency (user_id, idem_key, request_hash, answer, created_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    insertNotification: p(`INSERT INTO notifications (id, key, at, json) VALUES (?, ?, ?, ?)`),
    missed: p(
      `SELECT n.id, n.json FROM registrations r
       JOIN notifications n ON n.key = r.key AND n.id > max(r.from_id, @after)
                            AND (r.to_id IS NULL OR n.id <= r.to_id)
       WHERE r.client_id = @client ORDER BY n.id LIMIT @limit`,
    ),
    countMissed: p(
      `SELECT count(*) FROM registrations r
       JOIN notifications n ON n.key = r.key AND n.id > max(r.from_id, @after)
                            AND n.id <= min(coalesce(r.to_id, @through), @through)
       WHERE r.client_id = @client`,
    ).pluck(),
    // A purged notification the client lacks: one of its intervals overlaps (after, purged_through].
    purgedSince: p(
      `SELECT 1 FROM registrations r JOIN keys k ON k.key = r.key
       WHERE r.client_id = @client
         AND min(coalesce(r.to_id, k.purged_through), k.purged_through) > max(r.from_id, @after)
       LIMIT 1`,
    ).pluck(),
    resetCounts: p(
      `UPDATE clients SET sent_count = 0, last_sent_id = ?, counts_uncertain = 0 WHERE id = ?`,
    ),
    resetOpen: p(`UPDATE registrations SET from_id = ? WHERE client_id = ? AND to_id IS NULL`),
    dropClosed: p(
      `DELETE FROM registrations WHERE client_id = ? AND to_id IS NOT NULL AND to_id <= ?`,
    ),
    clearUncertain: p(`UPDATE clients SET counts_uncertain = 0 WHERE id = ?`),
    pushTargets: p(
      `SELECT r.rowid AS cursor, c.id, c.push_endpoint, c.push_p256dh, c.push_auth
       FROM registrations r INDEXED BY registrations_to_push JOIN clients c ON c.id = r.client_id
       WHERE r.key = @key AND r.to_id IS NULL AND r.has_push = 1 AND r.silent = 0 AND r.rowid > @after AND r.from_id < @id
         AND c.push_endpoint IS NOT NULL
       ORDER BY r.rowid LIMIT @limit`,
    ),
    oldestId: p(`SELECT min(id) FROM notifications`).pluck(),
    lastBefore: p(`SELECT max(id) FROM notifications WHERE at < ?`).pluck(),
    markPurged: p(
      `UPDATE keys SET purged_through = max(purged_through, m.last)
       FROM (SELECT key, max(id) AS last FROM notifications WHERE id <= ? GROUP BY key) AS m
       WHERE keys.key = m.key`,
    ),
    deletePrefix: p(`DELETE FROM notifications WHERE id <= ?`),
    staleClients: p(`SELECT id FROM clients WHERE last_seen_at < ?`).pluck(),
    expireIdem: p(`DELETE FROM idempotency WHERE created_at < ?`),
    getMeta: p(`SELECT value FROM meta WHERE name = ?`).pluck(),
    setMeta: p(
      `INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
    ),
    markAllUncertain: p(`UPDATE clients SET counts_uncertain = 1`),
  };
}

/** The prepared statements, by name. */
export type NotificationStatements = Record<StatementName, Database.Statement>;

type StatementName =
  | 'head'
  | 'insertKey'
  | 'getKey'
  | 'grant'
  | 'keysFor'
  | 'upsertGrant'
  | 'deleteGrant'
  | 'insertClient'
  | 'getClient'
  | 'listClients'
  | 'silentKeys'
  | 'setSilent'
  | 'clientKeys'
  | 'openRegistration'
  | 'markPush'
  | 'closeRegistration'
  | 'countUp'
  | 'countDown'
  | 'countDownClient'
  | 'deleteClient'
  | 'touch'
  | 'saveCounts'
  | 'setPush'
  | 'removePush'
  | 'idem'
  | 'insertIdem'
  | 'insertNotification'
  | 'missed'
  | 'countMissed'
  | 'purgedSince'
  | 'resetCounts'
  | 'resetOpen'
  | 'dropClosed'
  | 'clearUncertain'
  | 'pushTargets'
  | 'oldestId'
  | 'lastBefore'
  | 'markPurged'
  | 'deletePrefix'
  | 'staleClients'
  | 'expireIdem'
  | 'getMeta'
  | 'setMeta'
  | 'markAllUncertain';

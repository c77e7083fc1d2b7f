// NotificationStore on SQLite (better-sqlite3): the log is one row per notification, and a client's
// missed notifications are derived from its registrations and cursor, never copied per recipient.
import type { KeyRight, PushMode } from '../../shared/api/keys.ts';
import type { SqliteDatabase } from './database.ts';
import type {
  AppendResult,
  ClientCounts,
  ClientRow,
  IdempotencyClaim,
  KeyRecord,
  NotificationStore,
  PushSubscriptionRecord,
  PushTarget,
  StoredNotification,
} from './notification-store.ts';

interface KeySqlRow {
  key: string;
  description: string;
  owner_id: string;
  owner_name: string;
  push: PushMode;
  active_registrations: number;
}

interface ClientSqlRow {
  id: string;
  user_id: string;
  name: string;
  sent_count: number;
  last_sent_id: number;
  counts_uncertain: number;
  created_at: number;
  last_seen_at: number;
  push_endpoint: string | null;
  push_p256dh: string | null;
  push_auth: string | null;
}

const purgeBatch = 10_000;

export class SqliteNotificationStore implements NotificationStore {
  private readonly _db: SqliteDatabase;
  private readonly _sql;

  constructor(db: SqliteDatabase) {
    this._db = db;
    const p = (sql: string) => db.prepare(sql);
    this._sql = {
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

  async defineKey(def: {
    key: string;
    description: string;
    ownerId: string;
    push: PushMode;
    now: number;
  }) {
    const inserted = this._sql.insertKey.run(
      def.key,
      def.description,
      def.ownerId,
      def.push,
      def.now,
    );
    if (inserted.changes === 0) return null;
    return this._key(def.key);
  }

  async getKey(key: string) {
    return this._key(key);
  }

  async rightsOf(userId: string, key: string): Promise<KeyRight[]> {
    const k = this._key(key);
    if (!k) return [];
    if (k.ownerId === userId) return ['subscribe', 'publish'];
    const g = this._sql.grant.get(key, userId) as
      { can_subscribe: number; can_publish: number } | undefined;
    return rightsFrom(g?.can_subscribe, g?.can_publish);
  }

  async keysFor(userId: string) {
    const rows = this._sql.keysFor.all({ user: userId }) as (KeySqlRow & {
      can_subscribe: number | null;
      can_publish: number | null;
    })[];
    return rows.map((row) => ({
      key: keyRecord(row),
      rights:
        row.owner_id === userId
          ? (['subscribe', 'publish'] as KeyRight[])
          : rightsFrom(row.can_subscribe, row.can_publish),
    }));
  }

  async setGrant(key: string, userId: string, rights: KeyRight[]) {
    if (rights.length === 0) this._sql.deleteGrant.run(key, userId);
    else
      this._sql.upsertGrant.run(
        key,
        userId,
        rights.includes('subscribe') ? 1 : 0,
        rights.includes('publish') ? 1 : 0,
      );
  }

  async createClient(client: {
    id: string;
    userId: string;
    name: string;
    keys: string[];
    now: number;
  }) {
    this._db.transaction(() => {
      const head = this._head();
      this._sql.insertClient.run(
        client.id,
        client.userId,
        client.name,
        head,
        client.now,
        client.now,
      );
      this._open(client.id, client.keys, head);
    })();
    return this._client(client.id)!;
  }

  async getClient(id: string) {
    return this._client(id);
  }

  async listClients(userId: string) {
    const rows = this._sql.listClients.all(userId) as ClientSqlRow[];
    return rows.map((row) => this._clientOf(row));
  }

  async updateClientKeys(
    id: string,
    add: string[],
    remove: string[],
    silent: string[] = [],
    alert: string[] = [],
  ) {
    return this._db.transaction(() => {
      const head = this._head();
      for (const key of remove) {
        if (this._sql.closeRegistration.run(head, id, key).changes > 0)
          this._sql.countDown.run(key);
      }
      this._open(id, add, head);
      for (const key of silent) this._sql.setSilent.run(1, id, key);
      for (const key of alert) this._sql.setSilent.run(0, id, key);
      return this._sql.clientKeys.all(id) as string[];
    })();
  }

  async deleteClient(id: string) {
    this._db.transaction(() => {
      this._sql.countDownClient.run(id);
      this._sql.deleteClient.run(id);
    })();
  }

  async touchClient(id: string, now: number) {
    this._sql.touch.run(now, id);
  }

  async saveCounts(counts: ClientCounts[]) {
    this._db.transaction(() => {
      for (const c of counts) this._sql.saveCounts.run(c.sentCount, c.lastSentId, c.clientId);
    })();
  }

  async setPushSubscription(clientId: string, sub: PushSubscriptionRecord | null) {
    this._db.transaction(() => {
      this._sql.setPush.run(
        sub?.endpoint ?? null,
        sub?.keys.p256dh ?? null,
        sub?.keys.auth ?? null,
        clientId,
      );
      this._sql.markPush.run(sub ? 1 : 0, clientId);
    })();
  }

  async removePushSubscription(clientId: string, endpoint: string) {
    this._db.transaction(() => {
      if (this._sql.removePush.run(clientId, endpoint).changes > 0)
        this._sql.markPush.run(0, clientId);
    })();
  }

  async head() {
    return this._head();
  }

  async append(
    record: { key: string; at: number; build: (id: number) => string },
    claim?: IdempotencyClaim & { answer: (id: number) => string; now: number },
  ): Promise<AppendResult> {
    return this._db.transaction((): AppendResult => {
      if (claim) {
        const earlier = this._sql.idem.get(claim.userId, claim.idemKey) as
          { request_hash: string; answer: string } | undefined;
        if (earlier) {
          return earlier.request_hash === claim.requestHash
            ? { kind: 'replayed', answer: earlier.answer }
            : { kind: 'conflict' };
        }
      }
      // One writer: the next id is known inside the transaction, so the JSON is built once, with its id.
      const id = this._head() + 1;
      const json = record.build(id);
      this._sql.insertNotification.run(id, record.key, record.at, json);
      if (claim) {
        this._sql.insertIdem.run(
          claim.userId,
          claim.idemKey,
          claim.requestHash,
          claim.answer(id),
          claim.now,
        );
      }
      return { kind: 'appended', notification: { id, json } };
    })();
  }

  async appendMany(records: { key: string; at: number; build: (id: number) => string }[]) {
    return this._db.transaction(() =>
      records.map((record) => {
        const id = this._head() + 1;
        const json = record.build(id);
        this._sql.insertNotification.run(id, record.key, record.at, json);
        return { id, json };
      }),
    )();
  }

  async missedSince(clientId: string, afterId: number, limit: number) {
    return this._sql.missed.all({
      client: clientId,
      after: afterId,
      limit,
    }) as StoredNotification[];
  }

  async countMissed(clientId: string, afterId: number, throughId: number) {
    return this._sql.countMissed.get({
      client: clientId,
      after: afterId,
      through: throughId,
    }) as number;
  }

  async purgedSince(clientId: string, afterId: number) {
    return this._sql.purgedSince.get({ client: clientId, after: afterId }) !== undefined;
  }

  async resetClient(clientId: string) {
    return this._db.transaction(() => {
      const head = this._head();
      this._sql.resetCounts.run(head, clientId);
      this._sql.resetOpen.run(head, clientId);
      this._sql.dropClosed.run(clientId, Number.MAX_SAFE_INTEGER);
      return head;
    })();
  }

  async forgetReadRegistrations(clientId: string, throughId: number) {
    this._db.transaction(() => {
      this._sql.dropClosed.run(clientId, throughId);
      this._sql.clearUncertain.run(clientId);
    })();
  }

  async pushTargets(
    key: string,
    notificationId: number,
    after: number,
    limit: number,
  ): Promise<PushTarget[]> {
    const rows = this._sql.pushTargets.all({ key, id: notificationId, after, limit }) as {
      cursor: number;
      id: string;
      push_endpoint: string;
      push_p256dh: string;
      push_auth: string;
    }[];
    return rows.map((r) => ({
      clientId: r.id,
      cursor: r.cursor,
      subscription: {
        endpoint: r.push_endpoint,
        keys: { p256dh: r.push_p256dh, auth: r.push_auth },
      },
    }));
  }

  async purgeNotifications(before: number, keep: number) {
    // The log is only ever cut at a prefix of ids, so "purged through id N" is exact per key.
    const head = this._head();
    const cutoff = Math.max(head - keep, (this._sql.lastBefore.get(before) as number | null) ?? 0);
    let removed = 0;
    let oldest = this._sql.oldestId.get() as number | null;
    while (oldest !== null && oldest <= cutoff) {
      const upTo = Math.min(cutoff, oldest + purgeBatch - 1);
      removed += this._db.transaction(() => {
        this._sql.markPurged.run(upTo);
        return this._sql.deletePrefix.run(upTo).changes;
      })();
      oldest = this._sql.oldestId.get() as number | null;
    }
    return removed;
  }

  async removeStaleClients(before: number) {
    const ids = this._sql.staleClients.all(before) as string[];
    for (const id of ids) await this.deleteClient(id);
    return ids.length;
  }

  async expireIdempotency(before: number) {
    return this._sql.expireIdem.run(before).changes;
  }

  async beginRun() {
    return this._db.transaction(() => {
      const unclean = this._sql.getMeta.get('running') === '1';
      if (unclean) this._sql.markAllUncertain.run();
      this._sql.setMeta.run('running', '1');
      return unclean;
    })();
  }

  async endRun() {
    this._sql.setMeta.run('running', '0');
  }

  private _head(): number {
    return this._sql.head.get() as number;
  }

  private _open(clientId: string, keys: string[], head: number) {
    for (const key of keys) {
      if (this._sql.openRegistration.run({ client: clientId, key, head }).changes > 0) {
        this._sql.countUp.run(key);
      }
    }
  }

  private _key(key: string): KeyRecord | null {
    const row = this._sql.getKey.get(key) as KeySqlRow | undefined;
    return row ? keyRecord(row) : null;
  }

  private _client(id: string): ClientRow | null {
    const row = this._sql.getClient.get(id) as ClientSqlRow | undefined;
    return row ? this._clientOf(row) : null;
  }

  private _clientOf(row: ClientSqlRow): ClientRow {
    return {
      id: row.id,
      userId: row.user_id,
      name: row.name,
      sentCount: row.sent_count,
      lastSentId: row.last_sent_id,
      countsUncertain: row.counts_uncertain === 1,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      push:
        row.push_endpoint && row.push_p256dh && row.push_auth
          ? { endpoint: row.push_endpoint, keys: { p256dh: row.push_p256dh, auth: row.push_auth } }
          : null,
      keys: this._sql.clientKeys.all(row.id) as string[],
      silentKeys: this._sql.silentKeys.all(row.id) as string[],
    };
  }
}

function keyRecord(row: KeySqlRow): KeyRecord {
  return {
    key: row.key,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    push: row.push,
    activeRegistrations: row.active_registrations,
  };
}

function rightsFrom(
  subscribe: number | null | undefined,
  publish: number | null | undefined,
): KeyRight[] {
  const rights: KeyRight[] = [];
  if (subscribe === 1) rights.push('subscribe');
  if (publish === 1) rights.push('publish');
  return rights;
}

// NotificationStore on SQLite (better-sqlite3): the log is one row per notification, and a client's
// missed notifications are derived from its registrations and cursor, never copied per recipient.
import type { UpdateClientKeysRequest } from '../../shared/api/clients.ts';
import type { KeyRight, PushMode } from '../../shared/api/keys.ts';
import type { SqliteDatabase } from './database.ts';
import {
  clientRow,
  keyRecord,
  rightsFrom,
  type ClientSqlRow,
  type KeySqlRow,
} from './sqlite-notification-rows.ts';
import {
  prepareNotificationStatements,
  type NotificationStatements,
} from './sqlite-notification-statements.ts';
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

const purgeBatch = 10_000;

export class SqliteNotificationStore implements NotificationStore {
  private readonly _db: SqliteDatabase;
  private readonly _sql: NotificationStatements;

  constructor(db: SqliteDatabase) {
    this._db = db;
    this._sql = prepareNotificationStatements(db);
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
    return rows.map((row) => clientRow(row, this._sql));
  }

  async updateClientKeys(
    id: string,
    { add = [], remove = [], silent = [], alert = [] }: UpdateClientKeysRequest,
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
    return row ? clientRow(row, this._sql) : null;
  }
}

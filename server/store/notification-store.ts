// What the notifier needs from storage: keys, clients and their registrations, and the notification log.
// SQLite implements it (sqlite-notification-store.ts); the methods are async so PostgreSQL can too.
import type { UpdateClientKeysRequest } from '../../shared/api/clients.ts';
import type { KeyRight, PushMode } from '../../shared/api/keys.ts';

export interface KeyRecord {
  key: string;
  description: string;
  ownerId: string;
  ownerName: string;
  push: PushMode;
  /** Clients registered for the key now. */
  activeRegistrations: number;
}

export interface PushSubscriptionRecord {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ClientRow {
  id: string;
  userId: string;
  name: string;
  /** Notifications sent to the client since its counts were last reset (the seed's sent count). */
  sentCount: number;
  /** Id of the last notification sent to it. */
  lastSentId: number;
  /** True after an unclean stop, until the next reconnect: the last counts may not have been saved. */
  countsUncertain: boolean;
  createdAt: number;
  lastSeenAt: number;
  push: PushSubscriptionRecord | null;
  /** Keys the client is registered for now, sorted. */
  keys: string[];
  /** The registered keys that must not wake it by push. */
  silentKeys: string[];
}

export interface StoredNotification {
  id: number;
  /** The notification's JSON, as sent on every channel. */
  json: string;
}

export interface ClientCounts {
  clientId: string;
  sentCount: number;
  lastSentId: number;
}

export interface IdempotencyClaim {
  userId: string;
  idemKey: string;
  requestHash: string;
}

/** Result of appending to the log: the new record, or the answer stored for an earlier identical request. */
export type AppendResult =
  | { kind: 'appended'; notification: StoredNotification }
  | { kind: 'replayed'; answer: string }
  | { kind: 'conflict' };

export interface PushTarget {
  clientId: string;
  /** Paging cursor: pass the last one back as `after`. */
  cursor: number;
  subscription: PushSubscriptionRecord;
}

export interface NotificationStore {
  /** Defines a key; null when it exists. The owner gets both rights. */
  defineKey(def: {
    key: string;
    description: string;
    ownerId: string;
    push: PushMode;
    now: number;
  }): Promise<KeyRecord | null>;
  getKey(key: string): Promise<KeyRecord | null>;
  rightsOf(userId: string, key: string): Promise<KeyRight[]>;
  /** Keys the user may subscribe to, with the user's rights on each. */
  keysFor(userId: string): Promise<{ key: KeyRecord; rights: KeyRight[] }[]>;
  /** Replaces the user's rights on the key (an empty list removes the grant). */
  setGrant(key: string, userId: string, rights: KeyRight[]): Promise<void>;

  /** Creates a client registered for `keys` from the current head of the log on. */
  createClient(client: {
    id: string;
    userId: string;
    name: string;
    keys: string[];
    now: number;
  }): Promise<ClientRow>;
  getClient(id: string): Promise<ClientRow | null>;
  listClients(userId: string): Promise<ClientRow[]>;
  /**
   * Opens registrations for `add` and closes those for `remove`, at the head of the log, then marks
   * `silent` ones as never pushed and `alert` ones as pushed again; returns the keys now.
   */
  updateClientKeys(id: string, changes: UpdateClientKeysRequest): Promise<string[]>;
  deleteClient(id: string): Promise<void>;
  touchClient(id: string, now: number): Promise<void>;
  saveCounts(counts: ClientCounts[]): Promise<void>;
  setPushSubscription(clientId: string, subscription: PushSubscriptionRecord | null): Promise<void>;
  /** Removes the client's subscription only if it is still `endpoint` (a newer one is kept). */
  removePushSubscription(clientId: string, endpoint: string): Promise<void>;

  /** The id of the newest notification ever appended (0 for none), purged or not. */
  head(): Promise<number>;
  /**
   * Appends one notification; `build(id)` gives its JSON. With a claim, an earlier request with the same
   * idempotency key answers instead (or conflicts when its body differed), and `answer(id)` is stored.
   */
  append(
    record: { key: string; at: number; build: (id: number) => string },
    claim?: IdempotencyClaim & { answer: (id: number) => string; now: number },
  ): Promise<AppendResult>;
  /** Appends several notifications of one key in one transaction, in order. */
  appendMany(
    records: { key: string; at: number; build: (id: number) => string }[],
  ): Promise<StoredNotification[]>;
  /** Notifications after `afterId` for the client's registrations (those open when each was appended), in id order. */
  missedSince(clientId: string, afterId: number, limit: number): Promise<StoredNotification[]>;
  /** How many notifications in (afterId, throughId] were for the client. */
  countMissed(clientId: string, afterId: number, throughId: number): Promise<number>;
  /** True when retention removed a notification after `afterId` that was for the client. */
  purgedSince(clientId: string, afterId: number): Promise<boolean>;
  /** Resync: counts to zero, cursor to the head, closed registrations dropped. Returns the head. */
  resetClient(clientId: string): Promise<number>;
  /** Drops closed registrations the client has read past. */
  forgetReadRegistrations(clientId: string, throughId: number): Promise<void>;

  /** Clients registered now for `key` from before `notificationId`, with a push subscription, paged. */
  pushTargets(
    key: string,
    notificationId: number,
    after: number,
    limit: number,
  ): Promise<PushTarget[]>;

  /** Removes notifications older than `before` (ms) and beyond the newest `keep`. Returns how many. */
  purgeNotifications(before: number, keep: number): Promise<number>;
  /** Removes clients not seen since `before` (ms), with their registrations. Returns how many. */
  removeStaleClients(before: number): Promise<number>;
  expireIdempotency(before: number): Promise<number>;

  /** Marks the store in use; true when the previous run did not stop cleanly (its counts are suspect). */
  beginRun(): Promise<boolean>;
  endRun(): Promise<void>;
}

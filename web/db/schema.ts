// The browser's database: what Cubby keeps on this device, as a type (the only schema of IndexedDB).
import type { DBSchema } from 'idb';
import type { InboxEntry } from '../inbox/inbox-entry.ts';

export const databaseName = 'cubby';
/** Raise with a migration step in open.ts whenever a store or index changes. */
export const databaseVersion = 1;

/** How this browser treats a key's notifications: a system alert, only the inbox, or not at all. */
export type FollowMode = 'alert' | 'silent' | 'off';

/** Who is signed in on this device. */
export interface AccountRecord {
  userId: string;
  username: string;
}

/** This browser as a client of the notification service, with the seed's received count. */
export interface ClientRecord {
  clientId: string;
  userId: string;
  /** Notifications received from the server (stream or replay), each id once. */
  receivedCount: number;
  /** The highest notification id received: the cursor the stream and the reconnect check resume from. */
  lastId: number;
  /** The person turned on alerts here (after a click); only then does Cubby subscribe to push. */
  pushWanted: boolean;
  /** The person dismissed the offer to turn on alerts. */
  pushPromptDismissed: boolean;
  /** When the last reconnect check ordered a resync (ms since epoch), until the person dismisses the notice. */
  resyncedAt: number | null;
}

export interface FollowRecord {
  key: string;
  mode: FollowMode;
}

export interface CubbyDb extends DBSchema {
  /** One record, under "current". */
  account: { key: 'current'; value: AccountRecord };
  /** One record, under "current". */
  client: { key: 'current'; value: ClientRecord };
  /** Notifications received, by id. */
  inbox: { key: number; value: InboxEntry; indexes: { 'by-read': number } };
  /** This browser's choice per key. */
  follows: { key: string; value: FollowRecord };
}

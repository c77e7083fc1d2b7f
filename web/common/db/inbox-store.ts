// The inbox on this device, and the received counts kept with it: a batch of notifications and the
// counts it moves are written in one transaction, so a crash never leaves one without the other.
import type { ReconnectAnswer } from '../../../shared/api/clients.ts';
import type { Notification } from '../../../shared/api/notification.ts';
import { toInboxEntry, type InboxEntry } from '../inbox/inbox-entry.ts';
import { countLive, countsAfterReconnect, type ReceiveCounts } from '../live/receive-counts.ts';
import type { CubbyDatabase } from './open.ts';
import type { CubbyDb } from './schema.ts';
import type { IDBPTransaction } from 'idb';

/** The inbox keeps this many newest entries; older ones are dropped as new ones arrive. */
export const inboxCapacity = 2000;

type InboxWrite = IDBPTransaction<CubbyDb, ('client' | 'inbox')[], 'readwrite'>;

/** Adds entries whose id the inbox does not hold yet; returns those it added. */
async function addAbsent(tx: InboxWrite, notifications: readonly Notification[]) {
  const inbox = tx.objectStore('inbox');
  const present = await Promise.all(notifications.map((n) => inbox.getKey(n.id)));
  const added: InboxEntry[] = [];
  notifications.forEach((n, i) => {
    if (present[i] !== undefined) return;
    const entry = toInboxEntry(n);
    added.push(entry);
    void inbox.put(entry);
  });
  if (added.length > 0) await trim(tx);
  return added;
}

async function trim(tx: InboxWrite) {
  const inbox = tx.objectStore('inbox');
  let excess = (await inbox.count()) - inboxCapacity;
  // Keys are ids, so the cursor walks oldest first.
  let cursor = excess > 0 ? await inbox.openCursor() : null;
  while (cursor && excess-- > 0) {
    void cursor.delete();
    cursor = await cursor.continue();
  }
}

/**
 * Records notifications from the live stream: counts each new id once and adds it to the inbox.
 * Returns the entries added; nothing when nobody is signed in any more.
 */
export async function recordLive(
  db: CubbyDatabase,
  notifications: readonly Notification[],
): Promise<InboxEntry[]> {
  const tx = db.transaction(['client', 'inbox'], 'readwrite');
  const client = await tx.objectStore('client').get('current');
  if (!client) {
    await tx.done;
    return [];
  }
  let counts: ReceiveCounts = client;
  const fresh: Notification[] = [];
  for (const n of notifications) {
    const step = countLive(counts, n.id);
    counts = step.counts;
    if (step.fresh) fresh.push(n);
  }
  const added = await addAbsent(tx, fresh);
  await tx.objectStore('client').put({ ...client, ...pickCounts(counts) }, 'current');
  await tx.done;
  return added;
}

/**
 * Applies a reconnect answer for `clientId`: the replayed notifications go to the inbox, the counts
 * become the answer's. An answer for a client this device no longer is changes nothing.
 */
export async function recordReconnect(
  db: CubbyDatabase,
  clientId: string,
  answer: ReconnectAnswer,
  now: number,
): Promise<InboxEntry[]> {
  const tx = db.transaction(['client', 'inbox'], 'readwrite');
  const client = await tx.objectStore('client').get('current');
  if (!client || client.clientId !== clientId) {
    await tx.done;
    return [];
  }
  const added = answer.verdict === 'resync' ? [] : await addAbsent(tx, answer.notifications);
  await tx.objectStore('client').put(
    {
      ...client,
      ...countsAfterReconnect(answer),
      resyncedAt: answer.verdict === 'resync' ? now : client.resyncedAt,
    },
    'current',
  );
  await tx.done;
  return added;
}

/** Keeps a notification that came by push (not counted: push is a wake-up, never the stream). */
export async function recordPushed(
  db: CubbyDatabase,
  notification: Notification,
): Promise<{ entry: InboxEntry; alreadyHad: boolean }> {
  const tx = db.transaction(['client', 'inbox'], 'readwrite');
  const had = await tx.objectStore('inbox').get(notification.id);
  const added = had ? [] : await addAbsent(tx, [notification]);
  await tx.done;
  return { entry: had ?? added[0] ?? toInboxEntry(notification), alreadyHad: had !== undefined };
}

/** The newest `limit` entries, newest first. */
export async function listInbox(db: CubbyDatabase, limit: number): Promise<InboxEntry[]> {
  const entries: InboxEntry[] = [];
  let cursor = await db.transaction('inbox').store.openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

export function countUnread(db: CubbyDatabase): Promise<number> {
  return db.countFromIndex('inbox', 'by-read', 0);
}

export async function markRead(db: CubbyDatabase, id: number): Promise<void> {
  const tx = db.transaction('inbox', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry && !entry.read) await tx.store.put({ ...entry, read: 1 });
  await tx.done;
}

export async function markAllRead(db: CubbyDatabase): Promise<void> {
  const tx = db.transaction('inbox', 'readwrite');
  let cursor = await tx.store.index('by-read').openCursor(0);
  while (cursor) {
    void cursor.update({ ...cursor.value, read: 1 });
    cursor = await cursor.continue();
  }
  await tx.done;
}

function pickCounts(c: ReceiveCounts): ReceiveCounts {
  return { receivedCount: c.receivedCount, lastId: c.lastId };
}

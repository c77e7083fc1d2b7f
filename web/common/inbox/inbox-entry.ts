// What the inbox keeps of a notification, and the pure rules for listing it: newest first, each id once.
import type { Notification } from '../../../shared/api/notification.ts';

export interface InboxEntry {
  /** The notification's id in the server's log: unique and increasing, so newest first is id descending. */
  id: number;
  key: string;
  command: string;
  title: string | null;
  body: string | null;
  source: string | null;
  change: Record<string, unknown> | null;
  /** ISO 8601 time the server accepted the event. */
  at: string;
  /** 0 unread, 1 read: a number because IndexedDB cannot index booleans. */
  read: 0 | 1;
}

export function toInboxEntry(n: Notification): InboxEntry {
  return {
    id: n.id,
    key: n.key,
    command: n.command,
    title: n.title ?? null,
    body: n.body ?? null,
    source: n.source ?? null,
    change: n.change ?? null,
    at: n.at,
    read: 0,
  };
}

/**
 * Adds `incoming` to a newest-first list, keeping at most `limit` entries. An id already listed keeps
 * its entry (and read state) unless the incoming one is marked read.
 */
export function mergeNewestFirst(
  listed: readonly InboxEntry[],
  incoming: readonly InboxEntry[],
  limit: number,
): InboxEntry[] {
  const byId = new Map(listed.map((e) => [e.id, e]));
  for (const entry of incoming) {
    const had = byId.get(entry.id);
    if (!had || (entry.read && !had.read)) byId.set(entry.id, had ? { ...had, read: 1 } : entry);
  }
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}

/** The line people read: the title the publisher gave, or what happened to which key. */
export function headline(entry: Pick<InboxEntry, 'title' | 'command' | 'key'>): string {
  if (entry.title) return entry.title;
  const verb = entry.command.charAt(0) + entry.command.slice(1).toLowerCase().replace(/_/g, ' ');
  return `${verb} in ${entry.key}`;
}

// The notification store's row shapes as SQLite returns them, and their conversion to records.
import type { KeyRight, PushMode } from '../../shared/api/keys.ts';
import type { ClientRow, KeyRecord } from './notification-store.ts';
import type { NotificationStatements } from './sqlite-notification-statements.ts';

export interface KeySqlRow {
  key: string;
  description: string;
  owner_id: string;
  owner_name: string;
  push: PushMode;
  active_registrations: number;
}

export interface ClientSqlRow {
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

/** A client row with its open keys and silent keys (read with `sql`). */
export function clientRow(row: ClientSqlRow, sql: NotificationStatements): ClientRow {
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
    keys: sql.clientKeys.all(row.id) as string[],
    silentKeys: sql.silentKeys.all(row.id) as string[],
  };
}

/** A key's row as the store answers it. */
export function keyRecord(row: KeySqlRow): KeyRecord {
  return {
    key: row.key,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    push: row.push,
    activeRegistrations: row.active_registrations,
  };
}

/** The rights a grant row's two flags give. */
export function rightsFrom(
  subscribe: number | null | undefined,
  publish: number | null | undefined,
): KeyRight[] {
  const rights: KeyRight[] = [];
  if (subscribe === 1) rights.push('subscribe');
  if (publish === 1) rights.push('publish');
  return rights;
}

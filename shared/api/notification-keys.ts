// The notification keys the server defines itself, built and read in one place for server and web.

/** `folder:<namespaceId>`: a namespace's tree changed (a commit). */
export const folderKey = (namespaceId: string) => `folder:${namespaceId}`;

/** `chat:<namespaceId>:messages`: a message was posted in a shared folder's chat. */
export const chatKey = (namespaceId: string) => `chat:${namespaceId}:messages`;

/** `chat:<namespaceId>:subscribers`: who may follow a shared folder's chat changed. */
export const chatSubscribersKey = (namespaceId: string) => `chat:${namespaceId}:subscribers`;

/** `user:<userId>:invites`: an invitation to or from the user arrived or was answered. */
export const invitesKey = (userId: string) => `user:${userId}:invites`;

/**
 * Keys the server defines itself, for namespaces (`folder:n_…`, `chat:n_…`) and users (`user:u_…`):
 * nobody may define one first and own another's notifications.
 */
export const reservedKeyPattern = /^(folder:n_|chat:n_|user:u_)/;

/** What a key built above stands for. */
export type ParsedKey =
  | { kind: 'folder'; namespaceId: string }
  | { kind: 'chat'; namespaceId: string }
  | { kind: 'chatSubscribers'; namespaceId: string }
  | { kind: 'invites'; userId: string };

const shapes: readonly [RegExp, (id: string) => ParsedKey][] = [
  [/^folder:(.+)$/, (namespaceId) => ({ kind: 'folder', namespaceId })],
  [/^chat:(.+):messages$/, (namespaceId) => ({ kind: 'chat', namespaceId })],
  [/^chat:(.+):subscribers$/, (namespaceId) => ({ kind: 'chatSubscribers', namespaceId })],
  [/^user:(.+):invites$/, (userId) => ({ kind: 'invites', userId })],
];

/**
 * Reads a key of one of the shapes above, the inverse of its builder; any other key is null. It
 * reads the shape only: a user-defined `folder:team` parses as folder `team`.
 */
export function parseKey(key: string): ParsedKey | null {
  for (const [shape, parsed] of shapes) {
    const match = shape.exec(key);
    if (match) return parsed(match[1]!);
  }
  return null;
}

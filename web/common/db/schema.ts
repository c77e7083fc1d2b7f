// The browser's database: what Cubby keeps on this device, as a type (the only schema of IndexedDB).
import type { DBSchema } from 'idb';
import type { InboxEntry } from '../inbox/inbox-entry.ts';

export const databaseName = 'cubby';
/** Raise with a migration step in open.ts whenever a store or index changes. */
export const databaseVersion = 3;

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

/** Which of a namespace's three trees (the sync seed's remote, local and merge-base trees). */
export type TreeRole = 'remote' | 'local' | 'sync';

/**
 * One stored tree: its snapshot is `chunks` buffers (header first, from `serializeTree`) in
 * `treeChunks` under `[name, generation, i]`, followed by `segments` change logs (`ChangeLog`, each
 * starting where the previous one ended) in `treeLog` under `[name, generation, i]`.
 */
export interface TreeRecord {
  /** `<namespaceId>/<role>`: the key of the record and the prefix of its buffers. */
  name: string;
  namespaceId: string;
  role: TreeRole;
  /** File id of the namespace's root folder. */
  rootId: number;
  /** The namespace's diff-value key (32 hex digits), the tree's hash key. */
  diffKey: string;
  /** Bumped by every new snapshot; buffers of older generations are deleted with it. */
  generation: number;
  /** Buffers of the snapshot, the header included. */
  chunks: number;
  /** Bytes of the snapshot. */
  snapshotBytes: number;
  /** Change-log segments stored after the snapshot. */
  segments: number;
  /** Bytes of those segments: past a threshold the tree is compacted into a new snapshot. */
  logBytes: number;
  /** Root diff value after the snapshot and every segment (16 hex digits). */
  rootDiffValue: string;
  /** For a remote tree, the journal cursor it reflects; 0 for local and sync trees. */
  cursor: number;
}

/** A namespace as the sync worker last saw it (so the file browser lists offline). */
export interface NamespaceRecord {
  id: string;
  name: string;
  role: 'owner' | 'editor' | 'viewer';
  kind: 'root' | 'shared';
  rootId: number;
  diffKey: string;
}

/** A conflicted copy made on this device that the person has not looked at yet. */
export interface ConflictRecord {
  id: number;
  name: string;
  path: string;
  at: number;
}

/** What the sync worker keeps about one namespace besides its trees. */
export interface NamespaceStateRecord {
  namespaceId: string;
  /** The folder on this computer it lives in (File System Access), or null for the browser's own storage. */
  linked: FileSystemDirectoryHandle | null;
  conflicts: ConflictRecord[];
  /** Resumable uploads started, by the content's SHA-256: a reload resumes them. */
  uploads: Record<string, string>;
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
  /** The synced trees, by `name` (version 2). */
  trees: { key: string; value: TreeRecord };
  /** Snapshot buffers, by `[name, generation, index]` (version 2). */
  treeChunks: { key: [string, number, number]; value: ArrayBuffer };
  /** Change-log segments, by `[name, generation, index]` (version 2). */
  treeLog: { key: [string, number, number]; value: ArrayBuffer };
  /** The namespaces, under "namespaces" (version 3). */
  namespaces: { key: 'namespaces'; value: NamespaceRecord[] };
  /** Per namespace: linked folder, conflicts, uploads under way (version 3). */
  namespaceState: { key: string; value: NamespaceStateRecord };
}

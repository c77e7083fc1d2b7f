// What the sync worker does for the page: the one typed surface of web/sync-worker, each call abortable.
import type { TreeRole } from '../db/schema.ts';
import type { NodeKind } from '../../../shared/tree/index.ts';

/** What one pull did, for the page and the tests. */
export interface PullReport {
  namespaceId: string;
  /** Journal cursor the remote tree reflects now. */
  cursor: number;
  /** The tree's root diff value, equal to the server's digest at `cursor`. */
  digest: string;
  /** Journal entries applied (repeats during a repair included). */
  applied: number;
  /** How the tree was brought up to date: a first snapshot, the journal, or a repair. */
  via: 'snapshot' | 'journal' | 'repair' | 'rebuild';
  repair?: RepairReport;
}

export interface RepairReport {
  /** `/digest` requests, over all attempts. */
  digestRequests: number;
  /** Subtrees taken from a snapshot because /digest cannot give their data. */
  refetched: number;
  removed: number;
  moved: number;
  attempts: number;
}

export interface TransferOptions {
  /** Files up to this many bytes go up in one `PUT /api/blobs/:sha256` (default 8 MiB). */
  wholeUploadBytes?: number;
  /** Bytes per chunk of a resumable upload (default 8 MiB). */
  chunkBytes?: number;
  /** Transfers running at once; the others wait (default 4). */
  concurrency?: number;
  retry?: {
    /** Tries after the first (default 4). */
    retries?: number;
    /** First wait in ms, doubled each time, with jitter (default 250). */
    baseDelayMs?: number;
  };
}

export interface UploadedBlob {
  sha256: string;
  size: number;
  /** The resumable upload used, if the file went up in chunks. */
  uploadId?: string;
}

export interface StartOptions {
  /** Change-log bytes past which a tree is compacted into a new snapshot (default 1 MiB). */
  compactAtLogBytes?: number;
  transfer?: TransferOptions;
}

/** One kept tree, as stored and in memory. */
export interface TreeSummary {
  namespaceId: string;
  role: TreeRole;
  /** Nodes, the root included. */
  nodes: number;
  rootDiffValue: string;
  /** Journal cursor (remote trees). */
  cursor: number;
  /** Snapshot generation and the change-log segments stored after it. */
  generation: number;
  segments: number;
  logBytes: number;
  snapshotBytes: number;
}

export interface StartReport {
  trees: TreeSummary[];
  /** Milliseconds from asking IndexedDB to every stored tree restored in the worker. */
  loadMs: number;
  /** Stored trees that could not be restored (damaged, incomplete): dropped, refetched on sync. */
  dropped: string[];
  /** When this worker started (ms since the epoch): tabs sharing one worker see the same. */
  startedAt: number;
}

/**
 * Where an entry stands: on both sides (`synced`), made or changed here and not yet on the server
 * (`upload`), on the server and not yet here (`download`: listed, its bytes fetched from the server
 * when opened), or a conflicted copy the person has not looked at yet (`conflict`).
 */
export type EntryState = 'synced' | 'upload' | 'download' | 'conflict';

export interface FolderEntry {
  id: number;
  name: string;
  kind: NodeKind;
  /** Bytes. */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  rev: number;
  state: EntryState;
}

export interface FolderRequest {
  namespaceId: string;
  /**
   * Which tree to list; by default the person's view: the local tree (what is on this device)
   * with the remote tree's entries not here yet (`state: 'download'`).
   */
  role?: TreeRole;
  /** The folder's file id; the namespace's root by default. */
  folderId?: number;
}

/** A namespace as the file browser shows it (kept in IndexedDB, so it lists offline too). */
export interface NamespaceEntry {
  id: string;
  name: string;
  role: 'owner' | 'editor' | 'viewer';
  /** `root`: the person's own files; `shared`: a shared folder. */
  kind: 'root' | 'shared';
  rootId: number;
  /** The name of the folder on this computer it is linked to (File System Access), if any. */
  linkedFolder: string | null;
}

/** A node, by namespace and file id. */
export interface NodeRequest {
  namespaceId: string;
  id: number;
}

export interface CreateFolderRequest {
  namespaceId: string;
  parentId: number;
  name: string;
}

/** Files to add under `parentId`; `path` may hold folders (`photos/2024/a.jpg`, from a dropped folder). */
export interface AddFilesRequest {
  namespaceId: string;
  parentId: number;
  files: { path: string; file: Blob; lastModified?: number }[];
}

export interface AddFilesReport {
  /** Files that are new here, and files that replaced one of the same name (a new version). */
  added: number;
  replaced: number;
  foldersCreated: number;
}

export interface RenameRequest extends NodeRequest {
  name: string;
}

export interface MoveRequest extends NodeRequest {
  parentId: number;
  /** A new name on the way (default: the same). */
  name?: string;
}

export interface LinkFolderRequest {
  namespaceId: string;
  handle: FileSystemDirectoryHandle;
}

export interface RescanReport {
  /** Nodes added, changed, moved or deleted in the local trees by what the scans found. */
  changes: number;
  /** Files whose size or date differed and were hashed to compare their content. */
  hashed: number;
}

/** A conflicted copy the planner made: the person's version, kept under the planner's name. */
export interface ConflictEntry {
  namespaceId: string;
  id: number;
  name: string;
  /** Folder path from the namespace's root, `/` separated, for the person to find it. */
  path: string;
  /** When it was made (ms since the epoch). */
  at: number;
}

export interface StorageState {
  /** Bytes used by this origin and the browser's quota for it (`navigator.storage.estimate`). */
  usage: number;
  quota: number;
  /** Whether the browser granted persistent storage (no eviction under pressure). */
  persisted: boolean;
  /** Less than 10 % (or 500 MB) of the quota left: downloads pause, the person is warned. */
  low: boolean;
}

/** What the always-visible status line shows. */
export interface SyncStatus {
  /**
   * `starting`: restoring trees; `up-to-date`; `syncing` n of m; `offline`: the server cannot
   * be reached (`waiting` changes wait); `paused`: storage almost full; `error`: see `message`.
   */
  phase: 'starting' | 'up-to-date' | 'syncing' | 'offline' | 'paused' | 'error';
  /** Operations done of those planned since the last time it was up to date. */
  done: number;
  total: number;
  /** Content bytes moved of those to move in the same operations. */
  bytesDone: number;
  bytesTotal: number;
  /** Changes made on this device that are not on the server yet. */
  waiting: number;
  conflicts: ConflictEntry[];
  storage: StorageState | null;
  /** Words for the person (errors, storage warnings). */
  message: string | null;
}

/** What the worker tells every page without being asked. */
export type SyncEvent =
  | { type: 'status'; status: SyncStatus }
  /** The person's view of these folders changed (entries came, went or changed state). */
  | { type: 'changed'; namespaceId: string };

export interface DownloadRequest {
  sha256: string;
  size: number;
}

/**
 * Every method takes one request value and the caller's AbortSignal: aborting rejects the call
 * at once with the signal's reason and stops the worker's work for it (its requests are aborted;
 * what was already saved stays saved).
 */
export interface SyncApi {
  /** Restores every stored tree (once; later calls answer the same report). */
  start(options: StartOptions, signal: AbortSignal): Promise<StartReport>;
  /** Lists the person's namespaces and pulls each one's remote tree; forgets namespaces left. */
  syncAll(request: Record<string, never>, signal: AbortSignal): Promise<PullReport[]>;
  /** Pulls one namespace (on a `folder:<id>` notification). */
  pull(request: { namespaceId: string }, signal: AbortSignal): Promise<PullReport>;
  trees(request: Record<string, never>, signal: AbortSignal): Promise<TreeSummary[]>;
  listFolder(request: FolderRequest, signal: AbortSignal): Promise<FolderEntry[]>;
  /** The person's namespaces as last seen (works offline). */
  namespaces(request: Record<string, never>, signal: AbortSignal): Promise<NamespaceEntry[]>;
  /** The folders from the namespace's root down to the node (breadcrumbs), the node last. */
  pathOf(request: NodeRequest, signal: AbortSignal): Promise<{ id: number; name: string }[]>;
  /** The edits below change this device's store and local tree at once (offline too) and sync. */
  createFolder(request: CreateFolderRequest, signal: AbortSignal): Promise<FolderEntry>;
  addFiles(request: AddFilesRequest, signal: AbortSignal): Promise<AddFilesReport>;
  rename(request: RenameRequest, signal: AbortSignal): Promise<void>;
  move(request: MoveRequest, signal: AbortSignal): Promise<void>;
  /** Deletes a file, or a folder with everything in it. */
  remove(request: NodeRequest, signal: AbortSignal): Promise<void>;
  /** A file's bytes: from this device, or from the server when not downloaded yet. */
  readFile(request: NodeRequest, signal: AbortSignal): Promise<Blob>;
  /** The person has looked at a conflicted copy: it stops being listed as a conflict. */
  dismissConflict(request: NodeRequest, signal: AbortSignal): Promise<void>;
  status(request: Record<string, never>, signal: AbortSignal): Promise<SyncStatus>;
  /**
   * Keeps the namespace in a folder on this computer (File System Access; the page picks it and
   * gets the permission): what the folder holds is scanned in, files equal to the server's are
   * taken as they are, others become changes (clashes keep both as conflicted copies).
   */
  linkFolder(request: LinkFolderRequest, signal: AbortSignal): Promise<NamespaceEntry>;
  /** Back to the browser's own storage (the linked folder is left as it is). */
  unlinkFolder(request: { namespaceId: string }, signal: AbortSignal): Promise<NamespaceEntry>;
  /** Looks for changes made outside Cubby (linked folders; on focus and every minute). */
  rescan(request: { namespaceId?: string }, signal: AbortSignal): Promise<RescanReport>;
  /**
   * Signing out: stops every sync and lets go of the trees in memory (the page then clears what
   * is stored); the next `start` begins from what storage holds.
   */
  reset(request: Record<string, never>, signal: AbortSignal): Promise<void>;
  /** Uploads a file's bytes as a blob (whole or in resumable chunks). */
  upload(request: { file: Blob }, signal: AbortSignal): Promise<UploadedBlob>;
  /** Downloads a blob, resuming with Range after a cut, and checks its SHA-256. */
  download(request: DownloadRequest, signal: AbortSignal): Promise<Blob>;
}

export type SyncMethod = keyof SyncApi;
export type SyncRequest<M extends SyncMethod> = Parameters<SyncApi[M]>[0];
export type SyncAnswer<M extends SyncMethod> = Awaited<ReturnType<SyncApi[M]>>;

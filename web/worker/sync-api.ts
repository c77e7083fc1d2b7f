// What the sync worker does for the page: the one typed surface of web/worker, each call abortable.
import type { TreeRole } from '../db/schema.ts';
import type { NodeKind } from '../../shared/tree/index.ts';
import type { TransferOptions, UploadedBlob } from './blob-transfer.ts';
import type { PullReport } from './remote-tree-sync.ts';

export type { PullReport, RepairReport } from './remote-tree-sync.ts';
export type { TransferOptions, UploadedBlob } from './blob-transfer.ts';

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
}

export interface FolderEntry {
  id: number;
  name: string;
  kind: NodeKind;
  /** Bytes. */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  rev: number;
}

export interface FolderRequest {
  namespaceId: string;
  role: TreeRole;
  /** The folder's file id; the namespace's root by default. */
  folderId?: number;
}

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
  /** Uploads a file's bytes as a blob (whole or in resumable chunks). */
  upload(request: { file: Blob }, signal: AbortSignal): Promise<UploadedBlob>;
  /** Downloads a blob, resuming with Range after a cut, and checks its SHA-256. */
  download(request: DownloadRequest, signal: AbortSignal): Promise<Blob>;
}

export type SyncMethod = keyof SyncApi;
export type SyncRequest<M extends SyncMethod> = Parameters<SyncApi[M]>[0];
export type SyncAnswer<M extends SyncMethod> = Awaited<ReturnType<SyncApi[M]>>;

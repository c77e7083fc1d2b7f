// The sync worker's work behind SyncApi: restores the trees, pulls and repairs remote trees, moves blobs.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { Clock } from '../../shared/sync/index.ts';
import { TreeError } from '../../shared/tree/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { NamespaceRecord, TreeRecord } from '../common/db/schema.ts';
import type { SyncStateStore } from '../common/db/sync-state-store.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import { BlobTransfer, type UploadedBlob } from './blob-transfer.ts';
import { ContentApi } from './content-api.ts';
import { DeviceError, DeviceFiles } from './device-files.ts';
import { NamespaceSync } from './namespace-sync.ts';
import { NamespaceTrees } from './namespace-trees.ts';
import { storageState } from './storage-state.ts';
import { TreeIncomplete, type PersistedTreeOptions } from './persisted-tree.ts';
import {
  pullJournal,
  repairByDigest,
  treeFromSnapshot,
  type PullReport,
} from './remote-tree-sync.ts';
import type {
  AddFilesReport,
  AddFilesRequest,
  CreateFolderRequest,
  DownloadRequest,
  FolderEntry,
  FolderRequest,
  LinkFolderRequest,
  MoveRequest,
  NamespaceEntry,
  NodeRequest,
  RenameRequest,
  RescanReport,
  StartOptions,
  StartReport,
  StorageState,
  SyncApi,
  SyncEvent,
  SyncStatus,
  TreeSummary,
} from '../common/sync-client/sync-api.ts';

/** A failure of the worker's own (not the API's), with a code the page can act on. */
export class SyncFailure extends Error {
  readonly code: 'namespace_not_found' | 'digest_mismatch' | 'not_started' | 'busy';
  constructor(code: SyncFailure['code'], message: string) {
    super(message);
    this.name = 'SyncFailure';
    this.code = code;
  }
}

export interface SyncWorkerDeps {
  vault: TreeVault;
  /** Same-origin fetch with the session cookie (tests give one with a base URL and a token). */
  fetch: typeof fetch;
  /** Milliseconds, for `loadMs` (default `performance.now`). */
  now?: () => number;
  /** The namespaces and per-namespace records besides trees. */
  state: SyncStateStore;
  /**
   * The directory of the browser's own storage for a namespace's files (OPFS), or null where
   * there is none (tests of the remote side alone under Node): then nothing is synced to files.
   */
  folders: ((namespaceId: string) => Promise<FileSystemDirectoryHandle>) | null;
  /** Deletes that directory (after linking a folder, the browser's copy goes). */
  dropFolder?(namespaceId: string): Promise<void>;
  clock: Clock;
  /** Tells every page (status, changed listings). */
  emit(event: SyncEvent): void;
  /** Whether this worker may sync (a dedicated worker must hold the tabs' lock). */
  gate?: () => Promise<boolean>;
  /** Storage use and quota (`navigator.storage`), or null where unknown. */
  storage?: () => Promise<{ usage: number; quota: number; persisted: boolean } | null>;
}

/** How long a probe waits after the server could not be reached. */
const probeEveryMs = 10_000;

export class SyncWorkerService implements SyncApi {
  private readonly _vault: TreeVault;
  private readonly _fetch: typeof fetch;
  private readonly _api: ContentApi;
  private readonly _now: () => number;
  private _transfer: BlobTransfer;
  private _treeOptions: PersistedTreeOptions = {};
  private readonly _namespaces = new Map<string, NamespaceTrees>();
  private readonly _syncs = new Map<string, NamespaceSync>();
  private _infos = new Map<string, NamespaceRecord>();
  private _started: Promise<StartReport> | undefined;
  private readonly _deps: SyncWorkerDeps;
  private _offline = false;
  private _probe: ReturnType<typeof setTimeout> | undefined;
  private _storage: StorageState | null = null;
  private _storageCheckedAt = 0;
  private readonly _listingsChanged = new Set<string>();
  private _listingTimer: ReturnType<typeof setTimeout> | undefined;
  private _statusQueued = false;
  private _message: string | null = null;

  constructor(deps: SyncWorkerDeps) {
    this._deps = deps;
    this._vault = deps.vault;
    this._fetch = deps.fetch;
    this._api = new ContentApi(deps.fetch, (ns, nodes) =>
      this._namespaces.get(ns)?.noteHashes(nodes),
    );
    this._now = deps.now ?? (() => performance.now());
    this._transfer = new BlobTransfer(deps.fetch);
  }

  start(options: StartOptions, signal: AbortSignal): Promise<StartReport> {
    if (!this._started) {
      this._treeOptions = { compactAtLogBytes: options.compactAtLogBytes };
      if (options.transfer) this._transfer = new BlobTransfer(this._fetch, options.transfer);
      this._started = this._restore(signal);
      this._started.catch(() => (this._started = undefined));
    }
    return this._started;
  }

  async syncAll(_request: Record<string, never>, signal: AbortSignal): Promise<PullReport[]> {
    await this._ready();
    let namespaces: NamespaceInfo[];
    try {
      namespaces = await this._api.namespaces(signal);
    } catch (err) {
      this._noteFailure(err);
      throw err;
    }
    this._reachable();
    await this._saveNamespaces(namespaces);
    const listed = new Set(namespaces.map((ns) => ns.id));
    for (const [id, trees] of this._namespaces) {
      if (listed.has(id)) continue;
      await this._syncs.get(id)?.stop();
      this._syncs.delete(id);
      this._namespaces.delete(id);
      await trees.exclusive(() => trees.forget());
      await this._deps.state.deleteState(id);
      await this._deps.dropFolder?.(id).catch(() => undefined);
    }
    const reports: PullReport[] = [];
    for (const ns of namespaces) reports.push(await this._pullNamespace(ns, signal));
    this._emitListing(namespaces.map((n) => n.id));
    return reports;
  }

  async pull(request: { namespaceId: string }, signal: AbortSignal): Promise<PullReport> {
    await this._ready();
    let ns: NamespaceInfo | undefined = this._infos.get(request.namespaceId);
    if (!ns || !this._namespaces.has(request.namespaceId)) {
      ns = (await this._api.namespaces(signal)).find((n) => n.id === request.namespaceId);
      if (!ns) throw new SyncFailure('namespace_not_found', 'You are not in that folder tree.');
    }
    return this._pullNamespace(ns, signal);
  }

  async trees(_request: Record<string, never>, _signal: AbortSignal): Promise<TreeSummary[]> {
    await this._ready();
    return [...this._namespaces.values()].flatMap((t) => t.summaries());
  }

  async listFolder(request: FolderRequest): Promise<FolderEntry[]> {
    await this._ready();
    if (request.role === undefined) return this._sync(request.namespaceId).list(request.folderId);
    const kept = this._namespaces.get(request.namespaceId)?.tree(request.role);
    if (!kept) throw new SyncFailure('namespace_not_found', 'That tree is not kept here.');
    const tree = kept.tree;
    return tree.children(request.folderId ?? tree.rootId).map((id) => {
      const node = tree.get(id)!;
      return {
        id,
        name: node.name,
        kind: node.kind,
        size: node.size,
        mtime: node.mtime,
        rev: node.rev,
        state: 'synced' as const,
      };
    });
  }

  async namespaces(): Promise<NamespaceEntry[]> {
    await this._ready();
    return [...this._infos.values()].map(
      (info) =>
        this._syncs.get(info.id)?.entry() ?? {
          id: info.id,
          name: info.name,
          role: info.role,
          kind: info.kind,
          rootId: info.rootId,
          linkedFolder: null,
        },
    );
  }

  async pathOf(request: NodeRequest): Promise<{ id: number; name: string }[]> {
    await this._ready();
    return this._sync(request.namespaceId).pathOf(request.id);
  }

  async createFolder(request: CreateFolderRequest): Promise<FolderEntry> {
    await this._ready();
    return this._sync(request.namespaceId).createFolder(request.parentId, request.name);
  }

  async addFiles(request: AddFilesRequest, signal: AbortSignal): Promise<AddFilesReport> {
    await this._ready();
    const report = await this._sync(request.namespaceId).addFiles(
      request.parentId,
      request.files,
      signal,
    );
    void this._checkStorage();
    return report;
  }

  async rename(request: RenameRequest): Promise<void> {
    await this._ready();
    const sync = this._sync(request.namespaceId);
    const node = sync.localNode(request.id);
    if (!node || node.parent === null) {
      throw new ApiError(404, 'not_found', 'That file or folder is not on this device.');
    }
    await sync.move(node.id, node.parent, request.name);
  }

  async move(request: MoveRequest): Promise<void> {
    await this._ready();
    await this._sync(request.namespaceId).move(request.id, request.parentId, request.name);
  }

  async remove(request: NodeRequest): Promise<void> {
    await this._ready();
    await this._sync(request.namespaceId).remove(request.id);
  }

  async readFile(request: NodeRequest, signal: AbortSignal): Promise<Blob> {
    await this._ready();
    return this._sync(request.namespaceId).readFile(request.id, signal);
  }

  async dismissConflict(request: NodeRequest): Promise<void> {
    await this._ready();
    await this._sync(request.namespaceId).dismissConflict(request.id);
  }

  async status(): Promise<SyncStatus> {
    return this._status();
  }

  async linkFolder(request: LinkFolderRequest, signal: AbortSignal): Promise<NamespaceEntry> {
    await this._ready();
    const sync = this._sync(request.namespaceId);
    if (sync.progress.waiting > 0) {
      throw new SyncFailure(
        'busy',
        'Some changes made here are not on the server yet. Link the folder once they are synced.',
      );
    }
    const files = new DeviceFiles(request.handle);
    if (!(await files.permitted())) {
      throw new DeviceError(
        'permission_needed',
        `Allow Cubby to edit “${request.handle.name}” first.`,
      );
    }
    const relinked = await this._relink(sync, request.handle, signal);
    await this._deps.dropFolder?.(request.namespaceId).catch(() => undefined);
    return relinked.entry();
  }

  async unlinkFolder(
    request: { namespaceId: string },
    signal: AbortSignal,
  ): Promise<NamespaceEntry> {
    await this._ready();
    const sync = this._sync(request.namespaceId);
    if (sync.progress.waiting > 0) {
      throw new SyncFailure(
        'busy',
        'Some changes made in the linked folder are not on the server yet. Unlink it once they are synced.',
      );
    }
    // The browser's copy starts empty: everything comes again from the server.
    await this._deps.dropFolder?.(request.namespaceId).catch(() => undefined);
    return (await this._relink(sync, null, signal)).entry();
  }

  async reset(): Promise<void> {
    const started = this._started;
    this._started = undefined;
    await started?.catch(() => undefined);
    clearTimeout(this._probe);
    this._probe = undefined;
    for (const sync of this._syncs.values()) await sync.stop();
    this._syncs.clear();
    for (const trees of this._namespaces.values()) {
      await trees.exclusive(() => trees.close()).catch(() => undefined);
    }
    this._namespaces.clear();
    this._infos.clear();
    this._offline = false;
    this._storage = null;
    this._queueStatus();
  }

  async rescan(request: { namespaceId?: string }, signal: AbortSignal): Promise<RescanReport> {
    await this._ready();
    const report: RescanReport = { changes: 0, hashed: 0 };
    for (const sync of this._syncs.values()) {
      if (request.namespaceId !== undefined && sync.namespaceId !== request.namespaceId) continue;
      if (request.namespaceId === undefined && sync.entry().linkedFolder === null) continue;
      const found = await sync.rescan(signal);
      report.changes += found.changes;
      report.hashed += found.hashed;
    }
    return report;
  }

  upload(request: { file: Blob }, signal: AbortSignal): Promise<UploadedBlob> {
    return this._transfer.upload(request.file, signal);
  }

  download(request: DownloadRequest, signal: AbortSignal): Promise<Blob> {
    return this._transfer.download(request.sha256, request.size, signal);
  }

  private async _ready(): Promise<void> {
    if (!this._started) throw new SyncFailure('not_started', 'Call start first.');
    await this._started;
  }

  private async _restore(signal: AbortSignal): Promise<StartReport> {
    if (this._deps.gate && !(await this._deps.gate())) {
      throw new SyncFailure(
        'busy',
        'Cubby is syncing in another tab of this browser. Use that tab, or close it and reload this one.',
      );
    }
    const began = this._now();
    const records = await this._vault.listTrees();
    signal.throwIfAborted();
    const byNamespace = new Map<string, TreeRecord[]>();
    for (const r of records)
      byNamespace.set(r.namespaceId, [...(byNamespace.get(r.namespaceId) ?? []), r]);
    const dropped: string[] = [];
    await Promise.all(
      [...byNamespace].map(async ([id, group]) => {
        try {
          this._namespaces.set(
            id,
            await NamespaceTrees.load(this._vault, group, this._treeOptions),
          );
        } catch (err) {
          // Damaged or incomplete: the server has the remote tree; local and sync are rebuilt
          // by the planner's next part. Never keep half a tree. (Other failures, such as
          // IndexedDB itself failing, are not a reason to delete anything.)
          if (!(err instanceof TreeError || err instanceof TreeIncomplete)) throw err;
          for (const r of group) {
            dropped.push(r.name);
            await this._vault.deleteTree(r.name);
          }
        }
      }),
    );
    const loadMs = this._now() - began;
    const trees = [...this._namespaces.values()].flatMap((t) => t.summaries());
    for (const info of await this._deps.state.namespaces()) this._infos.set(info.id, info);
    for (const [id, kept] of this._namespaces) {
      const info = this._infos.get(id);
      if (info) await this._openSync(kept, info);
    }
    void this._checkStorage();
    return { trees, loadMs, dropped, startedAt: this._deps.clock.now() };
  }

  /** Pulls the namespace's remote tree (under its lock) and lets its sync plan from it. */
  private async _pullNamespace(ns: NamespaceInfo, signal: AbortSignal): Promise<PullReport> {
    const trees = await this._treesFor(ns);
    let report: PullReport;
    try {
      report = await trees.exclusive(() => this._pull(trees, signal));
    } catch (err) {
      this._noteFailure(err);
      throw err;
    }
    this._reachable();
    const info = this._infos.get(ns.id) ?? _record(ns);
    const sync = this._syncs.get(ns.id) ?? (await this._openSync(trees, info));
    if (sync) {
      sync.info = info;
      sync.pulled();
      if (report.applied > 0 || report.via !== 'journal') this._emitListing([ns.id]);
    }
    return report;
  }

  /** The namespace's sync, or a clear error if it is not kept here. */
  private _sync(namespaceId: string): NamespaceSync {
    const sync = this._syncs.get(namespaceId);
    if (!sync) {
      throw new SyncFailure(
        'namespace_not_found',
        this._deps.folders === null
          ? 'Files are not kept on this device.'
          : 'That folder is not on this device yet; it appears once Cubby reaches the server.',
      );
    }
    return sync;
  }

  /**
   * Starts syncing a namespace's files: in the folder the person linked, or the browser's own
   * storage. Files there that the local tree does not know (its record was lost) are scanned in;
   * a local tree whose browser files are gone (evicted) starts over from the server.
   */
  private async _openSync(
    trees: NamespaceTrees,
    info: NamespaceRecord,
  ): Promise<NamespaceSync | undefined> {
    if (this._deps.folders === null) return undefined;
    const state = await this._deps.state.state(info.id);
    const dir = state.linked ?? (await this._deps.folders(info.id));
    const files = new DeviceFiles(dir);
    const localBare = trees.local.tree.size === 1;
    const empty = await _isEmpty(dir).catch(() => false);
    if (!localBare && empty && state.linked === null) await trees.resetLocal();
    const sync = new NamespaceSync({
      trees,
      info,
      state,
      files,
      api: this._api,
      transfer: this._transfer,
      store: this._deps.state,
      clock: this._deps.clock,
      onChange: (kind) => (kind === 'status' ? this._queueStatus() : this._emitListing([info.id])),
      onOffline: () => this._wentOffline(),
    });
    this._syncs.set(info.id, sync);
    if ((localBare && !empty) || state.linked !== null) {
      try {
        await sync.rescan(new AbortController().signal);
      } catch (err) {
        // A linked folder without permission: the page asks the person; sync waits.
        if (!(err instanceof DeviceError)) throw err;
        sync.lastFailure = err.message;
      }
    }
    sync.kick();
    return sync;
  }

  /** Moves a namespace to other files: its local and sync trees start over from a scan. */
  private async _relink(
    sync: NamespaceSync,
    linked: FileSystemDirectoryHandle | null,
    _signal: AbortSignal,
  ): Promise<NamespaceSync> {
    await sync.stop();
    await sync.setState((s) => {
      s.linked = linked;
      s.conflicts = [];
      s.uploads = {};
    });
    const trees = sync.trees;
    await trees.exclusive(() => trees.resetLocal());
    this._syncs.delete(sync.namespaceId);
    const opened = await this._openSync(trees, sync.info);
    this._emitListing([sync.namespaceId]);
    return opened!;
  }

  private async _saveNamespaces(namespaces: NamespaceInfo[]): Promise<void> {
    const records = namespaces.map(_record);
    this._infos = new Map(records.map((r) => [r.id, r]));
    await this._deps.state.saveNamespaces(records);
  }

  private _noteFailure(err: unknown): void {
    if (err instanceof ApiError && err.code === 'network') this._wentOffline();
  }

  private _wentOffline(): void {
    if (!this._offline) {
      this._offline = true;
      this._queueStatus();
    }
    this._probe ??= setTimeout(() => void this.probe(), probeEveryMs);
  }

  /** Tries the server (after going offline, on the browser's `online` event); if it answers, syncs. */
  async probe(): Promise<void> {
    clearTimeout(this._probe);
    this._probe = undefined;
    if (!this._started) return;
    try {
      await this.syncAll({}, new AbortController().signal);
    } catch {
      if (this._offline) this._probe ??= setTimeout(() => void this.probe(), probeEveryMs);
    }
  }

  private _reachable(): void {
    if (!this._offline) return;
    this._offline = false;
    clearTimeout(this._probe);
    this._probe = undefined;
    for (const sync of this._syncs.values()) sync.online();
    this._queueStatus();
  }

  /** Updates the storage line; with `notWithinMs`, not again so soon after the last check. */
  private async _checkStorage(notWithinMs = 0): Promise<void> {
    const now = this._deps.clock.now();
    if (notWithinMs > 0 && now - this._storageCheckedAt < notWithinMs) return;
    this._storageCheckedAt = now;
    const estimate = await this._deps.storage?.().catch(() => null);
    if (!estimate) return;
    this._storage = storageState(estimate);
    this._queueStatus();
  }

  private _status(): SyncStatus {
    const syncs = [...this._syncs.values()];
    const sum = (pick: (s: NamespaceSync) => number) => syncs.reduce((n, s) => n + pick(s), 0);
    const done = sum((s) => s.progress.done);
    const total = sum((s) => s.progress.total);
    const waiting = sum((s) => s.progress.waiting);
    const failure = syncs.find((s) => s.lastFailure !== null)?.lastFailure ?? null;
    const storageWords = this._storage?.low
      ? 'Storage is almost full on this device: free some space, or ask the browser to keep Cubby’s data.'
      : null;
    const phase: SyncStatus['phase'] = !this._started
      ? 'starting'
      : this._offline
        ? 'offline'
        : total > done
          ? 'syncing'
          : failure !== null
            ? 'error'
            : syncs.some((s) => s.busy)
              ? 'syncing'
              : 'up-to-date';
    return {
      phase,
      done,
      total,
      bytesDone: sum((s) => s.progress.bytesDone),
      bytesTotal: sum((s) => s.progress.bytesTotal),
      waiting,
      conflicts: syncs.flatMap((s) => s.conflicts),
      storage: this._storage,
      message: failure ?? storageWords ?? this._message,
    };
  }

  /** Status events at most every 100 ms: progress can change thousands of times a second. */
  private _queueStatus(): void {
    if (this._statusQueued) return;
    this._statusQueued = true;
    setTimeout(() => {
      this._statusQueued = false;
      this._deps.emit({ type: 'status', status: this._status() });
    }, 100);
  }

  /** `changed` events at most every 200 ms per namespace: a sync commits thousands a minute. */
  private _emitListing(namespaceIds: string[]): void {
    for (const id of namespaceIds) this._listingsChanged.add(id);
    this._queueStatus();
    if (this._listingTimer !== undefined) return;
    this._listingTimer = setTimeout(() => {
      this._listingTimer = undefined;
      const changed = [...this._listingsChanged];
      this._listingsChanged.clear();
      for (const namespaceId of changed) this._deps.emit({ type: 'changed', namespaceId });
    }, 200);
  }

  private async _treesFor(ns: NamespaceInfo): Promise<NamespaceTrees> {
    const kept = this._namespaces.get(ns.id);
    if (kept && kept.diffKey === ns.diffKey && kept.rootId === ns.rootId) return kept;
    if (kept) await kept.exclusive(() => kept.forget());
    const created = await NamespaceTrees.create(this._vault, ns, this._treeOptions);
    this._namespaces.set(ns.id, created);
    return created;
  }

  /**
   * Snapshot on first sight, then the journal after the cursor; a root value that differs from
   * the server's digest (or an entry that could not be applied) starts the repair by digest
   * descent, and if that does not converge the tree is rebuilt from a snapshot.
   */
  private async _pull(trees: NamespaceTrees, signal: AbortSignal): Promise<PullReport> {
    const namespaceId = trees.namespaceId;
    let via: PullReport['via'] = 'journal';
    if (!trees.remote) {
      await this._rebuild(trees, signal);
      via = 'snapshot';
    }
    const remote = trees.remote!;
    const from = remote.record.cursor;
    const save = (cursor: number) => remote.save(cursor);
    const pulled = await pullJournal(remote.tree, this._api, namespaceId, from, signal, save);
    if (pulled.refused === 0 && remote.tree.rootDiffValue === pulled.digest) {
      return {
        namespaceId,
        cursor: pulled.cursor,
        digest: pulled.digest,
        applied: pulled.applied,
        via,
      };
    }
    const repair = await repairByDigest(remote.tree, this._api, namespaceId, from, signal, save);
    if (repair.matched) {
      const { cursor, digest, applied } = repair.matched;
      await remote.save(cursor);
      return {
        namespaceId,
        cursor,
        digest,
        applied: pulled.applied + applied,
        via: 'repair',
        repair: repair.report,
      };
    }
    await this._syncs.get(namespaceId)?.quiesce();
    await this._rebuild(trees, signal);
    const rebuilt = trees.remote!;
    const after = await pullJournal(
      rebuilt.tree,
      this._api,
      namespaceId,
      rebuilt.record.cursor,
      signal,
      (c) => rebuilt.save(c),
    );
    return {
      namespaceId,
      cursor: after.cursor,
      digest: after.digest,
      applied: after.applied,
      via: 'rebuild',
      repair: repair.report,
    };
  }

  private async _rebuild(trees: NamespaceTrees, signal: AbortSignal): Promise<void> {
    const snapshot = await this._api.snapshot(trees.namespaceId, signal);
    const tree = treeFromSnapshot(trees, snapshot, trees.names);
    if (tree.rootDiffValue !== snapshot.digest) {
      tree.dispose();
      throw new SyncFailure(
        'digest_mismatch',
        `The snapshot of ${trees.namespaceId} does not add up to its digest.`,
      );
    }
    await trees.replaceRemote(tree, snapshot.cursor);
  }
}

function _record(ns: NamespaceInfo): NamespaceRecord {
  const { id, name, role, kind, rootId, diffKey } = ns;
  return { id, name, role, kind, rootId, diffKey };
}

async function _isEmpty(dir: FileSystemDirectoryHandle): Promise<boolean> {
  for await (const _entry of dir.keys()) return false;
  return true;
}

// The sync worker's work behind SyncApi: restores the trees, pulls remote trees, runs each namespace's sync.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { Clock } from '../../shared/sync/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { SyncStateStore } from '../common/db/sync-state-store.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import { BlobTransfer, type UploadedBlob } from './blob-transfer.ts';
import { ConnectivityProbe } from './connectivity-probe.ts';
import { ContentApi } from './content-api.ts';
import { DeviceError, DeviceFiles } from './device-files.ts';
import { folderEntry } from './folder-entry.ts';
import { KeptNamespaces, recordOf } from './kept-namespaces.ts';
import type { PersistedTreeOptions } from './persisted-tree.ts';
import { pullRemoteTree } from './pull-remote-tree.ts';
import type { PullReport } from './remote-tree-sync.ts';
import { storageState } from './storage-state.ts';
import { SyncEventQueue } from './sync-event-queue.ts';
import { SyncFailure } from './sync-failure.ts';
import { syncPhase } from './sync-phase.ts';
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

const storageLowWords =
  'Storage is almost full on this device: free some space, or ask the browser to keep Cubby’s data.';

export class SyncWorkerService implements SyncApi {
  private readonly _deps: SyncWorkerDeps;
  private readonly _api: ContentApi;
  private readonly _now: () => number;
  private _transfer: BlobTransfer;
  private _treeOptions: PersistedTreeOptions = {};
  private readonly _kept: KeptNamespaces;
  private _started: Promise<StartReport> | undefined;
  private readonly _connectivity: ConnectivityProbe;
  private readonly _events: SyncEventQueue;
  private _storage: StorageState | null = null;

  constructor(deps: SyncWorkerDeps) {
    this._deps = deps;
    this._api = new ContentApi(deps.fetch, (ns, nodes) =>
      this._kept.trees.get(ns)?.noteHashes(nodes),
    );
    this._now = deps.now ?? (() => performance.now());
    this._transfer = new BlobTransfer(deps.fetch, {}, deps.clock);
    this._events = new SyncEventQueue(deps.clock, () => this._status(), deps.emit);
    this._connectivity = new ConnectivityProbe(deps.clock, {
      attempt: async () => {
        if (this._started) await this.syncAll({}, new AbortController().signal);
      },
      changed: (offline) => {
        if (!offline) for (const sync of this._kept.syncs.values()) sync.online();
        this._events.statusChanged();
      },
    });
    this._kept = new KeptNamespaces({
      vault: deps.vault,
      state: deps.state,
      folders: deps.folders,
      dropFolder: deps.dropFolder,
      clock: deps.clock,
      api: this._api,
      transfer: () => this._transfer,
      treeOptions: () => this._treeOptions,
      onChange: (namespaceId, kind) =>
        kind === 'status'
          ? this._events.statusChanged()
          : this._events.listingsChanged([namespaceId]),
      onOffline: () => this._connectivity.unreachable(),
    });
  }

  start(options: StartOptions, signal: AbortSignal): Promise<StartReport> {
    if (!this._started) {
      this._treeOptions = { compactAtLogBytes: options.compactAtLogBytes, clock: this._deps.clock };
      if (options.transfer)
        this._transfer = new BlobTransfer(this._deps.fetch, options.transfer, this._deps.clock);
      this._started = this._restore(signal);
      this._started.catch(() => (this._started = undefined));
    }
    return this._started;
  }

  async syncAll(_request: Record<string, never>, signal: AbortSignal): Promise<PullReport[]> {
    await this._ready();
    const namespaces = await this._reaching(() => this._api.namespaces(signal));
    await this._kept.listed(namespaces);
    const reports: PullReport[] = [];
    for (const ns of namespaces) reports.push(await this._pullNamespace(ns, signal));
    this._events.listingsChanged(namespaces.map((n) => n.id));
    return reports;
  }

  async pull(request: { namespaceId: string }, signal: AbortSignal): Promise<PullReport> {
    await this._ready();
    let ns: NamespaceInfo | undefined = this._kept.info(request.namespaceId);
    if (!ns || !this._kept.trees.has(request.namespaceId)) {
      ns = (await this._api.namespaces(signal)).find((n) => n.id === request.namespaceId);
      if (!ns) throw new SyncFailure('namespace_not_found', 'You are not in that folder tree.');
    }
    return this._pullNamespace(ns, signal);
  }

  async trees(_request: Record<string, never>, _signal: AbortSignal): Promise<TreeSummary[]> {
    await this._ready();
    return this._kept.summaries();
  }

  async listFolder(request: FolderRequest): Promise<FolderEntry[]> {
    await this._ready();
    if (request.role === undefined)
      return this._kept.sync(request.namespaceId).list(request.folderId);
    const kept = this._kept.trees.get(request.namespaceId)?.tree(request.role);
    if (!kept) throw new SyncFailure('namespace_not_found', 'That tree is not kept here.');
    const tree = kept.tree;
    return tree
      .children(request.folderId ?? tree.rootId)
      .map((id) => folderEntry(tree.get(id)!, 'synced'));
  }

  async namespaces(): Promise<NamespaceEntry[]> {
    await this._ready();
    return this._kept.entries();
  }

  async pathOf(request: NodeRequest): Promise<{ id: number; name: string }[]> {
    await this._ready();
    return this._kept.sync(request.namespaceId).pathOf(request.id);
  }

  async createFolder(request: CreateFolderRequest): Promise<FolderEntry> {
    await this._ready();
    return this._kept.sync(request.namespaceId).edits.createFolder(request.parentId, request.name);
  }

  async addFiles(request: AddFilesRequest, signal: AbortSignal): Promise<AddFilesReport> {
    await this._ready();
    const edits = this._kept.sync(request.namespaceId).edits;
    const report = await edits.addFiles(request.parentId, request.files, signal);
    void this._checkStorage();
    return report;
  }

  async rename(request: RenameRequest): Promise<void> {
    await this._ready();
    await this._kept.sync(request.namespaceId).edits.rename(request.id, request.name);
  }

  async move(request: MoveRequest): Promise<void> {
    await this._ready();
    const edits = this._kept.sync(request.namespaceId).edits;
    await edits.move(request.id, request.parentId, request.name);
  }

  async remove(request: NodeRequest): Promise<void> {
    await this._ready();
    await this._kept.sync(request.namespaceId).edits.remove(request.id);
  }

  async readFile(request: NodeRequest, signal: AbortSignal): Promise<Blob> {
    await this._ready();
    return this._kept.sync(request.namespaceId).readFile(request.id, signal);
  }

  async dismissConflict(request: NodeRequest): Promise<void> {
    await this._ready();
    await this._kept.sync(request.namespaceId).dismissConflict(request.id);
  }

  async status(): Promise<SyncStatus> {
    return this._status();
  }

  async linkFolder(request: LinkFolderRequest, _signal: AbortSignal): Promise<NamespaceEntry> {
    const sync = await this._idleSync(
      request.namespaceId,
      'Some changes made here are not on the server yet. Link the folder once they are synced.',
    );
    const files = new DeviceFiles(request.handle);
    if (!(await files.permitted())) {
      throw new DeviceError(
        'permission_needed',
        `Allow Cubby to edit “${request.handle.name}” first.`,
      );
    }
    const relinked = await this._kept.relink(sync, request.handle);
    await this._deps.dropFolder?.(request.namespaceId).catch(() => undefined);
    return relinked.entry();
  }

  async unlinkFolder(
    request: { namespaceId: string },
    _signal: AbortSignal,
  ): Promise<NamespaceEntry> {
    const sync = await this._idleSync(
      request.namespaceId,
      'Some changes made in the linked folder are not on the server yet. Unlink it once they are synced.',
    );
    // The browser's copy starts empty: everything comes again from the server.
    await this._deps.dropFolder?.(request.namespaceId).catch(() => undefined);
    return (await this._kept.relink(sync, null)).entry();
  }

  async reset(): Promise<void> {
    const started = this._started;
    this._started = undefined;
    await started?.catch(() => undefined);
    await this._kept.close();
    this._connectivity.stop();
    this._storage = null;
    this._events.statusChanged();
  }

  async rescan(request: { namespaceId?: string }, signal: AbortSignal): Promise<RescanReport> {
    await this._ready();
    const report: RescanReport = { changes: 0, hashed: 0 };
    for (const sync of this._kept.syncs.values()) {
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

  /** Tries the server (after going offline, on the browser's `online` event); if it answers, syncs. */
  probe(): Promise<void> {
    return this._connectivity.probe();
  }

  private async _ready(): Promise<void> {
    if (!this._started) throw new SyncFailure('not_started', 'Call start first.');
    await this._started;
  }

  /** The namespace's sync once ready; refused as `busy` (in `busyWords`) while edits wait to go up. */
  private async _idleSync(namespaceId: string, busyWords: string) {
    await this._ready();
    const sync = this._kept.sync(namespaceId);
    if (sync.progress.waiting > 0) throw new SyncFailure('busy', busyWords);
    return sync;
  }

  private async _restore(signal: AbortSignal): Promise<StartReport> {
    if (this._deps.gate && !(await this._deps.gate())) {
      throw new SyncFailure(
        'busy',
        'Cubby is syncing in another tab of this browser. Use that tab, or close it and reload this one.',
      );
    }
    const began = this._now();
    const dropped = await this._kept.restore(signal);
    const loadMs = this._now() - began;
    const trees = this._kept.summaries();
    await this._kept.openAll();
    void this._checkStorage();
    return { trees, loadMs, dropped, startedAt: this._deps.clock.now() };
  }

  /** Pulls the namespace's remote tree (under its lock) and lets its sync plan from it. */
  private async _pullNamespace(ns: NamespaceInfo, signal: AbortSignal): Promise<PullReport> {
    const trees = await this._kept.treesFor(ns);
    const report = await this._reaching(() =>
      trees.exclusive(() =>
        pullRemoteTree(trees, this._api, signal, async () => {
          await this._kept.syncs.get(ns.id)?.quiesce();
        }),
      ),
    );
    const info = this._kept.info(ns.id) ?? recordOf(ns);
    const sync = this._kept.syncs.get(ns.id) ?? (await this._kept.open(trees, info));
    if (sync) {
      sync.info = info;
      sync.pulled();
      if (report.applied > 0 || report.via !== 'journal') this._events.listingsChanged([ns.id]);
    }
    return report;
  }

  /** Runs a request to the server, noting whether it could be reached. */
  private async _reaching<T>(request: () => Promise<T>): Promise<T> {
    let answer: T;
    try {
      answer = await request();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'network') this._connectivity.unreachable();
      throw err;
    }
    this._connectivity.reachable();
    return answer;
  }

  /** Updates the storage line. */
  private async _checkStorage(): Promise<void> {
    const estimate = await this._deps.storage?.().catch(() => null);
    if (!estimate) return;
    this._storage = storageState(estimate);
    this._events.statusChanged();
  }

  private _status(): SyncStatus {
    const syncs = [...this._kept.syncs.values()];
    const progress = syncs.map((s) => s.progress);
    const sum = (pick: (p: (typeof progress)[number]) => number) =>
      progress.reduce((n, p) => n + pick(p), 0);
    const done = sum((p) => p.done);
    const total = sum((p) => p.total);
    const failure = progress.find((p) => p.lastFailure !== null)?.lastFailure ?? null;
    const phase = syncPhase({
      started: this._started !== undefined,
      offline: this._connectivity.offline,
      done,
      total,
      failure,
      busy: syncs.some((s) => s.busy),
    });
    return {
      phase,
      done,
      total,
      bytesDone: sum((p) => p.bytesDone),
      bytesTotal: sum((p) => p.bytesTotal),
      waiting: sum((p) => p.waiting),
      conflicts: syncs.flatMap((s) => s.conflicts),
      storage: this._storage,
      message: failure ?? (this._storage?.low ? storageLowWords : null),
    };
  }
}

// One namespace at work in the worker: its trees and files, the planner's session in rounds, and what each commit leaves.
import {
  SyncSession,
  type Clock,
  type OperationOutcome,
  type SyncOperation,
  type SyncTrees,
} from '../../shared/sync/index.ts';
import type { TreeStore } from '../../shared/tree/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { NamespaceRecord, NamespaceStateRecord } from '../common/db/schema.ts';
import type { SyncStateStore } from '../common/db/sync-state-store.ts';
import type { BlobTransfer } from './blob-transfer.ts';
import type { ContentApi } from './content-api.ts';
import { DeviceError, type DeviceFiles } from './device-files.ts';
import { devicePath, DevicePort } from './device-port.ts';
import { breadcrumbs } from './breadcrumbs.ts';
import { folderListing } from './folder-listing.ts';
import { scanFolder, type ScanResult } from './folder-scan.ts';
import type { NamespaceTrees } from './namespace-trees.ts';
import { PageEdits } from './page-edits.ts';
import { provisionalId } from './provisional-id.ts';
import { RenamedIds } from './renamed-ids.ts';
import { ServerPort } from './server-port.ts';
import { SyncFailure } from './sync-failure.ts';
import { SyncProgress } from './sync-progress.ts';
import { SyncRounds, type RoundOutcome } from './sync-rounds.ts';
import type { ConflictEntry, FolderEntry, NamespaceEntry } from '../common/sync-client/sync-api.ts';

export interface NamespaceSyncDeps {
  trees: NamespaceTrees;
  info: NamespaceRecord;
  state: NamespaceStateRecord;
  files: DeviceFiles;
  api: ContentApi;
  transfer: BlobTransfer;
  store: SyncStateStore;
  clock: Clock;
  /** Something the person sees changed: progress, the listing, conflicts. */
  onChange(kind: 'status' | 'listing'): void;
  /** A request failed because the server could not be reached. */
  onOffline(): void;
}

/** How long after a commit the trees are saved (ms): commits come in bursts. */
const saveAfterMs = 250;

/**
 * Drives sync for one namespace: the planner's `SyncSession` over the three trees, with the
 * device port on its `DeviceFiles` and the server port on the API, run in `SyncRounds`. Edits
 * from the page (`edits`) change the files and the local tree at once (they work offline) and are
 * planned incrementally; a pull replans from a full diff (top-down over diff values: proportional
 * to what differs).
 */
export class NamespaceSync {
  readonly progress: SyncProgress;
  readonly edits: PageEdits;
  private _session: SyncSession | undefined;
  private _sessionRemote: TreeStore | undefined;
  private readonly _device: DevicePort;
  private readonly _server: ServerPort;
  private readonly _rounds: SyncRounds;
  private readonly _renamedIds = new RenamedIds();
  /** The next round plans from a full diff (the remote tree changed by a pull). */
  private _replanAll = false;
  private _failuresInRound = 0;
  private _saveQueued = false;
  /** Aborted by `stop`: a save waiting after a commit is left to `stop`'s own. */
  private readonly _stopped = new AbortController();

  constructor(private readonly _deps: NamespaceSyncDeps) {
    const trees = _deps.trees;
    this.progress = new SyncProgress(() => _deps.onChange('status'));
    this._rounds = new SyncRounds(_deps.clock, {
      round: () => this._round(),
      settled: () => this.progress.settled(),
    });
    this._device = new DevicePort(_deps.files, {
      local: () => trees.local.tree,
      newId: () => this.newId(),
    });
    this._server = new ServerPort(
      trees.namespaceId,
      _deps.api,
      _deps.transfer,
      _deps.files,
      this._device,
      {
        remote: () => trees.remote!.tree,
        local: () => trees.local.tree,
        knownHash: (id) => trees.hashes.get(id),
        uploadIdFor: (sha256) => this._deps.state.uploads[sha256],
        keepUpload: (sha256, uploadId) => void this._keepUpload(sha256, uploadId),
        progress: (key, bytes) => this.progress.moved(key, bytes),
      },
    );
    this.edits = new PageEdits({
      local: () => trees.local.tree,
      files: () => this._deps.files,
      role: () => this._deps.info.role,
      clock: _deps.clock,
      newId: () => this.newId(),
      resolve: (id) => this._renamedIds.resolve(id),
      edited: (ids) => this._edited(ids),
    });
  }

  get namespaceId(): string {
    return this._deps.trees.namespaceId;
  }

  get trees(): NamespaceTrees {
    return this._deps.trees;
  }

  get info(): NamespaceRecord {
    return this._deps.info;
  }

  set info(info: NamespaceRecord) {
    this._deps.info = info;
  }

  get files(): DeviceFiles {
    return this._deps.files;
  }

  get conflicts(): ConflictEntry[] {
    return this._deps.state.conflicts.map((c) => ({ ...c, namespaceId: this.namespaceId }));
  }

  entry(): NamespaceEntry {
    const { id, name, role, kind, rootId } = this._deps.info;
    return { id, name, role, kind, rootId, linkedFolder: this._deps.state.linked?.name ?? null };
  }

  /** The server can be reached again (or should be tried): run. */
  online(): void {
    this._rounds.online();
  }

  /** The remote tree was pulled: plan from a full diff and run. */
  pulled(): void {
    this._replanAll = true;
    this.kick();
  }

  /** Runs rounds until nothing is left (or offline); a kick while running runs another round. */
  kick(): void {
    this._rounds.kick();
  }

  /** Rounds are running (or waiting to run again after a failure). */
  get busy(): boolean {
    return this._rounds.busy;
  }

  /** Waits until the rounds under way have run. */
  idle(): Promise<void> {
    return this._rounds.idle();
  }

  /** Cancels what has not started its commit and waits for the rest (before the remote tree is replaced). */
  async quiesce(): Promise<void> {
    const session = this._session;
    this._session = undefined;
    if (!session) return;
    session.scheduler.submit([]);
    await session.scheduler.idle();
  }

  /** No more rounds: what runs is cancelled or finished, then the trees are saved. */
  async stop(): Promise<void> {
    this._rounds.stop();
    this._stopped.abort();
    await this.quiesce();
    await this.idle();
    await this._saveAll().catch(() => undefined);
  }

  /** Scans the device's folder into the local tree (linked folders; recovery after eviction). */
  async rescan(signal: AbortSignal): Promise<ScanResult> {
    if (!(await this._deps.files.permitted())) {
      throw new DeviceError(
        'permission_needed',
        `Cubby needs your permission again to use “${this._deps.files.root.name}”.`,
      );
    }
    const local = this._deps.trees.local.tree;
    const result = await scanFolder(
      this._deps.files.root,
      local,
      local.rootId,
      () => this.newId(),
      signal,
    );
    if (result.changes > 0) {
      await this._deps.trees.local.save();
      this._replanAll = true;
      this._deps.onChange('listing');
      this.kick();
    }
    return result;
  }

  /** An id no tree of the namespace uses (see `provisionalId`). */
  newId(): number {
    const { remote, local, sync } = this._deps.trees;
    return provisionalId([local.tree, sync.tree, remote?.tree]);
  }

  // ---- the person's view -------------------------------------------------------------------

  list(folderId: number | undefined): FolderEntry[] {
    const local = this._deps.trees.local.tree;
    const folder = folderId === undefined ? local.rootId : this._renamedIds.resolve(folderId);
    const conflicts = new Set(this._deps.state.conflicts.map((c) => c.id));
    return folderListing(this._listed(), folder, conflicts);
  }

  pathOf(id: number): { id: number; name: string }[] {
    const path = breadcrumbs(this._listed(), this._renamedIds.resolve(id), this._deps.info.name);
    if (!path) throw new SyncFailure('not_found', 'That file or folder is not here any more.');
    return path;
  }

  async readFile(id: number, signal: AbortSignal): Promise<Blob> {
    const { local, remote } = this._deps.trees;
    id = this._renamedIds.resolve(id);
    const node = local.tree.get(id);
    if (node?.kind === 'file') return this._deps.files.file(devicePath(local.tree, id));
    if (remote?.tree.get(id)?.kind === 'file') {
      const server = await this._server.node(id, signal);
      return this._deps.transfer.download(server.hash, server.size, signal);
    }
    throw new SyncFailure('not_found', 'That file is not here any more.');
  }

  async dismissConflict(id: number): Promise<void> {
    id = this._renamedIds.resolve(id);
    await this._updateState((s) => {
      s.conflicts = s.conflicts.filter((c) => c.id !== id);
    });
    this._deps.onChange('listing');
  }

  /** Points the namespace at other files (a linked folder, or back to the browser's storage). */
  async setState(change: (state: NamespaceStateRecord) => void): Promise<void> {
    await this._updateState(change);
  }

  // ---- the session ---------------------------------------------------------------------------

  /** One round: plans (from a full diff after a pull) and runs until the plan is done. */
  private async _round(): Promise<RoundOutcome | undefined> {
    const existing = this._session;
    const session = this._ensureSession();
    if (!session) return undefined;
    // A new session planned from a full diff already.
    if (this._replanAll && session === existing) session.replanAll();
    this._replanAll = false;
    this._failuresInRound = 0;
    const ran = await session.settled(1);
    await this._saveAll();
    return { ran, failed: this._failuresInRound };
  }

  private _ensureSession(): SyncSession | undefined {
    const { remote, local, sync } = this._deps.trees;
    if (!remote) return undefined;
    if (this._session && this._sessionRemote === remote.tree) return this._session;
    const trees: SyncTrees = { remote: remote.tree, local: local.tree, sync: sync.tree };
    this._sessionRemote = remote.tree;
    this._session = new SyncSession({
      trees,
      ports: { server: this._server, device: this._device },
      clock: this._deps.clock,
      concurrency: 4,
      // Each plan looks at every node still to sync: large batches keep a first sync of a large
      // tree to a few plans instead of one per thousand files.
      batchSize: 10_000,
      onPlanned: (operations, full) => this.progress.planned(operations, full),
      afterCommit: (operation, outcome) => this._afterCommit(trees, operation, outcome),
      onFailed: (operation, error) => this._failed(operation, error),
      onEvent: (event) => {
        if (event.event === 'done') this.progress.finished(event.key);
      },
    });
    return this._session;
  }

  private _failed(operation: SyncOperation, error: unknown): void {
    this._failuresInRound++;
    if (error instanceof ApiError && error.code === 'network') {
      this._rounds.offline();
      this._deps.onOffline();
    }
    const words = _failureWords(operation, error);
    if (words === null) this._deps.onChange('status');
    else this.progress.failed(words);
  }

  private _afterCommit(
    trees: SyncTrees,
    operation: SyncOperation,
    outcome: OperationOutcome,
  ): void {
    if (operation.side === 'local') {
      const mtime = this._device.written.get(operation.key);
      if (mtime !== undefined) {
        this._device.written.delete(operation.key);
        if (trees.local.has(operation.id)) trees.local.edit(operation.id, { mtime });
      }
      if (operation.type === 'keepConflictedCopy' && outcome.id !== undefined) {
        const copy = outcome.id;
        const node = trees.local.get(copy);
        const path = node?.parent == null ? '' : trees.local.pathOf(node.parent);
        void this._updateState((s) => {
          s.conflicts.push({ id: copy, name: operation.name, path, at: this._deps.clock.now() });
        });
      }
    } else if (operation.side === 'remote' && outcome.id !== undefined) {
      const id = outcome.id;
      this._renamedIds.note(operation.id, id);
      if (outcome.rev !== undefined && trees.remote.has(id))
        trees.remote.edit(id, { rev: outcome.rev });
      if (id !== operation.id && this._deps.state.conflicts.some((c) => c.id === operation.id)) {
        void this._updateState((s) => {
          for (const c of s.conflicts) if (c.id === operation.id) c.id = id;
        });
      }
    }
    this._deps.onChange('listing');
    this._saveSoon();
  }

  /**
   * Saves the trees a moment after a commit (commits come in bursts): the stored trees then lag
   * the files by at most that moment if the worker is ended mid-round, not by a whole round.
   */
  private _saveSoon(): void {
    if (this._saveQueued) return;
    this._saveQueued = true;
    this._deps.clock.sleep(saveAfterMs, this._stopped.signal).then(
      () => {
        this._saveQueued = false;
        void this._saveAll().catch(() => undefined);
      },
      () => (this._saveQueued = false),
    );
  }

  // ---- helpers -----------------------------------------------------------------------------

  private _listed() {
    const { remote, local, sync } = this._deps.trees;
    return { local: local.tree, sync: sync.tree, remote: remote?.tree };
  }

  private async _edited(ids: number[]): Promise<void> {
    await this._deps.trees.local.save();
    this._deps.onChange('listing');
    if (this._session) this._session.noteLocal(ids);
    this.kick();
  }

  private async _saveAll(): Promise<void> {
    const { remote, local, sync } = this._deps.trees;
    await Promise.all([remote?.save(), local.save(), sync.save()]);
  }

  private async _keepUpload(sha256: string, uploadId: string | null): Promise<void> {
    if ((this._deps.state.uploads[sha256] ?? null) === uploadId) return;
    await this._updateState((s) => {
      if (uploadId === null) delete s.uploads[sha256];
      else s.uploads[sha256] = uploadId;
    });
  }

  private async _updateState(change: (state: NamespaceStateRecord) => void): Promise<void> {
    change(this._deps.state);
    this._deps.state = await this._deps.store.updateState(this.namespaceId, change);
  }
}

/**
 * What the person reads about a failed operation, or null when there is nothing to read: offline
 * shows as the phase, and a file that changed under an operation is simply planned again.
 */
function _failureWords(operation: SyncOperation, error: unknown): string | null {
  if (error instanceof ApiError && error.code === 'network') return null;
  if (error instanceof DeviceError && error.code === 'device_changed') return null;
  if (error instanceof DeviceError && error.code === 'permission_needed') return error.message;
  const name = 'location' in operation ? operation.location.name : `entry ${operation.id}`;
  return `“${name}” could not be synced: ${error instanceof Error ? error.message : String(error)}`;
}

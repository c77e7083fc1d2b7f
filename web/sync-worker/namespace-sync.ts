// One namespace at work in the worker: its trees, its files on this device, the planner's session, edits, progress.
import {
  foldName,
  isPortableName,
  SyncSession,
  type Clock,
  type OperationOutcome,
  type SyncOperation,
  type SyncTrees,
} from '../../shared/sync/index.ts';
import { normalizeName, TreeError, type TreeStore } from '../../shared/tree/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { NamespaceRecord, NamespaceStateRecord } from '../common/db/schema.ts';
import type { SyncStateStore } from '../common/db/sync-state-store.ts';
import type { BlobTransfer } from './blob-transfer.ts';
import type { ContentApi } from './content-api.ts';
import { DeviceError, type DeviceFiles } from './device-files.ts';
import { devicePath, DevicePort, fileSeconds, subtreeIds } from './device-port.ts';
import { scanFolder, type ScanResult } from './folder-scan.ts';
import type { NamespaceTrees } from './namespace-trees.ts';
import { ServerPort } from './server-port.ts';
import { sha256Hex } from './sha256-hex.ts';
import type {
  AddFilesReport,
  ConflictEntry,
  EntryState,
  FolderEntry,
  NamespaceEntry,
} from '../common/sync-client/sync-api.ts';

/** Progress of one namespace since it was last up to date. */
export interface NamespaceProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  /** Changes made here not yet on the server (server operations of the latest plan). */
  waiting: number;
}

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

const transferTypes = new Set(['upload', 'edit', 'download']);

/**
 * Drives sync for one namespace: the planner's `SyncSession` over the three trees, with the
 * device port on its `DeviceFiles` and the server port on the API. Edits from the page change the
 * files and the local tree at once (they work offline) and are planned incrementally; a pull
 * replans from a full diff (top-down over diff values: proportional to what differs). Rounds run
 * one after another (`kick`), stop while offline, and back off when operations keep failing.
 */
export class NamespaceSync {
  readonly progress: NamespaceProgress = {
    done: 0,
    total: 0,
    bytesDone: 0,
    bytesTotal: 0,
    waiting: 0,
  };
  /** Words about the last failure that kept an operation from running, until one succeeds. */
  lastFailure: string | null = null;
  private _session: SyncSession | undefined;
  private _sessionRemote: TreeStore | undefined;
  private readonly _device: DevicePort;
  private readonly _server: ServerPort;
  private readonly _planned = new Map<string, number>();
  private readonly _bytes = new Map<string, number>();
  /**
   * Provisional ids the server replaced (an upload or new folder committed): the page may still
   * hold the old id from a listing, so every id it sends is resolved through here.
   */
  private readonly _renamedIds = new Map<number, number>();
  /** Server operations planned and not done: changes made here waiting for the server. */
  private readonly _waiting = new Set<string>();
  private _running: Promise<void> | undefined;
  private _again = false;
  /** The next round plans from a full diff (the remote tree changed by a pull). */
  private _replanAll = false;
  private _saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Aborted by `stop`: ends a wait between failing rounds at once. */
  private readonly _halt = new AbortController();
  private _offline = false;
  private _stopped = false;
  private _failuresInRound = 0;
  private _backoffMs = 0;

  constructor(private readonly _deps: NamespaceSyncDeps) {
    const trees = _deps.trees;
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
        progress: (key, bytes) => this._moved(key, bytes),
      },
    );
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
    this._offline = false;
    this._backoffMs = 0;
    this.kick();
  }

  /** The remote tree was pulled: plan from a full diff and run. */
  pulled(): void {
    this._replanAll = true;
    this.kick();
  }

  /** Runs rounds until nothing is left (or offline); a kick while running runs another round. */
  kick(): void {
    if (this._stopped) return;
    if (this._running) {
      this._again = true;
      return;
    }
    // A moment later: the call that kicked (a pull, an edit) answers, and what the page asks
    // right after (its listing) is served, before planning, which can take seconds of this
    // worker's time for a first sync of a large tree.
    this._running = this._deps.clock
      .sleep(50)
      .then(() => this._run())
      .finally(() => {
        this._running = undefined;
        if (this._again && !this._offline && !this._stopped) {
          this._again = false;
          this.kick();
        }
      });
  }

  /** Rounds are running (or waiting to run again after a failure). */
  get busy(): boolean {
    return this._running !== undefined;
  }

  /** Waits until the rounds under way have run. */
  async idle(): Promise<void> {
    while (this._running) await this._running;
  }

  /** Cancels what has not started its commit and waits for the rest (before the remote tree is replaced). */
  async quiesce(): Promise<void> {
    const session = this._session;
    this._session = undefined;
    if (!session) return;
    session.scheduler.submit([]);
    await session.scheduler.idle();
  }

  async stop(): Promise<void> {
    this._stopped = true;
    this._halt.abort();
    await this.quiesce();
    await this.idle();
    clearTimeout(this._saveTimer);
    this._saveTimer = undefined;
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
      await this._saveLocal();
      this._replanAll = true;
      this._deps.onChange('listing');
      this.kick();
    }
    return result;
  }

  /** An id no tree of the namespace uses: provisional ids are drawn from the upper half of uint32. */
  newId(): number {
    const { remote, local, sync } = this._deps.trees;
    const draw = new Uint32Array(1);
    for (;;) {
      crypto.getRandomValues(draw);
      const id = (draw[0]! | 0x80000000) >>> 0;
      if (!local.tree.has(id) && !sync.tree.has(id) && !remote?.tree.has(id)) return id;
    }
  }

  // ---- the person's view -------------------------------------------------------------------

  list(folderId: number | undefined): FolderEntry[] {
    const { remote, local, sync } = this._deps.trees;
    const folder = folderId === undefined ? local.tree.rootId : this._id(folderId);
    const conflicts = new Set(this._deps.state.conflicts.map((c) => c.id));
    const entries: FolderEntry[] = [];
    if (local.tree.has(folder)) {
      for (const id of local.tree.children(folder)) {
        const node = local.tree.get(id)!;
        const there = remote?.tree.get(id);
        const state: EntryState = conflicts.has(id)
          ? 'conflict'
          : there &&
              there.parent === node.parent &&
              there.name === node.name &&
              there.contentHash === node.contentHash &&
              there.size === node.size
            ? 'synced'
            : 'upload';
        entries.push(_entry(node, state));
      }
    }
    if (remote?.tree.has(folder)) {
      for (const id of remote.tree.children(folder)) {
        // Here already, or deleted or moved away here and waiting to go to the server.
        if (local.tree.has(id) || sync.tree.has(id)) continue;
        entries.push(_entry(remote.tree.get(id)!, 'download'));
      }
    }
    return entries;
  }

  pathOf(id: number): { id: number; name: string }[] {
    const { remote, local } = this._deps.trees;
    id = this._id(id);
    const tree = local.tree.has(id) ? local.tree : remote?.tree.has(id) ? remote.tree : undefined;
    if (!tree) throw new ApiError(404, 'not_found', 'That file or folder is not here any more.');
    const path: { id: number; name: string }[] = [];
    for (
      let node = tree.get(id);
      node;
      node = node.parent === null ? undefined : tree.get(node.parent)
    ) {
      path.push({ id: node.id, name: node.parent === null ? this._deps.info.name : node.name });
    }
    return path.reverse();
  }

  async readFile(id: number, signal: AbortSignal): Promise<Blob> {
    const { local, remote } = this._deps.trees;
    id = this._id(id);
    const node = local.tree.get(id);
    if (node?.kind === 'file') return this._deps.files.file(devicePath(local.tree, id));
    if (remote?.tree.get(id)?.kind === 'file') {
      const server = await this._server.node(id, signal);
      return this._deps.transfer.download(server.hash, server.size, signal);
    }
    throw new ApiError(404, 'not_found', 'That file is not here any more.');
  }

  // ---- edits from the page -------------------------------------------------------------------

  async createFolder(parentId: number, rawName: string): Promise<FolderEntry> {
    this._mayEdit();
    parentId = this._id(parentId);
    const local = this._deps.trees.local.tree;
    const name = this._freeName(parentId, rawName);
    const id = this.newId();
    await this._deps.files.createFolder([...devicePath(local, parentId), name]);
    local.add({ id, parent: parentId, name, kind: 'folder', mtime: this._nowSeconds() });
    await this._edited([id]);
    return _entry(local.get(id)!, 'upload');
  }

  async addFiles(
    parentId: number,
    files: { path: string; file: Blob; lastModified?: number }[],
    signal: AbortSignal,
  ): Promise<AddFilesReport> {
    this._mayEdit();
    parentId = this._id(parentId);
    const local = this._deps.trees.local.tree;
    this._folder(parentId);
    const report: AddFilesReport = { added: 0, replaced: 0, foldersCreated: 0 };
    const touched: number[] = [];
    try {
      for (const { path, file } of files) {
        signal.throwIfAborted();
        const names = path.split('/').filter((n) => n !== '' && n !== '.');
        if (names.length === 0) continue;
        let folder = parentId;
        for (const raw of names.slice(0, -1)) {
          const name = _validName(raw);
          const existing = _holder(local, folder, name);
          if (existing !== undefined) {
            if (local.get(existing)!.kind !== 'folder') {
              throw new ApiError(409, 'name_taken', `“${name}” is a file here, not a folder.`);
            }
            folder = existing;
            continue;
          }
          const id = this.newId();
          await this._deps.files.createFolder([...devicePath(local, folder), name]);
          local.add({ id, parent: folder, name, kind: 'folder', mtime: this._nowSeconds() });
          touched.push(id);
          report.foldersCreated++;
          folder = id;
        }
        const asked = _validName(names[names.length - 1]!);
        const existing = _holder(local, folder, asked);
        if (existing !== undefined && local.get(existing)!.kind === 'folder') {
          throw new ApiError(409, 'name_taken', `There is a folder named “${asked}” here already.`);
        }
        // A new version keeps the name it has (its case, too).
        const name = existing === undefined ? asked : local.get(existing)!.name;
        const contentHash = await sha256Hex(file);
        const written = await this._deps.files.write([...devicePath(local, folder), name], file);
        const fields = { size: written.size, contentHash, mtime: fileSeconds(written) };
        if (existing !== undefined) {
          local.edit(existing, fields);
          touched.push(existing);
          report.replaced++;
        } else {
          const id = this.newId();
          local.add({ id, parent: folder, name, kind: 'file', ...fields });
          touched.push(id);
          report.added++;
        }
      }
    } finally {
      // What was written stays written, and is synced, even if a later file failed.
      if (touched.length > 0) await this._edited(touched);
    }
    return report;
  }

  async move(id: number, parentId: number, rawName?: string): Promise<void> {
    this._mayEdit();
    id = this._id(id);
    parentId = this._id(parentId);
    const local = this._deps.trees.local.tree;
    const node = this._existing(id);
    this._folder(parentId);
    for (let at: number | null = parentId; at !== null; at = local.get(at)!.parent) {
      if (at === id) {
        throw new ApiError(409, 'cycle', `“${node.name}” cannot go into a folder inside itself.`);
      }
    }
    const name = rawName === undefined ? node.name : _validName(rawName);
    if (parentId === node.parent && name === node.name) return;
    const holder = _holder(local, parentId, name);
    if (holder !== undefined && holder !== id) {
      throw new ApiError(409, 'name_taken', `There is already something named “${name}” there.`);
    }
    await this._deps.files.move(devicePath(local, id), [...devicePath(local, parentId), name]);
    local.move(id, parentId, name);
    await this._edited([id]);
  }

  async remove(id: number): Promise<void> {
    this._mayEdit();
    id = this._id(id);
    const local = this._deps.trees.local.tree;
    this._existing(id);
    const ids = subtreeIds(local, id);
    try {
      await this._deps.files.remove(devicePath(local, id), true);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
    }
    local.remove(id);
    await this._edited(ids);
  }

  async dismissConflict(id: number): Promise<void> {
    id = this._id(id);
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

  private async _run(): Promise<void> {
    for (;;) {
      if (this._offline || this._stopped) return;
      const existing = this._session;
      const session = this._ensureSession();
      if (!session) return;
      // A new session planned from a full diff already.
      if (this._replanAll && session === existing) session.replanAll();
      this._replanAll = false;
      this._failuresInRound = 0;
      const rounds = await session.settled(1);
      await this._saveAll();
      if (this._stopped || this._offline) return;
      if (rounds === 0 && this._failuresInRound === 0) {
        this._settledUp();
        return;
      }
      if (this._failuresInRound > 0) {
        // Something keeps failing: wait longer each time (up to a minute) before planning again.
        this._backoffMs = Math.min(60_000, Math.max(500, this._backoffMs * 2));
        await this._deps.clock.sleep(this._backoffMs, this._halt.signal).catch(() => undefined);
      } else {
        this._backoffMs = 0;
      }
    }
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
      onPlanned: (operations, full) => this._planned_(operations, full),
      afterCommit: (operation, outcome) => this._afterCommit(trees, operation, outcome),
      onFailed: (operation, error) => this._failed(operation, error),
      onEvent: (event) => {
        if (event.event === 'done') this._done(event.key);
      },
    });
    return this._session;
  }

  private _planned_(operations: readonly SyncOperation[], full: boolean): void {
    if (full) this._waiting.clear();
    for (const op of operations) {
      if (op.side === 'remote') this._waiting.add(op.key);
      if (op.side === 'sync' || this._planned.has(op.key)) continue;
      const bytes = transferTypes.has(op.type) && 'content' in op ? op.content.size : 0;
      this._planned.set(op.key, bytes);
      this.progress.total++;
      this.progress.bytesTotal += bytes;
    }
    this.progress.waiting = this._waiting.size;
    this._deps.onChange('status');
  }

  private _moved(key: string, bytes: number): void {
    const planned = this._planned.get(key);
    if (planned === undefined) return;
    const before = this._bytes.get(key) ?? 0;
    const now = Math.min(planned, bytes);
    if (now <= before) return;
    this._bytes.set(key, now);
    this.progress.bytesDone += now - before;
    this._deps.onChange('status');
  }

  private _done(key: string): void {
    if (!this._planned.has(key)) return;
    this._moved(key, this._planned.get(key)!);
    this.progress.done++;
    this._waiting.delete(key);
    this.progress.waiting = this._waiting.size;
    this.lastFailure = null;
    this._deps.onChange('status');
  }

  private _failed(operation: SyncOperation, error: unknown): void {
    this._failuresInRound++;
    if (error instanceof ApiError && error.code === 'network') {
      this._offline = true;
      this._deps.onOffline();
    } else if (!(error instanceof DeviceError && error.code === 'device_changed')) {
      const name = 'location' in operation ? operation.location.name : `entry ${operation.id}`;
      this.lastFailure = `“${name}” could not be synced: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (error instanceof DeviceError && error.code === 'permission_needed') {
      this.lastFailure = error.message;
    }
    this._deps.onChange('status');
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
      if (id !== operation.id) {
        if (this._renamedIds.size > 100_000) this._renamedIds.clear();
        this._renamedIds.set(operation.id, id);
      }
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
    if (this._saveTimer !== undefined) return;
    this._saveTimer = setTimeout(() => {
      this._saveTimer = undefined;
      void this._saveAll().catch(() => undefined);
    }, 250);
  }

  private _settledUp(): void {
    this._planned.clear();
    this._bytes.clear();
    this._waiting.clear();
    Object.assign(this.progress, { done: 0, total: 0, bytesDone: 0, bytesTotal: 0, waiting: 0 });
    this._deps.onChange('status');
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The id a node the page names has now (see `_renamedIds`). */
  private _id(id: number): number {
    for (let hops = 0; hops < 8 && this._renamedIds.has(id); hops++) id = this._renamedIds.get(id)!;
    return id;
  }

  private async _edited(ids: number[]): Promise<void> {
    await this._saveLocal();
    this._deps.onChange('listing');
    if (this._session) this._session.noteLocal(ids);
    this.kick();
  }

  private async _saveLocal(): Promise<void> {
    await this._deps.trees.local.save();
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

  private _mayEdit(): void {
    if (this._deps.info.role === 'viewer') {
      throw new ApiError(403, 'forbidden', 'You can only view this shared folder, not change it.');
    }
  }

  /** The local node `id` (resolved), for the service's rename. */
  localNode(id: number) {
    return this._deps.trees.local.tree.get(this._id(id));
  }

  private _existing(id: number) {
    const node = this._deps.trees.local.tree.get(id);
    if (!node || node.parent === null) {
      throw new ApiError(404, 'not_found', 'That file or folder is not on this device.');
    }
    return node;
  }

  private _folder(id: number): void {
    const node = this._deps.trees.local.tree.get(id);
    if (node?.kind !== 'folder') {
      throw new ApiError(404, 'not_found', 'That folder is not on this device (yet).');
    }
  }

  private _freeName(parentId: number, raw: string): string {
    const local = this._deps.trees.local.tree;
    this._folder(parentId);
    const name = _validName(raw);
    if (_holder(local, parentId, name) !== undefined) {
      throw new ApiError(409, 'name_taken', `There is already something named “${name}” here.`);
    }
    return name;
  }

  private _nowSeconds(): number {
    return Math.floor(this._deps.clock.now() / 1000);
  }
}

/** The name as the trees keep it, or a clear error for one that cannot be used. */
function _validName(raw: string): string {
  let name: string;
  try {
    name = normalizeName(raw.trim());
  } catch (err) {
    if (!(err instanceof TreeError)) throw err;
    throw new ApiError(400, 'invalid_name', `“${raw}” cannot be used as a name: ${err.message}`);
  }
  if (!isPortableName(name)) {
    throw new ApiError(
      400,
      'invalid_name',
      `“${name}” cannot be used as a name: leave out \\ : * ? " < > | and do not end it with a dot or a space.`,
    );
  }
  return name;
}

/** The child of `parentId` whose name collides with `name` (case and normalization folded). */
function _holder(tree: TreeStore, parentId: number, name: string): number | undefined {
  const key = foldName(name);
  return tree.children(parentId).find((c) => foldName(tree.get(c)!.name) === key);
}

function _entry(
  node: {
    id: number;
    name: string;
    kind: 'file' | 'folder';
    size: number;
    mtime: number;
    rev: number;
  },
  state: EntryState,
): FolderEntry {
  return {
    id: node.id,
    name: node.name,
    kind: node.kind,
    size: node.size,
    mtime: node.mtime,
    rev: node.rev,
    state,
  };
}

// The namespaces this worker keeps: each one's trees, its record, and its sync on this device's files.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { Clock } from '../../shared/sync/index.ts';
import type { NamespaceRecord } from '../common/db/schema.ts';
import type { SyncStateStore } from '../common/db/sync-state-store.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import type { NamespaceEntry, TreeSummary } from '../common/sync-client/sync-api.ts';
import type { BlobTransfer } from './blob-transfer.ts';
import type { ContentApi } from './content-api.ts';
import { DeviceError, DeviceFiles } from './device-files.ts';
import { NamespaceSync } from './namespace-sync.ts';
import { NamespaceTrees } from './namespace-trees.ts';
import type { PersistedTreeOptions } from './persisted-tree.ts';
import { restoreNamespaceTrees } from './restore-namespace-trees.ts';
import { SyncFailure } from './sync-failure.ts';

export interface KeptNamespacesDeps {
  vault: TreeVault;
  state: SyncStateStore;
  /** The browser's own storage for a namespace's files, or null: then nothing syncs to files. */
  folders: ((namespaceId: string) => Promise<FileSystemDirectoryHandle>) | null;
  /** Deletes that directory. */
  dropFolder?(namespaceId: string): Promise<void>;
  clock: Clock;
  api: ContentApi;
  /** The transfer and tree options `start` chose. */
  transfer(): BlobTransfer;
  treeOptions(): PersistedTreeOptions;
  /** Something the person sees changed in a namespace: progress, or its listing. */
  onChange(namespaceId: string, kind: 'status' | 'listing'): void;
  /** A request failed because the server could not be reached. */
  onOffline(): void;
}

/**
 * Trees are kept for every namespace seen; a sync runs for each one whose record is known and
 * whose files have a place on this device. Namespaces the person left are forgotten with their
 * trees, record and files.
 */
export class KeptNamespaces {
  readonly trees = new Map<string, NamespaceTrees>();
  readonly syncs = new Map<string, NamespaceSync>();
  private _infos = new Map<string, NamespaceRecord>();

  constructor(private readonly _deps: KeptNamespacesDeps) {}

  /** The namespace's record as last listed. */
  info(namespaceId: string): NamespaceRecord | undefined {
    return this._infos.get(namespaceId);
  }

  /** The person's namespaces as last listed, with where each one's files are. */
  entries(): NamespaceEntry[] {
    return [...this._infos.values()].map(
      (info) =>
        this.syncs.get(info.id)?.entry() ?? {
          id: info.id,
          name: info.name,
          role: info.role,
          kind: info.kind,
          rootId: info.rootId,
          linkedFolder: null,
        },
    );
  }

  summaries(): TreeSummary[] {
    return [...this.trees.values()].flatMap((t) => t.summaries());
  }

  /** The stored trees back in memory; answers the names of those dropped as damaged. */
  async restore(signal: AbortSignal): Promise<string[]> {
    const restored = await restoreNamespaceTrees(
      this._deps.vault,
      this._deps.treeOptions(),
      signal,
    );
    for (const [id, trees] of restored.namespaces) this.trees.set(id, trees);
    return restored.dropped;
  }

  /** The records as last listed back, and a sync opened for each restored namespace with one. */
  async openAll(): Promise<void> {
    for (const info of await this._deps.state.namespaces()) this._infos.set(info.id, info);
    for (const [id, kept] of this.trees) {
      const info = this._infos.get(id);
      if (info) await this.open(kept, info);
    }
  }

  /** The person's namespaces as the server listed them: kept, and those not listed forgotten. */
  async listed(namespaces: NamespaceInfo[]): Promise<void> {
    const records = namespaces.map(recordOf);
    this._infos = new Map(records.map((r) => [r.id, r]));
    await this._deps.state.saveNamespaces(records);
    const listed = new Set(namespaces.map((ns) => ns.id));
    for (const [id, trees] of this.trees) {
      if (listed.has(id)) continue;
      await this.syncs.get(id)?.stop();
      this.syncs.delete(id);
      this.trees.delete(id);
      await trees.exclusive(() => trees.forget());
      await this._deps.state.deleteState(id);
      await this._deps.dropFolder?.(id).catch(() => undefined);
    }
  }

  /** The namespace's trees, anew if its root or diff key changed (the old ones forgotten). */
  async treesFor(ns: NamespaceInfo): Promise<NamespaceTrees> {
    const kept = this.trees.get(ns.id);
    if (kept && kept.diffKey === ns.diffKey && kept.rootId === ns.rootId) return kept;
    if (kept) await kept.exclusive(() => kept.forget());
    const created = await NamespaceTrees.create(this._deps.vault, ns, this._deps.treeOptions());
    this.trees.set(ns.id, created);
    return created;
  }

  /** The namespace's sync, or a clear error if it is not kept here. */
  sync(namespaceId: string): NamespaceSync {
    const sync = this.syncs.get(namespaceId);
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
   * a local tree whose browser files are gone (evicted) starts over from the server. Undefined
   * where files are not kept (`folders` null).
   */
  async open(trees: NamespaceTrees, info: NamespaceRecord): Promise<NamespaceSync | undefined> {
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
      api: this._deps.api,
      transfer: this._deps.transfer(),
      store: this._deps.state,
      clock: this._deps.clock,
      onChange: (kind) => this._deps.onChange(info.id, kind),
      onOffline: () => this._deps.onOffline(),
    });
    this.syncs.set(info.id, sync);
    if ((localBare && !empty) || state.linked !== null) {
      try {
        await sync.rescan(new AbortController().signal);
      } catch (err) {
        // A linked folder without permission: the page asks the person; sync waits.
        if (!(err instanceof DeviceError)) throw err;
        sync.progress.failed(err.message);
      }
    }
    sync.kick();
    return sync;
  }

  /** Moves a namespace to other files: its local and sync trees start over from a scan. */
  async relink(
    sync: NamespaceSync,
    linked: FileSystemDirectoryHandle | null,
  ): Promise<NamespaceSync> {
    await sync.stop();
    await sync.setState((s) => {
      s.linked = linked;
      s.conflicts = [];
      s.uploads = {};
    });
    const trees = sync.trees;
    await trees.exclusive(() => trees.resetLocal());
    this.syncs.delete(sync.namespaceId);
    const opened = await this.open(trees, sync.info);
    this._deps.onChange(sync.namespaceId, 'listing');
    return opened!;
  }

  /** Stops every sync and lets go of every tree in memory (what is stored stays). */
  async close(): Promise<void> {
    for (const sync of this.syncs.values()) await sync.stop();
    this.syncs.clear();
    for (const trees of this.trees.values()) {
      await trees.exclusive(() => trees.close()).catch(() => undefined);
    }
    this.trees.clear();
    this._infos.clear();
  }
}

/** What is kept of a namespace as the server lists it. */
export function recordOf(ns: NamespaceInfo): NamespaceRecord {
  const { id, name, role, kind, rootId, diffKey } = ns;
  return { id, name, role, kind, rootId, diffKey };
}

async function _isEmpty(dir: FileSystemDirectoryHandle): Promise<boolean> {
  for await (const _entry of dir.keys()) return false;
  return true;
}

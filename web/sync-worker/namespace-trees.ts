// A namespace's three trees (remote, local, sync), sharing one filename table, kept in the vault.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { FilenameTable, parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import type { TreeRecord, TreeRole } from '../common/db/schema.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import { PersistedTree, type PersistedTreeOptions } from './persisted-tree.ts';
import type { TreeSummary } from '../common/sync-client/sync-api.ts';

export const treeRoles: readonly TreeRole[] = ['remote', 'local', 'sync'];

export function treeName(namespaceId: string, role: TreeRole): string {
  return `${namespaceId}/${role}`;
}

type Identity = Pick<NamespaceInfo, 'id' | 'rootId' | 'diffKey'>;

/**
 * The remote tree mirrors the server; local and sync wait for the local store and the planner
 * (next part) and start as the bare root. All three intern names into one table, so a name is
 * stored once per namespace whatever the number of trees holding it. Work on a namespace runs one
 * call at a time (`exclusive`), so a pull never interleaves with another.
 */
export class NamespaceTrees {
  readonly namespaceId: string;
  readonly rootId: number;
  readonly diffKey: string;
  readonly names: FilenameTable;
  /** Undefined until the first snapshot is fetched. */
  remote: PersistedTree | undefined;
  local: PersistedTree;
  sync: PersistedTree;
  private readonly _vault: TreeVault;
  private readonly _options: PersistedTreeOptions;
  private _queue: Promise<unknown> = Promise.resolve();
  /**
   * Full SHA-256 of files, by id, as the server's answers gave them (the trees keep 64 bits):
   * downloads use them instead of asking the server for each node. Memory only, bounded; a miss
   * asks the server.
   */
  readonly hashes = new Map<number, string>();

  private constructor(
    vault: TreeVault,
    ns: Identity,
    names: FilenameTable,
    trees: Record<TreeRole, PersistedTree | undefined>,
    options: PersistedTreeOptions,
  ) {
    this._vault = vault;
    this._options = options;
    this.namespaceId = ns.id;
    this.rootId = ns.rootId;
    this.diffKey = ns.diffKey;
    this.names = names;
    this.remote = trees.remote;
    this.local = trees.local!;
    this.sync = trees.sync!;
  }

  /**
   * Restores the stored trees of one namespace (`records`, any of the three roles); a missing
   * local or sync tree starts as the bare root.
   */
  static async load(
    vault: TreeVault,
    records: TreeRecord[],
    options: PersistedTreeOptions,
  ): Promise<NamespaceTrees> {
    const first = records[0]!;
    const ns = { id: first.namespaceId, rootId: first.rootId, diffKey: first.diffKey };
    const names = new FilenameTable();
    const loaded = await Promise.all(
      treeRoles.map((role) => {
        const record = records.find((r) => r.role === role);
        return record ? PersistedTree.load(vault, record, names, options) : undefined;
      }),
    );
    const [remote, local, sync] = loaded;
    return new NamespaceTrees(
      vault,
      ns,
      names,
      {
        remote,
        local: local ?? (await bareTree(vault, ns, 'local', names, options)),
        sync: sync ?? (await bareTree(vault, ns, 'sync', names, options)),
      },
      options,
    );
  }

  /** A namespace seen for the first time: local and sync trees as the bare root, no remote yet. */
  static async create(
    vault: TreeVault,
    ns: Identity,
    options: PersistedTreeOptions,
  ): Promise<NamespaceTrees> {
    const names = new FilenameTable();
    const [local, sync] = await Promise.all([
      bareTree(vault, ns, 'local', names, options),
      bareTree(vault, ns, 'sync', names, options),
    ]);
    return new NamespaceTrees(vault, ns, names, { remote: undefined, local, sync }, options);
  }

  /** Makes `tree` (built on `names`) the remote tree at `cursor`, stored as a new snapshot. */
  async replaceRemote(tree: TreeStore, cursor: number): Promise<PersistedTree> {
    const old = this.remote;
    this.remote = await PersistedTree.create(
      this._vault,
      { ...this._identity('remote'), cursor },
      tree,
      this._options,
    );
    if (old) {
      old.close();
      old.tree.dispose();
    }
    return this.remote;
  }

  /**
   * Starts the local and sync trees over as the bare root (the device's files were lost, or the
   * namespace moves to other files): the planner then compares the remote tree with what a scan
   * finds, taking equal files as they are.
   */
  async resetLocal(): Promise<void> {
    const ns = { id: this.namespaceId, rootId: this.rootId, diffKey: this.diffKey };
    for (const role of ['local', 'sync'] as const) {
      const old = this.tree(role)!;
      // Its writes finish before the fresh tree is stored under the same name; its memory goes
      // once nothing points at it.
      old.close();
      await old.settled();
      const fresh = await bareTree(this._vault, ns, role, this.names, this._options);
      if (role === 'local') this.local = fresh;
      else this.sync = fresh;
      old.tree.dispose();
    }
  }

  /** An empty remote tree of this namespace, interning into its table (to build one into). */
  newRemoteTree(capacity: number): TreeStore {
    return new TreeStore({
      rootId: this.rootId,
      key: parseHashKey(this.diffKey),
      names: this.names,
      capacity,
    });
  }

  /** Remembers the full hashes of `nodes` (files only; at most 250,000 kept). */
  noteHashes(nodes: readonly { id: number; kind: string; hash: string }[]): void {
    for (const node of nodes) {
      if (node.kind !== 'file' || node.hash === '') continue;
      if (this.hashes.size >= 250_000) this.hashes.clear();
      this.hashes.set(node.id, node.hash);
    }
  }

  tree(role: TreeRole): PersistedTree | undefined {
    return role === 'remote' ? this.remote : role === 'local' ? this.local : this.sync;
  }

  /** Runs `work` after every earlier call on this namespace has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this._queue.catch(() => undefined).then(work);
    this._queue = next;
    return next;
  }

  summaries(): TreeSummary[] {
    return treeRoles.flatMap((role) => {
      const kept = this.tree(role);
      if (!kept) return [];
      const r = kept.record;
      return [
        {
          namespaceId: this.namespaceId,
          role,
          nodes: kept.tree.size,
          rootDiffValue: kept.tree.rootDiffValue,
          cursor: r.cursor,
          generation: r.generation,
          segments: r.segments,
          logBytes: r.logBytes,
          snapshotBytes: r.snapshotBytes,
        },
      ];
    });
  }

  /** Stops keeping the trees in memory (their stored copies stay as last saved). */
  async close(): Promise<void> {
    for (const role of treeRoles) await this.tree(role)?.release();
  }

  /** Stops keeping the trees and deletes them from the vault (the namespace was left). */
  async forget(): Promise<void> {
    await this.close();
    for (const role of treeRoles) await this._vault.deleteTree(treeName(this.namespaceId, role));
  }

  private _identity(role: TreeRole) {
    return identityOf({ id: this.namespaceId, rootId: this.rootId, diffKey: this.diffKey }, role);
  }
}

function identityOf(ns: Identity, role: TreeRole) {
  return {
    name: treeName(ns.id, role),
    namespaceId: ns.id,
    role,
    rootId: ns.rootId,
    diffKey: ns.diffKey,
    cursor: 0,
  };
}

function bareTree(
  vault: TreeVault,
  ns: Identity,
  role: TreeRole,
  names: FilenameTable,
  options: PersistedTreeOptions,
): Promise<PersistedTree> {
  const tree = new TreeStore({ rootId: ns.rootId, key: parseHashKey(ns.diffKey), names });
  return PersistedTree.create(vault, identityOf(ns, role), tree, options);
}

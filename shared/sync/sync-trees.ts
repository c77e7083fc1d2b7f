// The three trees of the sync design: remote (server state), local (device state) and sync (merge base).
import { FilenameTable, TreeStore, randomHashKey, type HashKey } from '../tree/index.ts';

/** The side an operation changes: the server's tree or the device's. */
export type SyncSide = 'remote' | 'local';

/**
 * Remote, sync and local trees sharing one filename table and one diff-value key, so names are
 * stored once and subtrees compare by value. The sync tree is the last state both sides agreed on.
 */
export interface SyncTrees {
  remote: TreeStore;
  sync: TreeStore;
  local: TreeStore;
}

export interface SyncTreesOptions {
  rootId?: number;
  key?: HashKey;
}

/** Three empty trees (roots only) with a shared filename table and key. */
export function createSyncTrees(options: SyncTreesOptions = {}): SyncTrees {
  const names = new FilenameTable();
  const key = options.key ?? randomHashKey();
  const rootId = options.rootId ?? 0;
  return {
    remote: new TreeStore({ rootId, key, names }),
    sync: new TreeStore({ rootId, key, names }),
    local: new TreeStore({ rootId, key, names }),
  };
}

/** The tree of `side`. */
export function treeOf(trees: SyncTrees, side: SyncSide): TreeStore {
  return side === 'remote' ? trees.remote : trees.local;
}

/** The side across from `side`: the seed's "opposite tree". */
export function oppositeSide(side: SyncSide): SyncSide {
  return side === 'remote' ? 'local' : 'remote';
}

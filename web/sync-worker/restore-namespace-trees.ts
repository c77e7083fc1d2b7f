// Every namespace's stored trees back in memory at start, dropping those that are damaged or incomplete.
import { TreeError } from '../../shared/tree/index.ts';
import type { TreeRecord } from '../common/db/schema.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import { NamespaceTrees } from './namespace-trees.ts';
import { TreeIncomplete, type PersistedTreeOptions } from './persisted-tree.ts';

export interface RestoredTrees {
  /** By namespace id. */
  namespaces: Map<string, NamespaceTrees>;
  /** Names of the stored trees that could not be restored and were deleted. */
  dropped: string[];
}

/**
 * Loads each namespace's trees from the vault, the namespaces side by side. A namespace whose
 * trees are damaged or incomplete is deleted from the vault: the server has the remote tree, and
 * local and sync are rebuilt by the planner; half a tree is never kept. Other failures (IndexedDB
 * itself failing) are thrown, and nothing is deleted for them.
 */
export async function restoreNamespaceTrees(
  vault: TreeVault,
  options: PersistedTreeOptions,
  signal: AbortSignal,
): Promise<RestoredTrees> {
  const records = await vault.listTrees();
  signal.throwIfAborted();
  const byNamespace = new Map<string, TreeRecord[]>();
  for (const r of records) {
    byNamespace.set(r.namespaceId, [...(byNamespace.get(r.namespaceId) ?? []), r]);
  }
  const namespaces = new Map<string, NamespaceTrees>();
  const dropped: string[] = [];
  await Promise.all(
    [...byNamespace].map(async ([id, group]) => {
      try {
        namespaces.set(id, await NamespaceTrees.load(vault, group, options));
      } catch (err) {
        if (!(err instanceof TreeError || err instanceof TreeIncomplete)) throw err;
        for (const r of group) {
          dropped.push(r.name);
          await vault.deleteTree(r.name);
        }
      }
    }),
  );
  return { namespaces, dropped };
}

// The person's view of one folder: what is on this device, each with where it stands, and what is still to come.
import type { TreeStore } from '../../shared/tree/index.ts';
import type { EntryState, FolderEntry } from '../common/sync-client/sync-api.ts';
import { folderEntry } from './folder-entry.ts';

export interface ListedTrees {
  local: TreeStore;
  sync: TreeStore;
  /** Undefined until the first snapshot is fetched. */
  remote: TreeStore | undefined;
}

/**
 * The local tree's children of `folder`, each `synced` (the remote tree has it alike), `upload`
 * or `conflict` (a conflicted copy not looked at, by id in `conflicts`), then the remote tree's
 * children not here yet (`download`), leaving out what was deleted or moved away here and waits
 * to go to the server (the sync tree still has it).
 */
export function folderListing(
  trees: ListedTrees,
  folder: number,
  conflicts: ReadonlySet<number>,
): FolderEntry[] {
  const { remote, local, sync } = trees;
  const entries: FolderEntry[] = [];
  if (local.has(folder)) {
    for (const id of local.children(folder)) {
      const node = local.get(id)!;
      const there = remote?.get(id);
      const state: EntryState = conflicts.has(id)
        ? 'conflict'
        : there &&
            there.parent === node.parent &&
            there.name === node.name &&
            there.contentHash === node.contentHash &&
            there.size === node.size
          ? 'synced'
          : 'upload';
      entries.push(folderEntry(node, state));
    }
  }
  if (remote?.has(folder)) {
    for (const id of remote.children(folder)) {
      if (local.has(id) || sync.has(id)) continue;
      entries.push(folderEntry(remote.get(id)!, 'download'));
    }
  }
  return entries;
}

// A node as the page lists it: what the trees keep of it, and where it stands.
import type { TreeNode } from '../../shared/tree/index.ts';
import type { EntryState, FolderEntry } from '../common/sync-client/sync-api.ts';

export function folderEntry(
  node: Pick<TreeNode, 'id' | 'name' | 'kind' | 'size' | 'mtime' | 'rev'>,
  state: EntryState,
): FolderEntry {
  const { id, name, kind, size, mtime, rev } = node;
  return { id, name, kind, size, mtime, rev, state };
}

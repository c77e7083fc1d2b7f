// Finds where the remote tree and the server differ by descending through /digest only where values differ.
import { TreeError, type TreeStore } from '../../shared/tree/index.ts';
import type { ContentApi } from './content-api.ts';

export interface DescentResult {
  /**
   * Ids whose data the tree lacks or holds wrong and that /digest cannot supply (it gives ids,
   * names and values, not sizes or hashes): each with its subtree, to be fetched.
   */
  refetch: number[];
  /** Nodes removed because the server no longer holds them there (subtrees counted once). */
  removed: number;
  /** Nodes moved or renamed to where the server has them. */
  moved: number;
  /** `/digest` requests made: one per folder whose value differed. */
  requests: number;
}

/**
 * Walks down from the root, asking the server for a folder's children only when the folder's
 * value differs from the tree's. At each such folder it removes the children the server does not
 * list, moves into place the listed ones the tree holds elsewhere or by another name, descends
 * into folders still differing, and lists for refetch the files still differing and the children
 * the tree does not hold at all. Equal subtrees are never visited, so the cost is the number of
 * folders on paths to differences, not the size of the tree. Folders are descended one at a time,
 * so moves between them see a consistent tree.
 */
export async function descendDigests(
  tree: TreeStore,
  api: ContentApi,
  namespaceId: string,
  signal: AbortSignal | undefined,
): Promise<DescentResult> {
  const result: DescentResult = { refetch: [], removed: 0, moved: 0, requests: 0 };
  const pending: (number | undefined)[] = [undefined]; // the root: /digest without dir
  while (pending.length > 0) {
    const dir = pending.pop();
    const answer = await api.digest(namespaceId, dir, signal);
    result.requests++;
    const folder = answer.id;
    if (tree.diffValue(folder) === answer.digest) continue;
    const listed = new Set(answer.children.map((c) => c.id));
    for (const child of tree.children(folder)) {
      if (!listed.has(child)) result.removed += tree.remove(child);
    }
    for (const child of answer.children) {
      const held = tree.get(child.id);
      if (!held) {
        result.refetch.push(child.id);
        continue;
      }
      if (held.parent !== folder || held.name !== child.name) {
        try {
          tree.move(child.id, folder, child.name);
          result.moved++;
        } catch (err) {
          // Another node holds the name for now, or the folder sits inside it here: fetch it whole.
          if (!(err instanceof TreeError)) throw err;
          result.refetch.push(child.id);
          continue;
        }
      }
      if (tree.diffValue(child.id) === child.digest) continue;
      if (held.kind === 'folder') pending.push(child.id);
      else result.refetch.push(child.id);
    }
  }
  return result;
}

// The folders from a namespace's root down to one node, for the page's breadcrumbs.
import type { ListedTrees } from './folder-listing.ts';

/**
 * The folders from the root down to node `id`, `id` last, from the local tree (or the remote one
 * for a node not here yet); the root is named `rootName`. Undefined when neither tree has it.
 */
export function breadcrumbs(
  trees: ListedTrees,
  id: number,
  rootName: string,
): { id: number; name: string }[] | undefined {
  const { remote, local } = trees;
  const tree = local.has(id) ? local : remote?.has(id) ? remote : undefined;
  if (!tree) return undefined;
  const path: { id: number; name: string }[] = [];
  for (
    let node = tree.get(id);
    node;
    node = node.parent === null ? undefined : tree.get(node.parent)
  ) {
    path.push({ id: node.id, name: node.parent === null ? rootName : node.name });
  }
  return path.reverse();
}

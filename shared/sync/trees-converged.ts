// Whether the three trees hold the same paths with the same kinds and content: the end state of sync.
import type { TreeStore } from '../tree/index.ts';
import type { SyncTrees } from './sync-trees.ts';

/** Every path of `tree` with its kind and content hash, one line each, sorted. */
export function pathListing(tree: TreeStore): string[] {
  const lines: string[] = [];
  const stack = [tree.rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const child of tree.children(id)) {
      const node = tree.get(child)!;
      const hash = node.kind === 'file' ? ` ${node.contentHash}` : '';
      lines.push(`${tree.pathOf(child)}\t${node.kind}${hash}`);
      if (node.kind === 'folder') stack.push(child);
    }
  }
  return lines.sort();
}

/** True when remote, sync and local hold the same paths with the same kinds and hashes. */
export function treesConverged(trees: SyncTrees): boolean {
  const remote = pathListing(trees.remote).join('\n');
  return (
    remote === pathListing(trees.sync).join('\n') && remote === pathListing(trees.local).join('\n')
  );
}

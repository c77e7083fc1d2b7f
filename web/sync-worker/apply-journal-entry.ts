// Applies one journal entry (or a node read from a snapshot) to the remote tree, as "set this node".
import type { ContentNode, JournalEntry } from '../../shared/api/content.ts';
import type { TreeStore } from '../../shared/tree/index.ts';
import { nodeInputOf } from '../../shared/api/node-input-of.ts';

/**
 * Makes the tree hold `entry.node` as the journal says it is after the entry: added, moved,
 * renamed or edited to match whatever the tree held before, or removed (with its subtree) for a
 * delete. Setting state rather than replaying the operation makes it safe to apply an entry twice,
 * which the repair relies on. Throws the tree engine's TreeError when the node cannot be placed
 * (its parent is missing, or the name is taken): the tree has diverged from the server.
 */
export function applyJournalEntry(tree: TreeStore, entry: Pick<JournalEntry, 'op' | 'node'>): void {
  const { node } = entry;
  if (entry.op === 'delete') {
    if (tree.has(node.id)) tree.remove(node.id);
    return;
  }
  placeNode(tree, node);
}

/** Adds `node`, or moves and edits the node of that id until it matches. The root is left as it is. */
export function placeNode(tree: TreeStore, node: ContentNode): void {
  if (node.parentId === null) return;
  const input = nodeInputOf({ ...node, parentId: node.parentId });
  const held = tree.get(node.id);
  if (!held) {
    tree.add(input);
    return;
  }
  if (held.parent !== input.parent || held.name !== input.name) {
    tree.move(node.id, input.parent, input.name);
  }
  const contentHash = (input.contentHash ?? '').slice(0, 16).padEnd(16, '0');
  if (
    held.kind !== input.kind ||
    held.size !== input.size ||
    held.contentHash !== contentHash ||
    held.mtime !== input.mtime ||
    held.rev !== input.rev
  ) {
    tree.edit(node.id, {
      kind: input.kind,
      size: input.size,
      contentHash: input.contentHash ?? '0'.repeat(16),
      mtime: input.mtime,
      rev: input.rev,
    });
  }
}

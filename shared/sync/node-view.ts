// Small comparisons of one node across trees: where it is and what it holds.
import type { TreeNode } from '../tree/index.ts';
import type { NodeContent, NodeLocation } from './sync-operation.ts';

export function sameLocation(a: NodeLocation, b: NodeLocation): boolean {
  return a.parent === b.parent && a.name === b.name;
}

export function sameContent(a: NodeContent, b: NodeContent): boolean {
  return a.kind === b.kind && a.size === b.size && a.contentHash === b.contentHash;
}

export function locationOf(node: TreeNode): NodeLocation {
  return { parent: node.parent!, name: node.name };
}

export function contentOf(node: TreeNode): NodeContent {
  return { kind: node.kind, size: node.size, contentHash: node.contentHash };
}

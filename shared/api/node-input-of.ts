// A content-service node as the tree engine takes it: the one conversion the server and clients share.
import type { ContentNode } from './content.ts';
import type { NodeInput } from '../tree/index.ts';

const maxUint32 = 0xffffffff;

/** A node's mtime (ms since the epoch) as the tree keeps it: whole seconds in 0 … 2^32−1. */
export function treeMtime(ms: number): number {
  return Math.min(maxUint32, Math.max(0, Math.floor(ms / 1000)));
}

/**
 * The tree engine's input for `node` under its parent. The server (server/content) and the sync
 * worker both build their trees with it, so their nodes agree field for field: the hashed ones (id,
 * parent, kind, name, size, the content hash's first 64 bits) and mtime in whole seconds, which the
 * tree keeps but does not hash. The root (no parent) is never added: the tree is made with its id.
 */
export function nodeInputOf(node: ContentNode & { parentId: number }): NodeInput {
  return {
    id: node.id,
    parent: node.parentId,
    name: node.name,
    kind: node.kind === 'dir' ? 'folder' : 'file',
    size: node.size,
    contentHash: node.hash || undefined,
    mtime: treeMtime(node.mtime),
    rev: node.rev,
  };
}

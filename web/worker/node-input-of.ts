// A content-service node as the tree engine takes it, exactly as the server builds its own tree.
import type { ContentNode } from '../../shared/api/content.ts';
import type { NodeInput } from '../../shared/tree/index.ts';

const maxUint32 = 0xffffffff;

/**
 * The tree engine's input for `node` under its parent. Must match `server/content` field for
 * field (kind, size, the hash's first 64 bits, mtime in seconds), or diff values would differ from
 * the server's digests. The root (no parent) is never added: the tree is made with its id.
 */
export function nodeInputOf(node: ContentNode & { parentId: number }): NodeInput {
  return {
    id: node.id,
    parent: node.parentId,
    name: node.name,
    kind: node.kind === 'dir' ? 'folder' : 'file',
    size: node.size,
    contentHash: node.hash || undefined,
    mtime: Math.min(maxUint32, Math.floor(node.mtime / 1000)),
    rev: node.rev,
  };
}

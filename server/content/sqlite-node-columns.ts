// A row of the `nodes` table as SQLite returns it, and the contract's node it stands for.
import type { ContentNode } from '../../shared/api/content.ts';

export interface NodeColumns {
  id: number;
  ns_id: string;
  parent_id: number | null;
  name: string;
  kind: 'file' | 'dir';
  size: number;
  hash: string;
  rev: number;
  mtime: number;
}

export function contentNode(row: NodeColumns): ContentNode {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    size: row.size,
    hash: row.hash,
    rev: row.rev,
    mtime: row.mtime,
  };
}

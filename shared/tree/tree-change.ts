// One difference between two trees, per file id, as the seed's planner takes it.

/**
 * From tree `a` (e.g. the sync tree) to tree `b` (e.g. the remote tree): `add` — the id is only
 * in b; `delete` — only in a; `edit` — in both, kind, size or content hash differs; `move` — in
 * both, parent or name differs. A node both moved and edited gives two changes.
 */
export interface TreeChange {
  type: 'add' | 'delete' | 'edit' | 'move';
  id: number;
}

// The order unblocked work is taken in: bookkeeping, then deletes, moves, folders, and small files first.
import type { SyncOperation } from './sync-operation.ts';

/**
 * Lower runs first. Deletes come before adds so space is freed first (the largest file first);
 * moves and renames next, then folders, then content transfers, smallest first so the count of
 * items synced climbs fastest (the seed's rank rules). Sync-tree records cost nothing and go first.
 */
function _rank(operation: SyncOperation): number {
  if (operation.side === 'sync') return 0;
  switch (operation.type) {
    case 'delete':
      return 1;
    case 'move':
    case 'keepConflictedCopy':
    case 'adopt':
      return 2;
    case 'createFolder':
    case 'add':
      return 3;
    default:
      return 4;
  }
}

function _size(operation: SyncOperation): number {
  if ('content' in operation) return operation.content.size;
  return operation.type === 'delete' ? operation.size : 0;
}

/** Comparator for Array.sort: by rank, then size (deletes largest first, transfers smallest first), then key. */
export function compareOperations(a: SyncOperation, b: SyncOperation): number {
  const rank = _rank(a) - _rank(b);
  if (rank !== 0) return rank;
  const size = _rank(a) === 1 ? _size(b) - _size(a) : _size(a) - _size(b);
  if (size !== 0) return size;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

// Incremental diff: the changes between two trees for a list of modified ids, no tree walk needed.
import { _compareOwnFields } from './diff-trees.ts';
import type { TreeChange } from './tree-change.ts';
import { NO_SLOT, type TreeStore } from './tree-store.ts';

/**
 * The changes from `a` to `b` among the nodes in `modifiedIds` (say, the ids a journal entry
 * touched): the input of the seed's incremental planner. Each id gets the seed's checks (in one
 * tree only; metadata differs; parent or name differs). A listed folder that is gone brings its
 * descendants with it (deleted too, or moved if they are still in b), and a listed folder that is
 * new brings its new descendants, since journals name a subtree by its top. Each id is reported
 * once however often it is listed. Costs O(listed ids + their new or gone descendants).
 */
export function diffModified(
  a: TreeStore,
  b: TreeStore,
  modifiedIds: Iterable<number>,
): TreeChange[] {
  const changes: TreeChange[] = [];
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const listed of modifiedIds) {
    stack.push(listed);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const sa = a._slotOf(id);
      const sb = b._slotOf(id);
      if (sa !== NO_SLOT && sb !== NO_SLOT) {
        _compareOwnFields(a, sa, b, sb, changes);
      } else if (sa !== NO_SLOT) {
        changes.push({ type: 'delete', id });
        for (let c = a._firstChild[sa]!; c !== NO_SLOT; c = a._nextSibling[c]!) {
          stack.push(a._ids[c]! >>> 0);
        }
      } else if (sb !== NO_SLOT) {
        changes.push({ type: 'add', id });
        for (let c = b._firstChild[sb]!; c !== NO_SLOT; c = b._nextSibling[c]!) {
          stack.push(b._ids[c]! >>> 0);
        }
      }
    }
  }
  return changes;
}

// The plain way to diff two trees: every node of each looked up in the other. Reference and baseline.
import { _compareOwnFields } from './diff-trees.ts';
import { KIND_FREE } from './kind-code.ts';
import type { TreeChange } from './tree-change.ts';
import { NO_SLOT, type TreeStore } from './tree-store.ts';

/**
 * The same changes as `diffTrees` (in another order), found without diff values: each node of `a`
 * is looked up in `b` by id and compared field by field, then each node of `b` is looked up in
 * `a` to find the adds. O(nodes of both), whatever changed; the baseline the top-down diff is
 * measured against, and an independent check of it in tests.
 */
export function compareNodeByNode(a: TreeStore, b: TreeStore): TreeChange[] {
  const changes: TreeChange[] = [];
  for (let sa = 0; sa < a._highWater; sa++) {
    if (a._kinds[sa] === KIND_FREE) continue;
    const sb = b._slotOf(a._ids[sa]!);
    if (sb === NO_SLOT) changes.push({ type: 'delete', id: a._ids[sa]! >>> 0 });
    else _compareOwnFields(a, sa, b, sb, changes);
  }
  for (let sb = 0; sb < b._highWater; sb++) {
    if (b._kinds[sb] === KIND_FREE) continue;
    if (a._slotOf(b._ids[sb]!) === NO_SLOT) changes.push({ type: 'add', id: b._ids[sb]! >>> 0 });
  }
  return changes;
}

// Recomputes every diff value from scratch and reports the nodes whose kept value disagrees.
import { KIND_FREE } from './kind-code.ts';
import { NO_SLOT, type TreeStore } from './tree-store.ts';

/**
 * Ids of the nodes whose diff value differs from own hash XOR children's values recomputed from
 * nothing; empty when the O(depth) updates kept every value right. O(nodes): for tests, and for
 * checking a tree restored from storage when its source is not trusted.
 */
export function verifyDiffValues(tree: TreeStore): number[] {
  const slots = tree._highWater;
  const high = new Int32Array(slots);
  const low = new Int32Array(slots);
  // Parents come before children in this order, so folding it backwards sums children first.
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const s = stack.pop()!;
    order.push(s);
    const own = tree._ownHash(s);
    low[s] = own[0]!;
    high[s] = own[1]!;
    for (let c = tree._firstChild[s]!; c !== NO_SLOT; c = tree._nextSibling[c]!) stack.push(c);
  }
  for (let i = order.length - 1; i > 0; i--) {
    const s = order[i]!;
    const parent = tree._parents[s]!;
    high[parent]! ^= high[s]!;
    low[parent]! ^= low[s]!;
  }
  const wrong: number[] = [];
  for (const s of order) {
    if (tree._kinds[s] === KIND_FREE) continue;
    if (high[s] !== tree._diffHigh[s] || low[s] !== tree._diffLow[s])
      wrong.push(tree._ids[s]! >>> 0);
  }
  return wrong;
}

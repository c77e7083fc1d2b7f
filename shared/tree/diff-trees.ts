// Top-down tree diff: descend only where diff values differ, report add/delete/edit/move per file id.
import { sameHashKey } from './hash-key.ts';
import { TreeError } from './tree-error.ts';
import type { TreeChange } from './tree-change.ts';
import { NO_SLOT, type TreeStore } from './tree-store.ts';

/** Work items on the stack: a node in both trees, one only in a, one only in b. */
const PAIR = 0;
const ONLY_A = 1;
const ONLY_B = 2;

/**
 * The changes from tree `a` to tree `b` (see TreeChange), found top-down as the seed describes:
 * a node whose diff value is the same in both trees has the same subtree in both (all but surely:
 * values are keyed 64-bit hashes) and is skipped whole, so the work follows the changed paths, not
 * the tree size. Children are walked side by side and looked up by id only where the two lists
 * stop agreeing. Both trees must share a key (`key_mismatch` otherwise).
 *
 * Every changed node of `a` is reached from a's side (its ancestors' values all differ, or one is
 * gone from b), so deletes, moves and edits are reported from there; b's side only reports adds,
 * and skips nodes a's side will reach.
 */
export function diffTrees(a: TreeStore, b: TreeStore): TreeChange[] {
  if (!sameHashKey(a.key, b.key)) {
    throw new TreeError('key_mismatch', 'Trees with different keys have incomparable values.');
  }
  const changes: TreeChange[] = [];
  const aIds = a._ids;
  const bIds = b._ids;
  const aDiffHigh = a._diffHigh;
  const aDiffLow = a._diffLow;
  const bDiffHigh = b._diffHigh;
  const bDiffLow = b._diffLow;
  const aFirst = a._firstChild;
  const bFirst = b._firstChild;
  const aNext = a._nextSibling;
  const bNext = b._nextSibling;
  const aParents = a._parents;
  const bParents = b._parents;
  const sameValue = (sa: number, sb: number) =>
    aDiffLow[sa] === bDiffLow[sb] && aDiffHigh[sa] === bDiffHigh[sb];

  const stack: number[] = [];
  if (aIds[0] === bIds[0]) stack.push(PAIR, 0, 0);
  else stack.push(ONLY_A, 0, NO_SLOT, ONLY_B, NO_SLOT, 0);

  while (stack.length > 0) {
    const sb = stack.pop()!;
    const sa = stack.pop()!;
    const what = stack.pop()!;

    if (what === ONLY_A) {
      changes.push({ type: 'delete', id: aIds[sa]! >>> 0 });
      for (let ca = aFirst[sa]!; ca !== NO_SLOT; ca = aNext[ca]!) {
        const cb = b._slotOf(aIds[ca]!);
        // Still in b, under another parent: moved out of the deleted folder.
        if (cb === NO_SLOT) stack.push(ONLY_A, ca, NO_SLOT);
        else stack.push(PAIR, ca, cb);
      }
      continue;
    }
    if (what === ONLY_B) {
      changes.push({ type: 'add', id: bIds[sb]! >>> 0 });
      for (let cb = bFirst[sb]!; cb !== NO_SLOT; cb = bNext[cb]!) {
        // A child also in a was moved here; a's side reports it.
        if (a._slotOf(bIds[cb]!) === NO_SLOT) stack.push(ONLY_B, NO_SLOT, cb);
      }
      continue;
    }

    if (sameValue(sa, sb)) continue;
    _compareOwnFields(a, sa, b, sb, changes);

    // Walk both child lists side by side; where they disagree, look the heads up by id. A child
    // met early in b but later in a's list (reordered) is paired at once and skipped when reached.
    let pairedAhead: Set<number> | undefined;
    let ca = aFirst[sa]!;
    let cb = bFirst[sb]!;
    while (ca !== NO_SLOT || cb !== NO_SLOT) {
      if (ca !== NO_SLOT && cb !== NO_SLOT && aIds[ca] === bIds[cb]) {
        if (!sameValue(ca, cb)) stack.push(PAIR, ca, cb);
        ca = aNext[ca]!;
        cb = bNext[cb]!;
        continue;
      }
      if (ca !== NO_SLOT && pairedAhead?.has(ca)) {
        ca = aNext[ca]!;
        continue;
      }
      let laterInA = NO_SLOT;
      if (cb !== NO_SLOT) {
        const inA = a._slotOf(bIds[cb]!);
        if (inA === NO_SLOT) {
          stack.push(ONLY_B, NO_SLOT, cb);
          cb = bNext[cb]!;
          continue;
        }
        if (aParents[inA] !== sa) {
          cb = bNext[cb]!; // moved in from elsewhere: a's side pairs it
          continue;
        }
        laterInA = inA;
      }
      if (ca !== NO_SLOT) {
        const inB = b._slotOf(aIds[ca]!);
        if (inB === NO_SLOT) {
          stack.push(ONLY_A, ca, NO_SLOT);
          ca = aNext[ca]!;
          continue;
        }
        if (bParents[inB] !== sb) {
          stack.push(PAIR, ca, inB); // moved out to elsewhere
          ca = aNext[ca]!;
          continue;
        }
      }
      // Both heads stay in this folder in both trees, in another order: pair b's head now.
      if (!sameValue(laterInA, cb)) stack.push(PAIR, laterInA, cb);
      (pairedAhead ??= new Set()).add(laterInA);
      cb = bNext[cb]!;
    }
  }
  return changes;
}

/** Reports `move` and/or `edit` for a node present in both trees, by the seed's checks. */
export function _compareOwnFields(
  a: TreeStore,
  sa: number,
  b: TreeStore,
  sb: number,
  changes: TreeChange[],
): void {
  const id = a._ids[sa]! >>> 0;
  const pa = a._parents[sa]!;
  const pb = b._parents[sb]!;
  const parentMoved =
    (pa === NO_SLOT) !== (pb === NO_SLOT) || (pa !== NO_SLOT && a._ids[pa] !== b._ids[pb]);
  const na = a._nameOffsets[sa]!;
  const nb = b._nameOffsets[sb]!;
  const renamed =
    (na === NO_SLOT) !== (nb === NO_SLOT) || (na !== NO_SLOT && !a.names.sameName(na, b.names, nb));
  if (parentMoved || renamed) changes.push({ type: 'move', id });
  if (
    a._kinds[sa] !== b._kinds[sb] ||
    a._sizeLow[sa] !== b._sizeLow[sb] ||
    a._sizeHigh[sa] !== b._sizeHigh[sb] ||
    a._hashLow[sa] !== b._hashLow[sb] ||
    a._hashHigh[sa] !== b._hashHigh[sb]
  ) {
    changes.push({ type: 'edit', id });
  }
}

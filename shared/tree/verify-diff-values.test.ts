import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAll, operationArbitrary } from './tree-operations.fixture.ts';
import { TreeStore } from './tree-store.ts';
import { verifyDiffValues } from './verify-diff-values.ts';

describe('verifyDiffValues', () => {
  it('finds every diff value equal to its from-scratch value after any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(operationArbitrary, { maxLength: 150 }), (operations) => {
        const tree = new TreeStore();
        applyAll(tree, operations);
        expect(verifyDiffValues(tree)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('reports a node whose kept value was tampered with, and its ancestors stay correct', () => {
    const tree = new TreeStore({ rootId: 1 });
    tree.add({ id: 2, parent: 1, name: 'docs', kind: 'folder' });
    tree.add({ id: 3, parent: 2, name: 'a.txt', kind: 'file', size: 5 });
    tree._diffLow[tree._slotOf(3)]! ^= 1;
    expect(verifyDiffValues(tree)).toEqual([3]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNodeByNode } from './compare-node-by-node.ts';
import { diffModified } from './diff-modified.ts';
import { diffTrees } from './diff-trees.ts';
import { FilenameTable } from './filename-table.ts';
import { parseHashKey } from './hash-key.ts';
import { applyAll, operationArbitrary } from './tree-operations.fixture.ts';
import type { TreeChange } from './tree-change.ts';
import { TreeStore } from './tree-store.ts';

const sorted = (changes: TreeChange[]) =>
  changes.map((c) => `${c.type} ${c.id}`).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/** The changes from a to b by definition, through the public API only. */
function changesByDefinition(a: TreeStore, b: TreeStore): TreeChange[] {
  const changes: TreeChange[] = [];
  for (const id of a.ids()) {
    const before = a.get(id)!;
    const after = b.get(id);
    if (after === undefined) {
      changes.push({ type: 'delete', id });
      continue;
    }
    if (before.parent !== after.parent || before.name !== after.name) {
      changes.push({ type: 'move', id });
    }
    if (
      before.kind !== after.kind ||
      before.size !== after.size ||
      before.contentHash !== after.contentHash
    ) {
      changes.push({ type: 'edit', id });
    }
  }
  for (const id of b.ids()) if (!a.has(id)) changes.push({ type: 'add', id });
  return changes;
}

const key = parseHashKey('000102030405060708090a0b0c0d0e0f');

function smallTree(): TreeStore {
  const tree = new TreeStore({ rootId: 1, key });
  tree.add({ id: 2, parent: 1, name: 'docs', kind: 'folder' });
  tree.add({ id: 3, parent: 2, name: 'a.txt', kind: 'file', size: 10 });
  tree.add({ id: 4, parent: 2, name: 'b.txt', kind: 'file', size: 20 });
  tree.add({ id: 5, parent: 1, name: 'photos', kind: 'folder' });
  tree.add({ id: 6, parent: 5, name: 'cat.jpg', kind: 'file', size: 30 });
  tree.add({ id: 7, parent: 5, name: 'old', kind: 'folder' });
  tree.add({ id: 8, parent: 7, name: 'dog.jpg', kind: 'file', size: 40 });
  return tree;
}

describe('diffTrees', () => {
  it('reports nothing for a copy', () => {
    const a = smallTree();
    expect(diffTrees(a, a.clone())).toEqual([]);
  });

  it('reports one add, delete, edit and move, each by file id', () => {
    const a = smallTree();
    const b = a.clone();
    b.add({ id: 9, parent: 2, name: 'c.txt', kind: 'file', size: 1 });
    b.remove(4);
    b.edit(6, { size: 31, contentHash: 'ffffffffffffffff' });
    b.move(3, 5, 'a-moved.txt');
    expect(sorted(diffTrees(a, b))).toEqual(['add 9', 'delete 4', 'edit 6', 'move 3']);
  });

  it('reports every node of a removed folder, except one moved out of it first', () => {
    const a = smallTree();
    const b = a.clone();
    b.move(8, 2);
    b.remove(5);
    expect(sorted(diffTrees(a, b))).toEqual(['delete 5', 'delete 6', 'delete 7', 'move 8']);
  });

  it('reports a rename in place as a move and a node both moved and edited twice', () => {
    const a = smallTree();
    const b = a.clone();
    b.rename(4, 'B.txt');
    b.move(6, 2);
    b.edit(6, { size: 99 });
    expect(sorted(diffTrees(a, b))).toEqual(['edit 6', 'move 4', 'move 6']);
  });

  it('skips subtrees whose diff values match without looking inside them', () => {
    const a = smallTree();
    const b = a.clone();
    b.edit(3, { size: 11 });
    // Corrupt a node under the unchanged folder 5 in b only: a top-down diff never reads it.
    b._sizeLow[b._slotOf(8)] = 12345;
    expect(sorted(diffTrees(a, b))).toEqual(['edit 3']);
    expect(sorted(compareNodeByNode(a, b))).toEqual(['edit 3', 'edit 8']);
  });

  it('pairs children that sit in another order in each tree', () => {
    const a = smallTree();
    const b = a.clone();
    b.move(3, 5);
    b.move(3, 2); // back where it was, but now first in the folder's list
    expect(b.children(2)).not.toEqual(a.children(2));
    b.edit(4, { size: 21 });
    b.edit(3, { size: 11 });
    expect(sorted(diffTrees(a, b))).toEqual(['edit 3', 'edit 4']);
  });

  it('refuses trees under different keys', () => {
    const other = new TreeStore({ rootId: 1 });
    expect(() => diffTrees(smallTree(), other)).toThrow(
      expect.objectContaining({ code: 'key_mismatch' }),
    );
  });

  it('compares names by their text when the trees have separate filename tables', () => {
    const a = smallTree();
    const b = new TreeStore({ rootId: 1, key, names: new FilenameTable() });
    b.add({ id: 5, parent: 1, name: 'photos', kind: 'folder' });
    b.add({ id: 2, parent: 1, name: 'docs', kind: 'folder' });
    b.add({ id: 4, parent: 2, name: 'b.txt', kind: 'file', size: 20 });
    b.add({ id: 3, parent: 2, name: 'a.txt', kind: 'file', size: 10 });
    b.add({ id: 6, parent: 5, name: 'cat.jpg', kind: 'file', size: 30 });
    b.add({ id: 7, parent: 5, name: 'old', kind: 'folder' });
    b.add({ id: 8, parent: 7, name: 'dog.jpg', kind: 'file', size: 40 });
    expect(b.rootDiffValue).toBe(a.rootDiffValue);
    expect(diffTrees(a, b)).toEqual([]);
    b.rename(8, 'wolf.jpg');
    expect(sorted(diffTrees(a, b))).toEqual(['move 8']);
  });

  it('reports exactly the changes applied to a copy, for any operations', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { minLength: 20, maxLength: 150 }),
        fc.array(operationArbitrary, { maxLength: 30 }),
        (build, change) => {
          const a = new TreeStore({ key });
          const nextId = { value: 1 };
          applyAll(a, build, nextId);
          const b = a.clone();
          const touched = applyAll(b, change, nextId);
          const expected = sorted(changesByDefinition(a, b));
          expect(sorted(diffTrees(a, b))).toEqual(expected);
          expect(sorted(compareNodeByNode(a, b))).toEqual(expected);
          expect(sorted(diffModified(a, b, touched))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('diffModified', () => {
  it('checks only the listed ids', () => {
    const a = smallTree();
    const b = a.clone();
    b.edit(3, { size: 11 });
    b.edit(4, { size: 21 });
    expect(sorted(diffModified(a, b, [3]))).toEqual(['edit 3']);
  });

  it('brings the descendants of a listed folder that is gone or new', () => {
    const a = smallTree();
    const b = a.clone();
    b.move(8, 1);
    b.remove(5);
    b.add({ id: 10, parent: 1, name: 'new', kind: 'folder' });
    b.add({ id: 11, parent: 10, name: 'n.txt', kind: 'file' });
    expect(sorted(diffModified(a, b, [5, 10, 5]))).toEqual([
      'add 10',
      'add 11',
      'delete 5',
      'delete 6',
      'delete 7',
      'move 8',
    ]);
  });
});

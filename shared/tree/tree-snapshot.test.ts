import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffTrees } from './diff-trees.ts';
import { FilenameTable } from './filename-table.ts';
import { applyAll, operationArbitrary } from './tree-operations.fixture.ts';
import { TreeStore } from './tree-store.ts';
import { deserializeTree, serializeTree } from './tree-snapshot.ts';
import { verifyDiffValues } from './verify-diff-values.ts';

function everything(tree: TreeStore) {
  return tree
    .ids()
    .sort((a, b) => a - b)
    .map((id) => ({ ...tree.get(id), children: tree.children(id), value: tree.diffValue(id) }));
}

describe('serializeTree / deserializeTree', () => {
  it('restores any tree exactly: nodes, child order, names, key and diff values', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { maxLength: 120 }),
        fc.integer({ min: 1, max: 7 }),
        (ops, perChunk) => {
          const tree = new TreeStore({ rootId: 0 });
          applyAll(tree, ops);
          const buffers = serializeTree(tree, { nodesPerChunk: perChunk });
          expect(buffers).toHaveLength(1 + Math.ceil(tree.size / perChunk));
          const copy = deserializeTree(buffers);
          expect(everything(copy)).toEqual(everything(tree));
          expect(copy.key).toEqual(tree.key);
          expect(diffTrees(tree, copy)).toEqual([]);
          expect(verifyDiffValues(copy)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stores only the names the tree still uses', () => {
    const names = new FilenameTable();
    names.intern('someone-elses-name');
    const tree = new TreeStore({ names });
    tree.add({ id: 1, parent: 0, name: 'mine', kind: 'file' });
    const [header] = serializeTree(tree);
    expect(header!.byteLength).toBe(48 + 'mine'.length + 1);
  });

  it('can restore into a shared filename table, holding each name once per node', () => {
    const tree = new TreeStore();
    tree.add({ id: 1, parent: 0, name: 'shared.txt', kind: 'file' });
    tree.add({ id: 2, parent: 0, name: 'dir', kind: 'folder' });
    tree.add({ id: 3, parent: 2, name: 'shared.txt', kind: 'file' });
    const names = new FilenameTable();
    names.intern('already-here');
    const copy = deserializeTree(serializeTree(tree), { names });
    expect(copy.names).toBe(names);
    expect(copy.pathOf(3)).toBe('dir/shared.txt');
    expect(names.holdersOf(names.find('shared.txt'))).toBe(2);
    expect(copy.rootDiffValue).toBe(tree.rootDiffValue);
  });

  it('refuses damaged, missing or foreign buffers with snapshot_invalid', () => {
    const tree = new TreeStore();
    tree.add({ id: 1, parent: 0, name: 'a', kind: 'file', size: 3 });
    tree.add({ id: 2, parent: 0, name: 'b', kind: 'file', size: 4 });
    const invalid = expect.objectContaining({ code: 'snapshot_invalid' });
    const buffers = serializeTree(tree, { nodesPerChunk: 2 });
    expect(() => deserializeTree(buffers.slice(0, 2))).toThrow(invalid);
    expect(() => deserializeTree([new ArrayBuffer(8)])).toThrow(invalid);
    const damaged = buffers.map((b) => b.slice(0));
    new Uint8Array(damaged[1]!)[30]! ^= 0x40;
    expect(() => deserializeTree(damaged)).toThrow(invalid);
    const swapped = [buffers[0]!, buffers[2]!, buffers[1]!];
    expect(() => deserializeTree(swapped)).toThrow(invalid);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from './change-log.ts';
import { diffTrees } from './diff-trees.ts';
import { applyAll, operationArbitrary } from './tree-operations.fixture.ts';
import { TreeStore } from './tree-store.ts';
import { deserializeTree, serializeTree } from './tree-snapshot.ts';

describe('ChangeLog', () => {
  it('brings the last snapshot up to date with the changes made since', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { maxLength: 60 }),
        fc.array(operationArbitrary, { maxLength: 40 }),
        (before, after) => {
          const tree = new TreeStore();
          const nextId = { value: 1 };
          applyAll(tree, before, nextId);
          const snapshot = serializeTree(tree);
          const log = tree.startChangeLog();
          applyAll(tree, after, nextId);
          const restored = deserializeTree(snapshot);
          ChangeLog.replay(log.toArrayBuffer(), restored);
          expect(restored.rootDiffValue).toBe(tree.rootDiffValue);
          expect(diffTrees(tree, restored)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes a few bytes per change', () => {
    const tree = new TreeStore();
    const log = tree.startChangeLog();
    tree.add({ id: 1, parent: 0, name: 'notes.txt', kind: 'file', size: 1200 });
    tree.edit(1, { size: 1300, contentHash: '0123456789abcdef' });
    tree.rename(1, 'n.txt');
    tree.remove(1);
    expect(log.operationCount).toBe(4);
    expect(log.byteLength).toBeLessThan(28 + 80);
  });

  it('refuses a tree that is not the snapshot the log started from', () => {
    const tree = new TreeStore();
    const log = tree.startChangeLog();
    tree.add({ id: 1, parent: 0, name: 'x', kind: 'file' });
    const other = deserializeTree(serializeTree(tree));
    expect(() => ChangeLog.replay(log.toArrayBuffer(), other)).toThrow(
      expect.objectContaining({ code: 'log_base_mismatch' }),
    );
  });

  it('refuses a damaged log', () => {
    const tree = new TreeStore();
    const snapshot = serializeTree(tree);
    const log = tree.startChangeLog();
    tree.add({ id: 1, parent: 0, name: 'x', kind: 'file', size: 5 });
    const bytes = new Uint8Array(log.toArrayBuffer());
    bytes[bytes.length - 3]! ^= 0x01;
    expect(() => ChangeLog.replay(bytes.buffer, deserializeTree(snapshot))).toThrow(
      expect.objectContaining({ code: 'log_invalid' }),
    );
  });
});

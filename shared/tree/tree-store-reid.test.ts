import { describe, expect, it } from 'vitest';
import { ChangeLog } from './change-log.ts';
import { diffTrees } from './diff-trees.ts';
import { codeOf } from './code-of.fixture.ts';
import { parseHashKey } from './hash-key.ts';
import { TreeStore } from './tree-store.ts';
import { deserializeTree, serializeTree } from './tree-snapshot.ts';
import { verifyDiffValues } from './verify-diff-values.ts';

const key = parseHashKey('00112233445566778899aabbccddeeff');

function sample(rootId = 100): TreeStore {
  const tree = new TreeStore({ rootId, key });
  tree.add({ id: 1, parent: rootId, name: 'src', kind: 'folder' });
  tree.add({ id: 2, parent: 1, name: 'main.ts', kind: 'file', size: 9 });
  tree.add({ id: 3, parent: 1, name: 'lib', kind: 'folder' });
  tree.add({ id: 4, parent: 3, name: 'a.ts', kind: 'file', contentHash: 'abcdef0123456789' });
  return tree;
}

describe('TreeStore.reid', () => {
  it('gives a folder a new id and keeps its children, name and values exact', () => {
    const tree = sample();
    tree.reid(1, 77);
    expect(tree.has(1)).toBe(false);
    expect(tree.get(77)).toMatchObject({ parent: 100, name: 'src', kind: 'folder' });
    expect(tree.get(2)!.parent).toBe(77);
    expect(tree.pathOf(4)).toBe('src/lib/a.ts');
    expect(verifyDiffValues(tree)).toEqual([]);

    // The same tree built with the new id from the start has the same values.
    const built = new TreeStore({ rootId: 100, key });
    built.add({ id: 77, parent: 100, name: 'src', kind: 'folder' });
    built.add({ id: 3, parent: 77, name: 'lib', kind: 'folder' });
    built.add({ id: 4, parent: 3, name: 'a.ts', kind: 'file', contentHash: 'abcdef0123456789' });
    built.add({ id: 2, parent: 77, name: 'main.ts', kind: 'file', size: 9 });
    expect(tree.rootDiffValue).toBe(built.rootDiffValue);
    expect(diffTrees(built, tree)).toEqual([]);
  });

  it('refuses the root, a taken id and an unknown id', () => {
    const tree = sample();
    expect(codeOf(() => tree.reid(100, 5))).toBe('root_immutable');
    expect(codeOf(() => tree.reid(1, 2))).toBe('id_exists');
    expect(codeOf(() => tree.reid(9, 10))).toBe('id_unknown');
    expect(codeOf(() => tree.reid(1, -1))).toBe('id_invalid');
  });

  it('is recorded in the change log and replayed', () => {
    const tree = sample();
    const snapshot = serializeTree(tree);
    const log = tree.startChangeLog();
    tree.reid(3, 300);
    tree.add({ id: 5, parent: 300, name: 'b.ts', kind: 'file' });
    const restored = deserializeTree(snapshot);
    ChangeLog.replay(log.toArrayBuffer(), restored);
    expect(restored.rootDiffValue).toBe(tree.rootDiffValue);
    expect(restored.get(5)!.parent).toBe(300);
  });
});

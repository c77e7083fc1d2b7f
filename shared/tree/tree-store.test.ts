import { describe, expect, it } from 'vitest';
import { codeOf } from './code-of.fixture.ts';
import { FilenameTable } from './filename-table.ts';
import { parseHashKey } from './hash-key.ts';
import { TreeStore } from './tree-store.ts';
import { verifyDiffValues } from './verify-diff-values.ts';

const key = parseHashKey('00112233445566778899aabbccddeeff');

/** The sample's one file with every value set: a size above 32 bits and a content hash. */
const mainTs = {
  id: 2,
  parent: 1,
  name: 'main.ts',
  kind: 'file',
  size: 2 ** 40 + 5,
  contentHash: 'abcdef0123456789',
} as const;

function sample(): TreeStore {
  const tree = new TreeStore({ rootId: 100, key });
  tree.add({ id: 1, parent: 100, name: 'src', kind: 'folder', mtime: 1_700_000_000, rev: 3 });
  tree.add(mainTs);
  tree.add({ id: 3, parent: 1, name: 'util.ts', kind: 'file', size: 7 });
  tree.add({ id: 4, parent: 100, name: 'README.md', kind: 'file', size: 12 });
  return tree;
}

describe('TreeStore', () => {
  it('reads back what was added, by id, by parent and name, and by path', () => {
    const tree = sample();
    expect(tree.size).toBe(5);
    expect(tree.get(2)).toEqual({ ...mainTs, mtime: 0, rev: 0 });
    expect(tree.get(1)).toMatchObject({ mtime: 1_700_000_000, rev: 3, kind: 'folder' });
    expect(tree.get(100)).toMatchObject({ parent: null, name: '' });
    expect(tree.childByName(1, 'util.ts')).toBe(3);
    expect(tree.childByName(1, 'nope')).toBeUndefined();
    expect(tree.children(1).sort()).toEqual([2, 3]);
    expect(tree.pathOf(3)).toBe('src/util.ts');
    expect(tree.pathOf(100)).toBe('');
    expect(tree.findByPath('src/main.ts')).toBe(2);
    expect(tree.findByPath('')).toBe(100);
    expect(tree.findByPath('src/missing')).toBeUndefined();
  });

  it('keeps only the first 64 bits of a longer content hash', () => {
    const tree = sample();
    tree.add({ id: 5, parent: 100, name: 'big', kind: 'file', contentHash: 'f'.repeat(64) });
    expect(tree.get(5)!.contentHash).toBe('f'.repeat(16));
  });

  it('refuses bad input with coded errors and leaves the tree as it was', () => {
    const tree = sample();
    const before = tree.rootDiffValue;
    expect(codeOf(() => tree.add({ id: 2, parent: 1, name: 'x', kind: 'file' }))).toBe('id_exists');
    expect(codeOf(() => tree.add({ id: -1, parent: 1, name: 'x', kind: 'file' }))).toBe(
      'id_invalid',
    );
    expect(codeOf(() => tree.add({ id: 9, parent: 77, name: 'x', kind: 'file' }))).toBe(
      'id_unknown',
    );
    expect(codeOf(() => tree.add({ id: 9, parent: 2, name: 'x', kind: 'file' }))).toBe(
      'parent_not_folder',
    );
    expect(codeOf(() => tree.add({ id: 9, parent: 1, name: 'main.ts', kind: 'file' }))).toBe(
      'name_taken',
    );
    expect(codeOf(() => tree.add({ id: 9, parent: 1, name: 'a/b', kind: 'file' }))).toBe(
      'name_has_slash',
    );
    expect(codeOf(() => tree.add({ id: 9, parent: 1, name: 'x', kind: 'file', size: 1.5 }))).toBe(
      'value_out_of_range',
    );
    expect(
      codeOf(() => tree.add({ id: 9, parent: 1, name: 'x', kind: 'file', contentHash: 'zz' })),
    ).toBe('content_hash_invalid');
    expect(
      codeOf(() => tree.add({ id: 9, parent: 1, name: 'x', kind: 'file', mtime: Date.now() })),
    ).toBe('value_out_of_range');
    expect(codeOf(() => tree.remove(100))).toBe('root_immutable');
    expect(codeOf(() => tree.move(1, 1))).toBe('move_into_itself');
    expect(codeOf(() => tree.move(4, 1, 'util.ts'))).toBe('name_taken');
    expect(codeOf(() => tree.edit(1, { kind: 'file' }))).toBe('folder_not_empty');
    expect(codeOf(() => tree.edit(100, { kind: 'file' }))).toBe('root_immutable');
    expect(tree.rootDiffValue).toBe(before);
    expect(tree.names.holdersOf(tree.names.find('main.ts'))).toBe(1);
  });

  it('removes a whole subtree, reuses the freed slots and forgets the ids', () => {
    const tree = sample();
    const highWater = tree._highWater;
    expect(tree.remove(1)).toBe(3);
    expect(tree.size).toBe(2);
    expect(tree.has(2)).toBe(false);
    expect(tree.childByName(100, 'src')).toBeUndefined();
    tree.add({ id: 10, parent: 100, name: 'a', kind: 'folder' });
    tree.add({ id: 11, parent: 10, name: 'b', kind: 'file' });
    tree.add({ id: 12, parent: 10, name: 'c', kind: 'file' });
    expect(tree._highWater).toBe(highWater);
    expect(tree.pathOf(12)).toBe('a/c');
    expect(verifyDiffValues(tree)).toEqual([]);
  });

  it('moves and renames a subtree, its descendants coming along', () => {
    const tree = sample();
    tree.add({ id: 5, parent: 100, name: 'lib', kind: 'folder' });
    tree.move(1, 5, 'source');
    expect(tree.pathOf(2)).toBe('lib/source/main.ts');
    tree.rename(2, 'index.ts');
    expect(tree.findByPath('lib/source/index.ts')).toBe(2);
    expect(verifyDiffValues(tree)).toEqual([]);
  });

  it('gives equal trees equal root values, whatever order they were built in', () => {
    const a = sample();
    const b = new TreeStore({ rootId: 100, key });
    b.add({ id: 4, parent: 100, name: 'README.md', kind: 'file', size: 12 });
    b.add({ id: 1, parent: 100, name: 'src', kind: 'folder' });
    b.add({ id: 3, parent: 1, name: 'util.ts', kind: 'file', size: 7 });
    b.add(mainTs);
    expect(b.rootDiffValue).toBe(a.rootDiffValue);
    b.edit(3, { size: 8 });
    expect(b.rootDiffValue).not.toBe(a.rootDiffValue);
    b.edit(3, { size: 7, mtime: 5, rev: 9 });
    expect(b.rootDiffValue).toBe(a.rootDiffValue); // mtime and rev are not part of the value
  });

  it('returns the root value to what it was after an add and its remove', () => {
    const tree = sample();
    const before = tree.rootDiffValue;
    const folderBefore = tree.diffValue(1);
    tree.add({ id: 50, parent: 1, name: 'tmp', kind: 'file', size: 1 });
    expect(tree.diffValue(1)).not.toBe(folderBefore);
    tree.remove(50);
    expect(tree.rootDiffValue).toBe(before);
    expect(tree.diffValue(1)).toBe(folderBefore);
  });

  it('updates values by XOR up the path without reading siblings', () => {
    const tree = sample();
    // Scribble over a sibling's fields: a recompute would notice, an XOR update never looks.
    tree._sizeLow[tree._slotOf(3)] = 999;
    const before = tree.diffValue(1);
    tree.edit(2, { size: 1 });
    tree.edit(2, { size: 2 ** 40 + 5 });
    expect(tree.diffValue(1)).toBe(before);
  });

  it('differs in value under another key', () => {
    const other = new TreeStore({ rootId: 100, key: parseHashKey('ff'.repeat(16)) });
    expect(other.rootDiffValue).not.toBe(new TreeStore({ rootId: 100, key }).rootDiffValue);
    expect(new TreeStore().key).not.toEqual(new TreeStore().key);
  });

  it('shares one filename table between a tree and its clone', () => {
    const tree = sample();
    const copy = tree.clone();
    expect(copy.names).toBe(tree.names);
    expect(copy.rootDiffValue).toBe(tree.rootDiffValue);
    expect(tree.names.holdersOf(tree.names.find('main.ts'))).toBe(2);
    copy.rename(2, 'renamed.ts');
    expect(tree.get(2)!.name).toBe('main.ts');
    copy.dispose();
    expect(tree.names.holdersOf(tree.names.find('main.ts'))).toBe(1);
  });

  it('keeps names right across compactions triggered by removes', () => {
    const names = new FilenameTable({ compactAt: 0.3, compactMinBytes: 0 });
    const tree = new TreeStore({ key, names });
    for (let i = 1; i <= 200; i++) tree.add({ id: i, parent: 0, name: `file-${i}`, kind: 'file' });
    const bytesBefore = names.usedBytes;
    for (let i = 1; i <= 150; i++) tree.remove(i);
    expect(names.usedBytes).toBeLessThan(bytesBefore / 2);
    for (let i = 151; i <= 200; i++) expect(tree.get(i)!.name).toBe(`file-${i}`);
    expect(tree.childByName(0, 'file-170')).toBe(170);
    expect(verifyDiffValues(tree)).toEqual([]);
  });

  it('grows past its reserved capacity and reports the memory it holds', () => {
    const tree = new TreeStore({ key, capacity: 4 });
    for (let i = 1; i <= 1000; i++) tree.add({ id: i, parent: 0, name: `n${i}`, kind: 'file' });
    expect(tree.size).toBe(1001);
    expect(tree.get(777)!.name).toBe('n777');
    expect(tree.byteSize).toBeGreaterThan(1001 * 55);
    const reserved = new TreeStore({ key });
    reserved.reserve(1000);
    expect(reserved.byteSize).toBeLessThan(1000 * 64);
  });
});

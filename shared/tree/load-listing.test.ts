import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadListing } from './load-listing.ts';
import { TreeStore } from './tree-store.ts';
import { verifyDiffValues } from './verify-diff-values.ts';

const listing = [
  '12\tREADME.md',
  '300\tsrc/index.ts',
  '40\tsrc/lib/util.ts',
  '',
  '5\tdocs/a b.md',
].join('\r\n');

describe('loadListing', () => {
  it('builds folders and files from size<TAB>path lines under a top folder', () => {
    const { tree, nodesPerCopy, mounts } = loadListing(listing);
    expect(nodesPerCopy).toBe(7);
    expect(mounts).toBe(1);
    expect(tree.size).toBe(1 + 1 + 7);
    const util = tree.findByPath('listing-1/src/lib/util.ts')!;
    expect(tree.get(util)).toMatchObject({ kind: 'file', size: 40, name: 'util.ts' });
    expect(tree.get(tree.findByPath('listing-1/src')!)).toMatchObject({ kind: 'folder', size: 0 });
    expect(tree.findByPath('listing-1/docs/a b.md')).toBeDefined();
    expect(verifyDiffValues(tree)).toEqual([]);
  });

  it('mounts copies under their own top folders, names stored once for all of them', () => {
    const { tree, mounts, rawNameBytes } = loadListing(listing, {
      mounts: 3,
      mountName: (n) => `copy-${n}`,
    });
    expect(mounts).toBe(3);
    expect(tree.size).toBe(1 + 3 * 8);
    expect(tree.get(tree.findByPath('copy-2/src/index.ts')!)!.size).toBe(300);
    const one = loadListing(listing).tree;
    expect(tree.names.usedBytes).toBeLessThan(one.names.usedBytes + 3 * 'copy-0'.length + 3);
    expect(rawNameBytes).toBeGreaterThan(3 * 40);
    for (const name of ['src', 'README.md']) {
      expect(tree.names.holdersOf(tree.names.find(name))).toBe(3);
    }
  });

  it('stops at exactly the target node count, cutting the last copy short', () => {
    const { tree, mounts } = loadListing(listing, { targetNodes: 20 });
    expect(tree.size).toBe(20);
    expect(mounts).toBe(3);
    expect(verifyDiffValues(tree)).toEqual([]);
  });

  it('loads into an existing tree with ids above the ones it has', () => {
    const tree = new TreeStore({ rootId: 5 });
    tree.add({ id: 900, parent: 5, name: 'mine', kind: 'folder' });
    loadListing(listing, { tree, parent: 900 });
    expect(tree.pathOf(tree.findByPath('mine/listing-1/README.md')!)).toBe(
      'mine/listing-1/README.md',
    );
    expect(Math.min(...tree.ids().filter((id) => id !== 5 && id !== 900))).toBe(901);
  });

  it('refuses a malformed listing, naming the line, and leaves no names behind', () => {
    const tree = new TreeStore();
    const refused = (text: string) => {
      try {
        loadListing(text, { tree });
        return 'loaded';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused('12\ta\nxx\tb')).toMatch(/line 2/);
    expect(refused('1\ta/b\n2\ta')).toMatch(/line 2.*twice or is both/);
    expect(refused('1\ta\n2\ta/b')).toMatch(/line 2/);
    expect(refused('1\ta//b')).toMatch(/line 1.*name_empty/);
    expect(refused('1\tok\n1\tok')).toMatch(/line 2/);
    expect(tree.names.distinctNames - tree.names.garbageBytes).toBeLessThanOrEqual(
      tree.names.distinctNames,
    );
    expect(tree.size).toBe(1);
  });

  it('leaves out lines it cannot load when asked to, and says which', () => {
    const { tree, skippedLines } = loadListing('1\ta\nBAD\tb\n2\tc/..\n3\td', {
      skipInvalidLines: true,
    });
    expect(skippedLines).toEqual([2, 3]);
    expect(tree.children(tree.findByPath('listing-1')!)).toHaveLength(2);
    expect(tree.findByPath('listing-1/c')).toBeUndefined();
  });

  it('loads the real astro listing, every loadable line a file', () => {
    const text = readFileSync(
      new URL('../../../shared/data/astro-listing.tsv', import.meta.url),
      'utf8',
    );
    const files = text.split('\n').filter((line) => line !== '').length;
    const { tree, nodesPerCopy, skippedLines } = loadListing(text, { skipInvalidLines: true });
    const fileCount = tree.ids().filter((id) => tree.get(id)!.kind === 'file').length;
    expect(skippedLines.length).toBeLessThan(10);
    expect(fileCount).toBe(files - skippedLines.length);
    expect(tree.size).toBe(nodesPerCopy + 2);
    expect(verifyDiffValues(tree)).toEqual([]);
  });
});

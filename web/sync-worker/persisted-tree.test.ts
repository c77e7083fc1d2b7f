import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilenameTable, TreeError, TreeStore, parseHashKey } from '../../shared/tree/index.ts';
import { MemoryTreeVault } from './memory-tree-vault.fixture.ts';
import { PersistedTree, TreeIncomplete } from './persisted-tree.ts';

const diffKey = '00112233445566778899aabbccddeeff';
const identity = {
  name: 'n_team/remote',
  namespaceId: 'n_team',
  role: 'remote' as const,
  rootId: 7,
  diffKey,
  cursor: 0,
};

function newTree(names = new FilenameTable()): TreeStore {
  return new TreeStore({ rootId: 7, key: parseHashKey(diffKey), names });
}

/** Every node of a tree with its fields and diff value, for comparing trees by content. */
function contents(tree: TreeStore) {
  return tree
    .ids()
    .map((id) => ({ ...tree.get(id)!, value: tree.diffValue(id) }))
    .sort((a, b) => a.id - b.id);
}

interface Change {
  op: 'add' | 'addFolder' | 'remove' | 'move' | 'edit' | 'save';
  pick: number;
  to: number;
  name: string;
  size: number;
}

const changeArbitrary: fc.Arbitrary<Change> = fc.record({
  op: fc.constantFrom('add', 'add', 'addFolder', 'remove', 'move', 'edit', 'save'),
  pick: fc.nat(),
  to: fc.nat(),
  name: fc.constantFrom('a', 'b', 'c.txt', 'caf\u00e9', '日本語', 'notes'),
  size: fc.nat({ max: 1e9 }),
});

/** Applies a change resolved against the tree as it is now; refusals (name taken…) are skipped. */
function applyChange(tree: TreeStore, change: Change, next: { id: number }): void {
  const ids = tree.ids();
  const folders = ids.filter((id) => tree.get(id)!.kind === 'folder');
  const pick = (list: number[], n: number) => list[n % list.length]!;
  const target = pick(ids, change.pick);
  try {
    if (change.op === 'add' || change.op === 'addFolder') {
      const folder = change.op === 'addFolder';
      tree.add({
        id: next.id++,
        parent: pick(folders, change.to),
        name: change.name,
        kind: folder ? 'folder' : 'file',
        size: folder ? 0 : change.size,
        contentHash: folder ? undefined : change.size.toString(16).padStart(16, '0'),
      });
    } else if (change.op === 'remove') {
      tree.remove(target);
    } else if (change.op === 'move') {
      tree.move(target, pick(folders, change.to), change.name);
    } else if (change.op === 'edit' && tree.get(target)!.kind === 'file') {
      tree.edit(target, { size: change.size, rev: change.to });
    }
  } catch (err) {
    if (!(err instanceof TreeError)) throw err;
  }
}

async function reload(vault: MemoryTreeVault) {
  const record = (await vault.readTree(identity.name))!;
  return PersistedTree.load(vault, record, new FilenameTable());
}

describe('PersistedTree', () => {
  it('loads back exactly what was saved: snapshot plus segments, compacted along the way', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(changeArbitrary, { maxLength: 120 }), async (changes) => {
        const vault = new MemoryTreeVault();
        // A tiny threshold, so long runs compact several times.
        const kept = await PersistedTree.create(vault, identity, newTree(), {
          compactAtLogBytes: 200,
          nodesPerChunk: 4,
        });
        const next = { id: 100 };
        let savedAs = contents(kept.tree);
        let cursor = 0;
        for (const change of changes) {
          if (change.op === 'save') {
            await kept.save(++cursor);
            savedAs = contents(kept.tree);
          } else {
            applyChange(kept.tree, change, next);
          }
          // Whatever happens next, the store holds the tree as of the last save.
          await kept.settled();
          const restored = await reload(vault);
          expect(contents(restored.tree)).toEqual(savedAs);
          expect(restored.record.cursor).toBe(cursor);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('appends one segment per save and never a record per node', async () => {
    const vault = new MemoryTreeVault();
    const tree = newTree();
    for (let i = 0; i < 1000; i++)
      tree.add({ id: 100 + i, parent: 7, name: `f${i}`, kind: 'file' });
    const kept = await PersistedTree.create(vault, identity, tree, { nodesPerChunk: 400 });
    expect(vault.chunks.size).toBe(4); // header + 3 chunks for 1,001 nodes
    for (let i = 0; i < 50; i++) kept.tree.rename(100 + i, `renamed-${i}`);
    await kept.save(3);
    expect(vault.segments.size).toBe(1);
    expect(kept.record).toMatchObject({ segments: 1, cursor: 3, generation: 1 });
    expect(kept.record.logBytes).toBeLessThan(50 * 30);
    const restored = await reload(vault);
    expect(restored.tree.get(120)!.name).toBe('renamed-20');
    expect(restored.tree.rootDiffValue).toBe(kept.tree.rootDiffValue);
  });

  it('compacts in the background once the log passes its size, dropping the old generation', async () => {
    const vault = new MemoryTreeVault();
    const kept = await PersistedTree.create(vault, identity, newTree(), { compactAtLogBytes: 500 });
    for (let i = 0; i < 40; i++) {
      kept.tree.add({ id: 100 + i, parent: 7, name: `file-${i}`, kind: 'file', size: i });
      await kept.save(i + 1);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    await kept.settled();
    expect(kept.record.generation).toBeGreaterThan(1);
    expect(kept.record.logBytes).toBeLessThan(500);
    const keys = [...vault.chunks.keys(), ...vault.segments.keys()];
    expect(keys.every((k) => k.startsWith(`n_team/remote/${kept.record.generation}/`))).toBe(true);
    const restored = await reload(vault);
    expect(contents(restored.tree)).toEqual(contents(kept.tree));
    expect(restored.record.cursor).toBe(40);
  });

  it('saves a moved cursor without a segment when the tree did not change', async () => {
    const vault = new MemoryTreeVault();
    const kept = await PersistedTree.create(vault, identity, newTree());
    await kept.save(12);
    expect(vault.segments.size).toBe(0);
    expect((await reload(vault)).record.cursor).toBe(12);
  });

  it('refuses a stored tree whose buffers are missing or damaged', async () => {
    const vault = new MemoryTreeVault();
    const kept = await PersistedTree.create(vault, identity, newTree());
    kept.tree.add({ id: 100, parent: 7, name: 'a', kind: 'file' });
    await kept.save(1);
    kept.tree.add({ id: 101, parent: 7, name: 'b', kind: 'file' });
    await kept.save(2);
    // The first segment lost: the second no longer starts where the snapshot ends.
    vault.segments.delete('n_team/remote/1/0');
    await expect(reload(vault)).rejects.toBeInstanceOf(TreeIncomplete);
    vault.segments.set('n_team/remote/1/0', new ArrayBuffer(28));
    await expect(reload(vault)).rejects.toMatchObject({ code: 'log_invalid' });
  });

  it('shares one filename table between the trees of a namespace', async () => {
    const vault = new MemoryTreeVault();
    const names = new FilenameTable();
    for (const role of ['remote', 'local'] as const) {
      const tree = newTree(names);
      tree.add({ id: 100, parent: 7, name: 'shared-name.txt', kind: 'file' });
      await PersistedTree.create(vault, { ...identity, role, name: `n_team/${role}` }, tree);
    }
    const restored = new FilenameTable();
    for (const role of ['remote', 'local']) {
      const record = (await vault.readTree(`n_team/${role}`))!;
      await PersistedTree.load(vault, record, restored);
    }
    expect(restored.distinctNames).toBe(1);
  });
});

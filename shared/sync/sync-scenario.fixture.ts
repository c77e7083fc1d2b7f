// Test fixture: random sync situations (CanopyCheck style): one random tree, perturbed twice into remote and local.
import fc from 'fast-check';
import { TreeError, type TreeStore } from '../tree/index.ts';
import { foldName } from '../commit/fold-name.ts';
import { isPortableName } from './name-rules.ts';
import { createSyncTrees, type SyncTrees } from './sync-trees.ts';

/** An edit to a tree, with its targets as picks resolved against the nodes the tree has then. */
export type Perturbation =
  | { op: 'add'; parentPick: number; name: string; folder: boolean; size: number; hash: string }
  | { op: 'remove'; pick: number }
  | { op: 'move'; pick: number; parentPick: number; name: string | undefined }
  | { op: 'edit'; pick: number; size: number; hash: string };

/**
 * Few names, so clashes are common (`f0`…`f40`, and): case twins (`a`/`A`, `Readme.md`/`README.md`), composed and
 * decomposed é (one name once normalized), names a device cannot hold (`a:b`, `con`, `x.`), and
 * some arbitrary text.
 */
const nameArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 40 }).map((n) => `f${n}${n % 3 === 0 ? '' : '.txt'}`) },
  {
    weight: 6,
    arbitrary: fc.constantFrom('a', 'A', 'b', 'c.txt', 'C.TXT', 'README.md', 'Readme.md'),
  },
  { weight: 2, arbitrary: fc.constantFrom('caf\u00e9', 'cafe\u0301', 'a:b', 'con', 'x.', '日本') },
  {
    weight: 1,
    arbitrary: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !['.', '..'].includes(s)),
  },
);

const hashArbitrary = fc.stringMatching(/^[0-9a-f]{16}$/).filter((h) => h !== '0000000000000000');

export const perturbationArbitrary: fc.Arbitrary<Perturbation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      parentPick: fc.nat(),
      name: nameArbitrary,
      folder: fc.boolean(),
      size: fc.nat({ max: 1 << 20 }),
      hash: hashArbitrary,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      pick: fc.nat(),
      parentPick: fc.nat(),
      name: fc.option(nameArbitrary, { nil: undefined }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      pick: fc.nat(),
      size: fc.nat({ max: 1 << 20 }),
      hash: hashArbitrary,
    }),
  },
);

/**
 * Applies `p` to `tree`, new nodes taking ids from `nextId`; edits touch files only, removes and
 * moves never the root. A refusal a real user could meet (name taken, move into itself) is skipped,
 * and on a `device` so are names it cannot hold (case twins, unportable names).
 */
export function perturb(
  tree: TreeStore,
  p: Perturbation,
  nextId: { value: number },
  device = false,
): void {
  // A device's file system holds no case twins and no unportable names.
  const refused = (parent: number, name: string, self?: number) =>
    device &&
    (!isPortableName(name.normalize('NFC')) ||
      tree
        .children(parent)
        .some((c) => c !== self && foldName(tree.get(c)!.name) === foldName(name)));
  const ids = tree.ids().filter((id) => id !== tree.rootId);
  const folders = [tree.rootId, ...ids.filter((id) => tree.get(id)!.kind === 'folder')];
  const files = ids.filter((id) => tree.get(id)!.kind === 'file');
  const pick = (list: number[], n: number) => list[n % list.length];
  try {
    switch (p.op) {
      case 'add':
        if (refused(pick(folders, p.parentPick)!, p.name)) break;
        tree.add({
          id: nextId.value++,
          parent: pick(folders, p.parentPick)!,
          name: p.name,
          kind: p.folder ? 'folder' : 'file',
          size: p.folder ? 0 : p.size,
          contentHash: p.folder ? undefined : p.hash,
        });
        break;
      case 'remove': {
        const id = pick(ids, p.pick);
        if (id !== undefined) tree.remove(id);
        break;
      }
      case 'move': {
        const id = pick(ids, p.pick);
        if (id === undefined) break;
        const parent = pick(folders, p.parentPick)!;
        if (refused(parent, p.name ?? tree.get(id)!.name, id)) break;
        tree.move(id, parent, p.name);
        break;
      }
      case 'edit': {
        const id = pick(files, p.pick);
        if (id !== undefined) tree.edit(id, { size: p.size, contentHash: p.hash });
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof TreeError)) throw error;
  }
}

export interface SyncSituation {
  base: Perturbation[];
  remote: Perturbation[];
  local: Perturbation[];
}

/** Folders and moves only: nested folders moved around on both sides, where cycles come from. */
export const folderMoveArbitrary: fc.Arbitrary<Perturbation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      parentPick: fc.nat(),
      name: fc.constantFrom('a', 'b', 'c', 'd', 'B'),
      folder: fc.constant(true),
      size: fc.constant(0),
      hash: fc.constant('00000000000000ff'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      pick: fc.nat(),
      parentPick: fc.nat(),
      name: fc.option(fc.constantFrom('a', 'b', 'x'), { nil: undefined }),
    }),
  },
);

export const situationArbitrary = (
  size: { base: number; side: number },
  changes: fc.Arbitrary<Perturbation> = perturbationArbitrary,
) =>
  fc.record({
    // size 'max': lengths spread up to maxLength (fast-check's default keeps arrays near 10).
    base: fc.array(changes, { maxLength: size.base, size: 'max' }),
    remote: fc.array(changes, { maxLength: size.side, size: 'max' }),
    local: fc.array(changes, { maxLength: size.side, size: 'max' }),
  });

/**
 * The three trees of a situation: the base tree in all three (already in sync), then the remote
 * and local perturbations. Remote adds take ids from 100,000, local adds from 200,000, as a
 * server's ids and a device's provisional ids would never meet.
 */
export function buildSituation(situation: SyncSituation): SyncTrees {
  const trees = createSyncTrees();
  const nextId = { value: 1 };
  // The base only grows (removes would keep it small); the sides remove freely.
  for (const p of situation.base) if (p.op !== 'remove') perturb(trees.sync, p, nextId, true);
  trees.remote.dispose();
  trees.local.dispose();
  trees.remote = trees.sync.clone();
  trees.local = trees.sync.clone();
  const remoteId = { value: 100_000 };
  for (const p of situation.remote) perturb(trees.remote, p, remoteId);
  const localId = { value: 200_000 };
  for (const p of situation.local) perturb(trees.local, p, localId, true);
  return trees;
}

/** Every file content hash in `tree`. */
export function contentHashes(tree: TreeStore): Set<string> {
  const hashes = new Set<string>();
  for (const id of tree.ids()) {
    const node = tree.get(id)!;
    if (node.kind === 'file') hashes.add(node.contentHash);
  }
  return hashes;
}

/** Hashes of files added or edited on `side` relative to sync: content that must never be lost. */
export function changedContent(side: TreeStore, sync: TreeStore): Set<string> {
  const result = new Set<string>();
  for (const id of side.ids()) {
    const node = side.get(id)!;
    if (node.kind !== 'file') continue;
    const base = sync.get(id);
    if (base === undefined || base.contentHash !== node.contentHash || base.kind !== 'file') {
      result.add(node.contentHash);
    }
  }
  return result;
}

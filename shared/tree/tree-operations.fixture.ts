// Test fixture: random sequences of tree operations (fast-check) and a way to apply them to a tree.
import fc from 'fast-check';
import { TreeError } from './tree-error.ts';
import type { TreeStore } from './tree-store.ts';

/** An operation with its targets as picks, resolved against whatever nodes the tree has then. */
export type TreeOperation =
  | { op: 'add'; parentPick: number; name: string; folder: boolean; size: number; hash: string }
  | { op: 'remove'; pick: number }
  | { op: 'move'; pick: number; parentPick: number; name: string | undefined }
  | { op: 'edit'; pick: number; size: number; hash: string; mtime: number };

/** Names that collide once normalized (é in NFC and NFD), non-ASCII ones, and arbitrary text. */
export const nameArbitrary = fc.oneof(
  fc.constantFrom('a', 'b', 'README.md', 'caf\u00e9', 'cafe\u0301', '日本語', 'Ωmega', 'x y', '🙂'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !['.', '..'].includes(s)),
);

const hashArbitrary = fc.stringMatching(/^[0-9a-f]{16}$/);

/** Adds outweigh removes, so trees grow to dozens of nodes a few folders deep. */
export const operationArbitrary: fc.Arbitrary<TreeOperation> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      parentPick: fc.nat(),
      name: nameArbitrary,
      folder: fc.boolean(),
      size: fc.oneof(fc.nat(), fc.constant(2 ** 40 + 3)),
      hash: hashArbitrary,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      pick: fc.nat(),
      parentPick: fc.nat(),
      name: fc.option(nameArbitrary, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      pick: fc.nat(),
      size: fc.nat(),
      hash: hashArbitrary,
      mtime: fc.nat(),
    }),
  },
);

/**
 * Applies `operation` to `tree`, taking new ids from `nextId`. Returns the id it touched, or
 * undefined when the tree refused it for a reason a real caller could meet (name taken, move into
 * itself, the root…).
 */
export function applyOperation(
  tree: TreeStore,
  operation: TreeOperation,
  nextId: { value: number },
): number | undefined {
  const ids = tree.ids();
  const folders = ids.filter((id) => tree.get(id)!.kind === 'folder');
  const pick = (list: number[], n: number) => list[n % list.length]!;
  let id = nextId.value;
  try {
    switch (operation.op) {
      case 'add':
        nextId.value++;
        tree.add({
          id,
          parent: pick(folders, operation.parentPick),
          name: operation.name,
          kind: operation.folder ? 'folder' : 'file',
          size: operation.folder ? 0 : operation.size,
          contentHash: operation.hash,
        });
        break;
      case 'remove':
        id = pick(ids, operation.pick);
        tree.remove(id);
        break;
      case 'move':
        id = pick(ids, operation.pick);
        tree.move(id, pick(folders, operation.parentPick), operation.name);
        break;
      case 'edit':
        id = pick(ids, operation.pick);
        tree.edit(id, {
          size: operation.size,
          contentHash: operation.hash,
          mtime: operation.mtime,
        });
        break;
    }
    return id;
  } catch (error) {
    if (error instanceof TreeError) return undefined;
    throw error;
  }
}

/** Applies `operations` in order to `tree`; returns the ids they touched. */
export function applyAll(
  tree: TreeStore,
  operations: TreeOperation[],
  nextId = { value: 1 },
): number[] {
  const touched: number[] = [];
  for (const operation of operations) {
    const id = applyOperation(tree, operation, nextId);
    if (id !== undefined) touched.push(id);
  }
  return touched;
}

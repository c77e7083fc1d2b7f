import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffTrees, type TreeStore } from '../tree/index.ts';
import { verifyDiffValues } from '../tree/verify-diff-values.ts';
import { CounterIdAllocator } from './id-allocator.ts';
import { foldName } from '../commit/fold-name.ts';
import { isPortableName } from './name-rules.ts';
import { planOperations } from './plan-operations.ts';
import { simulateSync } from './simulate-sync.ts';
import {
  buildSituation,
  folderMoveArbitrary,
  changedContent,
  contentHashes,
  situationArbitrary,
} from './sync-scenario.fixture.ts';
import { treesConverged } from './trees-converged.ts';

// `npm run test:soak` sets SYNC_SOAK to run many more cases.
const soak = Number(process.env.SYNC_SOAK ?? 0) > 0;
const runs = Number(process.env.SYNC_RUNS ?? 0) || (soak ? 100_000 : 2_500);
const timeout = soak ? 4 * 3_600_000 : 60_000;
const now = new Date('2024-05-01T12:00:00Z');

/** No folder holds two names that fold alike, and every name is portable. */
function namesHold(tree: TreeStore): string | undefined {
  for (const id of tree.ids()) {
    const node = tree.get(id)!;
    if (node.kind !== 'folder') continue;
    const keys = new Set<string>();
    for (const child of tree.children(id)) {
      const name = tree.get(child)!.name;
      if (!isPortableName(name)) return `unportable name ${JSON.stringify(name)}`;
      const key = foldName(name);
      if (keys.has(key)) return `twins ${JSON.stringify(name)} in ${tree.pathOf(id)}`;
      keys.add(key);
    }
  }
  return undefined;
}

describe('incremental planning', () => {
  it(
    'plans exactly what a full diff plans when given the ids that changed',
    () => {
      fc.assert(
        fc.property(situationArbitrary({ base: 30, side: 12 }), (situation) => {
          const trees = buildSituation(situation);
          const changed = new Set([
            ...diffTrees(trees.sync, trees.remote).map((c) => c.id),
            ...diffTrees(trees.sync, trees.local).map((c) => c.id),
          ]);
          const full = planOperations(trees, { now });
          const incremental = planOperations(trees, { now, modified: changed });
          expect(incremental.operations.map((op) => op.key)).toEqual(
            full.operations.map((op) => op.key),
          );
          expect(incremental.blocked).toEqual(full.blocked);
          expect(incremental.pending).toEqual(full.pending);
        }),
        { numRuns: Math.round(runs / 5) },
      );
    },
    timeout,
  );
});

describe('sync convergence (CanopyCheck style)', () => {
  const modes = [
    { incremental: false, size: { base: 30, side: 12 }, share: 1, label: 'full diff' },
    { incremental: true, size: { base: 30, side: 12 }, share: 0.5, label: 'incremental' },
    { incremental: true, size: { base: 120, side: 40 }, share: 0.04, label: 'larger trees' },
    {
      incremental: false,
      size: { base: 20, side: 10 },
      share: 0.2,
      label: 'folders moved on both sides',
      changes: folderMoveArbitrary,
    },
  ];
  for (const { incremental, size, share, label, changes } of modes) {
    it(
      `converges within 200 rounds, loses no edited or added content, keeps every invariant (${label})`,
      () => {
        fc.assert(
          fc.property(
            situationArbitrary(size, changes),
            fc.integer({ min: 0, max: 2 ** 31 - 1 }),
            fc.constantFrom(1, 3, 1000),
            (situation, seed, batchSize) => {
              const trees = buildSituation(situation);
              const mustKeep = new Set([
                ...changedContent(trees.remote, trees.sync),
                ...changedContent(trees.local, trees.sync),
              ]);
              const result = simulateSync(trees, {
                seed,
                now,
                batchSize,
                incremental,
                ids: new CounterIdAllocator(500_000),
                maxIterations: 200,
              });
              const failures = result.operations.filter((o) => o.failure !== undefined);
              expect(failures.map((f) => `${f.operation.key}: ${f.failure}`)).toEqual([]);
              expect(result.converged).toBe(true);
              expect(treesConverged(trees)).toBe(true);
              const kept = contentHashes(trees.remote);
              for (const hash of mustKeep)
                expect(kept.has(hash), `content ${hash} lost`).toBe(true);
              for (const tree of [trees.remote, trees.sync, trees.local]) {
                expect(verifyDiffValues(tree)).toEqual([]);
                expect(namesHold(tree)).toBeUndefined();
              }
            },
          ),
          { numRuns: Math.round(runs * share) },
        );
      },
      timeout,
    );
  }
});

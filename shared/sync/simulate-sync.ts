// The simulator's loop: plan, run the batch in a seeded shuffled order as if every operation succeeded, repeat.
import { TreeError, type TreeStore } from '../tree/index.ts';
import { commitOperation, IdAliases } from './commit-operation.ts';
import type { IdAllocator } from './id-allocator.ts';
import { planOperations } from './plan-operations.ts';
import { SeededRandom } from './seeded-random.ts';
import type { OperationOutcome, SyncOperation } from './sync-operation.ts';
import type { SyncTrees } from './sync-trees.ts';
import { treesConverged } from './trees-converged.ts';

export interface SimulationOptions {
  seed: number;
  /** Hands out the ids the server assigns and the device gives conflicted copies. */
  ids: IdAllocator;
  now: Date;
  /** Rounds of planning before giving up (default 200). */
  maxIterations?: number;
  batchSize?: number;
  /** Plan from the modified ids of the last round instead of diffing whole trees. */
  incremental?: boolean;
}

export interface SimulatedOperation {
  iteration: number;
  operation: SyncOperation;
  outcome: OperationOutcome;
  /** Why the side refused it: an assumption that no longer held. Never expected. */
  failure?: string;
}

export interface SimulationResult {
  converged: boolean;
  /** Rounds that ran a batch. */
  iterations: number;
  operations: SimulatedOperation[];
}

/**
 * Runs sync on `trees` until the planner has nothing left to run (or `maxIterations` rounds).
 * Each round's batch is shuffled by the seed and applied one by one through a stand-in server
 * (checks the revision and place each operation assumes, bumps revisions, and for half of the
 * new files and folders assigns an id of its own, as a server would) and a stand-in device.
 */
export function simulateSync(trees: SyncTrees, options: SimulationOptions): SimulationResult {
  const random = new SeededRandom(options.seed);
  const maxIterations = options.maxIterations ?? 200;
  const operations: SimulatedOperation[] = [];
  let rev = _highestRev(trees.remote);
  let modified: number[] | undefined;
  let iterations = 0;
  for (let round = 1; round <= maxIterations; round++) {
    const plan = planOperations(trees, {
      now: options.now,
      batchSize: options.batchSize,
      modified: options.incremental === true ? modified : undefined,
    });
    if (plan.operations.length === 0) break;
    iterations = round;
    const aliases = new IdAliases();
    const touched = new Set<number>(plan.pending);
    for (const operation of random.shuffle([...plan.operations])) {
      const failure = _refusal(trees, operation, aliases);
      const outcome: OperationOutcome = {};
      if (failure === undefined) {
        if (operation.side === 'remote') {
          // Revisions count content: a move or a delete leaves the revision as it is.
          const creates = operation.type === 'upload' || operation.type === 'add';
          if (creates || operation.type === 'edit') outcome.rev = ++rev;
          if (creates && (random.next() < 0.5 || trees.remote.has(aliases.resolve(operation.id)))) {
            outcome.id = options.ids.next();
          }
        } else if (operation.side === 'local' && operation.type === 'keepConflictedCopy') {
          outcome.id = options.ids.next();
        }
        try {
          for (const id of commitOperation(trees, operation, outcome, aliases)) touched.add(id);
          _touchNeighbours(trees, aliases.resolve(operation.id), touched);
        } catch (error) {
          if (!(error instanceof TreeError)) throw error;
          operations.push({ iteration: round, operation, outcome, failure: error.message });
          continue;
        }
      }
      operations.push({ iteration: round, operation, outcome, ...(failure ? { failure } : {}) });
    }
    modified = [...touched].map((id) => aliases.resolve(id));
  }
  return { converged: treesConverged(trees), iterations, operations };
}

/** Parents and children of a changed node may be unblocked by the change: look at them again. */
function _touchNeighbours(trees: SyncTrees, id: number, touched: Set<number>): void {
  for (const tree of [trees.remote, trees.sync, trees.local]) {
    const node = tree.get(id);
    if (node === undefined) continue;
    if (node.parent !== null) touched.add(node.parent);
    for (const child of tree.children(id)) touched.add(child);
  }
}

/** Why the stand-in server or device refuses `operation`, if it does. */
function _refusal(
  trees: SyncTrees,
  operation: SyncOperation,
  aliases: IdAliases,
): string | undefined {
  if (operation.side === 'sync') return undefined;
  const tree = operation.side === 'remote' ? trees.remote : trees.local;
  const node = tree.get(aliases.resolve(operation.id));
  const { assumes } = operation;
  if (assumes.absent === true) return node === undefined ? undefined : 'already there';
  if (node === undefined) return 'no such node';
  if (assumes.rev !== undefined && node.rev !== assumes.rev) return `revision is ${node.rev}`;
  if (assumes.contentHash !== undefined && node.contentHash !== assumes.contentHash) {
    return 'content changed';
  }
  if (assumes.parent !== undefined && node.parent !== aliases.resolve(assumes.parent)) {
    return 'moved meanwhile';
  }
  if (assumes.name !== undefined && node.name !== assumes.name) return 'renamed meanwhile';
  if (assumes.empty === true && tree.children(node.id).length > 0) return 'folder not empty';
  return undefined;
}

function _highestRev(tree: TreeStore): number {
  let highest = 0;
  for (const id of tree.ids()) highest = Math.max(highest, tree.get(id)!.rev);
  return highest;
}

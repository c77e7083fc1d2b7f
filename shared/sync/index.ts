// The sync planner and scheduler's public surface: re-exports only.
export type { Clock } from './clock.ts';
export { commitOperation, IdAliases, reconcileSyncNode } from './commit-operation.ts';
export { conflictedCopyName } from './conflicted-copy-name.ts';
export { CounterIdAllocator, type IdAllocator } from './id-allocator.ts';
export { ManualClock } from './manual-clock.ts';
export { ModifiedIds } from './modified-ids.ts';
// The name folding lives with the commit rules; re-exported for the sync worker, which imports it here.
export { foldName } from '../commit/fold-name.ts';
export { isPortableName, portableName } from './name-rules.ts';
export {
  planOperations,
  type BlockedOperation,
  type BlockReason,
  type PlanOptions,
  type SyncPlan,
} from './plan-operations.ts';
export { compareOperations } from './rank-operations.ts';
export {
  dumpTree,
  loadScenario,
  ScenarioNames,
  type Scenario,
  type ScenarioNode,
} from './scenario.ts';
export { SeededRandom } from './seeded-random.ts';
export {
  simulateSync,
  type SimulatedOperation,
  type SimulationOptions,
  type SimulationResult,
} from './simulate-sync.ts';
export type {
  DeviceOperation,
  NodeContent,
  NodeLocation,
  OperationAssumption,
  OperationOutcome,
  ServerOperation,
  SyncOperation,
  SyncRecordOperation,
} from './sync-operation.ts';
export type { DeviceStore, SyncPorts, SyncServer } from './sync-ports.ts';
export {
  SyncScheduler,
  type SchedulerEvent,
  type SyncSchedulerOptions,
  type TaskState,
} from './sync-scheduler.ts';
export { SyncSession, type SyncSessionOptions } from './sync-session.ts';
export { SyncTargets, type NodeTarget } from './sync-targets.ts';
export {
  createSyncTrees,
  oppositeSide,
  treeOf,
  type SyncSide,
  type SyncTrees,
  type SyncTreesOptions,
} from './sync-trees.ts';
export { taskSteps, type TaskStep } from './task-steps.ts';
export { pathListing, treesConverged } from './trees-converged.ts';

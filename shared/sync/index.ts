// The sync planner and scheduler's public surface: re-exports only. Test and simulation aids
// (ManualClock, SeededRandom, the scenario format, simulateSync) are imported from their own files.
export type { Clock } from './clock.ts';
export { commitOperation, IdAliases, reconcileSyncNode } from './commit-operation.ts';
export { conflictedCopyName } from './conflicted-copy-name.ts';
export { CounterIdAllocator, type IdAllocator } from './id-allocator.ts';
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

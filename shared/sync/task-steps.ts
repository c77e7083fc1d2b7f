// An operation as a task: the steps that carry it out, the last one the commit that cannot be cancelled.
import type { AbortSignalLike } from './abort-signal.ts';
import type { OperationOutcome, SyncOperation } from './sync-operation.ts';
import type { SyncPorts } from './sync-ports.ts';

export interface TaskStep {
  name: string;
  /** The commit: once started, the task runs to the end whatever plan arrives. */
  commit: boolean;
  /** Runs the step; steps before the commit stop early when `signal` aborts. */
  run(signal: AbortSignalLike): Promise<OperationOutcome | void>;
  /** Undoes what the step did, when the task is cancelled after it. */
  undo?(): Promise<void>;
}

/**
 * The steps of `operation`: uploads and edits send their blocks, then commit; downloads fetch
 * theirs, then commit; everything else is a commit alone. Sync-tree records commit without I/O.
 */
export function taskSteps(operation: SyncOperation, ports: SyncPorts): TaskStep[] {
  const commitStep = (run: () => Promise<OperationOutcome>): TaskStep => ({
    name: 'commit',
    commit: true,
    run,
  });
  if (operation.side === 'sync') return [commitStep(async () => ({}))];
  if (operation.side === 'remote') {
    const commit = commitStep(() => ports.server.commit(operation));
    if (operation.type !== 'upload' && operation.type !== 'edit') return [commit];
    return [
      {
        name: 'send blocks',
        commit: false,
        run: (signal) => ports.server.sendBlocks(operation, signal),
        undo: () => ports.server.discardBlocks(operation),
      },
      commit,
    ];
  }
  const commit = commitStep(() => ports.device.commit(operation));
  if (operation.type !== 'download') return [commit];
  return [
    {
      name: 'fetch blocks',
      commit: false,
      run: (signal) => ports.server.fetchBlocks(operation, signal),
      undo: () => ports.device.discardStaged(operation),
    },
    commit,
  ];
}

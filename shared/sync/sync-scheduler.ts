// The scheduler: runs a plan's operations as tasks, bounded; on a new plan cancels the stale, keeps the shared.
import { newAbortController, type AbortControllerLike } from './abort-signal.ts';
import type { Clock } from './clock.ts';
import type { OperationOutcome, SyncOperation } from './sync-operation.ts';
import type { SyncPorts } from './sync-ports.ts';
import { taskSteps, type TaskStep } from './task-steps.ts';

/**
 * Where a task is. `waiting`: new in the latest plan, held back until the cancellations it follows
 * are done; `queued`: ready, waiting for a free slot; `running`: in a step before the commit;
 * `committing`: in the commit, no longer cancellable; `cancelling`: told to stop, undoing its
 * steps; then `done`, `cancelled` or `failed`.
 */
export type TaskState =
  'waiting' | 'queued' | 'running' | 'committing' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** One thing that happened, for tests and logs. */
export interface SchedulerEvent {
  /** The clock's time, milliseconds. */
  at: number;
  key: string;
  event: 'start' | 'step' | 'commit' | 'done' | 'cancel' | 'cancelled' | 'failed';
  step?: string;
}

export interface SyncSchedulerOptions {
  ports: SyncPorts;
  /** Times the events. */
  clock: Clock;
  /** Most tasks in a step at once. */
  concurrency: number;
  /** Called when an operation's commit succeeded: record it in the trees (commitOperation). */
  onCommitted(operation: SyncOperation, outcome: OperationOutcome): void;
  onFailed?(operation: SyncOperation, error: unknown): void;
  onEvent?(event: SchedulerEvent): void;
}

interface _Task {
  operation: SyncOperation;
  steps: TaskStep[];
  state: TaskState;
  controller: AbortControllerLike;
  /** Steps begun (finished or interrupted), for undoing them on cancel. */
  begun: TaskStep[];
  /** Resolves when the task is settled. */
  settled: Promise<void>;
  settle: () => void;
}

/**
 * The seed's scheduler. Each operation becomes a task of steps (taskSteps). When a new plan
 * arrives: tasks whose operation is no longer planned are cancelled (at once if not started;
 * otherwise told to stop, and their finished steps undone), unless their commit has started,
 * which then runs to its end; tasks whose operation is in both plans run on undisturbed; new
 * operations start only once every stale task has settled, so nothing new runs against a state a
 * stale task may still change (the seed's plan-1 / plan-2 example, and its delete-then-undo case).
 */
export class SyncScheduler {
  private readonly _tasks = new Map<string, _Task>();
  /** Stale tasks that have yet to settle: new operations wait for all of them. */
  private readonly _barriers = new Set<_Task>();
  private readonly _queue: _Task[] = [];
  private _running = 0;
  private _idleWaiters: (() => void)[] = [];

  constructor(private readonly _options: SyncSchedulerOptions) {
    if (!(_options.concurrency >= 1)) throw new RangeError('Concurrency is at least 1.');
  }

  /** Takes the latest plan's batch in rank order. */
  submit(operations: SyncOperation[]): void {
    const planned = new Map(operations.map((op) => [op.key, op]));
    for (const [key, task] of this._tasks) {
      if (planned.has(key)) continue;
      this._tasks.delete(key);
      this._cancel(task);
    }
    for (const [key, operation] of planned) {
      if (this._tasks.has(key)) continue; // in both plans: runs on
      const task = this._newTask(operation);
      this._tasks.set(key, task);
      if (this._barriers.size === 0) this._enqueue(task);
    }
    this._pump();
    this._checkIdle();
  }

  /** The state of the live task for `key` (undefined once settled and gone). */
  stateOf(key: string): TaskState | undefined {
    return this._tasks.get(key)?.state;
  }

  /** Keys of live tasks by state. */
  snapshot(): Record<TaskState, string[]> {
    const result = {} as Record<TaskState, string[]>;
    for (const state of [
      'waiting',
      'queued',
      'running',
      'committing',
      'cancelling',
      'done',
      'cancelled',
      'failed',
    ] as const) {
      result[state] = [];
    }
    for (const [key, task] of this._tasks) result[task.state].push(key);
    for (const task of this._barriers) result[task.state].push(task.operation.key);
    return result;
  }

  /** Resolves once nothing is waiting, queued, running or cancelling. */
  idle(): Promise<void> {
    if (this._isIdle()) return Promise.resolve();
    return new Promise((resolve) => this._idleWaiters.push(resolve));
  }

  private _newTask(operation: SyncOperation): _Task {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    return {
      operation,
      steps: taskSteps(operation, this._options.ports),
      state: 'waiting',
      controller: newAbortController(),
      begun: [],
      settled,
      settle,
    };
  }

  private _enqueue(task: _Task): void {
    task.state = 'queued';
    this._queue.push(task);
  }

  private _cancel(task: _Task): void {
    this._emit(task, 'cancel');
    if (task.state === 'waiting' || task.state === 'queued') {
      const at = this._queue.indexOf(task);
      if (at >= 0) this._queue.splice(at, 1);
      task.state = 'cancelled';
      this._emit(task, 'cancelled');
      task.settle();
      return;
    }
    // Running: stop it and wait for its undo. Committing: it cannot stop, but new work still
    // waits for it, since its commit changes what the new plan was made from.
    if (task.state === 'running') {
      task.state = 'cancelling';
      task.controller.abort(new _Cancelled());
    }
    this._barriers.add(task);
    void task.settled.then(() => {
      this._barriers.delete(task);
      if (this._barriers.size === 0) this._releaseWaiting();
      this._checkIdle();
    });
  }

  private _releaseWaiting(): void {
    for (const task of this._tasks.values()) if (task.state === 'waiting') this._enqueue(task);
    this._pump();
  }

  private _pump(): void {
    while (this._running < this._options.concurrency && this._queue.length > 0) {
      const task = this._queue.shift()!;
      this._running++;
      task.state = 'running';
      this._emit(task, 'start');
      void this._run(task).finally(() => {
        this._running--;
        task.settle();
        if (this._tasks.get(task.operation.key) === task) this._tasks.delete(task.operation.key);
        this._pump();
        this._checkIdle();
      });
    }
  }

  private async _run(task: _Task): Promise<void> {
    for (const step of task.steps) {
      if (task.controller.signal.aborted) return this._undo(task);
      if (step.commit) {
        task.state = 'committing';
        this._emit(task, 'commit', step.name);
        try {
          const outcome = (await step.run(task.controller.signal)) ?? {};
          this._options.onCommitted(task.operation, outcome);
          task.state = 'done';
          this._emit(task, 'done');
        } catch (error) {
          this._fail(task, error);
        }
        return;
      }
      this._emit(task, 'step', step.name);
      task.begun.push(step);
      try {
        await step.run(task.controller.signal);
      } catch (error) {
        if (task.controller.signal.aborted) return this._undo(task);
        this._fail(task, error);
        return;
      }
    }
  }

  private async _undo(task: _Task): Promise<void> {
    // An interrupted step may have done part of its work (some blocks sent): undo it too.
    for (const step of task.begun.reverse()) await step.undo?.();
    task.state = 'cancelled';
    this._emit(task, 'cancelled');
  }

  private _fail(task: _Task, error: unknown): void {
    task.state = 'failed';
    this._emit(task, 'failed');
    this._options.onFailed?.(task.operation, error);
  }

  private _emit(task: _Task, event: SchedulerEvent['event'], step?: string): void {
    this._options.onEvent?.({
      at: this._options.clock.now(),
      key: task.operation.key,
      event,
      ...(step ? { step } : {}),
    });
  }

  private _isIdle(): boolean {
    return (
      this._running === 0 &&
      this._queue.length === 0 &&
      this._barriers.size === 0 &&
      [...this._tasks.values()].every((t) => t.state !== 'waiting')
    );
  }

  private _checkIdle(): void {
    if (!this._isIdle()) return;
    const waiters = this._idleWaiters;
    this._idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The reason a cancelled task's signal carries. */
class _Cancelled extends Error {
  constructor() {
    super('The operation is no longer planned.');
    this.name = 'AbortError';
  }
}

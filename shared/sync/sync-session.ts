// One synced folder tree at work: modification data in, plans to the scheduler, commits back into the trees.
import { commitOperation, IdAliases } from './commit-operation.ts';
import type { Clock } from './clock.ts';
import { ModifiedIds } from './modified-ids.ts';
import { planOperations } from './plan-operations.ts';
import type { OperationOutcome, SyncOperation } from './sync-operation.ts';
import type { SyncPorts } from './sync-ports.ts';
import { SyncScheduler, type SchedulerEvent } from './sync-scheduler.ts';
import type { SyncTrees } from './sync-trees.ts';

export interface SyncSessionOptions {
  trees: SyncTrees;
  ports: SyncPorts;
  clock: Clock;
  /** Tasks in flight at once (default 4). */
  concurrency?: number;
  /** Operations per plan (default 1,000). */
  batchSize?: number;
  onEvent?(event: SchedulerEvent): void;
  /** Each plan handed to the scheduler (for progress: what is left to do). */
  onPlanned?(operations: readonly SyncOperation[], full: boolean): void;
  /** After an operation's commit was recorded in the trees; `touched` are the ids it changed. */
  afterCommit?(operation: SyncOperation, outcome: OperationOutcome, touched: number[]): void;
  onFailed?(operation: SyncOperation, error: unknown): void;
}

/**
 * The seed's loop for one tree: the worker updates the remote tree from the journal and the local
 * tree from the device's store and says which ids changed (`noteRemote`, `noteLocal`); the session
 * plans incrementally from those ids and hands the batch to the scheduler, which cancels what the
 * new plan dropped. Each commit is recorded in the trees (`commitOperation`), and once the batch
 * has run the session plans again, until nothing is left (`settled`).
 */
export class SyncSession {
  readonly scheduler: SyncScheduler;
  private readonly _modified = new ModifiedIds();
  private _aliases = new IdAliases();
  private _failures = 0;

  constructor(private readonly _options: SyncSessionOptions) {
    this.scheduler = new SyncScheduler({
      ports: _options.ports,
      clock: _options.clock,
      concurrency: _options.concurrency ?? 4,
      onCommitted: (operation, outcome) => this._committed(operation, outcome),
      onFailed: (operation, error) => {
        this._failures++;
        // Planned again from the trees as they are by the next plan.
        this._modified.noteCommitted([operation.id]);
        _options.onFailed?.(operation, error);
      },
      onEvent: _options.onEvent,
    });
    // A new session knows nothing of what changed: the first plan diffs the whole trees.
    this._plan(true);
  }

  /** The remote tree was updated from journal entries touching `ids`: plan again. */
  noteRemote(ids: Iterable<number>): void {
    this._modified.noteRemote(ids);
    this._plan(false);
  }

  /** The local tree was updated from the device's store for `ids`: plan again. */
  noteLocal(ids: Iterable<number>): void {
    this._modified.noteLocal(ids);
    this._plan(false);
  }

  /** Something changed that no id list describes (a pull, a rescan): plan from a full diff. */
  replanAll(): void {
    this._plan(true);
  }

  /** Operations that failed so far (they are planned again from the trees as they are). */
  get failures(): number {
    return this._failures;
  }

  /**
   * Resolves when a plan comes back empty with nothing running; gives up after `maxRounds`
   * batches. Returns the number of batches run.
   */
  async settled(maxRounds = 200): Promise<number> {
    let rounds = 0;
    for (; rounds < maxRounds; rounds++) {
      await this.scheduler.idle();
      this._aliases = new IdAliases();
      if (this._plan(false) === 0) break;
    }
    return rounds;
  }

  /** Plans and submits; returns how many operations the batch holds. */
  private _plan(full: boolean): number {
    const plan = planOperations(this._options.trees, {
      now: new Date(this._options.clock.now()),
      batchSize: this._options.batchSize,
      modified: full ? undefined : this._modified.take(),
    });
    this._modified.keep(plan.pending);
    this.scheduler.submit(plan.operations);
    this._options.onPlanned?.(plan.operations, full);
    return plan.operations.length;
  }

  private _committed(operation: SyncOperation, outcome: OperationOutcome): void {
    const touched = commitOperation(this._options.trees, operation, outcome, this._aliases);
    this._modified.noteCommitted(touched);
    // Parents and children may be unblocked by the change.
    for (const tree of [this._options.trees.remote, this._options.trees.local]) {
      for (const id of touched) {
        const node = tree.get(id);
        if (node === undefined) continue;
        if (node.parent !== null) this._modified.noteCommitted([node.parent]);
        this._modified.noteCommitted(tree.children(id));
      }
    }
    this._options.afterCommit?.(operation, outcome, touched);
  }
}

// An error the sync worker reported for a call: its code (the contract's, or the tree engine's) and status.
import type { WorkerFailure } from './sync-messages.ts';

export class SyncWorkerError extends Error {
  /** The API's error code (`network` when offline), a TreeError code, or `internal`. */
  readonly code: string;
  /** The HTTP status behind it, 0 when there was none. */
  readonly status: number;

  constructor(failure: WorkerFailure) {
    super(failure.message);
    this.name = failure.name;
    this.code = failure.code;
    this.status = failure.status;
  }
}

// An error the sync worker reported for a call, re-made on the page with its code and HTTP status.
import type { WorkerFailure } from './sync-messages.ts';

export class SyncWorkerError extends Error {
  /**
   * The API's error code (`network` when offline), the worker's own (`SyncFailureCode`: its
   * checks of an edit and of a call), the device's (`permission_needed`, `storage_full`, …), a
   * TreeError code, or `internal`.
   */
  readonly code: string;
  /** The HTTP status behind it; 0 when there was none (every failure of the worker's own). */
  readonly status: number;

  constructor(failure: WorkerFailure) {
    super(failure.message);
    this.name = failure.name;
    this.code = failure.code;
    this.status = failure.status;
  }
}

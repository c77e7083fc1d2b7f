// The messages between the page's SyncClient and the sync worker.
import type { SyncEvent, SyncMethod } from './sync-api.ts';

export type ToWorker =
  | { type: 'call'; id: number; method: SyncMethod; request: unknown }
  | { type: 'abort'; id: number };

/** An error crossing the worker boundary: its class name, code and HTTP status survive. */
export interface WorkerFailure {
  name: string;
  message: string;
  code: string;
  status: number;
}

export type FromWorker =
  | { type: 'answer'; id: number; value: unknown }
  | { type: 'failure'; id: number; error: WorkerFailure }
  /** Told without a call: status changes and folders whose listing changed. */
  | { type: 'event'; event: SyncEvent };

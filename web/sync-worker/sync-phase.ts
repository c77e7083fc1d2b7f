// The phase the status line shows, from the worker's counters and state (pure, so it is tested alone).
import type { SyncStatus } from '../common/sync-client/sync-api.ts';

export interface SyncPhaseInput {
  /** `start` has been called (the trees are restored, or being restored). */
  started: boolean;
  /** The server could not be reached and has not answered since. */
  offline: boolean;
  /** Operations done of those planned, over every namespace. */
  done: number;
  total: number;
  /** Words about a failure that keeps an operation from running, if any namespace has one. */
  failure: string | null;
  /** Some namespace's rounds are running (or waiting to run again after a failure). */
  busy: boolean;
}

/**
 * Offline wins over everything once started; planned work not done is `syncing` even while an
 * operation fails (it is retried); a failure shows as `error` only when nothing else is left to
 * do, and rounds still running with nothing counted (planning) are `syncing` too.
 */
export function syncPhase(input: SyncPhaseInput): SyncStatus['phase'] {
  if (!input.started) return 'starting';
  if (input.offline) return 'offline';
  if (input.total > input.done) return 'syncing';
  if (input.failure !== null) return 'error';
  return input.busy ? 'syncing' : 'up-to-date';
}

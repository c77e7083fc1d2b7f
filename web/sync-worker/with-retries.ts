// Runs a request again after transient failures, waiting longer each time; aborting stops the waits.
import type { Clock } from '../../shared/sync/index.ts';
import { isTransient } from './api-failure.ts';
import { systemClock } from './system-clock.ts';

export interface RetryOptions {
  /** Tries after the first (default 4). */
  retries?: number;
  /** First wait in ms, doubled each time, with jitter (default 250). */
  baseDelayMs?: number;
  /** Which failures are worth another try (default `isTransient`). */
  retryable?: (err: unknown) => boolean;
  /** Times the waits (default the worker's real timers). */
  clock?: Clock;
}

/**
 * Calls `attempt` (with the try number, from 0) until it succeeds, fails for good (not
 * `retryable`), or runs out of tries; then throws its last error.
 */
export async function withRetries<T>(
  attempt: (tryNumber: number) => Promise<T>,
  signal: AbortSignal | undefined,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 250;
  const retryable = options.retryable ?? isTransient;
  const clock = options.clock ?? systemClock;
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (err) {
      if (tryNumber >= retries || !retryable(err) || signal?.aborted) throw err;
      await clock.sleep(base * 2 ** tryNumber * (0.5 + Math.random() / 2), signal);
    }
  }
}

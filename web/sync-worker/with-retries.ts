// Runs a request again after transient failures, waiting longer each time; aborting stops the waits.
import { isTransient } from './api-failure.ts';

export interface RetryOptions {
  /** Tries after the first (default 4). */
  retries?: number;
  /** First wait in ms, doubled each time, with jitter (default 250). */
  baseDelayMs?: number;
  /** Which failures are worth another try (default `isTransient`). */
  retryable?: (err: unknown) => boolean;
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
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (err) {
      if (tryNumber >= retries || !retryable(err) || signal?.aborted) throw err;
      await wait(base * 2 ** tryNumber * (0.5 + Math.random() / 2), signal);
    }
  }
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// The Clock of shared/sync on the worker's real timers.
import type { AbortSignalLike } from '../../shared/sync/abort-signal.ts';
import type { Clock } from '../../shared/sync/index.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        // A platform signal lets go of the listener (a long-lived one would gather them).
        (signal as Partial<AbortSignal> | undefined)?.removeEventListener?.('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

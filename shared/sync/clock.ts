// Time as an interface: the browser's timers in the app, a hand-driven clock in tests and the simulator.
import type { AbortSignalLike } from './abort-signal.ts';

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}

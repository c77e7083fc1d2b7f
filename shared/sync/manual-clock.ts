// A clock that moves only when told to: timers fire in deadline order as `advance` passes them.
import type { AbortSignalLike } from './abort-signal.ts';
import type { Clock } from './clock.ts';

interface _Timer {
  at: number;
  order: number;
  fire: () => void;
}

/** Deterministic time for tests and the simulator. */
export class ManualClock implements Clock {
  private _now: number;
  private _timers: _Timer[] = [];
  private _order = 0;

  constructor(start = 0) {
    this._now = start;
  }

  now(): number {
    return this._now;
  }

  sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: _Timer = { at: this._now + ms, order: this._order++, fire: resolve };
      this._timers.push(timer);
      signal?.addEventListener('abort', () => {
        this._timers = this._timers.filter((t) => t !== timer);
        reject(signal.reason);
      });
    });
  }

  /** Timers still waiting. */
  get pending(): number {
    return this._timers.length;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due in deadline order and letting
   * the promise reactions each one starts run before the next fires.
   */
  async advance(ms: number): Promise<void> {
    const end = this._now + ms;
    for (;;) {
      await _settle();
      const next = this._timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (next === undefined) break;
      this._timers = this._timers.filter((t) => t !== next);
      this._now = next.at;
      next.fire();
    }
    this._now = end;
    await _settle();
  }
}

/** Lets queued promise reactions run (a few rounds, for chains of awaits). */
async function _settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

// Counts failures per subject in a fixed window, to slow password guessing.

export class FailureLimiter {
  private readonly _max: number;
  private readonly _windowMs: number;
  private readonly _now: () => number;
  /** subject → failures in the window that started at `since` (ms). */
  private readonly _failures = new Map<string, { count: number; since: number }>();

  constructor(options: { max: number; windowMs: number; now?: () => number }) {
    this._max = options.max;
    this._windowMs = options.windowMs;
    this._now = options.now ?? Date.now;
  }

  /** Seconds until `subject` may try again, or 0 when it may now. */
  retryAfter(subject: string): number {
    const entry = this._current(subject);
    if (!entry || entry.count < this._max) return 0;
    return Math.ceil((entry.since + this._windowMs - this._now()) / 1000);
  }

  fail(subject: string): void {
    const entry = this._current(subject);
    if (entry) entry.count++;
    else this._failures.set(subject, { count: 1, since: this._now() });
    if (this._failures.size > 100_000) this._sweep();
  }

  reset(subject: string): void {
    this._failures.delete(subject);
  }

  private _current(subject: string) {
    const entry = this._failures.get(subject);
    if (entry && entry.since + this._windowMs <= this._now()) {
      this._failures.delete(subject);
      return undefined;
    }
    return entry;
  }

  private _sweep() {
    for (const subject of this._failures.keys()) this._current(subject);
  }
}

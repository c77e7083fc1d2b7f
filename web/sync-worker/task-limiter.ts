// Runs at most n tasks at once; the rest wait their turn in order.
export class TaskLimiter {
  private readonly _limit: number;
  private _running = 0;
  private readonly _waiting: (() => void)[] = [];

  constructor(limit: number) {
    this._limit = Math.max(1, limit);
  }

  /** Tasks running now. */
  get running(): number {
    return this._running;
  }

  /** Runs `task` once fewer than the limit are running. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this._running >= this._limit) {
      await new Promise<void>((resolve) => this._waiting.push(resolve));
    }
    this._running++;
    try {
      return await task();
    } finally {
      this._running--;
      this._waiting.shift()?.();
    }
  }
}

// A FIFO limit on how many async tasks run at once; callers beyond it wait their turn.

interface Waiter {
  start: () => void;
  cancelled: boolean;
}

export class ConcurrencyLimit {
  private _running = 0;
  /** Waiters in arrival order; `_head` is the next to start (avoids O(n) `shift`). */
  private _queue: Waiter[] = [];
  private _head = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`A concurrency limit must be a positive integer, not ${limit}.`);
    }
  }

  /** Tasks started and not yet settled. */
  get running(): number {
    return this._running;
  }

  /** Runs `task` once fewer than `limit` tasks run. Rejects with the abort reason if `signal` fires while waiting. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    // While a slot is free the queue holds no live waiter (`_startNext` drains it), so taking
    // the slot at once does not jump the queue. A woken waiter is handed its slot already counted.
    if (this._running < this.limit) this._running++;
    else await this._wait(signal);
    try {
      return await task();
    } finally {
      this._running--;
      this._startNext();
    }
  }

  private _wait(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        waiter.cancelled = true;
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancelled: false,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this._queue.push(waiter);
    });
  }

  private _startNext(): void {
    while (this._head < this._queue.length && this._running < this.limit) {
      const waiter = this._queue[this._head++];
      if (waiter && !waiter.cancelled) {
        this._running++;
        waiter.start();
      }
    }
    if (this._head > 1024 && this._head * 2 > this._queue.length) {
      this._queue = this._queue.slice(this._head);
      this._head = 0;
    }
  }
}

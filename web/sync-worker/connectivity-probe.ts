// Whether the server can be reached, and the tries to reach it again (every 10 s on the Clock) once it cannot.
import type { Clock } from '../../shared/sync/index.ts';

export interface ConnectivityProbeHooks {
  /** Tries the server (a full sync); resolves once it answered, rejects if it did not. */
  attempt(): Promise<void>;
  /** `offline` changed: the server could not be reached (true) or answered again (false). */
  changed(offline: boolean): void;
}

/** How long a probe waits after the server could not be reached (ms). */
const probeEveryMs = 10_000;

/**
 * Offline from a request that could not reach the server until one that did; while offline one
 * try is waiting at a time, 10 s after the last. `probe` tries at once (the browser's `online`
 * event), `stop` forgets it all (signing out).
 */
export class ConnectivityProbe {
  private _offline = false;
  /** Aborts the wait for the next try; undefined when none waits. */
  private _next: AbortController | undefined;

  constructor(
    private readonly _clock: Clock,
    private readonly _hooks: ConnectivityProbeHooks,
  ) {}

  get offline(): boolean {
    return this._offline;
  }

  /** A request failed because the server could not be reached. */
  unreachable(): void {
    if (!this._offline) {
      this._offline = true;
      this._hooks.changed(true);
    }
    this._tryLater();
  }

  /** A request reached the server. */
  reachable(): void {
    if (!this._offline) return;
    this._offline = false;
    this._cancel();
    this._hooks.changed(false);
  }

  /** Tries the server now; if it still cannot be reached, tries again later. */
  async probe(): Promise<void> {
    this._cancel();
    try {
      await this._hooks.attempt();
    } catch {
      if (this._offline) this._tryLater();
    }
  }

  /** No more tries, and online until told otherwise. */
  stop(): void {
    this._cancel();
    this._offline = false;
  }

  private _tryLater(): void {
    if (this._next) return;
    const next = new AbortController();
    this._next = next;
    this._clock.sleep(probeEveryMs, next.signal).then(
      () => {
        if (this._next !== next) return;
        this._next = undefined;
        void this.probe();
      },
      () => undefined,
    );
  }

  private _cancel(): void {
    this._next?.abort();
    this._next = undefined;
  }
}

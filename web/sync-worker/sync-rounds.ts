// Runs a namespace's sync rounds one after another on the Clock: again when kicked, waiting longer while they fail.
import type { Clock } from '../../shared/sync/index.ts';

/** What one round did: operations run and operations that failed. */
export interface RoundOutcome {
  ran: number;
  failed: number;
}

export interface SyncRoundsHooks {
  /** Plans and runs once; `undefined` when there is nothing to run on yet (no remote tree). */
  round(): Promise<RoundOutcome | undefined>;
  /** A round ran nothing and nothing failed: everything is in sync. */
  settled(): void;
}

/** Wait before the first round after a kick (ms). */
const kickDelayMs = 50;
/** First and longest wait after a round with failures (ms); doubled each failing round between. */
const firstBackoffMs = 500;
const longestBackoffMs = 60_000;

/**
 * Rounds run until one runs nothing (`settled`), while not offline and not stopped. A kick while
 * rounds run asks for one more after them. After a round in which something failed the next waits
 * 500 ms, then twice as long each failing round, up to a minute; a round without failures, or
 * `online`, starts the waits over, and `stop` ends a wait at once.
 */
export class SyncRounds {
  private _running: Promise<void> | undefined;
  private _again = false;
  private _offline = false;
  private _stopped = false;
  private _backoffMs = 0;
  /** Aborted by `stop`: ends a wait between failing rounds at once. */
  private readonly _halt = new AbortController();

  constructor(
    private readonly _clock: Clock,
    private readonly _hooks: SyncRoundsHooks,
  ) {}

  /** Runs rounds until nothing is left (or offline); a kick while running runs another round. */
  kick(): void {
    if (this._stopped) return;
    if (this._running) {
      this._again = true;
      return;
    }
    // A moment later: the call that kicked (a pull, an edit) answers, and what the page asks
    // right after (its listing) is served, before planning, which can take seconds of this
    // worker's time for a first sync of a large tree.
    this._running = this._clock
      .sleep(kickDelayMs)
      .then(() => this._run())
      .finally(() => {
        this._running = undefined;
        if (this._again && !this._offline && !this._stopped) {
          this._again = false;
          this.kick();
        }
      });
  }

  /** The server could not be reached: no more rounds until `online`. */
  offline(): void {
    this._offline = true;
  }

  /** The server can be reached again (or should be tried): the waits start over, and rounds run. */
  online(): void {
    this._offline = false;
    this._backoffMs = 0;
    this.kick();
  }

  /** Rounds are running (or waiting to run again after a failure). */
  get busy(): boolean {
    return this._running !== undefined;
  }

  /** The wait after the latest failing round (ms), 0 when the last round did not fail. */
  get backoffMs(): number {
    return this._backoffMs;
  }

  /** Waits until the rounds under way have run. */
  async idle(): Promise<void> {
    while (this._running) await this._running;
  }

  /** No more rounds; a wait under way ends at once (`idle` then waits for the round under way). */
  stop(): void {
    this._stopped = true;
    this._halt.abort();
  }

  private async _run(): Promise<void> {
    for (;;) {
      if (this._offline || this._stopped) return;
      const outcome = await this._hooks.round();
      if (!outcome || this._stopped || this._offline) return;
      if (outcome.ran === 0 && outcome.failed === 0) {
        this._hooks.settled();
        return;
      }
      if (outcome.failed > 0) {
        // Something keeps failing: wait longer each time (up to a minute) before planning again.
        this._backoffMs = Math.min(longestBackoffMs, Math.max(firstBackoffMs, this._backoffMs * 2));
        await this._clock.sleep(this._backoffMs, this._halt.signal).catch(() => undefined);
      } else {
        this._backoffMs = 0;
      }
    }
  }
}

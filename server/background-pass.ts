// An upkeep pass (retention, blob collection) run on an interval in the background: a failed pass is
// logged and the next one runs as planned, and the timer never keeps the process alive.
export class BackgroundPass {
  private _timer: NodeJS.Timeout | undefined;

  /** `name` says what failed in the log: "`name` failed". */
  constructor(
    private readonly _name: string,
    private readonly _run: () => Promise<unknown>,
  ) {}

  /** Runs the pass every `everyMs` milliseconds from now on. */
  start(everyMs: number): void {
    this._timer = setInterval(
      () => void this._run().catch((err) => console.error(`${this._name} failed`, err)),
      everyMs,
    );
    this._timer.unref();
  }

  stop(): void {
    clearInterval(this._timer);
  }
}

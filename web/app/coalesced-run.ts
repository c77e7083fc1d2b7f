// Work that runs once at a time: asked for again while it runs, it runs once more after it (however
// often it was asked meanwhile), and every caller waits for the end of that last run.

/** What a run answers to end the runs at once (the work was stopped), even if asked again. */
export const stopRunning = Symbol('stop running');

export class CoalescedRun {
  private _running: Promise<void> | null = null;
  private _again = false;

  /** @param _after told once the runs end */
  constructor(
    private readonly _work: () => Promise<void | typeof stopRunning>,
    private readonly _after: () => void = () => undefined,
  ) {}

  run(): Promise<void> {
    if (this._running) {
      this._again = true;
      return this._running;
    }
    this._running = (async () => {
      do {
        this._again = false;
        if ((await this._work()) === stopRunning) return;
      } while (this._again);
    })().finally(() => {
      this._running = null;
      this._after();
    });
    return this._running;
  }
}

// A Lit reactive controller for what a component does on the person's behalf: it runs an action,
// shows it busy meanwhile (its button disabled), then what was done or, in words, what failed.
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { failureText } from '../app/failure-text.ts';

export interface ActionOptions {
  /** Words for a failure, e.g. "Could not rename “a.txt”"; without them, the error's message. */
  failure?: string;
  /** Which action runs, for `isBusy` (components with one action per row or per form). */
  key?: string;
}

export class ActionStatus implements ReactiveController {
  /** What failed, in words ("" when nothing did). */
  error = '';
  /** What was done, or is being done, in words. */
  status = '';
  private _running: string | null = null;

  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this);
  }

  hostConnected(): void {}

  /** Whether an action runs; with `key`, whether that one does. */
  isBusy(key?: string): boolean {
    return key === undefined ? this._running !== null : this._running === key;
  }

  /**
   * Runs `work` after clearing the words shown; what it answers is shown as done. Answers whether
   * it succeeded (a failure is shown, never thrown).
   */
  async run(work: () => Promise<string | void>, options: ActionOptions = {}): Promise<boolean> {
    const key = options.key ?? '';
    this._running = key;
    this.clear();
    try {
      const done = await work();
      if (done) this.status = done;
      return true;
    } catch (err) {
      this.status = '';
      this.error =
        options.failure === undefined ? (err as Error).message : failureText(options.failure, err);
      return false;
    } finally {
      if (this._running === key) this._running = null;
      this._host.requestUpdate();
    }
  }

  /** Shows what is being done (a long action's progress). */
  tell(status: string): void {
    this.status = status;
    this._host.requestUpdate();
  }

  /** Shows a refusal that needed no action to find. */
  fail(error: string): void {
    this.error = error;
    this._host.requestUpdate();
  }

  clear(): void {
    this.error = '';
    this.status = '';
    this._host.requestUpdate();
  }

  /** The error as an alert (empty, and hidden, when there is none). */
  errorLine() {
    return html`<p class="error" role="alert">${this.error}</p>`;
  }

  /** What was done, as a polite status. */
  statusLine() {
    return html`<p role="status">${this.status}</p>`;
  }
}

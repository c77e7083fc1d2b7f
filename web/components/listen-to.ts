// A Lit reactive controller that keeps a component listening to an event target it is given as a
// property (the app's controller): bound once it is set, moved if it changes, dropped when the
// component leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ListenTo implements ReactiveController {
  private _target: EventTarget | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly _targetOf: () => EventTarget | null | undefined,
    private readonly _handlers: Record<string, (event: Event) => void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this._bind(this._targetOf() ?? null);
  }

  hostUpdated(): void {
    this._bind(this._targetOf() ?? null);
  }

  hostDisconnected(): void {
    this._bind(null);
  }

  private _bind(target: EventTarget | null): void {
    if (target === this._target) return;
    for (const [type, handler] of Object.entries(this._handlers)) {
      this._target?.removeEventListener(type, handler);
      target?.addEventListener(type, handler);
    }
    this._target = target;
  }
}

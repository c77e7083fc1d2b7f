// A Lit reactive controller that gives a component one of the page's models, provided by
// <cubby-app> through a context, and keeps the component listening to the model's events while it
// is on the page: by default it renders again on every change.
import { ContextConsumer, type Context } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Model } from '../app/model.ts';

type Host = ReactiveControllerHost & HTMLElement;

export class ModelConsumer<M extends Model<object>> implements ReactiveController {
  private readonly _consumer: ContextConsumer<Context<unknown, M>, Host>;
  private _bound: M | null = null;
  private _stop: (() => void) | null = null;

  constructor(
    host: Host,
    context: Context<unknown, M>,
    private readonly _handlers: Parameters<M['listen']>[0] = { change: () => host.requestUpdate() },
  ) {
    // Added before this controller, so the model is there when this one connects.
    this._consumer = new ContextConsumer(host, {
      context,
      subscribe: true,
      callback: (model) => this._bind(model),
    });
    host.addController(this);
  }

  /** The model; throws if no <cubby-app> above the component provides it. */
  get value(): M {
    const model = this._consumer.value;
    if (!model) throw new Error('No <cubby-app> above this component provides its model.');
    return model;
  }

  hostConnected(): void {
    this._bind(this._consumer.value ?? null);
  }

  hostDisconnected(): void {
    this._bind(null);
  }

  private _bind(model: M | null): void {
    if (model === this._bound) return;
    this._stop?.();
    this._stop = model ? model.listen(this._handlers) : null;
    this._bound = model;
  }
}

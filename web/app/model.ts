// The change signal every model of the page sends: `change` when its state changed (the components
// showing it render again), and the model's own events, each with a typed detail.
type Handlers<Events> = { change?: () => void } & {
  [K in keyof Events]?: (detail: Events[K]) => void;
};

export class Model<Events extends object = object> extends EventTarget {
  /** Calls each handler on its event until the answered function is called. */
  listen(handlers: Handlers<Events>): () => void {
    const bound: [string, EventListener][] = Object.entries(handlers).map(([type, handler]) => [
      type,
      (event: Event) => (handler as (detail: unknown) => void)((event as CustomEvent).detail),
    ]);
    for (const [type, listener] of bound) this.addEventListener(type, listener);
    return () => {
      for (const [type, listener] of bound) this.removeEventListener(type, listener);
    };
  }

  /** Tells the components to render again. */
  protected _changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  protected _tell<K extends keyof Events & string>(type: K, detail: Events[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

// Deletes held back for an undo window: the entry is hidden at once and deleted only when the window
// ends. Nothing is deleted if the page goes away first (the timers die with it) or `cancelAll` runs.

export interface PendingDelete {
  namespaceId: string;
  id: number;
  name: string;
  /**
   * The folder it is in, as names from the namespace's root ("Notes/2024"; "" for the root). An
   * entry made on this device gets the server's id once uploaded, so it is matched by name too.
   */
  folder: string;
}

export interface DeleteTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: DeleteTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class PendingDeletes {
  private readonly _held = new Map<string, { entry: PendingDelete; timer: unknown }>();

  /**
   * @param windowMs how long undo stays possible
   * @param commit deletes for real (called once per entry whose window ended)
   * @param changed told whenever the held entries change
   */
  constructor(
    private readonly _windowMs: number,
    private readonly _commit: (entry: PendingDelete) => void,
    private readonly _changed: () => void,
    private readonly _timers: DeleteTimers = browserTimers,
  ) {}

  /** Entries waiting, oldest first. */
  get entries(): PendingDelete[] {
    return [...this._held.values()].map((h) => h.entry);
  }

  /** Whether a listed entry waits to be deleted: by its id, or by its folder and name. */
  hides(namespaceId: string, id: number, folder: string, name: string): boolean {
    if (this._held.has(keyOf(namespaceId, id))) return true;
    for (const { entry } of this._held.values()) {
      if (entry.namespaceId === namespaceId && entry.folder === folder && entry.name === name) {
        return true;
      }
    }
    return false;
  }

  hold(entry: PendingDelete): void {
    const key = keyOf(entry.namespaceId, entry.id);
    if (this._held.has(key)) return;
    const timer = this._timers.setTimeout(() => {
      this._held.delete(key);
      this._commit(entry);
      this._changed();
    }, this._windowMs);
    this._held.set(key, { entry, timer });
    this._changed();
  }

  /** Keeps the entry: answers false if its window had already ended. */
  undo(namespaceId: string, id: number): boolean {
    const key = keyOf(namespaceId, id);
    const held = this._held.get(key);
    if (!held) return false;
    this._timers.clearTimeout(held.timer);
    this._held.delete(key);
    this._changed();
    return true;
  }

  /** Deletes nothing of what waits (sign-out). */
  cancelAll(): void {
    for (const held of this._held.values()) this._timers.clearTimeout(held.timer);
    this._held.clear();
    this._changed();
  }
}

function keyOf(namespaceId: string, id: number): string {
  return `${namespaceId}/${id}`;
}

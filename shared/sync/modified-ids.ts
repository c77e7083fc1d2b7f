// The modification data of the incremental planner: ids the journal or the device changed, and work left over.

/**
 * Collects the ids that changed since the last plan: from the server's journal (remote side) and
 * from the device's store (local side), and from operations that committed. `take` hands them to
 * `planOperations({ modified })` together with the last plan's `pending` ids (blocked or deferred
 * work), which `keep` puts back, so nothing waiting is forgotten between plans.
 */
export class ModifiedIds {
  private _ids = new Set<number>();

  /** Ids a journal entry touched: added, deleted (the top of a subtree is enough), moved, edited. */
  noteRemote(ids: Iterable<number>): void {
    for (const id of ids) this._ids.add(id);
  }

  /** Ids the device's store reports changed. */
  noteLocal(ids: Iterable<number>): void {
    for (const id of ids) this._ids.add(id);
  }

  /** Ids a committed operation touched (see `commitOperation`'s return value). */
  noteCommitted(ids: Iterable<number>): void {
    for (const id of ids) this._ids.add(id);
  }

  /** Puts back the last plan's pending ids. */
  keep(pending: Iterable<number>): void {
    for (const id of pending) this._ids.add(id);
  }

  get size(): number {
    return this._ids.size;
  }

  /** Everything collected, emptied. */
  take(): number[] {
    const ids = [...this._ids];
    this._ids = new Set();
    return ids;
  }
}

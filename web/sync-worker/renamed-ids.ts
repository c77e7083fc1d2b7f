// The ids the server gave nodes made here: the page may still name a node by its provisional id.

/** More than this many replacements kept and the oldest go (a page holds a listing for minutes). */
const keptAtMost = 100_000;
/** Replacements followed from one id (an id replaced, then its replacement replaced). */
const hopsAtMost = 8;

/**
 * Provisional ids the server replaced (an upload or new folder committed). A listing the page
 * holds names nodes by the ids it had then, so every id the page sends is resolved through here.
 */
export class RenamedIds {
  private readonly _renamed = new Map<number, number>();

  /** Node `from` is node `to` now. */
  note(from: number, to: number): void {
    if (from === to) return;
    if (this._renamed.size > keptAtMost) this._renamed.clear();
    this._renamed.set(from, to);
  }

  /** The id the node the page names as `id` has now (`id` itself if it was never replaced). */
  resolve(id: number): number {
    for (let hops = 0; hops < hopsAtMost && this._renamed.has(id); hops++) {
      id = this._renamed.get(id)!;
    }
    return id;
  }
}

// One namespace's progress since it was last up to date: operations and bytes planned and done, changes waiting.
import type { SyncOperation } from '../../shared/sync/index.ts';

/** Operations whose bytes count: content that moves between the device and the server. */
const transferTypes = new Set(['upload', 'edit', 'download']);

/**
 * Counts what the planner planned and the scheduler did, each operation once (by key) however
 * often it is planned again; bytes only grow, up to the operation's size. Every change is told to
 * `onChange` (the status line is built from these counters).
 */
export class SyncProgress {
  done = 0;
  total = 0;
  bytesDone = 0;
  bytesTotal = 0;
  /** Changes made here not yet on the server (server operations of the latest plan). */
  waiting = 0;
  /** Words about the last failure that kept an operation from running, until one succeeds. */
  lastFailure: string | null = null;
  /** Content bytes of each operation counted, by key. */
  private readonly _planned = new Map<string, number>();
  private readonly _bytes = new Map<string, number>();
  private readonly _waiting = new Set<string>();

  constructor(private readonly _onChange: () => void) {}

  /** A plan: `full` when it covers every difference (so what it leaves out waits no more). */
  planned(operations: readonly SyncOperation[], full: boolean): void {
    if (full) this._waiting.clear();
    for (const op of operations) {
      if (op.side === 'remote') this._waiting.add(op.key);
      if (op.side === 'sync' || this._planned.has(op.key)) continue;
      const bytes = transferTypes.has(op.type) && 'content' in op ? op.content.size : 0;
      this._planned.set(op.key, bytes);
      this.total++;
      this.bytesTotal += bytes;
    }
    this.waiting = this._waiting.size;
    this._onChange();
  }

  /** `bytes` of operation `key` have moved so far. */
  moved(key: string, bytes: number): void {
    const planned = this._planned.get(key);
    if (planned === undefined) return;
    const before = this._bytes.get(key) ?? 0;
    const now = Math.min(planned, bytes);
    if (now <= before) return;
    this._bytes.set(key, now);
    this.bytesDone += now - before;
    this._onChange();
  }

  /** Operation `key` is done: all its bytes moved, and a failure before it is past. */
  finished(key: string): void {
    const planned = this._planned.get(key);
    if (planned === undefined) return;
    this.moved(key, planned);
    this.done++;
    this._waiting.delete(key);
    this.waiting = this._waiting.size;
    this.lastFailure = null;
    this._onChange();
  }

  /** Words for a failure the person should see (until an operation succeeds). */
  failed(words: string): void {
    this.lastFailure = words;
    this._onChange();
  }

  /** Nothing is left to do: the counters start again from zero. */
  settled(): void {
    this._planned.clear();
    this._bytes.clear();
    this._waiting.clear();
    this.done = this.total = this.bytesDone = this.bytesTotal = this.waiting = 0;
    this._onChange();
  }
}

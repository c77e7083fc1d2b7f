// A tree the sync worker keeps on the device: snapshot plus change-log segments, compacted as the log grows.
import type { TreeRecord } from '../common/db/schema.ts';
import type { TreeVault } from '../common/db/tree-vault.ts';
import {
  ChangeLog,
  deserializeTree,
  serializeTree,
  type FilenameTable,
  type TreeStore,
} from '../../shared/tree/index.ts';
import type { Clock } from '../../shared/sync/index.ts';
import { systemClock } from './system-clock.ts';

export interface PersistedTreeOptions {
  /** Log bytes past which the tree is written as a new snapshot (default 1 MiB ≈ 50,000 changes). */
  compactAtLogBytes?: number;
  /** Nodes per snapshot chunk (default the tree engine's, 262,144 ≈ 11 MB). */
  nodesPerChunk?: number;
  /** Schedules the background compaction (default the worker's real timers). */
  clock?: Clock;
}

const defaultCompactAt = 1 << 20;

/**
 * Owns one `TreeStore` and its stored copy. Changes made to `tree` are recorded by a `ChangeLog`;
 * `save` writes what changed since the last save as one segment (a few bytes per change), and once
 * the segments pass `compactAtLogBytes` a new snapshot replaces them, in the background. Writes run
 * one after another in call order, and each captures the tree's state when it is called, so a
 * segment never lands in a generation that a later snapshot already covers.
 */
export class PersistedTree {
  readonly tree: TreeStore;
  private _record: TreeRecord;
  private _log: ChangeLog;
  private readonly _vault: TreeVault;
  private readonly _compactAt: number;
  private readonly _nodesPerChunk: number | undefined;
  private readonly _clock: Clock;
  /** The writes under way, in order; failures are reported to the caller that asked for them. */
  private _writes: Promise<void> = Promise.resolve();
  private _compacting = false;

  private constructor(
    vault: TreeVault,
    record: TreeRecord,
    tree: TreeStore,
    options: PersistedTreeOptions,
  ) {
    this._vault = vault;
    this._record = record;
    this.tree = tree;
    this._log = tree.startChangeLog();
    this._compactAt = options.compactAtLogBytes ?? defaultCompactAt;
    this._nodesPerChunk = options.nodesPerChunk;
    this._clock = options.clock ?? systemClock;
  }

  /** Stores `tree` as a new tree (or over an older one of that name) and keeps it. */
  static async create(
    vault: TreeVault,
    identity: Pick<TreeRecord, 'name' | 'namespaceId' | 'role' | 'rootId' | 'diffKey' | 'cursor'>,
    tree: TreeStore,
    options: PersistedTreeOptions = {},
  ): Promise<PersistedTree> {
    const previous = await vault.readTree(identity.name);
    const snapshot = serializeTree(tree, { nodesPerChunk: options.nodesPerChunk });
    const record: TreeRecord = {
      ...identity,
      generation: (previous?.generation ?? 0) + 1,
      chunks: snapshot.length,
      snapshotBytes: byteLength(snapshot),
      segments: 0,
      logBytes: 0,
      rootDiffValue: tree.rootDiffValue,
    };
    const kept = new PersistedTree(vault, record, tree, options);
    await vault.writeSnapshot(record, snapshot);
    return kept;
  }

  /**
   * Restores a stored tree: its snapshot, then every segment in order. `names` is the filename
   * table to intern into (shared by a namespace's three trees). Throws the tree engine's
   * `snapshot_invalid`, `log_base_mismatch` or `log_invalid` for damaged or mismatched buffers,
   * and `tree_incomplete` if buffers the record names are missing.
   */
  static async load(
    vault: TreeVault,
    record: TreeRecord,
    names: FilenameTable | undefined,
    options: PersistedTreeOptions = {},
  ): Promise<PersistedTree> {
    const { snapshot, segments } = await vault.readBuffers(record);
    if (snapshot.length !== record.chunks || segments.length !== record.segments) {
      throw new TreeIncomplete(record, snapshot.length, segments.length);
    }
    const tree = deserializeTree(snapshot, { names });
    for (const segment of segments) ChangeLog.replay(segment, tree);
    if (tree.rootDiffValue !== record.rootDiffValue) throw new TreeIncomplete(record, -1, -1);
    return new PersistedTree(vault, record, tree, options);
  }

  get record(): TreeRecord {
    return this._record;
  }

  /** Changes to `tree` not saved yet. */
  get unsavedChanges(): number {
    return this._log.operationCount;
  }

  /**
   * Saves the changes made since the last save as one segment, with `cursor` (a remote tree's
   * journal position, stored in the same transaction), then compacts in the background if the log
   * has grown past its threshold. Resolves once written.
   */
  save(cursor: number = this._record.cursor): Promise<void> {
    if (this._log.operationCount === 0 && cursor === this._record.cursor) return this._writes;
    if (this._log.operationCount === 0) {
      this._record = { ...this._record, cursor };
      const record = this._record;
      return this._enqueue(() => this._vault.writeRecord(record));
    }
    const segment = this._log.toArrayBuffer();
    this._log = this.tree.startChangeLog();
    this._record = {
      ...this._record,
      cursor,
      segments: this._record.segments + 1,
      logBytes: this._record.logBytes + segment.byteLength,
      rootDiffValue: this.tree.rootDiffValue,
    };
    const record = this._record;
    const written = this._enqueue(() => this._vault.appendSegment(record, segment));
    if (record.logBytes >= this._compactAt) void written.then(() => this._compactInBackground());
    return written;
  }

  /**
   * Writes the tree as it is now as a new snapshot, replacing the old one and its segments
   * (unsaved changes are included, so they are saved too).
   */
  compact(): Promise<void> {
    const snapshot = serializeTree(this.tree, { nodesPerChunk: this._nodesPerChunk });
    this._log = this.tree.startChangeLog();
    this._record = {
      ...this._record,
      generation: this._record.generation + 1,
      chunks: snapshot.length,
      snapshotBytes: byteLength(snapshot),
      segments: 0,
      logBytes: 0,
      rootDiffValue: this.tree.rootDiffValue,
    };
    const record = this._record;
    return this._enqueue(() => this._vault.writeSnapshot(record, snapshot));
  }

  /** Resolves once every write asked for so far is done (or failed). */
  settled(): Promise<void> {
    return this._writes.catch(() => undefined);
  }

  /** Stops recording: the tree is no longer kept (its stored copy stays as last saved). */
  close(): void {
    this.tree.stopChangeLog();
  }

  /** Stops keeping the tree: no more logging, the writes under way finished, its memory freed. */
  async release(): Promise<void> {
    this.close();
    await this.settled();
    this.tree.dispose();
  }

  private _compactInBackground(): void {
    if (this._compacting || this._record.logBytes < this._compactAt) return;
    this._compacting = true;
    // A task of its own, so the pull or commit that grew the log answers first.
    void this._clock
      .sleep(0)
      .then(() => this.compact())
      .catch(() => undefined) // the segments stay; the next save tries again
      .finally(() => (this._compacting = false));
  }

  private _enqueue(write: () => Promise<void>): Promise<void> {
    const next = this._writes.catch(() => undefined).then(write);
    this._writes = next;
    return next;
  }
}

/** The record names buffers the store does not hold (or they do not add up to its root value). */
export class TreeIncomplete extends Error {
  readonly code = 'tree_incomplete';
  constructor(record: TreeRecord, chunks: number, segments: number) {
    super(
      chunks < 0
        ? `Tree ${record.name} does not end on its recorded root value.`
        : `Tree ${record.name} names ${record.chunks} chunks and ${record.segments} segments; ` +
            `the store has ${chunks} and ${segments}.`,
    );
    this.name = 'TreeIncomplete';
  }
}

function byteLength(buffers: ArrayBuffer[]): number {
  return buffers.reduce((sum, b) => sum + b.byteLength, 0);
}

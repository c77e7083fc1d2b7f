// Where the sync worker keeps its trees: snapshots in chunks plus change-log segments, never a record per node.
import type { TreeRecord } from './schema.ts';

/** A stored tree's buffers, read in one go. */
export interface StoredTreeBuffers {
  /** The snapshot: header first, then the node chunks (what `deserializeTree` takes). */
  snapshot: ArrayBuffer[];
  /** The change-log segments written since, oldest first. */
  segments: ArrayBuffer[];
}

/**
 * The storage the sync worker's trees need. Each write is one transaction: a reader sees a tree's
 * record together with exactly the buffers it names, whatever crashed when.
 */
export interface TreeVault {
  /** Every stored tree's record. */
  listTrees(): Promise<TreeRecord[]>;
  readTree(name: string): Promise<TreeRecord | undefined>;
  /** The snapshot and the segments `record` names (of its generation). */
  readBuffers(record: TreeRecord): Promise<StoredTreeBuffers>;
  /**
   * Stores a new snapshot: writes `snapshot` as `record`'s generation (with no segments) and
   * deletes every buffer of older generations.
   */
  writeSnapshot(record: TreeRecord, snapshot: ArrayBuffer[]): Promise<void>;
  /** Appends one segment (index `record.segments - 1`) and saves `record` with it. */
  appendSegment(record: TreeRecord, segment: ArrayBuffer): Promise<void>;
  /** Saves `record` alone: a cursor that moved while the tree did not change. */
  writeRecord(record: TreeRecord): Promise<void>;
  /** Forgets a tree and its buffers. */
  deleteTree(name: string): Promise<void>;
}

// A node as the tree's callers see it: plain values at the API edge, never how the store keeps them.

export type NodeKind = 'folder' | 'file';

/** What `TreeStore.add` takes. Sizes are bytes, `mtime` is seconds since the Unix epoch. */
export interface NodeInput {
  /** File id, an integer in 0 … 2^32−1, unique in the tree. */
  id: number;
  /** File id of the folder it goes in (the seed's DirFileID). */
  parent: number;
  name: string;
  kind: NodeKind;
  /** Bytes, an integer in 0 … 2^48−1 (default 0). */
  size?: number;
  /**
   * Hex of the content hash, at least 16 digits; the tree keeps its first 64 bits, enough to tell
   * an edit apart (default all zero, as for folders).
   */
  contentHash?: string;
  /** Seconds since the Unix epoch, 0 … 2^32−1 (default 0). */
  mtime?: number;
  /** Server revision, 0 … 2^32−1 (default 0). */
  rev?: number;
}

/** What `TreeStore.edit` changes; absent fields stay as they are. */
export type NodeEdit = Partial<Pick<NodeInput, 'kind' | 'size' | 'contentHash' | 'mtime' | 'rev'>>;

/** A node read back from the tree. */
export interface TreeNode {
  id: number;
  /** File id of the parent, or null for the root. */
  parent: number | null;
  /** The NFC name; empty for the root. */
  name: string;
  kind: NodeKind;
  size: number;
  /** The kept 64 bits of the content hash, as 16 hex digits. */
  contentHash: string;
  mtime: number;
  rev: number;
}

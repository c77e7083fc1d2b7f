// The tree engine's public surface: re-exports only. Test aids (compareNodeByNode, the node-by-node
// baseline; verifyDiffValues, the full recompute) are imported from their own files.
export { ChangeLog } from './change-log.ts';
export { diffModified } from './diff-modified.ts';
export { diffTrees } from './diff-trees.ts';
export { FilenameTable, type FilenameTableOptions, type NameHolder } from './filename-table.ts';
export { formatHashKey, parseHashKey, randomHashKey, type HashKey } from './hash-key.ts';
export { loadListing, type LoadedListing, type LoadListingOptions } from './load-listing.ts';
export { normalizeName, MAX_NAME_BYTES } from './normalize-name.ts';
export type { TreeChange } from './tree-change.ts';
export { TreeError, type TreeErrorCode } from './tree-error.ts';
export type { NodeEdit, NodeInput, NodeKind, TreeNode } from './tree-node.ts';
export {
  deserializeTree,
  serializeTree,
  type DeserializeOptions,
  type SerializeOptions,
} from './tree-snapshot.ts';
export { TreeStore, type TreeStoreOptions } from './tree-store.ts';

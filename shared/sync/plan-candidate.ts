// The planner's candidate operations: one constructor per kind of work on a side, each with what
// blocks it (the seed's rules: the parent exists on that side, the name is free, no cycle).
import type { TreeNode, TreeStore } from '../tree/index.ts';
import { contentOf, sameContent, sameLocation } from './node-view.ts';
import type { NodeContent, NodeLocation, SyncOperation } from './sync-operation.ts';
import type { NodeTarget, SyncTargets } from './sync-targets.ts';
import type { SyncSide, SyncTrees } from './sync-trees.ts';

/** Why an operation cannot run yet. */
export type BlockReason =
  /** The folder it goes into is not on that side yet. */
  | 'parent_missing'
  /** Another node still holds the name (by folded key) and has yet to leave. */
  | 'name_taken'
  /** It would go into its own subtree. */
  | 'cycle'
  /** A folder above its destination has yet to move on that side. */
  | 'ancestor_moving'
  /** A folder to delete still has children on that side. */
  | 'children_left'
  /** The destination folder is about to become a conflicted copy on the device. */
  | 'parent_splitting';

/** An operation the planner found, and what it waits for if it cannot run yet. */
export interface Candidate {
  operation: SyncOperation;
  block?: { reason: BlockReason; waitsFor: number };
}

/** The tree of a side that holds files (the sync side has no operations of its own but records). */
export function treeOf(trees: SyncTrees, side: SyncSide): TreeStore {
  return side === 'remote' ? trees.remote : trees.local;
}

/** `parent/name`, as operation keys spell a place. */
export function placeOf(location: NodeLocation): string {
  return `${location.parent}/${location.name}`;
}

export function deleteCandidate(tree: TreeStore, side: SyncSide, node: TreeNode): Candidate {
  const children = tree.children(node.id);
  const base = { key: `${side}:delete:${node.id}`, type: 'delete' as const, id: node.id };
  const empty = node.kind === 'folder' ? { empty: true as const } : {};
  const operation: SyncOperation =
    side === 'remote'
      ? { ...base, side, size: node.size, assumes: { rev: node.rev, ...empty } }
      : { ...base, side, size: node.size, assumes: { contentHash: node.contentHash, ...empty } };
  return {
    operation,
    block: children.length > 0 ? { reason: 'children_left', waitsFor: children[0]! } : undefined,
  };
}

export function createCandidate(
  trees: SyncTrees,
  targets: SyncTargets,
  side: SyncSide,
  id: number,
  target: NodeTarget,
  source: TreeNode,
): Candidate {
  const location = { parent: target.parent, name: target.name };
  const content: NodeContent = contentOf(source);
  const folder = content.kind === 'folder';
  const where = placeOf(location);
  let operation: SyncOperation;
  if (side === 'remote') {
    operation = folder
      ? {
          key: `remote:add:${id}:${where}`,
          side,
          type: 'add',
          id,
          location,
          assumes: { absent: true },
        }
      : {
          key: `remote:upload:${id}:${where}:${content.contentHash}:${content.size}`,
          side,
          type: 'upload',
          id,
          location,
          content,
          assumes: { absent: true },
        };
  } else {
    operation = folder
      ? {
          key: `local:createFolder:${id}:${where}`,
          side,
          type: 'createFolder',
          id,
          location,
          assumes: { absent: true },
        }
      : {
          key: `local:download:${id}:${where}:${content.contentHash}:${content.size}`,
          side,
          type: 'download',
          id,
          location,
          content,
          rev: source.rev,
          assumes: { absent: true },
        };
  }
  return { operation, block: _placeBlock(trees, targets, side, id, location, false) };
}

export function moveCandidate(
  trees: SyncTrees,
  targets: SyncTargets,
  side: SyncSide,
  node: TreeNode,
  target: NodeTarget,
): Candidate {
  const location = { parent: target.parent, name: target.name };
  const assumes = { parent: node.parent!, name: node.name };
  return {
    operation: {
      key: `${side}:move:${node.id}:${placeOf(location)}`,
      side,
      type: 'move',
      id: node.id,
      location,
      assumes,
    },
    block: _placeBlock(trees, targets, side, node.id, location, true),
  };
}

export function contentCandidate(side: SyncSide, node: TreeNode, source: TreeNode): Candidate {
  const content = contentOf(source);
  const what = `${content.kind}:${content.contentHash}:${content.size}`;
  if (side === 'remote') {
    return {
      operation: {
        key: `remote:edit:${node.id}:${what}`,
        side,
        type: 'edit',
        id: node.id,
        content,
        assumes: { rev: node.rev },
      },
    };
  }
  return {
    operation: {
      key: `local:download:${node.id}:${what}`,
      side,
      type: 'download',
      id: node.id,
      location: { parent: node.parent!, name: node.name },
      content,
      rev: source.rev,
      assumes: { contentHash: node.contentHash },
    },
  };
}

/**
 * Why `id` cannot be put at `location` on `side` yet, if it cannot: the seed's rules that an
 * add's parent must exist in the opposite tree and its (parent, name) be free there, and that a
 * move never closes a cycle. Moves also wait while a folder on the way up from the destination
 * is still to move on that side, so the moves of one batch cannot combine into a cycle.
 */
function _placeBlock(
  trees: SyncTrees,
  targets: SyncTargets,
  side: SyncSide,
  id: number,
  location: NodeLocation,
  moving: boolean,
): Candidate['block'] {
  const tree = treeOf(trees, side);
  const parent = targets.node(tree, location.parent);
  if (parent === undefined || parent.kind !== 'folder') {
    return { reason: 'parent_missing', waitsFor: location.parent };
  }
  if (side === 'local' && targets.of(location.parent)?.keepLocalCopy === true) {
    return { reason: 'parent_splitting', waitsFor: location.parent };
  }
  const holder = targets
    .childrenFolded(tree, location.parent, targets.nameKey(location.name))
    .find((other) => other !== id);
  if (holder !== undefined) return { reason: 'name_taken', waitsFor: holder };
  if (!moving) return undefined;
  // A cycle waits for the node just below `id` on the way up: that one has to move out first.
  let below = location.parent;
  for (let up: TreeNode | undefined = parent; up !== undefined && up.parent !== null;) {
    if (up.id === id) return { reason: 'cycle', waitsFor: below };
    below = up.id;
    const upTarget = targets.of(up.id);
    if (upTarget === null || !sameLocation(up as NodeLocation, upTarget)) {
      return { reason: 'ancestor_moving', waitsFor: up.id };
    }
    up = targets.node(tree, up.parent);
  }
  return undefined;
}

/** A sync-tree record when remote and local agree on something the sync tree does not hold yet. */
export function recordCandidate(
  trees: SyncTrees,
  targets: SyncTargets,
  id: number,
  remote: TreeNode | undefined,
  local: TreeNode | undefined,
  sync: TreeNode | undefined,
): Candidate | undefined {
  if (remote === undefined || local === undefined) return undefined;
  const located = sameLocation(remote as NodeLocation, local as NodeLocation);
  const filled = sameContent(contentOf(remote), contentOf(local));
  const moves =
    located && (sync === undefined || !sameLocation(sync as NodeLocation, remote as NodeLocation));
  const edits = filled && sync !== undefined && !sameContent(contentOf(sync), contentOf(remote));
  if (sync === undefined ? !(located && filled) : !moves && !edits) return undefined;
  const operation: SyncOperation = {
    key: `sync:record:${id}:${placeOf(remote as NodeLocation)}:${remote.contentHash}:${remote.size}:${remote.kind}`,
    side: 'sync',
    type: 'record',
    id,
    assumes: {},
  };
  if (!moves) return { operation };
  const parent = targets.node(trees.sync, remote.parent!);
  if (parent === undefined || parent.kind !== 'folder') {
    return { operation, block: { reason: 'parent_missing', waitsFor: remote.parent! } };
  }
  const holder = trees.sync.childByName(remote.parent!, remote.name);
  if (holder !== undefined && holder !== id) {
    return { operation, block: { reason: 'name_taken', waitsFor: holder } };
  }
  // A cycle waits for the first folder on the way up that the sync tree still has to move: it
  // has to move out from under this node first.
  let mover: number | undefined;
  for (let up: TreeNode | undefined = parent; up !== undefined;) {
    if (up.id === id) {
      return { operation, block: { reason: 'cycle', waitsFor: mover ?? remote.parent! } };
    }
    const there = targets.node(trees.remote, up.id);
    if (
      mover === undefined &&
      there !== undefined &&
      !sameLocation(there as NodeLocation, up as NodeLocation)
    ) {
      mover = up.id;
    }
    up = up.parent === null ? undefined : targets.node(trees.sync, up.parent);
  }
  return { operation };
}

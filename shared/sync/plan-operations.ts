// The planner: three trees in, the next batch of independent operations out, with what is blocked and why.
import { diffModified, diffTrees, type TreeNode, type TreeStore } from '../tree/index.ts';
import { contentOf, sameContent, sameLocation } from './node-view.ts';
import { compareOperations } from './rank-operations.ts';
import type { NodeContent, NodeLocation, SyncOperation } from './sync-operation.ts';
import { SyncTargets, type NodeTarget } from './sync-targets.ts';
import type { SyncSide, SyncTrees } from './sync-trees.ts';

export interface PlanOptions {
  /** The clock's now: the day conflicted copies are named after. */
  now: Date;
  /** Most operations in one batch (default 1,000). */
  batchSize?: number;
  /**
   * Incremental mode: look only at these ids (modified on either side since the last plan, plus
   * the last plan's `pending`) and what they bring along. Absent: diff the whole trees.
   */
  modified?: Iterable<number>;
}

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

export interface BlockedOperation {
  operation: SyncOperation;
  reason: BlockReason;
  /** The node it waits for. */
  waitsFor: number;
}

export interface SyncPlan {
  /** The batch to run now: unblocked, ranked, at most `batchSize`, runnable in any order. */
  operations: SyncOperation[];
  /** Unblocked operations left for a later batch. */
  deferred: SyncOperation[];
  blocked: BlockedOperation[];
  /** Ids with work left (batched, deferred or blocked): pass them back as `modified` next time. */
  pending: number[];
}

interface Candidate {
  operation: SyncOperation;
  block?: { reason: BlockReason; waitsFor: number };
}

/**
 * Plans the next batch. Diffs remote against sync and local against sync (top-down, or only the
 * `modified` ids), settles each changed node's target with SyncTargets (the conflict rules), and
 * turns the gap between each tree and the target into operations: for the device (download,
 * createFolder, move, delete, keepConflictedCopy, adopt), for the server (upload, add, edit, move,
 * delete), and sync-tree records when both sides agree. An operation waits while its parent is
 * missing on its side, its name is held by a node yet to leave, it would close a cycle, or (a
 * folder's delete) children remain. Pure: reads the trees, changes nothing.
 */
export function planOperations(trees: SyncTrees, options: PlanOptions): SyncPlan {
  const targets = new SyncTargets(trees, options.now);
  const ids = new Set<number>();
  if (options.modified === undefined) {
    for (const change of diffTrees(trees.sync, trees.remote)) ids.add(change.id);
    for (const change of diffTrees(trees.sync, trees.local)) ids.add(change.id);
  } else {
    const listed = [...new Set(options.modified)];
    for (const change of diffModified(trees.sync, trees.remote, listed)) ids.add(change.id);
    for (const change of diffModified(trees.sync, trees.local, listed)) ids.add(change.id);
    for (const id of listed) ids.add(id);
  }
  const candidates: Candidate[] = [];
  const planned = new Set<number>();
  // Targets reach beyond the changed ids (names contested by unchanged nodes, ancestors): those
  // nodes may need work too, so keep going until no new id was touched.
  // In id order, whichever mode found them: the same plan either way, and folders stay together.
  let queue = [...ids].sort((a, b) => a - b);
  while (queue.length > 0) {
    for (const id of queue) {
      if (planned.has(id)) continue;
      planned.add(id);
      if (id !== trees.remote.rootId) _planNode(trees, targets, id, candidates);
    }
    queue = [...targets.touched()].filter((id) => !planned.has(id)).sort((a, b) => a - b);
  }
  _breakRings(trees, targets, candidates);

  const ready = candidates.filter((c) => c.block === undefined).map((c) => c.operation);
  ready.sort(compareOperations);
  const batchSize = options.batchSize ?? 1000;
  const pending = new Set<number>();
  for (const c of candidates) pending.add(c.operation.id);
  return {
    operations: ready.slice(0, batchSize),
    deferred: ready.slice(batchSize),
    blocked: candidates
      .filter((c) => c.block !== undefined)
      .map((c) => ({ operation: c.operation, ...c.block! })),
    pending: [...pending].sort((a, b) => a - b),
  };
}

function _planNode(trees: SyncTrees, targets: SyncTargets, id: number, out: Candidate[]): void {
  const adopted = targets.adoptionOf(id);
  if (adopted !== undefined) {
    const name = targets.node(trees.remote, adopted)!.name;
    out.push({
      operation: {
        key: `local:adopt:${id}:${adopted}:${name}`,
        side: 'local',
        type: 'adopt',
        id,
        serverId: adopted,
        name,
        assumes: { contentHash: targets.node(trees.local, id)!.contentHash },
      },
    });
    return;
  }
  const target = targets.of(id);
  const remote = targets.node(trees.remote, id);
  const local = targets.node(trees.local, id);
  const sync = targets.node(trees.sync, id);
  if (target === null) {
    if (remote !== undefined) out.push(_delete(trees.remote, 'remote', remote));
    if (local !== undefined) out.push(_delete(trees.local, 'local', local));
    if (remote === undefined && local === undefined && sync !== undefined) {
      const children = trees.sync.children(id);
      out.push({
        operation: { key: `sync:record:${id}:gone`, side: 'sync', type: 'record', id, assumes: {} },
        block:
          children.length > 0 ? { reason: 'children_left', waitsFor: children[0]! } : undefined,
      });
    }
    return;
  }
  const source = target.content === 'remote' ? (remote ?? local)! : (local ?? remote)!;
  for (const side of ['remote', 'local'] as const) {
    const node = side === 'remote' ? remote : local;
    if (side === 'local' && target.keepLocalCopy && node !== undefined) {
      const name = targets.localCopyName(id);
      out.push({
        operation: {
          key: `local:keepConflictedCopy:${id}:${name}`,
          side: 'local',
          type: 'keepConflictedCopy',
          id,
          name,
          assumes: { contentHash: node.contentHash },
        },
      });
      continue;
    }
    if (node === undefined) {
      out.push(_create(trees, targets, side, id, target, source));
      continue;
    }
    if (!sameLocation(node as NodeLocation, target)) {
      out.push(_move(trees, targets, side, node, target));
    }
    const content = contentOf(source);
    if (!sameContent(contentOf(node), content)) out.push(_changeContent(side, node, source));
  }
  const record = _record(trees, targets, id, remote, local, sync);
  if (record !== undefined) out.push(record);
}

function _treeOf(trees: SyncTrees, side: SyncSide): TreeStore {
  return side === 'remote' ? trees.remote : trees.local;
}

function _where(location: NodeLocation): string {
  return `${location.parent}/${location.name}`;
}

function _delete(tree: TreeStore, side: SyncSide, node: TreeNode): Candidate {
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

function _create(
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
  const where = _where(location);
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

function _move(
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
      key: `${side}:move:${node.id}:${_where(location)}`,
      side,
      type: 'move',
      id: node.id,
      location,
      assumes,
    },
    block: _placeBlock(trees, targets, side, node.id, location, true),
  };
}

function _changeContent(side: SyncSide, node: TreeNode, source: TreeNode): Candidate {
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
  const tree = _treeOf(trees, side);
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
function _record(
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
    key: `sync:record:${id}:${_where(remote as NodeLocation)}:${remote.contentHash}:${remote.size}:${remote.kind}`,
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

/**
 * Operations that wait for each other in a ring would wait forever: a swap of two names, a
 * rotation of three, a new folder taking the name of a file that moves into it, a file moving out
 * of a deleted folder onto the folder's name. Each ring is broken by the
 * smallest id in it that holds a name another member waits for: it steps aside to a temporary name.
 */
function _breakRings(trees: SyncTrees, targets: SyncTargets, candidates: Candidate[]): void {
  for (const side of ['remote', 'local', 'sync'] as const) {
    const waits = new Map<number, { to: number; reason: BlockReason }>();
    for (const c of candidates) {
      const op = c.operation;
      if (op.side === side && c.block !== undefined) {
        waits.set(op.id, { to: c.block.waitsFor, reason: c.block.reason });
      }
    }
    const settled = new Set<number>();
    for (const start of waits.keys()) {
      const path: number[] = [];
      const onPath = new Set<number>();
      let at: number | undefined = start;
      while (at !== undefined && !onPath.has(at) && !settled.has(at)) {
        path.push(at);
        onPath.add(at);
        at = waits.get(at)?.to;
      }
      for (const id of path) settled.add(id);
      if (at === undefined || !onPath.has(at)) continue;
      const ring = path.slice(path.indexOf(at));
      const holders = ring
        .filter((id) => waits.get(id)!.reason === 'name_taken')
        .map((id) => waits.get(id)!.to);
      if (holders.length === 0) continue;
      const first = Math.min(...holders);
      const node = targets.node(side === 'sync' ? trees.sync : _treeOf(trees, side), first)!;
      const location = { parent: node.parent!, name: _temporaryName(first) };
      if (side === 'sync') {
        candidates.push({
          operation: {
            key: `sync:record:${first}:aside`,
            side,
            type: 'record',
            id: first,
            stepAside: location,
            assumes: {},
          },
        });
        continue;
      }
      candidates.push({
        operation: {
          key: `${side}:move:${first}:${_where(location)}`,
          side,
          type: 'move',
          id: first,
          location,
          temporary: true,
          assumes: { parent: node.parent!, name: node.name },
        },
      });
    }
  }
}

/** A name no user picks, unique per node, portable and short. */
function _temporaryName(id: number): string {
  return `.cubby-moving-${id}`;
}

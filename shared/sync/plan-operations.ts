// The planner: three trees in, the next batch of independent operations out, with what is blocked and why.
import { diffModified, diffTrees } from '../tree/index.ts';
import { breakRings } from './break-rings.ts';
import { contentOf, sameContent, sameLocation } from './node-view.ts';
import {
  contentCandidate,
  createCandidate,
  deleteCandidate,
  moveCandidate,
  recordCandidate,
  type BlockReason,
  type Candidate,
} from './plan-candidate.ts';
import { compareOperations } from './rank-operations.ts';
import type { NodeLocation, SyncOperation } from './sync-operation.ts';
import { SyncTargets } from './sync-targets.ts';
import type { SyncTrees } from './sync-trees.ts';

export type { BlockReason } from './plan-candidate.ts';

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
  breakRings(trees, targets, candidates);

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
    if (remote !== undefined) out.push(deleteCandidate(trees.remote, 'remote', remote));
    if (local !== undefined) out.push(deleteCandidate(trees.local, 'local', local));
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
      out.push(createCandidate(trees, targets, side, id, target, source));
      continue;
    }
    if (!sameLocation(node as NodeLocation, target)) {
      out.push(moveCandidate(trees, targets, side, node, target));
    }
    const content = contentOf(source);
    if (!sameContent(contentOf(node), content)) out.push(contentCandidate(side, node, source));
  }
  const record = recordCandidate(trees, targets, id, remote, local, sync);
  if (record !== undefined) out.push(record);
}

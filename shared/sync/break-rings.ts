// Breaks rings of operations that wait for each other (swaps, rotations) by moving one node aside.
import type { BlockReason, Candidate } from './plan-candidate.ts';
import { placeOf, treeOf } from './plan-candidate.ts';
import type { SyncTargets } from './sync-targets.ts';
import type { SyncTrees } from './sync-trees.ts';
/**
 * Operations that wait for each other in a ring would wait forever: a swap of two names, a
 * rotation of three, a new folder taking the name of a file that moves into it, a file moving out
 * of a deleted folder onto the folder's name. Each ring is broken by the
 * smallest id in it that holds a name another member waits for: it steps aside to a temporary name.
 */
export function breakRings(trees: SyncTrees, targets: SyncTargets, candidates: Candidate[]): void {
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
      const node = targets.node(side === 'sync' ? trees.sync : treeOf(trees, side), first)!;
      const location = { parent: node.parent!, name: temporaryName(first) };
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
          key: `${side}:move:${first}:${placeOf(location)}`,
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
function temporaryName(id: number): string {
  return `.cubby-moving-${id}`;
}

// Keeps a namespace's remote tree equal to the server: snapshot once, then the journal, checked by digest.
import type { NamespaceInfo, SnapshotAnswer } from '../../shared/api/content.ts';
import { parseHashKey, TreeError, TreeStore, type FilenameTable } from '../../shared/tree/index.ts';
import { applyJournalEntry, placeNode } from './apply-journal-entry.ts';
import type { ContentApi } from './content-api.ts';
import { descendDigests } from './digest-descent.ts';
import type { RepairReport } from '../common/sync-client/sync-api.ts';

export type { PullReport, RepairReport } from '../common/sync-client/sync-api.ts';

/** How many descents are tried before the tree is rebuilt from a snapshot. */
const repairAttempts = 3;

/** The remote tree of `ns`, built from a snapshot answer (parents come before children in it). */
export function treeFromSnapshot(
  ns: Pick<NamespaceInfo, 'rootId' | 'diffKey'>,
  snapshot: SnapshotAnswer,
  names: FilenameTable,
): TreeStore {
  const tree = new TreeStore({
    rootId: ns.rootId,
    key: parseHashKey(ns.diffKey),
    names,
    capacity: snapshot.nodes.length,
  });
  for (const node of snapshot.nodes) placeNode(tree, node);
  return tree;
}

/**
 * Puts into `tree` the subtrees rooted at `roots` as `snapshot` has them: every node of theirs is
 * placed (added, or moved and edited to match), and nodes the tree holds under them that the
 * snapshot does not are removed. Returns how many nodes it placed. A node that cannot be placed
 * (its name is still taken by a node the journal moves away later) is left for the digest check.
 */
export function spliceSubtrees(tree: TreeStore, snapshot: SnapshotAnswer, roots: number[]): number {
  const inside = new Set(roots);
  let placed = 0;
  for (const node of snapshot.nodes) {
    if (!inside.has(node.id) && (node.parentId === null || !inside.has(node.parentId))) continue;
    inside.add(node.id);
    try {
      placeNode(tree, node);
      placed++;
    } catch (err) {
      if (!(err instanceof TreeError)) throw err;
    }
  }
  // What the tree holds under the roots and the snapshot does not: gone on the server.
  for (const root of roots) {
    if (!tree.has(root)) continue;
    const stack = [root];
    while (stack.length > 0) {
      for (const child of tree.children(stack.pop()!)) {
        if (inside.has(child)) stack.push(child);
        else tree.remove(child);
      }
    }
  }
  return placed;
}

/**
 * Pulls the journal of `namespaceId` after `cursor` into `tree`, page by page; `onPage` is called
 * after each page with its cursor (to save the tree with it). Entries are applied as state, and
 * one that cannot be applied does not stop the rest: the digest check that follows catches it.
 */
export async function pullJournal(
  tree: TreeStore,
  api: ContentApi,
  namespaceId: string,
  cursor: number,
  signal: AbortSignal | undefined,
  onPage: (cursor: number) => Promise<void>,
): Promise<{ cursor: number; digest: string; applied: number; refused: number }> {
  let applied = 0;
  let refused = 0;
  for (;;) {
    const page = await api.changes(namespaceId, cursor, signal);
    for (const entry of page.changes) {
      try {
        applyJournalEntry(tree, entry);
        applied++;
      } catch (err) {
        if (!(err instanceof TreeError)) throw err;
        refused++;
      }
    }
    cursor = page.cursor;
    await onPage(cursor);
    if (!page.more) return { cursor, digest: page.digest, applied, refused };
  }
}

/**
 * Brings a diverged `tree` back to the server's state: descends through /digest (removing, moving
 * and finding what to refetch), takes the subtrees to refetch from one snapshot, then applies the
 * journal after `fromCursor` again — entries are state, so repeats are harmless — to reach one
 * cursor for the whole tree, and checks the digest. Returns the report and the final cursor and
 * digest if the tree matches, or `undefined` fields if it still does not after a few attempts.
 */
export async function repairByDigest(
  tree: TreeStore,
  api: ContentApi,
  namespaceId: string,
  fromCursor: number,
  signal: AbortSignal | undefined,
  onPage: (cursor: number) => Promise<void>,
): Promise<{
  report: RepairReport;
  matched?: { cursor: number; digest: string; applied: number };
}> {
  const report: RepairReport = {
    digestRequests: 0,
    refetched: 0,
    removed: 0,
    moved: 0,
    attempts: 0,
  };
  while (report.attempts < repairAttempts) {
    report.attempts++;
    const descent = await descendDigests(tree, api, namespaceId, signal);
    report.digestRequests += descent.requests;
    report.removed += descent.removed;
    report.moved += descent.moved;
    if (descent.refetch.length > 0) {
      const snapshot = await api.snapshot(namespaceId, signal);
      spliceSubtrees(tree, snapshot, descent.refetch);
      report.refetched += descent.refetch.length;
    }
    const pulled = await pullJournal(tree, api, namespaceId, fromCursor, signal, onPage);
    if (tree.rootDiffValue === pulled.digest) return { report, matched: pulled };
  }
  return { report };
}

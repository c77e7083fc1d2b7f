// How a namespace's remote tree is brought up to the server's: the journal, then repair by digest, then a rebuild.
import type { PullReport } from '../common/sync-client/sync-api.ts';
import type { ContentApi } from './content-api.ts';
import type { NamespaceTrees } from './namespace-trees.ts';
import { pullJournal, repairByDigest, treeFromSnapshot } from './remote-tree-sync.ts';
import { SyncFailure } from './sync-failure.ts';

/**
 * Snapshot on first sight, then the journal after the cursor; a root value that differs from
 * the server's digest (or an entry that could not be applied) starts the repair by digest
 * descent, and if that does not converge the tree is rebuilt from a snapshot — after
 * `beforeRebuild` (the namespace's sync lets go of the old tree). Call it under the namespace's
 * lock (`NamespaceTrees.exclusive`).
 */
export async function pullRemoteTree(
  trees: NamespaceTrees,
  api: ContentApi,
  signal: AbortSignal,
  beforeRebuild: () => Promise<void>,
): Promise<PullReport> {
  const namespaceId = trees.namespaceId;
  let via: PullReport['via'] = 'journal';
  if (!trees.remote) {
    await _rebuild(trees, api, signal);
    via = 'snapshot';
  }
  const remote = trees.remote!;
  const from = remote.record.cursor;
  const save = (cursor: number) => remote.save(cursor);
  const pulled = await pullJournal(remote.tree, api, namespaceId, from, signal, save);
  if (pulled.refused === 0 && remote.tree.rootDiffValue === pulled.digest) {
    const { cursor, digest, applied } = pulled;
    return { namespaceId, cursor, digest, applied, via };
  }
  const repair = await repairByDigest(remote.tree, api, namespaceId, from, signal, save);
  if (repair.matched) {
    const { cursor, digest, applied } = repair.matched;
    await remote.save(cursor);
    return {
      namespaceId,
      cursor,
      digest,
      applied: pulled.applied + applied,
      via: 'repair',
      repair: repair.report,
    };
  }
  await beforeRebuild();
  await _rebuild(trees, api, signal);
  const rebuilt = trees.remote!;
  const after = await pullJournal(
    rebuilt.tree,
    api,
    namespaceId,
    rebuilt.record.cursor,
    signal,
    (c) => rebuilt.save(c),
  );
  return {
    namespaceId,
    cursor: after.cursor,
    digest: after.digest,
    applied: after.applied,
    via: 'rebuild',
    repair: repair.report,
  };
}

/** The remote tree anew from a snapshot, checked against the snapshot's digest. */
async function _rebuild(
  trees: NamespaceTrees,
  api: ContentApi,
  signal: AbortSignal,
): Promise<void> {
  const snapshot = await api.snapshot(trees.namespaceId, signal);
  const tree = treeFromSnapshot(trees, snapshot, trees.names);
  if (tree.rootDiffValue !== snapshot.digest) {
    tree.dispose();
    throw new SyncFailure(
      'digest_mismatch',
      `The snapshot of ${trees.namespaceId} does not add up to its digest.`,
    );
  }
  await trees.replaceRemote(tree, snapshot.cursor);
}

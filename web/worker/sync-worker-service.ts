// The sync worker's work behind SyncApi: restores the trees, pulls and repairs remote trees, moves blobs.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { TreeError } from '../../shared/tree/index.ts';
import type { TreeRecord } from '../db/schema.ts';
import type { TreeVault } from '../db/tree-vault.ts';
import { BlobTransfer, type UploadedBlob } from './blob-transfer.ts';
import { ContentApi } from './content-api.ts';
import { NamespaceTrees } from './namespace-trees.ts';
import { TreeIncomplete, type PersistedTreeOptions } from './persisted-tree.ts';
import {
  pullJournal,
  repairByDigest,
  treeFromSnapshot,
  type PullReport,
} from './remote-tree-sync.ts';
import type {
  DownloadRequest,
  FolderEntry,
  FolderRequest,
  StartOptions,
  StartReport,
  SyncApi,
  TreeSummary,
} from './sync-api.ts';

/** A failure of the worker's own (not the API's), with a code the page can act on. */
export class SyncFailure extends Error {
  readonly code: 'namespace_not_found' | 'digest_mismatch' | 'not_started';
  constructor(code: SyncFailure['code'], message: string) {
    super(message);
    this.name = 'SyncFailure';
    this.code = code;
  }
}

export interface SyncWorkerDeps {
  vault: TreeVault;
  /** Same-origin fetch with the session cookie (tests give one with a base URL and a token). */
  fetch: typeof fetch;
  /** Milliseconds, for `loadMs` (default `performance.now`). */
  now?: () => number;
}

export class SyncWorkerService implements SyncApi {
  private readonly _vault: TreeVault;
  private readonly _fetch: typeof fetch;
  private readonly _api: ContentApi;
  private readonly _now: () => number;
  private _transfer: BlobTransfer;
  private _treeOptions: PersistedTreeOptions = {};
  private readonly _namespaces = new Map<string, NamespaceTrees>();
  private _started: Promise<StartReport> | undefined;

  constructor(deps: SyncWorkerDeps) {
    this._vault = deps.vault;
    this._fetch = deps.fetch;
    this._api = new ContentApi(deps.fetch);
    this._now = deps.now ?? (() => performance.now());
    this._transfer = new BlobTransfer(deps.fetch);
  }

  start(options: StartOptions, signal: AbortSignal): Promise<StartReport> {
    if (!this._started) {
      this._treeOptions = { compactAtLogBytes: options.compactAtLogBytes };
      if (options.transfer) this._transfer = new BlobTransfer(this._fetch, options.transfer);
      this._started = this._restore(signal);
      this._started.catch(() => (this._started = undefined));
    }
    return this._started;
  }

  async syncAll(_request: Record<string, never>, signal: AbortSignal): Promise<PullReport[]> {
    await this._ready();
    const namespaces = await this._api.namespaces(signal);
    const listed = new Set(namespaces.map((ns) => ns.id));
    for (const [id, trees] of this._namespaces) {
      if (listed.has(id)) continue;
      this._namespaces.delete(id);
      await trees.exclusive(() => trees.forget());
    }
    const reports: PullReport[] = [];
    for (const ns of namespaces) {
      const trees = await this._treesFor(ns);
      reports.push(await trees.exclusive(() => this._pull(trees, signal)));
    }
    return reports;
  }

  async pull(request: { namespaceId: string }, signal: AbortSignal): Promise<PullReport> {
    await this._ready();
    let trees = this._namespaces.get(request.namespaceId);
    if (!trees) {
      const ns = (await this._api.namespaces(signal)).find((n) => n.id === request.namespaceId);
      if (!ns) throw new SyncFailure('namespace_not_found', 'You are not in that folder tree.');
      trees = await this._treesFor(ns);
    }
    const kept = trees;
    return kept.exclusive(() => this._pull(kept, signal));
  }

  async trees(_request: Record<string, never>, _signal: AbortSignal): Promise<TreeSummary[]> {
    await this._ready();
    return [...this._namespaces.values()].flatMap((t) => t.summaries());
  }

  async listFolder(request: FolderRequest): Promise<FolderEntry[]> {
    await this._ready();
    const kept = this._namespaces.get(request.namespaceId)?.tree(request.role);
    if (!kept) throw new SyncFailure('namespace_not_found', 'That tree is not kept here.');
    const tree = kept.tree;
    return tree.children(request.folderId ?? tree.rootId).map((id) => {
      const node = tree.get(id)!;
      return {
        id,
        name: node.name,
        kind: node.kind,
        size: node.size,
        mtime: node.mtime,
        rev: node.rev,
      };
    });
  }

  upload(request: { file: Blob }, signal: AbortSignal): Promise<UploadedBlob> {
    return this._transfer.upload(request.file, signal);
  }

  download(request: DownloadRequest, signal: AbortSignal): Promise<Blob> {
    return this._transfer.download(request.sha256, request.size, signal);
  }

  private async _ready(): Promise<void> {
    if (!this._started) throw new SyncFailure('not_started', 'Call start first.');
    await this._started;
  }

  private async _restore(signal: AbortSignal): Promise<StartReport> {
    const began = this._now();
    const records = await this._vault.listTrees();
    signal.throwIfAborted();
    const byNamespace = new Map<string, TreeRecord[]>();
    for (const r of records)
      byNamespace.set(r.namespaceId, [...(byNamespace.get(r.namespaceId) ?? []), r]);
    const dropped: string[] = [];
    await Promise.all(
      [...byNamespace].map(async ([id, group]) => {
        try {
          this._namespaces.set(
            id,
            await NamespaceTrees.load(this._vault, group, this._treeOptions),
          );
        } catch (err) {
          // Damaged or incomplete: the server has the remote tree; local and sync are rebuilt
          // by the planner's next part. Never keep half a tree. (Other failures, such as
          // IndexedDB itself failing, are not a reason to delete anything.)
          if (!(err instanceof TreeError || err instanceof TreeIncomplete)) throw err;
          for (const r of group) {
            dropped.push(r.name);
            await this._vault.deleteTree(r.name);
          }
        }
      }),
    );
    const loadMs = this._now() - began;
    const trees = [...this._namespaces.values()].flatMap((t) => t.summaries());
    return { trees, loadMs, dropped };
  }

  private async _treesFor(ns: NamespaceInfo): Promise<NamespaceTrees> {
    const kept = this._namespaces.get(ns.id);
    if (kept && kept.diffKey === ns.diffKey && kept.rootId === ns.rootId) return kept;
    if (kept) await kept.exclusive(() => kept.forget());
    const created = await NamespaceTrees.create(this._vault, ns, this._treeOptions);
    this._namespaces.set(ns.id, created);
    return created;
  }

  /**
   * Snapshot on first sight, then the journal after the cursor; a root value that differs from
   * the server's digest (or an entry that could not be applied) starts the repair by digest
   * descent, and if that does not converge the tree is rebuilt from a snapshot.
   */
  private async _pull(trees: NamespaceTrees, signal: AbortSignal): Promise<PullReport> {
    const namespaceId = trees.namespaceId;
    let via: PullReport['via'] = 'journal';
    if (!trees.remote) {
      await this._rebuild(trees, signal);
      via = 'snapshot';
    }
    const remote = trees.remote!;
    const from = remote.record.cursor;
    const save = (cursor: number) => remote.save(cursor);
    const pulled = await pullJournal(remote.tree, this._api, namespaceId, from, signal, save);
    if (pulled.refused === 0 && remote.tree.rootDiffValue === pulled.digest) {
      return {
        namespaceId,
        cursor: pulled.cursor,
        digest: pulled.digest,
        applied: pulled.applied,
        via,
      };
    }
    const repair = await repairByDigest(remote.tree, this._api, namespaceId, from, signal, save);
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
    await this._rebuild(trees, signal);
    const rebuilt = trees.remote!;
    const after = await pullJournal(
      rebuilt.tree,
      this._api,
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

  private async _rebuild(trees: NamespaceTrees, signal: AbortSignal): Promise<void> {
    const snapshot = await this._api.snapshot(trees.namespaceId, signal);
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
}

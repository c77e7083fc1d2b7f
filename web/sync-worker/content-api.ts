// The content service as the sync worker uses it: namespaces, journal pages, snapshots, digests, commits.
import type {
  ChangesAnswer,
  CommitAnswer,
  CommitOp,
  ContentNode,
  DigestAnswer,
  NamespaceInfo,
  SnapshotAnswer,
} from '../../shared/api/content.ts';
import { pathFor, routes } from '../../shared/api/routes.ts';
import { apiErrorFrom, fetchFailure } from './api-failure.ts';

/** Journal entries asked for per page (the server allows up to 10,000). */
export const journalPageSize = 5000;

/** Told of every node the server's answers carry (the worker remembers full content hashes). */
export type NodesSeen = (namespaceId: string, nodes: readonly ContentNode[]) => void;

export class ContentApi {
  private readonly _fetch: typeof fetch;
  private readonly _seen: NodesSeen | undefined;

  /** `fetchImpl` defaults to the global fetch: same origin, with the session cookie. */
  constructor(fetchImpl: typeof fetch = (input, init) => fetch(input, init), seen?: NodesSeen) {
    this._fetch = fetchImpl;
    this._seen = seen;
  }

  async namespaces(signal?: AbortSignal): Promise<NamespaceInfo[]> {
    const answer = await this._get<{ namespaces: NamespaceInfo[] }>(
      pathFor(routes.listNamespaces),
      signal,
    );
    return answer.namespaces;
  }

  /** One page of the journal after `cursor`. */
  async changes(ns: string, cursor: number, signal?: AbortSignal): Promise<ChangesAnswer> {
    const answer = await this._get<ChangesAnswer>(
      pathFor(routes.changes, { ns }, { cursor, limit: journalPageSize }),
      signal,
    );
    this._seen?.(
      ns,
      answer.changes.filter((c) => c.op !== 'delete').map((c) => c.node),
    );
    return answer;
  }

  /** Every node, parents before children, with the cursor and digest they correspond to. */
  async snapshot(ns: string, signal?: AbortSignal): Promise<SnapshotAnswer> {
    const answer = await this._get<SnapshotAnswer>(pathFor(routes.snapshot, { ns }), signal);
    this._seen?.(ns, answer.nodes);
    return answer;
  }

  /** The subtree of `dir` (itself first), with the cursor and digest it corresponds to. */
  async subtree(ns: string, dir: number, signal?: AbortSignal): Promise<SnapshotAnswer> {
    const answer = await this._get<SnapshotAnswer>(
      pathFor(routes.snapshot, { ns }, { dir }),
      signal,
    );
    this._seen?.(ns, answer.nodes);
    return answer;
  }

  /** Commits `ops` in one request (each op succeeds or fails on its own). */
  commit(ns: string, ops: CommitOp[], signal?: AbortSignal): Promise<CommitAnswer> {
    return this._json(pathFor(routes.commit, { ns }), signal, {
      method: routes.commit.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ops }),
    });
  }

  /** A folder's diff value and its children's (the root's without `dir`). */
  digest(ns: string, dir: number | undefined, signal?: AbortSignal): Promise<DigestAnswer> {
    return this._get(pathFor(routes.digest, { ns }, { dir }), signal);
  }

  private _get<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
    return this._json(path, signal, { cache: 'no-store' });
  }

  /** The JSON answer to a same-origin request; a failed fetch or a cut-off body is a fetch failure. */
  private async _json<T>(
    path: string,
    signal: AbortSignal | undefined,
    init: RequestInit,
  ): Promise<T> {
    let res: Response;
    try {
      res = await this._fetch(path, { ...init, credentials: 'same-origin', signal });
    } catch (err) {
      throw fetchFailure(err, signal);
    }
    if (!res.ok) throw await apiErrorFrom(res);
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw fetchFailure(err, signal); // cut off mid-body, or aborted
    }
  }
}

// The content service as the sync worker uses it: namespaces, journal pages, snapshots, digests, commits.
import type {
  ChangesAnswer,
  CommitAnswer,
  CommitOp,
  DigestAnswer,
  NamespaceInfo,
  SnapshotAnswer,
} from '../../shared/api/content.ts';
import { routes } from '../../shared/api/routes.ts';
import { apiErrorFrom, fetchFailure } from './api-failure.ts';

/** Journal entries asked for per page (the server allows up to 10,000). */
export const journalPageSize = 5000;

export class ContentApi {
  private readonly _fetch: typeof fetch;

  /** `fetchImpl` defaults to the global fetch: same origin, with the session cookie. */
  constructor(fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this._fetch = fetchImpl;
  }

  async namespaces(signal?: AbortSignal): Promise<NamespaceInfo[]> {
    const answer = await this._get<{ namespaces: NamespaceInfo[] }>(routes.namespaces, signal);
    return answer.namespaces;
  }

  /** One page of the journal after `cursor`. */
  changes(ns: string, cursor: number, signal?: AbortSignal): Promise<ChangesAnswer> {
    return this._get(`${routes.nsChanges(ns)}?cursor=${cursor}&limit=${journalPageSize}`, signal);
  }

  /** Every node, parents before children, with the cursor and digest they correspond to. */
  snapshot(ns: string, signal?: AbortSignal): Promise<SnapshotAnswer> {
    return this._get(routes.nsSnapshot(ns), signal);
  }

  /** The subtree of `dir` (itself first), with the cursor and digest it corresponds to. */
  subtree(ns: string, dir: number, signal?: AbortSignal): Promise<SnapshotAnswer> {
    return this._get(`${routes.nsSnapshot(ns)}?dir=${dir}`, signal);
  }

  /** Commits `ops` in one request (each op succeeds or fails on its own). */
  async commit(ns: string, ops: CommitOp[], signal?: AbortSignal): Promise<CommitAnswer> {
    let res: Response;
    try {
      res = await this._fetch(routes.nsOps(ns), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ops }),
        signal,
      });
    } catch (err) {
      throw fetchFailure(err, signal);
    }
    if (!res.ok) throw await apiErrorFrom(res);
    try {
      return (await res.json()) as CommitAnswer;
    } catch (err) {
      throw fetchFailure(err, signal);
    }
  }

  /** A folder's diff value and its children's (the root's without `dir`). */
  digest(ns: string, dir: number | undefined, signal?: AbortSignal): Promise<DigestAnswer> {
    const query = dir === undefined ? '' : `?dir=${dir}`;
    return this._get(routes.nsDigest(ns) + query, signal);
  }

  private async _get<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
    let res: Response;
    try {
      res = await this._fetch(path, { credentials: 'same-origin', cache: 'no-store', signal });
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

// Moves file bytes to and from the blob API: whole or chunked resumable uploads, ranged resumable downloads.
import type { UploadState } from '../../shared/api/content.ts';
import { pathFor, routes } from '../../shared/api/routes.ts';
import type { Clock } from '../../shared/sync/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import { apiErrorFrom, fetchFailure, isTransient } from './api-failure.ts';
import { sha256Hex } from './sha256-hex.ts';
import { systemClock } from './system-clock.ts';
import { TaskLimiter } from './task-limiter.ts';
import type { TransferOptions, UploadedBlob } from '../common/sync-client/sync-api.ts';
import { withRetries, type RetryOptions } from './with-retries.ts';

export type { TransferOptions, UploadedBlob } from '../common/sync-client/sync-api.ts';

const mib = 1 << 20;

/** A chunk the server did not take where we thought (another try, or a cut): ask it and go on. */
function chunkRetryable(err: unknown): boolean {
  return isTransient(err) || (err instanceof ApiError && err.code === 'offset_mismatch');
}

/** What a caller of `upload` may learn and pass along. */
export interface UploadHooks {
  /** The file's SHA-256 when the caller has it already (saves hashing it twice). */
  sha256?: string;
  /** A resumable upload was started or resumed (keep the id to resume after a reload). */
  onStarted?(uploadId: string, offset: number): void;
  /** The server holds this many bytes of it. */
  onProgress?(offset: number): void;
}

export class BlobTransfer {
  private readonly _fetch: typeof fetch;
  private readonly _wholeBytes: number;
  private readonly _chunkBytes: number;
  private readonly _limiter: TaskLimiter;
  private readonly _retry: Omit<RetryOptions, 'retryable'>;

  /** `clock` times the waits between retries (default the worker's real timers). */
  constructor(fetchImpl: typeof fetch, options: TransferOptions = {}, clock: Clock = systemClock) {
    this._fetch = fetchImpl;
    this._wholeBytes = options.wholeUploadBytes ?? 8 * mib;
    this._chunkBytes = Math.max(1, options.chunkBytes ?? 8 * mib);
    this._limiter = new TaskLimiter(options.concurrency ?? 4);
    this._retry = { ...options.retry, clock };
  }

  /** Transfers running now (never more than `concurrency`). */
  get running(): number {
    return this._limiter.running;
  }

  /**
   * Uploads `file` as a blob named by its SHA-256. Small files go whole; larger ones through a
   * resumable upload (`resumeUploadId` continues one started before, from the offset the server
   * has). Transient failures are retried; a chunk cut off midway resumes where the server says.
   */
  upload(
    file: Blob,
    signal?: AbortSignal,
    resumeUploadId?: string,
    hooks: UploadHooks = {},
  ): Promise<UploadedBlob> {
    return this._limiter.run(async () => {
      const sha256 = hooks.sha256 ?? (await sha256Hex(file));
      if (file.size <= this._wholeBytes && resumeUploadId === undefined) {
        return withRetries(
          () => this._json<UploadedBlob>('PUT', pathFor(routes.putBlob, { sha256 }), file, signal),
          signal,
          this._retry,
        );
      }
      return this._uploadInChunks(file, sha256, signal, resumeUploadId, hooks);
    });
  }

  /**
   * Downloads blob `sha256` of `size` bytes. A body cut short is resumed with `Range` from the
   * bytes already received; the result is checked against its SHA-256 (`hash_mismatch`).
   */
  download(sha256: string, size: number, signal?: AbortSignal): Promise<Blob> {
    return this._limiter.run(async () => {
      const parts: Uint8Array[] = [];
      let received = 0;
      await withRetries(
        async () => {
          const headers: Record<string, string> = {};
          if (received > 0) headers.range = `bytes=${received}-`;
          const res = await this._request(
            'GET',
            pathFor(routes.getBlob, { sha256 }),
            undefined,
            signal,
            headers,
          );
          if (received > 0 && res.status !== 206) {
            parts.length = 0; // the server sent it all again: start over
            received = 0;
          }
          const reader = res.body!.getReader();
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              parts.push(value);
              received += value.byteLength;
            }
          } catch (err) {
            throw fetchFailure(err, signal);
          }
          if (received < size) {
            throw new ApiError(
              0,
              'network',
              `The download stopped at ${received} of ${size} bytes.`,
            );
          }
        },
        signal,
        this._retry,
      );
      const blob = new Blob(parts as BlobPart[]);
      if ((await sha256Hex(blob)) !== sha256) {
        throw new ApiError(0, 'hash_mismatch', 'The downloaded bytes do not match their hash.');
      }
      return blob;
    });
  }

  private async _uploadInChunks(
    file: Blob,
    sha256: string,
    signal: AbortSignal | undefined,
    resumeUploadId: string | undefined,
    hooks: UploadHooks,
  ): Promise<UploadedBlob> {
    const begin = () =>
      withRetries(
        () =>
          this._json<UploadState>(
            'POST',
            pathFor(routes.createUpload),
            { sha256, size: file.size },
            signal,
          ),
        signal,
        this._retry,
      );
    let state: UploadState;
    if (resumeUploadId === undefined) state = await begin();
    else {
      try {
        state = await withRetries(
          () =>
            this._json<UploadState>(
              'GET',
              pathFor(routes.getUpload, { id: resumeUploadId }),
              undefined,
              signal,
            ),
          signal,
          this._retry,
        );
      } catch (err) {
        // Finished, expired or not ours any more: start over rather than fail.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        state = await begin();
      }
    }
    hooks.onStarted?.(state.id, state.offset);
    let offset = state.offset;
    while (offset < file.size) {
      offset = await withRetries(
        async (tryNumber) => {
          const at =
            tryNumber === 0
              ? offset
              : (
                  await this._json<UploadState>(
                    'GET',
                    pathFor(routes.getUpload, { id: state.id }),
                    undefined,
                    signal,
                  )
                ).offset;
          if (at >= file.size) return at;
          const chunk = file.slice(at, Math.min(file.size, at + this._chunkBytes));
          const path = pathFor(routes.appendUpload, { id: state.id }, { offset: at });
          return (await this._json<UploadState>('PUT', path, chunk, signal)).offset;
        },
        signal,
        { ...this._retry, retryable: chunkRetryable },
      );
      hooks.onProgress?.(offset);
    }
    const done = await withRetries(
      () =>
        this._json<UploadedBlob>(
          'POST',
          pathFor(routes.finishUpload, { id: state.id }),
          undefined,
          signal,
        ),
      signal,
      this._retry,
    );
    return { ...done, uploadId: state.id };
  }

  private async _json<T>(
    method: string,
    path: string,
    body: Blob | object | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const res = await this._request(method, path, body, signal, {});
    try {
      return (await res.json()) as T;
    } catch (err) {
      throw fetchFailure(err, signal);
    }
  }

  private async _request(
    method: string,
    path: string,
    body: Blob | object | undefined,
    signal: AbortSignal | undefined,
    headers: Record<string, string>,
  ): Promise<Response> {
    let payload: BodyInit | undefined;
    if (body instanceof Blob) {
      // Read into memory first (a whole upload or one chunk, both bounded): a file the browser
      // streams from disk fails as "Failed to fetch" if it changed or moved meanwhile, which
      // would read as the server being unreachable. Read here, it fails as what it is.
      payload = new Uint8Array(await body.arrayBuffer());
      headers['content-type'] = 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await this._fetch(path, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
    } catch (err) {
      throw fetchFailure(err, signal);
    }
    if (!res.ok) throw await apiErrorFrom(res);
    return res;
  }
}

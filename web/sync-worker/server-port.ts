// The planner's server side: uploads content, commits server operations through the ops API, fetches downloads.
import type { CommitOp, ContentNode } from '../../shared/api/content.ts';
import type {
  DeviceOperation,
  OperationOutcome,
  ServerOperation,
  SyncServer,
} from '../../shared/sync/index.ts';
import type { TreeStore } from '../../shared/tree/index.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { BlobTransfer } from './blob-transfer.ts';
import type { ContentApi } from './content-api.ts';
import { DeviceError, type DeviceFiles } from './device-files.ts';
import { devicePath, type DevicePort } from './device-port.ts';
import { sha256Hex } from './sha256-hex.ts';
import { SyncFailure } from './sync-failure.ts';

export interface ServerPortHooks {
  remote(): TreeStore;
  local(): TreeStore;
  /** The full SHA-256 of a remote file, if the worker saw it in an answer. */
  knownHash(id: number): string | undefined;
  /** The resumable upload kept for this content (a reload resumes it), and keeping a new one. */
  uploadIdFor(sha256: string): string | undefined;
  keepUpload(sha256: string, uploadId: string | null): void;
  /** Bytes of an operation's content moved so far (for "syncing n of m"). */
  progress(key: string, bytes: number): void;
}

/**
 * `SyncServer` for one namespace. An upload or edit reads the file where the local tree has it,
 * checks it still holds the content the plan saw, and sends it as a blob (resumably when large);
 * its commit names it by SHA-256. A download asks the server for the node (its full SHA-256; the
 * trees keep 64 bits), fetches the blob and stages it on the device port.
 */
export class ServerPort implements SyncServer {
  /** SHA-256 of the content sent for an operation, by operation key, for its commit. */
  private readonly _sent = new Map<string, { sha256: string; mtime: number }>();

  constructor(
    private readonly _namespaceId: string,
    private readonly _api: ContentApi,
    private readonly _transfer: BlobTransfer,
    private readonly _files: DeviceFiles,
    private readonly _device: DevicePort,
    private readonly _hooks: ServerPortHooks,
  ) {}

  async sendBlocks(operation: ServerOperation, signal: AbortSignal): Promise<void> {
    if (operation.type !== 'upload' && operation.type !== 'edit') return;
    const file = await this._files.file(devicePath(this._hooks.local(), operation.id));
    const sha256 = await sha256Hex(file);
    if (
      sha256.slice(0, 16) !== operation.content.contentHash ||
      file.size !== operation.content.size
    ) {
      throw new DeviceError('device_changed', `“${file.name}” changed while it waited to upload.`);
    }
    const kept = this._hooks.uploadIdFor(sha256);
    await this._transfer.upload(file, signal, kept, {
      sha256,
      onStarted: (uploadId) => this._hooks.keepUpload(sha256, uploadId),
      onProgress: (bytes) => this._hooks.progress(operation.key, bytes),
    });
    this._hooks.keepUpload(sha256, null);
    this._hooks.progress(operation.key, file.size);
    this._sent.set(operation.key, { sha256, mtime: file.lastModified });
  }

  async discardBlocks(operation: ServerOperation): Promise<void> {
    // The server collects blobs no node uses; nothing to undo here.
    this._sent.delete(operation.key);
  }

  async fetchBlocks(operation: DeviceOperation, signal: AbortSignal): Promise<void> {
    if (operation.type !== 'download') return;
    const known = this._hooks.knownHash(operation.id);
    let blob = { hash: known ?? '', size: operation.content.size };
    if (known === undefined || known.slice(0, 16) !== operation.content.contentHash) {
      blob = await this.node(operation.id, signal);
      if (blob.hash === '' && blob.size === 0) {
        // Committed without content (an empty placeholder): nothing to fetch.
        this._device.stage(operation, new Blob([]));
        return;
      }
      if (blob.hash.slice(0, 16) !== operation.content.contentHash) {
        throw new SyncFailure('rev_mismatch', 'The file changed on the server; planning again.');
      }
    }
    const content = await this._transfer.download(blob.hash, blob.size, signal);
    this._hooks.progress(operation.key, blob.size);
    this._device.stage(operation, content);
  }

  /** The server's node `id` as it is now (its full SHA-256 and revision). */
  async node(id: number, signal?: AbortSignal): Promise<ContentNode> {
    const answer = await this._api.subtree(this._namespaceId, id, signal);
    const node = answer.nodes.find((n) => n.id === id);
    if (!node) throw new ApiError(404, 'not_found', 'That file is no longer on the server.');
    return node;
  }

  async commit(operation: ServerOperation): Promise<OperationOutcome> {
    const op = this._commitOp(operation);
    const answer = await this._api.commit(this._namespaceId, [op]);
    const result = answer.results[0];
    if (!result) throw new ApiError(500, 'internal', 'The server answered no result.');
    if (!result.ok) throw new ApiError(409, result.error.code, result.error.message);
    this._sent.delete(operation.key);
    return { id: result.node.id, rev: result.node.rev };
  }

  private _commitOp(operation: ServerOperation): CommitOp {
    const remoteRev = () => {
      const node = this._hooks.remote().get(operation.id);
      if (!node) throw new SyncFailure('not_found', 'That entry is gone from the server.');
      return node.rev;
    };
    switch (operation.type) {
      case 'upload': {
        const sent = this._sentFor(operation);
        return {
          op: 'add',
          parentId: operation.location.parent,
          name: operation.location.name,
          kind: 'file',
          size: operation.content.size,
          hash: sent.sha256,
          mtime: sent.mtime,
        };
      }
      case 'add':
        return {
          op: 'add',
          parentId: operation.location.parent,
          name: operation.location.name,
          kind: 'dir',
        };
      case 'edit': {
        const sent = this._sentFor(operation);
        return {
          op: 'edit',
          id: operation.id,
          rev: operation.assumes.rev ?? remoteRev(),
          size: operation.content.size,
          hash: sent.sha256,
          mtime: sent.mtime,
        };
      }
      case 'move':
        return {
          op: 'move',
          id: operation.id,
          rev: remoteRev(),
          parentId: operation.location.parent,
          name: operation.location.name,
        };
      case 'delete':
        return { op: 'delete', id: operation.id, rev: operation.assumes.rev ?? remoteRev() };
    }
  }

  private _sentFor(operation: ServerOperation) {
    const sent = this._sent.get(operation.key);
    if (!sent) throw new SyncFailure('blob_missing', 'The content was not sent; planning again.');
    return sent;
  }
}

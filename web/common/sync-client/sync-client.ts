// The page's one typed client of the sync worker: each call posts a message and can be aborted.
import type {
  DownloadRequest,
  FolderEntry,
  FolderRequest,
  PullReport,
  StartOptions,
  StartReport,
  SyncAnswer,
  SyncEvent,
  SyncMethod,
  SyncRequest,
  TreeSummary,
  UploadedBlob,
} from './sync-api.ts';
import type { FromWorker, ToWorker } from './sync-messages.ts';
import { SyncWorkerError } from './sync-worker-error.ts';

/** The worker as the client sees it (a `Worker`, or a MessagePort in tests). */
export interface SyncWorkerPort {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

export class SyncClient {
  private readonly _port: SyncWorkerPort;
  private readonly _pending = new Map<number, Pending>();
  private _nextId = 1;
  private readonly _listeners = new Set<(event: SyncEvent) => void>();

  constructor(port: SyncWorkerPort) {
    this._port = port;
    port.addEventListener('message', ({ data }) => {
      if (data.type === 'event') {
        for (const listener of this._listeners) listener(data.event);
        return;
      }
      const pending = this._pending.get(data.id);
      if (!pending) return; // aborted: the caller has its answer already
      this._pending.delete(data.id);
      if (data.type === 'answer') pending.resolve(data.value);
      else pending.reject(new SyncWorkerError(data.error));
    });
  }

  /**
   * Starts the sync worker, bundled by Vite as a module, and a client for it. Where the browser
   * has SharedWorker, every tab of the app talks to one worker, so one set of trees and files is
   * synced however many tabs are open; elsewhere each tab gets a dedicated worker and only the
   * one holding a Web Lock syncs (the others wait in `start`). `terminate` ends this tab's link.
   * `shared: false` asks for a dedicated worker anyway (tests that emulate the network per page:
   * the browser's test tools do not reach shared workers).
   */
  static spawn(options: { shared?: boolean } = {}): {
    client: SyncClient;
    worker: { terminate(): void };
  } {
    if (options.shared !== false && typeof SharedWorker === 'function') {
      const shared = new SharedWorker(
        new URL('../../sync-worker/sync-worker.ts', import.meta.url),
        {
          type: 'module',
          name: 'cubby-sync',
        },
      );
      const client = new SyncClient(shared.port);
      shared.port.start();
      return { client, worker: { terminate: () => shared.port.close() } };
    }
    const worker = new Worker(new URL('../../sync-worker/sync-worker.ts', import.meta.url), {
      type: 'module',
      name: 'cubby-sync',
    });
    return { client: new SyncClient(worker), worker };
  }

  start(options: StartOptions, signal: AbortSignal): Promise<StartReport> {
    return this._call('start', options, signal);
  }

  syncAll(signal: AbortSignal): Promise<PullReport[]> {
    return this._call('syncAll', {}, signal);
  }

  pull(namespaceId: string, signal: AbortSignal): Promise<PullReport> {
    return this._call('pull', { namespaceId }, signal);
  }

  trees(signal: AbortSignal): Promise<TreeSummary[]> {
    return this._call('trees', {}, signal);
  }

  listFolder(request: FolderRequest, signal: AbortSignal): Promise<FolderEntry[]> {
    return this._call('listFolder', request, signal);
  }

  upload(file: Blob, signal: AbortSignal): Promise<UploadedBlob> {
    return this._call('upload', { file }, signal);
  }

  download(request: DownloadRequest, signal: AbortSignal): Promise<Blob> {
    return this._call('download', request, signal);
  }

  /** Calls the worker's `method` (any of SyncApi's): the typed way to reach every call. */
  call<M extends SyncMethod>(
    method: M,
    request: SyncRequest<M>,
    signal: AbortSignal,
  ): Promise<SyncAnswer<M>> {
    return this._call(method, request, signal);
  }

  /** Listens to what the worker tells unasked (status, changed folders); returns the way to stop. */
  onEvent(listener: (event: SyncEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  private _call<M extends SyncMethod>(
    method: M,
    request: SyncRequest<M>,
    signal: AbortSignal,
  ): Promise<SyncAnswer<M>> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const id = this._nextId++;
    return new Promise<SyncAnswer<M>>((resolve, reject) => {
      const onAbort = () => {
        this._pending.delete(id);
        this._port.postMessage({ type: 'abort', id });
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this._pending.set(id, {
        resolve: (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value as SyncAnswer<M>);
        },
        reject: (reason) => {
          signal.removeEventListener('abort', onAbort);
          reject(reason);
        },
      });
      this._port.postMessage({ type: 'call', id, method, request });
    });
  }
}

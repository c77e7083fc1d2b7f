// What the scheduler's tasks talk to: the server (network) and the device's store (storage).
import type { AbortSignalLike } from './abort-signal.ts';
import type { DeviceOperation, OperationOutcome, ServerOperation } from './sync-operation.ts';

/** The server, as the sync worker reaches it over the network. */
export interface SyncServer {
  /** Sends the content blocks of an upload or edit; the commit that follows makes them count. */
  sendBlocks(operation: ServerOperation, signal: AbortSignalLike): Promise<void>;
  /** Forgets blocks sent for an operation that was cancelled before its commit. */
  discardBlocks(operation: ServerOperation): Promise<void>;
  /** Fetches the content a download needs, into the device's staging area. */
  fetchBlocks(operation: DeviceOperation, signal: AbortSignalLike): Promise<void>;
  /** Commits a server operation; answers the node's id and revision. Not cancellable. */
  commit(operation: ServerOperation): Promise<OperationOutcome>;
}

/** The device's file store. */
export interface DeviceStore {
  /** Drops content staged for a download that was cancelled before its commit. */
  discardStaged(operation: DeviceOperation): Promise<void>;
  /** Commits a device operation (writes staged content into place, moves, deletes). Not cancellable. */
  commit(operation: DeviceOperation): Promise<OperationOutcome>;
}

export interface SyncPorts {
  server: SyncServer;
  device: DeviceStore;
}

// The sync worker (a module Web Worker): serves SyncApi to the page over postMessage.
import { IdbTreeVault } from '../db/idb-tree-vault.ts';
import { openCubbyDb } from '../db/open.ts';
import { serveSyncApi } from './serve-sync-api.ts';
import { SyncWorkerService } from './sync-worker-service.ts';

const service = new SyncWorkerService({
  vault: new IdbTreeVault(openCubbyDb),
  fetch: (input, init) => fetch(input, init),
});
serveSyncApi(self as unknown as DedicatedWorkerGlobalScope, service);

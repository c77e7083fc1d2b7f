// The sync worker (a module Web Worker): serves SyncApi to the page over postMessage.
import { deviceFilesFolder } from '../db/local-session.ts';
import { IdbSyncStateStore } from '../db/sync-state-store.ts';
import { IdbTreeVault } from '../db/idb-tree-vault.ts';
import { openCubbyDb } from '../db/open.ts';
import type { SyncEvent } from './sync-api.ts';
import { browserFilesFolder } from './device-files.ts';
import { serveSyncApi } from './serve-sync-api.ts';
import { SyncWorkerService } from './sync-worker-service.ts';
import { systemClock } from './system-clock.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let emit: (event: SyncEvent) => void = () => undefined;

const service = new SyncWorkerService({
  vault: new IdbTreeVault(openCubbyDb),
  state: new IdbSyncStateStore(openCubbyDb),
  fetch: (input, init) => fetch(input, init),
  folders: (namespaceId) => browserFilesFolder(deviceFilesFolder, namespaceId),
  async dropFolder(namespaceId) {
    const root = await navigator.storage.getDirectory();
    const all = await root.getDirectoryHandle(deviceFilesFolder, { create: true });
    await all.removeEntry(namespaceId, { recursive: true });
  },
  clock: systemClock,
  emit: (event) => emit(event),
  async storage() {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota, persisted: await navigator.storage.persisted() };
  },
});
emit = serveSyncApi(scope, service);
scope.addEventListener('online', () => void service.probe());

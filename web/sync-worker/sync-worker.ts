// The sync worker (a module SharedWorker, or a dedicated Worker where there is none): serves
// SyncApi to every tab over postMessage.
import { deviceFilesFolder } from '../common/db/local-session.ts';
import { IdbSyncStateStore } from '../common/db/sync-state-store.ts';
import { IdbTreeVault } from '../common/db/idb-tree-vault.ts';
import { openCubbyDb } from '../common/db/open.ts';
import type { SyncEvent } from '../common/sync-client/sync-api.ts';
import { browserFilesFolder } from './device-files.ts';
import { serveSyncApi, type SyncPort } from './serve-sync-api.ts';
import { SyncWorkerService } from './sync-worker-service.ts';
import { systemClock } from './system-clock.ts';

/** Held by the one dedicated worker that syncs, where tabs cannot share one worker. */
const syncLock = 'cubby-sync-worker';

let lockHeld = false;

/**
 * Takes the lock, waiting a few seconds for a worker that is ending (a reloaded tab's) to let go;
 * keeps it until this worker ends. False if another tab's worker keeps it.
 */
function holdSyncLock(): Promise<boolean> {
  if (lockHeld) return Promise.resolve(true);
  return new Promise((resolve) => {
    navigator.locks
      .request(syncLock, { signal: AbortSignal.timeout(5000) }, () => {
        lockHeld = true;
        resolve(true);
        return new Promise<never>(() => undefined);
      })
      .catch(() => resolve(false));
  });
}

const tellers = new Set<(event: SyncEvent) => void>();
const shared = 'onconnect' in self;

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
  emit: (event) => {
    for (const tell of tellers) tell(event);
  },
  async storage() {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota, persisted: await navigator.storage.persisted() };
  },
  // A dedicated worker syncs only while it holds the lock: two would write the same files.
  gate: shared ? undefined : holdSyncLock,
});

if (shared) {
  (self as unknown as SharedWorkerGlobalScope).addEventListener('connect', (event) => {
    const port = event.ports[0]!;
    tellers.add(serveSyncApi(port as unknown as SyncPort, service));
    port.start();
  });
} else {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  tellers.add(serveSyncApi(scope, service));
}
self.addEventListener('online', () => void service.probe());

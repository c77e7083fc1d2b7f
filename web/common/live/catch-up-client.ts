// Runs the reconnect check for this browser's client against the server and the local database.
// Page and service worker both call it; a Web Lock keeps two of them from checking at once.
import type { ApiClient } from '../api/api-client.ts';
import { recordReconnect } from '../db/inbox-store.ts';
import { loadClient } from '../db/local-session.ts';
import type { CubbyDatabase } from '../db/open.ts';
import { catchUp, type CatchUpResult } from './catch-up.ts';

/** Held while a reconnect check runs, by whichever tab or worker runs it. */
export const catchUpLockName = 'cubby-catch-up';

export async function catchUpClient(
  db: CubbyDatabase,
  api: ApiClient,
  clientId: string,
  signal?: AbortSignal,
): Promise<CatchUpResult> {
  const run = () =>
    catchUp(
      {
        async loadCounts() {
          const client = await loadClient(db);
          return client?.clientId === clientId ? client : undefined;
        },
        reconnect: (request, s) => api.reconnect(clientId, request, s),
        record: (answer) => recordReconnect(db, clientId, answer, Date.now()),
      },
      signal,
    );
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return run();
  return locks.request(catchUpLockName, signal ? { signal } : {}, run);
}

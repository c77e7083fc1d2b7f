// Who is signed in on this device and this browser's client record; cleared on sign-out.
import type { CubbyDatabase } from './open.ts';
import type { AccountRecord, ClientRecord } from './schema.ts';

export function loadAccount(db: CubbyDatabase): Promise<AccountRecord | undefined> {
  return db.get('account', 'current');
}

export function loadClient(db: CubbyDatabase): Promise<ClientRecord | undefined> {
  return db.get('client', 'current');
}

/** Saves the account and a fresh client record together. */
export async function saveSignIn(
  db: CubbyDatabase,
  account: AccountRecord,
  client: ClientRecord,
): Promise<void> {
  const tx = db.transaction(['account', 'client'], 'readwrite');
  await Promise.all([
    tx.objectStore('account').put(account, 'current'),
    tx.objectStore('client').put(client, 'current'),
    tx.done,
  ]);
}

/** Changes fields of the client record other than its counts (which only notifications change). */
export async function updateClient(
  db: CubbyDatabase,
  change: Partial<
    Pick<ClientRecord, 'pushWanted' | 'pushPromptDismissed' | 'resyncedAt' | 'clientId'>
  >,
): Promise<ClientRecord | undefined> {
  const tx = db.transaction('client', 'readwrite');
  const client = await tx.store.get('current');
  if (!client) return undefined;
  const next = { ...client, ...change };
  if (change.clientId && change.clientId !== client.clientId) {
    // A new registration starts counting from nothing.
    next.receivedCount = 0;
    next.lastId = 0;
  }
  await tx.store.put(next, 'current');
  await tx.done;
  return next;
}

/** Forgets everything this device kept for the account: sign-out on a shared computer leaves nothing. */
export async function clearLocalData(db: CubbyDatabase): Promise<void> {
  const stores = [
    'account',
    'client',
    'inbox',
    'follows',
    'trees',
    'treeChunks',
    'treeLog',
    'namespaces',
    'namespaceState',
  ] as const;
  const tx = db.transaction(stores, 'readwrite');
  await Promise.all([...stores.map((s) => tx.objectStore(s).clear()), tx.done]);
  await clearDeviceFiles();
}

/** The folder of the browser's own file storage (OPFS) that holds every namespace's files. */
export const deviceFilesFolder = 'cubby-files';

/** Deletes the files kept in the browser's own storage (where there is one). */
export async function clearDeviceFiles(): Promise<void> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (typeof storage?.getDirectory !== 'function') return;
  try {
    const root = await storage.getDirectory();
    await root.removeEntry(deviceFilesFolder, { recursive: true });
  } catch (err) {
    if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
  }
}

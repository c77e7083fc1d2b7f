// What a person does in the Cubby PWA, by roles and labels, shared by the browser tests; and a look
// into the page's IndexedDB for the counts the reconnect check depends on.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const password = 'a long enough password';

/** The connection status in the header: "Connection: Live", "… Offline", "… Catching up…". */
export function connection(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Connection:' });
}

export async function expectConnection(page: Page, status: 'Live' | 'Offline') {
  await expect.poll(() => connection(page).textContent(), { timeout: 15_000 }).toContain(status);
}

/** The inbox's items. */
export function inboxItems(page: Page) {
  return page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
}

export async function createAccount(page: Page, base: string, username: string) {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Signed in as').waitFor();
}

export async function signIn(page: Page, base: string, username: string) {
  await page.goto(base);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

export async function openTab(page: Page, name: 'Files' | 'Inbox' | 'Following') {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
}

/** Chooses Alert, Silent or Off for a key on the Following page. */
export async function follow(page: Page, key: string, mode: 'Alert' | 'Silent' | 'Off') {
  await openTab(page, 'Following');
  const radio = page.getByRole('group', { name: key }).getByRole('radio', { name: mode });
  await radio.check();
  await expect.poll(() => radio.isChecked()).toBe(true);
}

export interface StoredClient {
  clientId: string;
  receivedCount: number;
  lastId: number;
}

// The page's own IndexedDB, read and written in the page (this file is compiled without the DOM's
// types, so the page-side code is plain JavaScript).
const readClientScript = `new Promise((resolve, reject) => {
  const open = indexedDB.open('cubby');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const get = db.transaction('client').objectStore('client').get('current');
    get.onsuccess = () => { db.close(); resolve(get.result); };
    get.onerror = () => reject(get.error);
  };
})`;

const writeCountScript = (count: number) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('cubby');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('client', 'readwrite');
    const store = tx.objectStore('client');
    const get = store.get('current');
    get.onsuccess = () => store.put({ ...get.result, receivedCount: ${count} }, 'current');
    tx.oncomplete = () => { db.close(); resolve(undefined); };
    tx.onerror = () => reject(tx.error);
  };
})`;

/** This browser's client record as the app keeps it in IndexedDB. */
export function storedClient(page: Page): Promise<StoredClient | undefined> {
  return page.evaluate(readClientScript) as Promise<StoredClient | undefined>;
}

/** Overwrites the stored received count, as a bug or a tampering would. */
export async function tamperReceivedCount(page: Page, receivedCount: number): Promise<void> {
  await page.evaluate(writeCountScript(receivedCount));
}

/** The sync status line in the header: "Sync: Up to date", "Sync: Offline — 2 changes waiting". */
export function syncStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Sync:' });
}

export async function expectSyncStatus(page: Page, text: string | RegExp) {
  await expect
    .poll(() => syncStatus(page).textContent(), { timeout: 20_000 })
    .toMatch(typeof text === 'string' ? new RegExp(text) : text);
}

/** The listing of the folder shown on the Files screen. */
export function folderContents(page: Page, folder: string) {
  return page.getByRole('list', { name: `Contents of ${folder}` });
}

/** The Files screen's list of namespaces (own files and shared folders). */
export function folderNav(page: Page) {
  return page.getByRole('navigation', { name: 'Folders' });
}

/** Opens an entry's actions and presses one: "Rename", "Move", "Delete", "Download". */
export async function entryAction(page: Page, entry: string, action: string) {
  const more = page.getByRole('button', { name: `Actions for ${entry}`, exact: true });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  await page
    .getByRole('group', { name: `Actions for ${entry}`, exact: true })
    .getByRole('button', { name: new RegExp(`^${action}`) })
    .click();
}

/** Files to give <input type=file> (setInputFiles), from text. */
export function textFiles(files: Record<string, string>) {
  return Object.entries(files).map(([name, text]) => ({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(text),
  }));
}

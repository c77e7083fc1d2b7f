// The file browser without its server, in real Chromium: the server really goes away (closed on its
// port) and comes back on the same port with the same data, so the app's shared sync worker meets
// a real outage (the browser's network emulation does not reach shared workers). Both devices edit
// the same file meanwhile; when the server is back they converge on one version under the name and
// the other as a conflicted copy, nothing lost.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createAccount,
  expectSyncStatus,
  folderContents,
  signIn,
  textFiles,
} from './pwa-people.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp();

function rowNames(page: Page): Promise<string[]> {
  return folderContents(page, 'My files')
    .getByRole('listitem')
    .getByRole('button', { name: /^Actions for / })
    .evaluateAll((buttons) =>
      buttons.map((b) => (b.textContent ?? '').replace(/^[^]*?Actions for /, '').trim()),
    );
}

async function upload(page: Page, files: Record<string, string>) {
  await page.getByLabel('Upload files').setInputFiles(textFiles(files));
  // "Added 1 file." or "Added 1 file, replaced 1 file with a new version."
  await page.getByText(/^Added \d+ files?[.,]/).waitFor();
}

async function text(page: Page, name: string): Promise<string> {
  await folderContents(page, 'My files').getByRole('button', { name, exact: true }).click();
  const preview = page.getByRole('dialog', { name });
  const body = preview.getByLabel(`Contents of ${name}`);
  await expect.poll(() => body.textContent()).not.toBe('');
  const content = (await body.textContent()) ?? '';
  await preview.getByRole('button', { name: 'Close' }).click();
  return content;
}

/** Where the test is, with the time since it began: a timeout on a busy machine says where. */
function step(began: number, what: string): void {
  console.log(`[files-offline] ${Math.round(performance.now() - began)} ms: ${what}`);
}

describe('the file browser through a server outage', () => {
  it('keeps editing offline and converges with a conflicted copy when the server is back', async () => {
    const began = performance.now();
    const laptop = await app.device();
    await createAccount(laptop, app.url, 'lena');
    await laptop.getByText('This folder is empty.').waitFor();
    await upload(laptop, { 'notes.txt': 'first' });
    await expectSyncStatus(laptop, 'Up to date');
    const phone = await app.device();
    await signIn(phone, app.url, 'lena');
    await expect.poll(() => rowNames(phone), { timeout: 20_000 }).toEqual(['notes.txt']);
    await expectSyncStatus(phone, 'Up to date');

    step(began, 'both devices up to date');
    // The server goes away. Each device edits the same file and adds one of its own.
    await app.stopServer();
    await upload(laptop, { 'notes.txt': 'from the laptop', 'laptop.txt': 'l' });
    await upload(phone, { 'notes.txt': 'from the phone', 'phone.txt': 'p' });
    await expectSyncStatus(laptop, /Offline — 2 changes waiting/);
    await expectSyncStatus(phone, /Offline — 2 changes waiting/);
    expect(await text(laptop, 'notes.txt')).toBe('from the laptop');

    step(began, 'both offline with changes waiting');
    // Back, with the same data on the same port: the workers find it on their own.
    await app.startServer();
    step(began, 'server back');
    const copy = /^notes \(conflicted copy \d{4}-\d{2}-\d{2}\)\.txt$/;
    for (const page of [laptop, phone]) {
      await expect.poll(async () => (await rowNames(page)).length, { timeout: 60_000 }).toBe(4);
      const names = await rowNames(page);
      expect(names.filter((n) => copy.test(n))).toHaveLength(1);
      expect(names.filter((n) => !copy.test(n)).sort()).toEqual([
        'laptop.txt',
        'notes.txt',
        'phone.txt',
      ]);
    }
    step(began, 'both list four entries');
    // One version under the name, the other as the copy, the same on both devices.
    const kept = await text(laptop, 'notes.txt');
    const copyName = (await rowNames(laptop)).find((n) => copy.test(n))!;
    const copied = await text(laptop, copyName);
    expect([kept, copied].sort()).toEqual(['from the laptop', 'from the phone']);
    await expectSyncStatus(phone, 'Up to date');
    expect(await text(phone, 'notes.txt')).toBe(kept);
    expect(await text(phone, copyName)).toBe(copied);
  }, 120_000);
});

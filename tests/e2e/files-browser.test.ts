// The Files screen in real Chromium against the real server, driven by roles and labels: folders,
// uploads through the file picker, rename, move, previews, delete with and without undo, and what
// one device does appearing on a second device of the same person.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createAccount,
  entryAction,
  expectSyncStatus,
  folderContents,
  folderNav,
  signIn,
  textFiles,
} from './pwa-people.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp();

/** The row of an entry in the folder shown. */
function row(page: Page, folder: string, name: string) {
  return folderContents(page, folder)
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: `Actions for ${name}`, exact: true }) });
}

async function upload(page: Page, files: Record<string, string>) {
  await page.getByLabel('Upload files').setInputFiles(textFiles(files));
  const n = Object.keys(files).length;
  await page.getByText(`Added ${n} ${n === 1 ? 'file' : 'files'}.`).waitFor();
}

async function openFolder(page: Page, inFolder: string, name: string) {
  await folderContents(page, inFolder).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, exact: true, level: 2 }).waitFor();
}

describe('the file browser', () => {
  it('creates a folder, uploads, renames, moves and previews; a second device sees it all; none of it is unread news', async () => {
    const laptop = await app.device();
    await createAccount(laptop, app.url, 'hana');
    // Files is the screen after signing in.
    await folderNav(laptop).getByRole('link', { name: 'My files' }).waitFor();
    await laptop.getByText('This folder is empty.').waitFor();
    await expectSyncStatus(laptop, 'Up to date');

    await laptop.getByRole('button', { name: 'New folder' }).click();
    const dialog = laptop.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Folder name').fill('Notes');
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await folderContents(laptop, 'My files').getByRole('link', { name: 'Notes' }).waitFor();
    await laptop.getByRole('button', { name: 'New folder' }).click();
    await dialog.getByLabel('Folder name').fill('Archive');
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await folderContents(laptop, 'My files').getByRole('link', { name: 'Archive' }).waitFor();

    await openFolder(laptop, 'My files', 'Notes');
    await upload(laptop, { 'todo.txt': 'buy milk\nwater the plants\n', 'old.txt': 'old' });
    await expect.poll(() => row(laptop, 'Notes', 'todo.txt').textContent()).toContain('26 bytes');

    await entryAction(laptop, 'todo.txt', 'Rename');
    const rename = laptop.getByRole('dialog', { name: 'Rename “todo.txt”' });
    await rename.getByLabel('New name').fill('plan.txt');
    await rename.getByRole('button', { name: 'Rename', exact: true }).click();
    await row(laptop, 'Notes', 'plan.txt').waitFor();
    expect(await row(laptop, 'Notes', 'todo.txt').count()).toBe(0);

    // Move by keyboard: the "Move to…" dialog, browsing from the root.
    await entryAction(laptop, 'old.txt', 'Move');
    const move = laptop.getByRole('dialog', { name: 'Move “old.txt”' });
    await move.getByRole('list', { name: 'Folders inside “My files”' }).waitFor();
    await move.getByRole('button', { name: 'Archive' }).click();
    await move.getByRole('button', { name: 'Move to “Archive”' }).click();
    await expect.poll(() => row(laptop, 'Notes', 'old.txt').count()).toBe(0);

    // Preview a text file, in a dialog.
    await row(laptop, 'Notes', 'plan.txt')
      .getByRole('button', { name: 'plan.txt', exact: true })
      .click();
    const preview = laptop.getByRole('dialog', { name: 'plan.txt' });
    await expect
      .poll(() => preview.getByLabel('Contents of plan.txt').textContent())
      .toBe('buy milk\nwater the plants\n');
    await preview.getByRole('button', { name: 'Close' }).click();
    await expectSyncStatus(laptop, 'Up to date');
    // Its own changes come back on folder:<ns> (silently followed): in the inbox, but read.
    const inbox = laptop
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Inbox/ });
    await inbox.click();
    await laptop
      .getByRole('list', { name: 'Notifications' })
      .getByRole('listitem')
      .first()
      .waitFor();
    expect(await inbox.getByLabel(/unread/).count()).toBe(0);
    await laptop
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Files' })
      .click();

    // The same person on another device: the folders and files arrive from the server.
    const phone = await app.device();
    await signIn(phone, app.url, 'hana');
    await openFolder(phone, 'My files', 'Notes');
    await row(phone, 'Notes', 'plan.txt').waitFor();
    await phone
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('link', { name: 'My files' })
      .waitFor();
    await row(phone, 'Notes', 'plan.txt')
      .getByRole('button', { name: 'plan.txt', exact: true })
      .click();
    await expect
      .poll(() =>
        phone
          .getByRole('dialog', { name: 'plan.txt' })
          .getByLabel('Contents of plan.txt')
          .textContent(),
      )
      .toBe('buy milk\nwater the plants\n');
    await phone.getByRole('button', { name: 'Close' }).click();
    await phone
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('link', { name: 'My files' })
      .click();
    await openFolder(phone, 'My files', 'Archive');
    await row(phone, 'Archive', 'old.txt').waitFor();

    // And a rename there shows on the laptop live, in the folder it has open.
    await openFolder(laptop, 'My files', 'Archive');
    await row(laptop, 'Archive', 'old.txt').waitFor();
    await entryAction(phone, 'old.txt', 'Rename');
    const phoneRename = phone.getByRole('dialog', { name: 'Rename “old.txt”' });
    await phoneRename.getByLabel('New name').fill('older.txt');
    await phoneRename.getByRole('button', { name: 'Rename', exact: true }).click();
    await row(laptop, 'Archive', 'older.txt').waitFor({ timeout: 20_000 });
    expect(await row(laptop, 'Archive', 'old.txt').count()).toBe(0);
  }, 120_000);

  it('adds dropped files, and moves an entry by dragging it onto a folder and onto a breadcrumb', async () => {
    const page = await app.device();
    await createAccount(page, app.url, 'jana');
    await page.getByText('This folder is empty.').waitFor();
    await page.getByRole('button', { name: 'New folder' }).click();
    await page.getByLabel('Folder name').fill('Photos');
    await page.getByRole('button', { name: 'Create folder' }).click();
    const root = folderContents(page, 'My files');
    await root.getByRole('link', { name: 'Photos' }).waitFor();

    // Files dropped from the computer (a drop the page's own DataTransfer stands in for; plain
    // JavaScript, as this file is compiled without the DOM's types).
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['first'], 'a.txt', { type: 'text/plain' }));
      transfer.items.add(new File(['second'], 'b.txt', { type: 'text/plain' }));
      return transfer;
    })()`);
    await root.dispatchEvent('dragover', { dataTransfer: dropped });
    await root.dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByText('Added 2 files.').waitFor();
    await row(page, 'My files', 'a.txt').waitFor();
    await row(page, 'My files', 'b.txt').waitFor();

    // Dragged onto a folder: moved into it.
    await row(page, 'My files', 'a.txt').dragTo(
      root.getByRole('listitem').filter({ hasText: 'Photos' }),
    );
    await page.getByText('Moved “a.txt”.').waitFor();
    expect(await row(page, 'My files', 'a.txt').count()).toBe(0);
    await openFolder(page, 'My files', 'Photos');
    await row(page, 'Photos', 'a.txt').waitFor();

    // Dragged onto a breadcrumb: moved up there.
    const crumb = page
      .getByRole('navigation', { name: 'Folder path' })
      .getByRole('link', { name: 'My files' });
    await row(page, 'Photos', 'a.txt').dragTo(crumb);
    await expect.poll(() => row(page, 'Photos', 'a.txt').count()).toBe(0);
    await crumb.click();
    await row(page, 'My files', 'a.txt').waitFor();
  }, 60_000);

  it('deletes after the undo window, keeps what was undone, and deletes nothing when the page unloads first', async () => {
    const laptop = await app.device();
    await createAccount(laptop, app.url, 'ivo');
    await laptop.getByText('This folder is empty.').waitFor();
    await upload(laptop, { 'keep.txt': 'keep me', 'drop.txt': 'drop me', 'stay.txt': 'stay' });

    // Not undone: hidden at once (while its upload may still run), deleted when the window ends.
    await entryAction(laptop, 'drop.txt', 'Delete');
    await expect.poll(() => row(laptop, 'My files', 'drop.txt').count()).toBe(0);
    await laptop.getByText('“drop.txt” deleted.').waitFor();

    // Undone: it comes back at once and stays after the window.
    await entryAction(laptop, 'keep.txt', 'Delete');
    await expect.poll(() => row(laptop, 'My files', 'keep.txt').count()).toBe(0);
    await laptop.getByRole('button', { name: 'Undo deleting keep.txt' }).click();
    await row(laptop, 'My files', 'keep.txt').waitFor();
    expect(await row(laptop, 'My files', 'drop.txt').count()).toBe(0);
    await laptop.getByText('“drop.txt” deleted.').waitFor({ state: 'detached', timeout: 10_000 });
    await expectSyncStatus(laptop, 'Up to date');
    // The listing is read again once the worker has the delete (its status may lag by a tick).
    await expect.poll(() => row(laptop, 'My files', 'drop.txt').count()).toBe(0);

    // Unloaded inside the window: nothing is deleted.
    await entryAction(laptop, 'stay.txt', 'Delete');
    await expect.poll(() => row(laptop, 'My files', 'stay.txt').count()).toBe(0);
    await laptop.reload();
    await row(laptop, 'My files', 'stay.txt').waitFor();
    await row(laptop, 'My files', 'keep.txt').waitFor();
    expect(await row(laptop, 'My files', 'drop.txt').count()).toBe(0);
    await expectSyncStatus(laptop, 'Up to date');

    // The other device agrees: drop.txt is gone on the server, the others are there.
    const phone = await app.device();
    await signIn(phone, app.url, 'ivo');
    await row(phone, 'My files', 'stay.txt').waitFor();
    await row(phone, 'My files', 'keep.txt').waitFor();
    expect(await row(phone, 'My files', 'drop.txt').count()).toBe(0);
  }, 90_000);

  it('signing out lets go of the files: the next person in this browser sees only their own', async () => {
    const page = await app.device();
    await createAccount(page, app.url, 'jon');
    await page.getByText('This folder is empty.').waitFor();
    await upload(page, { 'jon-private.txt': 'mine' });
    await expectSyncStatus(page, 'Up to date');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // The same tab (and so the same shared worker): another account.
    await createAccount(page, app.url, 'kay');
    await page.getByText('This folder is empty.').waitFor();
    await expectSyncStatus(page, 'Up to date');
    expect(await row(page, 'My files', 'jon-private.txt').count()).toBe(0);
    // And the browser's storage kept nothing of the first account's files.
    const kept = await page.evaluate(`(async () => {
      const root = await navigator.storage.getDirectory();
      const names = [];
      const walk = async (dir) => {
        for await (const [name, handle] of dir.entries()) {
          names.push(name);
          if (handle.kind === 'directory') await walk(handle);
        }
      };
      await walk(root);
      return names;
    })()`);
    expect(kept).not.toContain('jon-private.txt');
  }, 60_000);
});

// Sharing on the Files screen, two people in two browsers against the real server: a shared folder
// made and shared by username, the invitation arriving live and accepted, the folder's chat both
// ways; then declining, withdrawing, removing a member and leaving.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../support/test-server.ts';
import {
  createAccount,
  expectConnection,
  folderContents,
  folderNav,
  storedClient,
  textFiles,
} from './pwa-people.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp();

/** A person signed up in a browser of their own, on the Files screen, live. */
async function person(username: string): Promise<Page> {
  const page = await app.device();
  await createAccount(page, app.url, username);
  await folderNav(page).getByRole('link', { name: 'My files' }).waitFor();
  await expectConnection(page, 'Live');
  return page;
}

/** Waits until the page's client is registered for `key` (so its notifications arrive live). */
async function expectRegistered(page: Page, username: string, key: (userId: string) => string) {
  const { token, userId } = await app.bearer(username);
  const { clientId } = (await storedClient(page))!;
  await expect
    .poll(async () => {
      const info = await call(app.url, 'GET', `/api/clients/${clientId}`, { token });
      return { keys: info.body.keys as string[], silent: info.body.silentKeys as string[] };
    })
    .toMatchObject({ keys: expect.arrayContaining([key(userId)]) });
}

async function createSharedFolder(page: Page, name: string) {
  await folderNav(page).getByRole('button', { name: 'New shared folder' }).click();
  await page.getByLabel('Name of the shared folder').fill(name);
  await page.getByRole('button', { name: 'Create shared folder' }).click();
  await page.getByRole('heading', { name: `People in “${name}”` }).waitFor();
}

async function share(page: Page, username: string, role: 'Editor' | 'Viewer') {
  await page.getByLabel('Username to share with').fill(username);
  await page.getByLabel('Role').selectOption({ label: role });
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByText(`Invited ${username} as ${role.toLowerCase()}.`).waitFor();
}

function invitations(page: Page) {
  return page.getByRole('list', { name: 'Invitations to you' });
}

function members(page: Page, folder: string) {
  return page.getByRole('list', { name: `Members of ${folder}` });
}

function waiting(page: Page) {
  return page.getByRole('list', { name: 'Invitations waiting' });
}

describe('sharing a folder', () => {
  it('shares by username; the invitation arrives live, is accepted, and the chat goes both ways', async () => {
    const ana = await person('ana');
    const bo = await person('bruno');
    await expectRegistered(bo, 'bruno', (id) => `user:${id}:invites`);

    await createSharedFolder(ana, 'Trip');
    await folderNav(ana).getByRole('link', { name: 'Trip' }).waitFor();
    await expect.poll(() => members(ana, 'Trip').textContent()).toContain('ana (you)');
    await share(ana, 'bruno', 'Editor');
    await expect.poll(() => waiting(ana).textContent()).toContain('bruno');

    // Live, without reloading: the invitation shows with Accept and Decline.
    await expect
      .poll(() => invitations(bo).textContent(), { timeout: 15_000 })
      .toContain('ana invites you to “Trip” as editor.');
    await bo.getByRole('button', { name: 'Accept the invitation to Trip' }).click();
    await bo.getByText('You joined “Trip”.').waitFor();
    await folderNav(bo).getByRole('link', { name: 'Trip' }).click();
    await bo.getByRole('heading', { name: 'People in “Trip”' }).waitFor();
    // Registered for the folder and its chat without push alerts.
    const ns = new URL(bo.url()).pathname.split('/')[2]!;
    await expectRegistered(bo, 'bruno', () => `folder:${ns}`);
    await expectRegistered(bo, 'bruno', () => `chat:${ns}:messages`);
    const { token, userId } = await app.bearer('bruno');
    const info = await call(app.url, 'GET', `/api/clients/${(await storedClient(bo))!.clientId}`, {
      token,
    });
    expect(info.body.silentKeys).toEqual(
      expect.arrayContaining([`folder:${ns}`, `chat:${ns}:messages`]),
    );
    expect(info.body.silentKeys).not.toContain(`user:${userId}:invites`);

    // The owner sees the new member (the acceptance is told on ana's invitation key).
    await expect
      .poll(() => members(ana, 'Trip').textContent(), { timeout: 15_000 })
      .toContain('bruno');
    expect(await waiting(ana).count()).toBe(0);

    // Chat, both ways, live.
    await bo.getByLabel('Message').fill('Hello from bruno');
    await bo.getByRole('button', { name: 'Send', exact: true }).click();
    const anaChat = ana.getByRole('log', { name: 'Chat in Trip' });
    await expect
      .poll(() => anaChat.textContent(), { timeout: 15_000 })
      .toContain('Hello from bruno');
    await ana.getByLabel('Message').fill('Hi bruno, the tickets are in here');
    await ana.getByLabel('Message').press('Enter');
    const boChat = bo.getByRole('log', { name: 'Chat in Trip' });
    await expect
      .poll(() => boChat.textContent(), { timeout: 15_000 })
      .toContain('Hi bruno, the tickets are in here');

    // A file ana adds to the shared folder reaches bo.
    await ana.getByLabel('Upload files').setInputFiles(textFiles({ 'tickets.txt': 'seat 12A' }));
    await ana.getByText('Added 1 file.').waitFor();
    await folderContents(bo, 'Trip')
      .getByRole('button', { name: 'tickets.txt', exact: true })
      .waitFor({ timeout: 20_000 });
  }, 120_000);

  it('declines, withdraws, removes a member, and a member leaves', async () => {
    const cara = await person('cara');
    const dan = await person('dan');
    await expectRegistered(dan, 'dan', (id) => `user:${id}:invites`);
    await createSharedFolder(cara, 'Band');

    // Declined: gone from dan's invitations and from cara's waiting list.
    await share(cara, 'dan', 'Viewer');
    await expect
      .poll(() => invitations(dan).textContent(), { timeout: 15_000 })
      .toContain('cara invites you to “Band” as viewer.');
    await dan.getByRole('button', { name: 'Decline the invitation to Band' }).click();
    await expect.poll(() => invitations(dan).count()).toBe(0);
    await expect.poll(() => waiting(cara).count(), { timeout: 15_000 }).toBe(0);

    // Withdrawn: it disappears from dan's screen live.
    await share(cara, 'dan', 'Viewer');
    await invitations(dan).waitFor({ timeout: 15_000 });
    await cara.getByRole('button', { name: 'Withdraw the invitation to dan' }).click();
    await cara.getByText('Withdrew the invitation to dan.').waitFor();
    await expect.poll(() => invitations(dan).count(), { timeout: 15_000 }).toBe(0);

    // Accepted, then removed by the owner.
    const band = new URL(cara.url()).pathname.split('/')[2]!;
    const { token: caraToken } = await app.bearer('cara');
    const memberNames = async () =>
      (
        await call(app.url, 'GET', `/api/ns/${band}/members`, { token: caraToken })
      ).body.members.map((m: { username: string }) => m.username);
    await share(cara, 'dan', 'Viewer');
    await dan.getByRole('button', { name: 'Accept the invitation to Band' }).click();
    await dan.getByText('You joined “Band”.').waitFor();
    await expect
      .poll(() => members(cara, 'Band').textContent(), { timeout: 15_000 })
      .toContain('dan');
    await cara.getByRole('button', { name: 'Remove dan' }).click();
    await cara.getByText('dan is no longer in “Band”.').waitFor();
    await expect.poll(() => members(cara, 'Band').textContent()).not.toContain('dan');
    expect(await memberNames()).toEqual(['cara']);

    // Accepted again, then dan leaves by himself: the folder goes from his list.
    await share(cara, 'dan', 'Editor');
    await dan.getByRole('button', { name: 'Accept the invitation to Band' }).click();
    await folderNav(dan).getByRole('link', { name: 'Band' }).click();
    await dan.getByRole('button', { name: 'Leave “Band”' }).click();
    await dan.getByRole('button', { name: 'Yes, leave “Band”' }).click();
    await expect.poll(() => new URL(dan.url()).pathname).toBe('/');
    await expect.poll(() => folderNav(dan).getByRole('link', { name: 'Band' }).count()).toBe(0);
    expect(await memberNames()).toEqual(['cara']);
  }, 120_000);
});

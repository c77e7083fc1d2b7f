// People in real Chromium using the PWA against the real server: accounts, following a key,
// publishing, live delivery, catching up after being away or offline (exactly what was missed, each
// once), a tampered count that ends in a resync, and ten tabs sharing one stream.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveConnection } from '../../server/notify/live-connection.ts';
import type { LiveHub } from '../../server/notify/live-hub.ts';
import { call, signUp } from '../support/test-server.ts';
import {
  connection,
  createAccount,
  expectConnection,
  follow,
  inboxItems,
  openTab,
  password,
  signIn,
  storedClient,
  tamperReceivedCount,
} from './pwa-people.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp();
/** Every stream the server attached, by client id: the hub closes older ones, so count attaches. */
const streamsOpened = new Map<string, number>();

beforeAll(() => {
  const hub = app.server.services.notifier['_hub'] as LiveHub;
  const attach = hub.attach.bind(hub);
  hub.attach = (conn: LiveConnection) => {
    streamsOpened.set(conn.clientId, (streamsOpened.get(conn.clientId) ?? 0) + 1);
    attach(conn);
  };
});

async function publish(token: string, key: string, title: string) {
  const res = await call(app.url, 'POST', '/api/events', {
    token,
    body: { key, command: 'EDIT', title },
  });
  expect(res.status).toBe(202);
  return res.body as { id: number; recipients: { live: number; offline: number } };
}

describe('the Cubby PWA, live', () => {
  it('signs up, follows a key, publishes, shows it live, and catches up after being away', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);

    // A wrong password is explained in words.
    await page.getByLabel('Username').fill('walter');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('do not match');

    // So is a password too short for a new account (the server's words, without the field name).
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Username').fill('walter');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Signed in as').waitFor();
    await expectConnection(page, 'Live');
    // Files is the screen after signing in; the inbox is one tab away.
    await openTab(page, 'Inbox');
    await expect.poll(() => page.getByText('Nothing here yet').isVisible()).toBe(true);

    await openTab(page, 'Following');
    await page.getByLabel('New key').fill('folder:demo');
    await page.getByRole('button', { name: 'Create key' }).click();
    await follow(page, 'folder:demo', 'Alert');

    await page.getByLabel('Title').fill('plan.md changed');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByText('Sent: 1 browser live, 0 away.').isVisible()).toBe(true);
    await openTab(page, 'Inbox');
    await inboxItems(page).getByText('plan.md changed').waitFor();
    await page.getByRole('button', { name: 'Mark “plan.md changed” as read' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Mark all as read' }).isDisabled())
      .toBe(true);

    // Away: the page is closed; what is published meanwhile is caught up when it opens again.
    await page.close();
    const { token } = await app.bearer('walter');
    const missed = await publish(token, 'folder:demo', 'report.pdf added');
    expect(missed.recipients).toEqual({ live: 0, offline: 1 });

    const again = await context.newPage();
    await again.goto(`${app.url}/inbox`);
    await inboxItems(again).getByText('report.pdf added').waitFor();
    await expectConnection(again, 'Live');
    // The one seen before is there once, read; the missed one once, unread.
    expect(await inboxItems(again).count()).toBe(2);
    expect(await inboxItems(again).filter({ hasText: 'Unread:' }).count()).toBe(1);
    expect(await again.getByRole('heading', { name: /^Inbox/ }).textContent()).toContain(
      '1 unread',
    );
    await context.close();
  });

  it('catches up on exactly what an offline browser missed, and a tampered count ends in a resync', async () => {
    const owner = await signUp(app.url, 'olga', password);
    const key = 'folder:shared';
    await call(app.url, 'POST', '/api/keys', { token: owner.token, body: { key } });

    const laptop = await app.browser.newContext();
    const phone = await app.browser.newContext();
    const a = await laptop.newPage();
    const b = await phone.newPage();
    await signIn(a, app.url, 'olga');
    await signIn(b, app.url, 'olga');
    await follow(a, key, 'Alert');
    await follow(b, key, 'Silent');
    await openTab(a, 'Inbox');
    await openTab(b, 'Inbox');
    await expectConnection(a, 'Live');
    await expectConnection(b, 'Live');
    await publish(owner.token, key, 'before');
    await inboxItems(b).getByText('before').waitFor();

    await phone.setOffline(true);
    await expectConnection(b, 'Offline');
    const titles = ['one.txt', 'two.txt', 'three.txt'];
    for (const title of titles) await publish(owner.token, key, title);
    for (const title of titles) await inboxItems(a).getByText(title).waitFor();
    expect(await inboxItems(b).count()).toBe(1);

    await phone.setOffline(false);
    await expectConnection(b, 'Live');
    for (const title of titles) await inboxItems(b).getByText(title).waitFor();
    const shown = await inboxItems(b).locator('h3').allTextContents();
    expect(shown.map((t) => t.replace('Unread: ', ''))).toEqual([
      'three.txt',
      'two.txt',
      'one.txt',
      'before',
    ]);
    // The browser's count agrees with what the server counts as sent to it.
    const stored = await storedClient(b);
    const info = await call(app.url, 'GET', `/api/clients/${stored!.clientId}`, {
      token: owner.token,
    });
    expect(stored!.receivedCount).toBe(4);
    expect(info.body.sentCount).toBe(4);

    // A count the server never sent: the reconnect check orders a resync and the counts start over.
    await tamperReceivedCount(b, 999);
    await phone.setOffline(true);
    await expectConnection(b, 'Offline');
    await phone.setOffline(false);
    await b.getByText('Cubby was away too long to catch up on everything').waitFor();
    await expectConnection(b, 'Live');
    await expect.poll(async () => (await storedClient(b))?.receivedCount).toBe(0);

    // And it carries on live, counting from zero with the server.
    await publish(owner.token, key, 'after the resync');
    await inboxItems(b).getByText('after the resync').waitFor();
    await expect.poll(async () => (await storedClient(b))?.receivedCount).toBe(1);
    const after = await call(app.url, 'GET', `/api/clients/${stored!.clientId}`, {
      token: owner.token,
    });
    expect(after.body.sentCount).toBe(1);
    expect(await inboxItems(b).count()).toBe(5);
    await laptop.close();
    await phone.close();
  }, 60_000);

  it('opens one stream for ten tabs, all live; when the leading tab closes another takes over', async () => {
    const context = await app.browser.newContext();
    const first = await context.newPage();
    await createAccount(first, app.url, 'tabby');
    const { token } = await app.bearer('tabby');
    await call(app.url, 'POST', '/api/keys', { token, body: { key: 'chat:tabs:messages' } });
    await follow(first, 'chat:tabs:messages', 'Alert');
    await openTab(first, 'Inbox');
    const tabs = [first];
    for (let i = 1; i < 10; i++) {
      const tab = await context.newPage();
      await tab.goto(`${app.url}/inbox`);
      tabs.push(tab);
    }
    for (const tab of tabs) await expectConnection(tab, 'Live');

    const clients = await call(app.url, 'GET', '/api/clients', { token });
    expect(clients.body.clients).toHaveLength(1);
    const clientId = clients.body.clients[0].clientId as string;
    const info = await call(app.url, 'GET', `/api/clients/${clientId}`, { token });
    expect(info.body.connected).toBe(true);
    expect(streamsOpened.get(clientId)).toBe(1);

    await publish(token, 'chat:tabs:messages', 'hello, ten tabs');
    for (const tab of tabs) await inboxItems(tab).getByText('hello, ten tabs').waitFor();

    // The tab that opened first leads; closing it hands the stream to one of the others.
    await first.close();
    const rest = tabs.slice(1);
    await expect.poll(() => streamsOpened.get(clientId)).toBe(2);
    for (const tab of rest) await expectConnection(tab, 'Live');
    await publish(token, 'chat:tabs:messages', 'still here');
    for (const tab of rest) await inboxItems(tab).getByText('still here').waitFor();
    expect(streamsOpened.get(clientId)).toBe(2);
    expect(await connection(rest[0]!).count()).toBe(1);
    await context.close();
  }, 90_000);
});

// A person in real Chromium: signs up, defines a key, follows it, publishes, sees it arrive live,
// closes the page, and on coming back sees what was missed, caught up by the reconnect check.
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, launchChromium } from '../support/browser.ts';
import { call, startTestServer, type TestServer } from '../support/test-server.ts';

let webRoot: string;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  webRoot = await buildWebApp();
  server = await startTestServer({}, { staticRoot: webRoot });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('notification console', () => {
  it('signs up, follows a key, and shows notifications live and those missed while away', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);

    // A wrong password is explained in words.
    await page.getByLabel('Username').fill('walter');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('do not match');

    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Signed in as').waitFor();

    await page.getByLabel('New key').fill('folder:demo');
    await page.getByRole('button', { name: 'Define key' }).click();
    await page
      .getByRole('list', { name: 'Keys you can follow' })
      .getByText('folder:demo')
      .waitFor();

    await page.getByLabel('Follow keys').fill('folder:demo');
    await page.getByRole('button', { name: 'Follow' }).click();
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Live');

    await page.getByLabel('Key', { exact: true }).fill('folder:demo');
    await page.getByLabel('Title').fill('plan.md changed');
    await page.getByRole('button', { name: 'Publish' }).click();
    const inbox = page.getByRole('log', { name: 'Notifications received' });
    await inbox.getByText('plan.md changed').waitFor();

    // Away: the page is closed; what is published meanwhile is caught up when it opens again.
    await page.close();
    const login = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'walter', password: 'a long enough password' },
    });
    const missed = await call(server.url, 'POST', '/api/events', {
      token: login.body.token,
      body: { key: 'folder:demo', command: 'ADD', title: 'report.pdf added' },
    });
    expect(missed.body.recipients).toEqual({ live: 0, offline: 1 });

    const again = await context.newPage();
    await again.goto(server.url);
    const inboxAgain = again.getByRole('log', { name: 'Notifications received' });
    await inboxAgain.getByText('report.pdf added').waitFor();
    await expect.poll(() => again.locator('#connection').textContent()).toBe('Live');
    // Only what was missed is replayed: the one seen before is not shown twice.
    expect(await inboxAgain.getByRole('listitem').count()).toBe(1);
    await context.close();
  });
});

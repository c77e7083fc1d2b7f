// The PWA as an installed app in real Chromium: installable with its service worker in control,
// usable offline from the precached shell and the inbox on the device, and alerting through Web Push
// (delivered with CDP: this Chromium cannot reach a vendor push service, so nothing subscribes here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../shared/api/notification.ts';
import { launchPersistentChromium } from '../support/browser.ts';
import { call } from '../support/test-server.ts';
import {
  createAccount,
  expectConnection,
  follow,
  inboxItems,
  openTab,
  storedClient,
} from './pwa-people.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp();

/** Waits until the service worker is active, then reloads so it controls the page. */
async function underServiceWorker(page: Page) {
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await page.reload();
  await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
}

/** The service worker's global scope, for looking at what it shows. */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  await expect.poll(() => context.serviceWorkers().length).toBeGreaterThan(0);
  return context.serviceWorkers()[0]!;
}

/** Delivers a push message to the app's service worker as a push service would (CDP). */
async function deliverPush(page: Page, payload: unknown) {
  const cdp = await page.context().newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect
    .poll(() => registrations.find((r) => r.scopeURL === `${app.url}/` && !r.isDeleted))
    .toBeDefined();
  const { registrationId } = registrations.find((r) => r.scopeURL === `${app.url}/`)!;
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: app.url,
    registrationId,
    data: JSON.stringify(payload),
  });
  await cdp.detach();
}

// Run in the service worker's global scope (this file is compiled without DOM or worker types).
interface Shown {
  title: string;
  body: string;
  tag: string;
}

function shownNotifications(sw: Worker): Promise<Shown[]> {
  return sw.evaluate(`registration
    .getNotifications()
    .then((shown) => shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag })))`);
}

/** Records what the service worker sets the app badge to. */
async function spyOnBadge(sw: Worker) {
  await sw.evaluate(`(() => {
    self.badges = [];
    Object.defineProperty(navigator, 'setAppBadge', {
      configurable: true,
      value: async (count) => void self.badges.push(count),
    });
    Object.defineProperty(navigator, 'clearAppBadge', {
      configurable: true,
      value: async () => void self.badges.push(0),
    });
  })()`);
}

function badges(sw: Worker): Promise<number[]> {
  return sw.evaluate('self.badges');
}

describe('the Cubby PWA, installed', () => {
  it('is installable, and its service worker controls the page after a reload', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'cubby-profile-'));
    const context = await launchPersistentChromium(profile);
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await underServiceWorker(page);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);
      await expect
        .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors)
        .toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('after a first visit, reloads offline into the app shell and the inbox', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await createAccount(page, app.url, 'otto');
    const { token } = await app.bearer('otto');
    await call(app.url, 'POST', '/api/keys', { token, body: { key: 'folder:trip' } });
    await follow(page, 'folder:trip', 'Silent');
    await openTab(page, 'Inbox');
    await call(app.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:trip', command: 'ADD', title: 'tickets.pdf added' },
    });
    await inboxItems(page).getByText('tickets.pdf added').waitFor();
    await underServiceWorker(page);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await inboxItems(page).getByText('tickets.pdf added').waitFor();
    await expectConnection(page, 'Offline');
    // Deep links are answered by the shell too.
    await page.goto(`${app.url}/following`);
    await page.getByRole('heading', { name: 'What this browser follows' }).waitFor();
    await context.close();
  });

  it('shows a pushed notification while closed, keeps it in the inbox, sets the badge, and catches up', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['notifications'], { origin: app.url });
    const page = await context.newPage();
    await createAccount(page, app.url, 'pia');
    const { token } = await app.bearer('pia');
    const key = 'chat:pia:messages';
    await call(app.url, 'POST', '/api/keys', { token, body: { key, push: 'alert' } });
    await follow(page, key, 'Alert');
    await underServiceWorker(page);
    const { clientId } = (await storedClient(page))!;

    // Cubby is closed (no tab holds the stream); a message is published and pushed.
    await page.goto('about:blank');
    await expect
      .poll(async () => {
        const info = await call(app.url, 'GET', `/api/clients/${clientId}`, { token });
        return info.body.connected;
      })
      .toBe(false);
    const published = await call(app.url, 'POST', '/api/events', {
      token,
      body: { key, command: 'POST', title: 'Lunch?', body: 'At noon, usual place.' },
    });
    expect(published.body.recipients).toEqual({ live: 0, offline: 1 });
    const sw = await serviceWorker(context);
    await spyOnBadge(sw);
    const notification: Notification = {
      id: published.body.id,
      key,
      command: 'POST',
      change: null,
      source: null,
      at: new Date().toISOString(),
      title: 'Lunch?',
      body: 'At noon, usual place.',
    };
    await deliverPush(page, notification);

    // Generous waits: on two busy cores the service worker can take seconds to wake.
    await expect
      .poll(() => shownNotifications(sw), { timeout: 15_000 })
      .toEqual([{ title: 'Lunch?', body: 'At noon, usual place.', tag: key }]);
    await expect.poll(() => badges(sw), { timeout: 15_000 }).toContain(1);
    // Online and no tab live: the worker ran the reconnect check, so the server counts it as sent.
    await expect
      .poll(async () => {
        const info = await call(app.url, 'GET', `/api/clients/${clientId}`, { token });
        return info.body.sentCount;
      })
      .toBe(1);

    await page.goto(`${app.url}/inbox`);
    await inboxItems(page).getByText('Lunch?').waitFor();
    await expectConnection(page, 'Live');
    expect(await inboxItems(page).count()).toBe(1);
    expect(await inboxItems(page).filter({ hasText: 'Unread:' }).count()).toBe(1);
    await context.close();
  });

  it('does not alert twice for what a live tab already shows', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['notifications'], { origin: app.url });
    const page = await context.newPage();
    await createAccount(page, app.url, 'lena');
    const { token } = await app.bearer('lena');
    const key = 'folder:lena';
    await call(app.url, 'POST', '/api/keys', { token, body: { key, push: 'alert' } });
    await follow(page, key, 'Alert');
    await underServiceWorker(page);
    await openTab(page, 'Inbox');
    await expectConnection(page, 'Live');

    const published = await call(app.url, 'POST', '/api/events', {
      token,
      body: { key, command: 'EDIT', title: 'notes.md edited' },
    });
    await inboxItems(page).getByText('notes.md edited').waitFor();
    const sw = await serviceWorker(context);
    await spyOnBadge(sw);
    await deliverPush(page, {
      id: published.body.id,
      key,
      command: 'EDIT',
      change: null,
      source: null,
      at: new Date().toISOString(),
      title: 'notes.md edited',
    } satisfies Notification);
    // Once the worker has handled the push (it always sets the badge), no alert was shown and the
    // inbox holds the item once.
    await expect.poll(() => badges(sw)).toEqual([1]);
    expect(await shownNotifications(sw)).toEqual([]);
    expect(await inboxItems(page).count()).toBe(1);
    await context.close();
  });

  it('opens the app at the item when a notification is clicked, and marks it read', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['notifications'], { origin: app.url });
    const page = await context.newPage();
    await createAccount(page, app.url, 'nico');
    const { token } = await app.bearer('nico');
    const key = 'folder:nico';
    await call(app.url, 'POST', '/api/keys', { token, body: { key } });
    await follow(page, key, 'Alert');
    await underServiceWorker(page);
    const published = await call(app.url, 'POST', '/api/events', {
      token,
      body: { key, command: 'EDIT', title: 'budget.ods edited' },
    });
    const id = published.body.id as number;
    await openTab(page, 'Following');

    // The worker shows the alert as it would for a push, then the person clicks it.
    const sw = await serviceWorker(context);
    await sw.evaluate(`registration.showNotification('budget.ods edited', {
      tag: '${key}',
      data: { id: ${id}, url: '/inbox/${id}' },
    })`);
    await sw.evaluate(`registration.getNotifications().then(([notification]) => {
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
    })`);

    await expect.poll(() => new URL(page.url()).pathname).toBe(`/inbox/${id}`);
    const item = inboxItems(page).filter({ hasText: 'budget.ods edited' });
    await expect.poll(() => item.getAttribute('aria-current')).toBe('true');
    await expect.poll(() => item.filter({ hasText: 'Unread:' }).count()).toBe(0);
    await expect.poll(() => shownNotifications(sw)).toEqual([]);
    await context.close();
  });
});

// What every browser test starts from: a real Cubby server on 127.0.0.1 (a free port, its own data
// folder) serving a build from the global setup, and one Debian Chromium; set up in beforeAll and
// torn down in afterAll of the file that calls useBrowserApp().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { launchChromium } from '../support/browser.ts';
import { call } from '../support/test-server.ts';
import { password } from './pwa-people.ts';

export interface BrowserApp {
  /** The server's origin, e.g. http://127.0.0.1:40123; the same after a restart. */
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a browser context of its own (a device: its own storage and workers). */
  device(): Promise<Page>;
  /** Logs `username` in over the API (with the people's password), for calls as them. */
  bearer(username: string): Promise<{ token: string; userId: string }>;
  /** Closes the server (a real outage: nothing listens on the port); its data stays. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port with the same data. */
  startServer(): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for this test file. `serve` picks the build: the PWA (default) or
 * the sync worker's test page (`/sync-harness.html`). Use the answer's members inside tests only.
 */
export function useBrowserApp(options: { serve?: 'app' | 'sync-harness' } = {}): BrowserApp {
  let dataDir: string | undefined;
  let staticRoot: string;
  let port = 0;
  let server: RunningServer | null = null;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  /** Starts the server on `port` (a free one the first time) with the file's data folder. */
  async function listen(): Promise<void> {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir!,
      SIGNUPS_PER_HOUR: '10000',
    });
    server = await startServer(config, { staticRoot });
    port = Number(new URL(server.url).port);
  }

  beforeAll(async () => {
    staticRoot = inject(options.serve === 'sync-harness' ? 'syncHarnessRoot' : 'webRoot');
    dataDir = mkdtempSync(join(tmpdir(), 'cubby-e2e-'));
    // Assigned as soon as it is up, so afterAll closes it even if the server fails to start.
    const launching = launchChromium().then((launched) => void (browser = launched));
    await Promise.all([listen(), launching]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const app: BrowserApp = {
    get url() {
      if (!port) throw new Error('the server has not started (use it inside a test)');
      return `http://127.0.0.1:${port}`;
    },
    get server() {
      if (!server) throw new Error('the server is not running');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (use it inside a test)');
      return browser;
    },
    async device() {
      const context = await app.browser.newContext();
      contexts.push(context);
      return context.newPage();
    },
    async bearer(username) {
      const res = await call(app.url, 'POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200)
        throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: res.body.token as string, userId: res.body.user.id as string };
    },
    async stopServer() {
      await app.server.close();
      server = null;
    },
    startServer: () => listen(),
  };
  return app;
}

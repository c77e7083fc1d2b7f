// The Cubby app on a fresh SQLite file in a temp folder, called through app.request() with no socket;
// listen() adds a loopback port for the few tests that need one (the event stream).
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Services } from '../services.ts';
import { openServices } from '../start-server.ts';
import { jsonClient } from './json-client.fixture.ts';

export type { Answer } from './json-client.fixture.ts';

export interface TestApp {
  /** The origin app.request() gives requests: what a same-origin browser sends as Origin. */
  origin: string;
  app: ReturnType<typeof createApp>;
  services: Services;
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Serves the same app on a loopback port as well, and answers its base URL. */
  listen(): Promise<string>;
  /** Stops the services and deletes their data. */
  dispose(): Promise<void>;
}

export async function openTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cubby-app-test-'));
  const opened = await openServices(
    loadConfig({ DATA_DIR: dataDir, SIGNUPS_PER_HOUR: '10000', ...env }),
  );
  const app = createApp(opened.services);
  let server: ServerType | undefined;
  return {
    origin: 'http://localhost',
    app,
    services: opened.services,
    // No Node bindings: nothing here has a socket (the event stream needs one and answers 400).
    request: async (path, init) => app.request(path, init, {}),
    async listen() {
      server ??= await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async dispose() {
      await opened.stop();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await opened.release();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON through app.request(), and a signed-up user's token and id. */
export const { call, signUp } = jsonClient((app: TestApp) => app.request);

// A device in the sync tests: one browser profile on the sync harness page, signed in, driving the
// sync worker through the harness's `cubbySync` calls, as the app's page does.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { call } from '../support/test-server.ts';
import type { BrowserApp } from './use-browser-app.ts';

/** The password every test user of the sync tests signs up with. */
export const password = 'correct horse battery';

export interface Entry {
  id: number;
  name: string;
  kind: 'file' | 'folder';
  size: number;
  state: string;
}

export interface Status {
  phase: string;
  done: number;
  total: number;
  waiting: number;
  conflicts: { id: number; name: string; path: string }[];
  message: string | null;
}

/** One browser profile (a device) signed in as `username`, with the sync worker started. */
export class Device {
  private constructor(
    readonly context: BrowserContext,
    public page: Page,
  ) {}

  /** `query` `?shared` gives the page the app's shared worker; tests default to a dedicated one. */
  static async open(
    app: BrowserApp,
    username: string,
    startOptions: object = {},
    query = '',
  ): Promise<Device> {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const device = new Device(context, page);
    await page.goto(`${app.url}/sync-harness.html${query}`);
    const status = await device.run<number>(
      `fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: ${JSON.stringify(username)}, password: ${JSON.stringify(password)} }) }).then((r) => r.status)`,
    );
    expect(status).toBe(200);
    await device.start(startOptions);
    return device;
  }

  async start(options: object = {}): Promise<void> {
    await this.run(`cubbySync.start(${JSON.stringify(options)})`);
    await this.run('cubbySync.syncAll()');
  }

  run<T>(script: string): Promise<T> {
    return this.page.evaluate(script) as Promise<T>;
  }

  call<T>(method: string, request: object = {}): Promise<T> {
    return this.run<T>(`cubbySync.call(${JSON.stringify(method)}, ${JSON.stringify(request)})`);
  }

  list(namespaceId: string, folderId?: number): Promise<Entry[]> {
    return this.call<Entry[]>('listFolder', { namespaceId, folderId });
  }

  async names(namespaceId: string, folderId?: number): Promise<string[]> {
    return (await this.list(namespaceId, folderId)).map((e) => `${e.name}:${e.state}`).sort();
  }

  status(): Promise<Status> {
    return this.call<Status>('status');
  }

  /** Adds text files: `files` maps a path under `parentId` to its text. */
  addText(namespaceId: string, parentId: number, files: Record<string, string>) {
    const list = JSON.stringify(Object.entries(files));
    return this.run<{ added: number; replaced: number }>(
      `cubbySync.call('addFiles', { namespaceId: ${JSON.stringify(namespaceId)}, parentId: ${parentId},
        files: ${list}.map(([path, text]) => ({ path, file: new Blob([text]) })) })`,
    );
  }

  readText(namespaceId: string, id: number): Promise<string> {
    return this.run<string>(
      `cubbySync.call('readFile', { namespaceId: ${JSON.stringify(namespaceId)}, id: ${id} }).then((b) => b.text())`,
    );
  }

  /** Waits until the worker has nothing left to do and its listing holds no pending entries. */
  async settled(): Promise<void> {
    await expect
      .poll(async () => (await this.status()).phase, { timeout: 20_000, interval: 100 })
      .toBe('up-to-date');
  }

  /** As a `folder:<ns>` notification makes the app do: pull, then wait for the sync to settle. */
  async pullAndSettle(namespaceId: string): Promise<void> {
    await this.run(`cubbySync.pull(${JSON.stringify(namespaceId)})`);
    await this.settled();
  }

  async byName(namespaceId: string, name: string, folderId?: number): Promise<Entry> {
    const entry = (await this.list(namespaceId, folderId)).find((e) => e.name === name);
    expect(entry, `${name} in ${folderId ?? 'root'}`).toBeDefined();
    return entry!;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** The user's own namespace. */
export async function rootOf(app: BrowserApp, token: string): Promise<NamespaceInfo> {
  const res = await call(app.url, 'GET', '/api/namespaces', { token });
  return (res.body.namespaces as NamespaceInfo[]).find((n) => n.kind === 'root')!;
}

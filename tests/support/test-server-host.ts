// Vitest global setup of the Node tests: a small HTTP endpoint on 127.0.0.1 that starts a real
// Cubby server per request (startTestServer: its own data folder, a free port) and disposes it on
// request, so tests type-checked without Node (the sync worker's) get one through fetch alone.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { TestServer } from './test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `POST /servers` → 201 `{ id, url }`; `DELETE /servers/<id>` → 204, its data deleted. */
    testServerHost: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = new Map<string, TestServer>();
  let lastId = 0;

  async function answer(method = '', path = ''): Promise<{ status: number; body?: unknown }> {
    if (method === 'POST' && path === '/servers') {
      // Loaded on the first request: most runs of the Node tests never ask for a server here.
      const { startTestServer } = await import('./test-server.ts');
      const server = await startTestServer();
      const id = String(++lastId);
      running.set(id, server);
      return { status: 201, body: { id, url: server.url } };
    }
    const id = /^\/servers\/(\d+)$/.exec(path)?.[1];
    const server = id === undefined ? undefined : running.get(id);
    if (method === 'DELETE' && server) {
      running.delete(id!);
      await server.dispose();
      return { status: 204 };
    }
    return { status: 404, body: { error: `no ${method} ${path}` } };
  }

  const host = createServer((req, res) => {
    answer(req.method, req.url).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  project.provide('testServerHost', `http://127.0.0.1:${(host.address() as AddressInfo).port}`);

  return async () => {
    await new Promise((resolve) => host.close(resolve));
    for (const server of running.values()) await server.dispose();
  };
}

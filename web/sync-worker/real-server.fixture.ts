// Test fixture: a real Cubby server on a loopback port and a fetch that reaches it as one user, for
// the worker's code running under Node. This folder is type-checked as a worker (no Node types), so
// it asks the global setup's test-server host (tests/support/test-server-host.ts) for a server over
// HTTP instead of importing the server's code.
import { inject } from 'vitest';
import type { CommitOp, CommitAnswer } from '../../shared/api/content.ts';

// The same declaration as in tests/support/test-server-host.ts, which this program does not see.
declare module 'vitest' {
  export interface ProvidedContext {
    testServerHost: string;
  }
}

const password = 'correct horse battery';

export interface RealServer {
  url: string;
  /** A fetch for the worker's code: relative API paths, as `username`. */
  fetchAs(token: string): typeof fetch;
  signUp(username: string): Promise<{ token: string; id: string }>;
  /** JSON request as a user; throws on an error status. */
  json<T>(token: string, method: string, path: string, body?: unknown): Promise<T>;
  commit(token: string, ns: string, ops: CommitOp[]): Promise<CommitAnswer>;
  dispose(): Promise<void>;
}

export async function startRealServer(): Promise<RealServer> {
  const host = inject('testServerHost');
  const started = await fetch(`${host}/servers`, { method: 'POST' });
  if (started.status !== 201) throw new Error(`no test server: ${await started.text()}`);
  const server = (await started.json()) as { id: string; url: string };
  const fetchAs =
    (token: string): typeof fetch =>
    (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(server.url + String(input), { ...init, headers });
    };
  const json = async <T>(token: string, method: string, path: string, body?: unknown) => {
    const res = await fetchAs(token)(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    url: server.url,
    fetchAs,
    async signUp(username) {
      const res = await fetch(`${server.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { token: string; user: { id: string } };
      return { token: body.token, id: body.user.id };
    },
    json,
    async commit(token, ns, ops) {
      const answer = await json<CommitAnswer>(token, 'POST', `/api/ns/${ns}/ops`, { ops });
      const refused = answer.results.find((r) => !r.ok);
      if (refused) throw new Error(`commit refused: ${JSON.stringify(refused)}`);
      return answer;
    },
    async dispose() {
      await fetch(`${host}/servers/${server.id}`, { method: 'DELETE' });
    },
  };
}

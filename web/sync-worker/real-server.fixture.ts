// Test fixture: a real Cubby server on a loopback port (tests/support/test-server.ts) and a fetch
// that reaches it as one user, for the worker's code running under Node.
import type { CommitOp, CommitAnswer } from '../../shared/api/content.ts';

interface TestServerModule {
  startTestServer(): Promise<{ url: string; dispose(): Promise<void> }>;
  signUp(base: string, username: string): Promise<{ token: string; id: string }>;
}

// Loaded by a computed path: this folder is type-checked as a worker (no Node types), which must
// not compile the server; under vitest the module runs in Node like any test support.
const supportPath = '../../tests/support/test-server.ts';

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
  const support = (await import(/* @vite-ignore */ supportPath)) as TestServerModule;
  const server = await support.startTestServer();
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
    signUp: (username) => support.signUp(server.url, username),
    json,
    async commit(token, ns, ops) {
      const answer = await json<CommitAnswer>(token, 'POST', `/api/ns/${ns}/ops`, { ops });
      const refused = answer.results.find((r) => !r.ok);
      if (refused) throw new Error(`commit refused: ${JSON.stringify(refused)}`);
      return answer;
    },
    dispose: () => server.dispose(),
  };
}

// Test support: the web-push-testing push service, run as a child process on a loopback port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface WebPushTestingService {
  /** The service's origin, to be listed in `EndpointPolicy.testOrigins`. */
  origin: string;
  subscribe(applicationServerKey: string): Promise<TestSubscription>;
  /** The payloads the service received for a subscription and decrypted with its keys. */
  messages(clientHash: string): Promise<string[]>;
  /** Makes the service answer 410 for the subscription from now on. */
  expire(clientHash: string): Promise<void>;
  stop(): Promise<void>;
}

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

/**
 * Starts `web-push-testing` on a free port. It runs the package's server entry directly: the
 * package's CLI `start` command detaches that same process, records its pid in `.node-persist/`
 * in the working directory and exits, which would leave nothing for the test to stop.
 */
export async function startWebPushTesting(): Promise<WebPushTestingService> {
  const port = await freePort();
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('web-push-testing/package.json'));
  const child = spawn(process.execPath, [join(packageDir, 'src/bin/server.js'), String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Server running on port ${port}`)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`web-push-testing exited (${code}): ${output}`)));
  });
  // The service logs every rejected token to stderr; keep the pipe drained.
  child.stderr.resume();

  // It builds endpoints on `localhost`, so that is the origin the tests allow.
  const origin = `http://localhost:${port}`;
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`web-push-testing ${path}: ${res.status} ${await res.text()}`);
    return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
  };
  return {
    origin,
    async subscribe(applicationServerKey) {
      const answer = (await post('/subscribe', {
        userVisibleOnly: 'true',
        applicationServerKey,
      })) as { data: TestSubscription };
      return answer.data;
    },
    async messages(clientHash) {
      const answer = (await post('/get-notifications', { clientHash })) as {
        data: { messages: string[] };
      };
      return answer.data.messages;
    },
    async expire(clientHash) {
      await post(`/expire-subscription/${clientHash}`, {});
    },
    async stop() {
      child.kill();
      await exited;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

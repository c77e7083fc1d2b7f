// A real Cubby server on a loopback port with its data in a fresh temp folder, and a small API client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { jsonClient } from '../../server/routes/json-client.fixture.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';

export type { Answer } from '../../server/routes/json-client.fixture.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { staticRoot?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cubby-test-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    SIGNUPS_PER_HOUR: '10000',
    ...env,
  });
  const running = await startServer(config, options);
  return {
    ...running,
    dataDir,
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON over real HTTP, and a signed-up user's token and id. */
export const { call, signUp } = jsonClient(
  (base: string) => (path, init) => fetch(base + path, init),
);

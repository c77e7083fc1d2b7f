// A Cubby server for a benchmark: temp DATA_DIR, loopback port, and one signed-in user.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from '../../shared/api/auth.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';

export interface BenchServer {
  server: RunningServer;
  dir: string;
  user: User;
  token: string;
  port: number;
  stop(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cubby-bench-'));
  const server = await startServer(
    loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dir, ...env }),
  );
  const { accounts } = server.services;
  const now = Date.now();
  const user = (await accounts.createUser({
    id: 'u_bench',
    username: 'bench',
    passwordHash: 'x',
    now,
  }))!;
  const token = newToken();
  await accounts.createSession({
    tokenHash: hashToken(token),
    userId: user.id,
    now,
    expiresAt: now + 3600_000,
  });
  return {
    server,
    dir,
    user,
    token,
    port: Number(new URL(server.url).port),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

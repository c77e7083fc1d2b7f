// A production install (`npm run build`, then `npm ci --omit=dev`): `npm start` serves the built app
// and the API without loading any package that only devDependencies bring.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathFor, routes } from '../shared/api/routes.ts';

const checkout = fileURLToPath(new URL('..', import.meta.url));
const denyDevDependencies = fileURLToPath(
  new URL('./support/deny-dev-dependencies.mjs', import.meta.url),
);
const { version } = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as {
  version: string;
};
const made: string[] = [];

/** What `npm start` runs, in `dir`, with every devDependency unresolvable. */
function start(dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', denyDevDependencies, '--import', 'tsx', 'server/main.ts'],
    {
      cwd: dir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async url(): Promise<string> {
      for (;;) {
        const match = /serving on (http:\S+)/.exec(stdout);
        if (match?.[1]) return match[1];
        const ended = await Promise.race([
          exited.then(() => true),
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 50)),
        ]);
        if (ended) throw new Error(`The server exited before serving:\n${stdout}\n${stderr}`);
      }
    },
  };
}

/** A copy of the server's sources as an install has them, node_modules shared, no dist/. */
function installCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cubby-production-'));
  made.push(dir);
  for (const entry of ['server', 'shared', 'package.json', 'package-lock.json']) {
    cpSync(join(checkout, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(realpathSync(join(checkout, 'node_modules')), join(dir, 'node_modules'));
  return dir;
}

let built: string;

beforeAll(async () => {
  // `npm run build`, into the copy: Vite runs here, in the test process, never in the server.
  built = installCopy();
  const { build } = await import('vite');
  await build({
    configFile: join(checkout, 'vite.config.ts'),
    build: { outDir: join(built, 'dist', 'web'), emptyOutDir: true },
    logLevel: 'silent',
  });
}, 180_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('npm start in a production install', () => {
  it('serves the built app and the API with every devDependency unresolvable', async () => {
    const server = start(built);
    try {
      const url = await server.url();
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Cubby</title>');
      const health = await fetch(`${url}${pathFor(routes.health)}`);
      expect(await health.json()).toEqual({ ok: true, version });
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output().stderr).toBe('');
  });

  it('without a built app and without Vite, exits saying to run npm run build', async () => {
    const server = start(installCopy());
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toMatch(/not built[\s\S]*Run `npm run build` first/);
  });

  it('really makes devDependencies unresolvable, for import and require alike', async () => {
    const probe = (code: string) =>
      new Promise<string>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', denyDevDependencies, '--input-type=module', '-e', code],
          { cwd: checkout, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', () => resolve(out.trim()));
      });
    const outcome = `.then(() => console.log('loaded'), (e) => console.log(e.code))`;
    expect(await probe(`import('vite')${outcome}`)).toBe('ERR_MODULE_NOT_FOUND');
    expect(
      await probe(
        `import { createRequire } from 'node:module';` +
          `Promise.resolve().then(() => createRequire(import.meta.url)('fast-check'))${outcome}`,
      ),
    ).toBe('ERR_MODULE_NOT_FOUND');
    // A dependency still loads.
    expect(await probe(`import('hono')${outcome}`)).toBe('loaded');
  });
});

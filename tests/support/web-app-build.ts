// Builds the web app (web/) with the project's Vite config, as it ships; used by the browser tests'
// global setup and the PWA benchmark.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds web/ with the project's Vite config into a fresh folder and returns it. */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cubby-web-'));
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'silent',
  });
  return outDir;
}

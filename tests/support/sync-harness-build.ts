// Builds the sync worker's test page (sync-harness.html) with Vite, as the app's worker is built.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds tests/support/sync-harness.html into a fresh folder and returns it; `extraFiles` are
 * copied in beside it (served as static files). Serve it with `startTestServer({}, {staticRoot})`.
 */
export async function buildSyncHarness(extraFiles: string[] = []): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cubby-sync-harness-'));
  const root = fileURLToPath(new URL('.', import.meta.url));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: join(root, 'sync-harness.html') },
    },
  });
  for (const file of extraFiles) copyFileSync(file, join(outDir, file.split('/').pop()!));
  return outDir;
}

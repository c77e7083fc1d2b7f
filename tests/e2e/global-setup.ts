// Vitest global setup of the browser tests: builds the web app and the sync worker's test page once
// per run (not once per file) and provides their folders; useBrowserApp() serves them.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSyncHarness } from '../support/sync-harness-build.ts';
import { buildWebApp } from '../support/web-app-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** web/ built by Vite as it ships (the PWA with its service worker and sync worker). */
    webRoot: string;
    /** tests/support/sync-harness.html built with the sync worker, below the UI. */
    syncHarnessRoot: string;
  }
}

export async function setup(project: TestProject): Promise<() => void> {
  const [webRoot, syncHarnessRoot] = await Promise.all([buildWebApp(), buildSyncHarness()]);
  project.provide('webRoot', webRoot);
  project.provide('syncHarnessRoot', syncHarnessRoot);
  return () => {
    for (const dir of [webRoot, syncHarnessRoot]) rmSync(dir, { recursive: true, force: true });
  };
}

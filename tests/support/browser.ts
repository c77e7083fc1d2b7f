// Debian's Chromium driven by playwright-core (never a downloaded browser), and the web app built once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  });
}

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

/**
 * Chromium with a real profile folder (not incognito): what installability checks need. Close the
 * context to end the browser.
 */
export function launchPersistentChromium(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  });
}

// `npm start`: serves the built web app and the API until SIGINT/SIGTERM, building the app first if
// it is missing and Vite (a devDependency) is installed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { startServer } from './start-server.ts';

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

// Only this branch may load a devDependency: a production install (`npm ci --omit=dev`) has no
// Vite, and runs on the dist/web that `npm run build` made before it.
if (!existsSync(`${webRoot}/index.html`)) {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(
      `The web app is not built (${webRoot} is missing) and Vite is not installed to build it.\n` +
        'Run `npm run build` first, in a checkout with the devDependencies installed (`npm ci`).',
    );
    process.exit(1);
  }
  console.log('Building the web app (first start)…');
  await vite.build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}

const config = loadConfig();
const running = await startServer(config, { staticRoot: webRoot });
console.log(`Cubby is serving on ${running.url} (data in ${config.dataDir})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  });
}

// `npm start`: builds the web app when it is missing, then serves app and API until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { startServer } from './start-server.ts';

const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));

if (!existsSync(`${webRoot}/index.html`)) {
  console.log('Building the web app (first start)…');
  const { build } = await import('vite');
  await build({
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

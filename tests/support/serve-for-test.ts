// Runs a Cubby server in a child process for tests that must kill it (settings from the environment);
// prints "listening <url>" once it accepts connections.
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/start-server.ts';

const running = await startServer(loadConfig());
console.log(`listening ${running.url}`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));

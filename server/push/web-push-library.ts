// The web-push package, loaded once for the push code: its encryption, VAPID headers and key generation.
import { createRequire } from 'node:module';

// Loaded with require: web-push is CommonJS and assigns its exports in a way Node's ESM import
// cannot see by name (only `default` would work, and its type declarations have no default).
const require = createRequire(import.meta.url);

export const webPushLibrary = require('web-push') as typeof import('web-push');

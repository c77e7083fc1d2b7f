// The keep-alive connection pool push requests go through, one per protocol and address policy.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PushAgentOptions {
  protocol: 'https:' | 'http:';
  /** Sockets per push-service origin: the sender's concurrency, which also bounds the total in
   *  flight. No `maxTotalSockets`: idle sockets of one origin would then stall requests to another. */
  maxSockets: number;
  /** The socket's DNS lookup: `createSafeLookup(...)` except for explicit test origins. */
  lookup?: LookupFunction;
  /** PEM certificate authority to trust instead of Node's bundled roots (test origins only). */
  ca?: string;
}

// An idle kept-alive connection is closed after this long (push services drop them anyway).
const idleSocketMs = 30_000;

export function createPushAgent(options: PushAgentOptions): HttpAgent {
  const common = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    maxFreeSockets: options.maxSockets,
    timeout: idleSocketMs,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
  if (options.protocol === 'http:') return new HttpAgent(common);
  return new HttpsAgent({ ...common, ...(options.ca ? { ca: options.ca } : {}) });
}

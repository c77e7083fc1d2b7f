// Server-sent event frames, encoded once per notification and written to every recipient as is.

/** `id`, `event: notification` and the JSON (which never holds a raw newline) as one Buffer. */
export function notificationFrame(id: number, json: string): Buffer {
  return Buffer.from(`id: ${id}\nevent: notification\ndata: ${json}\n\n`);
}

/** A comment line: keeps proxies from closing an idle stream and finds dead ones. */
export const heartbeatFrame = Buffer.from(': heartbeat\n\n');

/** Sent before closing a stream whose backlog retention purged: the client runs the reconnect check. */
export const resyncFrame = Buffer.from('event: resync\ndata: {}\n\n');

/** The first bytes of a stream: how long the browser waits before reconnecting on its own. */
export const streamPreamble = Buffer.from('retry: 3000\n\n');

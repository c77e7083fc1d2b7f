// Benchmark baseline: a raw node:http server with no store, no auth and no counts; publishing writes
// one pre-encoded buffer to each open response in a plain loop (MEASURED.md's ~246,000 deliveries/s).
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlainFanoutServer {
  port: number;
  publish(key: string, payload: string): number;
  close(): Promise<void>;
}

export async function startPlainFanoutServer(): Promise<PlainFanoutServer> {
  const byKey = new Map<string, Set<ServerResponse>>();
  const publish = (key: string, payload: string) => {
    const subs = byKey.get(key);
    if (!subs) return 0;
    const frame = Buffer.from(`event: notification\ndata: ${payload}\n\n`);
    for (const res of subs) res.write(frame);
    return subs.size;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = url.searchParams.get('key') ?? '';
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 3000\n\n');
      let subs = byKey.get(key);
      if (!subs) byKey.set(key, (subs = new Set()));
      subs.add(res);
      res.on('close', () => subs.delete(res));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { key: string };
      publish(parsed.key, body);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    publish,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

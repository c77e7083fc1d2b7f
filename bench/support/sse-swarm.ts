// Benchmark child process: holds thousands of event streams on raw sockets and, on request, publishes
// at a fixed rate and measures publish-to-receive latency. Driven by its parent over IPC.
import { request, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export type SwarmCommand =
  | { cmd: 'connect'; port: number; paths: string[]; headers: Record<string, string> }
  | { cmd: 'count'; total: number }
  | {
      cmd: 'latency';
      port: number;
      publishPath: string;
      headers: Record<string, string>;
      keys: string[];
      perSecond: number;
      seconds: number;
      bodyFor: 'cubby' | 'plain';
    }
  | { cmd: 'exit' };

export type SwarmReport =
  | { type: 'connected'; count: number }
  | { type: 'counted'; at: number }
  | {
      type: 'latency';
      samples: number;
      p50: number;
      p99: number;
      published: number;
      expected: number;
    };

const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
let frames = 0;
let target = Infinity;
let latencies: number[] | null = null;

function send(report: SwarmReport) {
  process.send!(report);
}

function onFrameData(chunk: Buffer, state: { prev: number }) {
  // Frames end in a blank line: count "\n\n", carrying the last byte across chunks.
  let count = 0;
  let prev = state.prev;
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b === 10 && prev === 10) count++;
    prev = b;
  }
  state.prev = prev;
  if (latencies) {
    const text = chunk.toString('latin1');
    let at = 0;
    const received = now();
    while ((at = text.indexOf('"t":', at)) >= 0) {
      const end = text.indexOf('}', at);
      latencies.push(received - Number(text.slice(at + 4, end)));
      at = end;
    }
  }
  frames += count;
  if (frames >= target) {
    target = Infinity;
    send({ type: 'counted', at: now() });
  }
}

async function connectAll(port: number, paths: string[], headers: Record<string, string>) {
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    const open = () => {
      if (next >= paths.length) return;
      const path = paths[next++]!;
      const socket = connect(port, '127.0.0.1');
      const state = { prev: 0 };
      let headed = false;
      socket.on('data', (chunk: Buffer) => {
        if (!headed) {
          headed = true;
          ready++;
          if (ready === paths.length) resolve();
          open();
          return; // headers and preamble: not a notification
        }
        onFrameData(chunk, state);
      });
      socket.on('error', reject);
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n${head}\r\n`,
      );
      sockets.push(socket);
    };
    // A bounded number of handshakes in flight at once.
    for (let i = 0; i < 200; i++) open();
  });
  frames = 0;
  send({ type: 'connected', count: ready });
}

async function runLatency(c: Extract<SwarmCommand, { cmd: 'latency' }>) {
  latencies = [];
  frames = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = c.perSecond * c.seconds;
  const start = now();
  let published = 0;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / c.perSecond;
    const wait = due - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const key = c.keys[i % c.keys.length]!;
    const body =
      c.bodyFor === 'cubby'
        ? JSON.stringify({ key, command: 'EDIT', change: { t: now() } })
        : JSON.stringify({ key, t: now() });
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            port: c.port,
            host: '127.0.0.1',
            method: 'POST',
            path: c.publishPath,
            agent,
            headers: {
              ...c.headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 202) published++;
              resolve();
            });
          },
        );
        req.on('error', () => resolve());
        req.end(body);
      }),
    );
  }
  await Promise.all(inFlight);
  await new Promise((r) => setTimeout(r, 500)); // the last deliveries
  const sorted = latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  send({
    type: 'latency',
    samples: sorted.length,
    p50: pick(0.5),
    p99: pick(0.99),
    published,
    expected: total,
  });
  latencies = null;
  agent.destroy();
}

process.on('message', (message: SwarmCommand) => {
  if (message.cmd === 'connect') void connectAll(message.port, message.paths, message.headers);
  else if (message.cmd === 'count') {
    target = message.total;
    if (frames >= target) send({ type: 'counted', at: now() });
  } else if (message.cmd === 'latency') void runLatency(message);
  else if (message.cmd === 'exit') {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});

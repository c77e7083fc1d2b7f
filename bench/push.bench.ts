// Push sending: PushSender (web-push encryption, our pooled transport) against the plain webpush.sendNotification loop.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PushSender, type PushMessage } from '../server/push/push-sender.ts';
import { defaultAllowedHosts } from '../server/push/endpoint-policy.ts';
import { newClientKeys, newVapidKeys } from '../server/push/testing/test-keys.ts';
import type { BenchFigure } from './figure.ts';

const require = createRequire(import.meta.url);
const webpush = require('web-push') as typeof import('web-push');

/** Requests in flight at once, for both contenders. */
const concurrency = 64;
const pushSenderMessages = 30_000;
const baselineMessages = 4_000;
const subject = 'mailto:bench@cubby.example';
const message: PushMessage = {
  payload: JSON.stringify({
    id: 123456,
    key: 'folder:ns-1',
    command: 'changed',
    title: 'report.pdf',
  }),
  ttlSeconds: 604_800,
  urgency: 'normal',
  topic: 'folder:ns-1',
};

// The receiver: HTTPS like every real push service, answering 201 to everything, in its own
// process so its CPU is not the sender's. It reports its port, then its CPU time when asked.
const receiverSource = `
const https = require('node:https');
const fs = require('node:fs');
const server = https.createServer(
  { key: fs.readFileSync(process.argv[1]), cert: fs.readFileSync(process.argv[2]) },
  (req, res) => { req.resume(); req.on('end', () => { res.statusCode = 201; res.end(); }); },
);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', () => {
  const { user, system } = process.cpuUsage();
  process.send({ cpuMs: (user + system) / 1000 });
});
`;

interface Receiver {
  origin: string;
  cpuMs(): Promise<number>;
  stop(): void;
}

async function startReceiver(keyFile: string, certFile: string): Promise<Receiver> {
  const child = spawn(process.execPath, ['-e', receiverSource, keyFile, certFile], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<Record<string, number>>((resolve) => child.once('message', resolve));
  const { port } = await next();
  return {
    origin: `https://127.0.0.1:${port}`,
    async cpuMs() {
      const answer = next();
      child.send('cpu');
      return (await answer).cpuMs ?? 0;
    },
    stop: () => child.kill(),
  };
}

interface Run {
  perSecond: number;
  /** Messages per second of the sender process's CPU time (user + system). */
  perCpuSecond: number;
  receiverCpuShare: number;
}

async function measure(
  receiver: Receiver,
  messages: number,
  sendOne: (i: number) => Promise<unknown>,
): Promise<Run> {
  const receiverBefore = await receiver.cpuMs();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < messages) await sendOne(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const receiverSeconds = ((await receiver.cpuMs()) - receiverBefore) / 1000;
  return {
    perSecond: messages / seconds,
    perCpuSecond: messages / cpuSeconds,
    receiverCpuShare: receiverSeconds / seconds,
  };
}

export default async function pushBench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cubby-push-bench-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  // A throwaway self-signed certificate for 127.0.0.1 (needs the openssl command).
  // prettier-ignore
  const opensslArgs = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ];
  execFileSync('openssl', opensslArgs, { stdio: 'ignore' });
  const ca = readFileSync(certFile, 'utf8');
  const receiver = await startReceiver(keyFile, certFile);
  const vapid = newVapidKeys();
  const subscriptions = Array.from({ length: 256 }, (_, i) => ({
    endpoint: `${receiver.origin}/push/${i}`,
    keys: newClientKeys(),
  }));
  const pick = (i: number) => subscriptions[i % subscriptions.length] as (typeof subscriptions)[0];

  try {
    const sender = new PushSender({
      vapid,
      subject,
      policy: { allowedHosts: [...defaultAllowedHosts], testOrigins: [receiver.origin] },
      concurrency,
      testOriginCa: ca,
    });
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: concurrency, ca });
    const options = {
      vapidDetails: { subject, ...vapid },
      TTL: message.ttlSeconds,
      urgency: message.urgency,
      agent,
    };
    const sendPlain = (i: number) => webpush.sendNotification(pick(i), message.payload, options);
    const sendOurs = async (i: number) => {
      const outcome = await sender.send(pick(i), message);
      if (outcome.status !== 'delivered') throw new Error(JSON.stringify(outcome));
    };

    await measure(receiver, 500, sendPlain); // warm-up: connections, JIT
    await measure(receiver, 2_000, sendOurs);
    const plain = await measure(receiver, baselineMessages, sendPlain);
    const ours = await measure(receiver, pushSenderMessages, sendOurs);
    sender.close();
    agent.destroy();

    const baselineName = 'webpush.sendNotification loop, a JWT signed per message';
    const receiverNote = `receiver on the other core used ${Math.round(ours.receiverCpuShare * 100)} % of it`;
    return [
      {
        name: `Push sends/s per core of sender CPU, PushSender (${concurrency} in flight, TLS keep-alive)`,
        value: ours.perCpuSecond,
        unit: 'sends/s per core',
        target: '≥ 2,500/s per core',
        met: ours.perCpuSecond >= 2_500,
        baseline: { name: baselineName, value: plain.perCpuSecond, unit: 'sends/s per core' },
      },
      {
        // Judged per core: both senders are one thread, and the wall clock also carries the load the
        // rest of the machine puts on this core (shown beside it).
        name: `PushSender vs the plain loop, sends per core (wall clock ${Math.round(ours.perSecond)} vs ${Math.round(plain.perSecond)} sends/s, ${(ours.perSecond / plain.perSecond).toFixed(2)}×; ${receiverNote})`,
        value: ours.perCpuSecond / plain.perCpuSecond,
        unit: '× the plain loop',
        target: '≥ 3×',
        met: ours.perCpuSecond >= 3 * plain.perCpuSecond,
      },
    ];
  } finally {
    receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

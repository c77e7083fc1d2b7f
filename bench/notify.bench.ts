// Notification service benchmarks (issue 2): SSE fan-out, publish-to-receive latency, publishing to a
// key with 100,000 offline clients, and reconnect after 10,000 missed — each beside a baseline.
import { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { BenchFigure } from './figure.ts';
import { startBenchServer, type BenchServer } from './support/bench-server.ts';
import { startPlainFanoutServer } from './support/plain-fanout-server.ts';
import { postJson } from './support/post-json.ts';
import { Swarm } from './support/sse-swarm-process.ts';
import type { SwarmReport } from './support/sse-swarm.ts';

const now = () => performance.timeOrigin + performance.now();
const fanoutClients = 10_000;
const fanoutPublishes = 30;

type Cubby = BenchServer & { userId: string };

async function startCubby(): Promise<Cubby> {
  const bench = await startBenchServer({ HEARTBEAT_SECONDS: '600' });
  return { ...bench, userId: bench.user.id };
}

const stopCubby = (c: Cubby) => c.stop();

async function fanout(): Promise<BenchFigure[]> {
  // Baseline: the plain write loop.
  const plain = await startPlainFanoutServer();
  let swarm = new Swarm();
  await swarm.ask({
    cmd: 'connect',
    port: plain.port,
    paths: Array.from({ length: fanoutClients }, () => '/sub?key=k'),
    headers: {},
  });
  let counted = swarm.ask({ cmd: 'count', total: fanoutClients * fanoutPublishes });
  let start = now();
  for (let i = 0; i < fanoutPublishes; i++)
    plain.publish('k', JSON.stringify({ id: i, key: 'k', command: 'EDIT' }));
  let done = (await counted) as Extract<SwarmReport, { type: 'counted' }>;
  const plainRate = (fanoutClients * fanoutPublishes) / ((done.at - start) / 1000);
  swarm.exit();
  await plain.close();

  const cubby = await startCubby();
  const { store, notifier } = cubby.server.services;
  await store.defineKey({
    key: 'folder:fanout',
    description: '',
    ownerId: cubby.userId,
    push: 'none',
    now: Date.now(),
  });
  const ids: string[] = [];
  for (let i = 0; i < fanoutClients; i++) {
    const id = `c_fan${i}`;
    await store.createClient({
      id,
      userId: cubby.userId,
      name: '',
      keys: ['folder:fanout'],
      now: Date.now(),
    });
    ids.push(id);
  }
  swarm = new Swarm();
  await swarm.ask({
    cmd: 'connect',
    port: cubby.port,
    paths: ids.map((id) => `/api/clients/${id}/events`),
    headers: { authorization: `Bearer ${cubby.token}` },
  });
  const key = (await store.getKey('folder:fanout'))!;
  counted = swarm.ask({ cmd: 'count', total: fanoutClients * fanoutPublishes });
  start = now();
  for (let i = 0; i < fanoutPublishes; i++) {
    await notifier.publish(cubby.userId, key, {
      key: 'folder:fanout',
      command: 'EDIT',
      change: { i },
    });
  }
  done = (await counted) as Extract<SwarmReport, { type: 'counted' }>;
  const rate = (fanoutClients * fanoutPublishes) / ((done.at - start) / 1000);
  swarm.exit();
  await stopCubby(cubby);
  return [
    {
      name: `SSE fan-out, ${fanoutClients.toLocaleString('en-US')} live clients on one key (clients in another process)`,
      value: rate,
      unit: 'deliveries/s',
      target: '≥ 100,000/s',
      met: rate >= 100_000,
      baseline: { name: 'plain per-client write loop', value: plainRate, unit: 'deliveries/s' },
    },
  ];
}

async function latency(): Promise<BenchFigure[]> {
  const keys = Array.from({ length: 100 }, (_, i) => `folder:lat${i}`);
  const plain = await startPlainFanoutServer();
  let swarm = new Swarm();
  await swarm.ask({
    cmd: 'connect',
    port: plain.port,
    paths: keys.flatMap((k) => Array.from({ length: 10 }, () => `/sub?key=${k}`)),
    headers: {},
  });
  const plainRun = {
    cmd: 'latency',
    port: plain.port,
    publishPath: '/pub',
    headers: {},
    keys,
    perSecond: 1000,
    bodyFor: 'plain',
  } as const;
  // Steady state: a second of the same load first (JIT, caches, file growth), then the measured run.
  await swarm.ask({ ...plainRun, seconds: 1 });
  const base = (await swarm.ask({ ...plainRun, seconds: 3 })) as Extract<
    SwarmReport,
    { type: 'latency' }
  >;
  swarm.exit();
  await plain.close();

  const cubby = await startCubby();
  const { store } = cubby.server.services;
  const paths: string[] = [];
  for (const key of keys) {
    await store.defineKey({
      key,
      description: '',
      ownerId: cubby.userId,
      push: 'none',
      now: Date.now(),
    });
    for (let i = 0; i < 10; i++) {
      const id = `c_${key.slice(7)}_${i}`;
      await store.createClient({
        id,
        userId: cubby.userId,
        name: '',
        keys: [key],
        now: Date.now(),
      });
      paths.push(`/api/clients/${id}/events`);
    }
  }
  const auth = { authorization: `Bearer ${cubby.token}` };
  swarm = new Swarm();
  await swarm.ask({ cmd: 'connect', port: cubby.port, paths, headers: auth });
  const cubbyRun = {
    cmd: 'latency',
    port: cubby.port,
    publishPath: '/api/events',
    headers: auth,
    keys,
    perSecond: 1000,
    bodyFor: 'cubby',
  } as const;
  await swarm.ask({ ...cubbyRun, seconds: 1 });
  const measured = (await swarm.ask({ ...cubbyRun, seconds: 3 })) as Extract<
    SwarmReport,
    { type: 'latency' }
  >;
  swarm.exit();
  await stopCubby(cubby);
  const complete =
    measured.published === measured.expected && measured.samples === measured.expected * 10;
  return [
    {
      name: `p99 publish-to-receive, 1,000 HTTP publishes/s to keys of 10 subscribers, after 1 s of warm-up (${measured.samples.toLocaleString('en-US')} deliveries, p50 ${measured.p50.toFixed(1)} ms${complete ? '' : ', SOME LOST'})`,
      value: measured.p99,
      unit: 'ms',
      lowerIsBetter: true,
      target: '≤ 100 ms',
      met: measured.p99 <= 100 && complete,
      baseline: {
        name: `plain write loop (p50 ${base.p50.toFixed(1)} ms)`,
        value: base.p99,
        unit: 'ms',
      },
    },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function publishToOffline(): Promise<BenchFigure[]> {
  const offline = 100_000;
  const cubby = await startCubby();
  await cubby.server.services.store.defineKey({
    key: 'folder:crowd',
    description: '',
    ownerId: cubby.userId,
    push: 'alert',
    now: Date.now(),
  });
  const db = new Database(join(cubby.dir, 'cubby.sqlite'));
  const addClient = db.prepare(
    `INSERT INTO clients (id, user_id, name, created_at, last_seen_at) VALUES (?, ?, '', 0, ?)`,
  );
  const register = db.prepare(
    `INSERT INTO registrations (client_id, key, from_id) VALUES (?, 'folder:crowd', 0)`,
  );
  db.transaction(() => {
    for (let i = 0; i < offline; i++) {
      addClient.run(`c_crowd${i}`, cubby.userId, Date.now());
      register.run(`c_crowd${i}`);
    }
    db.prepare(`UPDATE keys SET active_registrations = ? WHERE key = 'folder:crowd'`).run(offline);
  })();
  const rows = db
    .prepare(
      `SELECT (SELECT count(*) FROM notifications) + (SELECT count(*) FROM registrations) + (SELECT count(*) FROM clients) + (SELECT count(*) FROM idempotency) AS n`,
    )
    .pluck();

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${cubby.token}` };
  const times: number[] = [];
  const before = rows.get() as number;
  const publishes = 300;
  for (let i = 0; i < publishes; i++) {
    const t = now();
    const res = await postJson(
      cubby.port,
      '/api/events',
      { key: 'folder:crowd', command: 'EDIT', change: { i } },
      headers,
      agent,
    );
    times.push(now() - t);
    if (res.status !== 202) throw new Error(`publish failed: ${res.status} ${res.text}`);
  }
  const rowsPerPublish = ((rows.get() as number) - before) / publishes;
  agent.destroy();

  // Baseline: the copy-per-recipient design, one mailbox row per offline client.
  db.exec(
    `CREATE TABLE mailbox (client_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (client_id, seq))`,
  );
  const put = db.prepare(`INSERT INTO mailbox (client_id, seq, json) VALUES (?, ?, ?)`);
  const t = now();
  db.transaction(() => {
    for (let i = 0; i < offline; i++)
      put.run(`c_crowd${i}`, 1, '{"id":1,"key":"folder:crowd","command":"EDIT"}');
  })();
  const copyMs = now() - t;
  db.close();
  await stopCubby(cubby);
  return [
    {
      name: `publish to a key with ${offline.toLocaleString('en-US')} registered offline clients: rows written per publish`,
      value: rowsPerPublish,
      unit: 'rows',
      lowerIsBetter: true,
      target: 'constant (1)',
      met: rowsPerPublish === 1,
      baseline: { name: 'copy per recipient', value: offline, unit: 'rows' },
    },
    {
      name: `publish to a key with ${offline.toLocaleString('en-US')} registered offline clients: median HTTP round trip (server work included)`,
      value: median(times),
      unit: 'ms',
      lowerIsBetter: true,
      target: '≤ 2 ms',
      met: median(times) <= 2,
      baseline: { name: 'copy per recipient, one transaction', value: copyMs, unit: 'ms' },
    },
  ];
}

async function reconnectAfterMissed(): Promise<BenchFigure[]> {
  const missed = 10_000;
  const cubby = await startCubby();
  const { store, notifier } = cubby.server.services;
  await store.defineKey({
    key: 'folder:away',
    description: '',
    ownerId: cubby.userId,
    push: 'none',
    now: Date.now(),
  });
  await store.defineKey({
    key: 'folder:noise',
    description: '',
    ownerId: cubby.userId,
    push: 'none',
    now: Date.now(),
  });
  await store.createClient({
    id: 'c_away',
    userId: cubby.userId,
    name: '',
    keys: ['folder:away'],
    now: Date.now(),
  });
  const away = (await store.getKey('folder:away'))!;
  const noise = (await store.getKey('folder:noise'))!;
  for (let i = 0; i < missed; i++) {
    await notifier.publish(cubby.userId, away, {
      key: 'folder:away',
      command: 'EDIT',
      change: { i, path: `docs/file-${i}.md` },
    });
    await notifier.publish(cubby.userId, noise, {
      key: 'folder:noise',
      command: 'EDIT',
      change: { i },
    });
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${cubby.token}` };
  let state = { receivedCount: 0, lastId: 0 };
  let got = 0;
  const t = now();
  for (;;) {
    const res = await postJson(cubby.port, '/api/clients/c_away/reconnect', state, headers, agent);
    const body = JSON.parse(res.text) as {
      notifications: unknown[];
      more: boolean;
      sentCount: number;
      lastId: number;
    };
    got += body.notifications.length;
    state = { receivedCount: body.sentCount, lastId: body.lastId };
    if (!body.more) break;
  }
  const ms = now() - t;
  agent.destroy();

  // Baseline: the same 10,000 notifications read from a per-client mailbox by (client, seq) and sent as JSON.
  const db = new Database(join(cubby.dir, 'cubby.sqlite'));
  db.exec(
    `CREATE TABLE mailbox (client_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (client_id, seq))`,
  );
  const put = db.prepare(
    `INSERT INTO mailbox (client_id, seq, json) SELECT 'c_away', id, json FROM notifications WHERE key = 'folder:away'`,
  );
  put.run();
  const read = db.prepare(
    `SELECT seq, json FROM mailbox WHERE client_id = ? AND seq > ? ORDER BY seq LIMIT 1000`,
  );
  const tb = now();
  let after = 0;
  for (;;) {
    const page = read.all('c_away', after) as { seq: number; json: string }[];
    if (page.length === 0) break;
    JSON.stringify({ notifications: page.map((r) => JSON.parse(r.json) as unknown) });
    after = page[page.length - 1]!.seq;
  }
  const baseMs = now() - tb;
  db.close();
  await stopCubby(cubby);
  return [
    {
      name: `reconnect of a client that missed ${missed.toLocaleString('en-US')} notifications (${got.toLocaleString('en-US')} replayed over HTTP, pages of 1,000)`,
      value: ms,
      unit: 'ms',
      lowerIsBetter: true,
      target: '≤ 300 ms',
      met: ms <= 300 && got === missed,
      baseline: {
        name: 'per-client mailbox read by (client, seq), in process',
        value: baseMs,
        unit: 'ms',
      },
    },
  ];
}

export default async function notifyBench(): Promise<BenchFigure[]> {
  return [
    ...(await publishToOffline()),
    ...(await reconnectAfterMissed()),
    ...(await latency()),
    ...(await fanout()),
  ];
}

// Wires stores, notifier, push and retention to the Hono app and listens: used by main.ts and by
// tests that need a real server on a loopback port. openServices is the wiring alone, for tests
// that call the app with app.request() and need no socket.
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { BlobCollector } from './content/blob-collector.ts';
import { BlobStore } from './content/blob-store.ts';
import { ContentService } from './content/content-service.ts';
import { SqliteContentStore } from './content/sqlite-content-store.ts';
import { FailureLimiter } from './auth/failure-limiter.ts';
import type { Config } from './config.ts';
import { LiveHub } from './notify/live-hub.ts';
import { Notifier } from './notify/notifier.ts';
import { PushDispatcher } from './notify/push-dispatcher.ts';
import { Retention } from './notify/retention.ts';
import { validatePushSubscription } from './push/endpoint-policy.ts';
import { PushSender } from './push/push-sender.ts';
import { loadOrCreateVapidKeys } from './push/vapid-keys.ts';
import type { Services } from './services.ts';
import { openDatabase } from './store/database.ts';
import { SqliteAccountStore } from './store/sqlite-account-store.ts';
import { SqliteNotificationStore } from './store/sqlite-notification-store.ts';

/** The version written in package.json, its one place; `GET /api/health` reports it. */
export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  services: Services;
  push: PushDispatcher;
  retention: Retention;
  /** Stops accepting, closes streams, saves counts and marks a clean stop. */
  close(): Promise<void>;
}

/** The wired services and the two halves of shutting them down. */
export interface OpenServices {
  services: Services;
  push: PushDispatcher;
  retention: Retention;
  /** Stops background work and closes live streams: before the HTTP server closes. */
  stop(): Promise<void>;
  /** Waits for pushes in flight, saves and closes the database: after the HTTP server closed. */
  release(): Promise<void>;
}

export async function openServices(config: Config): Promise<OpenServices> {
  mkdirSync(config.dataDir, { recursive: true });
  const dbFile = join(config.dataDir, 'cubby.sqlite');
  const db = openDatabase(dbFile);
  const store = new SqliteNotificationStore(db);
  const accounts = new SqliteAccountStore(db);
  const hub = new LiveHub();
  const vapid = loadOrCreateVapidKeys(config.dataDir);
  const policy = { allowedHosts: config.pushAllowedHosts, testOrigins: config.pushTestOrigins };
  const sender = new PushSender({
    vapid,
    subject: config.pushSubject,
    policy,
    concurrency: config.pushConcurrency,
  });
  const push = new PushDispatcher({
    store,
    hub,
    transport: sender,
    ttlSeconds: Math.floor(config.notificationTtlMs / 1000),
  });
  const notifier = new Notifier({
    store,
    hub,
    push,
    reconnectThreshold: config.reconnectThreshold,
    replayPageSize: config.replayPageSize,
    countsFlushMs: config.countsFlushMs,
    heartbeatMs: config.heartbeatMs,
  });
  const retention = new Retention({
    store,
    accounts,
    hub,
    policy: {
      notificationTtlMs: config.notificationTtlMs,
      notificationLogCap: config.notificationLogCap,
      clientExpiryMs: config.clientExpiryMs,
      idempotencyMs: 24 * 3600_000,
    },
  });
  const contentStore = new SqliteContentStore(db, dbFile);
  const blobs = new BlobStore(config.dataDir);
  const content = new ContentService({
    store: contentStore,
    notifications: store,
    notifier,
    caseSensitive: config.contentCaseSensitive,
  });
  const blobCollector = new BlobCollector(contentStore, blobs, config.blobGraceMs);
  const services: Services = {
    config,
    accounts,
    store,
    notifier,
    content,
    contentStore,
    blobs,
    loginLimiter: new FailureLimiter({
      max: config.loginMaxFailures,
      windowMs: config.loginWindowMs,
    }),
    signupLimiter: new FailureLimiter({ max: config.signupsPerHour, windowMs: 3600_000 }),
    vapidPublicKey: vapid.publicKey,
    checkPushSubscription: (subscription) => void validatePushSubscription(subscription, policy),
    now: Date.now,
    version,
  };

  await notifier.start();
  await retention.run();
  retention.start(config.retentionIntervalMs);
  await blobCollector.run();
  blobCollector.start(config.retentionIntervalMs);

  return {
    services,
    push,
    retention,
    async stop() {
      retention.stop();
      blobCollector.stop();
      await notifier.stop();
    },
    async release() {
      await push.idle();
      sender.close();
      db.close();
    },
  };
}

export async function startServer(
  config: Config,
  options: { staticRoot?: string } = {},
): Promise<RunningServer> {
  const opened = await openServices(config);
  const { services, push, retention } = opened;
  const app = createApp(services, options);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    services,
    push,
    retention,
    async close() {
      await opened.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opened.release();
    },
  };
}

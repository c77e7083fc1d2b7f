// Every setting, read once from the environment; the README's settings table lists the same names.
import { z } from 'zod';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

/** The major browser push services; `*.host` matches any subdomain label by label. */
export const defaultPushHosts = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_ORIGIN: z.url().optional(),
  SESSION_DAYS: z.coerce.number().positive().default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  SIGNUPS_PER_HOUR: z.coerce.number().int().positive().default(30),
  NOTIFICATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  NOTIFICATION_LOG_CAP: z.coerce.number().int().positive().default(1_000_000),
  RECONNECT_THRESHOLD: z.coerce.number().int().min(0).default(32),
  REPLAY_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  CLIENT_EXPIRY_DAYS: z.coerce.number().positive().default(30),
  HEARTBEAT_SECONDS: z.coerce.number().positive().default(15),
  RETENTION_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
  COUNTS_FLUSH_MS: z.coerce.number().int().positive().default(250),
  PUSH_SUBJECT: z.string().default('mailto:admin@localhost'),
  PUSH_ALLOWED_HOSTS: list.optional(),
  PUSH_TEST_ORIGINS: list.default([]),
  PUSH_CONCURRENCY: z.coerce.number().int().positive().default(64),
  CONTENT_CASE_SENSITIVE: z.enum(['true', 'false']).default('false'),
  MAX_BLOB_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 ** 3),
  BLOB_GRACE_HOURS: z.coerce.number().min(0).default(24),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The origin browsers use to reach the server; when unset, the request's own Host is trusted. */
  publicOrigin: string | undefined;
  sessionMs: number;
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Accounts one address may create in an hour. */
  signupsPerHour: number;
  notificationTtlMs: number;
  notificationLogCap: number;
  reconnectThreshold: number;
  replayPageSize: number;
  clientExpiryMs: number;
  heartbeatMs: number;
  retentionIntervalMs: number;
  countsFlushMs: number;
  pushSubject: string;
  pushAllowedHosts: string[];
  /** Test-only: exact origins (http or loopback) that push may reach anyway. Empty in production. */
  pushTestOrigins: string[];
  pushConcurrency: number;
  /** (parent, name) compares names case-sensitively; by default not, so every client OS can hold a tree. */
  contentCaseSensitive: boolean;
  maxBlobBytes: number;
  /** An unreferenced blob is kept this long, so an upload can still be committed. */
  blobGraceMs: number;
}

/** Reads the settings; throws with every problem listed when one is invalid. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid settings:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicOrigin: e.PUBLIC_ORIGIN,
    sessionMs: e.SESSION_DAYS * 86_400_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginWindowMs: e.LOGIN_WINDOW_SECONDS * 1000,
    signupsPerHour: e.SIGNUPS_PER_HOUR,
    notificationTtlMs: e.NOTIFICATION_TTL_SECONDS * 1000,
    notificationLogCap: e.NOTIFICATION_LOG_CAP,
    reconnectThreshold: e.RECONNECT_THRESHOLD,
    replayPageSize: e.REPLAY_PAGE_SIZE,
    clientExpiryMs: e.CLIENT_EXPIRY_DAYS * 86_400_000,
    heartbeatMs: e.HEARTBEAT_SECONDS * 1000,
    retentionIntervalMs: e.RETENTION_INTERVAL_SECONDS * 1000,
    countsFlushMs: e.COUNTS_FLUSH_MS,
    pushSubject: e.PUSH_SUBJECT,
    pushAllowedHosts: e.PUSH_ALLOWED_HOSTS ?? defaultPushHosts,
    pushTestOrigins: e.PUSH_TEST_ORIGINS,
    pushConcurrency: e.PUSH_CONCURRENCY,
    contentCaseSensitive: e.CONTENT_CASE_SENSITIVE === 'true',
    maxBlobBytes: e.MAX_BLOB_BYTES,
    blobGraceMs: e.BLOB_GRACE_HOURS * 3600_000,
  };
}

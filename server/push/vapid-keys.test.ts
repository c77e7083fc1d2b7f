import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadOrCreateVapidKeys } from './vapid-keys.ts';

const require = createRequire(import.meta.url);
const webpush = require('web-push') as typeof import('web-push');

const tempDir = () => mkdtempSync(join(tmpdir(), 'cubby-vapid-'));

describe('loadOrCreateVapidKeys', () => {
  it('creates a key pair web-push accepts, in vapid.json readable by the owner only', () => {
    const dir = tempDir();
    const keys = loadOrCreateVapidKeys(dir);
    expect(Buffer.from(keys.publicKey, 'base64url').length).toBe(65);
    expect(Buffer.from(keys.privateKey, 'base64url').length).toBe(32);
    expect(() =>
      webpush.setVapidDetails('mailto:ops@example.com', keys.publicKey, keys.privateKey),
    ).not.toThrow();
    const file = join(dir, 'vapid.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(keys);
  });

  it('returns the same pair on later starts', () => {
    const dir = tempDir();
    const first = loadOrCreateVapidKeys(dir);
    expect(loadOrCreateVapidKeys(dir)).toEqual(first);
  });

  it('creates the data directory if it is missing', () => {
    const dir = join(tempDir(), 'nested', 'data');
    expect(loadOrCreateVapidKeys(dir).publicKey).toBeTruthy();
  });

  it('tightens a key file found with looser permissions', () => {
    const dir = tempDir();
    loadOrCreateVapidKeys(dir);
    chmodSync(join(dir, 'vapid.json'), 0o644);
    loadOrCreateVapidKeys(dir);
    expect(statSync(join(dir, 'vapid.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file instead of silently replacing the pair', () => {
    const dir = tempDir();
    const { publicKey } = loadOrCreateVapidKeys(dir);
    const other = loadOrCreateVapidKeys(tempDir());
    writeFileSync(
      join(dir, 'vapid.json'),
      JSON.stringify({ publicKey, privateKey: other.privateKey }),
    );
    expect(() => loadOrCreateVapidKeys(dir)).toThrow(/does not hold a valid VAPID key pair/);
    writeFileSync(join(dir, 'vapid.json'), '{');
    expect(() => loadOrCreateVapidKeys(dir)).toThrow(/not JSON/);
  });
});

// There is no DNS in the test environment, and real DNS would not resolve push hosts to private
// addresses anyway: each test injects a resolver that answers with the addresses it chooses.
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RefusedAddressError, createSafeLookup } from './safe-lookup.ts';

const resolvingTo =
  (...addresses: LookupAddress[]): LookupFunction =>
  (_hostname, _options, callback) =>
    callback(null, addresses);

function lookup(resolve: LookupFunction, all: boolean) {
  return new Promise<{ error: Error | null; address: unknown; family?: number }>((done) =>
    createSafeLookup(resolve)('fcm.googleapis.com', { all }, (error, address, family) =>
      done({ error, address, family }),
    ),
  );
}

describe('createSafeLookup', () => {
  it('passes a public answer through, in both the single and the `all` form', async () => {
    const resolve = resolvingTo({ address: '142.250.74.10', family: 4 });
    expect(await lookup(resolve, false)).toEqual({
      error: null,
      address: '142.250.74.10',
      family: 4,
    });
    expect((await lookup(resolve, true)).address).toEqual([
      { address: '142.250.74.10', family: 4 },
    ]);
  });

  it.each([
    ['10.0.0.1', 4],
    ['127.0.0.1', 4],
    ['169.254.169.254', 4],
    ['192.168.0.10', 4],
    ['100.64.1.1', 4],
    ['0.0.0.0', 4],
    ['::1', 6],
    ['fe80::1', 6],
    ['fd00::1', 6],
    ['::ffff:10.0.0.1', 6],
  ])('refuses an allowed name that resolves to %s', async (address, family) => {
    const { error } = await lookup(resolvingTo({ address, family }), false);
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error?.message).toContain(address);
  });

  it('refuses the whole name if any one of its answers is internal', async () => {
    const resolve = resolvingTo(
      { address: '142.250.74.10', family: 4 },
      { address: '10.0.0.1', family: 4 },
    );
    expect((await lookup(resolve, true)).error).toBeInstanceOf(RefusedAddressError);
  });

  it('passes resolver errors through unchanged', async () => {
    const failure = Object.assign(new Error('no such host'), { code: 'ENOTFOUND' });
    const { error } = await lookup((_h, _o, callback) => callback(failure, ''), false);
    expect(error).toBe(failure);
  });
});

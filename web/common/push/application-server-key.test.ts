import { describe, expect, it } from 'vitest';
import { applicationServerKey, sameServerKey } from './application-server-key.ts';

describe('applicationServerKey', () => {
  it('decodes base64url without padding, including - and _', () => {
    expect([...applicationServerKey('-_8')]).toEqual([0xfb, 0xff]);
    expect([...applicationServerKey('AQID')]).toEqual([1, 2, 3]);
  });
});

describe('sameServerKey', () => {
  it('compares the subscribed key with the server key byte by byte', () => {
    const key = Uint8Array.from([1, 2, 3]);
    expect(sameServerKey(Uint8Array.from([1, 2, 3]).buffer, key)).toBe(true);
    expect(sameServerKey(Uint8Array.from([1, 2, 4]).buffer, key)).toBe(false);
    expect(sameServerKey(Uint8Array.from([1, 2]).buffer, key)).toBe(false);
    expect(sameServerKey(null, key)).toBe(false);
  });
});

// A DNS lookup for push connections that refuses names resolving to internal addresses.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './is-public-address.ts';

/** Raised (through the request's `error` event) when a push host resolves to an internal address. */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'ERR_PUSH_ADDRESS_REFUSED';

  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, which is not a public address.`);
  }
}

/**
 * Wraps `resolve` (by default `dns.lookup`) for use as a socket's `lookup`, so the address check
 * runs on what the name resolves to when the connection is made, not on what it resolved to when
 * the subscription was saved. If any answer is internal the whole name is refused, so a name
 * cannot mix a public and a private answer and hope the private one is tried.
 */
export function createSafeLookup(resolve: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, answer) => {
      if (error) return callback(error, '');
      const addresses: LookupAddress[] =
        typeof answer === 'string' ? [{ address: answer, family: isIP(answer) }] : answer;
      const refused = addresses.find(({ address }) => !isPublicAddress(address));
      if (refused) return callback(new RefusedAddressError(hostname, refused.address), '');
      const first = addresses[0];
      if (!first)
        return callback(
          Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
          '',
        );
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

// Whether an IP address is one a push request may connect to: public unicast, nothing internal.
import { BlockList, isIP } from 'node:net';

// Ranges a push service never lives in. IPv4-mapped, NAT64 and 6to4 forms are unwrapped to their
// embedded IPv4 address first (see `embeddedIpv4`), so `::ffff:10.0.0.1` is judged as 10.0.0.1.
// Two lists, because a BlockList matches IPv4 addresses against its IPv6 rules too (as ::a.b.c.d,
// which ::/96 would catch).
const refusedIpv4 = new BlockList();
const refusedIpv6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", includes the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, includes cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast 255.255.255.255
] as const) {
  refusedIpv4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback ::1 and the deprecated IPv4-compatible form
  ['::ffff:0:0', 96], // IPv4-mapped whose embedded address was not unwrapped (never reached)
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  refusedIpv6.addSubnet(network, prefix, 'ipv6');
}

/**
 * True when `address` (an IPv4 or IPv6 literal, as a resolver returns it) is public unicast.
 * Anything that does not parse as an IP address is not public.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !refusedIpv4.check(address, 'ipv4');
  if (family !== 6) return false;
  const bytes = ipv6Bytes(address);
  if (bytes === undefined) return false;
  const ipv4 = embeddedIpv4(bytes);
  if (ipv4 !== undefined) return !refusedIpv4.check(ipv4, 'ipv4');
  return !refusedIpv6.check(address, 'ipv6');
}

// The IPv4 address carried inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or
// 6to4 (2002::/16) address, which routes to that IPv4 host and must be judged as it.
function embeddedIpv4(bytes: Uint8Array): string | undefined {
  const isZero = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0);
  if (isZero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(bytes, 12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b) {
    if (isZero(4, 12)) return dotted(bytes, 12);
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(bytes, 2);
  return undefined;
}

function dotted(bytes: Uint8Array, at: number): string {
  return Array.from(bytes.subarray(at, at + 4)).join('.');
}

// The 16 bytes of an IPv6 literal that `isIP` accepted (zone ids such as `%eth0` are dropped).
function ipv6Bytes(address: string): Uint8Array | undefined {
  let text = address.split('%')[0] ?? '';
  const bytes = new Uint8Array(16);
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // A trailing dotted quad fills the last 32 bits: rewrite it as two hex groups.
    const parts = tail.split('.').map(Number);
    const hi = ((parts[0] ?? 0) << 8) | (parts[1] ?? 0);
    const lo = ((parts[2] ?? 0) << 8) | (parts[3] ?? 0);
    text = `${text.slice(0, lastColon + 1)}${hi.toString(16)}:${lo.toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  const groups = [...headGroups, ...new Array<string>(missing).fill('0'), ...restGroups];
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

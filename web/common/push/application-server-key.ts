// The server's VAPID public key (base64url, as GET /api/push/public-key gives it) as the bytes
// PushManager.subscribe wants, and whether a subscription was made with it.

export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** True when `subscribed` (PushSubscription.options.applicationServerKey) holds the same bytes. */
export function sameServerKey(subscribed: ArrayBuffer | null, key: Uint8Array): boolean {
  if (!subscribed || subscribed.byteLength !== key.length) return false;
  const bytes = new Uint8Array(subscribed);
  return bytes.every((b, i) => b === key[i]);
}

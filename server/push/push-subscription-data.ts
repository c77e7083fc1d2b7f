// A browser push subscription as PushSubscription.toJSON() gives it, minus expirationTime.

export interface PushSubscriptionData {
  /** The push service URL to POST messages to. */
  endpoint: string;
  keys: {
    /** base64url of the client's 65-byte uncompressed P-256 public key. */
    p256dh: string;
    /** base64url of the client's 16-byte authentication secret. */
    auth: string;
  };
}

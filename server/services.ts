// Everything the routes call, built once by main.ts (or a test) and handed to createApp.
import type { Config } from './config.ts';
import type { BlobStore } from './content/blob-store.ts';
import type { ContentService } from './content/content-service.ts';
import type { ContentStore } from './content/content-store.ts';
import type { FailureLimiter } from './auth/failure-limiter.ts';
import type { Notifier } from './notify/notifier.ts';
import type { AccountStore } from './store/account-store.ts';
import type { NotificationStore, PushSubscriptionRecord } from './store/notification-store.ts';

export interface Services {
  config: Config;
  accounts: AccountStore;
  store: NotificationStore;
  notifier: Notifier;
  content: ContentService;
  contentStore: ContentStore;
  blobs: BlobStore;
  /** Failed logins per username and per address. */
  loginLimiter: FailureLimiter;
  /** Signups per address. */
  signupLimiter: FailureLimiter;
  /** The VAPID public key, base64url. */
  vapidPublicKey: string;
  /** Throws an error with a `code` when a browser's push subscription may not be used. */
  checkPushSubscription: (subscription: PushSubscriptionRecord) => void;
  now: () => number;
  version: string;
}

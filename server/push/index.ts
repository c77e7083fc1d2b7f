// Web Push sending for the notifier: re-exports only.
export { loadOrCreateVapidKeys, type VapidKeys } from './vapid-keys.ts';
export {
  defaultAllowedHosts,
  isAllowedHost,
  validatePushSubscription,
  type EndpointPolicy,
  type ValidatedSubscription,
} from './endpoint-policy.ts';
export {
  PushSubscriptionError,
  type PushSubscriptionErrorCode,
} from './push-subscription-error.ts';
export type { PushSubscriptionData } from './push-subscription-data.ts';
export {
  PushSender,
  type PushMessage,
  type PushOutcome,
  type PushSenderOptions,
  type PushUrgency,
} from './push-sender.ts';
export { maxPayloadBytes } from './encrypt-with-web-push.ts';

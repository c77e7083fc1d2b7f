// The error thrown when a push subscription is unusable or not allowed, with a code for the API.

export type PushSubscriptionErrorCode =
  'invalid_endpoint' | 'endpoint_not_allowed' | 'invalid_keys';

export class PushSubscriptionError extends Error {
  override name = 'PushSubscriptionError';

  constructor(
    readonly code: PushSubscriptionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

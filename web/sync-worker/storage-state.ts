// Whether this device is running out of room for Cubby, from the browser's storage estimate.
import type { StorageState } from '../common/sync-client/sync-api.ts';

/** The 500 MB warning floor, for large quotas. */
const floorBytes = 500 * 1024 * 1024;

/**
 * The status's storage line: `low` once less than 10 % of the quota is free, or less than 500 MB
 * (but never more than a quarter of a small quota, which would warn from the start).
 */
export function storageState(estimate: {
  usage: number;
  quota: number;
  persisted: boolean;
}): StorageState {
  const free = Math.max(0, estimate.quota - estimate.usage);
  const threshold = Math.max(estimate.quota * 0.1, Math.min(floorBytes, estimate.quota * 0.25));
  return { ...estimate, low: estimate.quota > 0 && free < threshold };
}

// Clients: a browser or device registered for notification keys, and its reconnect check.
import { z } from 'zod';
import { notificationKeySchema } from './keys.ts';
import type { Notification } from './notification.ts';

export const registerClientSchema = z.strictObject({
  name: z.string().max(100).optional(),
  keys: z.array(notificationKeySchema).max(1000).optional(),
});
export type RegisterClientRequest = z.infer<typeof registerClientSchema>;

export const updateClientKeysSchema = z.strictObject({
  add: z.array(notificationKeySchema).max(1000).optional(),
  remove: z.array(notificationKeySchema).max(1000).optional(),
  /** Registered keys whose notifications must not wake the client by push (inbox only). */
  silent: z.array(notificationKeySchema).max(1000).optional(),
  /** Registered keys that may wake it again (the default for a new registration). */
  alert: z.array(notificationKeySchema).max(1000).optional(),
});
export type UpdateClientKeysRequest = z.infer<typeof updateClientKeysSchema>;

export const reconnectSchema = z.strictObject({
  receivedCount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  lastId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type ReconnectRequest = z.infer<typeof reconnectSchema>;

export const verdicts = ['match', 'tolerated', 'resync'] as const;
export type Verdict = (typeof verdicts)[number];

export interface ReconnectAnswer {
  verdict: Verdict;
  /** The server's sent count after this answer; the client sets its received count to it. */
  sentCount: number;
  /** The client's cursor after this answer: the last notification id it now has (or must start from after a resync). */
  lastId: number;
  notifications: Notification[];
  /** More notifications wait: call reconnect again with the updated counts. */
  more: boolean;
}

export interface ClientInfo {
  clientId: string;
  name: string;
  keys: string[];
  /** The keys among `keys` that never wake the client by push. */
  silentKeys: string[];
  sentCount: number;
  lastId: number;
  connected: boolean;
  push: boolean;
  lastSeenAt: string;
}

export interface RegisterClientAnswer {
  clientId: string;
  keys: string[];
}

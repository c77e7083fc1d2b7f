// Notification keys: the grammar, definitions and grants.
import { z } from 'zod';

/** `folder:ns123`, `user:u1:invites`, `chat:room:messages` — a type, then one or more `:part`s. */
export const notificationKeyPattern = /^[a-z][a-z0-9_-]*(:[A-Za-z0-9_.-]+)+$/;

export const notificationKeySchema = z
  .string()
  .max(200, 'A key is at most 200 characters.')
  .regex(notificationKeyPattern, 'A key looks like "type:part[:part…]", e.g. "folder:ns1".');

export const pushModes = ['alert', 'none'] as const;
export type PushMode = (typeof pushModes)[number];

export const defineKeySchema = z.strictObject({
  key: notificationKeySchema,
  description: z.string().max(500).optional(),
  push: z.enum(pushModes).optional(),
});
export type DefineKeyRequest = z.infer<typeof defineKeySchema>;

export const keyRights = ['subscribe', 'publish'] as const;
export type KeyRight = (typeof keyRights)[number];

export const grantSchema = z.strictObject({
  username: z.string().min(1).max(64),
  rights: z.array(z.enum(keyRights)).max(2),
});
export type GrantRequest = z.infer<typeof grantSchema>;

export interface KeyDefinition {
  key: string;
  description: string;
  /** The owner's username. */
  owner: string;
  push: PushMode;
}

/** A key as listed for the caller, with the caller's own rights on it. */
export interface KeyListing extends KeyDefinition {
  rights: KeyRight[];
}

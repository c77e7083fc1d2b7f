// Publishing an event: one notification record for every registered client of a key.
import { z } from 'zod';
import { notificationKeySchema } from './keys.ts';

/** The largest serialized `change` accepted, in UTF-8 bytes; larger answers 413. */
export const maxChangeBytes = 4096;

export const publishEventSchema = z.strictObject({
  key: notificationKeySchema,
  command: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A command is an upper-case word such as "EDIT" or "INVITE".'),
  change: z.record(z.string(), z.unknown()).optional(),
  source: z.string().max(200).optional(),
  title: z.string().max(200).optional(),
  body: z.string().max(1000).optional(),
});
export type PublishEventRequest = z.infer<typeof publishEventSchema>;

export interface PublishEventAnswer {
  id: number;
  recipients: { live: number; offline: number };
}

/** Idempotency-Key header: 1 to 200 visible ASCII characters. */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

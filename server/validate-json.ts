// JSON bodies at the edge: media type, well-formed JSON, then the route's zod schema.
import { zValidator } from '@hono/zod-validator';
import { createMiddleware } from 'hono/factory';
import type { ZodType } from 'zod';
import type { AppEnv } from './app-env.ts';
import { HttpError } from './http-error.ts';

const requireJson = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the body as JSON (Content-Type: application/json).',
    );
  }
  try {
    await c.req.json();
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  await next();
});

/** Validates the JSON body against `schema`; a mismatch is a 400 naming the first problem's field. */
export function jsonBody<T extends ZodType>(schema: T) {
  return [
    requireJson,
    zValidator('json', schema, (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        throw new HttpError(400, 'invalid_input', `${where}${issue?.message ?? 'Invalid input.'}`);
      }
    }),
  ] as const;
}

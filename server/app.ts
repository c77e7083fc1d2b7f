// Builds the Hono app: the API routes, one error handler shaping every error as the contract's JSON,
// and the built PWA as static files. It never listens; main.ts (or a test) does.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ErrorCode } from '../shared/api/errors.ts';
import { routes, type Route } from '../shared/api/routes.ts';
import type { AppEnv } from './app-env.ts';
import { HttpError } from './http-error.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { blobRoutes } from './routes/blob-routes.ts';
import { contentRoutes } from './routes/content-routes.ts';
import { sharingRoutes } from './routes/sharing-routes.ts';
import { clientRoutes } from './routes/client-routes.ts';
import { eventRoutes } from './routes/event-routes.ts';
import { keyRoutes } from './routes/key-routes.ts';
import { miscRoutes } from './routes/misc-routes.ts';
import type { Services } from './services.ts';

/** Largest JSON body any route accepts; an event's change has its own, smaller limit. */
const maxBodyBytes = 64 * 1024;

const codeByStatus: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
};

export function createApp(services: Services, options: { staticRoot?: string } = {}) {
  const app = new Hono<AppEnv>();

  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false }));
  const jsonLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new HttpError(
        413,
        'payload_too_large',
        `Request bodies can be at most ${maxBodyBytes / 1024} KB.`,
      );
    },
  });
  // File bytes stream to disk under their own limit (MAX_BLOB_BYTES); every other body is small JSON.
  const streamsBytes: readonly Route[] = [routes.putBlob, routes.appendUpload];
  const isByteRoute = (c: Context<AppEnv>) =>
    matchedRoutes(c).some((m) =>
      streamsBytes.some((r) => r.method === m.method && r.pattern === m.path),
    );
  app.use('/api/*', (c, next) => (isByteRoute(c) ? next() : jsonLimit(c, next)));

  app.route('/', miscRoutes(services));
  app.route('/', authRoutes(services));
  app.route('/', keyRoutes(services));
  app.route('/', clientRoutes(services));
  app.route('/', eventRoutes(services));
  app.route('/', contentRoutes(services));
  app.route('/', sharingRoutes(services));
  app.route('/', blobRoutes(services));
  app.all('/api/*', () => {
    throw new HttpError(404, 'not_found', 'There is no such API route.');
  });

  if (options.staticRoot) {
    // Hashed build assets never change; everything else (index.html, the service worker, the
    // manifest) is revalidated so an update is seen at once.
    app.use('*', async (c, next) => {
      await next();
      if (c.req.path.startsWith('/api/') || !c.res.ok) return;
      const immutable = c.req.path.startsWith('/assets/');
      c.res.headers.set(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    });
    app.use('*', serveStatic({ root: options.staticRoot }));
    // The app shell answers every other path, so deep links work.
    app.get('*', serveStatic({ root: options.staticRoot, path: 'index.html' }));
  }

  app.onError((err, c) => {
    if (err instanceof HttpError)
      return errorAnswer(c, err.status, err.code, err.message, err.headers);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return errorAnswer(
        c,
        status,
        codeByStatus[status] ?? 'invalid_input',
        err.message || 'Bad request.',
      );
    }
    console.error(err);
    return errorAnswer(
      c,
      500,
      'internal',
      'Something went wrong on the server; nothing was changed.',
    );
  });

  return app;
}

function errorAnswer(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
) {
  const body: ApiErrorBody = { error: { code, message } };
  return c.json(body, status, headers);
}

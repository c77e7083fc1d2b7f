// Blobs by SHA-256: streamed, verified uploads (whole or in resumable chunks) and ranged, cached reads.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { Hono, type Context } from 'hono';
import { createUploadSchema, type UploadState } from '../../shared/api/content.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { newId } from '../auth/tokens.ts';
import { BlobHashMismatch, BlobTooLarge, UploadOffsetMismatch } from '../content/blob-store.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';
import { intQuery } from './content-routes.ts';

const shaPattern = /^[0-9a-f]{64}$/;

function body(c: Context<AppEnv>): Readable {
  const raw = c.req.raw.body;
  return raw ? Readable.fromWeb(raw as unknown as NodeWebStream<Uint8Array>) : Readable.from([]);
}

function sha(c: Context<AppEnv>): string {
  const value = c.req.param('sha256') ?? '';
  if (!shaPattern.test(value))
    throw new HttpError(
      400,
      'invalid_input',
      'A blob is named by its SHA-256: 64 lower-case hex digits.',
    );
  return value;
}

export function blobRoutes(services: Services) {
  const { blobs, contentStore, config, now } = services;
  const maxBytes = config.maxBlobBytes;

  async function ownUpload(c: Context<AppEnv>) {
    const upload = await contentStore.getUpload(c.req.param('id') ?? '');
    if (!upload || upload.userId !== c.get('user').id)
      throw new HttpError(404, 'upload_not_found', 'There is no such upload.');
    return upload;
  }
  const state = (u: { id: string; sha256: string; size: number }): UploadState => ({
    id: u.id,
    sha256: u.sha256,
    size: u.size,
    offset: blobs.uploadOffset(u.id),
  });

  const signedIn = requireUser(services);
  return new Hono<AppEnv>()
    .on(...at(routes.putBlob), signedIn, async (c) => {
      const hash = sha(c);
      const declared = c.req.header('content-length');
      if (declared !== undefined && Number(declared) > maxBytes) {
        throw new HttpError(413, 'payload_too_large', `A file can be at most ${maxBytes} bytes.`);
      }
      try {
        // Every uploader sends the bytes, even when the blob is known: no one learns what others store.
        const size = await blobs.put(hash, body(c), maxBytes);
        await contentStore.addBlob(hash, size, c.get('user').id, now());
        return c.json({ sha256: hash, size }, 201);
      } catch (err) {
        if (err instanceof BlobTooLarge) throw new HttpError(413, 'payload_too_large', err.message);
        if (err instanceof BlobHashMismatch) throw new HttpError(400, 'hash_mismatch', err.message);
        throw err;
      }
    })
    .on(...at(routes.getBlob), signedIn, async (c) => {
      const hash = sha(c);
      const size = blobs.size(hash);
      if (size === null || !(await contentStore.mayReadBlob(c.get('user').id, hash))) {
        throw new HttpError(
          404,
          'not_found',
          'There is no such file content, or it is not yours to read.',
        );
      }
      const etag = `"${hash}"`;
      const headers: Record<string, string> = {
        etag,
        'accept-ranges': 'bytes',
        'cache-control': 'private, max-age=31536000, immutable',
        'content-type': 'application/octet-stream',
      };
      if (
        c.req
          .header('if-none-match')
          ?.split(/\s*,\s*/)
          .includes(etag)
      )
        return c.body(null, 304, headers);
      let start = 0;
      let end = size - 1;
      let status: 200 | 206 = 200;
      const range = c.req.header('range');
      if (range && (!c.req.header('if-range') || c.req.header('if-range') === etag)) {
        const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
        const valid = m && (m[1] !== '' || m[2] !== '');
        if (valid) {
          if (m[1] === '') start = Math.max(0, size - Number(m[2]));
          else {
            start = Number(m[1]);
            if (m[2] !== '') end = Math.min(end, Number(m[2]));
          }
        }
        if (!valid || start > end || start >= size) {
          throw new HttpError(416, 'range_not_satisfiable', `The file has ${size} bytes.`, {
            'content-range': `bytes */${size}`,
          });
        }
        status = 206;
        headers['content-range'] = `bytes ${start}-${end}/${size}`;
      }
      headers['content-length'] = String(Math.max(0, end - start + 1));
      if (size === 0) return c.body(null, 200, headers);
      const file = Readable.toWeb(
        createReadStream(blobs.path(hash), { start, end }),
      ) as unknown as ReadableStream;
      return c.body(file, status, headers);
    })
    .on(...at(routes.createUpload), signedIn, ...jsonBody(createUploadSchema), async (c) => {
      const { sha256, size } = c.req.valid('json');
      if (size > maxBytes)
        throw new HttpError(413, 'payload_too_large', `A file can be at most ${maxBytes} bytes.`);
      const id = newId('up');
      await contentStore.createUpload({ id, userId: c.get('user').id, sha256, size, now: now() });
      return c.json(state({ id, sha256, size }), 201);
    })
    .on(...at(routes.getUpload), signedIn, async (c) => c.json(state(await ownUpload(c))))
    .on(...at(routes.appendUpload), signedIn, async (c) => {
      const upload = await ownUpload(c);
      const offset = intQuery(c.req.query('offset'), 'offset', -1);
      if (offset < 0)
        throw new HttpError(400, 'invalid_input', 'Say where the chunk goes: ?offset=N.');
      try {
        await blobs.appendChunk(upload.id, offset, body(c), upload.size);
      } catch (err) {
        if (err instanceof UploadOffsetMismatch)
          throw new HttpError(409, 'offset_mismatch', err.message);
        if (err instanceof BlobTooLarge) throw new HttpError(413, 'payload_too_large', err.message);
        throw err;
      }
      return c.json(state(upload));
    })
    .on(...at(routes.finishUpload), signedIn, async (c) => {
      const upload = await ownUpload(c);
      const offset = blobs.uploadOffset(upload.id);
      if (offset !== upload.size) {
        throw new HttpError(
          409,
          'offset_mismatch',
          `The upload has ${offset} of ${upload.size} bytes; send the rest first.`,
        );
      }
      try {
        const size = await blobs.finishUpload(upload.id, upload.sha256);
        await contentStore.addBlob(upload.sha256, size, upload.userId, now());
        return c.json({ sha256: upload.sha256, size }, 201);
      } catch (err) {
        if (err instanceof BlobHashMismatch) throw new HttpError(400, 'hash_mismatch', err.message);
        throw err;
      } finally {
        await contentStore.deleteUpload(upload.id);
      }
    })
    .on(...at(routes.cancelUpload), signedIn, async (c) => {
      const upload = await ownUpload(c);
      blobs.removeUpload(upload.id);
      await contentStore.deleteUpload(upload.id);
      return c.body(null, 204);
    });
}

// Blob bytes on disk, content-addressed by SHA-256: a blob is written to a temp file while hashed and
// moved into place only once its hash is verified, so nothing can reference unverified bytes.
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class BlobTooLarge extends Error {}
export class BlobHashMismatch extends Error {}
export class UploadOffsetMismatch extends Error {
  constructor(readonly offset: number) {
    super(`The upload has ${offset} bytes; send the next chunk at that offset.`);
  }
}

export class BlobStore {
  private readonly _blobs: string;
  private readonly _uploads: string;
  private readonly _tmp: string;

  constructor(dataDir: string) {
    this._blobs = join(dataDir, 'blobs');
    this._uploads = join(dataDir, 'uploads');
    this._tmp = join(dataDir, 'tmp');
    for (const dir of [this._blobs, this._uploads, this._tmp]) mkdirSync(dir, { recursive: true });
  }

  /** Where a verified blob lives: blobs/ab/abcdef… */
  path(sha256: string): string {
    return join(this._blobs, sha256.slice(0, 2), sha256);
  }

  size(sha256: string): number | null {
    try {
      return statSync(this.path(sha256)).size;
    } catch {
      return null;
    }
  }

  /**
   * Streams `body` to disk while hashing it; keeps it only if its SHA-256 is `sha256`. Throws
   * BlobTooLarge past `maxBytes` and BlobHashMismatch, leaving nothing behind either way.
   */
  async put(sha256: string, body: Readable, maxBytes: number): Promise<number> {
    const temp = join(this._tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) throw new BlobTooLarge(`A file can be at most ${maxBytes} bytes.`);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
      if (hash.digest('hex') !== sha256)
        throw new BlobHashMismatch('The bytes do not match the hash in the URL.');
      this._place(temp, sha256);
      return size;
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Bytes received so far for an upload. */
  uploadOffset(id: string): number {
    try {
      return statSync(join(this._uploads, id)).size;
    } catch {
      return 0;
    }
  }

  /**
   * Appends a chunk at `offset`, which must be the bytes received so far (else UploadOffsetMismatch).
   * Returns the new offset. A chunk cut off midway keeps what arrived: the client resumes from there.
   */
  async appendChunk(id: string, offset: number, body: Readable, total: number): Promise<number> {
    const current = this.uploadOffset(id);
    if (offset !== current) throw new UploadOffsetMismatch(current);
    let size = current;
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > total) throw new BlobTooLarge(`The upload was declared as ${total} bytes.`);
          yield chunk;
        }
      },
      createWriteStream(join(this._uploads, id), { flags: 'a' }),
    ).catch((err: unknown) => {
      if (err instanceof BlobTooLarge) throw err;
      // A dropped connection: what was written stays, and the offset tells the client where to resume.
    });
    return this.uploadOffset(id);
  }

  /** Verifies a complete upload and moves it into place as a blob. */
  async finishUpload(id: string, sha256: string): Promise<number> {
    const file = join(this._uploads, id);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== sha256) {
      rmSync(file, { force: true });
      throw new BlobHashMismatch('The uploaded bytes do not match the declared hash.');
    }
    const size = statSync(file).size;
    this._place(file, sha256);
    return size;
  }

  removeUpload(id: string): void {
    rmSync(join(this._uploads, id), { force: true });
  }

  remove(sha256: string): void {
    rmSync(this.path(sha256), { force: true });
  }

  private _place(file: string, sha256: string) {
    mkdirSync(join(this._blobs, sha256.slice(0, 2)), { recursive: true });
    renameSync(file, this.path(sha256));
  }
}

// Uploads and downloads against a real server (HTTP on loopback), with cuts and retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobTransfer } from './blob-transfer.ts';
import { startRealServer, type RealServer } from './real-server.fixture.ts';
import { sha256Hex } from './sha256-hex.ts';

let server: RealServer;
let token: string;
beforeAll(async () => {
  server = await startRealServer();
  token = (await server.signUp('uploader')).token;
});
afterAll(() => server?.dispose());

function bytes(n: number, seed = 1): Blob {
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = (i * 31 + seed) & 0xff;
  return new Blob([data]);
}

async function same(a: Blob, b: Blob) {
  expect(b.size).toBe(a.size);
  expect(await sha256Hex(b)).toBe(await sha256Hex(a));
}

const fast = { retry: { baseDelayMs: 1 } };

describe('BlobTransfer', () => {
  it('uploads a small file whole and downloads it back', async () => {
    const file = bytes(5000);
    const transfer = new BlobTransfer(server.fetchAs(token), fast);
    const up = await transfer.upload(file);
    expect(up).toEqual({ sha256: await sha256Hex(file), size: 5000 });
    await same(file, await transfer.download(up.sha256, up.size));
  });

  it('uploads a large file in chunks and carries on where the server is after a chunk is cut off', async () => {
    const file = bytes(200_000, 7);
    const inner = server.fetchAs(token);
    let cut = false;
    const puts: string[] = [];
    const cutting: typeof fetch = async (input, init) => {
      const path = String(input);
      if (init?.method === 'PUT' && path.includes('offset=')) {
        puts.push(path.replace(/.*offset=/, ''));
        if (!cut && path.endsWith('offset=64000')) {
          // Half the chunk reaches the server, then the connection drops.
          cut = true;
          await inner(input, { ...init, body: (init.body as Blob).slice(0, 20_000) });
          throw new TypeError('network connection lost');
        }
      }
      return inner(input, init);
    };
    const transfer = new BlobTransfer(cutting, {
      ...fast,
      wholeUploadBytes: 1000,
      chunkBytes: 64_000,
    });
    const up = await transfer.upload(file);
    expect(up.uploadId).toMatch(/^up/);
    expect(puts).toEqual(['0', '64000', '84000', '148000']);
    await same(file, await transfer.download(up.sha256, up.size));
  });

  it('resumes an upload started before, from the offset the server kept', async () => {
    const file = bytes(100_000, 3);
    const inner = server.fetchAs(token);
    let uploadId = '';
    const stop = new AbortController();
    const stopping: typeof fetch = async (input, init) => {
      const res = await inner(input, init);
      if (String(input) === '/api/uploads')
        uploadId = ((await res.clone().json()) as { id: string }).id;
      if (String(input).endsWith('offset=30000')) stop.abort(new Error('the page was closed'));
      return res;
    };
    const first = new BlobTransfer(stopping, { ...fast, wholeUploadBytes: 0, chunkBytes: 30_000 });
    await expect(first.upload(file, stop.signal)).rejects.toThrow('the page was closed');
    const state = await server.json<{ offset: number }>(token, 'GET', `/api/uploads/${uploadId}`);
    expect(state.offset).toBe(60_000);

    const sent: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'PUT') sent.push(String(input).replace(/.*offset=/, ''));
      return inner(input, init);
    };
    const second = new BlobTransfer(counting, { ...fast, chunkBytes: 30_000 });
    const up = await second.upload(file, undefined, uploadId);
    expect(sent).toEqual(['60000', '90000']);
    await same(file, await second.download(up.sha256, up.size));
  });

  it('resumes a download cut short with a Range request', async () => {
    const file = bytes(300_000, 5);
    const transfer = new BlobTransfer(server.fetchAs(token), fast);
    const up = await transfer.upload(file);
    const inner = server.fetchAs(token);
    const ranges: (string | null)[] = [];
    const cutting: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      ranges.push(headers.get('range'));
      const res = await inner(input, init);
      if (ranges.length > 1) return res;
      // The first answer breaks after 100,000 bytes.
      const reader = res.body!.getReader();
      let passed = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done || passed >= 100_000) {
            controller.error(new TypeError('connection reset'));
            return;
          }
          const part = value.subarray(0, 100_000 - passed);
          passed += part.byteLength;
          controller.enqueue(part);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const downloader = new BlobTransfer(cutting, fast);
    await same(file, await downloader.download(up.sha256, up.size));
    expect(ranges).toEqual([null, 'bytes=100000-']);
  });

  it('runs at most `concurrency` transfers at once', async () => {
    const inner = server.fetchAs(token);
    let inFlight = 0;
    let most = 0;
    const watching: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return await inner(input, init);
      } finally {
        inFlight--;
      }
    };
    const transfer = new BlobTransfer(watching, { ...fast, concurrency: 2 });
    const files = Array.from({ length: 6 }, (_, i) => bytes(1000 + i, i));
    const done = await Promise.all(files.map((f) => transfer.upload(f)));
    expect(done.map((d) => d.size)).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
    expect(most).toBe(2);
  });

  it('refuses a download whose bytes do not match the hash', async () => {
    const file = bytes(1000, 9);
    const transfer = new BlobTransfer(server.fetchAs(token), fast);
    const up = await transfer.upload(file);
    const inner = server.fetchAs(token);
    const tampering: typeof fetch = async (input, init) => {
      const res = await inner(input, init);
      const data = new Uint8Array(await res.arrayBuffer());
      data[10] = data[10]! ^ 1;
      return new Response(data, { status: res.status, headers: res.headers });
    };
    await expect(
      new BlobTransfer(tampering, fast).download(up.sha256, up.size),
    ).rejects.toMatchObject({
      code: 'hash_mismatch',
    });
  });
});

// Test support: a real node:http server on 127.0.0.1 that records requests and answers as told.
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: OutgoingHttpHeaders;
  /** Never answer: the request hangs until the client gives up. */
  hang?: boolean;
}

export interface RecordingServer {
  origin: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  connections: number;
  /** The most requests that were being handled at the same moment. */
  maxInFlight: number;
  close(): Promise<void>;
}

/** Starts a server whose answer to the n-th request (0-based) is `answer(n, request)`. */
export async function startRecordingServer(
  answer: (n: number, request: RecordedRequest) => Answer,
  delayMs = 0,
): Promise<RecordingServer> {
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    recording.maxInFlight = Math.max(recording.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const reply = answer(recording.requests.length, request);
      recording.requests.push(request);
      if (reply.hang) return;
      setTimeout(() => {
        inFlight--;
        res.writeHead(reply.status, reply.headers).end();
      }, delayMs);
    });
  });
  server.on('connection', (socket) => {
    recording.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const recording: RecordingServer = {
    origin: `http://127.0.0.1:${address.port}`,
    requests: [],
    connections: 0,
    maxInFlight: 0,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return recording;
}

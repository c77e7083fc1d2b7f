// A minimal server-sent events reader over node:http, for tests and benchmarks.
import { request, type ClientRequest } from 'node:http';

export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  closed = false;
  private _req: ClientRequest | undefined;
  private _waiters: (() => void)[] = [];

  /** Opens the stream; resolves once the response headers arrived. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            client._parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        res.on('close', () => {
          client.closed = true;
          client._wake();
        });
        resolve(client);
      });
      client._req = req;
      req.on('error', (err) => {
        client.closed = true;
        client._wake();
        reject(err);
      });
      req.end();
    });
  }

  /** The notification payloads received so far. */
  notifications<T = { id: number; key: string }>(): T[] {
    return this.events
      .filter((e) => e.event === 'notification')
      .map((e) => JSON.parse(e.data) as T);
  }

  /** Waits until `predicate` holds (checked on every event), or fails after `timeoutMs`. */
  async until(predicate: (client: SseClient) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting; have ${this.events.length} events`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this._waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this._req?.destroy();
    this.closed = true;
  }

  private _parse(block: string) {
    const event: SseEvent = { event: 'message', id: undefined, data: '' };
    const data: string[] = [];
    let any = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') data.push(value);
      else continue;
      any = true;
    }
    if (!any || data.length === 0) return;
    event.data = data.join('\n');
    this.events.push(event);
    this._wake();
  }

  private _wake() {
    const waiters = this._waiters;
    this._waiters = [];
    for (const w of waiters) w();
  }
}

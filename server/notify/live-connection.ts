// One open event stream: the client it belongs to, its keys, and what has been sent on it.
import type { ServerResponse } from 'node:http';

/** A slow reader whose unsent bytes pass this is dropped; it catches up on reconnect. */
const maxBufferedBytes = 4 * 1024 * 1024;

export class LiveConnection {
  readonly clientId: string;
  /** Keys the client is registered for; the hub indexes connections by them. */
  keys: Set<string>;
  /** Sent count and the highest id ever sent to the client, ahead of the store until the next flush. */
  sentCount: number;
  lastSentId: number;
  /** Highest id written on this stream; a stream resumed from an older id may resend up to lastSentId. */
  cursor: number;
  /** Set when counts changed since the last flush. */
  dirty = false;
  closed = false;
  private readonly _res: ServerResponse;
  /** While the backlog is being read, live frames wait here (id, frame). */
  private _held: [number, Buffer][] | null = [];

  constructor(
    clientId: string,
    keys: Iterable<string>,
    res: ServerResponse,
    counts: { sentCount: number; lastSentId: number; cursor: number },
  ) {
    this.clientId = clientId;
    this.keys = new Set(keys);
    this._res = res;
    this.sentCount = counts.sentCount;
    this.lastSentId = counts.lastSentId;
    this.cursor = counts.cursor;
  }

  /** Sends a live notification unless this stream already has it; held back while the backlog is read. */
  send(id: number, frame: Buffer): void {
    if (this._held) this._held.push([id, frame]);
    else this.write(id, frame);
  }

  /**
   * Writes one notification in id order, skipping what the stream already carried. Only ids never sent
   * before count toward the sent count: a resend of what was lost in flight is not a second send.
   */
  write(id: number, frame: Buffer): void {
    if (this.closed || id <= this.cursor) return;
    this._res.write(frame);
    this.cursor = id;
    if (id > this.lastSentId) {
      this.sentCount++;
      this.lastSentId = id;
      this.dirty = true;
    }
    if (this._res.writableLength > maxBufferedBytes) this.close();
  }

  /** True when the reader is behind: wait for `drain` before writing more backlog. */
  get congested(): boolean {
    return this._res.writableNeedDrain;
  }

  drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this._res.off('drain', done);
        this._res.off('close', done);
        resolve();
      };
      this._res.once('drain', done);
      this._res.once('close', done);
    });
  }

  /** Ends the backlog phase: sends, in order, what arrived live while it was read. */
  release(): void {
    const held = this._held ?? [];
    this._held = null;
    for (const [id, frame] of held) this.write(id, frame);
  }

  writeRaw(frame: Buffer): void {
    if (!this.closed) this._res.write(frame);
  }

  /** Ends the stream after what was written has been sent. */
  end(frame: Buffer): void {
    if (this.closed) return;
    this.closed = true;
    this._res.end(frame);
  }

  /** Drops the stream at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this._res.destroy();
  }
}

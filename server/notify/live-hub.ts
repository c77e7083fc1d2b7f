// The connected clients, indexed by key: delivers a notification frame to every live recipient.
import type { LiveConnection } from './live-connection.ts';
import { heartbeatFrame } from './sse-frame.ts';

export class LiveHub {
  private readonly _byClient = new Map<string, LiveConnection>();
  private readonly _byKey = new Map<string, Set<LiveConnection>>();
  private _heartbeat: NodeJS.Timeout | undefined;

  /** Adds a connection; an older one of the same client is closed (one stream per client). */
  attach(conn: LiveConnection): void {
    this._byClient.get(conn.clientId)?.close();
    this._byClient.set(conn.clientId, conn);
    for (const key of conn.keys) this._index(key).add(conn);
  }

  /** Removes a connection, unless a newer one of the same client replaced it. Returns whether it was current. */
  detach(conn: LiveConnection): boolean {
    for (const key of conn.keys) this._unindex(key, conn);
    if (this._byClient.get(conn.clientId) !== conn) return false;
    this._byClient.delete(conn.clientId);
    return true;
  }

  get(clientId: string): LiveConnection | undefined {
    return this._byClient.get(clientId);
  }

  isLive(clientId: string): boolean {
    return this._byClient.has(clientId);
  }

  liveCount(key: string): number {
    return this._byKey.get(key)?.size ?? 0;
  }

  setKeys(clientId: string, keys: Iterable<string>): void {
    const conn = this._byClient.get(clientId);
    if (!conn) return;
    for (const key of conn.keys) this._unindex(key, conn);
    conn.keys = new Set(keys);
    for (const key of conn.keys) this._index(key).add(conn);
  }

  /** Writes the frame to every live recipient of `key`; returns how many got it. */
  deliver(key: string, id: number, frame: Buffer): number {
    const conns = this._byKey.get(key);
    if (!conns) return 0;
    for (const conn of conns) conn.send(id, frame);
    return conns.size;
  }

  connections(): IterableIterator<LiveConnection> {
    return this._byClient.values();
  }

  startHeartbeat(everyMs: number): void {
    this._heartbeat = setInterval(() => {
      for (const conn of this._byClient.values()) conn.writeRaw(heartbeatFrame);
    }, everyMs);
    this._heartbeat.unref();
  }

  closeAll(): void {
    clearInterval(this._heartbeat);
    for (const conn of [...this._byClient.values()]) conn.close();
  }

  private _index(key: string): Set<LiveConnection> {
    let set = this._byKey.get(key);
    if (!set) this._byKey.set(key, (set = new Set()));
    return set;
  }

  private _unindex(key: string, conn: LiveConnection) {
    const set = this._byKey.get(key);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) this._byKey.delete(key);
  }
}

// Test fixture: a TreeVault in memory with IndexedDB's semantics (copies in and out, one write at a time).
import type { TreeRecord } from '../common/db/schema.ts';
import type { StoredTreeBuffers, TreeVault } from '../common/db/tree-vault.ts';

export class MemoryTreeVault implements TreeVault {
  readonly records = new Map<string, TreeRecord>();
  /** `name/generation/index` → buffer, as the two buffer stores key them. */
  readonly chunks = new Map<string, ArrayBuffer>();
  readonly segments = new Map<string, ArrayBuffer>();
  /** Writes done, for tests that count them. */
  writes = 0;

  async listTrees(): Promise<TreeRecord[]> {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  async readTree(name: string): Promise<TreeRecord | undefined> {
    const record = this.records.get(name);
    return record && { ...record };
  }

  async readBuffers(record: TreeRecord): Promise<StoredTreeBuffers> {
    return {
      snapshot: this._generation(this.chunks, record),
      segments: this._generation(this.segments, record),
    };
  }

  async writeSnapshot(record: TreeRecord, snapshot: ArrayBuffer[]): Promise<void> {
    this.writes++;
    for (const store of [this.chunks, this.segments]) {
      for (const key of [...store.keys()]) if (key.startsWith(`${record.name}/`)) store.delete(key);
    }
    snapshot.forEach((b, i) =>
      this.chunks.set(`${record.name}/${record.generation}/${i}`, b.slice(0)),
    );
    this.records.set(record.name, { ...record });
  }

  async appendSegment(record: TreeRecord, segment: ArrayBuffer): Promise<void> {
    this.writes++;
    const key = `${record.name}/${record.generation}/${record.segments - 1}`;
    this.segments.set(key, segment.slice(0));
    this.records.set(record.name, { ...record });
  }

  async writeRecord(record: TreeRecord): Promise<void> {
    this.writes++;
    this.records.set(record.name, { ...record });
  }

  async deleteTree(name: string): Promise<void> {
    this.records.delete(name);
    for (const store of [this.chunks, this.segments]) {
      for (const key of [...store.keys()]) if (key.startsWith(`${name}/`)) store.delete(key);
    }
  }

  private _generation(store: Map<string, ArrayBuffer>, record: TreeRecord): ArrayBuffer[] {
    const prefix = `${record.name}/${record.generation}/`;
    return [...store.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
      .map(([, b]) => b.slice(0));
  }
}

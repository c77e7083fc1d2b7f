// The sync worker's trees in IndexedDB: a record per tree, its snapshot chunks and log segments as buffers.
import type { CubbyDatabase } from './open.ts';
import type { TreeRecord } from './schema.ts';
import type { StoredTreeBuffers, TreeVault } from './tree-vault.ts';

/** Every key `[name, generation, index]` of one tree (arrays sort after numbers). */
function allOf(name: string): IDBKeyRange {
  return IDBKeyRange.bound([name], [name, []]);
}

/** The keys of one generation of one tree. */
function generationOf(name: string, generation: number): IDBKeyRange {
  return IDBKeyRange.bound([name, generation, 0], [name, generation, Infinity]);
}

/** Keys of the generations before `generation`. */
function olderThan(name: string, generation: number): IDBKeyRange {
  return IDBKeyRange.bound([name], [name, generation], false, true);
}

export class IdbTreeVault implements TreeVault {
  private readonly _open: () => Promise<CubbyDatabase>;

  /**
   * `open` gives the database (`openCubbyDb`): asked again for every operation, because the
   * connection is closed when a newer version of the app migrates.
   */
  constructor(open: () => Promise<CubbyDatabase>) {
    this._open = open;
  }

  async listTrees(): Promise<TreeRecord[]> {
    return (await this._open()).getAll('trees');
  }

  async readTree(name: string): Promise<TreeRecord | undefined> {
    return (await this._open()).get('trees', name);
  }

  async readBuffers(record: TreeRecord): Promise<StoredTreeBuffers> {
    const db = await this._open();
    const tx = db.transaction(['treeChunks', 'treeLog']);
    const range = generationOf(record.name, record.generation);
    const [snapshot, segments] = await Promise.all([
      tx.objectStore('treeChunks').getAll(range),
      tx.objectStore('treeLog').getAll(range),
      tx.done,
    ]);
    return { snapshot, segments };
  }

  async writeSnapshot(record: TreeRecord, snapshot: ArrayBuffer[]): Promise<void> {
    const db = await this._open();
    const tx = db.transaction(['trees', 'treeChunks', 'treeLog'], 'readwrite');
    const chunks = tx.objectStore('treeChunks');
    const older = olderThan(record.name, record.generation);
    await Promise.all([
      chunks.delete(older),
      tx.objectStore('treeLog').delete(older),
      // A generation written before and never recorded (a crash mid-way) is overwritten.
      chunks.delete(generationOf(record.name, record.generation)),
      tx.objectStore('treeLog').delete(generationOf(record.name, record.generation)),
      ...snapshot.map((buffer, i) => chunks.put(buffer, [record.name, record.generation, i])),
      tx.objectStore('trees').put(record),
      tx.done,
    ]);
  }

  async appendSegment(record: TreeRecord, segment: ArrayBuffer): Promise<void> {
    const db = await this._open();
    const tx = db.transaction(['trees', 'treeLog'], 'readwrite');
    await Promise.all([
      tx.objectStore('treeLog').put(segment, [record.name, record.generation, record.segments - 1]),
      tx.objectStore('trees').put(record),
      tx.done,
    ]);
  }

  async writeRecord(record: TreeRecord): Promise<void> {
    await (await this._open()).put('trees', record);
  }

  async deleteTree(name: string): Promise<void> {
    const db = await this._open();
    const tx = db.transaction(['trees', 'treeChunks', 'treeLog'], 'readwrite');
    await Promise.all([
      tx.objectStore('trees').delete(name),
      tx.objectStore('treeChunks').delete(allOf(name)),
      tx.objectStore('treeLog').delete(allOf(name)),
      tx.done,
    ]);
  }
}

// The map from a file id to the slot of its node: open addressing over slots, keys read from the ids array.

const EMPTY = -1;
/** Grow once this full; after growing the index is about half full. */
const MAX_LOAD = 0.75;
/** Load a reserved index is sized for. */
const RESERVE_LOAD = 0.7;

/**
 * Holds only slot numbers (4 bytes per entry): the id of an entry is `ids[slot]`, so the key is
 * verified against the tree's own ids array rather than stored twice. The capacity need not be a
 * power of two, so a reserved index fits its node count closely. Deletion shifts later entries
 * back instead of leaving tombstones, so lookups never slow down with churn.
 */
export class IdIndex {
  /** Per position: a node's slot, or EMPTY. */
  private _table: Int32Array;
  private _count = 0;

  constructor(capacity = 64) {
    this._table = new Int32Array(Math.max(8, capacity)).fill(EMPTY);
  }

  get count(): number {
    return this._count;
  }

  get byteSize(): number {
    return this._table.byteLength;
  }

  /** The slot of the node with `id` (a uint32 stored as int32 in `ids`), or -1. */
  find(id: number, ids: Int32Array): number {
    const table = this._table;
    const capacity = table.length;
    const key = id | 0;
    for (let p = _home(key, capacity); ; p = p + 1 === capacity ? 0 : p + 1) {
      const slot = table[p]!;
      if (slot === EMPTY || ids[slot] === key) return slot;
    }
  }

  /**
   * Records that the node with id `ids[slot]` lives in `slot`. Returns false, changing nothing,
   * if that id is already present.
   */
  insert(slot: number, ids: Int32Array): boolean {
    if (this._count + 1 > this._table.length * MAX_LOAD) {
      this._rebuild(Math.ceil(this._table.length * 1.5) + 1, ids);
    }
    if (!this._place(slot, ids)) return false;
    this._count++;
    return true;
  }

  /** Forgets the node with `id`; returns its slot, or -1 if it was not there. */
  remove(id: number, ids: Int32Array): number {
    const table = this._table;
    const capacity = table.length;
    const key = id | 0;
    let p = _home(key, capacity);
    while (table[p] !== EMPTY && ids[table[p]!] !== key) p = p + 1 === capacity ? 0 : p + 1;
    const removed = table[p]!;
    if (removed === EMPTY) return -1;
    // Backward-shift: pull later entries of the run into the hole when their home allows it.
    let hole = p;
    for (let q = hole + 1 === capacity ? 0 : hole + 1; table[q] !== EMPTY;) {
      const home = _home(ids[table[q]!]!, capacity);
      const distanceToQ = (q - home + capacity) % capacity;
      const distanceToHole = (hole - home + capacity) % capacity;
      if (distanceToHole <= distanceToQ) {
        table[hole] = table[q]!;
        hole = q;
      }
      q = q + 1 === capacity ? 0 : q + 1;
    }
    table[hole] = EMPTY;
    this._count--;
    return removed;
  }

  /** Makes room for `nodes` entries without growing again. */
  reserve(nodes: number, ids: Int32Array): void {
    if (nodes > this._table.length * MAX_LOAD) this._rebuild(Math.ceil(nodes / RESERVE_LOAD), ids);
  }

  /** Empties the index and sizes it for `nodes` entries (bulk loading). */
  reset(nodes: number): void {
    this._table = new Int32Array(Math.max(8, Math.ceil(nodes / RESERVE_LOAD))).fill(EMPTY);
    this._count = 0;
  }

  private _place(slot: number, ids: Int32Array): boolean {
    const table = this._table;
    const capacity = table.length;
    const key = ids[slot]!;
    let p = _home(key, capacity);
    for (let there = table[p]!; there !== EMPTY; there = table[p]!) {
      if (ids[there] === key) return false;
      p = p + 1 === capacity ? 0 : p + 1;
    }
    table[p] = slot;
    return true;
  }

  private _rebuild(capacity: number, ids: Int32Array): void {
    const old = this._table;
    this._table = new Int32Array(capacity).fill(EMPTY);
    for (let p = 0; p < old.length; p++) if (old[p] !== EMPTY) this._place(old[p]!, ids);
  }
}

/** Where the probe for `key` starts: a multiplicative mix, reduced to the capacity. */
function _home(key: number, capacity: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return ((h ^ (h >>> 16)) >>> 1) % capacity;
}

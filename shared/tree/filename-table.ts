// Filename interning: each distinct name stored once in one UTF-8 byte array, found through a hash index.
import { randomHashKey } from './hash-key.ts';
import { MAX_NAME_BYTES, normalizeName } from './normalize-name.ts';
import { TreeError } from './tree-error.ts';
import { decodeUtf8, encodeUtf8Into } from './utf8.ts';

/** Follows every name in the byte array; NUL can never be part of a name. */
export const NAME_SEPARATOR = 0;

/** Something holding name offsets, told the new offsets when compaction moves the names. */
export interface NameHolder {
  /** `remap[oldOffset]` is the name's new offset; only offsets of names still held are set. */
  remapNames(remap: Int32Array): void;
}

export interface FilenameTableOptions {
  /** Slots the hash index starts with, rounded up to a power of two (default 1,024, least 2). */
  indexCapacity?: number;
  /** Seed of the name hash; random by default, so nobody can pick names that collide. */
  seed?: number;
  /** Compact once unused names take more than this fraction of the byte array (default 0.5). */
  compactAt?: number;
  /** Never compact a byte array shorter than this many bytes (default 4,096). */
  compactMinBytes?: number;
  /** Replaces the hash of a name's bytes; tests use a constant to force every name to collide. */
  nameHash?: (bytes: Uint8Array, start: number, end: number, seed: number) => number;
}

/** The index doubles once it is this full: linear probing slows down sharply beyond it. */
const MAX_LOAD = 0.7;
const EMPTY = -1;

/**
 * The seed's filename array. A node holds the offset of its name; `intern` finds or appends a name
 * and counts one more holder, `release` one fewer. Names nobody holds stay findable until the
 * garbage passes `compactAt` and the owner (the tree) calls `compactIfWasteful`, which moves the
 * live names together and tells every attached holder their new offsets.
 */
export class FilenameTable {
  /** Names in UTF-8, each followed by NAME_SEPARATOR; bytes past `_used` are free room. */
  private _bytes: Uint8Array;
  /** Bytes of `_bytes` in use. */
  private _used = 0;
  /** Open-addressing hash index: per slot, the offset of a name in `_bytes`, or EMPTY. */
  private _index: Int32Array;
  /** Per index slot: how many nodes hold that slot's name. */
  private _refs: Uint32Array;
  /** Names in the index, held or not. */
  private _distinct = 0;
  /** Bytes (separators included) of the names nobody holds. */
  private _garbage = 0;
  /** Where a name is encoded before it is looked up. */
  private readonly _scratch = new Uint8Array(MAX_NAME_BYTES + 1);
  private readonly _seed: number;
  private readonly _compactAt: number;
  private readonly _compactMinBytes: number;
  private readonly _hash: (bytes: Uint8Array, start: number, end: number, seed: number) => number;
  private readonly _holders = new Set<NameHolder>();

  constructor(options: FilenameTableOptions = {}) {
    let capacity = 2;
    while (capacity < (options.indexCapacity ?? 1024)) capacity *= 2;
    this._index = new Int32Array(capacity).fill(EMPTY);
    this._refs = new Uint32Array(capacity);
    this._bytes = new Uint8Array(1024);
    this._seed = options.seed ?? randomHashKey()[0]!;
    this._compactAt = options.compactAt ?? 0.5;
    this._compactMinBytes = options.compactMinBytes ?? 4096;
    this._hash = options.nameHash ?? _hashNameBytes;
  }

  /** Distinct names stored, including those nobody holds any more. */
  get distinctNames(): number {
    return this._distinct;
  }

  /** Bytes of the filename array in use, separators included. */
  get usedBytes(): number {
    return this._used;
  }

  /** Bytes of the names nobody holds, awaiting compaction. */
  get garbageBytes(): number {
    return this._garbage;
  }

  /** All memory the table allocated: byte array, hash index and holder counts. */
  get byteSize(): number {
    return this._bytes.byteLength + this._index.byteLength + this._refs.byteLength;
  }

  /**
   * The filename array itself, for hashing and copying without decoding. It is replaced when it
   * grows or compacts: read it again after any `intern` or compaction.
   */
  get bytes(): Uint8Array {
    return this._bytes;
  }

  /**
   * Normalizes and validates `name` (throws a TreeError, see `normalizeName`), stores it if new,
   * counts one more holder and returns its offset.
   */
  intern(name: string): number {
    const length = encodeUtf8Into(normalizeName(name), this._scratch, 0);
    const hash = this._hash(this._scratch, 0, length, this._seed);
    let slot = this._probe(this._scratch, length, hash);
    if (slot >= 0) {
      this._retainSlot(slot, length);
      return this._index[slot]!;
    }
    if (this._distinct + 1 > this._index.length * MAX_LOAD) {
      this._growIndex();
      slot = this._probe(this._scratch, length, hash);
    }
    const offset = this._append(this._scratch, length);
    slot = ~slot;
    this._index[slot] = offset;
    this._refs[slot] = 1;
    this._distinct++;
    return offset;
  }

  /** The offset of `name` (normalized first) if stored, else -1; counts no holder. */
  find(name: string): number {
    let normalized: string;
    try {
      normalized = normalizeName(name);
    } catch (error) {
      if (error instanceof TreeError) return -1;
      throw error;
    }
    const length = encodeUtf8Into(normalized, this._scratch, 0);
    const slot = this._probe(
      this._scratch,
      length,
      this._hash(this._scratch, 0, length, this._seed),
    );
    return slot >= 0 ? this._index[slot]! : -1;
  }

  /** Counts one more holder of the name at `offset`. */
  retain(offset: number): void {
    this._retainSlot(this._slotOf(offset), this.byteLengthAt(offset));
  }

  /** Counts one holder fewer of the name at `offset`; at none it becomes garbage. */
  release(offset: number): void {
    const slot = this._slotOf(offset);
    const refs = this._refs[slot]!;
    if (refs === 0) throw new Error(`FilenameTable: name at ${offset} released more than retained`);
    this._refs[slot] = refs - 1;
    if (refs === 1) this._garbage += this.byteLengthAt(offset) + 1;
  }

  /** Counts one more holder for each of `offsets[from..to)`, faster than `retain` for many. */
  retainAll(offsets: Int32Array, from: number, to: number): void {
    const slotAt = new Int32Array(this._used);
    for (let slot = 0; slot < this._index.length; slot++) {
      const offset = this._index[slot]!;
      if (offset !== EMPTY) slotAt[offset] = slot;
    }
    for (let i = from; i < to; i++) this._refs[slotAt[offsets[i]!]!]!++;
    this._recountGarbage();
  }

  /** How many nodes hold the name at `offset`. */
  holdersOf(offset: number): number {
    return this._refs[this._slotOf(offset)]!;
  }

  /** The name stored at `offset`. */
  nameAt(offset: number): string {
    return decodeUtf8(this._bytes, offset, this._endOf(offset));
  }

  /** UTF-8 bytes of the name at `offset`, separator not counted. */
  byteLengthAt(offset: number): number {
    return this._endOf(offset) - offset;
  }

  /** Whether the name at `offset` here is the name at `otherOffset` in `other`. */
  sameName(offset: number, other: FilenameTable, otherOffset: number): boolean {
    if (other === this) return offset === otherOffset;
    const a = this._bytes;
    const b = other._bytes;
    for (let i = 0; ; i++) {
      const byte = a[offset + i]!;
      if (byte !== b[otherOffset + i]) return false;
      if (byte === NAME_SEPARATOR) return true;
    }
  }

  /** Registers a holder to be told of new offsets when compaction moves names. */
  attach(holder: NameHolder): void {
    this._holders.add(holder);
  }

  detach(holder: NameHolder): void {
    this._holders.delete(holder);
  }

  /** Compacts if garbage passed the configured fraction; returns whether it did. */
  compactIfWasteful(): boolean {
    if (this._used < this._compactMinBytes || this._garbage <= this._used * this._compactAt) {
      return false;
    }
    this.compact();
    return true;
  }

  /**
   * Drops every name nobody holds, moves the rest together (in their old order) and rebuilds the
   * index; every attached holder gets the map of old offsets to new ones.
   */
  compact(): void {
    const live: number[] = [];
    for (let slot = 0; slot < this._index.length; slot++) {
      if (this._index[slot] !== EMPTY && this._refs[slot]! > 0) live.push(slot);
    }
    const oldBytes = this._bytes;
    const oldIndex = this._index;
    const oldRefs = this._refs;
    const offsets = Int32Array.from(live, (slot) => oldIndex[slot]!).sort();
    const refsAt = new Uint32Array(this._used);
    for (const slot of live) refsAt[oldIndex[slot]!] = oldRefs[slot]!;

    let capacity = 2;
    while (live.length > capacity * MAX_LOAD) capacity *= 2;
    this._index = new Int32Array(capacity).fill(EMPTY);
    this._refs = new Uint32Array(capacity);
    this._bytes = new Uint8Array(Math.max(1024, Math.ceil((this._used - this._garbage) * 1.25)));
    const remap = new Int32Array(this._used).fill(-1);
    this._used = 0;
    this._garbage = 0;
    this._distinct = 0;
    for (const old of offsets) {
      const length = oldBytes.indexOf(NAME_SEPARATOR, old) - old;
      const offset = this._append(oldBytes.subarray(old, old + length), length);
      const slot = ~this._probe(this._bytes, length, this._hashAt(offset, length), offset);
      this._index[slot] = offset;
      this._refs[slot] = refsAt[old]!;
      this._distinct++;
      remap[old] = offset;
    }
    for (const holder of this._holders) holder.remapNames(remap);
  }

  /**
   * A table holding exactly the names in `bytes` (each followed by NAME_SEPARATOR), at the same
   * offsets, none of them held yet. Throws `snapshot_invalid` if a name is malformed or repeated.
   */
  static fromBytes(bytes: Uint8Array, options: FilenameTableOptions = {}): FilenameTable {
    let count = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === NAME_SEPARATOR) count++;
    const table = new FilenameTable({
      ...options,
      indexCapacity: Math.max(options.indexCapacity ?? 2, Math.ceil(count / MAX_LOAD) + 1),
    });
    table._bytes = new Uint8Array(Math.max(1024, bytes.length));
    table._bytes.set(bytes);
    table._used = bytes.length;
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(NAME_SEPARATOR, start);
      const length = end - start;
      if (end < 0 || length === 0 || length > MAX_NAME_BYTES || _hasSlash(bytes, start, end)) {
        throw new TreeError('snapshot_invalid', `Malformed name at byte ${start} of the names.`);
      }
      const slot = table._probe(table._bytes, length, table._hashAt(start, length), start);
      if (slot >= 0) throw new TreeError('snapshot_invalid', `Name at byte ${start} is repeated.`);
      table._index[~slot] = start;
      table._distinct++;
      table._garbage += length + 1;
      start = end + 1;
    }
    return table;
  }

  /**
   * The index slot holding the name in `bytes[from..from+length)`, or `~slot` of the empty slot
   * where it would go. Every candidate is checked against the stored bytes, as the seed asks.
   */
  private _probe(bytes: Uint8Array, length: number, hash: number, from = 0): number {
    const mask = this._index.length - 1;
    const stored = this._bytes;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const offset = this._index[slot]!;
      if (offset === EMPTY) return ~slot;
      if (stored[offset + length] !== NAME_SEPARATOR) continue;
      let i = 0;
      while (i < length && stored[offset + i] === bytes[from + i]) i++;
      if (i === length) return slot;
    }
  }

  /** The index slot of the stored name at `offset`. */
  private _slotOf(offset: number): number {
    const length = this.byteLengthAt(offset);
    const mask = this._index.length - 1;
    for (let slot = this._hashAt(offset, length) & mask; ; slot = (slot + 1) & mask) {
      const stored = this._index[slot]!;
      if (stored === offset) return slot;
      if (stored === EMPTY) throw new Error(`FilenameTable: no name stored at offset ${offset}`);
    }
  }

  private _retainSlot(slot: number, length: number): void {
    if (this._refs[slot] === 0) this._garbage -= length + 1;
    this._refs[slot]!++;
  }

  private _hashAt(offset: number, length: number): number {
    return this._hash(this._bytes, offset, offset + length, this._seed);
  }

  private _endOf(offset: number): number {
    return this._bytes.indexOf(NAME_SEPARATOR, offset);
  }

  /** Appends `length` bytes of `source` and a separator; returns the offset of the copy. */
  private _append(source: Uint8Array, length: number): number {
    if (this._used + length + 1 > this._bytes.length) {
      const grown = new Uint8Array(Math.max(this._used + length + 1, this._bytes.length * 2));
      grown.set(this._bytes.subarray(0, this._used));
      this._bytes = grown;
    }
    const offset = this._used;
    this._bytes.set(source.subarray(0, length), offset);
    this._bytes[offset + length] = NAME_SEPARATOR;
    this._used += length + 1;
    return offset;
  }

  /** Doubles the index and puts every name back at its new probe position. */
  private _growIndex(): void {
    const oldIndex = this._index;
    const oldRefs = this._refs;
    this._index = new Int32Array(oldIndex.length * 2).fill(EMPTY);
    this._refs = new Uint32Array(oldIndex.length * 2);
    for (let old = 0; old < oldIndex.length; old++) {
      const offset = oldIndex[old]!;
      if (offset === EMPTY) continue;
      const length = this.byteLengthAt(offset);
      const slot = ~this._probe(this._bytes, length, this._hashAt(offset, length), offset);
      this._index[slot] = offset;
      this._refs[slot] = oldRefs[old]!;
    }
  }

  private _recountGarbage(): void {
    this._garbage = 0;
    for (let slot = 0; slot < this._index.length; slot++) {
      const offset = this._index[slot]!;
      if (offset !== EMPTY && this._refs[slot] === 0)
        this._garbage += this.byteLengthAt(offset) + 1;
    }
  }
}

/** Seeded FNV-1a over the bytes, then murmur3's finalizer so the low bits (the slot) mix well. */
function _hashNameBytes(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function _hasSlash(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 0x2f) return true;
  return false;
}

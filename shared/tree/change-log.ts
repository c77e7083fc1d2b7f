// The compact log of a tree's changes since its last snapshot: binary, append-only, replayable.
import { formatHex64 } from './hex64.ts';
import { TreeError } from './tree-error.ts';
import { KIND_FOLDER } from './kind-code.ts';
import type { TreeStore } from './tree-store.ts';
import { decodeUtf8 } from './utf8.ts';

const MAGIC = 0x4c425543; // "CUBL" read little-endian
const VERSION = 1;
/** magic, version, base root value (high, low), end root value (high, low), operation count. */
const HEADER_BYTES = 28;

const OP_ADD = 1;
const OP_REMOVE = 2;
const OP_MOVE = 3;
const OP_EDIT = 4;
const OP_REID = 5;

/**
 * Started by `TreeStore.startChangeLog()` right after a snapshot, it records every add, remove,
 * move, edit and re-id (entry 5: old id, new id) in a few bytes each (ids and numbers as LEB128
 * varints, names as UTF-8). It keeps
 * the root diff value the tree had when it started and has now: `replay` refuses a tree whose root
 * is not the start value, and checks that replaying ends on the end value, so a log applied to
 * the wrong snapshot, or damaged, is caught rather than silently merged.
 */
export class ChangeLog {
  /** The encoded operations, without the header; bytes past `_length` are free room. */
  private _bytes = new Uint8Array(256);
  private _length = 0;
  private _operations = 0;
  private readonly _baseHigh: number;
  private readonly _baseLow: number;
  private _endHigh: number;
  private _endLow: number;

  constructor(baseHigh: number, baseLow: number) {
    this._baseHigh = this._endHigh = baseHigh;
    this._baseLow = this._endLow = baseLow;
  }

  /** Operations recorded. */
  get operationCount(): number {
    return this._operations;
  }

  /** Bytes the log takes once encoded. */
  get byteLength(): number {
    return HEADER_BYTES + this._length;
  }

  /** The log as one buffer, to store beside the snapshot. */
  toArrayBuffer(): ArrayBuffer {
    const buffer = new ArrayBuffer(HEADER_BYTES + this._length);
    const view = new DataView(buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, VERSION, true);
    view.setInt32(8, this._baseHigh, true);
    view.setInt32(12, this._baseLow, true);
    view.setInt32(16, this._endHigh, true);
    view.setInt32(20, this._endLow, true);
    view.setUint32(24, this._operations, true);
    new Uint8Array(buffer, HEADER_BYTES).set(this._bytes.subarray(0, this._length));
    return buffer;
  }

  /**
   * Applies a log written by `toArrayBuffer` to `tree` (the tree restored from the snapshot the log
   * was started after) and returns how many operations it applied. Throws `log_base_mismatch` if
   * the tree is not that snapshot, `log_invalid` if the log is malformed or does not end where it
   * says, and any TreeError of the operations themselves.
   */
  static replay(buffer: ArrayBuffer, tree: TreeStore): number {
    const bytes = new Uint8Array(buffer);
    if (bytes.length < HEADER_BYTES) throw new TreeError('log_invalid', 'The log is truncated.');
    const view = new DataView(buffer);
    if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== VERSION) {
      throw new TreeError('log_invalid', 'Not a change log of this version.');
    }
    const base = formatHex64(view.getInt32(8, true), view.getInt32(12, true));
    if (tree.rootDiffValue !== base) {
      throw new TreeError('log_base_mismatch', 'The tree is not the snapshot the log starts from.');
    }
    const operations = view.getUint32(24, true);
    const reader = new _Reader(bytes, HEADER_BYTES);
    for (let i = 0; i < operations; i++) {
      const op = reader.byte();
      const id = reader.varint();
      if (op === OP_REMOVE) {
        tree.remove(id);
      } else if (op === OP_MOVE) {
        tree.move(id, reader.varint(), reader.name());
      } else if (op === OP_ADD) {
        const parent = reader.varint();
        const name = reader.name();
        tree.add({ id, parent, name, ...reader.metadata() });
      } else if (op === OP_EDIT) {
        tree.edit(id, reader.metadata());
      } else if (op === OP_REID) {
        tree.reid(id, reader.varint());
      } else {
        throw new TreeError('log_invalid', `Unknown operation ${op} at entry ${i}.`);
      }
    }
    if (reader.at !== bytes.length)
      throw new TreeError('log_invalid', 'Bytes after the last entry.');
    if (tree.rootDiffValue !== formatHex64(view.getInt32(16, true), view.getInt32(20, true))) {
      throw new TreeError('log_invalid', 'Replaying the log did not reach the recorded tree.');
    }
    return operations;
  }

  _recordAdd(tree: TreeStore, slot: number): void {
    this._byte(OP_ADD);
    this._varint(tree._ids[slot]!);
    this._varint(tree._ids[tree._parents[slot]!]!);
    this._name(tree, slot);
    this._metadata(tree, slot);
    this._end(tree);
  }

  _recordRemove(tree: TreeStore, id: number): void {
    this._byte(OP_REMOVE);
    this._varint(id);
    this._end(tree);
  }

  _recordMove(tree: TreeStore, slot: number): void {
    this._byte(OP_MOVE);
    this._varint(tree._ids[slot]!);
    this._varint(tree._ids[tree._parents[slot]!]!);
    this._name(tree, slot);
    this._end(tree);
  }

  _recordReid(tree: TreeStore, oldId: number, newId: number): void {
    this._byte(OP_REID);
    this._varint(oldId);
    this._varint(newId);
    this._end(tree);
  }

  _recordEdit(tree: TreeStore, slot: number): void {
    this._byte(OP_EDIT);
    this._varint(tree._ids[slot]!);
    this._metadata(tree, slot);
    this._end(tree);
  }

  private _end(tree: TreeStore): void {
    this._operations++;
    this._endHigh = tree._diffHigh[0]!;
    this._endLow = tree._diffLow[0]!;
  }

  private _name(tree: TreeStore, slot: number): void {
    const offset = tree._nameOffsets[slot]!;
    const length = tree.names.byteLengthAt(offset);
    this._varint(length);
    this._room(length);
    this._bytes.set(tree.names.bytes.subarray(offset, offset + length), this._length);
    this._length += length;
  }

  /** kind, size (high, low), content hash (high, low), mtime, rev. */
  private _metadata(tree: TreeStore, slot: number): void {
    this._byte(tree._kinds[slot]!);
    this._varint(tree._sizeHigh[slot]!);
    this._varint(tree._sizeLow[slot]!);
    this._word(tree._hashHigh[slot]!);
    this._word(tree._hashLow[slot]!);
    this._varint(tree._mtimes[slot]!);
    this._varint(tree._revs[slot]!);
  }

  private _room(bytes: number): void {
    if (this._length + bytes <= this._bytes.length) return;
    const grown = new Uint8Array(Math.max(this._length + bytes, this._bytes.length * 2));
    grown.set(this._bytes.subarray(0, this._length));
    this._bytes = grown;
  }

  private _byte(value: number): void {
    this._room(1);
    this._bytes[this._length++] = value;
  }

  /** Unsigned LEB128 of the low 32 bits of `value`. */
  private _varint(value: number): void {
    this._room(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this._bytes[this._length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this._bytes[this._length++] = v;
  }

  /** Four bytes little-endian: hash lanes are random, a varint would only grow them. */
  private _word(value: number): void {
    this._room(4);
    for (let i = 0; i < 4; i++) this._bytes[this._length++] = (value >>> (8 * i)) & 0xff;
  }
}

class _Reader {
  constructor(
    private readonly _bytes: Uint8Array,
    public at: number,
  ) {}

  byte(): number {
    if (this.at >= this._bytes.length) throw new TreeError('log_invalid', 'The log is truncated.');
    return this._bytes[this.at++]!;
  }

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    throw new TreeError('log_invalid', 'A number in the log is too long.');
  }

  word(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) value |= this.byte() << (8 * i);
    return value;
  }

  name(): string {
    const length = this.varint();
    if (this.at + length > this._bytes.length) {
      throw new TreeError('log_invalid', 'The log is truncated.');
    }
    this.at += length;
    return decodeUtf8(this._bytes, this.at - length, this.at);
  }

  metadata() {
    const kind = this.byte() === KIND_FOLDER ? ('folder' as const) : ('file' as const);
    const sizeHigh = this.varint();
    const sizeLow = this.varint();
    const hashHigh = this.word();
    const hashLow = this.word();
    return {
      kind,
      size: sizeHigh * 2 ** 32 + sizeLow,
      contentHash: formatHex64(hashHigh, hashLow),
      mtime: this.varint(),
      rev: this.varint(),
    };
  }
}

// A whole tree as a few ArrayBuffers (a header with the names, then chunks of node columns) and back.
import { FilenameTable } from './filename-table.ts';
import { TreeError } from './tree-error.ts';
import { NO_SLOT, TreeStore } from './tree-store.ts';

const HEADER_MAGIC = 0x54425543; // "CUBT" read little-endian
const CHUNK_MAGIC = 0x4e425543; // "CUBN"
const VERSION = 1;
/** Written in the platform's byte order; a reader on the other order sees it reversed. */
const BYTE_ORDER_MARK = 0x01020304;
/** magic, version, byte order, nodes, nodes per chunk, node chunks, name bytes, key ×4, checksum. */
const HEADER_WORDS = 12;
/** magic, chunk number, nodes in it, checksum. */
const CHUNK_HEADER_WORDS = 4;
/** Int32 columns of a node chunk, in order. */
const INT_COLUMNS = 10;
/** Bytes per node in a chunk: the int columns, size bits 32–47, kind. */
const BYTES_PER_NODE = INT_COLUMNS * 4 + 2 + 1;

export interface SerializeOptions {
  /** Nodes per chunk (default 262,144, about 11 MB): keeps each stored record moderate. */
  nodesPerChunk?: number;
}

export interface DeserializeOptions {
  /** Intern the names into this table (shared with other trees) instead of a table of their own. */
  names?: FilenameTable;
}

/**
 * Writes `tree` as [header, ...node chunks]. The header holds the counts, the hash key and the
 * names the tree uses (the filename array, compacted to this tree's names). Each node chunk holds
 * its nodes column by column — id, parent (as a position in the snapshot), name offset, size,
 * content hash, mtime, rev, diff value, kind — breadth first, so parents come first and siblings
 * keep their order and sit side by side once restored. Diff values are stored, not recomputed on reading; a checksum per buffer guards
 * them. Numbers are in the platform's byte order, which the header records.
 */
export function serializeTree(tree: TreeStore, options: SerializeOptions = {}): ArrayBuffer[] {
  const perChunk = Math.max(1, options.nodesPerChunk ?? 1 << 18);
  const order = _breadthFirst(tree);
  const count = order.length;

  // The names this tree holds, packed in first-use order; nameAt maps tree offsets to them.
  const nameAt = new Int32Array(tree.names.usedBytes).fill(-1);
  const used: number[] = [];
  let nameBytes = 0;
  for (let i = 1; i < count; i++) {
    const offset = tree._nameOffsets[order[i]!]!;
    if (nameAt[offset] === -1) {
      nameAt[offset] = nameBytes;
      nameBytes += tree.names.byteLengthAt(offset) + 1;
      used.push(offset);
    }
  }
  const header = new ArrayBuffer(HEADER_WORDS * 4 + nameBytes);
  const names = new Uint8Array(header, HEADER_WORDS * 4);
  for (const offset of used) {
    const end = offset + tree.names.byteLengthAt(offset) + 1;
    names.set(tree.names.bytes.subarray(offset, end), nameAt[offset]!);
  }
  const chunkCount = Math.ceil(count / perChunk);
  const words = new Int32Array(header, 0, HEADER_WORDS);
  words.set([HEADER_MAGIC, VERSION, BYTE_ORDER_MARK, count, perChunk, chunkCount, nameBytes]);
  words.set(tree.key, 7);
  words[11] = _checksum(names);

  const positionOf = new Int32Array(tree._highWater);
  for (let i = 0; i < count; i++) positionOf[order[i]!] = i;
  const buffers = [header];
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const from = chunk * perChunk;
    const n = Math.min(perChunk, count - from);
    const buffer = new ArrayBuffer(CHUNK_HEADER_WORDS * 4 + n * BYTES_PER_NODE);
    const columns = _columns(buffer, n);
    for (let i = 0; i < n; i++) {
      const s = order[from + i]!;
      const parent = tree._parents[s]!;
      const nameOffset = tree._nameOffsets[s]!;
      columns.ids[i] = tree._ids[s]!;
      columns.parents[i] = parent === NO_SLOT ? NO_SLOT : positionOf[parent]!;
      columns.names[i] = nameOffset === NO_SLOT ? NO_SLOT : nameAt[nameOffset]!;
      columns.sizeLow[i] = tree._sizeLow[s]!;
      columns.hashHigh[i] = tree._hashHigh[s]!;
      columns.hashLow[i] = tree._hashLow[s]!;
      columns.mtimes[i] = tree._mtimes[s]!;
      columns.revs[i] = tree._revs[s]!;
      columns.diffHigh[i] = tree._diffHigh[s]!;
      columns.diffLow[i] = tree._diffLow[s]!;
      columns.sizeHigh[i] = tree._sizeHigh[s]!;
      columns.kinds[i] = tree._kinds[s]!;
    }
    const chunkHeader = new Int32Array(buffer, 0, CHUNK_HEADER_WORDS);
    chunkHeader.set([CHUNK_MAGIC, chunk, n]);
    chunkHeader[3] = _checksum(new Uint8Array(buffer, CHUNK_HEADER_WORDS * 4));
    buffers.push(buffer);
  }
  return buffers;
}

/**
 * Rebuilds the tree `serializeTree` wrote, with the same key, ids, names, child order and diff
 * values. Throws `snapshot_invalid` for anything malformed: wrong magic or version, other byte
 * order, a missing or extra chunk, a checksum mismatch, or a broken structure.
 */
export function deserializeTree(
  buffers: ArrayBuffer[],
  options: DeserializeOptions = {},
): TreeStore {
  const header = buffers[0];
  if (header === undefined || header.byteLength < HEADER_WORDS * 4) _invalid('no header');
  const words = new Int32Array(header, 0, HEADER_WORDS);
  if (words[0] !== HEADER_MAGIC || words[1] !== VERSION)
    _invalid('not a tree snapshot of this version');
  if (words[2] !== BYTE_ORDER_MARK) _invalid('written on a machine of the other byte order');
  const count = words[3]!;
  const perChunk = words[4]!;
  const chunkCount = words[5]!;
  const nameBytes = words[6]!;
  if (
    count < 1 ||
    perChunk < 1 ||
    chunkCount !== Math.ceil(count / perChunk) ||
    buffers.length !== chunkCount + 1 ||
    header.byteLength !== HEADER_WORDS * 4 + nameBytes
  ) {
    _invalid('counts do not match the buffers');
  }
  const snapshotNames = new Uint8Array(header, HEADER_WORDS * 4, nameBytes);
  if (_checksum(snapshotNames) !== words[11]) _invalid('names checksum mismatch');
  const ownNames = FilenameTable.fromBytes(snapshotNames);

  const tree = new TreeStore({
    rootId: 0,
    key: Int32Array.from(words.subarray(7, 11)),
    names: options.names ?? ownNames,
    capacity: count,
  });
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const buffer = buffers[chunk + 1]!;
    const from = chunk * perChunk;
    const n = Math.min(perChunk, count - from);
    const chunkHeader = new Int32Array(buffer, 0, CHUNK_HEADER_WORDS);
    if (
      buffer.byteLength !== CHUNK_HEADER_WORDS * 4 + n * BYTES_PER_NODE ||
      chunkHeader[0] !== CHUNK_MAGIC ||
      chunkHeader[1] !== chunk ||
      chunkHeader[2] !== n
    ) {
      _invalid(`chunk ${chunk} is not the chunk expected`);
    }
    if (_checksum(new Uint8Array(buffer, CHUNK_HEADER_WORDS * 4)) !== chunkHeader[3]) {
      _invalid(`chunk ${chunk} checksum mismatch`);
    }
    const columns = _columns(buffer, n);
    tree._ids.set(columns.ids, from);
    tree._parents.set(columns.parents, from);
    tree._nameOffsets.set(columns.names, from);
    tree._sizeLow.set(columns.sizeLow, from);
    tree._hashHigh.set(columns.hashHigh, from);
    tree._hashLow.set(columns.hashLow, from);
    tree._mtimes.set(columns.mtimes, from);
    tree._revs.set(columns.revs, from);
    tree._diffHigh.set(columns.diffHigh, from);
    tree._diffLow.set(columns.diffLow, from);
    tree._sizeHigh.set(columns.sizeHigh, from);
    tree._kinds.set(columns.kinds, from);
  }
  _checkNameOffsets(tree._nameOffsets, count, snapshotNames);
  const interned =
    options.names === undefined
      ? []
      : _moveNamesInto(tree._nameOffsets, count, ownNames, options.names);
  tree._adoptFilledSlots(count);
  // Interning held each name once more than the nodes that hold it.
  for (const offset of interned) options.names!.release(offset);
  return tree;
}

/**
 * Slots of the live nodes breadth first: parents before children, and the children of a folder
 * next to each other in list order, so a restored tree has every child list in adjacent slots and
 * walking one (as the diff does) reads memory in order.
 */
function _breadthFirst(tree: TreeStore): Int32Array {
  const order = new Int32Array(tree.size);
  let n = 1;
  for (let i = 0; i < n; i++) {
    for (let c = tree._firstChild[order[i]!]!; c !== NO_SLOT; c = tree._nextSibling[c]!) {
      order[n++] = c;
    }
  }
  return order;
}

function _columns(buffer: ArrayBuffer, n: number) {
  const int = (column: number) => new Int32Array(buffer, (CHUNK_HEADER_WORDS + column * n) * 4, n);
  const after = (CHUNK_HEADER_WORDS + INT_COLUMNS * n) * 4;
  return {
    ids: int(0),
    parents: int(1),
    names: int(2),
    sizeLow: int(3),
    hashHigh: int(4),
    hashLow: int(5),
    mtimes: new Uint32Array(buffer, (CHUNK_HEADER_WORDS + 6 * n) * 4, n),
    revs: new Uint32Array(buffer, (CHUNK_HEADER_WORDS + 7 * n) * 4, n),
    diffHigh: int(8),
    diffLow: int(9),
    sizeHigh: new Uint16Array(buffer, after, n),
    kinds: new Uint8Array(buffer, after + 2 * n, n),
  };
}

/** Every node but the root names the start of a name in the snapshot's names. */
function _checkNameOffsets(offsets: Int32Array, count: number, names: Uint8Array): void {
  if (offsets[0] !== NO_SLOT) _invalid('the root has a name');
  for (let i = 1; i < count; i++) {
    const offset = offsets[i]!;
    if (offset < 0 || offset >= names.length || (offset > 0 && names[offset - 1] !== 0)) {
      _invalid(`node ${i} has no name`);
    }
  }
}

/**
 * Rewrites name offsets from the snapshot's own table to `shared`, interning each distinct name
 * once; returns the shared offsets interned, each holding one hold to give back.
 */
function _moveNamesInto(
  offsets: Int32Array,
  count: number,
  own: FilenameTable,
  shared: FilenameTable,
): number[] {
  const moved = new Int32Array(own.usedBytes).fill(-1);
  const interned: number[] = [];
  for (let i = 1; i < count; i++) {
    const offset = offsets[i]!;
    if (moved[offset] === -1) {
      moved[offset] = shared.intern(own.nameAt(offset));
      interned.push(moved[offset]!);
    }
    offsets[i] = moved[offset]!;
  }
  return interned;
}

/** A 32-bit checksum (FNV-1a over 32-bit words, the tail bytes last): catches storage damage. */
function _checksum(bytes: Uint8Array): number {
  const words = bytes.byteOffset % 4 === 0 ? Math.floor(bytes.length / 4) : 0;
  const view = new Int32Array(bytes.buffer, bytes.byteOffset, words);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ view[i]!, 0x01000193);
  for (let i = words * 4; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

function _invalid(why: string): never {
  throw new TreeError('snapshot_invalid', `Not a usable tree snapshot: ${why}.`);
}

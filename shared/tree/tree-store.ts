// The tree of content items in typed arrays (one array per field), with XOR diff values kept current.
import { ChangeLog } from './change-log.ts';
import { FilenameTable, type NameHolder } from './filename-table.ts';
import { randomHashKey, type HashKey } from './hash-key.ts';
import { formatHex64, parseHex64Prefix } from './hex64.ts';
import { IdIndex } from './id-index.ts';
import { KIND_FILE, KIND_FOLDER, KIND_FREE } from './kind-code.ts';
import { sipHash24 } from './sip-hash.ts';
import { TreeError } from './tree-error.ts';
import type { NodeEdit, NodeInput, NodeKind, TreeNode } from './tree-node.ts';

/** "No slot": no parent, no child, no sibling. */
export const NO_SLOT = -1;

const MAX_UINT32 = 0xffffffff;
const MAX_SIZE = 2 ** 48 - 1;
/** Words of the own-hash message before the name bytes (see `_ownHash`). */
const HEADER_WORDS = 6;

export interface TreeStoreOptions {
  /** File id of the root folder (default 0). */
  rootId?: number;
  /** Key of the diff values; random by default. Trees compared with each other need the same. */
  key?: HashKey;
  /** Filename table to intern into; share one between the trees of a client to store names once. */
  names?: FilenameTable;
  /** Nodes to make room for up front. */
  capacity?: number;
}

/**
 * A tree of content items keyed by file id. Every field lives in its own typed array indexed by
 * slot; ids map to slots through an IdIndex, and freed slots are reused. Each node's diff value is
 * the keyed 64-bit hash of its own fields XOR the diff values of its children, kept current by
 * XOR-ing every change into the path to the root, so an add, remove, edit or move costs O(depth)
 * and never reads a sibling.
 *
 * Members starting with `_` are for the rest of `shared/tree` (diff, snapshot, loader), which read
 * the arrays directly; they are not part of the API.
 */
export class TreeStore implements NameHolder {
  readonly key: HashKey;
  readonly names: FilenameTable;

  /** File id (a uint32 kept as int32) of the node in each slot. */
  _ids: Int32Array;
  /** Slot of the parent folder; NO_SLOT for the root, and the next free slot for a free slot. */
  _parents: Int32Array;
  /** Offset of the name in `names`; NO_SLOT for the root, which has no name. */
  _nameOffsets: Int32Array;
  /** KIND_FOLDER, KIND_FILE, or KIND_FREE for an unused slot. */
  _kinds: Uint8Array;
  /** Size in bytes, bits 32–47. */
  _sizeHigh: Uint16Array;
  /** Size in bytes, bits 0–31 (as int32). */
  _sizeLow: Int32Array;
  /** First 64 bits of the content hash: high and low lanes. */
  _hashHigh: Int32Array;
  _hashLow: Int32Array;
  /** Modification time, seconds since the Unix epoch. */
  _mtimes: Uint32Array;
  /** Server revision. */
  _revs: Uint32Array;
  /** Diff value, high and low lanes: own hash XOR the children's diff values. */
  _diffHigh: Int32Array;
  _diffLow: Int32Array;
  /** Child lists: first child of a folder, next and previous sibling, all slots or NO_SLOT. */
  _firstChild: Int32Array;
  _nextSibling: Int32Array;
  _prevSibling: Int32Array;
  /** File id → slot. */
  _index: IdIndex;
  /** Slots in use or freed; slots from here on have never been used. */
  _highWater = 0;

  private _count = 0;
  private _freeHead = NO_SLOT;
  private _log: ChangeLog | undefined;
  /** The own-hash message: HEADER_WORDS words of fields, then up to 255 name bytes. */
  private readonly _message = new Int32Array(HEADER_WORDS + 66);
  /** Scratch for a 64-bit hash: [low, high]. */
  private readonly _lanes = new Int32Array(2);

  constructor(options: TreeStoreOptions = {}) {
    const rootId = options.rootId ?? 0;
    _checkUint32(rootId, 'id_invalid', 'root id');
    this.key = options.key ?? randomHashKey();
    if (this.key.length !== 4) throw new TreeError('key_invalid', 'A hash key is four words.');
    this.names = options.names ?? new FilenameTable();
    this.names.attach(this);
    const capacity = Math.max(16, options.capacity ?? 0);
    this._ids = new Int32Array(capacity);
    this._parents = new Int32Array(capacity);
    this._nameOffsets = new Int32Array(capacity);
    this._kinds = new Uint8Array(capacity);
    this._sizeHigh = new Uint16Array(capacity);
    this._sizeLow = new Int32Array(capacity);
    this._hashHigh = new Int32Array(capacity);
    this._hashLow = new Int32Array(capacity);
    this._mtimes = new Uint32Array(capacity);
    this._revs = new Uint32Array(capacity);
    this._diffHigh = new Int32Array(capacity);
    this._diffLow = new Int32Array(capacity);
    this._firstChild = new Int32Array(capacity);
    this._nextSibling = new Int32Array(capacity);
    this._prevSibling = new Int32Array(capacity);
    this._index = new IdIndex(Math.ceil(capacity / 0.7));
    this._linkNew(rootId, NO_SLOT, NO_SLOT, KIND_FOLDER, 0, 0, 0, 0, 0, 0);
  }

  /** Nodes in the tree, the root included. */
  get size(): number {
    return this._count;
  }

  get rootId(): number {
    return this._ids[0]! >>> 0;
  }

  /** The root's diff value as 16 hex digits: equal roots mean (all but surely) equal trees. */
  get rootDiffValue(): string {
    return formatHex64(this._diffHigh[0]!, this._diffLow[0]!);
  }

  /** Memory of the node arrays and the id index, names not included (see `names.byteSize`). */
  get byteSize(): number {
    const arrays = [
      this._ids,
      this._parents,
      this._nameOffsets,
      this._kinds,
      this._sizeHigh,
      this._sizeLow,
      this._hashHigh,
      this._hashLow,
      this._mtimes,
      this._revs,
      this._diffHigh,
      this._diffLow,
      this._firstChild,
      this._nextSibling,
      this._prevSibling,
    ];
    return arrays.reduce((sum, array) => sum + array.byteLength, 0) + this._index.byteSize;
  }

  has(id: number): boolean {
    return this._slotOf(id) !== NO_SLOT;
  }

  /** The node with `id`, or undefined. */
  get(id: number): TreeNode | undefined {
    const slot = this._slotOf(id);
    if (slot === NO_SLOT) return undefined;
    const parent = this._parents[slot]!;
    return {
      id: this._ids[slot]! >>> 0,
      parent: parent === NO_SLOT ? null : this._ids[parent]! >>> 0,
      name: this._nameOf(slot),
      kind: this._kinds[slot] === KIND_FOLDER ? 'folder' : 'file',
      size: this._sizeHigh[slot]! * 2 ** 32 + (this._sizeLow[slot]! >>> 0),
      contentHash: formatHex64(this._hashHigh[slot]!, this._hashLow[slot]!),
      mtime: this._mtimes[slot]!,
      rev: this._revs[slot]!,
    };
  }

  /** The name of node `id` ("" for the root), without building the whole node. Throws `id_unknown`. */
  nameOf(id: number): string {
    return this._nameOf(this._existing(id));
  }

  /** The diff value of node `id` as 16 hex digits. Throws `id_unknown`. */
  diffValue(id: number): string {
    const slot = this._existing(id);
    return formatHex64(this._diffHigh[slot]!, this._diffLow[slot]!);
  }

  /** Ids of the children of folder `id`, newest first. Throws `id_unknown`. */
  children(id: number): number[] {
    const result: number[] = [];
    for (let c = this._firstChild[this._existing(id)]!; c !== NO_SLOT; c = this._nextSibling[c]!) {
      result.push(this._ids[c]! >>> 0);
    }
    return result;
  }

  /**
   * Calls `visit` with each child of folder `id` and the handle of its name in `names` (see
   * `FilenameTable.nameAt`), newest first: names compare as integers and decode only when needed.
   * Throws `id_unknown`.
   */
  forEachChild(id: number, visit: (childId: number, nameOffset: number) => void): void {
    for (let c = this._firstChild[this._existing(id)]!; c !== NO_SLOT; c = this._nextSibling[c]!) {
      visit(this._ids[c]! >>> 0, this._nameOffsets[c]!);
    }
  }

  /**
   * The id of the child of folder `parentId` named `name` (NFC-normalized first), or undefined.
   * Names are interned, so this compares integers: O(children) without decoding any name.
   */
  childByName(parentId: number, name: string): number | undefined {
    const slot = this._childSlotByOffset(this._existing(parentId), this.names.find(name));
    return slot === NO_SLOT ? undefined : this._ids[slot]! >>> 0;
  }

  /** The path of node `id` from the root, names joined by "/"; "" for the root. */
  pathOf(id: number): string {
    const names: string[] = [];
    for (let s = this._existing(id); this._parents[s] !== NO_SLOT; s = this._parents[s]!) {
      names.push(this._nameOf(s));
    }
    return names.reverse().join('/');
  }

  /** The id of the node at `path` ("a/b/c" from the root; "" is the root), or undefined. */
  findByPath(path: string): number | undefined {
    let slot = 0;
    if (path !== '') {
      for (const name of path.split('/')) {
        slot = this._childSlotByOffset(slot, this.names.find(name));
        if (slot === NO_SLOT) return undefined;
      }
    }
    return this._ids[slot]! >>> 0;
  }

  /** Every id in the tree, in slot order. */
  ids(): number[] {
    const result: number[] = [];
    for (let s = 0; s < this._highWater; s++) {
      if (this._kinds[s] !== KIND_FREE) result.push(this._ids[s]! >>> 0);
    }
    return result;
  }

  /**
   * Adds one node. Throws a TreeError: `id_invalid`/`id_exists` for the id, `id_unknown` or
   * `parent_not_folder` for the parent, a name code (see `normalizeName`), `name_taken` if the
   * folder already has a child of that name, `value_out_of_range` or `content_hash_invalid`.
   */
  add(input: NodeInput): void {
    _checkUint32(input.id, 'id_invalid', 'id');
    if (this.has(input.id))
      throw new TreeError('id_exists', `Id ${input.id} is already in the tree.`);
    const parentSlot = this._folderSlot(input.parent);
    const kind = _kindCode(input.kind);
    const size = input.size ?? 0;
    if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
      throw new TreeError('value_out_of_range', `Size ${size} is not an integer in 0 … 2^48−1.`);
    }
    const hash = this._parseContentHash(input.contentHash);
    const mtime = input.mtime ?? 0;
    const rev = input.rev ?? 0;
    _checkUint32(mtime, 'value_out_of_range', 'mtime');
    _checkUint32(rev, 'value_out_of_range', 'rev');
    const nameOffset = this.names.intern(input.name);
    if (this._childSlotByOffset(parentSlot, nameOffset) !== NO_SLOT) {
      this.names.release(nameOffset);
      throw new TreeError('name_taken', `"${input.parent}" already has a child "${input.name}".`);
    }
    const slot = this._linkNew(
      input.id,
      parentSlot,
      nameOffset,
      kind,
      Math.floor(size / 2 ** 32),
      size >>> 0,
      hash[1]!,
      hash[0]!,
      mtime,
      rev,
    );
    this._log?._recordAdd(this, slot);
  }

  /**
   * Removes node `id` and everything under it; returns how many nodes went. Throws `id_unknown`,
   * or `root_immutable` for the root.
   */
  remove(id: number): number {
    const slot = this._existing(id);
    if (slot === 0) throw new TreeError('root_immutable', 'The root cannot be removed.');
    this._xorIntoAncestors(this._parents[slot]!, this._diffHigh[slot]!, this._diffLow[slot]!);
    this._unlink(slot);
    let removed = 0;
    const stack = [slot];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (let c = this._firstChild[s]!; c !== NO_SLOT; c = this._nextSibling[c]!) stack.push(c);
      this._free(s);
      removed++;
    }
    this._log?._recordRemove(this, id);
    this.names.compactIfWasteful();
    return removed;
  }

  /**
   * Moves node `id` into folder `parentId`, renamed to `name` if given. Throws `id_unknown`,
   * `root_immutable`, `parent_not_folder`, `move_into_itself` (into its own subtree), a name
   * code, or `name_taken`.
   */
  move(id: number, parentId: number, name?: string): void {
    const slot = this._existing(id);
    if (slot === 0) throw new TreeError('root_immutable', 'The root cannot be moved.');
    const parentSlot = this._folderSlot(parentId);
    for (let s = parentSlot; s !== NO_SLOT; s = this._parents[s]!) {
      if (s === slot) throw new TreeError('move_into_itself', `Node ${id} cannot go under itself.`);
    }
    const oldOffset = this._nameOffsets[slot]!;
    const newOffset = name === undefined ? oldOffset : this.names.intern(name);
    // Same name again: the node already holds it, so drop the hold intern just added.
    if (name !== undefined && newOffset === oldOffset) this.names.release(newOffset);
    const clash = this._childSlotByOffset(parentSlot, newOffset);
    if (clash !== NO_SLOT && clash !== slot) {
      if (newOffset !== oldOffset) this.names.release(newOffset);
      throw new TreeError('name_taken', `Folder ${parentId} already has a child of that name.`);
    }
    const lanes = this._ownHash(slot);
    let high = lanes[1]!;
    let low = lanes[0]!;
    this._xorIntoAncestors(this._parents[slot]!, this._diffHigh[slot]!, this._diffLow[slot]!);
    // A rename in place keeps its place among the siblings.
    if (parentSlot !== this._parents[slot]) {
      this._unlink(slot);
      this._linkUnder(slot, parentSlot);
    }
    this._nameOffsets[slot] = newOffset;
    this._ownHash(slot);
    high ^= lanes[1]!;
    low ^= lanes[0]!;
    this._diffHigh[slot]! ^= high;
    this._diffLow[slot]! ^= low;
    this._xorIntoAncestors(parentSlot, this._diffHigh[slot]!, this._diffLow[slot]!);
    if (newOffset !== oldOffset) this.names.release(oldOffset);
    this._log?._recordMove(this, slot);
    this.names.compactIfWasteful();
  }

  /**
   * Gives node `oldId` the id `newId`, keeping its place, name, metadata and children: the server
   * assigned a file added on the device an id of its own. Throws `id_unknown`, `id_invalid`,
   * `id_exists` or `root_immutable`. Costs O(children + depth), since each child's own hash holds
   * its parent's id.
   */
  reid(oldId: number, newId: number): void {
    const slot = this._existing(oldId);
    if (slot === 0) throw new TreeError('root_immutable', 'The root keeps its id.');
    _checkUint32(newId, 'id_invalid', 'id');
    if (newId === oldId) return;
    if (this.has(newId)) throw new TreeError('id_exists', `Id ${newId} is already in the tree.`);
    const children: number[] = [];
    for (let c = this._firstChild[slot]!; c !== NO_SLOT; c = this._nextSibling[c]!)
      children.push(c);
    // Own hashes before (XOR-ed in now) and after (XOR-ed in below) give each node's delta.
    const childHigh = new Int32Array(children.length);
    const childLow = new Int32Array(children.length);
    children.forEach((c, i) => {
      const lanes = this._ownHash(c);
      childHigh[i] = lanes[1]!;
      childLow[i] = lanes[0]!;
    });
    let lanes = this._ownHash(slot);
    let high = lanes[1]!;
    let low = lanes[0]!;
    this._index.remove(oldId, this._ids);
    this._ids[slot] = newId;
    this._index.insert(slot, this._ids);
    lanes = this._ownHash(slot);
    high ^= lanes[1]!;
    low ^= lanes[0]!;
    children.forEach((c, i) => {
      const after = this._ownHash(c);
      const deltaHigh = childHigh[i]! ^ after[1]!;
      const deltaLow = childLow[i]! ^ after[0]!;
      this._diffHigh[c]! ^= deltaHigh;
      this._diffLow[c]! ^= deltaLow;
      high ^= deltaHigh;
      low ^= deltaLow;
    });
    this._xorIntoAncestors(slot, high, low);
    this._log?._recordReid(this, oldId, newId);
  }

  /** Renames node `id` in place: `move` to the same folder. */
  rename(id: number, name: string): void {
    const slot = this._existing(id);
    if (slot === 0) throw new TreeError('root_immutable', 'The root cannot be renamed.');
    this.move(id, this._ids[this._parents[slot]!]! >>> 0, name);
  }

  /**
   * Changes the metadata of node `id`. Throws `id_unknown`, `value_out_of_range`,
   * `content_hash_invalid`, `folder_not_empty` (a folder with children cannot become a file) or
   * `root_immutable` (the root stays a folder).
   */
  edit(id: number, changes: NodeEdit): void {
    const slot = this._existing(id);
    const kind = changes.kind === undefined ? this._kinds[slot]! : _kindCode(changes.kind);
    if (kind !== this._kinds[slot]) {
      if (slot === 0) throw new TreeError('root_immutable', 'The root stays a folder.');
      if (this._firstChild[slot] !== NO_SLOT) {
        throw new TreeError('folder_not_empty', `Folder ${id} has children; it cannot be a file.`);
      }
    }
    const size = changes.size;
    if (size !== undefined && (!Number.isInteger(size) || size < 0 || size > MAX_SIZE)) {
      throw new TreeError('value_out_of_range', `Size ${size} is not an integer in 0 … 2^48−1.`);
    }
    const hash =
      changes.contentHash === undefined ? undefined : this._parseContentHash(changes.contentHash);
    if (changes.mtime !== undefined) _checkUint32(changes.mtime, 'value_out_of_range', 'mtime');
    if (changes.rev !== undefined) _checkUint32(changes.rev, 'value_out_of_range', 'rev');

    const lanes = this._ownHash(slot);
    let high = lanes[1]!;
    let low = lanes[0]!;
    this._kinds[slot] = kind;
    if (size !== undefined) {
      this._sizeHigh[slot] = Math.floor(size / 2 ** 32);
      this._sizeLow[slot] = size >>> 0;
    }
    if (hash !== undefined) {
      this._hashHigh[slot] = hash[1]!;
      this._hashLow[slot] = hash[0]!;
    }
    if (changes.mtime !== undefined) this._mtimes[slot] = changes.mtime;
    if (changes.rev !== undefined) this._revs[slot] = changes.rev;
    this._ownHash(slot);
    high ^= lanes[1]!;
    low ^= lanes[0]!;
    if ((high | low) !== 0) {
      this._diffHigh[slot]! ^= high;
      this._diffLow[slot]! ^= low;
      this._xorIntoAncestors(this._parents[slot]!, high, low);
    }
    this._log?._recordEdit(this, slot);
  }

  /** Makes room for `nodes` nodes in all, so loading that many allocates nothing more. */
  reserve(nodes: number): void {
    if (nodes > this._ids.length) this._resize(nodes);
    this._index.reserve(nodes, this._ids);
  }

  /**
   * Starts recording every change from now on, for storing beside the last snapshot (see
   * ChangeLog); a log started earlier stops recording.
   */
  startChangeLog(): ChangeLog {
    this._log = new ChangeLog(this._diffHigh[0]!, this._diffLow[0]!);
    return this._log;
  }

  /** Stops recording changes. */
  stopChangeLog(): void {
    this._log = undefined;
  }

  /**
   * A copy with the same key, sharing this tree's filename table (names are stored once for
   * both). Slots, child order and diff values are copied as they are.
   */
  clone(): TreeStore {
    const copy = new TreeStore({ rootId: this.rootId, key: this.key, names: this.names });
    const n = this._highWater;
    copy._ids = this._ids.slice(0, n);
    copy._parents = this._parents.slice(0, n);
    copy._nameOffsets = this._nameOffsets.slice(0, n);
    copy._kinds = this._kinds.slice(0, n);
    copy._sizeHigh = this._sizeHigh.slice(0, n);
    copy._sizeLow = this._sizeLow.slice(0, n);
    copy._hashHigh = this._hashHigh.slice(0, n);
    copy._hashLow = this._hashLow.slice(0, n);
    copy._mtimes = this._mtimes.slice(0, n);
    copy._revs = this._revs.slice(0, n);
    copy._diffHigh = this._diffHigh.slice(0, n);
    copy._diffLow = this._diffLow.slice(0, n);
    copy._firstChild = this._firstChild.slice(0, n);
    copy._nextSibling = this._nextSibling.slice(0, n);
    copy._prevSibling = this._prevSibling.slice(0, n);
    copy._highWater = n;
    copy._count = this._count;
    copy._freeHead = this._freeHead;
    copy._index.reset(n);
    for (let s = 0; s < n; s++) {
      if (this._kinds[s] === KIND_FREE) continue;
      copy._index.insert(s, copy._ids);
      if (s !== 0) this.names.retain(this._nameOffsets[s]!);
    }
    return copy;
  }

  /** Lets go of the tree's names (so compaction can reclaim them) and of its filename table. */
  dispose(): void {
    for (let s = 1; s < this._highWater; s++) {
      if (this._kinds[s] !== KIND_FREE) this.names.release(this._nameOffsets[s]!);
      this._kinds[s] = KIND_FREE;
    }
    this.names.detach(this);
    this.names.compactIfWasteful();
  }

  /** Called by the filename table when compaction moved the names. */
  remapNames(remap: Int32Array): void {
    for (let s = 1; s < this._highWater; s++) {
      if (this._kinds[s] !== KIND_FREE) this._nameOffsets[s] = remap[this._nameOffsets[s]!]!;
    }
  }

  /** The slot of `id`, or NO_SLOT. */
  _slotOf(id: number): number {
    return this._index.find(id, this._ids);
  }

  /**
   * Adds a node whose name offset the caller got from `names` (this retains it once more) and
   * whose name the caller knows is free in the folder, skipping that O(children) check: the
   * listing loader adds whole folders of names it has already checked. Returns the new slot.
   */
  _addUnique(
    id: number,
    parentSlot: number,
    nameOffset: number,
    kind: number,
    sizeHigh: number,
    sizeLow: number,
    hashHigh: number,
    hashLow: number,
  ): number {
    if (this.has(id)) throw new TreeError('id_exists', `Id ${id} is already in the tree.`);
    this.names.retain(nameOffset);
    const slot = this._linkNew(
      id,
      parentSlot,
      nameOffset,
      kind,
      sizeHigh,
      sizeLow,
      hashHigh,
      hashLow,
      0,
      0,
    );
    this._log?._recordAdd(this, slot);
    return slot;
  }

  /**
   * Takes slots 0 … count−1 as filled in by the snapshot reader (parents before children, slot 0
   * the root) and builds the child lists, the id index and the name holder counts. Siblings keep
   * the order in which they were filled in. Throws `snapshot_invalid` on a broken structure.
   */
  _adoptFilledSlots(count: number): void {
    this._highWater = count;
    this._count = count;
    this._freeHead = NO_SLOT;
    this._firstChild.fill(NO_SLOT, 0, count);
    this._index.reset(count);
    if (count === 0 || this._parents[0] !== NO_SLOT || this._kinds[0] !== KIND_FOLDER) {
      throw new TreeError('snapshot_invalid', 'The first node must be the root folder.');
    }
    // Backwards, so that pushing each child to the front of its list keeps the original order.
    for (let s = count - 1; s > 0; s--) {
      const parent = this._parents[s]!;
      const kind = this._kinds[s]!;
      if (parent < 0 || parent >= s || this._kinds[parent] !== KIND_FOLDER) {
        throw new TreeError('snapshot_invalid', `Node ${s} has no folder before it as parent.`);
      }
      if (kind !== KIND_FOLDER && kind !== KIND_FILE) {
        throw new TreeError('snapshot_invalid', `Node ${s} has an unknown kind ${kind}.`);
      }
      this._linkUnder(s, parent);
    }
    this._prevSibling[0] = NO_SLOT;
    this._nextSibling[0] = NO_SLOT;
    for (let s = 0; s < count; s++) {
      if (!this._index.insert(s, this._ids)) {
        throw new TreeError('snapshot_invalid', `Id ${this._ids[s]! >>> 0} appears twice.`);
      }
    }
    this.names.retainAll(this._nameOffsets, 1, count);
  }

  /**
   * Writes the own hash of `slot` into the scratch lanes and returns them ([low, high]): SipHash-2-4
   * under the tree's key of (file id, parent id, kind, name length, size, content hash, name bytes).
   * Name bytes, not offsets, go in, so the value means the same in every tree with the same key.
   */
  _ownHash(slot: number): Int32Array {
    const message = this._message;
    const parent = this._parents[slot]!;
    const nameOffset = this._nameOffsets[slot]!;
    const bytes = this.names.bytes;
    const nameLength = nameOffset === NO_SLOT ? 0 : this.names.byteLengthAt(nameOffset);
    message[0] = this._ids[slot]!;
    message[1] = parent === NO_SLOT ? -1 : this._ids[parent]!;
    message[2] = this._kinds[slot]! | (nameLength << 8) | (this._sizeHigh[slot]! << 16);
    message[3] = this._sizeLow[slot]!;
    message[4] = this._hashLow[slot]!;
    message[5] = this._hashHigh[slot]!;
    for (let i = 0, w = HEADER_WORDS; i < nameLength; i += 4, w++) {
      const at = nameOffset + i;
      message[w] =
        bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
    }
    sipHash24(this.key, message, HEADER_WORDS * 4 + nameLength, this._lanes);
    return this._lanes;
  }

  private _nameOf(slot: number): string {
    const offset = this._nameOffsets[slot]!;
    return offset === NO_SLOT ? '' : this.names.nameAt(offset);
  }

  private _existing(id: number): number {
    const slot = Number.isInteger(id) ? this._slotOf(id) : NO_SLOT;
    if (slot === NO_SLOT) throw new TreeError('id_unknown', `No node has id ${id}.`);
    return slot;
  }

  private _folderSlot(id: number): number {
    const slot = this._existing(id);
    if (this._kinds[slot] !== KIND_FOLDER) {
      throw new TreeError('parent_not_folder', `Node ${id} is not a folder.`);
    }
    return slot;
  }

  private _childSlotByOffset(parentSlot: number, nameOffset: number): number {
    if (nameOffset === NO_SLOT) return NO_SLOT;
    let c = this._firstChild[parentSlot]!;
    while (c !== NO_SLOT && this._nameOffsets[c] !== nameOffset) c = this._nextSibling[c]!;
    return c;
  }

  private _parseContentHash(hex: string | undefined): Int32Array {
    const lanes = new Int32Array(2);
    if (hex !== undefined && !parseHex64Prefix(hex, lanes)) {
      throw new TreeError('content_hash_invalid', 'A content hash is at least 16 hex digits.');
    }
    return lanes;
  }

  /** Takes a slot, fills it, links it under `parentSlot` and XORs its value into the path up. */
  private _linkNew(
    id: number,
    parentSlot: number,
    nameOffset: number,
    kind: number,
    sizeHigh: number,
    sizeLow: number,
    hashHigh: number,
    hashLow: number,
    mtime: number,
    rev: number,
  ): number {
    let slot = this._freeHead;
    if (slot !== NO_SLOT) {
      this._freeHead = this._parents[slot]!;
    } else {
      if (this._highWater === this._ids.length) {
        this._resize(Math.max(this._highWater + 1, Math.ceil(this._ids.length * 1.5)));
      }
      slot = this._highWater++;
    }
    this._ids[slot] = id;
    this._nameOffsets[slot] = nameOffset;
    this._kinds[slot] = kind;
    this._sizeHigh[slot] = sizeHigh;
    this._sizeLow[slot] = sizeLow;
    this._hashHigh[slot] = hashHigh;
    this._hashLow[slot] = hashLow;
    this._mtimes[slot] = mtime;
    this._revs[slot] = rev;
    this._firstChild[slot] = NO_SLOT;
    if (parentSlot === NO_SLOT) {
      this._parents[slot] = NO_SLOT;
      this._nextSibling[slot] = NO_SLOT;
      this._prevSibling[slot] = NO_SLOT;
    } else {
      this._linkUnder(slot, parentSlot);
    }
    this._index.insert(slot, this._ids);
    this._count++;
    const lanes = this._ownHash(slot);
    this._diffHigh[slot] = lanes[1]!;
    this._diffLow[slot] = lanes[0]!;
    this._xorIntoAncestors(parentSlot, lanes[1]!, lanes[0]!);
    return slot;
  }

  /** XORs (high, low) into the diff value of `slot` and of every ancestor: the O(depth) update. */
  private _xorIntoAncestors(slot: number, high: number, low: number): void {
    const parents = this._parents;
    const diffHigh = this._diffHigh;
    const diffLow = this._diffLow;
    for (let s = slot; s !== NO_SLOT; s = parents[s]!) {
      diffHigh[s]! ^= high;
      diffLow[s]! ^= low;
    }
  }

  /** Puts `slot` first in the child list of `parentSlot`. */
  private _linkUnder(slot: number, parentSlot: number): void {
    const first = this._firstChild[parentSlot]!;
    this._parents[slot] = parentSlot;
    this._prevSibling[slot] = NO_SLOT;
    this._nextSibling[slot] = first;
    if (first !== NO_SLOT) this._prevSibling[first] = slot;
    this._firstChild[parentSlot] = slot;
  }

  private _unlink(slot: number): void {
    const prev = this._prevSibling[slot]!;
    const next = this._nextSibling[slot]!;
    if (prev === NO_SLOT) this._firstChild[this._parents[slot]!] = next;
    else this._nextSibling[prev] = next;
    if (next !== NO_SLOT) this._prevSibling[next] = prev;
  }

  /** Returns `slot` to the free list (threaded through `_parents`) and lets go of its name. */
  private _free(slot: number): void {
    this._index.remove(this._ids[slot]!, this._ids);
    this.names.release(this._nameOffsets[slot]!);
    this._kinds[slot] = KIND_FREE;
    this._parents[slot] = this._freeHead;
    this._freeHead = slot;
    this._count--;
  }

  private _resize(capacity: number): void {
    const grow = <T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T): T => {
      const grown = new (array.constructor as new (length: number) => T)(capacity);
      grown.set(array.subarray(0, this._highWater));
      return grown;
    };
    this._ids = grow(this._ids);
    this._parents = grow(this._parents);
    this._nameOffsets = grow(this._nameOffsets);
    this._kinds = grow(this._kinds);
    this._sizeHigh = grow(this._sizeHigh);
    this._sizeLow = grow(this._sizeLow);
    this._hashHigh = grow(this._hashHigh);
    this._hashLow = grow(this._hashLow);
    this._mtimes = grow(this._mtimes);
    this._revs = grow(this._revs);
    this._diffHigh = grow(this._diffHigh);
    this._diffLow = grow(this._diffLow);
    this._firstChild = grow(this._firstChild);
    this._nextSibling = grow(this._nextSibling);
    this._prevSibling = grow(this._prevSibling);
  }
}

function _checkUint32(value: number, code: 'id_invalid' | 'value_out_of_range', what: string) {
  if (!Number.isInteger(value) || value < 0 || value > MAX_UINT32) {
    throw new TreeError(code, `${what} ${value} is not an integer in 0 … 2^32−1.`);
  }
}

function _kindCode(kind: NodeKind): number {
  if (kind === 'folder') return KIND_FOLDER;
  if (kind === 'file') return KIND_FILE;
  throw new TreeError('value_out_of_range', `Unknown kind "${String(kind)}".`);
}

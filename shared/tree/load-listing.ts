// Loads a file listing (TSV lines `size<TAB>path`) into a tree, mounted once or many times over.
import type { HashKey } from './hash-key.ts';
import { KIND_FILE, KIND_FOLDER } from './kind-code.ts';
import { sipHash24 } from './sip-hash.ts';
import { TreeError } from './tree-error.ts';
import { TreeStore } from './tree-store.ts';

const MAX_SIZE = 2 ** 48 - 1;

export interface LoadListingOptions {
  /** Tree to load into; a new one (root id 0) by default. */
  tree?: TreeStore;
  /** Key for the new tree (ignored with `tree`). */
  key?: HashKey;
  /** Folder to mount the copies in (default the root). */
  parent?: number;
  /** Copies of the listing to mount, each under its own top folder (default 1). */
  mounts?: number;
  /**
   * Instead of `mounts`: mount copies until the tree has this many nodes, cutting the last copy
   * short (it stays a valid tree: folders come before what they hold).
   */
  targetNodes?: number;
  /** Name of the top folder of copy `n` (from 0); default `listing-1`, `listing-2`, … */
  mountName?: (copy: number) => string;
  /** First file id to give out (default one above the largest id in the tree). */
  firstId?: number;
  /**
   * Leave out lines that cannot be loaded (a size that is not a number, a refused name, a path
   * listed twice) instead of refusing the listing; they are reported in `skippedLines`.
   */
  skipInvalidLines?: boolean;
}

export interface LoadedListing {
  tree: TreeStore;
  /** Copies mounted, the last one possibly cut short. */
  mounts: number;
  /** Nodes one copy of the listing makes: its files and folders, not the top folder. */
  nodesPerCopy: number;
  /** UTF-8 bytes of the names of the nodes added, counted once per node as if each kept its own. */
  rawNameBytes: number;
  /** Line numbers (from 1) left out under `skipInvalidLines`. */
  skippedLines: number[];
}

/**
 * Reads `listing` (one `size<TAB>path` per line, `/`-separated paths relative to the listing's
 * top; `\r\n` and blank lines tolerated), checks it once — every name valid, no path twice, no
 * file used as a folder; `listing_invalid` naming the line otherwise, or the line left out with
 * `skipInvalidLines` (real listings have the odd broken line) — and mounts it. Listings
 * carry no content hashes, so each file gets a stand-in: a hash of its line number and size,
 * the same in every copy, as copies of the same content would have. Folders have size 0.
 */
export function loadListing(listing: string, options: LoadListingOptions = {}): LoadedListing {
  const tree = options.tree ?? new TreeStore({ rootId: 0, key: options.key });
  const template = _breadthFirst(_parse(listing, tree, options.skipInvalidLines ?? false));
  try {
    const firstId = options.firstId ?? tree.ids().reduce((max, id) => Math.max(max, id), 0) + 1;
    const nodesPerCopy = template.parents.length;
    const mounts =
      options.targetNodes === undefined
        ? (options.mounts ?? 1)
        : Math.max(0, Math.ceil((options.targetNodes - tree.size) / (nodesPerCopy + 1)));
    const target = options.targetNodes ?? tree.size + mounts * (nodesPerCopy + 1);
    tree.reserve(target);
    const mountName = options.mountName ?? ((copy: number) => `listing-${copy + 1}`);
    const parent = options.parent ?? tree.rootId;
    const slotInCopy = new Int32Array(nodesPerCopy);
    let id = firstId;
    let rawNameBytes = 0;
    for (let copy = 0; copy < mounts && tree.size < target; copy++) {
      const top = id++;
      const topName = mountName(copy);
      tree.add({ id: top, parent, name: topName, kind: 'folder' });
      rawNameBytes += tree.names.byteLengthAt(tree.names.find(topName));
      const topSlot = tree._slotOf(top);
      for (let i = 0; i < nodesPerCopy && tree.size < target; i++) {
        const parentInCopy = template.parents[i]!;
        const nameOffset = template.names[i]!;
        slotInCopy[i] = tree._addUnique(
          id++,
          parentInCopy < 0 ? topSlot : slotInCopy[parentInCopy]!,
          nameOffset,
          template.kinds[i]!,
          template.sizeHigh[i]!,
          template.sizeLow[i]!,
          template.hashHigh[i]!,
          template.hashLow[i]!,
        );
        rawNameBytes += tree.names.byteLengthAt(nameOffset);
      }
    }
    return { tree, mounts, nodesPerCopy, rawNameBytes, skippedLines: template.skippedLines };
  } finally {
    for (const offset of template.names) tree.names.release(offset);
  }
}

interface _Template {
  /** Per node of one copy: index of its parent in the copy, or -1 for the copy's top folder. */
  parents: number[];
  /** Name offsets in the tree's filename table, each held once by the template. */
  names: number[];
  kinds: number[];
  sizeHigh: number[];
  sizeLow: number[];
  hashHigh: number[];
  hashLow: number[];
  /** Lines left out by `skipInvalidLines`. */
  skippedLines: number[];
}

function _parse(listing: string, tree: TreeStore, skipInvalid: boolean): _Template {
  const template: _Template = {
    parents: [],
    names: [],
    kinds: [],
    sizeHigh: [],
    sizeLow: [],
    hashHigh: [],
    hashLow: [],
    skippedLines: [],
  };
  /** Normalized path → index in the template, for folders and files alike. */
  const indexOfPath = new Map<string, number>();
  const lines = listing.split('\n');
  try {
    for (let lineNumber = 1; lineNumber <= lines.length; lineNumber++) {
      const line = lines[lineNumber - 1]!.replace(/\r$/, '');
      if (line === '') continue;
      try {
        _parseLine(line, lineNumber, tree, template, indexOfPath);
      } catch (error) {
        if (!skipInvalid || !(error instanceof TreeError)) throw error;
        template.skippedLines.push(lineNumber);
      }
    }
  } catch (error) {
    for (const offset of template.names) tree.names.release(offset);
    throw error;
  }
  return template;
}

/** Checks one line whole, then adds its new folders and its file to the template. */
function _parseLine(
  line: string,
  lineNumber: number,
  tree: TreeStore,
  template: _Template,
  indexOfPath: Map<string, number>,
): void {
  const tab = line.indexOf('\t');
  const size = tab > 0 ? Number(line.slice(0, tab)) : NaN;
  if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
    _refuse(lineNumber, 'it does not start with a size in bytes and a tab');
  }
  const components = line.slice(tab + 1).split('/');
  const offsets: number[] = [];
  try {
    for (const component of components) offsets.push(tree.names.intern(component));
  } catch (error) {
    for (const offset of offsets) tree.names.release(offset);
    if (!(error instanceof TreeError)) throw error;
    _refuse(lineNumber, `${error.message} (${error.code})`);
  }
  // Find where the path leaves what is known; everything before must be folders.
  let parent = -1;
  let path = '';
  let known = 0;
  for (; known < offsets.length; known++) {
    const next = indexOfPath.get(`${path}/${tree.names.nameAt(offsets[known]!)}`);
    if (next === undefined) break;
    if (known === offsets.length - 1 || template.kinds[next] !== KIND_FOLDER) {
      for (const offset of offsets) tree.names.release(offset);
      _refuse(lineNumber, `"${components.join('/')}" is listed twice or is both file and folder`);
    }
    path += `/${tree.names.nameAt(offsets[known]!)}`;
    parent = next;
  }
  for (let c = 0; c < known; c++) tree.names.release(offsets[c]!);
  for (let c = known; c < offsets.length; c++) {
    const isFile = c === offsets.length - 1;
    path += `/${tree.names.nameAt(offsets[c]!)}`;
    const index = template.parents.length;
    indexOfPath.set(path, index);
    template.parents.push(parent);
    template.names.push(offsets[c]!);
    template.kinds.push(isFile ? KIND_FILE : KIND_FOLDER);
    template.sizeHigh.push(isFile ? Math.floor(size / 2 ** 32) : 0);
    template.sizeLow.push(isFile ? size >>> 0 : 0);
    if (isFile) {
      _standInHash(lineNumber, size);
      template.hashHigh.push(_hash[1]!);
      template.hashLow.push(_hash[0]!);
    } else {
      template.hashHigh.push(0);
      template.hashLow.push(0);
    }
    parent = index;
  }
}

const _zeroKey = new Int32Array(4);
const _message = new Int32Array(4);
const _hash = new Int32Array(2);

/** The stand-in content hash of a listed file, into `_hash`: its line number and size, hashed. */
function _standInHash(lineNumber: number, size: number): void {
  _message[0] = lineNumber;
  _message[1] = size >>> 0;
  _message[2] = Math.floor(size / 2 ** 32);
  sipHash24(_zeroKey, _message, 12, _hash);
}

/**
 * The template reordered breadth first (parents still before children): each copy then gets the
 * children of every folder in adjacent slots, which keeps walks over child lists in cache.
 */
function _breadthFirst(template: _Template): _Template {
  const n = template.parents.length;
  const children: number[][] = [[]];
  for (let i = 0; i < n; i++) children.push([]);
  // children[p + 1] lists the entries under entry p; children[0] those at the top.
  for (let i = 0; i < n; i++) children[template.parents[i]! + 1]!.push(i);
  const order: number[] = [...children[0]!];
  for (let i = 0; i < order.length; i++) order.push(...children[order[i]! + 1]!);
  const position = new Int32Array(n);
  order.forEach((old, at) => (position[old] = at));
  const pick = (column: number[]) => order.map((old) => column[old]!);
  return {
    parents: order.map((old) => {
      const parent = template.parents[old]!;
      return parent < 0 ? -1 : position[parent]!;
    }),
    names: pick(template.names),
    kinds: pick(template.kinds),
    sizeHigh: pick(template.sizeHigh),
    sizeLow: pick(template.sizeLow),
    hashHigh: pick(template.hashHigh),
    hashLow: pick(template.hashLow),
    skippedLines: template.skippedLines,
  };
}

function _refuse(lineNumber: number, why: string): never {
  throw new TreeError('listing_invalid', `Listing line ${lineNumber}: ${why}.`);
}

// `npm run bench:tree -- --listing FILE --nodes N [--json]`: the tree engine's figures on a real listing.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compareNodeByNode } from '../shared/tree/compare-node-by-node.ts';
import { diffTrees } from '../shared/tree/diff-trees.ts';
import { formatHex64 } from '../shared/tree/hex64.ts';
import { loadListing } from '../shared/tree/load-listing.ts';
import { sipHash24 } from '../shared/tree/sip-hash.ts';
import type { TreeChange } from '../shared/tree/tree-change.ts';
import { deserializeTree, serializeTree } from '../shared/tree/tree-snapshot.ts';
import { NO_SLOT, TreeStore } from '../shared/tree/tree-store.ts';

/** What `--json` prints, key for key as issue 3 lists them. */
interface TreeBenchResult {
  nodes: number;
  bytesPerNode: number;
  bytesPerNodeExcludingNames: number;
  baselineBytesPerNode: number;
  rawNameBytes: number;
  internedNameBytes: number;
  buildMs: number;
  updateNs: number;
  merkleUpdateNs: number;
  diffMs: number;
  fullCompareMs: number;
  diffChangesFound: number;
  serializeMs: number;
  deserializeMs: number;
}

/** Folders on the path the update figures use, each with this many children (as the issue asks). */
const WIDE_DEPTH = 8;
const WIDE_CHILDREN = 1000;
const SCATTERED_CHANGES = 100;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function main(): void {
  const args = process.argv.slice(2);
  const listingPath = _option(args, '--listing');
  const nodes = Number(_option(args, '--nodes'));
  if (listingPath === undefined || !Number.isInteger(nodes) || nodes < 10_000) {
    console.error('usage: npm run bench:tree -- --listing FILE --nodes N (N ≥ 10,000) [--json]');
    process.exit(2);
  }
  const result = measure(readFileSync(listingPath, 'utf8'), nodes);
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
    return;
  }
  for (const [key, value] of Object.entries(result)) {
    console.log(`${key.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  }
}

function measure(listing: string, nodes: number): TreeBenchResult {
  // Build: the listing mounted until `nodes` minus the wide path, then the wide path.
  const width = Math.min(WIDE_CHILDREN, Math.floor(nodes / 100));
  const wideNodes = WIDE_DEPTH * width;
  const started = performance.now();
  const tree = new TreeStore({ rootId: 0 });
  tree.reserve(nodes);
  const loaded = loadListing(listing, {
    tree,
    targetNodes: nodes - wideNodes,
    skipInvalidLines: true,
  });
  const wide = _addWidePath(tree, width);
  const buildMs = performance.now() - started;
  if (loaded.skippedLines.length > 0) {
    console.error(`left out ${loaded.skippedLines.length} unloadable listing lines`);
  }

  const treeBytes = tree.byteSize;
  const nameBytes = tree.names.byteSize;
  const rawNameBytes = loaded.rawNameBytes + wide.rawNameBytes;

  const updateNs = _measureUpdate(tree, wide.deepest);
  const merkleUpdateNs = _measureMerkle(tree, tree._firstChild[tree._slotOf(wide.deepest)]!);

  let serialized: ArrayBuffer[] = [];
  const serializeMs = _median(
    3,
    () => {
      serialized = serializeTree(tree);
    },
    1,
  );
  let copy = tree;
  const deserializeMs = _median(
    3,
    () => {
      copy = deserializeTree(serialized);
    },
    1,
  );
  serialized = [];
  const applied = _scatterChanges(copy, SCATTERED_CHANGES);
  let found: TreeChange[] = [];
  const diffMs = _median(
    15,
    () => {
      found = diffTrees(tree, copy);
    },
    40,
  );
  let reference: TreeChange[] = [];
  const fullCompareMs = _median(
    3,
    () => {
      reference = compareNodeByNode(tree, copy);
    },
    2,
  );
  if (found.length !== applied || reference.length !== applied) {
    console.error(
      `diff found ${found.length}, full compare ${reference.length}, applied ${applied}`,
    );
  }
  copy = tree;

  return {
    nodes: tree.size,
    bytesPerNode: (treeBytes + nameBytes) / tree.size,
    bytesPerNodeExcludingNames: treeBytes / tree.size,
    baselineBytesPerNode: _plainObjectBytesPerNode(tree),
    rawNameBytes,
    internedNameBytes: nameBytes,
    buildMs,
    updateNs,
    merkleUpdateNs,
    diffMs,
    fullCompareMs,
    diffChangesFound: found.length,
    serializeMs,
    deserializeMs,
  };
}

/** A chain of WIDE_DEPTH folders under the root, each holding `width` children. */
function _addWidePath(tree: TreeStore, width: number) {
  let id = tree.ids().reduce((max, n) => Math.max(max, n), 0) + 1;
  let folder = tree.rootId;
  let rawNameBytes = 0;
  for (let level = 1; level <= WIDE_DEPTH; level++) {
    const next = id++;
    const name = `wide-${level}`;
    tree.add({ id: next, parent: folder, name, kind: 'folder' });
    rawNameBytes += name.length;
    for (let i = 0; i < width - 1; i++) {
      const fileName = `file-${i}.dat`;
      tree.add({ id: id++, parent: next, name: fileName, kind: 'file', size: i * 100 });
      rawNameBytes += fileName.length;
    }
    folder = next;
  }
  return { deepest: folder, rawNameBytes };
}

/** Nanoseconds per add or remove of a file in the deepest wide folder (depth 9). */
function _measureUpdate(tree: TreeStore, folder: number): number {
  const id = 0xfffffff0;
  const once = (i: number) => {
    tree.add({ id, parent: folder, name: 'bench-leaf.txt', kind: 'file', size: i });
    tree.remove(id);
  };
  for (let i = 0; i < 5000; i++) once(i);
  const rounds = 50_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) once(i);
  return Number(process.hrtime.bigint() - started) / (2 * rounds);
}

/**
 * Nanoseconds to bring Merkle values up to date after changing `slot`, the way the seed says a
 * Merkle tree must: at each ancestor, hash its own hash with every child's value, read from the
 * child list. Same hash (SipHash-2-4) as the XOR scheme, so only the method differs.
 */
function _measureMerkle(tree: TreeStore, slot: number): number {
  let message = new Int32Array(2 * (WIDE_CHILDREN + 2));
  const value = new Int32Array(2);
  const recompute = () => {
    const own = tree._ownHash(slot);
    value[0] = own[0]!;
    value[1] = own[1]!;
    for (
      let child = slot, p = tree._parents[slot]!;
      p !== NO_SLOT;
      child = p, p = tree._parents[p]!
    ) {
      let w = 0;
      const ownOfParent = tree._ownHash(p);
      message[w++] = ownOfParent[0]!;
      message[w++] = ownOfParent[1]!;
      for (let c = tree._firstChild[p]!; c !== NO_SLOT; c = tree._nextSibling[c]!) {
        if (w + 2 > message.length) {
          const grown = new Int32Array(message.length * 2);
          grown.set(message);
          message = grown;
        }
        message[w++] = c === child ? value[0]! : tree._diffLow[c]!;
        message[w++] = c === child ? value[1]! : tree._diffHigh[c]!;
      }
      sipHash24(tree.key, message, w * 4, value);
    }
  };
  for (let i = 0; i < 100; i++) recompute();
  const rounds = 2000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) recompute();
  return Number(process.hrtime.bigint() - started) / rounds;
}

/**
 * Makes `count` changes to distinct files spread over the tree — edits, renames, moves, removes,
 * adds in turn — each one TreeChange; returns how many it made.
 */
function _scatterChanges(tree: TreeStore, count: number): number {
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const ids = tree.ids();
  const files = ids.filter((id) => tree.get(id)!.kind === 'file');
  const folders = ids.filter((id) => tree.get(id)!.kind === 'folder');
  const touched = new Set<number>();
  let nextId = ids.reduce((max, n) => Math.max(max, n), 0) + 1;
  let made = 0;
  while (made < count) {
    const id = files[Math.floor(random() * files.length)]!;
    if (touched.has(id) || !tree.has(id)) continue;
    const kind = made % 5;
    const folder = folders[Math.floor(random() * folders.length)]!;
    if (kind === 0) {
      const node = tree.get(id)!;
      tree.edit(id, {
        size: node.size + 1,
        contentHash: formatHex64(made, Math.floor(random() * 2 ** 32)),
      });
    } else if (kind === 1) {
      tree.rename(id, `${tree.get(id)!.name}~renamed`);
    } else if (kind === 2) {
      if (tree.childByName(folder, tree.get(id)!.name) !== undefined) continue;
      tree.move(id, folder);
    } else if (kind === 3) {
      tree.remove(id);
    } else {
      tree.add({ id: nextId, parent: folder, name: `added-${made}.txt`, kind: 'file', size: made });
      touched.add(nextId++);
    }
    touched.add(id);
    made++;
  }
  return made;
}

/** Heap bytes per node of the same tree as a Map of plain objects with string names and hex hashes. */
function _plainObjectBytesPerNode(tree: TreeStore): number {
  interface PlainNode {
    id: number;
    parent: number | null;
    name: string;
    kind: string;
    size: number;
    contentHash: string;
    mtime: number;
    rev: number;
    children: number[] | null;
  }
  const ids = tree.ids();
  gc();
  const before = process.memoryUsage().heapUsed;
  const map = new Map<number, PlainNode>();
  for (const id of ids) {
    const node = tree.get(id)!;
    map.set(id, {
      id: node.id,
      parent: node.parent,
      name: node.name,
      kind: node.kind,
      size: node.size,
      contentHash: node.contentHash,
      mtime: node.mtime,
      rev: node.rev,
      children: node.kind === 'folder' ? [] : null,
    });
  }
  for (const node of map.values()) {
    if (node.parent !== null) map.get(node.parent)!.children!.push(node.id);
  }
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  if (map.size !== tree.size) throw new Error('baseline tree is incomplete');
  return bytes / map.size;
}

/**
 * Median milliseconds of `runs` runs after `warmups` unmeasured ones, so that both sides of a
 * comparison are timed as optimized code rather than while V8 is still compiling them.
 */
function _median(runs: number, run: () => void, warmups = 0): number {
  for (let i = 0; i < warmups; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

function _option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

main();

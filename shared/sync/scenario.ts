// The simulator's scenario format: three lists of nodes with string ids, to trees and back.
import { TreeError, type TreeStore } from '../tree/index.ts';
import { createSyncTrees, type SyncTrees } from './sync-trees.ts';

/** One node as scenarios write it; the root is `{id, parentId: null, name: "", kind: "dir"}`. */
export interface ScenarioNode {
  id: string;
  parentId: string | null;
  name: string;
  kind: 'file' | 'dir';
  /** Content hash, any string; equal strings mean equal content. */
  hash?: string;
  /** Bytes (optional; ranks small files first). */
  size?: number;
}

export interface Scenario {
  remote: ScenarioNode[];
  sync: ScenarioNode[];
  local: ScenarioNode[];
}

const NO_HASH = '0000000000000000';

/**
 * Maps a scenario's string ids and hashes to the engine's numbers and back. Ids the simulation
 * makes up (the server's new ids, conflicted copies) get names that no scenario id uses.
 */
export class ScenarioNames {
  rootId = 'root';
  private readonly _ids = new Map<string, number>();
  private readonly _idNames = new Map<number, string>();
  private readonly _hashes = new Map<string, string>();
  private readonly _hashNames = new Map<string, string>();

  /** The number of string id `id`, given in order of first use from 1 (0 is the root). */
  idOf(id: string): number {
    let n = this._ids.get(id);
    if (n === undefined) {
      n = this._ids.size + 1;
      this._ids.set(id, n);
      this._idNames.set(n, id);
    }
    return n;
  }

  /** The string of engine id `n`; a made-up one for ids the simulation created. */
  nameOf(n: number): string {
    if (n === 0) return this.rootId;
    const known = this._idNames.get(n);
    if (known !== undefined) return known;
    let name = `new-${n}`;
    while (this._ids.has(name)) name = `${name}'`;
    this._ids.set(name, n);
    this._idNames.set(n, name);
    return name;
  }

  /** First id free for the simulation to hand out. */
  get nextFreeId(): number {
    return this._ids.size + 1;
  }

  /** 16 hex digits standing for hash string `hash`. */
  hexOf(hash: string | undefined): string {
    if (hash === undefined) return NO_HASH;
    let hex = this._hashes.get(hash);
    if (hex === undefined) {
      hex = (this._hashes.size + 1).toString(16).padStart(16, '0');
      this._hashes.set(hash, hex);
      this._hashNames.set(hex, hash);
    }
    return hex;
  }

  /** The scenario's hash string for `hex`, or undefined for none. */
  hashOf(hex: string): string | undefined {
    return hex === NO_HASH ? undefined : (this._hashNames.get(hex) ?? hex);
  }
}

/** Builds the three trees of `scenario`. Throws a TreeError (with the list named) when one is not a tree. */
export function loadScenario(scenario: Scenario): { trees: SyncTrees; names: ScenarioNames } {
  const names = new ScenarioNames();
  const trees = createSyncTrees({ rootId: 0 });
  for (const list of ['remote', 'sync', 'local'] as const) {
    const nodes = scenario[list];
    if (!Array.isArray(nodes)) throw new TreeError('listing_invalid', `"${list}" is not a list.`);
    const roots = nodes.filter((n) => n.parentId === null || n.parentId === undefined);
    if (roots.length !== 1) {
      throw new TreeError('listing_invalid', `"${list}" needs exactly one root (parentId null).`);
    }
    names.rootId = roots[0]!.id;
    _fill(trees[list], nodes, roots[0]!.id, names, list);
  }
  return { trees, names };
}

function _fill(
  tree: TreeStore,
  nodes: ScenarioNode[],
  rootId: string,
  names: ScenarioNames,
  list: string,
): void {
  const idOf = (id: string) => (id === rootId ? 0 : names.idOf(String(id)));
  let waiting = nodes.filter((n) => n.parentId !== null && n.parentId !== undefined);
  // Parents may come after their children in the list: add whatever can be added, repeat.
  while (waiting.length > 0) {
    const next: ScenarioNode[] = [];
    for (const n of waiting) {
      if (!tree.has(idOf(String(n.parentId)))) {
        next.push(n);
        continue;
      }
      try {
        tree.add({
          id: idOf(String(n.id)),
          parent: idOf(String(n.parentId)),
          name: n.name,
          kind: n.kind === 'dir' ? 'folder' : 'file',
          size: n.size ?? 0,
          contentHash: n.kind === 'dir' ? NO_HASH : names.hexOf(n.hash),
        });
      } catch (error) {
        if (error instanceof TreeError) {
          throw new TreeError(error.code, `"${list}", node ${n.id}: ${error.message}`);
        }
        throw error;
      }
    }
    if (next.length === waiting.length) {
      throw new TreeError(
        'listing_invalid',
        `"${list}": ${next[0]!.id} has no parent in the list.`,
      );
    }
    waiting = next;
  }
}

/** `tree` as a scenario list, parents before children, siblings by name. */
export function dumpTree(tree: TreeStore, names: ScenarioNames): ScenarioNode[] {
  const result: ScenarioNode[] = [{ id: names.nameOf(0), parentId: null, name: '', kind: 'dir' }];
  const visit = (id: number) => {
    const children = tree
      .children(id)
      .map((child) => tree.get(child)!)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const node of children) {
      const entry: ScenarioNode = {
        id: names.nameOf(node.id),
        parentId: names.nameOf(id),
        name: node.name,
        kind: node.kind === 'folder' ? 'dir' : 'file',
      };
      const hash = node.kind === 'file' ? names.hashOf(node.contentHash) : undefined;
      if (hash !== undefined) entry.hash = hash;
      result.push(entry);
      if (node.kind === 'folder') visit(node.id);
    }
  };
  visit(tree.rootId);
  return result;
}

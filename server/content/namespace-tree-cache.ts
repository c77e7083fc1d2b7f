// The tree engine's tree of each namespace, kept in memory for its diff values and the commit rules:
// loaded from the store on first use, updated by every commit, the least recently used dropped past
// a capacity.
import type { ContentStore, NamespaceRow } from './content-store.ts';
import { nodeInputOf } from '../../shared/api/node-input-of.ts';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';

export class NamespaceTreeCache {
  private readonly _store: ContentStore;
  private readonly _capacity: number;
  /** nsId → its tree (or the load under way); Map order is recency of use. */
  private readonly _trees = new Map<string, Promise<TreeStore>>();

  constructor(store: ContentStore, capacity = 64) {
    this._store = store;
    this._capacity = capacity;
  }

  get(ns: NamespaceRow): Promise<TreeStore> {
    let tree = this._trees.get(ns.id);
    if (tree) {
      this._trees.delete(ns.id);
    } else {
      tree = this._load(ns);
      tree.catch(() => this._trees.delete(ns.id));
    }
    this._trees.set(ns.id, tree);
    for (const [id, stale] of this._trees) {
      if (this._trees.size <= this._capacity) break;
      this._trees.delete(id);
      void stale.then(
        (t) => t.dispose(),
        () => undefined,
      );
    }
    return tree;
  }

  /** Forgets a tree that may no longer match the store (after a failed commit); it reloads on use. */
  drop(nsId: string): void {
    this._trees.delete(nsId);
  }

  private async _load(ns: NamespaceRow): Promise<TreeStore> {
    const nodes = await this._store.nodes(ns.id);
    const tree = new TreeStore({
      rootId: ns.rootId,
      key: parseHashKey(ns.diffKey),
      capacity: nodes.length,
    });
    for (const n of nodes) {
      if (n.parentId === null) continue;
      tree.add(nodeInputOf({ ...n, parentId: n.parentId }));
    }
    return tree;
  }
}

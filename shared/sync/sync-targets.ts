// Where each node should end up, by the rules of the sync design: the merge of remote and local over sync.
// One class past 400 lines on purpose: every rule reads and fills the same per-plan memo maps.
import type { TreeNode, TreeStore } from '../tree/index.ts';
import { conflictedCopyName } from './conflicted-copy-name.ts';
import { foldName } from '../commit/fold-name.ts';
import { portableName } from './name-rules.ts';
import { contentOf, sameContent, sameLocation } from './node-view.ts';
import type { NodeLocation } from './sync-operation.ts';
import type { SyncSide, SyncTrees } from './sync-trees.ts';

/** Where a node ends up and whose content it ends with. */
export interface NodeTarget extends NodeLocation {
  /** The side whose kind, size and content hash win. */
  content: SyncSide;
  /** Both sides edited the content differently: the device's version is kept as a conflicted copy. */
  keepLocalCopy: boolean;
}

interface Routed extends NodeTarget {
  /** The side whose location was taken. */
  from: SyncSide;
}

/** A folder's children in one tree with the ids of their folded names (see `_keyOfName`). */
interface FoldedChildren {
  ids: number[];
  keys: number[];
}

/**
 * The target of every node, computed on demand and memoized for one plan (the trees must not
 * change meanwhile). The rules, in order:
 *
 * - Ids are compared across trees. In sync but gone on one side: deleted, unless the other side
 *   edited it or holds, under it, something added, edited or moved in; then it comes back (edit
 *   wins over delete, content is never lost). Gone on both: deleted.
 * - Location: a side that moved the node wins; when both moved it elsewhere, the remote wins.
 *   A local move that would close a cycle with remote moves gives way to the remote location.
 * - Content: the side that edited wins; both edited differently: the remote version stays in place
 *   and the device's is kept beside it as `name (conflicted copy YYYY-MM-DD).ext`. An id added on
 *   both sides with different content is the same conflict.
 * - Names: a name the device cannot hold is made portable; two nodes whose names fold to the same
 *   key (case or Unicode normalization) in one folder: the one already there on the server keeps
 *   it, the others get conflicted-copy names. Nothing is dropped.
 */
export class SyncTargets {
  private readonly _nodes = new Map<TreeStore, Map<number, TreeNode | undefined>>();
  private readonly _routed = new Map<number, Routed | null>();
  private readonly _baseRoutes = new Map<number, Routed | null>();
  private readonly _targets = new Map<number, NodeTarget | null>();
  private readonly _survives = new Map<string, boolean>();
  private readonly _folded = new Map<TreeStore, Map<number, FoldedChildren>>();
  private readonly _copyNames = new Map<number, string>();
  private readonly _adoptions = new Map<number, number | undefined>();
  private readonly _keys = new Map<string, string>();
  /** Folded name → small integer, and interned name offset → that integer. */
  private readonly _keyIds = new Map<string, number>();
  private readonly _offsetKeys = new Map<number, number>();
  /** Names settled per contested (folder, folded name): member id → name. */
  private readonly _groups = new Map<string, Map<number, string>>();
  /** Conflicted-copy names handed out per folder: folded name → the id it went to. */
  private readonly _given = new Map<number, Map<string, number>>();

  constructor(
    readonly trees: SyncTrees,
    /** The day conflicted copies are named after. */
    readonly now: Date,
  ) {}

  /** Ids whose target was computed so far: the planner looks at them too. */
  touched(): Iterable<number> {
    return this._routed.keys();
  }

  /** Node `id` in `tree`, memoized. */
  node(tree: TreeStore, id: number): TreeNode | undefined {
    let nodes = this._nodes.get(tree);
    if (nodes === undefined) this._nodes.set(tree, (nodes = new Map()));
    if (!nodes.has(id)) nodes.set(id, tree.get(id));
    return nodes.get(id);
  }

  /** Where node `id` ends up, or null when it ends up deleted everywhere. */
  of(id: number): NodeTarget | null {
    const known = this._targets.get(id);
    if (known !== undefined) return known;
    const routed = this._route(id);
    let target: NodeTarget | null = null;
    if (routed !== null) {
      target = {
        parent: routed.parent,
        name: this._nameIn(id, routed),
        content: routed.content,
        keepLocalCopy: routed.keepLocalCopy,
      };
    }
    this._targets.set(id, target);
    return target;
  }

  /**
   * The server node that device-only node `id` is the same item as, if any: added on both sides
   * under the same folder, names folding alike, the same kind, and for files the same content (the
   * seed: an add whose (parent, name) is taken by the same content was already added). Each side's
   * smallest matching id pairs with the other's.
   */
  adoptionOf(id: number): number | undefined {
    if (this._adoptions.has(id)) return this._adoptions.get(id);
    this._adoptions.set(id, undefined); // a guard, should the checks below come back here
    let partner: number | undefined;
    const { remote, sync, local } = this.trees;
    const mine = this.node(local, id);
    if (
      mine !== undefined &&
      mine.parent !== null &&
      this.node(sync, id) === undefined &&
      this.node(remote, id) === undefined
    ) {
      const key = this.nameKey(mine.name);
      const matches = (tree: TreeStore, other: TreeStore) => (candidate: number) => {
        const node = this.node(tree, candidate)!;
        return (
          this.node(sync, candidate) === undefined &&
          this.node(other, candidate) === undefined &&
          sameContent(contentOf(node), contentOf(mine))
        );
      };
      const theirs = this.childrenFolded(remote, mine.parent, key).filter(matches(remote, local));
      const ours = this.childrenFolded(local, mine.parent, key).filter(matches(local, remote));
      const candidate = theirs.length > 0 ? Math.min(...theirs) : undefined;
      if (
        candidate !== undefined &&
        Math.min(...ours) === id &&
        this._keepsName(candidate, id, mine.parent, key)
      ) {
        partner = candidate;
      }
    }
    this._adoptions.set(id, partner);
    return partner;
  }

  /**
   * True when server node `id` keeps its name in `parent` against every other node routed there
   * (by `_claimRank`, then id), `adopter` left out: a node that loses its name is renamed, and a
   * device node cannot become it in its old place.
   */
  private _keepsName(id: number, adopter: number, parent: number, key: string): boolean {
    const rank = this._claimRank(id, parent, key);
    for (const tree of [this.trees.remote, this.trees.local]) {
      for (const other of this.childrenFolded(tree, parent, key)) {
        if (other === id || other === adopter) continue;
        const theirs = this._route(other);
        if (theirs === null || theirs.parent !== parent || this.nameKey(theirs.name) !== key)
          continue;
        const otherRank = this._claimRank(other, parent, key);
        if (otherRank < rank || (otherRank === rank && other < id)) return false;
      }
    }
    return true;
  }

  /** The name the device's version of `id` takes when both sides edited it differently. */
  localCopyName(id: number): string {
    const known = this._copyNames.get(id);
    if (known !== undefined) return known;
    const local = this.node(this.trees.local, id)!;
    const name = this._freeConflictName(local.parent!, portableName(local.name), id);
    this._copyNames.set(id, name);
    return name;
  }

  /** The key a name contends for in its folder: portable, then folded. Memoized: names repeat. */
  nameKey(name: string): string {
    let key = this._keys.get(name);
    if (key === undefined) {
      key = foldName(portableName(name));
      this._keys.set(name, key);
    }
    return key;
  }

  /** Ids of the children of `parent` in `tree` whose names fold to `key`. */
  childrenFolded(tree: TreeStore, parent: number, key: string): number[] {
    let folders = this._folded.get(tree);
    if (folders === undefined) this._folded.set(tree, (folders = new Map()));
    let folder = folders.get(parent);
    if (folder === undefined) {
      folder = { ids: [], keys: [] };
      if (tree.has(parent)) {
        const { ids, keys } = folder;
        tree.forEachChild(parent, (child, nameOffset) => {
          ids.push(child);
          keys.push(this._keyOfName(tree, nameOffset));
        });
      }
      folders.set(parent, folder);
    }
    const wanted = this._keyIds.get(key);
    const result: number[] = [];
    if (wanted === undefined) return result; // no name seen so far folds to it
    for (let i = 0; i < folder.keys.length; i++) {
      if (folder.keys[i] === wanted) result.push(folder.ids[i]!);
    }
    return result;
  }

  /**
   * The key of interned name `nameOffset` as a small integer: trees share one filename table, so a
   * name is folded once however many folders hold it.
   */
  private _keyOfName(tree: TreeStore, nameOffset: number): number {
    let keyId = this._offsetKeys.get(nameOffset);
    if (keyId === undefined) {
      const key = this.nameKey(tree.names.nameAt(nameOffset));
      keyId = this._keyIds.get(key);
      if (keyId === undefined) this._keyIds.set(key, (keyId = this._keyIds.size));
      this._offsetKeys.set(nameOffset, keyId);
    }
    return keyId;
  }

  /** True when the side without `id` deleted it but `keeper`'s version must come back. */
  survives(id: number, keeper: SyncSide): boolean {
    const memoKey = `${keeper}:${id}`;
    const known = this._survives.get(memoKey);
    if (known !== undefined) return known;
    this._survives.set(memoKey, false); // a well-formed tree never recurses into itself
    const { sync } = this.trees;
    const keeperTree = keeper === 'remote' ? this.trees.remote : this.trees.local;
    const other = keeper === 'remote' ? this.trees.local : this.trees.remote;
    const kept = this.node(keeperTree, id)!;
    const base = this.node(sync, id)!;
    let result = !sameContent(contentOf(kept), contentOf(base));
    if (!result && kept.kind === 'folder') {
      for (const child of keeperTree.children(id)) {
        const childBase = this.node(sync, child);
        if (childBase === undefined || childBase.parent !== id) {
          result = true; // added, or moved in, on the keeper's side
        } else if (this.node(other, child) !== undefined) {
          // Moved out on the deleting side; unless the keeper's own move of it wins, and it stays.
          result = this._baseRoute(child)?.parent === id;
        } else {
          result = this.survives(child, keeper);
        }
        if (result) break;
      }
    }
    this._survives.set(memoKey, result);
    return result;
  }

  /** Location and content by the id, move, edit and delete rules; names not yet checked. */
  private _route(id: number): Routed | null {
    const known = this._routed.get(id);
    if (known !== undefined) return known;
    let routed = this._baseRoute(id);
    if (routed !== null && routed.from === 'local' && this._closesCycle(id, routed)) {
      const remote = this.node(this.trees.remote, id);
      if (remote !== undefined) {
        routed = { ...routed, parent: remote.parent!, name: remote.name, from: 'remote' };
      }
    }
    this._routed.set(id, routed);
    return routed;
  }

  /** The route before cycles are broken; the cycle walk reads only these, so order never matters. */
  private _baseRoute(id: number): Routed | null {
    const known = this._baseRoutes.get(id);
    if (known !== undefined) return known;
    const routed = this._routeUncached(id);
    this._baseRoutes.set(id, routed);
    return routed;
  }

  private _routeUncached(id: number): Routed | null {
    const r = this.node(this.trees.remote, id);
    const s = this.node(this.trees.sync, id);
    const l = this.node(this.trees.local, id);
    if (r !== undefined && r.parent === null) return null; // the root is nobody's to move
    const at = (node: TreeNode, from: SyncSide, content: SyncSide, keepLocalCopy = false) => ({
      parent: node.parent!,
      name: node.name,
      from,
      content,
      keepLocalCopy,
    });
    if (s === undefined) {
      if (r !== undefined && l !== undefined) {
        // The same id added on both sides: one node if the content agrees, else a conflict.
        return at(r, 'remote', 'remote', !sameContent(contentOf(r), contentOf(l)));
      }
      if (r !== undefined) return at(r, 'remote', 'remote');
      if (l !== undefined) return at(l, 'local', 'local');
      return null;
    }
    if (r === undefined && l === undefined) return null;
    if (l === undefined) return this.survives(id, 'remote') ? at(r!, 'remote', 'remote') : null;
    if (r === undefined) return this.survives(id, 'local') ? at(l, 'local', 'local') : null;
    const base = { parent: s.parent!, name: s.name };
    const remoteMoved = !sameLocation(r as NodeLocation, base);
    const localMoved = !sameLocation(l as NodeLocation, base);
    const remoteEdited = !sameContent(contentOf(r), contentOf(s));
    const localEdited = !sameContent(contentOf(l), contentOf(s));
    const conflict = remoteEdited && localEdited && !sameContent(contentOf(r), contentOf(l));
    const content: SyncSide = remoteEdited || !localEdited ? 'remote' : 'local';
    // A local move the server cannot take (into the node's own subtree there) gives way.
    return !remoteMoved && localMoved && !this._underInRemote(l.parent!, id)
      ? at(l, 'local', content, conflict)
      : at(r, 'remote', content, conflict);
  }

  /** True when `folder` is `id` or below it in the remote tree. */
  private _underInRemote(folder: number, id: number): boolean {
    const rootId = this.trees.remote.rootId;
    for (let p: number | undefined = folder; p !== undefined && p !== rootId;) {
      if (p === id) return true;
      p = this.node(this.trees.remote, p)?.parent ?? undefined;
    }
    return false;
  }

  /** True when following routed parents up from `routed.parent` comes back to `id`. */
  private _closesCycle(id: number, routed: Routed): boolean {
    const rootId = this.trees.remote.rootId;
    const seen = new Set<number>();
    for (let p = routed.parent; p !== rootId;) {
      if (p === id) return true;
      if (seen.has(p)) return false; // a cycle elsewhere: its own members break it
      seen.add(p);
      const up = this._baseRoute(p);
      if (up === null) return false;
      p = up.parent;
    }
    return false;
  }

  /** The name `id` takes in its target folder once name clashes there are settled. */
  private _nameIn(id: number, routed: Routed): string {
    const wanted = portableName(routed.name);
    const key = this.nameKey(routed.name);
    const claimants = new Set<number>([id]);
    for (const tree of [this.trees.remote, this.trees.local]) {
      for (const other of this.childrenFolded(tree, routed.parent, key)) {
        // A device node about to take a server node's id claims nothing: it becomes that node.
        if (claimants.has(other) || this.adoptionOf(other) !== undefined) continue;
        const theirs = this._route(other);
        if (
          theirs !== null &&
          theirs.parent === routed.parent &&
          this.nameKey(theirs.name) === key
        ) {
          claimants.add(other);
        }
      }
    }
    if (claimants.size === 1) return wanted;
    // Settle the whole group at once, so every member gets the same answer whoever asks first.
    const groupKey = `${routed.parent}/${key}`;
    let names = this._groups.get(groupKey);
    if (names === undefined) {
      names = new Map();
      const ranked = [...claimants].sort(
        (a, b) =>
          this._claimRank(a, routed.parent, key) - this._claimRank(b, routed.parent, key) || a - b,
      );
      const own = (member: number) => portableName(this._route(member)!.name);
      names.set(ranked[0]!, own(ranked[0]!));
      for (const loser of ranked.slice(1)) {
        names.set(loser, this._freeConflictName(routed.parent, own(loser), loser));
      }
      this._groups.set(groupKey, names);
    }
    return names.get(id) ?? wanted;
  }

  /** Who keeps a contested name: the node there on the server and in sync, then on the server. */
  private _claimRank(id: number, parent: number, key: string): number {
    const at = (tree: TreeStore) => {
      const node = this.node(tree, id);
      return node !== undefined && node.parent === parent && this.nameKey(node.name) === key;
    };
    return (at(this.trees.remote) ? 0 : 2) + (at(this.trees.sync) ? 0 : 1);
  }

  /**
   * The first conflicted-copy name of `name` that nothing else in `parent` holds or was given in
   * this plan; it is then given to `id`.
   */
  private _freeConflictName(parent: number, name: string, id: number): string {
    let given = this._given.get(parent);
    if (given === undefined) this._given.set(parent, (given = new Map()));
    for (let n = 1; ; n++) {
      const candidate = conflictedCopyName(name, this.now, n);
      const key = foldName(candidate);
      const owner = given.get(key);
      if (owner !== undefined && owner !== id) continue;
      const taken = [this.trees.remote, this.trees.sync, this.trees.local].some((tree) =>
        this.childrenFolded(tree, parent, key).some((other) => other !== id),
      );
      if (taken) continue;
      given.set(key, id);
      return candidate;
    }
  }
}

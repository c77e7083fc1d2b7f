// Applies an operation that succeeded to the trees: the changed side, then the sync tree where both sides agree.
import { TreeError, type TreeStore } from '../tree/index.ts';
import { contentOf, sameContent, sameLocation } from './node-view.ts';
import type { NodeLocation, OperationOutcome, SyncOperation } from './sync-operation.ts';
import type { SyncTrees } from './sync-trees.ts';

/**
 * Ids that changed while a batch ran: an upload the server gave a new id, a conflicted copy the
 * device re-keyed. Later operations of the same batch still name the old id; they resolve it here.
 */
export class IdAliases {
  private readonly _to = new Map<number, number>();

  set(from: number, to: number): void {
    this._to.set(from, to);
  }

  resolve(id: number): number {
    for (let seen = 0; this._to.has(id) && seen < 64; seen++) id = this._to.get(id)!;
    return id;
  }
}

/**
 * Records in the trees that `operation` succeeded with `outcome` (the id and revision the server
 * answered with; the new id the device gave a conflicted copy): the remote tree follows server
 * operations, the local tree device operations, and the sync tree takes every state both sides now
 * agree on. Returns the ids whose state changed, for the incremental planner. Throws a TreeError if
 * the trees cannot take it (an operation planned against trees that changed since).
 */
export function commitOperation(
  trees: SyncTrees,
  operation: SyncOperation,
  outcome: OperationOutcome = {},
  aliases = new IdAliases(),
): number[] {
  let id = aliases.resolve(operation.id);
  const at = (location: NodeLocation) => ({
    parent: aliases.resolve(location.parent),
    name: location.name,
  });
  const touched = [id];
  switch (operation.side) {
    case 'sync':
      if (operation.stepAside !== undefined) {
        _followTemporary(trees.sync, id, at(operation.stepAside));
        return touched;
      }
      break;
    case 'local': {
      const local = trees.local;
      switch (operation.type) {
        case 'download': {
          const { kind, size, contentHash } = operation.content;
          if (local.has(id)) local.edit(id, { kind, size, contentHash, rev: operation.rev });
          else
            local.add({
              id,
              ...at(operation.location),
              kind,
              size,
              contentHash,
              rev: operation.rev,
            });
          break;
        }
        case 'createFolder':
          local.add({ id, ...at(operation.location), kind: 'folder' });
          break;
        case 'move':
          _move(local, id, at(operation.location));
          if (operation.temporary) _followTemporary(trees.sync, id, at(operation.location));
          break;
        case 'delete':
          _removeLeaf(local, id);
          break;
        case 'adopt': {
          const serverId = aliases.resolve(operation.serverId);
          if (local.get(id)!.name !== operation.name) local.rename(id, operation.name);
          local.reid(id, serverId);
          aliases.set(id, serverId);
          id = serverId;
          touched.push(serverId);
          break;
        }
        case 'keepConflictedCopy': {
          const newId = outcome.id;
          if (newId === undefined)
            throw new TreeError('id_invalid', 'A conflicted copy needs a new id.');
          local.rename(id, operation.name);
          // No alias: the id lives on in the other trees; the copy is a new node of the device's.
          local.reid(id, newId);
          touched.push(newId);
          break;
        }
      }
      break;
    }
    case 'remote': {
      const remote = trees.remote;
      const rev = outcome.rev;
      switch (operation.type) {
        case 'upload':
        case 'add': {
          const newId = outcome.id ?? id;
          const content =
            operation.type === 'upload'
              ? operation.content
              : { kind: 'folder' as const, size: 0, contentHash: '0000000000000000' };
          remote.add({ id: newId, ...at(operation.location), ...content, rev });
          if (newId !== id) {
            if (trees.local.has(id)) trees.local.reid(id, newId);
            if (trees.sync.has(id)) trees.sync.reid(id, newId);
            aliases.set(id, newId);
            id = newId;
            touched.push(newId);
          }
          if (rev !== undefined && trees.local.has(id)) trees.local.edit(id, { rev });
          break;
        }
        case 'edit': {
          const { kind, size, contentHash } = operation.content;
          remote.edit(id, { kind, size, contentHash, rev });
          if (rev !== undefined && trees.local.has(id)) {
            const local = trees.local.get(id)!;
            if (sameContent(contentOf(local), operation.content)) trees.local.edit(id, { rev });
          }
          break;
        }
        case 'move':
          _move(remote, id, at(operation.location));
          if (operation.temporary) _followTemporary(trees.sync, id, at(operation.location));
          break;
        case 'delete':
          _removeLeaf(remote, id);
          break;
      }
      break;
    }
  }
  reconcileSyncNode(trees, id);
  return touched;
}

/**
 * Brings the sync tree's node `id` up to what remote and local agree on: where both sides have it
 * in the same place, the sync tree moves it there; where both hold the same content, it takes
 * that; where both deleted it and nothing is left under it, it goes. Anything the sync tree cannot
 * hold yet (its folder is not there, the name is held) is left for a later record operation.
 */
export function reconcileSyncNode(trees: SyncTrees, id: number): void {
  const { remote, local, sync } = trees;
  if (id === sync.rootId) return;
  const r = remote.get(id);
  const l = local.get(id);
  const s = sync.get(id);
  try {
    if (r === undefined && l === undefined) {
      if (s !== undefined && sync.children(id).length === 0) sync.remove(id);
      return;
    }
    if (r === undefined || l === undefined) return;
    const located = sameLocation(r as NodeLocation, l as NodeLocation);
    const filled = sameContent(contentOf(r), contentOf(l));
    if (s === undefined) {
      if (
        located &&
        filled &&
        sync.has(r.parent!) &&
        sync.childByName(r.parent!, r.name) === undefined
      ) {
        sync.add({ id, parent: r.parent!, name: r.name, ...contentOf(r), rev: r.rev });
      }
      return;
    }
    if (located && !sameLocation(s as NodeLocation, r as NodeLocation) && sync.has(r.parent!)) {
      const holder = sync.childByName(r.parent!, r.name);
      if (holder === undefined || holder === id) sync.move(id, r.parent!, r.name);
    }
    if (filled && !sameContent(contentOf(s), contentOf(r))) {
      sync.edit(id, { ...contentOf(r), rev: r.rev });
    }
  } catch (error) {
    // A move into its own subtree or a kind change of a folder with children: not yet.
    if (!(error instanceof TreeError)) throw error;
  }
}

function _move(tree: TreeStore, id: number, location: NodeLocation): void {
  tree.move(id, location.parent, location.name);
}

/** A temporary step aside is no change of its own: the sync tree steps aside with the node. */
function _followTemporary(sync: TreeStore, id: number, location: NodeLocation): void {
  if (!sync.has(id) || !sync.has(location.parent)) return;
  if (sync.childByName(location.parent, location.name) !== undefined) return;
  try {
    sync.move(id, location.parent, location.name);
  } catch (error) {
    if (!(error instanceof TreeError)) throw error;
  }
}

function _removeLeaf(tree: TreeStore, id: number): void {
  if (tree.children(id).length > 0) {
    throw new TreeError('folder_not_empty', `Folder ${id} still has children; delete them first.`);
  }
  tree.remove(id);
}

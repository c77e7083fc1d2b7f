// Finds changes made to a namespace's folder outside Cubby and records them in the local tree.
import { normalizeName, TreeError, type TreeStore } from '../../shared/tree/index.ts';
import { fileSeconds, subtreeIds } from './device-port.ts';
import { sha256Hex } from './sha256-hex.ts';

export interface ScanResult {
  /** Nodes added, edited or removed in the local tree. */
  changes: number;
  /** Files whose size or date differed, hashed to compare their content. */
  hashed: number;
  /** Entries whose names the tree refuses (kept on the device, not synced). */
  skipped: string[];
  /** Ids whose state changed, for the planner. */
  touched: number[];
}

/**
 * Walks `dir` and brings the local tree's folder `folderId` in line with it: entries the tree
 * does not have are added with new ids; files whose size or mtime differ are hashed, and edited if
 * their content did change (a new date alone only updates the mtime); entries gone from the
 * folder are removed with their subtrees. A move made outside Cubby reads as a delete and an add.
 */
export async function scanFolder(
  dir: FileSystemDirectoryHandle,
  local: TreeStore,
  folderId: number,
  newId: () => number,
  signal: AbortSignal,
  result: ScanResult = { changes: 0, hashed: 0, skipped: [], touched: [] },
): Promise<ScanResult> {
  const seen = new Set<number>();
  for await (const entry of dir.values()) {
    signal.throwIfAborted();
    const name = normalizeName(entry.name);
    let id = local.childByName(folderId, name);
    let node = id === undefined ? undefined : local.get(id);
    const kind = entry.kind === 'directory' ? 'folder' : 'file';
    if (node && node.kind !== kind) {
      _removeSubtree(local, node.id, result);
      id = undefined;
      node = undefined;
    }
    try {
      if (entry.kind === 'directory') {
        if (id === undefined) {
          id = newId();
          local.add({ id, parent: folderId, name, kind: 'folder' });
          _changed(result, id);
        }
        seen.add(id);
        await scanFolder(entry as FileSystemDirectoryHandle, local, id, newId, signal, result);
        continue;
      }
      const file = await (entry as FileSystemFileHandle).getFile();
      const mtime = fileSeconds(file);
      if (node && node.size === file.size && node.mtime === mtime) {
        seen.add(node.id);
        continue;
      }
      const contentHash = await sha256Hex(file);
      result.hashed++;
      if (node === undefined) {
        id = newId();
        local.add({
          id,
          parent: folderId,
          name,
          kind: 'file',
          size: file.size,
          contentHash,
          mtime,
        });
        _changed(result, id);
      } else if (node.contentHash !== contentHash.slice(0, 16) || node.size !== file.size) {
        local.edit(node.id, { size: file.size, contentHash, mtime });
        _changed(result, node.id);
      } else {
        local.edit(node.id, { mtime });
      }
      seen.add(id!);
    } catch (err) {
      if (!(err instanceof TreeError)) throw err;
      result.skipped.push(entry.name);
    }
  }
  for (const child of local.children(folderId)) {
    if (!seen.has(child)) _removeSubtree(local, child, result);
  }
  return result;
}

function _changed(result: ScanResult, id: number): void {
  result.changes++;
  result.touched.push(id);
}

function _removeSubtree(local: TreeStore, id: number, result: ScanResult): void {
  for (const gone of subtreeIds(local, id)) _changed(result, gone);
  local.remove(id); // the whole subtree
}

// The edits the person makes on the page, checked here and made at once to this device's files and local tree.
import { foldName, isPortableName, type Clock } from '../../shared/sync/index.ts';
import {
  normalizeName,
  TreeError,
  type TreeNode,
  type TreeStore,
} from '../../shared/tree/index.ts';
import type { NamespaceRecord } from '../common/db/schema.ts';
import type { AddFilesReport, FolderEntry } from '../common/sync-client/sync-api.ts';
import type { DeviceFiles } from './device-files.ts';
import { devicePath, fileSeconds, subtreeIds } from './device-port.ts';
import { folderEntry } from './folder-entry.ts';
import { sha256Hex } from './sha256-hex.ts';
import { SyncFailure } from './sync-failure.ts';

export interface PageEditsHooks {
  /** The local tree the edits change (with the files). */
  local(): TreeStore;
  files(): DeviceFiles;
  /** The person's role in the namespace: a viewer may not edit. */
  role(): NamespaceRecord['role'];
  clock: Clock;
  /** An id no tree of the namespace uses. */
  newId(): number;
  /** The id a node the page names has now (the server may have replaced a provisional one). */
  resolve(id: number): number;
  /** Nodes an edit changed (files and local tree both done): saved, listed and planned. */
  edited(ids: number[]): Promise<void>;
}

/**
 * Create a folder, add files (with folders in their paths), rename, move and delete. Each edit is
 * checked against the local tree first (a viewer, a missing node, a name that cannot be used or is
 * taken, a folder moved into itself) and refused with a `SyncFailure`; then the files change and
 * the local tree follows. They work offline; the planner takes them to the server later.
 */
export class PageEdits {
  constructor(private readonly _hooks: PageEditsHooks) {}

  async createFolder(parentId: number, rawName: string): Promise<FolderEntry> {
    this._mayEdit();
    parentId = this._hooks.resolve(parentId);
    const local = this._hooks.local();
    this._folder(parentId);
    const name = _validName(rawName);
    if (_holder(local, parentId, name) !== undefined) {
      throw new SyncFailure('name_taken', `There is already something named “${name}” here.`);
    }
    const id = this._hooks.newId();
    await this._hooks.files().createFolder([...devicePath(local, parentId), name]);
    local.add({ id, parent: parentId, name, kind: 'folder', mtime: this._nowSeconds() });
    await this._hooks.edited([id]);
    return folderEntry(local.get(id)!, 'upload');
  }

  /** Writes each file at its path under `parentId`, making the folders on the way. */
  async addFiles(
    parentId: number,
    files: { path: string; file: Blob; lastModified?: number }[],
    signal: AbortSignal,
  ): Promise<AddFilesReport> {
    this._mayEdit();
    parentId = this._hooks.resolve(parentId);
    const local = this._hooks.local();
    const device = this._hooks.files();
    this._folder(parentId);
    const report: AddFilesReport = { added: 0, replaced: 0, foldersCreated: 0 };
    const touched: number[] = [];
    try {
      for (const { path, file } of files) {
        signal.throwIfAborted();
        const names = path.split('/').filter((n) => n !== '' && n !== '.');
        if (names.length === 0) continue;
        let folder = parentId;
        for (const raw of names.slice(0, -1)) {
          const name = _validName(raw);
          const existing = _holder(local, folder, name);
          if (existing !== undefined) {
            if (local.get(existing)!.kind !== 'folder') {
              throw new SyncFailure('name_taken', `“${name}” is a file here, not a folder.`);
            }
            folder = existing;
            continue;
          }
          const id = this._hooks.newId();
          await device.createFolder([...devicePath(local, folder), name]);
          local.add({ id, parent: folder, name, kind: 'folder', mtime: this._nowSeconds() });
          touched.push(id);
          report.foldersCreated++;
          folder = id;
        }
        const asked = _validName(names[names.length - 1]!);
        const existing = _holder(local, folder, asked);
        if (existing !== undefined && local.get(existing)!.kind === 'folder') {
          throw new SyncFailure('name_taken', `There is a folder named “${asked}” here already.`);
        }
        // A new version keeps the name it has (its case, too).
        const name = existing === undefined ? asked : local.get(existing)!.name;
        const contentHash = await sha256Hex(file);
        const written = await device.write([...devicePath(local, folder), name], file);
        const fields = { size: written.size, contentHash, mtime: fileSeconds(written) };
        if (existing !== undefined) {
          local.edit(existing, fields);
          touched.push(existing);
          report.replaced++;
        } else {
          const id = this._hooks.newId();
          local.add({ id, parent: folder, name, kind: 'file', ...fields });
          touched.push(id);
          report.added++;
        }
      }
    } finally {
      // What was written stays written, and is synced, even if a later file failed.
      if (touched.length > 0) await this._hooks.edited(touched);
    }
    return report;
  }

  /** A new name in the same folder. */
  async rename(id: number, rawName: string): Promise<void> {
    const node = this._existing(this._hooks.resolve(id));
    await this.move(node.id, node.parent!, rawName);
  }

  /** Into folder `parentId`, under `rawName` if given (else its own name). */
  async move(id: number, parentId: number, rawName?: string): Promise<void> {
    this._mayEdit();
    id = this._hooks.resolve(id);
    parentId = this._hooks.resolve(parentId);
    const local = this._hooks.local();
    const node = this._existing(id);
    this._folder(parentId);
    for (let at: number | null = parentId; at !== null; at = local.get(at)!.parent) {
      if (at === id) {
        throw new SyncFailure('cycle', `“${node.name}” cannot go into a folder inside itself.`);
      }
    }
    const name = rawName === undefined ? node.name : _validName(rawName);
    if (parentId === node.parent && name === node.name) return;
    const holder = _holder(local, parentId, name);
    if (holder !== undefined && holder !== id) {
      throw new SyncFailure('name_taken', `There is already something named “${name}” there.`);
    }
    await this._hooks.files().move(devicePath(local, id), [...devicePath(local, parentId), name]);
    local.move(id, parentId, name);
    await this._hooks.edited([id]);
  }

  /** A file, or a folder with everything in it. */
  async remove(id: number): Promise<void> {
    this._mayEdit();
    id = this._hooks.resolve(id);
    const local = this._hooks.local();
    this._existing(id);
    const ids = subtreeIds(local, id);
    try {
      await this._hooks.files().remove(devicePath(local, id), true);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
    }
    local.remove(id);
    await this._hooks.edited(ids);
  }

  private _mayEdit(): void {
    if (this._hooks.role() === 'viewer') {
      throw new SyncFailure('forbidden', 'You can only view this shared folder, not change it.');
    }
  }

  /** Node `id` of the local tree, not the root. */
  private _existing(id: number): TreeNode {
    const node = this._hooks.local().get(id);
    if (!node || node.parent === null) {
      throw new SyncFailure('not_found', 'That file or folder is not on this device.');
    }
    return node;
  }

  private _folder(id: number): void {
    if (this._hooks.local().get(id)?.kind !== 'folder') {
      throw new SyncFailure('not_found', 'That folder is not on this device (yet).');
    }
  }

  private _nowSeconds(): number {
    return Math.floor(this._hooks.clock.now() / 1000);
  }
}

/** The name as the trees keep it, or a clear error for one that cannot be used. */
function _validName(raw: string): string {
  let name: string;
  try {
    name = normalizeName(raw.trim());
  } catch (err) {
    if (!(err instanceof TreeError)) throw err;
    throw new SyncFailure('invalid_name', `“${raw}” cannot be used as a name: ${err.message}`);
  }
  if (!isPortableName(name)) {
    throw new SyncFailure(
      'invalid_name',
      `“${name}” cannot be used as a name: leave out \\ : * ? " < > | and do not end it with a dot or a space.`,
    );
  }
  return name;
}

/** The child of `parentId` whose name collides with `name` (case and normalization folded). */
function _holder(tree: TreeStore, parentId: number, name: string): number | undefined {
  const key = foldName(name);
  return tree.children(parentId).find((c) => foldName(tree.get(c)!.name) === key);
}

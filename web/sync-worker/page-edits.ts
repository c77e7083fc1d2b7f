// The edits the person makes on the page, checked by the commit rules and made at once to this device's files and local tree.
import type { CommitOp } from '../../shared/api/content.ts';
import { checkCommitOp, foldName, type CommitCheckOptions } from '../../shared/commit/index.ts';
import { isPortableName, type Clock } from '../../shared/sync/index.ts';
import { normalizeName, type TreeNode, type TreeStore } from '../../shared/tree/index.ts';
import type { NamespaceRecord } from '../common/db/schema.ts';
import type { AddFilesReport, FolderEntry } from '../common/sync-client/sync-api.ts';
import type { DeviceFiles } from './device-files.ts';
import { devicePath, fileSeconds, subtreeIds } from './device-port.ts';
import { folderEntry } from './folder-entry.ts';
import { sha256Hex } from './sha256-hex.ts';
import { SyncFailure } from './sync-failure.ts';

/** What the edits do to the device's files (a `DeviceFiles`; tests give one in memory). */
export type DeviceWrites = Pick<DeviceFiles, 'createFolder' | 'write' | 'move' | 'remove'>;

/**
 * The commit rules as this device applies them: names compare case-folded (a device's folder
 * cannot hold `a.txt` and `A.txt`, whatever the server allows), and content is always at hand
 * (its bytes are here, and go up before the commit).
 */
const deviceRules: CommitCheckOptions = { caseSensitive: false, hasContent: () => true };

export interface PageEditsHooks {
  /** The local tree the edits change (with the files). */
  local(): TreeStore;
  files(): DeviceWrites;
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
 * first the commit op the server will be asked for, checked against the local tree by
 * `checkCommitOp` (the server's own check), and on top of it what only this device refuses: a
 * viewer's edit, and a name the device cannot hold (`isPortableName`). A refusal is a
 * `SyncFailure` in the person's words; then the files change and the local tree follows. The
 * edits work offline; the planner takes them to the server later.
 */
export class PageEdits {
  constructor(private readonly _hooks: PageEditsHooks) {}

  async createFolder(parentId: number, rawName: string): Promise<FolderEntry> {
    this._mayEdit();
    parentId = this._hooks.resolve(parentId);
    const local = this._hooks.local();
    const op: CommitOp = { op: 'add', parentId, name: rawName.trim(), kind: 'dir' };
    const { name, taken } = this._check(op, rawName);
    if (taken)
      throw new SyncFailure('name_taken', `There is already something named “${name}” here.`);
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
          const op: CommitOp = { op: 'add', parentId: folder, name: raw.trim(), kind: 'dir' };
          const { name, taken } = this._check(op, raw);
          if (taken) {
            const existing = this._takenBy(folder, name);
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
        const raw = names[names.length - 1]!;
        const add: CommitOp = {
          op: 'add',
          parentId: folder,
          name: raw.trim(),
          kind: 'file',
          size: file.size,
        };
        const asked = this._check(add, raw);
        const existing = asked.taken ? this._takenBy(folder, asked.name) : undefined;
        if (existing !== undefined && local.get(existing)!.kind === 'folder') {
          throw new SyncFailure(
            'name_taken',
            `There is a folder named “${asked.name}” here already.`,
          );
        }
        // A new version keeps the name it has (its case, too).
        const name = existing === undefined ? asked.name : local.get(existing)!.name;
        const contentHash = await sha256Hex(file);
        if (existing !== undefined) {
          const { rev } = local.get(existing)!;
          this._check({ op: 'edit', id: existing, rev, size: file.size, hash: contentHash });
        }
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
    const op: CommitOp = { op: 'move', id, rev: node.rev, parentId, name: rawName?.trim() };
    const checked = this._check(op, rawName, node);
    const name = rawName === undefined ? node.name : checked.name;
    if (checked.taken) {
      throw new SyncFailure('name_taken', `There is already something named “${name}” there.`);
    }
    if (parentId === node.parent && name === node.name) return;
    await this._hooks.files().move(devicePath(local, id), [...devicePath(local, parentId), name]);
    local.move(id, parentId, name);
    await this._hooks.edited([id]);
  }

  /** A file, or a folder with everything in it. */
  async remove(id: number): Promise<void> {
    this._mayEdit();
    id = this._hooks.resolve(id);
    const local = this._hooks.local();
    const node = this._existing(id);
    this._check({ op: 'delete', id, rev: node.rev });
    const ids = subtreeIds(local, id);
    try {
      await this._hooks.files().remove(devicePath(local, id), true);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'NotFoundError')) throw err;
    }
    local.remove(id);
    await this._hooks.edited(ids);
  }

  /**
   * Checks `op` by the commit rules and throws its refusal in the person's words, except a name
   * taken: that is answered (`taken`), for the caller to refuse in its own words or to use what
   * holds the name. `raw` is the name the person gave (checked also for the device); answers it
   * as the trees keep it (NFC). `node` is the node moved, for the words of a cycle.
   */
  private _check(op: CommitOp, raw?: string, node?: TreeNode): { name: string; taken: boolean } {
    const refusal = checkCommitOp(this._hooks.local(), op, deviceRules);
    if (refusal !== null && refusal.code !== 'name_taken') {
      switch (refusal.code) {
        case 'parent_missing':
        case 'not_a_dir':
          throw new SyncFailure('not_found', 'That folder is not on this device (yet).');
        case 'not_found':
          throw new SyncFailure('not_found', 'That file or folder is not on this device.');
        case 'invalid_name':
          throw new SyncFailure(
            'invalid_name',
            `“${raw}” cannot be used as a name: ${refusal.message}`,
          );
        case 'cycle':
          throw new SyncFailure('cycle', `“${node?.name}” cannot go into a folder inside itself.`);
        default:
          // A revision, the root or content: the op is made from the local tree, so never.
          throw new Error(refusal.message);
      }
    }
    if (raw === undefined) return { name: '', taken: refusal !== null };
    const name = normalizeName(raw.trim());
    if (!isPortableName(name)) {
      throw new SyncFailure(
        'invalid_name',
        `“${name}” cannot be used as a name: leave out \\ : * ? " < > | and do not end it with a dot or a space.`,
      );
    }
    return { name, taken: refusal !== null };
  }

  /** The child of `folder` holding `name`, which the commit rules found taken (names folded alike). */
  private _takenBy(folder: number, name: string): number {
    const local = this._hooks.local();
    const key = foldName(name);
    return local.children(folder).find((c) => foldName(local.nameOf(c)) === key)!;
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

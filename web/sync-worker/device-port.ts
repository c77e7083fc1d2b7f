// The planner's device side: carries out device operations on the namespace's files, checking what each assumes.
import type { DeviceOperation, DeviceStore, OperationOutcome } from '../../shared/sync/index.ts';
import type { TreeStore } from '../../shared/tree/index.ts';
import { DeviceError, type DeviceFiles, type DevicePath } from './device-files.ts';

/** Where each node of the local tree is on the device: its names from the root. */
export function devicePath(local: TreeStore, id: number): DevicePath {
  const path = local.pathOf(id); // names hold no "/"
  return path === '' ? [] : path.split('/');
}

/** Node `id` and everything under it, each id once (parents before their children). */
export function subtreeIds(tree: TreeStore, id: number): number[] {
  const ids: number[] = [];
  for (const stack = [id]; stack.length > 0;) {
    const at = stack.pop()!;
    ids.push(at);
    stack.push(...tree.children(at));
  }
  return ids;
}

/** Seconds, as the trees keep mtimes. */
export function fileSeconds(file: File): number {
  return Math.max(0, Math.floor(file.lastModified / 1000));
}

export interface DevicePortHooks {
  /** The local tree (read for paths and assumptions; the session changes it after each commit). */
  local(): TreeStore;
  /** A new id for a conflicted copy, unused in every tree. */
  newId(): number;
}

/**
 * `DeviceStore` over a namespace's `DeviceFiles`. Downloaded content waits in memory (`stage`)
 * until its commit writes it into place. Each commit first checks that the device is as the
 * operation assumes (by the local tree, which follows every write), so a stale operation fails
 * and is planned again instead of overwriting something newer.
 */
export class DevicePort implements DeviceStore {
  private readonly _staged = new Map<string, Blob>();
  /** mtimes of files written by commits, by operation key: the session records them after. */
  readonly written = new Map<string, number>();

  constructor(
    private readonly _files: DeviceFiles,
    private readonly _hooks: DevicePortHooks,
  ) {}

  stage(operation: DeviceOperation, content: Blob): void {
    this._staged.set(operation.key, content);
  }

  async discardStaged(operation: DeviceOperation): Promise<void> {
    this._staged.delete(operation.key);
  }

  async commit(operation: DeviceOperation): Promise<OperationOutcome> {
    const local = this._hooks.local();
    const node = local.has(operation.id) ? local.get(operation.id) : undefined;
    const assumes = operation.assumes;
    const stale = (what: string) =>
      new DeviceError('device_changed', `${what} changed on this device; planning again.`);
    if (assumes.absent && node) throw stale('A new entry');
    if (!assumes.absent && operation.type !== 'createFolder' && !node) throw stale('An entry');
    if (node && assumes.contentHash !== undefined && node.contentHash !== assumes.contentHash) {
      throw stale(`“${node.name}”`);
    }
    if (node && assumes.parent !== undefined && node.parent !== assumes.parent) {
      throw stale(`The place of “${node.name}”`);
    }
    if (node && assumes.name !== undefined && node.name !== assumes.name) {
      throw stale(`The name of “${node.name}”`);
    }
    switch (operation.type) {
      case 'download': {
        const content = this._staged.get(operation.key);
        if (!content) throw stale('A download');
        const path = node
          ? devicePath(local, operation.id)
          : [...devicePath(local, operation.location.parent), operation.location.name];
        if (!node && local.childByName(operation.location.parent, operation.location.name)) {
          throw stale(`“${operation.location.name}”`);
        }
        const file = await this._files.write(path, content);
        this._staged.delete(operation.key);
        this.written.set(operation.key, Math.floor(file.lastModified / 1000));
        return {};
      }
      case 'createFolder':
        await this._files.createFolder([
          ...devicePath(local, operation.location.parent),
          operation.location.name,
        ]);
        return {};
      case 'move':
        await this._files.move(devicePath(local, operation.id), [
          ...devicePath(local, operation.location.parent),
          operation.location.name,
        ]);
        return {};
      case 'delete':
        await this._files.remove(devicePath(local, operation.id));
        return {};
      case 'keepConflictedCopy': {
        const path = devicePath(local, operation.id);
        await this._files.move(path, [...path.slice(0, -1), operation.name]);
        return { id: this._hooks.newId() };
      }
      case 'adopt': {
        const path = devicePath(local, operation.id);
        if (path[path.length - 1] !== operation.name) {
          await this._files.move(path, [...path.slice(0, -1), operation.name]);
        }
        return {};
      }
    }
  }
}

// A namespace's files on this device: a directory (the browser's own storage, or a linked folder) by path.

/** A failure of the device's store, with a code the page can act on. */
export class DeviceError extends Error {
  readonly code: 'permission_needed' | 'device_changed' | 'device_failed' | 'storage_full';
  constructor(code: DeviceError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeviceError';
    this.code = code;
  }
}

/** Path segments from the namespace's root folder (excluded) to an entry. */
export type DevicePath = readonly string[];

/**
 * File system access below one directory handle, by path. Everything the sync worker does to
 * files goes through here, so the browser's own storage (OPFS) and a folder the person linked
 * (File System Access) behave the same.
 */
export class DeviceFiles {
  constructor(readonly root: FileSystemDirectoryHandle) {}

  /** Whether the worker may read and write the directory (a linked folder can lose permission). */
  async permitted(): Promise<boolean> {
    const handle = this.root as FileSystemDirectoryHandle & {
      queryPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
    };
    if (typeof handle.queryPermission !== 'function') return true;
    return (await handle.queryPermission({ mode: 'readwrite' })) === 'granted';
  }

  async folder(path: DevicePath, create = false): Promise<FileSystemDirectoryHandle> {
    let dir = this.root;
    for (const name of path)
      dir = await this._guard(() => dir.getDirectoryHandle(name, { create }));
    return dir;
  }

  async file(path: DevicePath): Promise<File> {
    const [dir, name] = await this._parentOf(path);
    const handle = await this._guard(() => dir.getFileHandle(name));
    return this._guard(() => handle.getFile());
  }

  async exists(path: DevicePath): Promise<boolean> {
    try {
      const [dir, name] = await this._parentOf(path);
      await this._entry(dir, name);
      return true;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'NotFoundError') return false;
      if (err instanceof DeviceError && err.cause instanceof DOMException) {
        if (err.cause.name === 'NotFoundError' || err.cause.name === 'TypeMismatchError') {
          return false;
        }
      }
      throw err;
    }
  }

  /**
   * Writes `content` at `path` (replacing a file there) and answers the file as written. The
   * browser writes into a swap file and puts it in place on close: a crash never leaves half a
   * file under the name.
   */
  async write(path: DevicePath, content: Blob): Promise<File> {
    const [dir, name] = await this._parentOf(path);
    const handle = await this._guard(() => dir.getFileHandle(name, { create: true }));
    const writable = await this._guard(() => handle.createWritable());
    try {
      await this._guard(() => writable.write(content));
      await this._guard(() => writable.close());
    } catch (err) {
      await writable.abort().catch(() => undefined);
      throw err;
    }
    return this._guard(() => handle.getFile());
  }

  async createFolder(path: DevicePath): Promise<void> {
    await this.folder(path, true);
  }

  /** Moves (or renames) the entry at `from` to `to`; the folder `to` names must exist. */
  async move(from: DevicePath, to: DevicePath): Promise<void> {
    const [fromDir, fromName] = await this._parentOf(from);
    const [toDir, toName] = await this._parentOf(to);
    const entry = await this._entry(fromDir, fromName);
    const movable = entry as FileSystemHandle & {
      move?(dir: FileSystemDirectoryHandle, name: string): Promise<void>;
    };
    if (typeof movable.move === 'function') {
      await this._guard(() => movable.move!(toDir, toName));
      return;
    }
    // Browsers without move(): copy, then delete the original.
    await this._copy(entry, toDir, toName);
    await this._guard(() => fromDir.removeEntry(fromName, { recursive: true }));
  }

  /** Deletes the entry at `path`; a folder only when empty unless `recursive`. */
  async remove(path: DevicePath, recursive = false): Promise<void> {
    const [dir, name] = await this._parentOf(path);
    await this._guard(() => dir.removeEntry(name, { recursive }));
  }

  private async _copy(
    entry: FileSystemHandle,
    toDir: FileSystemDirectoryHandle,
    toName: string,
  ): Promise<void> {
    if (entry.kind === 'file') {
      const file = await (entry as FileSystemFileHandle).getFile();
      const target = await toDir.getFileHandle(toName, { create: true });
      const writable = await target.createWritable();
      await writable.write(file);
      await writable.close();
      return;
    }
    const folder = await toDir.getDirectoryHandle(toName, { create: true });
    for await (const child of (entry as FileSystemDirectoryHandle).values()) {
      await this._copy(child, folder, child.name);
    }
  }

  private async _parentOf(path: DevicePath): Promise<[FileSystemDirectoryHandle, string]> {
    if (path.length === 0) throw new DeviceError('device_failed', 'The root has no parent.');
    return [await this.folder(path.slice(0, -1)), path[path.length - 1]!];
  }

  private async _entry(dir: FileSystemDirectoryHandle, name: string): Promise<FileSystemHandle> {
    try {
      return await dir.getFileHandle(name);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'TypeMismatchError')) throw err;
      return dir.getDirectoryHandle(name);
    }
  }

  /** Runs a file system call, turning a lost permission or a full disk into a DeviceError. */
  private async _guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof DOMException) {
        if (err.name === 'NotAllowedError' || err.name === 'SecurityError') {
          throw new DeviceError(
            'permission_needed',
            'Cubby may no longer use the folder on this computer. Allow access again to go on syncing it.',
            { cause: err },
          );
        }
        if (err.name === 'QuotaExceededError') {
          throw new DeviceError(
            'storage_full',
            'This device has no room left for Cubby. Free some space, or link a folder on a larger disk.',
            { cause: err },
          );
        }
      }
      throw err;
    }
  }
}

/** The directory of the browser's own storage (OPFS) that keeps a namespace's files. */
export async function browserFilesFolder(
  rootFolderName: string,
  namespaceId: string,
): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  const all = await root.getDirectoryHandle(rootFolderName, { create: true });
  return all.getDirectoryHandle(namespaceId, { create: true });
}

// "Link a folder on this computer" (File System Access, Chromium): picking a folder and getting
// write permission, which browsers only grant from a click. The APIs are not in TypeScript's DOM
// types, so the parts used are declared here.

interface PermissionDescriptor {
  mode: 'read' | 'readwrite';
}

interface PermissionedHandle extends FileSystemDirectoryHandle {
  queryPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
}

interface WindowWithPicker {
  showDirectoryPicker?(options: {
    mode: 'read' | 'readwrite';
    id?: string;
  }): Promise<FileSystemDirectoryHandle>;
}

/** Whether this browser can link folders (Chromium on desktop). */
export function canLinkFolders(): boolean {
  return typeof (window as WindowWithPicker).showDirectoryPicker === 'function';
}

/**
 * Asks the person for a folder and for permission to read and write it (call from a click). Answers
 * null if they cancelled the picker; throws with words if they refused the permission.
 */
export async function pickFolderToLink(): Promise<FileSystemDirectoryHandle | null> {
  const picker = (window as WindowWithPicker).showDirectoryPicker;
  if (!picker) throw new Error('This browser cannot link folders on this computer.');
  let handle: PermissionedHandle;
  try {
    handle = await picker.call(window, { mode: 'readwrite', id: 'cubby-link' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return null;
    throw err;
  }
  const state = (await handle.requestPermission?.({ mode: 'readwrite' })) ?? 'granted';
  if (state !== 'granted') {
    throw new Error(
      `Cubby needs permission to change “${handle.name}” to keep it in sync. Choose the folder again and allow it.`,
    );
  }
  return handle;
}

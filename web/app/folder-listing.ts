// One folder as the file browser shows it: its entries (folders first, then by name as people sort
// them: "file 2" before "file 10") and its path from the namespace's root, from the sync worker.
import type { FolderEntry } from '../common/sync-client/sync-api.ts';
import type { FileSync } from './file-sync.ts';

export interface FolderListing {
  namespaceId: string;
  folderId: number;
  entries: FolderEntry[];
  /** From the namespace's root to the folder. */
  path: { id: number; name: string }[];
}

export function byKindThenName(a: FolderEntry, b: FolderEntry): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
}

export async function listFolder(
  files: Pick<FileSync, 'call'>,
  namespaceId: string,
  folderId: number,
  signal?: AbortSignal,
): Promise<FolderListing> {
  const [entries, path] = await Promise.all([
    files.call('listFolder', { namespaceId, folderId }, signal),
    files.call('pathOf', { namespaceId, id: folderId }, signal),
  ]);
  return { namespaceId, folderId, entries: entries.sort(byKindThenName), path };
}

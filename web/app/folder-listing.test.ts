import { describe, expect, it } from 'vitest';
import type { FolderEntry } from '../common/sync-client/sync-api.ts';
import { listFolder } from './folder-listing.ts';

function entry(name: string, kind: FolderEntry['kind'], id: number): FolderEntry {
  return { id, name, kind, size: 0, mtime: 0, rev: 1, state: 'synced' };
}

describe('listFolder', () => {
  it('lists folders first, then names as people sort them, with the path to the folder', async () => {
    const files = {
      call: async (method: string) =>
        method === 'listFolder'
          ? [entry('file 10', 'file', 1), entry('b', 'folder', 2), entry('file 2', 'file', 3)]
          : [{ id: 1, name: 'My files' }],
    };
    const listing = await listFolder(files as never, 'n_me', 1);
    expect(listing.entries.map((e) => e.name)).toEqual(['b', 'file 2', 'file 10']);
    expect(listing).toMatchObject({ namespaceId: 'n_me', folderId: 1, path: [{ id: 1 }] });
  });
});

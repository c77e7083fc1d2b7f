// Files a person hands to Cubby — dropped (folders too) or picked — as the paths addFiles takes:
// "photos/2024/a.jpg" for a file inside a dropped folder, the bare name for a loose file.

export interface FileToAdd {
  path: string;
  file: Blob;
  lastModified?: number;
}

/** Whether a drag carries files from outside the page (rather than an entry moved within Cubby). */
export function carriesFiles(transfer: DataTransfer | null): boolean {
  return transfer?.types.includes('Files') ?? false;
}

/**
 * The dropped files, folders walked. Call it inside the drop handler: the items are read at once,
 * before the first await, because the browser empties them when the event ends.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<FileToAdd[]> {
  const walks: Promise<FileToAdd[]>[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) {
      walks.push(walk(entry, ''));
    } else {
      const file = item.getAsFile();
      if (file) walks.push(Promise.resolve([picked(file, file.name)]));
    }
  }
  return Promise.all(walks).then((lists) => lists.flat());
}

/** Files from <input type=file> (with `webkitdirectory`, each keeps its path in the folder). */
export function filesFromInput(list: FileList | null): FileToAdd[] {
  return Array.from(list ?? [], (file) => picked(file, file.webkitRelativePath || file.name));
}

function picked(file: File, path: string): FileToAdd {
  return { path, file, lastModified: file.lastModified };
}

async function walk(entry: FileSystemEntry, prefix: string): Promise<FileToAdd[]> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    return [picked(file, path)];
  }
  if (!entry.isDirectory) return [];
  const children = await readAll((entry as FileSystemDirectoryEntry).createReader());
  const found: FileToAdd[] = [];
  // One folder at a time: a large tree opened all at once would hold too many files open.
  for (const child of children) found.push(...(await walk(child, path)));
  return found;
}

/** readEntries answers in batches (100 in Chromium) until an empty one. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

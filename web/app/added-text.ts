// What adding files did, in words: "Added 3 files, replaced 1 file with a new version."
import type { AddFilesReport } from '../common/sync-client/sync-api.ts';

/** `n` and the noun for it: "1 file", "1,200 files". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

export function addedText(report: AddFilesReport): string {
  const parts: string[] = [];
  if (report.added > 0) parts.push(`added ${plural(report.added, 'file', 'files')}`);
  if (report.replaced > 0) {
    parts.push(`replaced ${plural(report.replaced, 'file', 'files')} with a new version`);
  }
  if (report.foldersCreated > 0) {
    parts.push(`created ${plural(report.foldersCreated, 'folder', 'folders')}`);
  }
  const text = parts.join(', ') || 'nothing to add';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

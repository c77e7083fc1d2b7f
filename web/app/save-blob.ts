// A file's bytes handed to the browser: saved as a download, or opened in a new tab when its type
// is one a tab shows without running anything (see openTypeOf).
import { openTypeOf } from './preview-kind.ts';

/** Object URLs are revoked after this long: enough for the download or the tab to read them. */
const keepUrlMs = 60_000;

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}

/** Opens the bytes in a new tab, or downloads them when that would not be safe or useful. */
export function openBlob(blob: Blob, name: string): void {
  const type = openTypeOf(name);
  if (!type) return saveBlob(blob, name);
  const url = URL.createObjectURL(new Blob([blob], { type }));
  const tab = window.open(url, '_blank');
  if (tab) tab.opener = null;
  // A blocked pop-up must still give the person the file.
  else saveBlob(blob, name);
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}

// The words of the always-visible sync status line, from the sync worker's SyncStatus.
import type { StorageState, SyncStatus } from '../common/sync-client/sync-api.ts';
import { humanSize } from './human-size.ts';

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** The main line: "Up to date", "Syncing 3 of 10 (1.2 MB of 4 MB)", "Offline — 2 changes waiting". */
export function syncStatusText(status: SyncStatus | null): string {
  if (!status || status.phase === 'starting') return 'Getting your files ready…';
  switch (status.phase) {
    case 'up-to-date':
      return status.waiting > 0
        ? `Up to date — ${count(status.waiting, 'change', 'changes')} waiting`
        : 'Up to date';
    case 'syncing': {
      const bytes =
        status.bytesTotal > 0
          ? ` (${humanSize(status.bytesDone)} of ${humanSize(status.bytesTotal)})`
          : '';
      return status.total > 0
        ? `Syncing ${status.done.toLocaleString('en')} of ${status.total.toLocaleString('en')}${bytes}`
        : 'Syncing…';
    }
    case 'offline':
      return status.waiting > 0
        ? `Offline — ${count(status.waiting, 'change', 'changes')} waiting`
        : 'Offline — no changes waiting';
    case 'paused':
      return 'Sync paused: storage almost full';
    case 'error':
      return status.message ? `Sync stopped: ${status.message}` : 'Sync stopped';
  }
}

/** "2 conflicts to look at", or "" when there are none. */
export function conflictsText(status: SyncStatus | null): string {
  const n = status?.conflicts.length ?? 0;
  return n === 0 ? '' : `${count(n, 'conflict', 'conflicts')} to look at`;
}

/** "Storage almost full: 1.9 GB of 2 GB used", or "" while there is room. */
export function storageText(storage: StorageState | null | undefined): string {
  if (!storage?.low) return '';
  return `Storage almost full: ${humanSize(storage.usage)} of ${humanSize(storage.quota)} used`;
}

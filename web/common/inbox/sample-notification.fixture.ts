// Test fixture: a notification as the server sends it, an edit in folder:a, with its id and any changes.
import type { Notification } from '../../../shared/api/notification.ts';

export function sampleNotification(id: number, extra: Partial<Notification> = {}): Notification {
  return {
    id,
    key: 'folder:a',
    command: 'EDIT',
    change: null,
    source: null,
    at: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

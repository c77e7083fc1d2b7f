// Checks a user's right on a key; a key the user may not see at all is "not found", never "forbidden".
import type { KeyRight } from '../../shared/api/keys.ts';
import { HttpError } from '../http-error.ts';
import type { KeyRecord, NotificationStore } from '../store/notification-store.ts';

export async function requireKeyRight(
  store: NotificationStore,
  userId: string,
  key: string,
  right: KeyRight,
): Promise<KeyRecord> {
  const record = await store.getKey(key);
  const rights = record ? await store.rightsOf(userId, key) : [];
  if (!record || rights.length === 0)
    throw new HttpError(404, 'key_not_found', `There is no key "${key}".`);
  if (!rights.includes(right)) {
    throw new HttpError(
      403,
      'forbidden',
      `You may not ${right} to "${key}"; ask its owner, ${record.ownerName}.`,
    );
  }
  return record;
}

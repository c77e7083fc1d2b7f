import { describe, expect, it } from 'vitest';
import { notificationKeySchema } from './keys.ts';
import {
  chatKey,
  chatSubscribersKey,
  folderKey,
  invitesKey,
  parseKey,
  reservedKeyPattern,
} from './notification-keys.ts';

describe('notification keys', () => {
  it('builds keys of the contract grammar, all in the reserved families', () => {
    const keys = [
      folderKey('n_a1'),
      chatKey('n_a1'),
      chatSubscribersKey('n_a1'),
      invitesKey('u_b2'),
    ];
    expect(keys).toEqual([
      'folder:n_a1',
      'chat:n_a1:messages',
      'chat:n_a1:subscribers',
      'user:u_b2:invites',
    ]);
    for (const key of keys) {
      expect(notificationKeySchema.safeParse(key).success, key).toBe(true);
      expect(reservedKeyPattern.test(key), key).toBe(true);
    }
  });

  it('parses each built key back to what it was built from', () => {
    expect(parseKey(folderKey('n_a1'))).toEqual({ kind: 'folder', namespaceId: 'n_a1' });
    expect(parseKey(chatKey('n_a1'))).toEqual({ kind: 'chat', namespaceId: 'n_a1' });
    expect(parseKey(chatSubscribersKey('n_a1'))).toEqual({
      kind: 'chatSubscribers',
      namespaceId: 'n_a1',
    });
    expect(parseKey(invitesKey('u_b2'))).toEqual({ kind: 'invites', userId: 'u_b2' });
  });

  it('answers null for any other key', () => {
    for (const key of ['notes:team', 'chat:lobby', 'chat:lobby:typing', 'user:u_1', 'folders:x'])
      expect(parseKey(key), key).toBeNull();
  });
});

// This browser's choice per notification key: alert, silent or off.
import type { CubbyDatabase } from './open.ts';
import type { FollowMode, FollowRecord } from './schema.ts';

export function listFollows(db: CubbyDatabase): Promise<FollowRecord[]> {
  return db.getAll('follows');
}

export async function followMode(db: CubbyDatabase, key: string): Promise<FollowMode | undefined> {
  return (await db.get('follows', key))?.mode;
}

export async function saveFollow(db: CubbyDatabase, record: FollowRecord): Promise<void> {
  await db.put('follows', record);
}

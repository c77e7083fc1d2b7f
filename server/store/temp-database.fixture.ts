// Test fixture: a fresh SQLite file in a temp folder of its own for each test, deleted after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type SqliteDatabase } from './database.ts';

export interface TempDatabase {
  /** The temp folder, the database file in it, and the open database. */
  dir: string;
  path: string;
  db: SqliteDatabase;
}

/**
 * Opens a fresh database (in a folder named after `prefix`) before each test of the file and closes
 * and deletes it after. The fields are replaced each time: read them inside tests.
 */
export function useTempDatabase(prefix: string): TempDatabase {
  const temp = {} as TempDatabase;
  beforeEach(() => {
    temp.dir = mkdtempSync(join(tmpdir(), prefix));
    temp.path = join(temp.dir, 'cubby.sqlite');
    temp.db = openDatabase(temp.path);
  });
  afterEach(() => {
    temp.db.close();
    rmSync(temp.dir, { recursive: true, force: true });
  });
  return temp;
}

// Opens the browser's database (the only caller of openDB) and migrates it by version.
import { openDB, type IDBPDatabase } from 'idb';
import { databaseName, databaseVersion, type CubbyDb } from './schema.ts';

export type CubbyDatabase = IDBPDatabase<CubbyDb>;

let opening: Promise<CubbyDatabase> | undefined;

/** The database, opened once per page or worker and shared. */
export function openCubbyDb(): Promise<CubbyDatabase> {
  opening ??= openDB<CubbyDb>(databaseName, databaseVersion, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('account');
        db.createObjectStore('client');
        db.createObjectStore('inbox', { keyPath: 'id' }).createIndex('by-read', 'read');
        db.createObjectStore('follows', { keyPath: 'key' });
      }
      if (oldVersion < 2) {
        // The sync worker's trees; the stores of version 1 stay as they are.
        db.createObjectStore('trees', { keyPath: 'name' });
        db.createObjectStore('treeChunks');
        db.createObjectStore('treeLog');
      }
      if (oldVersion < 3) {
        // What the sync worker keeps besides trees.
        db.createObjectStore('namespaces');
        db.createObjectStore('namespaceState', { keyPath: 'namespaceId' });
      }
    },
    // A newer version of the app (another tab, or the next service worker) wants to migrate: let it.
    blocking() {
      void opening?.then((db) => db.close());
      opening = undefined;
    },
    terminated() {
      opening = undefined;
    },
  });
  return opening;
}

// Benchmark baseline worker: trees stored one IndexedDB record per node, read back and rebuilt
// node by node (what a naive client does). Plain JavaScript for the same reason as sync-harness.js.
/* global self, indexedDB */
import { TreeStore, FilenameTable } from '../../shared/tree/index.ts';

const key = new Int32Array([0x00112233, 0x44556677, -0x77665545, -0x33221101]);

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

self.onmessage = async ({ data }) => {
  const db = await request(indexedDB.open(data.database));
  const names = new FilenameTable();
  const trees = await Promise.all(
    data.stores.map(async (store) => {
      const records = await request(db.transaction(store).objectStore(store).getAll());
      const tree = new TreeStore({ rootId: 0, key, names, capacity: records.length });
      // Parents before children: ids grow from the root down in a loaded listing, and records
      // come back in id order.
      for (const r of records) {
        if (r.parent === -1) continue;
        tree.add({
          id: r.id,
          parent: r.parent,
          name: r.name,
          kind: r.kind,
          size: r.size,
          contentHash: r.contentHash,
          mtime: r.mtime,
          rev: r.rev,
        });
      }
      return tree.size;
    }),
  );
  db.close();
  self.postMessage({ trees });
};

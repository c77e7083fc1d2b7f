// An id for a node made on this device before the server gives it its own: unused in every tree of the namespace.
import type { TreeStore } from '../../shared/tree/index.ts';

/** A random id from the upper half of uint32 that none of `trees` holds. */
export function provisionalId(trees: readonly (TreeStore | undefined)[]): number {
  const draw = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(draw);
    const id = (draw[0]! | 0x80000000) >>> 0;
    if (!trees.some((tree) => tree?.has(id))) return id;
  }
}

// How a node's kind is kept in the store's kinds array (one byte per slot).

/** An unused slot, on the free list. */
export const KIND_FREE = 0;
export const KIND_FOLDER = 1;
export const KIND_FILE = 2;

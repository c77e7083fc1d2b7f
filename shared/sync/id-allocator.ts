// Where new file ids come from: the server for what it stores, the device for provisional ones.

/** Hands out file ids no tree uses yet. */
export interface IdAllocator {
  /** An unused uint32 id. */
  next(): number;
}

/** Counts up from `first`: the simulator's and the tests' stand-in for a server's id sequence. */
export class CounterIdAllocator implements IdAllocator {
  private _next: number;

  constructor(first: number) {
    this._next = first;
  }

  next(): number {
    return this._next++;
  }
}

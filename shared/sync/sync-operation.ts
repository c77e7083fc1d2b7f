// What the planner asks for: operations for the device, for the server, and for the sync tree.
import type { NodeKind } from '../tree/index.ts';

/** Where a node is: the seed's DirFileID and file name. */
export interface NodeLocation {
  parent: number;
  name: string;
}

/** What a node holds: the fields the seed's edit check compares. */
export interface NodeContent {
  kind: NodeKind;
  /** Bytes. */
  size: number;
  /** Hex of the first 64 bits of the content hash (all zero for folders). */
  contentHash: string;
}

/**
 * What an operation takes to be true of its side before it runs; the side refuses it otherwise.
 * Server operations name the revision they saw, device operations the content they saw.
 */
export interface OperationAssumption {
  /** The node is not on that side yet (creates). */
  absent?: true;
  /** Where the node is now (moves). */
  parent?: number;
  name?: string;
  /** The content revision seen (server edits and deletes; moves leave revisions alone). */
  rev?: number;
  /** The content hash seen (device operations on existing nodes). */
  contentHash?: string;
  /** A folder has no children left (deletes of folders). */
  empty?: true;
}

interface OperationBase {
  /** Stable identity of what is asked: equal keys in two plans mean the same operation. */
  key: string;
  /** File id of the node; for creates on the server, the device's (provisional) id. */
  id: number;
  assumes: OperationAssumption;
}

/**
 * Operations for the device (the local tree follows them). A move with `temporary` breaks a ring
 * of nodes waiting for each other's names (a swap): the node steps aside to a temporary name, and
 * the sync tree follows it there so the step does not read as a change of its own.
 */
export type DeviceOperation = OperationBase & { side: 'local' } & (
    | { type: 'download'; location: NodeLocation; content: NodeContent; rev: number }
    | { type: 'createFolder'; location: NodeLocation }
    | { type: 'move'; location: NodeLocation; temporary?: true }
    /** Deletes a file, or a folder once empty; `size` is the file's bytes. */
    | { type: 'delete'; size: number }
    /** Edit-edit conflict: rename the device's version to `name` and give it a new id. */
    | { type: 'keepConflictedCopy'; name: string }
    /**
     * The device made the same file (same content) or folder the server has at the same place:
     * its node takes the server's id (and the server's spelling of the name), no copy is made.
     */
    | { type: 'adopt'; serverId: number; name: string }
  );

/**
 * Operations for the server (the remote tree follows them). `upload` is a new file: content
 * blocks, then the commit adding it at `location`; `add` a new folder; `edit` new content for an
 * existing file; `move` and `delete` as on the device.
 */
export type ServerOperation = OperationBase & { side: 'remote' } & (
    | { type: 'upload'; location: NodeLocation; content: NodeContent }
    | { type: 'add'; location: NodeLocation }
    | { type: 'edit'; content: NodeContent }
    | { type: 'move'; location: NodeLocation; temporary?: true }
    | { type: 'delete'; size: number }
  );

/** Bookkeeping, no I/O: both sides agree on a node, so the sync tree takes their state. */
export type SyncRecordOperation = OperationBase & {
  side: 'sync';
  type: 'record';
  /** Breaks a ring in the sync tree: its node steps aside to this place first. */
  stepAside?: NodeLocation;
};

export type SyncOperation = DeviceOperation | ServerOperation | SyncRecordOperation;

/** What the server answered for a server operation, or the device for a conflicted copy. */
export interface OperationOutcome {
  /**
   * The id the node has now: the server may assign a new one to an upload or add; the device
   * gives a conflicted copy a new provisional one.
   */
  id?: number;
  /** The server's revision of the node after the operation. */
  rev?: number;
}

// What the sync worker keeps besides its trees: the namespaces as last seen and each one's state.
import type { CubbyDatabase } from './open.ts';
import type { NamespaceRecord, NamespaceStateRecord } from './schema.ts';

/** The worker's small records; one small record per namespace, never per file. */
export interface SyncStateStore {
  namespaces(): Promise<NamespaceRecord[]>;
  saveNamespaces(namespaces: NamespaceRecord[]): Promise<void>;
  state(namespaceId: string): Promise<NamespaceStateRecord>;
  /** Changes one namespace's record in one transaction (read, change, write). */
  updateState(
    namespaceId: string,
    change: (state: NamespaceStateRecord) => void,
  ): Promise<NamespaceStateRecord>;
  deleteState(namespaceId: string): Promise<void>;
}

export function emptyState(namespaceId: string): NamespaceStateRecord {
  return { namespaceId, linked: null, conflicts: [], uploads: {} };
}

export class IdbSyncStateStore implements SyncStateStore {
  constructor(private readonly _open: () => Promise<CubbyDatabase>) {}

  async namespaces(): Promise<NamespaceRecord[]> {
    return (await (await this._open()).get('namespaces', 'namespaces')) ?? [];
  }

  async saveNamespaces(namespaces: NamespaceRecord[]): Promise<void> {
    await (await this._open()).put('namespaces', namespaces, 'namespaces');
  }

  async state(namespaceId: string): Promise<NamespaceStateRecord> {
    return (
      (await (await this._open()).get('namespaceState', namespaceId)) ?? emptyState(namespaceId)
    );
  }

  async updateState(
    namespaceId: string,
    change: (state: NamespaceStateRecord) => void,
  ): Promise<NamespaceStateRecord> {
    const tx = (await this._open()).transaction('namespaceState', 'readwrite');
    const state = (await tx.store.get(namespaceId)) ?? emptyState(namespaceId);
    change(state);
    await Promise.all([tx.store.put(state), tx.done]);
    return state;
  }

  async deleteState(namespaceId: string): Promise<void> {
    await (await this._open()).delete('namespaceState', namespaceId);
  }
}

/** The same in memory, for tests under Node. */
export class MemorySyncStateStore implements SyncStateStore {
  private _namespaces: NamespaceRecord[] = [];
  private readonly _states = new Map<string, NamespaceStateRecord>();

  async namespaces(): Promise<NamespaceRecord[]> {
    return structuredClone(this._namespaces);
  }

  async saveNamespaces(namespaces: NamespaceRecord[]): Promise<void> {
    this._namespaces = structuredClone(namespaces);
  }

  async state(namespaceId: string): Promise<NamespaceStateRecord> {
    return structuredClone(this._states.get(namespaceId) ?? emptyState(namespaceId));
  }

  async updateState(
    namespaceId: string,
    change: (state: NamespaceStateRecord) => void,
  ): Promise<NamespaceStateRecord> {
    const state = await this.state(namespaceId);
    change(state);
    this._states.set(namespaceId, structuredClone(state));
    return state;
  }

  async deleteState(namespaceId: string): Promise<void> {
    this._states.delete(namespaceId);
  }
}

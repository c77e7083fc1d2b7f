// This device's side of Cubby, shared by the models: the API client, the local database, the
// account signed in and this browser's client record as kept there, and the live link to the
// other tabs (set by the session while signed in).
import { ApiClient } from '../common/api/api-client.ts';
import { updateClient } from '../common/db/local-session.ts';
import { openCubbyDb, type CubbyDatabase } from '../common/db/open.ts';
import type { AccountRecord, ClientRecord } from '../common/db/schema.ts';
import type { LiveMessage } from '../common/live/live-channel.ts';
import type { LiveLink } from '../live-link/live-link.ts';

export class Device {
  readonly api = new ApiClient();
  account: AccountRecord | null = null;
  client: ClientRecord | null = null;
  link: LiveLink | null = null;
  private _db: CubbyDatabase | null = null;

  async database(): Promise<CubbyDatabase> {
    this._db ??= await openCubbyDb();
    return this._db;
  }

  /** The database if it is open already (the live link needs one that is). */
  get openDatabase(): CubbyDatabase | null {
    return this._db;
  }

  requireClient(): ClientRecord {
    if (!this.client) throw new Error('Sign in first.');
    return this.client;
  }

  /** Changes the client record kept here, and `client` with it. */
  async updateClient(patch: Parameters<typeof updateClient>[1]): Promise<void> {
    this.client = (await updateClient(await this.database(), patch)) ?? null;
  }

  /** Tells this person's other Cubby tabs (nothing while no link runs). */
  tellTabs(message: LiveMessage): void {
    this.link?.post(message);
  }
}

// Removes blobs no node references (after a grace period, so an upload can still be committed) and
// uploads abandoned half-way.
import { BackgroundPass } from '../background-pass.ts';
import type { BlobStore } from './blob-store.ts';
import type { ContentStore } from './content-store.ts';

export class BlobCollector {
  private readonly _pass = new BackgroundPass('blob collection', () => this.run());

  constructor(
    private readonly _store: ContentStore,
    private readonly _blobs: BlobStore,
    private readonly _graceMs: number,
    private readonly _now: () => number = Date.now,
  ) {}

  async run(): Promise<{ blobs: number; uploads: number }> {
    const cutoff = this._now() - this._graceMs;
    const blobs = await this._store.takeUnreferencedBlobs(cutoff);
    for (const sha of blobs) this._blobs.remove(sha);
    // An upload is abandoned when untouched for a week.
    const uploads = await this._store.staleUploads(this._now() - 7 * 86_400_000);
    for (const id of uploads) {
      this._blobs.removeUpload(id);
      await this._store.deleteUpload(id);
    }
    return { blobs: blobs.length, uploads: uploads.length };
  }

  start(everyMs: number): void {
    this._pass.start(everyMs);
  }

  stop(): void {
    this._pass.stop();
  }
}

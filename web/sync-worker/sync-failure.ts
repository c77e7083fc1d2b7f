// A failure of the sync worker's own (a local check, a call out of order), with a code from one union.
import type { SyncFailureCode } from '../common/sync-client/sync-failure-code.ts';

/**
 * What the worker throws when it refuses something itself, as Workbox's `WorkboxError` does: no
 * HTTP status (none was involved), a code the page can act on, and words for the person.
 */
export class SyncFailure extends Error {
  readonly code: SyncFailureCode;

  constructor(code: SyncFailureCode, message: string) {
    super(message);
    this.name = 'SyncFailure';
    this.code = code;
  }
}

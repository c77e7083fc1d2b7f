// A failed action in words the person understands: what could not be done, and why.
import { ApiError } from '../common/api/api-error.ts';
import { SyncWorkerError } from '../common/sync-client/sync-worker-error.ts';

const offline =
  'Cubby cannot reach its server right now (you may be offline). Try again when you are back online.';

/** True for a failure the caller asked for (an abort): nothing to tell the person. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Whether the failure only means the server could not be reached. */
export function isOffline(err: unknown): boolean {
  return (err instanceof ApiError || err instanceof SyncWorkerError) && err.code === 'network';
}

/** `doing` is the action in words, e.g. "Could not rename “a.txt”". */
export function failureText(doing: string, err: unknown): string {
  if (isOffline(err)) return `${doing}: ${offline}`;
  const message = err instanceof Error && err.message ? err.message : 'something went wrong.';
  return `${doing}: ${message}`;
}

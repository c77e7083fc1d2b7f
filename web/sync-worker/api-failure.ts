// Turns a failed fetch or an error answer into the ApiError every caller of the API gets.
import type { ApiErrorBody } from '../../shared/api/errors.ts';
import { ApiError, plainMessage } from '../common/api/api-error.ts';

const unreachable = 'Cubby cannot reach its server; the sync waits until it is back.';

/** The error for an answer that is not ok, with the contract's code and message. */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  const data = (await res.json().catch(() => null)) as ApiErrorBody | null;
  const error = data?.error;
  return new ApiError(
    res.status,
    error?.code ?? 'internal',
    error ? plainMessage(error.message) : `The server answered ${res.status}; try again soon.`,
  );
}

/** The error for a request that never got an answer: the abort reason if it was aborted. */
export function fetchFailure(err: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  return new ApiError(0, 'network', unreachable, { cause: err });
}

/** Worth trying again: the server was not reached, was busy, or failed on its side. */
export function isTransient(err: unknown): boolean {
  return (
    err instanceof ApiError && (err.code === 'network' || err.status === 429 || err.status >= 500)
  );
}

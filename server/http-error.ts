// The one way routes fail: an HTTPException carrying the contract's error code.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../shared/api/errors.ts';

export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  /** Extra response headers, such as Retry-After. */
  headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string) {
    super(status, { message });
    this.code = code;
  }
}

export function apiError(status: ContentfulStatusCode, code: ErrorCode, message: string): ApiError {
  return new ApiError(status, code, message);
}

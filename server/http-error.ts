// The one way routes fail: an HTTPException carrying the contract's error code.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../shared/api/errors.ts';

export class HttpError extends HTTPException {
  readonly code: ErrorCode;
  /** Extra response headers, such as Retry-After. */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    headers?: Readonly<Record<string, string>>,
  ) {
    super(status, { message });
    this.code = code;
    this.headers = headers;
  }
}

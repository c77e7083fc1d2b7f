// An API call that failed: the contract's error code and the server's message, in plain words.
import type { ErrorCode } from '../../../shared/api/errors.ts';

/** `network` when the server could not be reached at all (offline, or the server is down). */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;

  constructor(status: number, code: ApiErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** True when the server was not reached: the caller should wait for the network, not give up. */
  get offline(): boolean {
    return this.code === 'network';
  }
}

/**
 * The server names the field of a validation error ("password: Passwords need…"); people need the
 * sentence only.
 */
export function plainMessage(message: string): string {
  return message.replace(/^[a-z][A-Za-z0-9_.]*: /, '');
}

// The platform's AbortController as sync uses it: shared/ compiles without DOM types, so the shape is declared here.

/** The part of AbortSignal sync relies on; a platform AbortSignal is one, and can go to fetch. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
}

export interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

/** A platform AbortController (browsers, workers and Node all have one). */
export function newAbortController(): AbortControllerLike {
  const platform = globalThis as unknown as { AbortController?: new () => AbortControllerLike };
  if (platform.AbortController === undefined) {
    throw new Error('This runtime has no AbortController.');
  }
  return new platform.AbortController();
}

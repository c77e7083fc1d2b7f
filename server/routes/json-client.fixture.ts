// Test fixture: JSON requests over any sender (app.request() or fetch), the answer parsed when it is JSON.

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface JsonCallOptions {
  /** Adds the bearer header. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as it is, when there is no `body`. */
  raw?: string;
}

/** Sends one request to `path`: in-process or over HTTP, as the caller decides. */
export type SendRequest = (path: string, init: RequestInit) => Promise<Response>;

async function _callJson<T>(
  send: SendRequest,
  method: string,
  path: string,
  options: JsonCallOptions,
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await send(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * `call` (JSON; `token` adds the bearer header) and `signUp` (answers the new user's token and id)
 * against whatever `sendFor` makes of their first argument: an in-process app or a server's URL.
 */
export function jsonClient<Target>(sendFor: (target: Target) => SendRequest) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = <T = any>(
    target: Target,
    method: string,
    path: string,
    options: JsonCallOptions = {},
  ) => _callJson<T>(sendFor(target), method, path, options);
  const signUp = async (target: Target, username: string, password = 'correct horse battery') => {
    const res = await call(target, 'POST', '/api/auth/signup', { body: { username, password } });
    if (res.status !== 201)
      throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.token as string, id: res.body.user.id as string, username };
  };
  return { call, signUp };
}

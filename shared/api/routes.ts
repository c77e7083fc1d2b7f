// The HTTP contract's route table: every route's method and Hono pattern, written once. The server
// registers these patterns; clients build request paths from them with pathFor.

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route<Pattern extends string = string> {
  readonly method: Method;
  /** A Hono path pattern: `:name` stands for one path segment. */
  readonly pattern: Pattern;
}

function route<const M extends Method, const P extends `/api/${string}`>(method: M, pattern: P) {
  return { method, pattern };
}

/** Every route the server answers, by what it does; docs/http-contract.md describes each one. */
export const routes = {
  health: route('GET', '/api/health'),
  pushPublicKey: route('GET', '/api/push/public-key'),

  signUp: route('POST', '/api/auth/signup'),
  logIn: route('POST', '/api/auth/login'),
  logOut: route('POST', '/api/auth/logout'),

  defineKey: route('POST', '/api/keys'),
  listKeys: route('GET', '/api/keys'),
  grantKey: route('PUT', '/api/keys/:key/grants'),

  registerClient: route('POST', '/api/clients'),
  listClients: route('GET', '/api/clients'),
  getClient: route('GET', '/api/clients/:id'),
  deleteClient: route('DELETE', '/api/clients/:id'),
  updateClientKeys: route('PUT', '/api/clients/:id/keys'),
  clientEvents: route('GET', '/api/clients/:id/events'),
  reconnect: route('POST', '/api/clients/:id/reconnect'),
  savePushSubscription: route('PUT', '/api/clients/:id/push'),
  deletePushSubscription: route('DELETE', '/api/clients/:id/push'),

  publish: route('POST', '/api/events'),

  listNamespaces: route('GET', '/api/namespaces'),
  createNamespace: route('POST', '/api/namespaces'),
  commit: route('POST', '/api/ns/:ns/ops'),
  changes: route('GET', '/api/ns/:ns/changes'),
  snapshot: route('GET', '/api/ns/:ns/snapshot'),
  digest: route('GET', '/api/ns/:ns/digest'),

  listMembers: route('GET', '/api/ns/:ns/members'),
  invite: route('POST', '/api/ns/:ns/members'),
  removeMember: route('DELETE', '/api/ns/:ns/members/:userId'),
  listInvites: route('GET', '/api/invites'),
  acceptInvite: route('POST', '/api/invites/:id/accept'),
  declineInvite: route('POST', '/api/invites/:id/decline'),
  withdrawInvite: route('DELETE', '/api/invites/:id'),
  listChat: route('GET', '/api/ns/:ns/chat'),
  postChat: route('POST', '/api/ns/:ns/chat'),

  putBlob: route('PUT', '/api/blobs/:sha256'),
  getBlob: route('GET', '/api/blobs/:sha256'),
  createUpload: route('POST', '/api/uploads'),
  getUpload: route('GET', '/api/uploads/:id'),
  appendUpload: route('PUT', '/api/uploads/:id'),
  finishUpload: route('POST', '/api/uploads/:id/finish'),
  cancelUpload: route('DELETE', '/api/uploads/:id'),
} as const;

/** The `:name`s of a pattern, as a union: `'ns' | 'userId'` for `/api/ns/:ns/members/:userId`. */
export type ParamName<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamName<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's path parameters by name; none for a pattern without `:name`s. */
export type PathParams<P extends string> = Readonly<Record<ParamName<P>, string>>;

/** Query values; an undefined one is left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** Accepts a route only if its pattern has no `:name`s. */
type WithoutParams<P extends string> = [ParamName<P>] extends [never] ? Route<P> : never;

/**
 * The path of `route` with each `:name` replaced by its parameter, URI-encoded, and `query`
 * appended: `pathFor(routes.getClient, { id: 'c_1' })` is `/api/clients/c_1`.
 */
export function pathFor<P extends string>(
  route: WithoutParams<P>,
  params?: PathParams<P>,
  query?: Query,
): string;
export function pathFor<P extends string>(
  route: Route<P>,
  params: PathParams<P>,
  query?: Query,
): string;
export function pathFor(
  route: Route,
  params: Readonly<Record<string, string>> = {},
  query: Query = {},
): string {
  const path = route.pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.pattern} needs :${name}.`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query).flatMap(([name, value]) =>
    value === undefined ? [] : [`${encodeURIComponent(name)}=${encodeURIComponent(value)}`],
  );
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

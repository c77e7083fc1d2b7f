// Every route of the HTTP contract, written once for the server and the web client.

export const routes = {
  signup: '/api/auth/signup',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  health: '/api/health',
  keys: '/api/keys',
  keyGrants: (key: string) => `/api/keys/${encodeURIComponent(key)}/grants`,
  clients: '/api/clients',
  client: (id: string) => `/api/clients/${encodeURIComponent(id)}`,
  clientKeys: (id: string) => `/api/clients/${encodeURIComponent(id)}/keys`,
  clientEvents: (id: string) => `/api/clients/${encodeURIComponent(id)}/events`,
  clientReconnect: (id: string) => `/api/clients/${encodeURIComponent(id)}/reconnect`,
  clientPush: (id: string) => `/api/clients/${encodeURIComponent(id)}/push`,
  events: '/api/events',
  pushPublicKey: '/api/push/public-key',
} as const;

/** The session cookie's name. */
export const sessionCookieName = 'cubby_session';

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
  namespaces: '/api/namespaces',
  nsChanges: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/changes`,
  nsSnapshot: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/snapshot`,
  nsOps: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/ops`,
  nsDigest: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/digest`,
  nsMembers: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/members`,
  nsMember: (ns: string, userId: string) =>
    `/api/ns/${encodeURIComponent(ns)}/members/${encodeURIComponent(userId)}`,
  nsChat: (ns: string) => `/api/ns/${encodeURIComponent(ns)}/chat`,
  invites: '/api/invites',
  invite: (id: string) => `/api/invites/${encodeURIComponent(id)}`,
  inviteAccept: (id: string) => `/api/invites/${encodeURIComponent(id)}/accept`,
  inviteDecline: (id: string) => `/api/invites/${encodeURIComponent(id)}/decline`,
  blob: (sha256: string) => `/api/blobs/${sha256}`,
  uploads: '/api/uploads',
  upload: (id: string) => `/api/uploads/${encodeURIComponent(id)}`,
  uploadFinish: (id: string) => `/api/uploads/${encodeURIComponent(id)}/finish`,
} as const;

/** The session cookie's name. */
export const sessionCookieName = 'cubby_session';

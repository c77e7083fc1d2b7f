// The Hono environment every route shares: Node bindings and the signed-in user.
import type { HttpBindings } from '@hono/node-server';
import type { User } from '../shared/api/auth.ts';

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: { user: User; tokenHash: string };
}

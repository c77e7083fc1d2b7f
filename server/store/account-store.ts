// What the server needs to keep accounts and sessions, whatever database holds them.
import type { User } from '../../shared/api/auth.ts';

export interface AccountStore {
  /** Creates a user; null when the username is taken. */
  createUser(user: {
    id: string;
    username: string;
    passwordHash: string;
    now: number;
  }): Promise<User | null>;
  findUserByName(username: string): Promise<{ user: User; passwordHash: string } | null>;
  createSession(session: {
    tokenHash: string;
    userId: string;
    now: number;
    expiresAt: number;
  }): Promise<void>;
  /** The user of a live session; null for an unknown or expired token hash. */
  findSession(tokenHash: string, now: number): Promise<User | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
}

// Accounts: sign up, log in, log out.
import { z } from 'zod';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{2,31}$/,
    'Usernames are 3 to 32 characters: letters, digits, ".", "_" or "-", starting with a letter or digit.',
  );

export const passwordSchema = z
  .string()
  .min(8, 'Passwords need at least 8 characters.')
  .max(256, 'Passwords can be at most 256 characters.');

export const credentialsSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** The session cookie's name: the browser's way to send the token. */
export const sessionCookieName = 'cubby_session';

export interface User {
  id: string;
  username: string;
}

/** Answer to signup (201) and login (200). */
export interface SessionAnswer {
  user: User;
  token: string;
}

// Sharing and chat: invite members, answer invitations, remove members, and a chat per shared folder.
import { Hono } from 'hono';
import { chatPostSchema, inviteSchema } from '../../shared/api/content.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';
import { intQuery } from './content-routes.ts';

export function sharingRoutes(services: Services) {
  const { content, accounts } = services;
  const findUser = async (name: string) => (await accounts.findUserByName(name))?.user ?? null;
  const signedIn = requireUser(services);
  return new Hono<AppEnv>()
    .on(...at(routes.listMembers), signedIn, async (c) =>
      c.json({ members: await content.members(c.get('user'), c.req.param('ns')) }),
    )
    .on(...at(routes.invite), signedIn, ...jsonBody(inviteSchema), async (c) => {
      const { username, role } = c.req.valid('json');
      return c.json(
        await content.invite(c.get('user'), c.req.param('ns'), username, role, findUser),
        201,
      );
    })
    .on(...at(routes.removeMember), signedIn, async (c) => {
      await content.removeMember(c.get('user'), c.req.param('ns'), c.req.param('userId'));
      return c.body(null, 204);
    })
    .on(...at(routes.listInvites), signedIn, async (c) =>
      c.json({ invites: await content.invites(c.get('user')) }),
    )
    .on(...at(routes.acceptInvite), signedIn, async (c) =>
      c.json(await content.answerInvite(c.get('user'), c.req.param('id'), 'accept')),
    )
    .on(...at(routes.declineInvite), signedIn, async (c) =>
      c.json(await content.answerInvite(c.get('user'), c.req.param('id'), 'decline')),
    )
    .on(...at(routes.withdrawInvite), signedIn, async (c) => {
      await content.answerInvite(c.get('user'), c.req.param('id'), 'withdraw');
      return c.body(null, 204);
    })
    .on(...at(routes.postChat), signedIn, ...jsonBody(chatPostSchema), async (c) =>
      c.json(
        await content.postChat(c.get('user'), c.req.param('ns'), c.req.valid('json').text),
        201,
      ),
    )
    .on(...at(routes.listChat), signedIn, async (c) => {
      const after = intQuery(c.req.query('after'), 'after', 0);
      const limit = intQuery(c.req.query('limit'), 'limit', 100, 1000) || 1;
      return c.json(await content.chat(c.get('user'), c.req.param('ns'), after, limit));
    });
}

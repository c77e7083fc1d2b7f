// Sharing and chat: invite members, answer invitations, remove members, and a chat per shared folder.
import { Hono } from 'hono';
import { chatPostSchema, inviteSchema } from '../../shared/api/content.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { intQuery } from './content-routes.ts';

export function sharingRoutes(services: Services) {
  const { content, accounts } = services;
  const findUser = async (name: string) => (await accounts.findUserByName(name))?.user ?? null;
  return new Hono<AppEnv>()
    .use(routes.invites, requireUser(services))
    .use('/api/invites/*', requireUser(services))
    .use('/api/ns/:ns/members', requireUser(services))
    .use('/api/ns/:ns/members/*', requireUser(services))
    .use('/api/ns/:ns/chat', requireUser(services))
    .get('/api/ns/:ns/members', async (c) =>
      c.json({ members: await content.members(c.get('user'), c.req.param('ns')) }),
    )
    .post('/api/ns/:ns/members', ...jsonBody(inviteSchema), async (c) => {
      const { username, role } = c.req.valid('json');
      return c.json(
        await content.invite(c.get('user'), c.req.param('ns'), username, role, findUser),
        201,
      );
    })
    .delete('/api/ns/:ns/members/:userId', async (c) => {
      await content.removeMember(c.get('user'), c.req.param('ns'), c.req.param('userId'));
      return c.body(null, 204);
    })
    .get(routes.invites, async (c) => c.json({ invites: await content.invites(c.get('user')) }))
    .post('/api/invites/:id/accept', async (c) =>
      c.json(await content.answerInvite(c.get('user'), c.req.param('id'), 'accept')),
    )
    .post('/api/invites/:id/decline', async (c) =>
      c.json(await content.answerInvite(c.get('user'), c.req.param('id'), 'decline')),
    )
    .delete('/api/invites/:id', async (c) => {
      await content.answerInvite(c.get('user'), c.req.param('id'), 'withdraw');
      return c.body(null, 204);
    })
    .post('/api/ns/:ns/chat', ...jsonBody(chatPostSchema), async (c) =>
      c.json(
        await content.postChat(c.get('user'), c.req.param('ns'), c.req.valid('json').text),
        201,
      ),
    )
    .get('/api/ns/:ns/chat', async (c) => {
      const after = intQuery(c.req.query('after'), 'after', 0);
      const limit = intQuery(c.req.query('limit'), 'limit', 100, 1000) || 1;
      return c.json(await content.chat(c.get('user'), c.req.param('ns'), after, limit));
    });
}

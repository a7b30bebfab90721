import {
  BearerAuth,
  PushKey,
  PushSettingsBody,
  PushSubscriptionBody,
  PushUnsubscribeBody,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { PushRepository } from './push.repository.ts';
import { checkSettings, checkSubscription } from './push-rules.ts';

const tags = ['push'];
/** Browsers (and devices) one user may have subscribed at once. */
const SUBSCRIPTIONS_MAX = 20;

/**
 * REST edge of Web Push: the server's public key to subscribe with, a browser's subscription
 * (stored for its user; again: refreshed), forgetting it, and the user's settings.
 */
export function registerPushRoutes(
  app: FastifyInstance,
  deps: {
    repo: PushRepository;
    publicKey: string | undefined;
    /** Plain-http endpoints on this machine (a local test push service), outside production. */
    allowLocalHttp: boolean;
    auth: RouteAuth;
    writeLimit: preHandlerHookHandler;
  },
): void {
  const { repo, auth } = deps;
  const preHandler = [auth.authenticate, deps.writeLimit];

  app.get(
    '/api/push/key',
    { preHandler: auth.authenticate, schema: { tags, security: BearerAuth, response: { 200: PushKey } } },
    async () => {
      if (!deps.publicKey) throw Errors.unavailable('Push notifications are not configured on this server');
      return { publicKey: deps.publicKey };
    },
  );

  app.post<{ Body: PushSubscriptionBody }>(
    '/api/push/subscriptions',
    { preHandler, schema: { tags, security: BearerAuth, body: PushSubscriptionBody } },
    async (req, reply) => {
      const userId = auth.userIdOf(req);
      const subscription = checkSubscription(req.body, deps.allowLocalHttp);
      if ((await repo.count(userId)) >= SUBSCRIPTIONS_MAX) {
        throw Errors.conflict(
          `At most ${SUBSCRIPTIONS_MAX} browsers can get notifications; remove one first`,
        );
      }
      await repo.subscribe(userId, subscription);
      return reply.code(201).send();
    },
  );

  app.delete<{ Body: PushUnsubscribeBody }>(
    '/api/push/subscriptions',
    { preHandler, schema: { tags, security: BearerAuth, body: PushUnsubscribeBody } },
    async (req, reply) => {
      await repo.unsubscribe(auth.userIdOf(req), req.body.endpoint);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/push/settings',
    {
      preHandler: auth.authenticate,
      schema: { tags, security: BearerAuth, response: { 200: PushSettingsBody } },
    },
    async (req) => repo.settings(auth.userIdOf(req)),
  );

  app.put<{ Body: PushSettingsBody }>(
    '/api/push/settings',
    {
      preHandler,
      schema: { tags, security: BearerAuth, body: PushSettingsBody, response: { 200: PushSettingsBody } },
    },
    async (req) => {
      const settings = checkSettings(req.body);
      await repo.saveSettings(auth.userIdOf(req), settings);
      return settings;
    },
  );
}

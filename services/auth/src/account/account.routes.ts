import type { ChangePasswordBody, SessionInfo, SessionParams } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import type { SessionService } from '../sessions/session.service.ts';
import { changePasswordSchema, listSessionsSchema, revokeSessionSchema } from './account.schema.ts';
import { describeDevice } from './device.ts';
import type { PasswordChangeService } from './password-change.service.ts';

/** The sessions list shows at most this many (the most recently used). */
export const SESSION_LIST_MAX = 100;

export interface AccountRouteDeps {
  passwords: PasswordChangeService;
  sessions: SessionService;
  guards: AuthGuards;
  bodyLimit: number;
}

/** My password and my sessions: `POST /api/auth/password`, `GET|DELETE /api/auth/sessions[/{id}]`. */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountRouteDeps) {
  const { passwords, sessions, guards, bodyLimit } = deps;
  const preHandler = guards.authenticate;

  app.post<{ Body: ChangePasswordBody }>(
    '/api/auth/password',
    { schema: changePasswordSchema, preHandler, bodyLimit },
    async (req, reply) => {
      await passwords.change(principalOf(req), req.body);
      return reply.code(204).send();
    },
  );

  app.get('/api/auth/sessions', { schema: listSessionsSchema, preHandler }, async (req) => {
    const me = principalOf(req);
    const rows = await sessions.list(me.userId, SESSION_LIST_MAX);
    return rows.map(
      (r): SessionInfo => ({
        id: r.id,
        current: r.id === me.sid,
        device: describeDevice(r.user_agent),
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at.toISOString(),
      }),
    );
  });

  app.delete<{ Params: SessionParams }>(
    '/api/auth/sessions/:id',
    { schema: revokeSessionSchema, preHandler },
    async (req, reply) => {
      // Someone else's session, an ended one and an unknown id all look the same.
      const id = req.params.id.toLowerCase();
      if (!(await sessions.revokeOwn(principalOf(req).userId, id))) throw Errors.notFound('Session');
      return reply.code(204).send();
    },
  );
}

import type { AuthGuards } from '@chat/security';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  type DeadLettersQuery,
  listConsumersSchema,
  listDeadLettersSchema,
  type RedriveBody,
  redriveSchema,
} from './admin.schema.ts';
import type { EventLogAdmin } from './event-log-admin.ts';

const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Operations of the whole process under /api/admin (ROLE_ADMIN). The guard runs before
 * validation, so callers without the role learn nothing about the parameters.
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deps: { admin: EventLogAdmin; guards: AuthGuards },
) {
  const { admin, guards } = deps;
  const preValidation = guards.requireAdmin;
  app.get<{ Querystring: Static<typeof DeadLettersQuery> }>(
    '/api/admin/dead-letters',
    { schema: listDeadLettersSchema, preValidation },
    async (req) => admin.listDeadLetters(req.query),
  );
  app.post<{ Body: Static<typeof RedriveBody> }>(
    '/api/admin/dead-letters/redrive',
    { schema: redriveSchema, preValidation, bodyLimit: BODY_LIMIT_BYTES },
    async (req) => admin.redrive(req.body, req.body.ids),
  );
  app.get('/api/admin/consumers', { schema: listConsumersSchema, preValidation }, async () =>
    admin.listConsumers(),
  );
}

import type { Infrastructure } from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin.routes.ts';
import { createEventLogAdmin } from './event-log-admin.ts';

/** Mounts /api/admin (dead letters, consumer groups) for this process's infrastructure. */
export function mountAdmin(app: FastifyInstance, deps: { infra: Infrastructure; guards: AuthGuards }): void {
  const admin = createEventLogAdmin({ log: deps.infra.log, consumers: deps.infra.consumers });
  registerAdminRoutes(app, { admin, guards: deps.guards });
}

import { AppError, type Infrastructure } from '@chat/platform';
import type { AuthGuards } from '@chat/security';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin.routes.ts';
import { createEventLogAdmin } from './event-log-admin.ts';

/**
 * Mounts /api/admin (dead letters, consumer groups) for this process's infrastructure. A process
 * that keeps no event log (the gateway alone) has nothing to show: every admin path answers 404
 * saying where the API is, rather than an empty list that would look like a healthy system.
 */
export function mountAdmin(app: FastifyInstance, deps: { infra: Infrastructure; guards: AuthGuards }): void {
  if (deps.infra.log.adapter === 'none') {
    const elsewhere = async (): Promise<never> => {
      throw new AppError(
        'NOT_FOUND',
        'This process runs only the gateway and keeps no event log: use the admin API of a service node',
      );
    };
    app.all('/api/admin', { schema: { hide: true } }, elsewhere);
    app.all('/api/admin/*', { schema: { hide: true } }, elsewhere);
    return;
  }
  const admin = createEventLogAdmin({ log: deps.infra.log, consumers: deps.infra.consumers });
  registerAdminRoutes(app, { admin, guards: deps.guards });
}

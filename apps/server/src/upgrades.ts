import { Errors } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

/**
 * A WebSocket endpoint asked for with a plain GET (no `Upgrade: websocket`): 400 saying what to
 * send instead, as servlet containers and Spring answer, rather than the 404 of an unknown path.
 */
export function answerPlainGets(app: FastifyInstance, paths: readonly string[]): void {
  for (const path of new Set(paths)) {
    app.get(path, { schema: { hide: true } }, async () => {
      throw Errors.notAnUpgrade(path);
    });
  }
}

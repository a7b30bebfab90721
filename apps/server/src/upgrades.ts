import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type AppError, Errors, writeErrorResponse } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Answers an upgrade the server will not take with a plain HTTP response in the contract's error
 * shape, then closes once it is written: a client sees why (a dropped socket tells it nothing).
 */
export function refuseUpgrade(req: IncomingMessage, socket: Duplex, error: AppError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // 503 while stopping: another node (or this one, restarted) takes the retry.
  writeErrorResponse(socket, error, req.url ?? '/', error.status === 503 ? { 'retry-after': '1' } : {});
  socket.once('finish', () => socket.destroy());
  socket.end();
}

/** The answer to an upgrade of a path no module takes. */
export const unknownUpgradePath = (path: string) => Errors.notFound(`WebSocket endpoint ${path}`);

/** The answer to an upgrade while the server stops. */
export const stoppingForUpgrades = () => Errors.unavailable('The server is shutting down: connect again');

/**
 * A WebSocket endpoint asked for with a plain GET (no `Upgrade: websocket`): 400 saying what to
 * send instead, as servlet containers and Spring answer, rather than the 404 of an unknown path.
 */
export function answerPlainGets(app: FastifyInstance, paths: readonly string[]): void {
  for (const path of new Set(paths)) {
    app.get(path, { schema: { hide: true } }, async () => {
      throw Errors.badRequest(
        `${path} is a WebSocket endpoint: open it with Upgrade: websocket (STOMP subprotocols v12.stomp, v11.stomp, v10.stomp)`,
      );
    });
  }
}

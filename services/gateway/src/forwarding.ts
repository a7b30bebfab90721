import type { IncomingHttpHeaders } from 'node:http';
import { forwardedFor } from '@chat/platform';
import type { FastifyRequest } from 'fastify';

/**
 * The request headers an upstream receives: the client's, with X-Forwarded-For rebuilt from the
 * trusted chain only (an untrusted peer's X-Forwarded-For is dropped, so a client cannot choose
 * the address the services limit on), X-Forwarded-Proto/-Host, and the request id.
 */
export function upstreamHeaders(req: FastifyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return {
    ...headers,
    'x-forwarded-for': forwardedFor(req.ips ?? [req.ip]),
    'x-forwarded-proto': req.protocol,
    'x-forwarded-host': req.host,
    'x-request-id': req.id,
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/**
 * Refuses a request with more than one Host header (Node's parser keeps the first and drops the
 * rest, while a proxy in front may have routed on another: a smuggling vector), and closes the
 * connection after answering. Content-Length together with Transfer-Encoding is refused by
 * Node's parser itself (400 through clientErrorHandler).
 */
export async function rejectAmbiguousHost(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const raw = req.raw.rawHeaders;
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'host') hosts++;
  if (hosts > 1) {
    reply.header('connection', 'close');
    throw new AppError('BAD_REQUEST', 'More than one Host header');
  }
}

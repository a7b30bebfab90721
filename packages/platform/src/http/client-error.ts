import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { httpErrorBody } from '../errors/http-error-body.ts';
import { setSecurityHeaders } from './security-headers.ts';

// Requests refused before a route sees them, answered with the contract's body all the same.

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (a request line or
 * headers over `maxHeaderSize`, a malformed request, a timeout). Fastify's clientErrorHandler
 * answers them; this one answers with the contract's error body like every other error.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const error =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(
          'REQUEST_HEADER_FIELDS_TOO_LARGE',
          'The request line and headers are too large (a URL that long is refused too)',
        )
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('REQUEST_TIMEOUT', 'The request was not received in time')
        : new AppError('BAD_REQUEST', 'Malformed HTTP request');
  // The path is unknown: the parser failed before (or while) reading the request line.
  writeErrorResponse(socket, error, '');
  socket.destroy(err);
}

/**
 * Writes a whole HTTP error response in the contract's shape on a raw socket (no request object:
 * parser failures, refused WebSocket upgrades), with `Connection: close`. The caller destroys
 * or ends the socket.
 */
export function writeErrorResponse(
  socket: Duplex,
  error: AppError,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (!socket.writable) return;
  const { status } = error;
  const body = JSON.stringify(httpErrorBody(error, path));
  const extra = Object.entries({ ...error.headers, ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
      `${extra}Connection: close\r\n\r\n${body}`,
  );
}

/**
 * Fastify's `frameworkErrors`: the router refuses a malformed percent-encoding or a path
 * parameter over `maxParamLength` before any hook runs; answer with the contract's body and
 * the usual headers.
 */
export function routerErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const mapped =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError('URI_TOO_LONG', 'A path segment is longer than 200 characters')
      : new AppError('BAD_REQUEST', 'The URL is not valid (malformed percent-encoding)');
  void setSecurityHeaders(req, reply);
  reply.code(mapped.status).header('x-request-id', req.id).send(httpErrorBody(mapped, req.url));
}

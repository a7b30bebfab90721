import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors/app-error.ts';
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
  let status: number;
  let code: ErrorCode;
  let message: string;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    code = 'REQUEST_HEADER_FIELDS_TOO_LARGE';
    message = 'The request line and headers are too large (a URL that long is refused too)';
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    code = 'REQUEST_TIMEOUT';
    message = 'The request was not received in time';
  } else {
    status = 400;
    code = 'BAD_REQUEST';
    message = 'Malformed HTTP request';
  }
  if (socket.writable) {
    // The path is unknown: the parser failed before (or while) reading the request line.
    const body = JSON.stringify(httpErrorBody(status, code, message, ''));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
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
  reply
    .code(mapped.status)
    .header('x-request-id', req.id)
    .send(httpErrorBody(mapped.status, mapped.code, mapped.message, req.url));
}

import type { FastifyError } from 'fastify';
import { AppError, isAppError } from './app-error.ts';
import { isDependencyFailure } from './dependency-failure.ts';

/**
 * Maps anything thrown (in a request, a STOMP frame, a call to another service) to an
 * AppError: framework errors to their HTTP codes, a dependency outage to SERVICE_UNAVAILABLE,
 * anything else (a bug) to INTERNAL.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as Partial<FastifyError> & { type?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('BAD_REQUEST', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', 'Request body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  if (e instanceof SyntaxError || e.type === 'entity.parse.failed') {
    return new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  if (e.validation) return new AppError('BAD_REQUEST', e.message ?? 'Invalid request');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    if (e.statusCode === 404) return new AppError('NOT_FOUND', 'Not found');
    if (e.statusCode === 429) return new AppError('TOO_MANY_REQUESTS', 'Too many requests');
    return new AppError('BAD_REQUEST', 'Bad request');
  }
  if (isDependencyFailure(error)) {
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'A service this request needs is unavailable, try again shortly',
      {
        'retry-after': '1',
      },
    );
  }
  return new AppError('INTERNAL', 'Internal server error');
}

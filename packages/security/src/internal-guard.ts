import { createHash, timingSafeEqual } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { preHandlerAsyncHookHandler } from 'fastify';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Guards service-to-service routes (`/internal/...`): 401 unless the request carries the
 * configured internal token (compared in constant time).
 */
export function createInternalGuard(internalToken: string): preHandlerAsyncHookHandler {
  if (!internalToken) throw new Error('internal routes need a non-empty internal token');
  const expected = digest(internalToken);
  return async (req) => {
    const given = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      throw Errors.unauthorized('Internal token required');
    }
  };
}

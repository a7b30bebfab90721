import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * The CORS policy for CORS_ORIGINS (every listener clients reach: the gateway, or each service
 * reached directly). Bearer tokens in `Authorization`, no cookies: nothing is sent by the browser
 * on its own, so credentials are never allowed (`Access-Control-Allow-Credentials` is absent),
 * and `*` may be configured for a public API without becoming a CSRF risk. Every method the API
 * uses is allowed (the library's default leaves out PUT, PATCH and DELETE), and the headers a
 * client needs to read are exposed (request id, remaining budget, when to retry).
 */
export function corsPolicy(origins: readonly string[]): FastifyCorsOptions {
  return {
    origin: origins.includes('*') ? '*' : [...origins],
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: ['X-Request-Id', 'X-RateLimit-Remaining', 'Retry-After'],
    maxAge: 600,
  };
}

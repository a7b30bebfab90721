import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
// Route schemas may carry OpenAPI fields (tags, security): @fastify/swagger's type augmentation.
import type {} from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config/config.ts';
import { AppError } from '../errors/app-error.ts';
import { httpErrorBody } from '../errors/http-error-body.ts';
import { toAppError } from '../errors/to-app-error.ts';
import type { Metrics } from '../observability/metrics.ts';
import { REQUEST_ID_HEADER, REQUEST_ID_PATTERN, withRequestId } from '../observability/request-context.ts';
import { trustFunction } from './client-address.ts';
import { clientErrorHandler, routerErrorHandler } from './client-error.ts';
import { corsPolicy } from './cors-policy.ts';
import { rejectAmbiguousHost } from './request-framing.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { rejectUnstorableText } from './text-guard.ts';
import { createValidatorCompiler, describeValidationError } from './validation.ts';

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  bodyLimitBytes: number;
  /** Socket idle timeout, headers and whole-request timeouts (ms); Node's defaults when omitted. */
  timeouts?: { idleMs: number; headersMs: number; requestMs: number };
  /** TRUST_PROXY: whose X-Forwarded-For gives `req.ip` (behind a gateway or load balancer). */
  trustProxy?: TrustProxy;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none: no CORS headers. */
  corsOrigins?: readonly string[];
}

/**
 * The Fastify instance every service mounts its routes on: request ids (X-Request-Id in and
 * out), one access-log line per request (path only at info; the query string, which may hold
 * search terms or a token, only at debug), request duration histogram, security headers, the
 * CORS allow-list, strict validation (text that cannot be stored is refused on every route)
 * and the contract's error body for every failure, including those Node's parser answers.
 */
export function createHttpApp(opts: HttpAppOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.logger,
    // One access line per request is written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes,
    ...(opts.timeouts && {
      connectionTimeout: opts.timeouts.idleMs,
      requestTimeout: opts.timeouts.requestMs,
    }),
    // One meaning of TRUST_PROXY everywhere: the function the WebSocket upgrade path uses too.
    trustProxy: trustFunction(opts.trustProxy ?? false),
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler,
    // Errors of the router, before any hook runs (bad percent-encoding, over-long segment).
    frameworkErrors: routerErrorHandler as never,
  }) as unknown as FastifyInstance;
  if (opts.corsOrigins && opts.corsOrigins.length > 0) {
    // Registered directly on the root instance (not encapsulated): preflights and every route.
    void app.register(cors, corsPolicy(opts.corsOrigins));
  }
  // A socket that never finishes its request headers (or its upgrade request) is cut off.
  if (opts.timeouts) app.server.headersTimeout = opts.timeouts.headersMs;
  app.setValidatorCompiler(createValidatorCompiler());
  app.setSchemaErrorFormatter((errors, context) => {
    const error = new AppError('BAD_REQUEST', describeValidationError(context, errors as never));
    return error;
  });

  // Everything the request does runs with its id current (logs, calls, appended records).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    withRequestId(req.id, done);
  });
  app.addHook('onRequest', setSecurityHeaders);
  app.addHook('onRequest', rejectAmbiguousHost);
  app.addHook('preValidation', rejectUnstorableText);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    opts.metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      seconds,
    );
    // `reqId` comes from the request's logger, once.
    req.log.info(
      {
        method: req.method,
        url: opts.logger.isLevelEnabled('debug') ? req.url : pathOf(req.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(
        httpErrorBody(new AppError('NOT_FOUND', `No route for ${req.method} ${pathOf(req.url)}`), req.url),
      );
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const mapped = toAppError(error);
    if (mapped.code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error');
    else if (mapped !== error && mapped.code === 'SERVICE_UNAVAILABLE')
      req.log.warn({ err: error }, 'a dependency is unavailable');
    reply.code(mapped.status).headers(mapped.headers).send(httpErrorBody(mapped, req.url));
  });
  return app;
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

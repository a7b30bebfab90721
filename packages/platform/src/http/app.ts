import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
// Route schemas may carry OpenAPI fields (tags, security): @fastify/swagger's type augmentation.
import type {} from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.ts';
import { httpErrorBody } from '../errors/http-error-body.ts';
import { toAppError } from '../errors/to-app-error.ts';
import type { Metrics } from '../observability/metrics.ts';
import { clientErrorHandler, routerErrorHandler } from './client-error.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { rejectUnstorableText } from './text-guard.ts';
import { createValidatorCompiler, describeValidationError } from './validation.ts';

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  bodyLimitBytes: number;
  /** Socket idle timeout, headers and whole-request timeouts (ms); Node's defaults when omitted. */
  timeouts?: { idleMs: number; headersMs: number; requestMs: number };
  /** Trust X-Forwarded-For (behind a gateway or load balancer). */
  trustProxy?: boolean;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none: no CORS headers. */
  corsOrigins?: readonly string[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

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
    trustProxy: opts.trustProxy ?? false,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler,
    // Errors of the router, before any hook runs (bad percent-encoding, over-long segment).
    frameworkErrors: routerErrorHandler as never,
  }) as unknown as FastifyInstance;
  if (opts.corsOrigins && opts.corsOrigins.length > 0) {
    // Registered directly on the root instance (not encapsulated): preflights and every route.
    void app.register(cors, { origin: [...opts.corsOrigins], credentials: false, maxAge: 600 });
  }
  // A socket that never finishes its request headers (or its upgrade request) is cut off.
  if (opts.timeouts) app.server.headersTimeout = opts.timeouts.headersMs;
  app.setValidatorCompiler(createValidatorCompiler());
  app.setSchemaErrorFormatter((errors, context) => {
    const error = new AppError('BAD_REQUEST', describeValidationError(context, errors as never));
    return error;
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onRequest', setSecurityHeaders);
  app.addHook('preValidation', rejectUnstorableText);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    opts.metrics.httpDuration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      seconds,
    );
    req.log.info(
      {
        reqId: req.id,
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
    if (mapped.code === 'INTERNAL') req.log.error({ err: error, reqId: req.id }, 'unhandled error');
    else if (mapped !== error && mapped.code === 'SERVICE_UNAVAILABLE')
      req.log.warn({ err: error, reqId: req.id }, 'a dependency is unavailable');
    reply.code(mapped.status).headers(mapped.headers).send(httpErrorBody(mapped, req.url));
  });
  return app;
}

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

import { Readable } from 'node:stream';
import { AppError, httpErrorBody } from '@chat/platform';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { upstreamHeaders } from './forwarding.ts';
import { instanceFailed } from './instance-failure.ts';
import { rememberOwnHeaders, restoreOwnHeaders, withoutUpstreamCors } from './own-headers.ts';
import { type GatewayRoute, sockJsSessionOf } from './route-table.ts';
import type { UpstreamPool } from './upstream-pool.ts';

/** The one route that takes multipart bodies: a room's uploads. */
const UPLOAD_PATH = /^\/api\/rooms\/\d+\/attachments$/;

/** Methods a request may be sent again for on another instance (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export interface HttpProxyOptions {
  /** The HTTP routes whose service is not in this process, with their group's pool. */
  readonly routes: readonly { readonly route: GatewayRoute; readonly pool: UpstreamPool }[];
  readonly timeoutMs: number;
  readonly retries: number;
  /** The gateway has its own CORS policy (CORS_ORIGINS): it governs proxied answers too. */
  readonly ownsCors: boolean;
}

/**
 * Forwards the routes to their upstream instances with @fastify/reply-from over undici: bodies
 * pass through as bytes (read up to the body limit, never parsed here; uploads streamed), an instance that fails
 * is ejected and an idempotent request tries the next one; when none answers the client gets
 * 503 + Retry-After in the contract's shape, never a hang (each attempt has `timeoutMs`).
 */
export async function registerHttpProxy(app: FastifyInstance, opts: HttpProxyOptions): Promise<void> {
  if (opts.routes.length === 0) return;
  await app.register(async (scope) => {
    // Bytes in, bytes out: the service validates; the gateway only enforces the body limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    // Uploads (multipart, to a room's attachments only) stream through as they arrive, never
    // held here whole: the service enforces its own size limit (UPLOAD_MAX_BYTES) while
    // reading them. Such a request is never retried (a POST; its body is read once). Multipart
    // elsewhere is refused, so no other route takes an unlimited body through the gateway.
    const bodyLimit = scope.initialConfig.bodyLimit ?? 1024 * 1024;
    scope.addContentTypeParser('multipart/form-data', (req, payload, done) => {
      if (req.method === 'POST' && UPLOAD_PATH.test(req.url.split('?')[0] ?? '')) {
        done(null, payload);
        return;
      }
      // Elsewhere it is refused, once read like any other body (up to the body limit), so the
      // client gets the answer rather than a connection closed under its upload.
      let seen = 0;
      let answered = false;
      const answer = (err: AppError) => {
        if (answered) return;
        answered = true;
        done(err, undefined);
      };
      payload.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > bodyLimit)
          answer(new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${bodyLimit} bytes`));
      });
      payload.on('end', () =>
        answer(new AppError('BAD_REQUEST', 'multipart/form-data is for uploads to a room only')),
      );
      payload.on('error', (err: Error) => answer(new AppError('BAD_REQUEST', err.message)));
    });
    await scope.register(replyFrom, {
      undici: {
        connections: 128,
        pipelining: 1,
        keepAliveTimeout: 60_000,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      },
      contentTypesToEncode: [],
      disableRequestLogging: true,
      // Retries are the gateway's own (on another instance, idempotent methods only).
      retryMethods: [],
    });
    for (const { route, pool } of opts.routes) {
      const handler = (req: FastifyRequest, reply: FastifyReply) =>
        forward(req, reply, pool, opts, new Set());
      if (!route.subpaths) scope.all(route.prefix, handler);
      scope.all(`${route.prefix}/*`, handler);
    }
  });
}

function forward(
  req: FastifyRequest,
  reply: FastifyReply,
  pool: UpstreamPool,
  opts: HttpProxyOptions,
  tried: Set<string>,
): FastifyReply {
  const path = req.url.split('?')[0] ?? req.url;
  // A SockJS session lives on one instance: its requests all go there (or, once it is gone, to
  // the same other one each time, where the client learns the session is unknown and starts anew).
  const session = sockJsSessionOf(path);
  const upstream = session === undefined ? pool.pick(tried) : pool.pickFor(session, tried);
  if (upstream === undefined) return unavailable(reply, pool);
  tried.add(upstream);
  rememberOwnHeaders(reply);
  streamBody(req);
  const retryable = IDEMPOTENT.has(req.method) && tried.size <= opts.retries;
  return reply.from(path, {
    getUpstream: () => upstream,
    timeout: opts.timeoutMs,
    rewriteRequestHeaders: (_req, headers) => upstreamHeaders(req, headers),
    ...(opts.ownsCors && { rewriteHeaders: (headers) => withoutUpstreamCors(headers, reply) }),
    // Both callbacks get this same reply (typed for any server); the outer one is used.
    onResponse: (_req, _reply, response) => {
      if (!instanceFailed(response.statusCode, headersOf(response))) {
        pool.succeed(upstream);
        return sendBody(reply, response, pool);
      }
      pool.fail(upstream);
      if (retryable && pool.pick(tried) !== undefined) {
        response.stream.resume();
        restoreOwnHeaders(reply);
        return forward(req, reply, pool, opts, tried);
      }
      return sendBody(reply, response, pool);
    },
    onError: (_reply, { error }) => {
      pool.fail(upstream);
      req.log.warn({ err: error, upstream }, 'upstream failed');
      if (retryable && !reply.sent) return forward(req, reply, pool, opts, tried);
      return unavailable(reply, pool);
    },
  });
}

/** Answers up to this size with a known length are read whole before they are written. */
const WHOLE_BODY_MAX = 64 * 1024;

/**
 * Writes the upstream's answer. A small one of known length (most API answers) is read whole
 * and written with its headers in one write, instead of being piped chunk by chunk (fewer
 * stream hops and socket writes per request); larger or open-ended ones stream.
 */
function sendBody(
  reply: FastifyReply,
  response: { stream: NodeJS.ReadableStream & Readable },
  pool: UpstreamPool,
): FastifyReply {
  const length = Number(headersOf(response)['content-length']);
  if (reply.request.method === 'HEAD' || !(length <= WHOLE_BODY_MAX)) return reply.send(response.stream);
  const chunks: Buffer[] = [];
  response.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.stream.once('end', () => reply.send(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  response.stream.once('error', (err: Error) => {
    reply.request.log.warn({ err }, 'upstream answer broke off');
    if (reply.sent) return;
    restoreOwnHeaders(reply);
    unavailable(reply, pool);
  });
  return reply;
}

/** The upstream's response headers, which reply-from passes on but does not type. */
function headersOf(response: object): Readonly<Record<string, unknown>> {
  return (response as { headers?: Record<string, unknown> }).headers ?? {};
}

/** Request bodies as read (up to the body limit), so that a retry can send them again. */
const bodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * Hands reply-from the body as a fresh stream of the bytes read: given a Buffer it would
 * JSON-encode it (it always re-encodes `application/json`), and a stream is consumed by one
 * attempt.
 */
function streamBody(req: FastifyRequest): void {
  const bytes = bodies.get(req) ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
  if (bytes === undefined) return;
  bodies.set(req, bytes);
  req.body = Readable.from([bytes], { objectMode: false });
}

function unavailable(reply: FastifyReply, pool: UpstreamPool): FastifyReply {
  const error = new AppError('SERVICE_UNAVAILABLE', 'The service is unavailable, try again shortly');
  return reply
    .code(503)
    .header('retry-after', String(pool.retryAfterSec()))
    .header('content-type', 'application/json; charset=utf-8')
    .send(httpErrorBody(error, reply.request.url));
}

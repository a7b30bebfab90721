import { type IncomingMessage, request } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AppError,
  forwardedChain,
  forwardedFor,
  type Logger,
  type TrustFunction,
  withRequestId,
  writeErrorResponse,
} from '@chat/platform';
import { instanceFailed } from './instance-failure.ts';
import type { UpstreamPool } from './upstream-pool.ts';

export interface WsProxyOptions {
  readonly pool: UpstreamPool;
  readonly logger: Logger;
  /** Open proxied connections (client and upstream socket), closed when the gateway stops. */
  readonly open: Set<Duplex>;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly trust: TrustFunction;
}

/**
 * Proxies a WebSocket upgrade to an upstream instance: the upgrade request goes out with
 * node:http (X-Forwarded-For rebuilt from the trusted chain, the request id), the upstream's
 * answer comes back as it is, and once it switched protocols the two sockets are piped both
 * ways, so a slow reader stops the writer (stream back-pressure) instead of buffering without
 * bound; frames are not parsed twice. Not @fastify/http-proxy's websocket mode: it terminates
 * the WebSocket on both sides and copies messages, which loses back-pressure. An instance that
 * cannot be reached is ejected and the next one tried (an upgrade is a GET: nothing happened
 * yet); none left: 503 + Retry-After.
 */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  requestId: string,
  opts: WsProxyOptions,
  tried: Set<string> = new Set(),
): void {
  const upstream = opts.pool.pick(tried);
  if (upstream === undefined || socket.destroyed) {
    unavailable(req, socket, opts.pool);
    return;
  }
  tried.add(upstream);
  const target = new URL(req.url ?? '/', upstream);
  const out = request({
    // An IPv6 literal comes bracketed in a URL, not in a host option.
    host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: target.port,
    path: `${target.pathname}${target.search}`,
    method: 'GET',
    headers: {
      ...req.headers,
      host: target.host,
      'x-forwarded-for': forwardedFor(forwardedChain(req, opts.trust)),
      'x-forwarded-proto': 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http',
      'x-request-id': requestId,
    },
  });
  const timer = setTimeout(
    () => out.destroy(new Error('upstream did not answer the upgrade in time')),
    opts.timeoutMs,
  );
  const clientGone = () => out.destroy();
  socket.once('close', clientGone);
  socket.on('error', clientGone);

  out.on('upgrade', (res, upstreamSocket, upstreamHead) => {
    clearTimeout(timer);
    socket.off('close', clientGone);
    opts.pool.succeed(upstream);
    withRequestId(requestId, () => opts.logger.info({ upstream }, 'websocket proxied'));
    socket.write(responseHead(res));
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    upstreamSocket.setNoDelay(true);
    const close = () => {
      socket.destroy();
      upstreamSocket.destroy();
      opts.open.delete(socket);
    };
    opts.open.add(socket);
    upstreamSocket.on('error', close);
    upstreamSocket.once('close', close);
    socket.once('close', close);
    socket.pipe(upstreamSocket).pipe(socket);
  });
  out.on('response', (res) => {
    // The upstream refused the upgrade (401, 429, 503 while draining...): pass its answer on.
    clearTimeout(timer);
    if (instanceFailed(res.statusCode ?? 0, res.headers)) opts.pool.fail(upstream);
    socket.write(responseHead(res));
    res.pipe(socket);
  });
  out.on('error', () => {
    clearTimeout(timer);
    socket.off('close', clientGone);
    if (socket.destroyed) return;
    opts.pool.fail(upstream);
    if (tried.size <= opts.retries) proxyUpgrade(req, socket, head, requestId, opts, tried);
    else unavailable(req, socket, opts.pool);
  });
  out.end();
}

function responseHead(res: IncomingMessage): string {
  let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`;
  for (let i = 0; i < res.rawHeaders.length; i += 2)
    head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
  return `${head}\r\n`;
}

function unavailable(req: IncomingMessage, socket: Duplex, pool: UpstreamPool): void {
  const error = new AppError('SERVICE_UNAVAILABLE', 'The chat service is unavailable, try again shortly');
  writeErrorResponse(socket, error, (req.url ?? '').split('?')[0] ?? '', {
    'Retry-After': String(pool.retryAfterSec()),
  });
  socket.destroy();
}

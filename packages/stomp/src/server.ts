/** createStompServer: WebSocket upgrade and TCP sockets, session bookkeeping, local fan-out, shared timer, shutdown. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WriteCoalescer } from './coalescer.ts';
import type { ServerContext } from './context.ts';
import { CloseCode } from './errors.ts';
import { MessageBatch } from './message.ts';
import { pickSubprotocol } from './negotiate.ts';
import { resolveOptions, type StompServerOptions } from './options.ts';
import { SubscriptionRegistry } from './registry.ts';
import { Session } from './session.ts';
import { type SockJsConnection, sockJsTransport, tcpTransport, webSocketTransport } from './transport.ts';
import type { MessageBody, MessageHeaders, ShutdownOptions, StompServer, StompSession } from './types.ts';

function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Waits for `promise`, at most `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timeout = setTimeout(resolve, ms);
  });
  await Promise.race([promise, expired]);
  clearTimeout(timeout);
}

function refuse(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export function createStompServer<P>(input: StompServerOptions<P>): StompServer<P> {
  const options = resolveOptions(input);
  const { logger } = options;
  const idPrefix = randomBytes(4).toString('hex');
  let sessionSeq = 0;
  const nextSessionId = () => `${idPrefix}-${(++sessionSeq).toString(36)}`;
  let messageSeq = 0;
  const all = new Set<Session<P>>();
  const open = new Set<Session<P>>();
  const clock = { now: Date.now() };
  let shuttingDown = false;
  let drained: (() => void) | null = null;

  const registry = new SubscriptionRegistry<Session<P>>(options.hooks, (err) =>
    logger.error?.({ err }, 'destination hook failed'),
  );
  const ctx: ServerContext<P, Session<P>> = {
    options,
    registry,
    clock,
    coalescer: new WriteCoalescer(),
    nextMessageId: () => (++messageSeq).toString(36),
    sessionOpened: (session) => {
      open.add(session);
    },
    sessionClosing: (session) => {
      open.delete(session);
    },
    sessionClosed: (session) => {
      all.delete(session);
      if (all.size === 0) drained?.();
    },
  };

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    clientTracking: false,
    maxPayload: options.maxMessageBytes,
    handleProtocols: (protocols) => pickSubprotocol(protocols, options.versions),
  });

  const timer = setInterval(() => {
    const now = Date.now();
    clock.now = now;
    for (const session of all) session.tick(now, options.tickMs);
  }, options.tickMs);
  timer.unref();

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (shuttingDown) {
      refuse(socket, '503 Service Unavailable');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (shuttingDown) {
        ws.close(CloseCode.SERVICE_RESTART, 'service restart');
        return;
      }
      const transport = webSocketTransport(ws, socket);
      all.add(new Session<P>(ctx, transport, req, req.socket.remoteAddress, nextSessionId()));
    });
  }

  function handleSockJs(conn: SockJsConnection): void {
    if (shuttingDown) {
      conn.close(CloseCode.SERVICE_RESTART, 'service restart');
      return;
    }
    all.add(new Session<P>(ctx, sockJsTransport(conn), undefined, conn.remoteAddress, nextSessionId()));
  }

  function handleSocket(socket: Socket): void {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    all.add(new Session<P>(ctx, tcpTransport(socket), undefined, socket.remoteAddress, nextSessionId()));
  }

  const httpServer = input.server;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(req.url) === options.path) handleUpgrade(req, socket, head);
    else if (httpServer?.listenerCount('upgrade') === 1) refuse(socket, '404 Not Found');
  };
  httpServer?.on('upgrade', onUpgrade);

  function publishLocal(
    destination: string,
    body: MessageBody,
    headers?: MessageHeaders,
    only?: (session: StompSession<P>) => boolean,
  ): number {
    const subs = registry.get(destination);
    if (subs === undefined) return 0;
    const batch = new MessageBatch(
      destination,
      ctx.nextMessageId(),
      body,
      headers,
      options.defaultContentType,
    );
    let delivered = 0;
    for (const sub of subs) {
      if (only && !only(sub.session as unknown as StompSession<P>)) continue;
      if (sub.session.deliver(batch, sub)) delivered++;
    }
    return delivered;
  }

  async function close(shutdown: ShutdownOptions = {}): Promise<void> {
    shuttingDown = true;
    const code = shutdown.code ?? CloseCode.SERVICE_RESTART;
    const reason = shutdown.reason ?? 'service restart';
    const message = shutdown.message ?? 'server shutting down';
    const drainMs = shutdown.drainTimeoutMs ?? 10_000;
    if (drainMs > 0 && all.size > 0) {
      await within(Promise.all([...all].map((session) => session.stopIntake())), drainMs);
    }
    const done = new Promise<void>((resolve) => {
      drained = resolve;
    });
    for (const session of all) {
      if (message === false) session.beginClose('server-shutdown', code, reason);
      else session.fatal(message, code, 'server-shutdown', undefined, { reason });
    }
    if (all.size > 0) {
      await within(done, shutdown.timeoutMs ?? 5000);
      for (const session of all) session.terminate();
    }
    clearInterval(timer);
    httpServer?.off('upgrade', onUpgrade);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    handleUpgrade,
    handleSocket,
    handleSockJs,
    publishLocal,
    sessions: () => open.values() as IterableIterator<StompSession<P>>,
    get sessionCount() {
      return open.size;
    },
    destinations: () => registry.destinations(),
    subscriberCount: (destination) => registry.count(destination),
    close,
  };
}

import { readFile } from 'node:fs/promises';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from '@chat/platform';

export interface StompTcpOptions {
  readonly port: number;
  readonly host: string;
  /** Connections open at once; more are closed as they arrive (`net.Server.maxConnections`). */
  readonly maxConnections: number;
  /** PEM files; plain TCP without them. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Hands a connected socket to the STOMP server (its `handleSocket`). */
  readonly accept: (socket: Socket) => void;
  readonly logger: Logger;
}

export interface StompTcpListener {
  readonly port: number;
  /** Stops accepting; open sessions end with the STOMP server's close. */
  close(): Promise<void>;
}

/** Listens for STOMP over TCP (or TLS) and hands every connection to the STOMP server. */
export async function listenStompTcp(opts: StompTcpOptions): Promise<StompTcpListener> {
  let server: Server;
  if (opts.tls) {
    const [cert, key] = await Promise.all([
      readFile(opts.tls.certFile).catch((err: Error) => {
        throw new Error(`STOMP_TCP_TLS_CERT: cannot read ${opts.tls?.certFile}: ${err.message}`);
      }),
      readFile(opts.tls.keyFile).catch((err: Error) => {
        throw new Error(`STOMP_TCP_TLS_KEY: cannot read ${opts.tls?.keyFile}: ${err.message}`);
      }),
    ]);
    const tls = createTlsServer({ cert, key, handshakeTimeout: 10_000 }, opts.accept);
    // A client that fails the handshake (plain TCP, an old protocol) is only worth a debug line.
    tls.on('tlsClientError', (err) => opts.logger.debug({ err }, 'STOMP over TLS: handshake failed'));
    server = tls;
  } else {
    server = createTcpServer(opts.accept);
  }
  server.maxConnections = opts.maxConnections;
  let lastDropLog = 0;
  server.on('drop', () => {
    // At most one line every 10 s: a flood of connections must not become a flood of logs.
    if (Date.now() - lastDropLog < 10_000) return;
    lastDropLog = Date.now();
    opts.logger.warn({ max: opts.maxConnections }, 'STOMP over TCP: connections refused, too many open');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(`STOMP over TCP cannot listen on ${opts.host}:${opts.port}: ${err.code ?? err.message}`),
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  server.on('error', (err) => opts.logger.error({ err }, 'STOMP over TCP listener failed'));
  const { port } = server.address() as { port: number };
  opts.logger.info({ host: opts.host, port, tls: opts.tls !== undefined }, 'STOMP over TCP listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

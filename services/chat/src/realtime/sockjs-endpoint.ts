import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@chat/platform';
import type { SockJsConnection } from '@chat/stomp';
import sockjs from 'sockjs';

export interface SockJsEndpointOptions {
  /** The STOMP endpoint's path: SockJS lives under it (`/ws/info`, `/ws/{server}/{session}/...`). */
  readonly prefix: string;
  /** Hands a new SockJS session to the STOMP server (its `handleSockJs`). */
  readonly accept: (conn: SockJsConnection) => void;
  /** A request body (xhr_send, jsonp_send) over this is cut off: the library reads it whole. */
  readonly maxBodyBytes: number;
  readonly logger: Logger;
}

type Handler = (req: IncomingMessage, res: ServerResponse | Duplex, head?: Buffer) => boolean;

interface SockJsListener {
  readonly app: { handle_error(req: IncomingMessage, res: ServerResponse, x: unknown): unknown };
  getHandler(): Handler;
}

/** What the library throws for a bad request: `{status: 500, message}` (an exception has no status). */
function isClientMistake(x: unknown): x is { status: number; message: string } {
  const e = x as { status?: unknown; message?: unknown } | null;
  return typeof e === 'object' && e !== null && e.status === 500 && typeof e.message === 'string';
}

/**
 * SockJS on the STOMP endpoint, for clients of the original Spring design (`.withSockJS()`):
 * the `sockjs` package speaks the SockJS protocol (info, websocket, xhr-streaming, xhr-polling,
 * eventsource, htmlfile, jsonp, the iframe page) and each of its sessions becomes a STOMP session
 * like a WebSocket one. Requests and upgrades under the prefix are handed to it as they come.
 */
export function createSockJsEndpoint(opts: SockJsEndpointOptions) {
  const server = sockjs.createServer({
    prefix: opts.prefix,
    // An idle streaming or polling request gets a heart-beat this often (the library's 25 s
    // would outlast a gateway's upstream timeout, 10 s by default, and cut the session).
    heartbeat_delay: 5_000,
    log: (severity: string, line: string) => {
      if (severity === 'error') opts.logger.warn({ sockjs: line }, 'SockJS error');
    },
  });
  server.on('connection', (conn) => {
    if (conn) opts.accept(conn as unknown as SockJsConnection);
  });
  // Not in @types/sockjs: the listener whose handler installHandlers would put on an http.Server.
  const listener = (server as unknown as { listener(): SockJsListener }).listener();
  // The library answers a client's mistakes (broken JSON, no payload, a bad JSONP callback) with
  // 500 and its message: they are 400 here, a server error stays 500.
  const answerError = listener.app.handle_error.bind(listener.app);
  listener.app.handle_error = (req, res, x) =>
    answerError(req, res, isClientMistake(x) ? { status: 400, message: x.message } : x);
  const handler = listener.getHandler();

  return {
    /** An HTTP request whose path is under the prefix. */
    handleRequest(req: IncomingMessage, res: ServerResponse): void {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > opts.maxBodyBytes) {
          res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
          res.end(`request body over ${opts.maxBodyBytes} bytes\n`);
          req.destroy();
        }
      });
      if (!handler(req, res)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      }
    },
    /** An upgrade whose path is under the prefix (`/ws/{server}/{session}/websocket`, `/ws/websocket`). */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      if (!handler(req, socket, head)) socket.destroy();
    },
  };
}

export type SockJsEndpoint = ReturnType<typeof createSockJsEndpoint>;

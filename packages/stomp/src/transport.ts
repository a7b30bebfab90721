/**
 * What a STOMP connection needs from the byte stream under it, so one session implementation
 * runs over a WebSocket (frames in messages) and over plain TCP or TLS (frames in a stream:
 * the parser takes chunks cut anywhere).
 */
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';

export interface TransportEvents {
  data(chunk: Buffer): void;
  close(): void;
  error(err: Error): void;
}

export interface StompTransport {
  /** 'websocket', 'tcp' (TLS included) or 'sockjs' (any SockJS transport), for logs. */
  readonly kind: 'websocket' | 'tcp' | 'sockjs';
  /** Bytes written and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** Whether a write can still reach the peer. */
  readonly writable: boolean;
  /** Starts delivering events (once). */
  listen(events: TransportEvents): void;
  /** One encoded frame or heart-beat; `binary` picks the WebSocket message type. */
  write(data: Buffer | string, binary: boolean): void;
  /** Stops reading; false when the transport cannot (SockJS): the caller refuses more instead. */
  pause(): boolean;
  resume(): void;
  /** Batch the writes of one tick into one network write (see WriteCoalescer). */
  cork(): void;
  uncork(): void;
  /** Closes after what was written: a WebSocket close frame with code and reason, or the end of the stream. */
  close(code: number, reason: string): void;
  /** Destroys without a goodbye. */
  terminate(): void;
}

const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;

/** WebSocket close reasons are limited to 123 bytes. */
function closeReason(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

/** A `ws` WebSocket, with the upgraded socket under it for corking. */
export function webSocketTransport(ws: WebSocket, socket: Duplex): StompTransport {
  return {
    kind: 'websocket',
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get writable() {
      return ws.readyState === ws.OPEN;
    },
    listen(events) {
      ws.on('message', (data: RawData) => events.data(data as Buffer));
      ws.on('close', () => events.close());
      ws.on('error', (err: Error) => events.error(err));
    },
    write: (data, binary) => ws.send(data, binary ? BINARY : TEXT),
    pause() {
      ws.pause();
      return true;
    },
    resume: () => ws.resume(),
    cork: () => socket.cork(),
    uncork: () => socket.uncork(),
    close(code, reason) {
      try {
        ws.close(code, closeReason(reason));
      } catch {
        ws.terminate();
      }
    },
    terminate: () => ws.terminate(),
  };
}

/** A TCP (or TLS) socket carrying STOMP frames directly. */
export function tcpTransport(socket: Duplex & { writableLength: number }): StompTransport {
  return {
    kind: 'tcp',
    get bufferedAmount() {
      return socket.writableLength;
    },
    get writable() {
      return socket.writable && !socket.destroyed;
    },
    listen(events) {
      socket.on('data', (chunk: Buffer) => events.data(chunk));
      socket.on('close', () => events.close());
      socket.on('error', (err: Error) => events.error(err));
    },
    write(data) {
      if (socket.writable) socket.write(data);
    },
    pause() {
      socket.pause();
      return true;
    },
    resume: () => socket.resume(),
    cork: () => socket.cork(),
    uncork: () => socket.uncork(),
    close() {
      // Flushes the ERROR frame (if any) first; the peer's close ends the session.
      socket.end();
    },
    terminate: () => socket.destroy(),
  };
}

/** What the `sockjs` package's connection offers (its session's buffer is read, not changed). */
export interface SockJsConnection {
  readonly readyState: number;
  readonly remoteAddress?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  write(message: string): boolean;
  close(code?: number, reason?: string): boolean;
  on(event: 'data', listener: (message: string) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  readonly _session?: { readonly send_buffer?: readonly string[] };
}

const SOCKJS_OPEN = 1;

/**
 * A SockJS session (WebSocket, xhr-streaming, xhr-polling, ... underneath): text messages, no
 * flow control (`pause` says so; the connection refuses a flood instead of pausing), and the
 * session's unsent messages counted as the buffer, so a client that stops polling is cut off
 * at the high-water mark like a slow WebSocket.
 */
export function sockJsTransport(conn: SockJsConnection): StompTransport {
  return {
    kind: 'sockjs',
    get bufferedAmount() {
      let bytes = 0;
      for (const message of conn._session?.send_buffer ?? []) bytes += message.length;
      return bytes;
    },
    get writable() {
      return conn.readyState === SOCKJS_OPEN;
    },
    listen(events) {
      conn.on('data', (message) => events.data(Buffer.from(message, 'utf8')));
      conn.on('close', () => events.close());
    },
    write(data) {
      conn.write(typeof data === 'string' ? data : data.toString('utf8'));
    },
    pause: () => false,
    resume: () => undefined,
    cork: () => undefined,
    uncork: () => undefined,
    close(code, reason) {
      conn.close(code, reason);
    },
    terminate() {
      conn.close(1000, 'closed');
    },
  };
}

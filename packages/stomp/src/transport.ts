/**
 * What a STOMP connection needs from the byte stream under it, so one session implementation
 * runs over a WebSocket (frames in messages) and over plain TCP or TLS (frames in a stream:
 * the parser takes chunks cut anywhere).
 */
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';

/** What a transport tells its connection (methods of the connection: no closures per connection). */
export interface TransportEvents {
  onTransportData(chunk: Buffer): void;
  onTransportClose(): void;
  onTransportError(err: Error): void;
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

/*
 * The transports are classes: their methods live on the prototype. As object literals of arrow
 * functions each connection carried about a dozen closures of its own (and, run through tsx or
 * esbuild with keepNames, a property table on each), about 4 KB of heap per idle connection.
 */

/** A `ws` WebSocket, with the upgraded socket under it for corking. */
class WebSocketTransport implements StompTransport {
  readonly kind = 'websocket';
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
  ) {}
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  get writable(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }
  listen(events: TransportEvents): void {
    this.ws.on('message', (data: RawData) => events.onTransportData(data as Buffer));
    this.ws.on('close', () => events.onTransportClose());
    this.ws.on('error', (err: Error) => events.onTransportError(err));
  }
  write(data: Buffer | string, binary: boolean): void {
    this.ws.send(data, binary ? BINARY : TEXT);
  }
  pause(): boolean {
    this.ws.pause();
    return true;
  }
  resume(): void {
    this.ws.resume();
  }
  cork(): void {
    this.socket.cork();
  }
  uncork(): void {
    this.socket.uncork();
  }
  close(code: number, reason: string): void {
    try {
      this.ws.close(code, closeReason(reason));
    } catch {
      this.ws.terminate();
    }
  }
  terminate(): void {
    this.ws.terminate();
  }
}

export function webSocketTransport(ws: WebSocket, socket: Duplex): StompTransport {
  return new WebSocketTransport(ws, socket);
}

/** A TCP (or TLS) socket carrying STOMP frames directly. */
class TcpTransport implements StompTransport {
  readonly kind = 'tcp';
  constructor(private readonly socket: Duplex & { writableLength: number }) {}
  get bufferedAmount(): number {
    return this.socket.writableLength;
  }
  get writable(): boolean {
    return this.socket.writable && !this.socket.destroyed;
  }
  listen(events: TransportEvents): void {
    this.socket.on('data', (chunk: Buffer) => events.onTransportData(chunk));
    this.socket.on('close', () => events.onTransportClose());
    this.socket.on('error', (err: Error) => events.onTransportError(err));
  }
  write(data: Buffer | string): void {
    if (this.socket.writable) this.socket.write(data);
  }
  pause(): boolean {
    this.socket.pause();
    return true;
  }
  resume(): void {
    this.socket.resume();
  }
  cork(): void {
    this.socket.cork();
  }
  uncork(): void {
    this.socket.uncork();
  }
  close(): void {
    // Flushes the ERROR frame (if any) first; the peer's close ends the session.
    this.socket.end();
  }
  terminate(): void {
    this.socket.destroy();
  }
}

export function tcpTransport(socket: Duplex & { writableLength: number }): StompTransport {
  return new TcpTransport(socket);
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
class SockJsTransport implements StompTransport {
  readonly kind = 'sockjs';
  constructor(private readonly conn: SockJsConnection) {}
  get bufferedAmount(): number {
    let bytes = 0;
    for (const message of this.conn._session?.send_buffer ?? []) bytes += message.length;
    return bytes;
  }
  get writable(): boolean {
    return this.conn.readyState === SOCKJS_OPEN;
  }
  listen(events: TransportEvents): void {
    this.conn.on('data', (message) => events.onTransportData(Buffer.from(message, 'utf8')));
    this.conn.on('close', () => events.onTransportClose());
  }
  write(data: Buffer | string): void {
    this.conn.write(typeof data === 'string' ? data : data.toString('utf8'));
  }
  pause(): boolean {
    return false;
  }
  resume(): void {}
  cork(): void {}
  uncork(): void {}
  close(code: number, reason: string): void {
    this.conn.close(code, reason);
  }
  terminate(): void {
    this.conn.close(1000, 'closed');
  }
}

export function sockJsTransport(conn: SockJsConnection): StompTransport {
  return new SockJsTransport(conn);
}

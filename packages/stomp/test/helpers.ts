/** Test harness: a STOMP server on an ephemeral port, stompjs clients and raw ws sockets. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, type IFrame, type StompConfig, Versions } from '@stomp/stompjs';
import { WebSocket } from 'ws';
import { encodeFrame } from '../src/codec.ts';
import { StompError } from '../src/errors.ts';
import type { OutgoingFrame, StompFrame } from '../src/frame.ts';
import type { StompServerOptions } from '../src/options.ts';
import { StompParser } from '../src/parser.ts';
import { createStompServer } from '../src/server.ts';
import type { StompServer } from '../src/types.ts';

export interface Principal {
  readonly user: string;
}

export const GOOD_TOKEN = 'good-token';

export async function authenticateBearer(frame: StompFrame): Promise<Principal> {
  const auth = frame.headers.Authorization ?? frame.headers.authorization;
  if (auth !== `Bearer ${GOOD_TOKEN}`) throw new StompError('UNAUTHORIZED', 'invalid token', { fatal: true });
  return { user: 'alice' };
}

export interface TestServer {
  readonly stomp: StompServer<Principal>;
  readonly http: Server;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(options: Partial<StompServerOptions<Principal>> = {}): Promise<TestServer> {
  const http = createServer();
  const stomp = createStompServer<Principal>({ server: http, authenticate: authenticateBearer, ...options });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  return {
    stomp,
    http,
    url: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await stomp.close({ timeoutMs: 500, message: false });
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface TestClient {
  readonly client: Client;
  readonly connected: IFrame;
  readonly errors: IFrame[];
  /** Resolves with the close code once the WebSocket is closed. */
  readonly closed: Promise<number>;
}

/** A stock stompjs client over `ws`; resolves on CONNECTED, rejects on ERROR or close before it. */
export function connectClient(
  url: string,
  config: StompConfig = {},
  token = GOOD_TOKEN,
): Promise<TestClient> {
  const versions = config.stompVersions ?? Versions.default;
  const errors: IFrame[] = [];
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => {
    onClosed = resolve;
  });
  return new Promise((resolve, reject) => {
    const client = new Client({
      webSocketFactory: () => new WebSocket(url, versions.protocolVersions()),
      connectHeaders: { Authorization: `Bearer ${token}` },
      reconnectDelay: 0,
      heartbeatIncoming: 0,
      heartbeatOutgoing: 0,
      debug: () => {},
      ...config,
      onConnect: (frame) => resolve({ client, connected: frame, errors, closed }),
      onStompError: (frame) => {
        errors.push(frame);
        reject(Object.assign(new Error(frame.headers.message), { frame }));
      },
      onWebSocketClose: (event: { code: number }) => {
        onClosed(event.code);
        reject(new Error(`closed ${event.code}`));
      },
    });
    client.activate();
  });
}

export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * What a raw client reads, whatever carries it: the server's frames and heart-beats, parsed, and
 * awaited one by one. Subclasses say how bytes go out and whether the connection is closed.
 */
export abstract class FrameReader {
  readonly frames: StompFrame[] = [];
  heartbeats = 0;
  private readonly waiters: Array<() => void> = [];
  protected readonly parser = new StompParser({
    onFrame: (f) => {
      this.frames.push(f);
      this.wake();
    },
    onHeartbeat: () => {
      this.heartbeats++;
      this.wake();
    },
  });

  protected abstract get isClosed(): boolean;
  protected abstract write(data: string | Buffer): void;

  /** Wakes whoever waits for a frame, a heart-beat or the close. */
  protected wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Sends CONNECT and waits for CONNECTED; turns on header unescaping for 1.1+. */
  async connect(headers: Record<string, string> = {}): Promise<StompFrame> {
    this.sendFrame({
      command: 'CONNECT',
      headers: { 'accept-version': '1.2', Authorization: `Bearer ${GOOD_TOKEN}`, ...headers },
    });
    const frame = await this.next();
    if (frame.command === 'CONNECTED' && frame.headers.version !== '1.0') this.parser.escaping = true;
    return frame;
  }

  sendFrame(frame: OutgoingFrame): void {
    this.write(encodeFrame(frame));
  }

  /** The next frame not yet taken. */
  async next(command?: string): Promise<StompFrame> {
    for (;;) {
      const frame = this.frames.shift();
      if (frame !== undefined) {
        if (command !== undefined && frame.command !== command) continue;
        return frame;
      }
      if (this.isClosed) throw new Error('socket closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async waitHeartbeats(count: number): Promise<void> {
    while (this.heartbeats < count) {
      if (this.isClosed) throw new Error('socket closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

/** A raw WebSocket speaking hand-written frames; parses what the server sends. */
export class RawClient extends FrameReader {
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data: Buffer) => this.parser.push(data));
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.wake();
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  protected get isClosed(): boolean {
    return this.ws.readyState === WebSocket.CLOSED;
  }

  protected write(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** `headers`: extra headers of the upgrade request (e.g. X-Request-Id). */
  static async open(
    url: string,
    protocols: string[] = ['v12.stomp'],
    headers: Record<string, string> = {},
  ): Promise<RawClient> {
    const ws = new WebSocket(url, protocols, { headers });
    const client = new RawClient(ws);
    await once(ws, 'open');
    return client;
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }
}

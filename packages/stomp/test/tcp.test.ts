// STOMP over plain TCP: the same sessions as over WebSocket, with frames cut anywhere in the stream.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { encodeFrame } from '../src/codec.ts';
import type { StompServerOptions } from '../src/options.ts';
import {
  connectClient,
  FrameReader,
  GOOD_TOKEN,
  type Principal,
  startServer,
  type TestServer,
} from './helpers.ts';

/** A raw TCP client: writes hand-made bytes, parses what the server sends. */
class TcpClient extends FrameReader {
  readonly closed: Promise<void>;
  private ended = false;

  constructor(readonly socket: Socket) {
    super();
    socket.on('data', (chunk: Buffer) => this.parser.push(chunk));
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.ended = true;
        this.wake();
        resolve();
      }),
    );
  }

  static async open(port: number): Promise<TcpClient> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new TcpClient(socket);
  }

  protected get isClosed(): boolean {
    return this.ended;
  }

  protected write(data: string | Buffer): void {
    this.socket.write(data);
  }
}

/** The test server with a TCP listener handing its sockets to the STOMP server. */
async function startTcp(options: Partial<StompServerOptions<Principal>> = {}) {
  const server: TestServer = await startServer(options);
  const tcp: Server = createServer((socket) => server.stomp.handleSocket(socket));
  tcp.listen(0, '127.0.0.1');
  await once(tcp, 'listening');
  return {
    server,
    port: (tcp.address() as AddressInfo).port,
    async close() {
      await server.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

describe('STOMP over TCP', () => {
  let s: Awaited<ReturnType<typeof startTcp>>;
  const sent: string[] = [];
  before(async () => {
    s = await startTcp({
      onSend: (_session, destination, body) => {
        sent.push(`${destination} ${body.toString()}`);
      },
    });
  });
  after(() => s.close());

  it('connects, subscribes and gets what a WebSocket client publishes, with receipts', async () => {
    const tcp = await TcpClient.open(s.port);
    const connected = await tcp.connect();
    assert.equal(connected.command, 'CONNECTED');
    assert.equal(connected.headers.version, '1.2');
    tcp.sendFrame({
      command: 'SUBSCRIBE',
      headers: { id: 'sub-0', destination: '/topic/t', receipt: 'r-sub' },
    });
    assert.equal((await tcp.next('RECEIPT')).headers['receipt-id'], 'r-sub');

    const ws = await connectClient(s.server.url);
    s.server.stomp.publishLocal('/topic/t', '안녕 over TCP 👋');
    const message = await tcp.next('MESSAGE');
    assert.equal(message.body.toString(), '안녕 over TCP 👋');
    assert.equal(message.headers.subscription, 'sub-0');

    tcp.sendFrame({
      command: 'SEND',
      headers: { destination: '/app/x', receipt: 'r-send' },
      body: 'from a bot',
    });
    assert.equal((await tcp.next('RECEIPT')).headers['receipt-id'], 'r-send');
    assert.ok(sent.includes('/app/x from a bot'));
    tcp.sendFrame({ command: 'DISCONNECT', headers: { receipt: 'bye' } });
    assert.equal((await tcp.next('RECEIPT')).headers['receipt-id'], 'bye');
    await tcp.closed;
    await ws.client.deactivate();
  });

  it('takes frames cut at every byte, and several frames in one write', async () => {
    const tcp = await TcpClient.open(s.port);
    const bytes = Buffer.concat([
      encodeFrame({
        command: 'CONNECT',
        headers: { 'accept-version': '1.2', Authorization: `Bearer ${GOOD_TOKEN}` },
      }),
      Buffer.from('\n\n'),
      encodeFrame({
        command: 'SEND',
        headers: { destination: '/app/bytes', receipt: 'r1' },
        body: '한 바이트씩',
      }),
    ]);
    for (const byte of bytes) {
      tcp.socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal((await tcp.next()).command, 'CONNECTED');
    assert.equal((await tcp.next()).headers['receipt-id'], 'r1');
    assert.ok(sent.includes('/app/bytes 한 바이트씩'));
    tcp.socket.end();
  });

  it('sends heart-beats as newlines when asked', async () => {
    const local = await startTcp({ heartbeat: { outgoingMs: 30, incomingMs: 0 }, tickMs: 10 });
    try {
      const tcp = await TcpClient.open(local.port);
      const connected = await tcp.connect({ 'heart-beat': '0,30' });
      assert.equal(connected.headers['heart-beat'], '30,0');
      await tcp.waitHeartbeats(2);
      tcp.socket.end();
    } finally {
      await local.close();
    }
  });

  it('garbage gets an ERROR frame and the socket is closed', async () => {
    const tcp = await TcpClient.open(s.port);
    tcp.socket.write('HELLO THERE\n\n\0');
    const error = await tcp.next();
    assert.equal(error.command, 'ERROR');
    await tcp.closed;
  });

  it('a bad token gets an ERROR frame and the socket is closed', async () => {
    const tcp = await TcpClient.open(s.port);
    const error = await tcp.connect({ Authorization: 'Bearer nope' });
    assert.equal(error.command, 'ERROR');
    assert.equal(error.headers.message, 'invalid token');
    await tcp.closed;
  });

  it('a frame over the size limit gets an ERROR frame and the socket is closed', async () => {
    const local = await startTcp({ maxFrameBytes: 1024 });
    try {
      const tcp = await TcpClient.open(local.port);
      await tcp.connect();
      tcp.socket.write(
        encodeFrame({ command: 'SEND', headers: { destination: '/app/x' }, body: 'x'.repeat(4096) }),
      );
      assert.equal((await tcp.next()).command, 'ERROR');
      await tcp.closed;
    } finally {
      await local.close();
    }
  });

  it('a client that never sends CONNECT is closed at the CONNECT deadline', async () => {
    const local = await startTcp({ connectTimeoutMs: 50, tickMs: 10 });
    try {
      const tcp = await TcpClient.open(local.port);
      const error = await tcp.next();
      assert.equal(error.command, 'ERROR');
      assert.equal(error.headers.message, 'CONNECT timeout');
      await tcp.closed;
    } finally {
      await local.close();
    }
  });

  it('a shutdown ends TCP sessions with an ERROR frame, as WebSocket ones', async () => {
    const local = await startTcp();
    const tcp = await TcpClient.open(local.port);
    await tcp.connect();
    const closing = local.server.stomp.close({ timeoutMs: 1000 });
    const error = await tcp.next();
    assert.equal(error.command, 'ERROR');
    assert.equal(error.headers.message, 'server shutting down');
    await tcp.closed;
    await closing;
    await local.close();
  });
});

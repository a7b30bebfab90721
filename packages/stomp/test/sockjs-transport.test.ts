// The SockJS transport: a session of the `sockjs` package (here a stand-in with its shape) is a
// STOMP session; without flow control a flood is refused, and a client that stops collecting
// its messages is cut off at the high-water mark.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { encodeFrame } from '../src/codec.ts';
import type { OutgoingFrame, StompFrame } from '../src/frame.ts';
import { parseFrames } from '../src/parser.ts';
import type { SockJsConnection } from '../src/transport.ts';
import { deferred, GOOD_TOKEN, startServer, type TestServer } from './helpers.ts';

/** What the sockjs package's connection does, with its unsent messages kept in `send_buffer`. */
class FakeSockJs extends EventEmitter {
  readyState = 1;
  readonly remoteAddress = '127.0.0.1';
  readonly _session = { send_buffer: [] as string[] };
  closed: [number | undefined, string | undefined] | undefined;
  write(message: string): boolean {
    this._session.send_buffer.push(message);
    return true;
  }
  close(code?: number, reason?: string): boolean {
    this.closed = [code, reason];
    this.readyState = 3;
    setImmediate(() => this.emit('close'));
    return true;
  }
  send(frame: OutgoingFrame): void {
    this.emit('data', encodeFrame(frame).toString('utf8'));
  }
  /** Frames written so far (the client collects them), parsed. */
  take(): StompFrame[] {
    const text = this._session.send_buffer.splice(0).join('');
    return parseFrames(Buffer.from(text, 'utf8'));
  }
}

const connect: OutgoingFrame = {
  command: 'CONNECT',
  headers: { 'accept-version': '1.2', Authorization: `Bearer ${GOOD_TOKEN}` },
};

describe('STOMP over a SockJS session', () => {
  let s: TestServer;
  const gate = deferred();
  before(async () => {
    s = await startServer({
      onSend: async () => {
        await gate.promise;
      },
      highWaterMarkBytes: 4096,
    });
  });
  after(async () => {
    gate.resolve();
    await s.close();
  });

  it('connects and gets its messages as text', async () => {
    const conn = new FakeSockJs();
    s.stomp.handleSockJs(conn as unknown as SockJsConnection);
    conn.send(connect);
    await new Promise((resolve) => setImmediate(resolve));
    conn.send({ command: 'SUBSCRIBE', headers: { id: '0', destination: '/topic/x', receipt: 'r' } });
    await new Promise((resolve) => setImmediate(resolve));
    s.stomp.publishLocal('/topic/x', '안녕');
    const frames = conn.take();
    assert.deepEqual(
      frames.map((f) => f.command),
      ['CONNECTED', 'RECEIPT', 'MESSAGE'],
    );
    assert.equal(frames[2]?.body.toString(), '안녕');
    conn.close();
  });

  it('more frames waiting than the limit (it cannot pause reading): ERROR and closed', async () => {
    const conn = new FakeSockJs();
    s.stomp.handleSockJs(conn as unknown as SockJsConnection);
    conn.send(connect);
    await new Promise((resolve) => setImmediate(resolve));
    // One SEND is being handled (the gate holds it); 100 more arrive in one xhr_send.
    for (let i = 0; i < 101; i++)
      conn.send({ command: 'SEND', headers: { destination: '/app/x' }, body: `${i}` });
    const error = conn.take().find((f) => f.command === 'ERROR');
    assert.equal(error?.headers.message, 'too many frames waiting');
    assert.ok(conn.closed, 'closed');
  });

  it('a client that stops collecting its messages is cut off at the high-water mark', async () => {
    const conn = new FakeSockJs();
    s.stomp.handleSockJs(conn as unknown as SockJsConnection);
    conn.send(connect);
    await new Promise((resolve) => setImmediate(resolve));
    conn.send({ command: 'SUBSCRIBE', headers: { id: '0', destination: '/topic/big' } });
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 10 && !conn.closed; i++) s.stomp.publishLocal('/topic/big', 'x'.repeat(1000));
    assert.deepEqual(conn.closed?.[1], 'slow consumer');
  });
});

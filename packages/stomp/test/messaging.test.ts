import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { IMessage } from '@stomp/stompjs';
import { StompError } from '../src/errors.ts';
import type { SendContext, StompSession } from '../src/types.ts';
import {
  connectClient,
  deferred,
  type Principal,
  RawClient,
  startServer,
  type TestServer,
} from './helpers.ts';

type SendHook = (
  session: StompSession<Principal>,
  destination: string,
  body: Buffer,
  ctx: SendContext,
) => Promise<void> | void;

function receiptOf(client: { watchForReceipt(id: string, cb: () => void): void }, id: string): Promise<void> {
  return new Promise((resolve) => client.watchForReceipt(id, () => resolve()));
}

describe('messaging with stompjs', () => {
  let server: TestServer;
  let onSend: SendHook = () => {};
  let onSubscribe: (destination: string) => Promise<void> | void = () => {};
  const events: string[] = [];

  before(async () => {
    server = await startServer({
      onSend: (session, destination, body, _headers, ctx) => onSend(session, destination, body, ctx),
      onSubscribe: (_s, destination) => onSubscribe(destination),
      onDestinationActive: (d) => events.push(`active ${d}`),
      onDestinationIdle: (d) => events.push(`idle ${d}`),
    });
  });
  after(() => server.close());
  beforeEach(() => {
    onSend = () => {};
    onSubscribe = () => {};
    events.length = 0;
  });

  it('delivers publishLocal messages in order with subscription and message-id headers', async () => {
    const { client } = await connectClient(server.url);
    const other = await connectClient(server.url);
    const got: IMessage[] = [];
    const otherGot: IMessage[] = [];
    const all = deferred();
    const sub = client.subscribe(
      '/topic/room.1',
      (m) => {
        got.push(m);
        if (got.length === 200) all.resolve();
      },
      { id: 'mine', receipt: 's1' },
    );
    other.client.subscribe('/topic/room.1', (m) => otherGot.push(m), { receipt: 's2' });
    await Promise.all([receiptOf(client, 's1'), receiptOf(other.client, 's2')]);
    assert.equal(server.stomp.subscriberCount('/topic/room.1'), 2);
    for (let i = 0; i < 200; i++) {
      assert.equal(server.stomp.publishLocal('/topic/room.1', JSON.stringify({ seq: i })), 2);
    }
    await all.promise;
    assert.deepEqual(
      got.map((m) => (JSON.parse(m.body) as { seq: number }).seq),
      [...Array(200).keys()],
    );
    const first = got[0];
    assert.equal(first?.headers.subscription, 'mine');
    assert.equal(first?.headers.destination, '/topic/room.1');
    assert.equal(first?.headers['content-type'], 'application/json');
    assert.equal(new Set(got.map((m) => m.headers['message-id'])).size, 200);
    sub.unsubscribe();
    await other.client.deactivate();
    await client.deactivate();
    assert.deepEqual(events, ['active /topic/room.1', 'idle /topic/room.1']);
  });

  it('sends binary bodies as binary WebSocket messages and keeps extra headers', async () => {
    const { client } = await connectClient(server.url);
    const got = deferred<IMessage>();
    client.subscribe('/topic/bin', (m) => got.resolve(m), { receipt: 's' });
    await receiptOf(client, 's');
    server.stomp.publishLocal('/topic/bin', Buffer.from([0, 1, 0xff]), {
      'content-type': 'application/octet-stream',
      'x-trace': 'a:b',
      subscription: 'spoofed',
    });
    const message = await got.promise;
    assert.deepEqual([...message.binaryBody], [0, 1, 0xff]);
    assert.equal(message.headers['content-type'], 'application/octet-stream');
    assert.equal(message.headers['x-trace'], 'a:b');
    assert.notEqual(message.headers.subscription, 'spoofed');
    await client.deactivate();
  });

  it('writes a SEND receipt only once the application has resolved', async () => {
    const order: string[] = [];
    const durable = deferred();
    const called = deferred();
    onSend = async (_s, destination, body) => {
      order.push(`hook ${destination} ${body.toString()}`);
      called.resolve();
      await durable.promise;
      order.push('durable');
    };
    const { client } = await connectClient(server.url);
    const receipt = receiptOf(client, 'r-1').then(() => order.push('receipt'));
    client.publish({ destination: '/app/chat.send', body: '{"n":1}', headers: { receipt: 'r-1' } });
    await called.promise;
    durable.resolve();
    await receipt;
    assert.deepEqual(order, ['hook /app/chat.send {"n":1}', 'durable', 'receipt']);
    await client.deactivate();
  });

  it('lets the application take a receipt over and send it later', async () => {
    const taken: Array<{ session: StompSession<Principal>; id: string | undefined }> = [];
    const bothTaken = deferred();
    onSend = (session, _d, _b, ctx) => {
      taken.push({ session, id: ctx.deferReceipt() });
      if (taken.length === 2) bothTaken.resolve();
    };
    const { client } = await connectClient(server.url);
    const receipts: string[] = [];
    client.onUnhandledReceipt = (frame) => receipts.push(frame.headers['receipt-id'] ?? '');
    const second = receiptOf(client, 'b');
    client.publish({ destination: '/app/x', body: 'a', headers: { receipt: 'a' } });
    client.publish({ destination: '/app/x', body: 'b', headers: { receipt: 'b' } });
    await bothTaken.promise;
    assert.deepEqual(
      taken.map((t) => t.id),
      ['a', 'b'],
    );
    taken[1]?.session.sendReceipt('b');
    await second;
    assert.deepEqual(receipts, []);
    await client.deactivate();
  });

  it('sends per-request errors to /user/queue/errors and keeps the connection', async () => {
    onSend = (_s, destination) => {
      if (destination === '/app/limited') {
        throw new StompError('RATE_LIMITED', 'slow down', {
          details: { messageKey: 'k-1', code: 'ignored' },
        });
      }
      if (destination === '/app/boom') throw new Error('unexpected');
    };
    const { client } = await connectClient(server.url);
    const errors: unknown[] = [];
    const two = deferred();
    client.subscribe(
      '/user/queue/errors',
      (m) => {
        errors.push(JSON.parse(m.body));
        if (errors.length === 2) two.resolve();
      },
      { receipt: 'e' },
    );
    await receiptOf(client, 'e');
    assert.equal(server.stomp.subscriberCount('/user/queue/errors'), 0, 'user destinations stay private');
    client.publish({ destination: '/app/limited', body: '{}', headers: { receipt: 'r-9' } });
    client.publish({ destination: '/app/boom', body: '{}' });
    await two.promise;
    assert.deepEqual(errors, [
      { code: 'RATE_LIMITED', message: 'slow down', receiptId: 'r-9', messageKey: 'k-1' },
      { code: 'INTERNAL', message: 'internal error' },
    ]);
    const ok = receiptOf(client, 'r-10');
    client.publish({ destination: '/app/fine', body: '{}', headers: { receipt: 'r-10' } });
    await ok;
    assert.ok(client.connected);
    await client.deactivate();
  });

  it('delivers per-request errors without a subscription to onUnhandledMessage', async () => {
    onSubscribe = (destination) => {
      if (destination === '/topic/secret') throw new StompError('NOT_A_MEMBER', 'not a member');
    };
    const { client } = await connectClient(server.url);
    const unhandled = deferred<IMessage>();
    client.onUnhandledMessage = (m) => unhandled.resolve(m);
    client.subscribe('/topic/secret', () => assert.fail('must not be subscribed'), { receipt: 'never' });
    const message = await unhandled.promise;
    assert.equal(message.headers.subscription, '/user/queue/errors');
    assert.deepEqual(JSON.parse(message.body), {
      code: 'NOT_A_MEMBER',
      message: 'not a member',
      receiptId: 'never',
    });
    assert.equal(server.stomp.subscriberCount('/topic/secret'), 0);
    assert.ok(client.connected);
    await client.deactivate();
  });

  it('closes with ERROR when a hook throws a fatal StompError', async () => {
    onSend = () => {
      throw new StompError('BANNED', 'you are banned', { fatal: true });
    };
    const raw = await RawClient.open(server.url);
    await raw.connect();
    raw.sendFrame({ command: 'SEND', headers: { destination: '/app/x', receipt: 'r' } });
    const error = await raw.next('ERROR');
    assert.equal(error.headers.message, 'you are banned');
    assert.equal(error.headers['receipt-id'], 'r');
    assert.equal((await raw.closed).code, 1008);
  });

  it('answers DISCONNECT with its receipt after earlier frames finished', async () => {
    const slow = deferred();
    onSend = () => slow.promise;
    const raw = await RawClient.open(server.url);
    await raw.connect();
    raw.sendFrame({ command: 'SEND', headers: { destination: '/app/x', receipt: 'send' } });
    raw.sendFrame({ command: 'DISCONNECT', headers: { receipt: 'bye' } });
    slow.resolve();
    assert.equal((await raw.next()).headers['receipt-id'], 'send');
    assert.equal((await raw.next()).headers['receipt-id'], 'bye');
    assert.equal((await raw.closed).code, 1000);
  });

  it('offers session.send, sendToSubscription and subscriptions()', async () => {
    const { client, connected } = await connectClient(server.url);
    const got: string[] = [];
    const three = deferred();
    const onMessage = (m: IMessage) => {
      got.push(`${m.headers.subscription}:${m.body}`);
      if (got.length === 3) three.resolve();
    };
    client.subscribe('/user/queue/notes', onMessage, { id: 'n1' });
    client.subscribe('/user/queue/other', onMessage, { id: 'n2', receipt: 'n' });
    await receiptOf(client, 'n');
    const session = [...server.stomp.sessions()].find((s) => s.id === connected.headers.session);
    assert.ok(session);
    assert.deepEqual(
      [...session.subscriptions()].map((s) => [s.id, s.destination, s.ack]),
      [
        ['n1', '/user/queue/notes', 'auto'],
        ['n2', '/user/queue/other', 'auto'],
      ],
    );
    assert.equal(server.stomp.publishLocal('/user/queue/notes', 'x'), 0);
    assert.equal(session.send('/user/queue/notes', 'first'), 1);
    assert.equal(session.sendToSubscription('n2', 'one'), true);
    assert.equal(session.sendToSubscription('missing', 'one'), false);
    assert.equal(session.send('/user/queue/other', 'second'), 1);
    await three.promise;
    assert.deepEqual(got.sort(), ['n1:first', 'n2:one', 'n2:second']);
    await client.deactivate();
  });

  it('refuses a second subscription to the same destination, so deliveries are not multiplied', {
    timeout: 5000,
  }, async () => {
    const { client } = await connectClient(server.url);
    const errors: Record<string, unknown>[] = [];
    const refused = deferred();
    client.subscribe(
      '/user/queue/errors',
      (m) => {
        errors.push(JSON.parse(m.body) as Record<string, unknown>);
        refused.resolve();
      },
      { id: 'errors' },
    );
    const got: string[] = [];
    client.subscribe('/topic/dup', (m) => got.push(m.body), { id: 'a', receipt: 'a' });
    await receiptOf(client, 'a');
    client.subscribe('/topic/dup', (m) => got.push(m.body), { id: 'b', receipt: 'b' });
    await refused.promise;
    assert.deepEqual(errors, [
      {
        code: 'DUPLICATE_SUBSCRIPTION',
        message: 'already subscribed to /topic/dup (subscription a)',
        receiptId: 'b',
        destination: '/topic/dup',
        subscription: 'a',
      },
    ]);
    assert.equal(server.stomp.subscriberCount('/topic/dup'), 1);
    const delivered = deferred();
    client.subscribe('/topic/dup-done', () => delivered.resolve(), { id: 'c', receipt: 'c' });
    await receiptOf(client, 'c');
    assert.equal(server.stomp.publishLocal('/topic/dup', 'once'), 1);
    server.stomp.publishLocal('/topic/dup-done', 'end');
    await delivered.promise;
    assert.deepEqual(got, ['once']);
    assert.ok(client.connected);
    await client.deactivate();
  });

  it('ends a subscription from the server side with session.unsubscribe', async () => {
    const unsubscribed: string[] = [];
    const { client, connected } = await connectClient(server.url);
    client.subscribe('/topic/ended', () => assert.fail('no delivery after unsubscribe'), {
      id: 'e1',
      receipt: 'e',
    });
    await receiptOf(client, 'e');
    const session = [...server.stomp.sessions()].find((s) => s.id === connected.headers.session);
    assert.ok(session);
    events.length = 0;
    assert.equal(session.unsubscribe('e1'), true);
    assert.equal(session.unsubscribe('e1'), false);
    unsubscribed.push(...[...session.subscriptions()].map((s) => s.id));
    assert.deepEqual(unsubscribed, []);
    assert.deepEqual(events, ['idle /topic/ended']);
    assert.equal(server.stomp.publishLocal('/topic/ended', 'x'), 0);
    await client.deactivate();
  });

  it('adds an ack header for client-acknowledged subscriptions and accepts ACK', async () => {
    const { client } = await connectClient(server.url);
    const got = deferred<IMessage>();
    client.subscribe('/topic/acked', (m) => got.resolve(m), { ack: 'client', receipt: 's' });
    await receiptOf(client, 's');
    server.stomp.publishLocal('/topic/acked', '1');
    const message = await got.promise;
    assert.equal(message.headers.ack, message.headers['message-id']);
    const acked = receiptOf(client, 'ack');
    message.ack({ receipt: 'ack' });
    await acked;
    await client.deactivate();
  });
});

// A session's request id: the upgrade request's X-Request-Id (a valid one), else the session
// id; every frame, the failures it reports and onDisconnect run inside `frameScope` with it.
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, describe, it } from 'node:test';
import { StompError } from '../src/errors.ts';
import type { FrameScope } from '../src/options.ts';
import { deferred, RawClient, startServer, type TestServer } from './helpers.ts';

describe('session request ids', () => {
  const current = new AsyncLocalStorage<string>();
  const frameScope: FrameScope = (requestId, run) => current.run(requestId, run);
  /** What ran, under which id: `"<what> <id>"`. */
  const seen: string[] = [];
  const note = (what: string): void => void seen.push(`${what} ${current.getStore()}`);
  const errors: string[] = [];
  const disconnected = deferred<void>();
  let server: TestServer;

  before(async () => {
    server = await startServer({
      frameScope,
      logger: { error: (_o: object, msg: string) => void errors.push(`${msg} ${current.getStore()}`) },
      onConnect: () => note('connect'),
      onSubscribe: async () => note('subscribe'),
      async onSend(_session, destination) {
        await Promise.resolve();
        note('send');
        if (destination === '/app/refused') throw new StompError('NOT_ALLOWED', 'no');
        if (destination === '/app/bug') throw new TypeError('a bug');
      },
      onDisconnect: () => {
        note('disconnect');
        disconnected.resolve();
      },
    });
  });
  after(() => server.close());

  it("takes the upgrade's X-Request-Id and runs all the session does under it", async () => {
    const client = await RawClient.open(server.url, ['v12.stomp'], { 'x-request-id': 'trace-ws-1' });
    assert.equal((await client.connect()).command, 'CONNECTED');
    const [session] = [...server.stomp.sessions()];
    assert.equal(session?.requestId, 'trace-ws-1');
    client.sendFrame({ command: 'SUBSCRIBE', headers: { id: 's1', destination: '/topic/x', receipt: 'r1' } });
    await client.next('RECEIPT');
    client.sendFrame({ command: 'SEND', headers: { destination: '/app/refused' }, body: '{}' });
    await client.next('MESSAGE');
    client.sendFrame({ command: 'SEND', headers: { destination: '/app/bug' }, body: '{}' });
    await client.next('MESSAGE');
    // The client goes away without DISCONNECT: the close comes from the socket, not a frame.
    client.ws.close();
    await client.closed;
    await disconnected.promise;
    assert.deepEqual(seen, [
      'connect trace-ws-1',
      'subscribe trace-ws-1',
      'send trace-ws-1',
      'send trace-ws-1',
      'disconnect trace-ws-1',
    ]);
    assert.deepEqual(errors, ['STOMP handler failed trace-ws-1'], "the bug's log line is the session's");
  });

  it('without a valid X-Request-Id the session id stands in', async () => {
    const upgrades: Record<string, string>[] = [
      {},
      { 'x-request-id': 'not valid' },
      { 'x-request-id': 'x'.repeat(129) },
    ];
    for (const headers of upgrades) {
      const client = await RawClient.open(server.url, ['v12.stomp'], headers);
      const connected = await client.connect();
      const session = [...server.stomp.sessions()].find((s) => s.id === connected.headers.session);
      assert.equal(session?.requestId, connected.headers.session);
      client.ws.close();
      await client.closed;
    }
  });
});

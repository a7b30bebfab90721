import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

// A bound of 1 ms: any message delivered makes the node busy until it is a second old.
let srv: TestServer;
let conn: TestStomp | undefined;
before(async () => {
  srv = await startTestServer({ CHAT_BUSY_LAG_MS: '1' });
});
after(async () => {
  await conn?.close();
  await srv.stop();
});

describe('back-pressure: SENDs wait while delivery runs late (embedded)', () => {
  test('a SEND is refused with SERVER_BUSY and a retry hint, changes nothing, and goes through when retried after it', async () => {
    const [alice, bob] = [await signup(srv.url), await signup(srv.url)];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', alice.token, {
      name: 'busy',
      memberIds: [bob.userId],
    });
    assert.equal(room.status, 201);
    const roomId = room.body.id;
    conn = await connectStomp(srv.url, alice.token);
    const live = await conn.subscribe<{ messageKey: string }>(`/topic/room.${roomId}`);

    await conn.sendWithReceipt('/app/chat.send', { roomId, content: 'first', messageKey: 'k-1' });
    await live.find((m) => m.messageKey === 'k-1');

    // Delivered later than the bound: the next SEND is refused before it is taken.
    conn.send('/app/chat.send', { roomId, content: 'second', messageKey: 'k-2' }, { receipt: 'busy-1' });
    const refused = await conn.errors.find((e) => e.receiptId === 'busy-1');
    assert.equal(refused.code, 'SERVER_BUSY');
    assert.equal(refused.messageKey, 'k-2');
    const wait = refused.retryAfterMs;
    assert.ok(typeof wait === 'number' && wait >= 1000 && wait <= 10_000, `retryAfterMs ${wait}`);
    const sent = async () =>
      (await allHistory(srv.url, alice, roomId)).filter((m) => m.type === 'TEXT').map((m) => m.content);
    assert.deepEqual(await sent(), ['first'], 'the refused SEND stored nothing');

    // Retried as told (same messageKey): taken, delivered, stored once.
    await sleep(wait);
    await conn.sendWithReceipt('/app/chat.send', { roomId, content: 'second', messageKey: 'k-2' });
    await live.find((m) => m.messageKey === 'k-2');
    assert.deepEqual(await sent(), ['first', 'second']);
    assert.ok(conn.client.connected, 'refusals for being busy do not count as abuse');

    const scrape = await fetch(`${srv.url}/actuator/prometheus`).then((r) => r.text());
    assert.match(scrape, /chat_stomp_request_errors_total\{code="SERVER_BUSY"\} 1\b/);
    assert.match(scrape, /^chat_delivery_lag_seconds \d/m);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

// A bound of 1 ms: any message delivered makes the node busy until it is a second old.
let srv: TestServer;
let conn: TestStomp | undefined;
before(async () => {
  // One refusal for rate would close the session: refusals for being busy must not count.
  srv = await startTestServer({ CHAT_BUSY_LAG_MS: '1', CHAT_ABUSE_REJECTIONS: '1' });
});
after(async () => {
  await conn?.close();
  await srv.stop();
});

describe('back-pressure: SENDs wait while delivery runs late (embedded)', () => {
  test('SENDs are refused with SERVER_BUSY and a retry hint, store nothing, and go through after it', async () => {
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

    // Delivered later than the bound: the next SENDs are refused before they are taken.
    let wait = 0;
    for (const key of ['k-2', 'k-3']) {
      conn.send('/app/chat.send', { roomId, content: `refused ${key}`, messageKey: key }, { receipt: key });
      const refused = await conn.errors.find((e) => e.receiptId === key);
      assert.equal(refused.code, 'SERVER_BUSY');
      assert.equal(refused.messageKey, key);
      assert.ok(
        typeof refused.retryAfterMs === 'number' &&
          refused.retryAfterMs >= 1000 &&
          refused.retryAfterMs <= 10_000,
        `retryAfterMs ${refused.retryAfterMs}`,
      );
      wait = Math.max(wait, refused.retryAfterMs);
    }
    assert.ok(conn.client.connected, 'refusals for being busy do not count as abuse');

    // After the hint: taken and delivered. Had a refused SEND been appended, it would be stored
    // before this one (the room's order), so history now shows whether it was.
    await sleep(wait);
    await conn.sendWithReceipt('/app/chat.send', { roomId, content: 'later', messageKey: 'k-4' });
    await live.find((m) => m.messageKey === 'k-4');
    const sent = (await allHistory(srv.url, alice, roomId)).filter((m) => m.type === 'TEXT');
    assert.deepEqual(
      sent.map((m) => m.content),
      ['first', 'later'],
      'the refused SENDs stored nothing',
    );

    const scrape = await fetch(`${srv.url}/actuator/prometheus`).then((r) => r.text());
    assert.match(scrape, /chat_stomp_request_errors_total\{code="SERVER_BUSY"\} 2\b/);
    assert.match(scrape, /^chat_delivery_lag_seconds \d/m);
  });
});

// SockJS on /ws with clients nobody here wrote: sockjs-client under @stomp/stompjs, as a Spring
// client's `.withSockJS()` connects, over each SockJS transport that works outside a browser.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@stomp/stompjs';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { Collector, connectSockJs } from './stomp-client.ts';

/** Resolves on the RECEIPT of `receipt`. */
const receiptOf = (client: Client, receipt: string) =>
  new Promise<void>((resolve) => client.watchForReceipt(receipt, () => resolve()));

describe('SockJS on /ws (sockjs-client + @stomp/stompjs, in Node)', () => {
  let srv: TestServer;
  before(async () => {
    srv = await startTestServer();
  });
  after(() => srv?.stop());

  test('/ws/info answers as a SockJS server does', async () => {
    const res = await fetch(`${srv.url}/ws/info`);
    assert.equal(res.status, 200);
    const info = (await res.json()) as { websocket: boolean; cookie_needed: boolean };
    assert.equal(info.websocket, true);
    assert.equal(info.cookie_needed, false);
  });

  for (const transport of ['websocket', 'xhr-streaming', 'xhr-polling', 'eventsource']) {
    test(`${transport}: subscribes and sends with receipts, gets the message once, stored once`, async () => {
      const [me, friend] = [await signup(srv.url), await signup(srv.url)];
      const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', me.token, {
        name: `sockjs ${transport}`,
        memberIds: [friend.userId],
      });
      const { client, errors } = await connectSockJs(srv.url, me.token, transport);
      const live = new Collector<{ content: string }>();
      const subscribed = receiptOf(client, 'sub-1');
      client.subscribe(
        `/topic/room.${room.body.id}`,
        (m: { body: string }) => live.push(JSON.parse(m.body)),
        {
          receipt: 'sub-1',
        },
      );
      await subscribed;
      const content = `${transport} 으로 보냄 🧦`;
      const sent = receiptOf(client, 'send-1');
      client.publish({
        destination: '/app/chat.send',
        body: JSON.stringify({ roomId: room.body.id, content }),
        headers: { receipt: 'send-1' },
      });
      await sent;
      assert.deepEqual(
        (await live.count(1)).map((m) => m.content),
        [content],
      );
      assert.deepEqual(errors.items, []);
      const history = await allHistory(srv.url, friend, room.body.id);
      assert.deepEqual(
        history.map((m) => m.content),
        [content],
      );
      await client.deactivate();
    });
  }

  test('a bad token over SockJS gets ERROR and the session ends', async () => {
    await assert.rejects(connectSockJs(srv.url, 'not-a-token', 'xhr-streaming'), /STOMP ERROR|closed/);
  });

  test("a client's SockJS mistakes get 400 with the protocol's message, never 500", async () => {
    const post = (path: string, body: string) =>
      fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    const broken = await post('/ws/000/abcdefgh/xhr_send', '["not closed');
    assert.deepEqual([broken.status, await broken.text()], [400, 'Broken JSON encoding.']);
    const empty = await post('/ws/000/abcdefgh/xhr_send', '');
    assert.deepEqual([empty.status, await empty.text()], [400, 'Payload expected.']);
    const jsonp = await fetch(`${srv.url}/ws/000/abcdefgh/jsonp?c=${encodeURIComponent('alert(1)')}`);
    assert.equal(jsonp.status, 400);
    const unknown = await post('/ws/000/nosuchsession/xhr_send', '["x"]');
    assert.equal(unknown.status, 404, 'a session the server does not know');
  });

  test('an xhr_send body over the limit is refused with 413 and nothing is read', async () => {
    const res = await fetch(`${srv.url}/ws/000/abcdefgh/xhr_send`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(['x'.repeat(1024 * 1024)]),
    });
    assert.equal(res.status, 413);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { login, TEST_ADMIN } from '@chat/testing';
import { api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp } from './stomp-client.ts';

let srv: TestServer;
let adminToken: string;
before(async () => {
  srv = await startTestServer({ ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  adminToken = (await login(srv.api, TEST_ADMIN.email, TEST_ADMIN.password)).token;
});
after(async () => {
  await srv.stop();
});

describe('chat reacts to user status changes (embedded)', () => {
  for (const action of ['suspend', 'delete'] as const) {
    test(`${action}: the user's open sockets are closed, new ones refused, messages kept`, async () => {
      const [bad, other] = [await signup(srv.url), await signup(srv.url)];
      const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', other.token, {
        name: 'moderated',
        memberIds: [bad.userId],
      });
      const badConn = await connectStomp(srv.url, bad.token);
      const otherConn = await connectStomp(srv.url, other.token);
      const live = await otherConn.subscribe<{ content: string; senderId: number }>(
        `/topic/room.${room.body.id}`,
      );
      await badConn.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: 'before' });
      await live.find((m) => m.content === 'before');

      const res =
        action === 'suspend'
          ? await api(srv.url, 'PATCH', `/api/users/${bad.userId}/status`, adminToken, {
              status: 'SUSPENDED',
            })
          : await api(srv.url, 'DELETE', `/api/users/${bad.userId}`, adminToken);
      assert.ok(res.status === 200 || res.status === 204, `admin ${action}: ${res.status}`);

      const closed = await badConn.closed.find(() => true);
      assert.ok(closed.code >= 1000, 'the socket was closed by the server');
      await assert.rejects(
        connectStomp(srv.url, bad.token),
        /STOMP ERROR|closed/,
        'a new CONNECT is refused',
      );
      assert.equal((await api(srv.url, 'GET', '/api/rooms', bad.token)).status, 401);

      const history = await api<{ messages: { content: string; senderId: number }[] }>(
        srv.url,
        'GET',
        `/api/rooms/${room.body.id}/messages`,
        other.token,
      );
      assert.deepEqual(
        history.body.messages.map((m) => [m.content, m.senderId]),
        [['before', bad.userId]],
        'their messages stay',
      );
      await otherConn.close();
    });
  }

  test('a 1:1 with a deleted user stays readable and names them "(unknown)", as sender and peer', async () => {
    const [gone, other] = [await signup(srv.url, '떠난사람'), await signup(srv.url, '남은사람')];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/direct', other.token, {
      targetUserId: gone.userId,
    });
    const conn = await connectStomp(srv.url, gone.token);
    const mine = await conn.subscribe<{ content: string }>(`/topic/room.${room.body.id}`);
    await conn.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: '안녕히' });
    await mine.find((m) => m.content === '안녕히');
    assert.equal((await api(srv.url, 'DELETE', `/api/users/${gone.userId}`, adminToken)).status, 204);
    // The deletion reaches chat as an event: wait for the list to say so.
    for (;;) {
      const list = await api<{ id: number; peer: { nickname: string } | null }[]>(
        srv.url,
        'GET',
        '/api/rooms',
        other.token,
      );
      if (list.body.find((r) => r.id === room.body.id)?.peer?.nickname === '(unknown)') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const history = await api<{ messages: { content: string; senderNickname: string }[] }>(
      srv.url,
      'GET',
      `/api/rooms/${room.body.id}/messages`,
      other.token,
    );
    assert.deepEqual(
      history.body.messages.map((m) => [m.content, m.senderNickname]),
      [['안녕히', '(unknown)']],
    );
  });
});

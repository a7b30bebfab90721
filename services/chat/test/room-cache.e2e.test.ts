import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import {
  createRealBackend,
  eventually,
  type RealBackend,
  startTestServer as startPlatform,
  type TestServer,
} from '@chat/testing';
import { api, signup, type TestUser } from './harness.ts';
import { connectStomp } from './stomp-client.ts';

interface Summary {
  id: number;
  unreadCount: number;
  lastMessage: { content: string; senderNickname: string } | null;
  peer: { nickname: string } | null;
}

interface Page {
  messages: { id: number; content: string; senderNickname: string }[];
}

interface Nodes {
  a: TestServer;
  b: TestServer;
  stop(): Promise<void>;
}

const twoNodes = async (): Promise<Nodes> => {
  const backend: RealBackend = await createRealBackend();
  const env = { ...backend.env, CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' };
  const a = await startPlatform({ env });
  const b = await startPlatform({ env });
  return {
    a,
    b,
    async stop() {
      await a.stop();
      await b.stop();
      await backend.cleanup();
    },
  };
};

const oneEmbeddedNode = async (): Promise<Nodes> => {
  const node = await startPlatform({ env: { CHAT_SEND_RATE_PER_SEC: '1000', CHAT_SEND_BURST: '1000' } });
  return { a: node, b: node, stop: () => node.stop() };
};

const distributedSkip = await skipUnless(
  'chat room cache across two nodes (Redis)',
  'postgres',
  'redis',
  'nats',
);

/**
 * Room lists, room details and newest message pages are cached (in Redis shared by the nodes,
 * or in process when embedded); a writer's change must be visible to any reader on any node
 * as soon as the writer got its answer. Writes go to node A, reads to node B.
 */
for (const [name, start, skip] of [
  ['two nodes, Redis', twoNodes, distributedSkip],
  ['embedded, in-process cache', oneEmbeddedNode, false],
] as const) {
  describe(`cached room views are never stale after a write (${name})`, { skip }, () => {
    let nodes: Nodes;
    let a: TestServer;
    let b: TestServer;
    before(async () => {
      nodes = await start();
      ({ a, b } = nodes);
    });
    after(async () => {
      await nodes?.stop();
    });

    const list = async (url: string, u: TestUser) =>
      (await api<Summary[]>(url, 'GET', '/api/rooms', u.token)).body;

    test('membership changes on node A show at once in lists and details read on node B', async () => {
      const [owner, guest, late] = [await signup(a.url), await signup(a.url), await signup(a.url)];
      // Prime the caches on B.
      assert.deepEqual(await list(b.url, guest), []);
      const room = await api<{ id: number }>(a.url, 'POST', '/api/rooms/group', owner.token, {
        name: 'cached',
        memberIds: [guest.userId],
      });
      assert.deepEqual(
        (await list(b.url, guest)).map((r) => r.id),
        [room.body.id],
      );
      const before = await api<{ members: unknown[] }>(
        b.url,
        'GET',
        `/api/rooms/${room.body.id}`,
        owner.token,
      );
      assert.equal(before.body.members.length, 2);

      await api(a.url, 'POST', `/api/rooms/${room.body.id}/members`, owner.token, { userIds: [late.userId] });
      const detail = await api<{ members: unknown[] }>(
        b.url,
        'GET',
        `/api/rooms/${room.body.id}`,
        owner.token,
      );
      assert.equal(detail.body.members.length, 3, 'room detail after invite');
      assert.deepEqual(
        (await list(b.url, late)).map((r) => r.id),
        [room.body.id],
      );

      await api(a.url, 'DELETE', `/api/rooms/${room.body.id}/members/me`, guest.token);
      assert.deepEqual(await list(b.url, guest), [], 'room list after leaving');

      const direct = await api<{ id: number }>(a.url, 'POST', '/api/rooms/direct', owner.token, {
        targetUserId: late.userId,
      });
      assert.ok(
        (await list(b.url, late)).some((r) => r.id === direct.body.id),
        'new direct room listed for the target',
      );
    });

    test('a delivered message and a read mark show at once in room lists read on the other node', async () => {
      const [writer, reader] = [await signup(a.url), await signup(b.url)];
      const room = await api<{ id: number }>(a.url, 'POST', '/api/rooms/group', writer.token, {
        name: 'unread',
        memberIds: [reader.userId],
      });
      assert.equal((await list(b.url, reader))[0]?.lastMessage, null);
      const sender = await connectStomp(a.url, writer.token);
      const listener = await connectStomp(b.url, reader.token);
      const live = await listener.subscribe<{ id: number; content: string }>(`/topic/room.${room.body.id}`);
      await sender.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content: 'fresh' });
      const [msg] = await live.count(1);
      // Live delivery follows persistence and invalidation: the list already shows it.
      const [summary] = await list(b.url, reader);
      assert.equal(summary?.lastMessage?.content, 'fresh');
      assert.equal(summary?.unreadCount, 1);

      await api(a.url, 'POST', `/api/rooms/${room.body.id}/read`, reader.token, {
        lastReadMessageId: msg!.id,
      });
      assert.equal((await list(b.url, reader))[0]?.unreadCount, 0, 'unread after the read mark');
      await sender.close();
      await listener.close();
    });

    test('the newest message page read on node B shows a message as soon as B delivered it live', async () => {
      const [writer, reader] = [await signup(a.url), await signup(b.url)];
      const room = await api<{ id: number }>(a.url, 'POST', '/api/rooms/group', writer.token, {
        name: 'pages',
        memberIds: [reader.userId],
      });
      const page = async () =>
        (await api<Page>(b.url, 'GET', `/api/rooms/${room.body.id}/messages?size=20`, reader.token)).body;
      assert.deepEqual((await page()).messages, []);
      const sender = await connectStomp(a.url, writer.token);
      const listener = await connectStomp(b.url, reader.token);
      const live = await listener.subscribe<{ id: number }>(`/topic/room.${room.body.id}`);
      for (const content of ['first', 'second']) {
        await sender.sendWithReceipt('/app/chat.send', { roomId: room.body.id, content });
        const delivered = await live.count(content === 'first' ? 1 : 2);
        const newest = (await page()).messages[0];
        assert.equal(newest?.content, content, 'the cached page already has the delivered message');
        assert.equal(newest?.id, delivered.at(-1)?.id);
      }
      assert.equal((await page()).messages.length, 2);
      await sender.close();
      await listener.close();
    });

    test('a nickname change shows in cached lists, details and pages once chat has applied it', async () => {
      const [renamed, friend] = [await signup(a.url), await signup(a.url)];
      const direct = await api<{ id: number }>(a.url, 'POST', '/api/rooms/direct', friend.token, {
        targetUserId: renamed.userId,
      });
      const roomId = direct.body.id;
      const sender = await connectStomp(a.url, renamed.token);
      await sender.sendWithReceipt('/app/chat.send', { roomId, content: 'hello' });
      const views = async () => {
        const [list, detail, page] = await Promise.all([
          api<Summary[]>(b.url, 'GET', '/api/rooms', friend.token),
          api<{ members: { userId: number; nickname: string }[] }>(
            b.url,
            'GET',
            `/api/rooms/${roomId}`,
            friend.token,
          ),
          api<Page>(b.url, 'GET', `/api/rooms/${roomId}/messages?size=20`, friend.token),
        ]);
        return {
          peer: list.body[0]?.peer?.nickname,
          lastSender: list.body[0]?.lastMessage?.senderNickname,
          member: detail.body.members.find((m) => m.userId === renamed.userId)?.nickname,
          pageSender: page.body.messages[0]?.senderNickname,
        };
      };
      const old = renamed.nickname;
      // The page is filled once the message is stored; then all three views are cached on B.
      await eventually(async () => (await views()).pageSender === old);
      assert.deepEqual(await views(), { peer: old, lastSender: old, member: old, pageSender: old });

      const patched = await api(a.url, 'PATCH', '/api/users/me', renamed.token, { nickname: 'renamed' });
      assert.equal(patched.status, 200);
      // Chat learns nicknames from user events; search is never cached, so it tells when it has.
      await eventually(async () => {
        const found = await api<{ senderNickname: string }[]>(
          b.url,
          'GET',
          `/api/rooms/${roomId}/messages/search?q=hello`,
          friend.token,
        );
        return found.body[0]?.senderNickname === 'renamed';
      });
      assert.deepEqual(await views(), {
        peer: 'renamed',
        lastSender: 'renamed',
        member: 'renamed',
        pageSender: 'renamed',
      });
      await sender.close();
    });
  });
}

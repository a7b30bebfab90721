// Account self-service as chat sees it (issue 13): ended sessions close their STOMP sessions,
// a deleted account's messages stay under a name-less sender, and my data export's chat part.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { type Api, describeOnBackends, eventually, type SignedUp, signup } from '@chat/testing';
import { connectStomp, type TestStomp } from './stomp-client.ts';

const EXPORTS_PER_HOUR = 3;
const UNKNOWN = '(unknown)';

interface Message {
  id: number;
  senderId: number;
  senderNickname: string;
  content: string;
  type: string;
  editedAt?: string | null;
  deletedAt?: string | null;
}

/** The ERROR frame code a STOMP session ended with, once the server closed it. */
async function endedWith(conn: TestStomp, timeoutMs = 5000): Promise<unknown> {
  const error = await conn.errors.find((e) => e.code === 'ERROR_FRAME', timeoutMs);
  await conn.closed.find(() => true, timeoutMs);
  return error.errorCode;
}

async function history(api: Api, who: SignedUp, roomId: number): Promise<Message[]> {
  const res = await api.get(`/api/rooms/${roomId}/messages?size=100`, { token: who.token });
  assert.equal(res.status, 200, res.text);
  return (res.body.messages as Message[]).filter((m) => m.type !== 'SYSTEM');
}

await describeOnBackends(
  'account self-service in chat',
  (p) => {
    const conns: TestStomp[] = [];
    after(async () => {
      await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    });
    const connect = async (token: string) => {
      const conn = await connectStomp(p().server.url, token);
      conns.push(conn);
      return conn;
    };
    const group = async (owner: SignedUp, members: SignedUp[], name = 'account') => {
      const res = await p().api.post(
        '/api/rooms/group',
        { name, memberIds: members.map((m) => m.userId) },
        { token: owner.token },
      );
      assert.equal(res.status, 201, res.text);
      return res.body.id as number;
    };

    test('a deleted account: its sockets close; its messages stay, under "(unknown)", in history, the room list and the detail', async () => {
      const api = p().api;
      const alice = await signup(api, { nickname: '앨리스' });
      const bob = await signup(api, { nickname: '밥' });
      const carol = await signup(api);
      const direct = await api.post(
        '/api/rooms/direct',
        { targetUserId: bob.userId },
        { token: alice.token },
      );
      const directId = direct.body.id as number;
      const groupId = await group(alice, [bob, carol]);
      const conn = await connect(alice.token);
      await conn.sendWithReceipt('/app/chat.send', { roomId: directId, content: '안녕, 나 곧 탈퇴해' });
      await conn.sendWithReceipt('/app/chat.send', { roomId: groupId, content: 'bye all' });
      await eventually(async () => (await history(api, bob, groupId)).length === 1);
      const before = (await api.get('/api/rooms', { token: bob.token })).body;
      assert.equal(before.find((r: { id: number }) => r.id === directId).peer.nickname, '앨리스');

      const res = await api.request(
        'DELETE',
        '/api/users/me',
        { password: alice.password },
        { token: alice.token },
      );
      assert.equal(res.status, 204, res.text);
      // Ended by whichever comes first: auth's revocation notice or chat hearing UserDeleted.
      assert.ok(
        [undefined, 'TOKEN_REVOKED'].includes((await endedWith(conn)) as string | undefined),
        'the open STOMP session ends',
      );

      // Chat hears UserDeleted through the log: the name goes, the messages stay.
      await eventually(async () => (await history(api, bob, directId))[0]?.senderNickname === UNKNOWN);
      const [dm] = await history(api, bob, directId);
      assert.equal(dm?.content, '안녕, 나 곧 탈퇴해');
      assert.equal(dm?.senderId, alice.userId);
      assert.equal((await history(api, carol, groupId))[0]?.senderNickname, UNKNOWN);
      const list = (await api.get('/api/rooms', { token: bob.token })).body;
      const dmItem = list.find((r: { id: number }) => r.id === directId);
      assert.equal(dmItem.peer.nickname, UNKNOWN, 'the 1:1 room names a deleted user');
      assert.equal(dmItem.lastMessage.senderNickname, UNKNOWN);
      const detail = (await api.get(`/api/rooms/${groupId}`, { token: carol.token })).body;
      assert.equal(
        detail.members.find((m: { userId: number }) => m.userId === alice.userId).nickname,
        UNKNOWN,
      );
      // The 1:1 room stays readable and the group goes on.
      const bobConn = await connect(bob.token);
      await bobConn.sendWithReceipt('/app/chat.send', { roomId: groupId, content: 'she left' });
      await eventually(async () => (await history(api, carol, groupId)).length === 2);
      assert.equal((await api.get(`/api/users/${alice.userId}`, { token: bob.token })).status, 404);
    });

    test('revoking a session from the list ends its STOMP session at once; my other session stays connected', async () => {
      const api = p().api;
      const user = await signup(api);
      const other = (await api.post('/api/auth/login', { email: user.email, password: user.password })).body;
      const groupId = await group(user, [await signup(api)]);
      const mine = await connect(user.token);
      const theirs = await connect(other.token);
      const sessions = (await api.get('/api/auth/sessions', { token: user.token })).body;
      const target = sessions.find((s: { current: boolean }) => !s.current);
      assert.equal((await api.delete(`/api/auth/sessions/${target.id}`, { token: user.token })).status, 204);
      assert.equal(await endedWith(theirs), 'TOKEN_REVOKED');
      await mine.sendWithReceipt('/app/chat.send', { roomId: groupId, content: 'still here' });
      // The RECEIPT means appended to the log; the history catches up from it.
      await eventually(async () => (await history(api, user, groupId)).at(0)?.content === 'still here');
    });

    test("changing my password ends my other sessions' STOMP sessions; this session's stays", async () => {
      const api = p().api;
      const user = await signup(api);
      const other = (await api.post('/api/auth/login', { email: user.email, password: user.password })).body;
      const groupId = await group(user, [await signup(api)]);
      const mine = await connect(user.token);
      const theirs = await connect(other.token);
      const res = await api.post(
        '/api/auth/password',
        { currentPassword: user.password, newPassword: 'a-brand-new-password' },
        { token: user.token },
      );
      assert.equal(res.status, 204, res.text);
      assert.equal(await endedWith(theirs), 'TOKEN_REVOKED');
      await mine.sendWithReceipt('/app/chat.send', { roomId: groupId, content: 'after the change' });
      await eventually(async () => (await history(api, user, groupId)).length === 1);
    });

    test('export: my rooms and the messages I sent (edited, unsent, in rooms I left), as a JSON attachment', async () => {
      const api = p().api;
      const alice = await signup(api);
      const bob = await signup(api);
      const kept = await group(alice, [bob], 'kept');
      const left = await group(bob, [alice], 'left');
      const conn = await connect(alice.token);
      const bobConn = await connect(bob.token);
      for (const content of ['first', 'to edit', 'to unsend']) {
        await conn.sendWithReceipt('/app/chat.send', { roomId: kept, content });
      }
      await conn.sendWithReceipt('/app/chat.send', { roomId: left, content: 'in a room I left' });
      await bobConn.sendWithReceipt('/app/chat.send', { roomId: kept, content: "bob's, not mine" });
      const stored = await eventually(async () => {
        const h = await history(api, alice, kept);
        return h.length === 4 && h;
      });
      const byContent = (c: string) => stored.find((m) => m.content === c)!.id;
      assert.equal(
        (
          await api.patch(
            `/api/rooms/${kept}/messages/${byContent('to edit')}`,
            { content: 'edited' },
            { token: alice.token },
          )
        ).status,
        202,
      );
      assert.equal(
        (await api.delete(`/api/rooms/${kept}/messages/${byContent('to unsend')}`, { token: alice.token }))
          .status,
        202,
      );
      assert.equal((await api.delete(`/api/rooms/${left}/members/me`, { token: alice.token })).status, 204);
      await eventually(async () => (await history(api, alice, kept)).some((m) => m.deletedAt));

      const res = await api.get('/api/rooms/export', { token: alice.token });
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /^attachment; filename="chat-messages-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = res.body;
      assert.equal(body.userId, alice.userId);
      assert.ok(!Number.isNaN(Date.parse(body.exportedAt)));
      assert.deepEqual(
        body.rooms.map((r: { id: number; name: string; role: string }) => [r.id, r.name, r.role]),
        [[kept, 'kept', 'OWNER']],
        'the rooms I am in',
      );
      const messages = body.messages as (Message & { roomId: number })[];
      const ids = messages.map((m) => m.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
        'by id',
      );
      const inKept = messages.filter((m) => m.roomId === kept);
      assert.deepEqual(
        inKept.map((m) => m.content),
        ['first', 'edited', ''],
        'mine only, edited and unsent as they are now, no SYSTEM lines',
      );
      assert.deepEqual(
        messages.filter((m) => m.roomId === left).map((m) => m.content),
        ['in a room I left'],
      );
      assert.equal(messages.length, 4);
      assert.ok(inKept[1]?.editedAt && inKept[2]?.deletedAt && !inKept[0]?.editedAt);
      assert.deepEqual(Object.keys(messages[0] ?? {}).sort(), [
        'content',
        'createdAt',
        'deletedAt',
        'editedAt',
        'id',
        'replyToId',
        'roomId',
        'seq',
        'type',
      ]);
      const bobs = (await api.get('/api/rooms/export', { token: bob.token })).body;
      assert.deepEqual(
        bobs.messages.map((m: Message) => m.content),
        ["bob's, not mine"],
      );
      assert.equal((await api.get('/api/rooms/export')).status, 401);
    });

    test('export: a user with nothing gets empty lists; the hourly budget then runs out (429 + Retry-After)', async () => {
      const api = p().api;
      const user = await signup(api);
      const res = await api.get('/api/rooms/export', { token: user.token });
      assert.equal(res.status, 200);
      assert.deepEqual([res.body.rooms, res.body.messages], [[], []]);
      for (let i = 1; i < EXPORTS_PER_HOUR; i++) {
        assert.equal((await api.get('/api/rooms/export', { token: user.token })).status, 200);
      }
      const limited = await api.get('/api/rooms/export', { token: user.token });
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error, 'TOO_MANY_REQUESTS');
      assert.ok(Number(limited.headers.get('retry-after')) > 60);
    });
  },
  { env: { EXPORT_RATE_PER_HOUR: String(EXPORTS_PER_HOUR) } },
);

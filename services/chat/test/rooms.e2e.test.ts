import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { api, signup, startTestServer, type TestServer } from './harness.ts';

interface RoomDetail {
  id: number;
  name: string | null;
  type: string;
  createdBy: number;
  members: { userId: number; nickname: string; role: string }[];
}

let srv: TestServer;
before(async () => {
  srv = await startTestServer();
});
after(async () => {
  await srv.stop();
});

describe('rooms over REST (embedded)', () => {
  test('direct room: 201 once, then 200 with the same room from either side', async () => {
    const [a, b] = [await signup(srv.url, 'alice'), await signup(srv.url, 'bob')];
    const first = await api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', a.token, {
      targetUserId: b.userId,
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.type, 'DIRECT');
    assert.equal(first.body.name, null);
    assert.deepEqual(first.body.members.map((m) => m.userId).sort(), [a.userId, b.userId].sort());
    const again = await api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', a.token, {
      targetUserId: b.userId,
    });
    const other = await api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', b.token, {
      targetUserId: a.userId,
    });
    assert.deepEqual([again.status, other.status], [200, 200]);
    assert.equal(again.body.id, first.body.id);
    assert.equal(other.body.id, first.body.id);
  });

  test('direct room created concurrently from both sides is one room', async () => {
    const [a, b] = [await signup(srv.url), await signup(srv.url)];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', a.token, { targetUserId: b.userId })
          : api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', b.token, { targetUserId: a.userId }),
      ),
    );
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
    assert.equal(results.filter((r) => r.status === 201).length, 1);
  });

  test('direct room with yourself is 400, with an unknown user 404', async () => {
    const a = await signup(srv.url);
    const self = await api<{ error: string }>(srv.url, 'POST', '/api/rooms/direct', a.token, {
      targetUserId: a.userId,
    });
    assert.equal(self.status, 400);
    const unknown = await api<{ error: string }>(srv.url, 'POST', '/api/rooms/direct', a.token, {
      targetUserId: 987654321,
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error, 'NOT_FOUND');
  });

  test('group room: owner, invite, leave, and the contract errors', async () => {
    const [owner, m1, m2, outsider] = [
      await signup(srv.url, '방장'),
      await signup(srv.url),
      await signup(srv.url),
      await signup(srv.url),
    ];
    const created = await api<RoomDetail>(srv.url, 'POST', '/api/rooms/group', owner.token, {
      name: '주말 등산 모임 🏔️',
      memberIds: [m1.userId],
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.name, '주말 등산 모임 🏔️');
    assert.equal(created.body.members.find((m) => m.userId === owner.userId)?.role, 'OWNER');
    assert.equal(created.body.members.find((m) => m.userId === owner.userId)?.nickname, '방장');
    const roomId = created.body.id;

    const forbidden = await api(srv.url, 'GET', `/api/rooms/${roomId}`, outsider.token);
    assert.equal(forbidden.status, 403);
    const missing = await api(srv.url, 'GET', '/api/rooms/99999999', owner.token);
    assert.equal(missing.status, 404);
    const outsiderInvite = await api(srv.url, 'POST', `/api/rooms/${roomId}/members`, outsider.token, {
      userIds: [outsider.userId],
    });
    assert.equal(outsiderInvite.status, 403);

    const invited = await api<RoomDetail>(srv.url, 'POST', `/api/rooms/${roomId}/members`, m1.token, {
      userIds: [m2.userId],
    });
    assert.equal(invited.status, 200);
    assert.equal(invited.body.members.length, 3);
    const detail = await api<RoomDetail>(srv.url, 'GET', `/api/rooms/${roomId}`, m2.token);
    assert.equal(detail.status, 200, 'the invited member can read the room at once');

    const left = await api(srv.url, 'DELETE', `/api/rooms/${roomId}/members/me`, m2.token);
    assert.equal(left.status, 204);
    assert.equal((await api(srv.url, 'GET', `/api/rooms/${roomId}`, m2.token)).status, 403);

    const direct = await api<RoomDetail>(srv.url, 'POST', '/api/rooms/direct', owner.token, {
      targetUserId: m1.userId,
    });
    const intoDirect = await api(srv.url, 'POST', `/api/rooms/${direct.body.id}/members`, owner.token, {
      userIds: [m2.userId],
    });
    assert.equal(intoDirect.status, 400);
  });

  test('bad input gets 400 naming the field, 401 without a token, and changes nothing', async () => {
    const a = await signup(srv.url);
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/api/rooms/group', { name: '', memberIds: [] }, /name/],
      ['POST', '/api/rooms/group', { name: 'x'.repeat(101), memberIds: [] }, /name/],
      ['POST', '/api/rooms/group', { name: 'ok', memberIds: ['1'] }, /memberIds/],
      ['POST', '/api/rooms/group', { memberIds: [] }, /name/],
      ['POST', '/api/rooms/direct', { targetUserId: 'abc' }, /targetUserId/],
      ['POST', '/api/rooms/direct', '{not json', /JSON/],
      ['GET', '/api/rooms/abc', undefined, /roomId/],
      ['GET', '/api/rooms/1/messages?size=0', undefined, /size/],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api<{ status: number; error: string; message: string; path: string }>(
        srv.url,
        method,
        path,
        a.token,
        body,
      );
      assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.equal(res.body.error, 'BAD_REQUEST');
      assert.match(res.body.message, field);
      assert.equal(res.body.path, path.split('?')[0]);
    }
    assert.deepEqual((await api<unknown[]>(srv.url, 'GET', '/api/rooms', a.token)).body, []);
    const noToken = await api<{ error: string }>(srv.url, 'GET', '/api/rooms');
    assert.equal(noToken.status, 401);
    assert.equal(noToken.body.error, 'UNAUTHORIZED');
  });
});

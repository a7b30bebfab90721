import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, signup } from '@chat/testing';

const SEARCHES_PER_MIN = 20;

await describeOnBackends(
  'users: profiles, search and admin over HTTP',
  (p) => {
    test('GET /api/users/me: my profile with email; others see a public profile without email', async () => {
      const user = await signup(p().api, { nickname: '이영희' });
      const other = await signup(p().api);
      const mine = await p().api.get('/api/users/me', { token: user.token });
      assert.equal(mine.status, 200);
      assert.deepEqual(
        Object.keys(mine.body).sort(),
        [
          'createdAt',
          'email',
          'id',
          'lastSeenAt',
          'nickname',
          'profileImageUrl',
          'role',
          'status',
          'statusMessage',
        ].sort(),
      );
      assert.equal(mine.body.email, user.email);
      assert.ok(!Number.isNaN(Date.parse(mine.body.createdAt)) && mine.body.createdAt.endsWith('Z'));
      const theirs = await p().api.get(`/api/users/${user.userId}`, { token: other.token });
      assert.equal(theirs.status, 200);
      assert.deepEqual(Object.keys(theirs.body).sort(), [
        'id',
        'nickname',
        'profileImageUrl',
        'status',
        'statusMessage',
      ]);
      assert.equal(theirs.body.nickname, '이영희');
      assert.ok(!theirs.text.includes(user.email));
    });

    test('GET /api/users/{id}: 404 unknown, 400 malformed, 401 without a token', async () => {
      const user = await signup(p().api);
      assert.equal((await p().api.get('/api/users/999999999', { token: user.token })).status, 404);
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
        const res = await p().api.get(`/api/users/${bad}`, { token: user.token });
        assert.equal(res.status, 400, bad);
        assert.match(res.body.message, /params\.id/);
      }
      assert.equal((await p().api.get(`/api/users/${user.userId}`)).status, 401);
    });

    test('PATCH /api/users/me: edits, null clears, unknown fields ignored, each field validated', async () => {
      const user = await signup(p().api);
      const patch = (body: unknown) => p().api.patch('/api/users/me', body, { token: user.token });
      const edited = await patch({
        nickname: '새 닉네임 🎉',
        profileImageUrl: 'https://img.example.com/a.png',
        statusMessage: '안녕하세요',
        email: 'hijack@example.com',
        role: 'ROLE_ADMIN',
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.nickname, '새 닉네임 🎉');
      assert.equal(edited.body.statusMessage, '안녕하세요');
      assert.equal(edited.body.email, user.email);
      assert.equal(edited.body.role, 'ROLE_USER');
      const partial = await patch({ statusMessage: '두 번째' });
      assert.equal(partial.body.statusMessage, '두 번째');
      assert.equal(
        partial.body.profileImageUrl,
        'https://img.example.com/a.png',
        'a field left out keeps its value',
      );
      assert.equal(partial.body.nickname, '새 닉네임 🎉');
      const cleared = await patch({ profileImageUrl: null, statusMessage: null });
      assert.equal(cleared.body.profileImageUrl, null);
      assert.equal(cleared.body.statusMessage, null);
      assert.equal(cleared.body.nickname, '새 닉네임 🎉');
      assert.equal((await patch({})).status, 200, 'an empty patch changes nothing');
      for (const [body, field] of [
        [{ nickname: '' }, 'nickname'],
        [{ nickname: 'x'.repeat(31) }, 'nickname'],
        [{ nickname: null }, 'nickname'],
        [{ profileImageUrl: 'javascript:alert(1)' }, 'profileImageUrl'],
        [{ profileImageUrl: 'not a url' }, 'profileImageUrl'],
        [{ statusMessage: 'x'.repeat(101) }, 'statusMessage'],
      ] as const) {
        const res = await patch(body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match(res.body.message, new RegExp(`body\\.${field}`));
      }
    });

    test('people search: JSON array of public profiles by nickname prefix or whole email', async () => {
      const tag = `q${Date.now().toString(36)}`;
      const a = await signup(p().api, { nickname: `${tag}_alpha`, email: `${tag}.a@example.com` });
      const b = await signup(p().api, { nickname: `${tag}%beta`, email: `x${tag}b@example.com` });
      const c = await signup(p().api, { nickname: `zz${tag}`, email: `${tag}.c@example.com` });
      const me = await signup(p().api);
      const search = (query: string, size?: number) =>
        p().api.get(
          `/api/users?query=${encodeURIComponent(query)}${size === undefined ? '' : `&size=${size}`}`,
          { token: me.token },
        );
      const all = await search(tag.toUpperCase());
      assert.equal(all.status, 200);
      assert.ok(Array.isArray(all.body));
      assert.deepEqual(
        all.body.map((u: { id: number }) => u.id),
        [b.userId, a.userId],
      );
      for (const u of all.body)
        assert.deepEqual(Object.keys(u).sort(), [
          'id',
          'nickname',
          'profileImageUrl',
          'status',
          'statusMessage',
        ]);
      assert.ok(![a, b, c].some((u) => all.text.includes(u.email)), 'never an email');
      assert.deepEqual(
        (await search(`${tag}%`)).body.map((u: { id: number }) => u.id),
        [b.userId],
      );
      assert.deepEqual(
        (await search(`${tag}_`)).body.map((u: { id: number }) => u.id),
        [a.userId],
      );
      assert.deepEqual(
        (await search(`${tag}.c@`)).body.map((u: { id: number }) => u.id),
        [],
        'a prefix of an email finds nobody',
      );
      assert.deepEqual(
        (await search(`${tag}.C@Example.COM`)).body.map((u: { id: number }) => u.id),
        [c.userId],
        'the whole address, in any case, finds them',
      );
      assert.equal((await search(tag, 2)).body.length, 2);
      assert.equal((await search(tag, 500)).status, 200, 'size above 100 is clamped, not refused');
      assert.deepEqual((await search('')).body, []);
      assert.equal((await search(tag, 0)).status, 400);
      assert.equal((await p().api.get('/api/users?size=abc', { token: me.token })).status, 400);
      assert.equal((await p().api.get(`/api/users?query=${tag}`)).status, 401);
    });

    test('people search is rate limited per user: the 21st in a minute is 429 with Retry-After', async () => {
      const [me, other] = [await signup(p().api), await signup(p().api)];
      const search = (token: string) => p().api.get('/api/users?query=someone', { token });
      for (let i = 0; i < SEARCHES_PER_MIN; i++) assert.equal((await search(me.token)).status, 200);
      const refused = await search(me.token);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error, 'TOO_MANY_REQUESTS');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await search(other.token)).status, 200, 'per user: others still search');
    });

    test('admin status and delete: validation, 404, and not on yourself', async () => {
      const user = await signup(p().api);
      const admin = p().admin;
      const set = (id: number | string, body: unknown) =>
        p().api.patch(`/api/users/${id}/status`, body, { token: admin.token });
      assert.equal((await set(user.userId, { status: 'BANNED' })).status, 400);
      assert.match((await set(user.userId, {})).body.message, /body\.status is required/);
      assert.equal((await set(999999999, { status: 'SUSPENDED' })).status, 404);
      assert.equal((await set(admin.userId, { status: 'SUSPENDED' })).status, 400);
      assert.equal((await p().api.delete(`/api/users/${admin.userId}`, { token: admin.token })).status, 400);
      const same = await set(user.userId, { status: 'ACTIVE' });
      assert.equal(same.status, 200, 'setting the current status is a no-op');
    });

    test('events: UserCreated, UserProfileUpdated, UserStatusChanged, UserDeleted on users.events, in order', async () => {
      const log = p().server.server.infra.log;
      const user = await signup(p().api, { nickname: 'evented' });
      await p().api.patch('/api/users/me', { statusMessage: 'hi' }, { token: user.token });
      await p().api.patch(
        `/api/users/${user.userId}/status`,
        { status: 'SUSPENDED' },
        { token: p().admin.token },
      );
      await p().api.delete(`/api/users/${user.userId}`, { token: p().admin.token });
      const seen: { type: string; userId: number; key: string }[] = [];
      const consumer = await log.consume('users.events', `test-${Date.now()}`, async (records) => {
        for (const r of records) seen.push({ ...JSON.parse(Buffer.from(r.value).toString()), key: r.key });
      });
      try {
        const deadline = Date.now() + 10_000;
        while (seen.filter((e) => e.userId === user.userId).length < 4 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
      } finally {
        await consumer.stop();
      }
      const mine = seen.filter((e) => e.userId === user.userId);
      assert.deepEqual(
        mine.map((e) => e.type),
        ['UserCreated', 'UserProfileUpdated', 'UserStatusChanged', 'UserDeleted'],
      );
      assert.ok(
        mine.every((e) => e.key === String(user.userId)),
        'keyed by userId',
      );
      assert.deepEqual(mine[2] as unknown as { oldStatus: string; newStatus: string }, {
        ...mine[2],
        oldStatus: 'ACTIVE',
        newStatus: 'SUSPENDED',
      });
    });
  },
  { env: { SERVICES: 'users,auth', SEARCH_RATE_PER_MIN: String(SEARCHES_PER_MIN) }, transport: 'inject' },
);

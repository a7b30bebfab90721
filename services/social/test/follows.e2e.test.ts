// Follows end to end, embedded and on PostgreSQL + Redis + NATS: public accounts are followed
// at once, private ones through requests; lists, friends and counts; bad input changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, type SignedUp, signup } from '@chat/testing';

const follow = (api: Api, who: SignedUp, userId: number) =>
  api.post(`/api/social/users/${userId}/follow`, undefined, { token: who.token });
const ids = (res: { body: { users: { id: number }[] } }) => res.body.users.map((u) => u.id);

async function makePrivate(api: Api, who: SignedUp): Promise<void> {
  const res = await api.patch('/api/social/me/settings', { private: true }, { token: who.token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.private, true);
}

await describeOnBackends('social: follows', (p) => {
  test('following a public account is immediate; lists, counts and friends follow', async () => {
    const { api } = p();
    const [a, b, c] = [await signup(api), await signup(api), await signup(api)];

    const res = await follow(api, a, b.userId);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { state: 'FOLLOWING' });
    assert.equal((await follow(api, c, b.userId)).status, 200);
    assert.equal((await follow(api, b, a.userId)).status, 200);

    const followers = await api.get(`/api/social/users/${b.userId}/followers`, { token: a.token });
    assert.deepEqual(ids(followers), [c.userId, a.userId]);
    assert.equal(followers.body.users[0].nickname, c.nickname);
    const friends = await api.get(`/api/social/users/${a.userId}/friends`, { token: a.token });
    assert.deepEqual(ids(friends), [b.userId]);

    const profile = await api.get(`/api/social/users/${b.userId}`, { token: a.token });
    assert.equal(profile.status, 200, profile.text);
    assert.equal(profile.body.followers, 2);
    assert.equal(profile.body.following, 1);
    assert.equal(profile.body.me, 'FOLLOWING');
    assert.equal(profile.body.followsMe, true);
    assert.equal(profile.body.visible, true);

    const gone = await api.delete(`/api/social/users/${b.userId}/follow`, { token: a.token });
    assert.equal(gone.status, 204);
    const after = await api.get(`/api/social/users/${b.userId}/followers`, { token: b.token });
    assert.deepEqual(ids(after), [c.userId]);
  });

  test('a private account is followed by an accepted request; its lists stay hidden until then', async () => {
    const { api } = p();
    const [owner, fan, other] = [await signup(api), await signup(api), await signup(api)];
    await makePrivate(api, owner);

    const asked = await follow(api, fan, owner.userId);
    assert.deepEqual(asked.body, { state: 'REQUESTED' });
    const hidden = await api.get(`/api/social/users/${owner.userId}/followers`, { token: fan.token });
    assert.equal(hidden.status, 403);
    assert.match(hidden.body.message, /private/);
    const seen = await api.get(`/api/social/users/${owner.userId}`, { token: fan.token });
    assert.equal(seen.body.visible, false);
    assert.equal(seen.body.me, 'REQUESTED');

    const waiting = await api.get('/api/social/me/follow-requests', { token: owner.token });
    assert.deepEqual(ids(waiting), [fan.userId]);
    assert.equal(
      (
        await api.post(`/api/social/me/follow-requests/${fan.userId}/accept`, undefined, {
          token: owner.token,
        })
      ).status,
      204,
    );
    const visible = await api.get(`/api/social/users/${owner.userId}/followers`, { token: fan.token });
    assert.deepEqual(ids(visible), [fan.userId]);

    // Declined: nothing changes for the requester but the request is gone.
    assert.deepEqual((await follow(api, other, owner.userId)).body, { state: 'REQUESTED' });
    await api.delete(`/api/social/me/follow-requests/${other.userId}`, { token: owner.token });
    assert.deepEqual(ids(await api.get('/api/social/me/follow-requests', { token: owner.token })), []);

    // Removing a follower hides the account from them again.
    await api.delete(`/api/social/me/followers/${fan.userId}`, { token: owner.token });
    const again = await api.get(`/api/social/users/${owner.userId}/followers`, { token: fan.token });
    assert.equal(again.status, 403);
  });

  test('turning public accepts every waiting request', async () => {
    const { api } = p();
    const [owner, x, y] = [await signup(api), await signup(api), await signup(api)];
    await makePrivate(api, owner);
    await follow(api, x, owner.userId);
    await follow(api, y, owner.userId);
    const res = await api.patch('/api/social/me/settings', { private: false }, { token: owner.token });
    assert.deepEqual(res.body, { private: false });
    const followers = await api.get(`/api/social/users/${owner.userId}/followers`, { token: owner.token });
    assert.deepEqual(ids(followers).sort(), [x.userId, y.userId].sort());
    assert.deepEqual(ids(await api.get('/api/social/me/follow-requests', { token: owner.token })), []);
  });

  test('bad input: yourself, twice, unknown users, bad ids and cursors get clear errors and change nothing', async () => {
    const { api } = p();
    const [a, b, priv] = [await signup(api), await signup(api), await signup(api)];
    await makePrivate(api, priv);

    const self = await follow(api, a, a.userId);
    assert.equal(self.status, 400);
    assert.match(self.body.message, /yourself/);
    assert.equal((await follow(api, a, b.userId)).status, 200);
    const twice = await follow(api, a, b.userId);
    assert.equal(twice.status, 409);
    assert.match(twice.body.message, /already follow/);
    assert.equal((await follow(api, a, priv.userId)).status, 200);
    const askTwice = await follow(api, a, priv.userId);
    assert.equal(askTwice.status, 409);
    assert.match(askTwice.body.message, /waiting/);
    assert.equal((await follow(api, a, 987_654_321)).status, 404);
    assert.equal((await api.post('/api/social/users/abc/follow', undefined, { token: a.token })).status, 400);
    assert.equal(
      (await api.get(`/api/social/users/${b.userId}/followers?cursor=-1`, { token: a.token })).status,
      400,
    );
    assert.equal(
      (await api.post(`/api/social/me/follow-requests/${b.userId}/accept`, undefined, { token: a.token }))
        .status,
      404,
    );
    assert.equal((await api.get(`/api/social/users/${b.userId}`)).status, 401);

    const profile = await api.get(`/api/social/users/${b.userId}`, { token: b.token });
    assert.equal(profile.body.followers, 1);
    assert.deepEqual(ids(await api.get('/api/social/me/follow-requests', { token: priv.token })), [a.userId]);
  });

  test('lists page by cursor, newest first, without gaps or repeats', async () => {
    const { api } = p();
    const star = await signup(api);
    const fans: number[] = [];
    for (let i = 0; i < 7; i++) {
      const fan = await signup(api);
      await follow(api, fan, star.userId);
      fans.unshift(fan.userId);
    }
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.get(`/api/social/users/${star.userId}/followers?size=3${q}`, {
        token: star.token,
      });
      assert.equal(res.status, 200, res.text);
      seen.push(...ids(res));
      cursor = res.body.nextCursor;
    } while (cursor !== null);
    assert.deepEqual(seen, fans);
  });
});

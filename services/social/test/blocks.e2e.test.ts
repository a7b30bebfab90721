// Chat's block list honoured by the social service, embedded and on PostgreSQL + Redis + NATS:
// a block (made in chat) ends the follows either way and hides each from the other; an
// unblock lets them follow again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, eventually, type SignedUp, signup } from '@chat/testing';
import { follow, write } from './post-fixtures.ts';

const block = (api: Api, who: SignedUp, userId: number) =>
  api.put(`/api/rooms/blocked-users/${userId}`, undefined, { token: who.token });
const unblock = (api: Api, who: SignedUp, userId: number) =>
  api.delete(`/api/rooms/blocked-users/${userId}`, { token: who.token });
const profile = (api: Api, viewer: SignedUp, userId: number) =>
  api.get(`/api/social/users/${userId}`, { token: viewer.token });

await describeOnBackends('social: chat’s blocks', (p) => {
  test('a block ends the follows both ways and hides each from the other; unblocking lets them follow again', async () => {
    const { api } = p();
    const [a, b, c] = [await signup(api), await signup(api), await signup(api)];
    assert.equal((await follow(api, a, b.userId)).status, 200);
    assert.equal((await follow(api, b, a.userId)).status, 200);
    const tag = `blk${Date.now() % 1_000_000}`;
    const postOfA = await write(api, a, { text: 'by a', tags: [tag] });

    assert.equal((await block(api, a, b.userId)).status, 204);
    // The block reaches social through the log: the follows end, either way.
    await eventually(async () => {
      const res = await profile(api, b, a.userId);
      return res.body.me === 'NONE' && res.body.followsMe === false && res.body.visible === false;
    });

    // b (blocked) sees nothing of a: not the post, not a's posts, tag page, followers or room.
    assert.equal((await api.get(`/api/social/posts/${postOfA}`, { token: b.token })).status, 403);
    assert.equal((await api.get(`/api/social/users/${a.userId}/posts`, { token: b.token })).status, 403);
    const tagPage = await api.get(`/api/social/tags/${tag}/posts`, { token: b.token });
    assert.equal(tagPage.status, 200, tagPage.text);
    assert.deepEqual(tagPage.body.posts, []);
    assert.equal((await api.get(`/api/social/users/${a.userId}/room`, { token: b.token })).status, 403);
    // Neither can follow the other; the refusal does not say who blocked whom.
    const again = await follow(api, b, a.userId);
    assert.equal(again.status, 403);
    assert.match(again.body.message, /cannot follow/);
    assert.equal((await follow(api, a, b.userId)).status, 403);
    // Others are not affected.
    const seenByC = await api.get(`/api/social/tags/${tag}/posts`, { token: c.token });
    assert.deepEqual(
      seenByC.body.posts.map((x: { id: number }) => x.id),
      [postOfA],
    );
    assert.equal((await profile(api, a, b.userId)).body.followers, 0);

    assert.equal((await unblock(api, a, b.userId)).status, 204);
    await eventually(async () => (await follow(api, b, a.userId)).status === 200);
    assert.equal((await api.get(`/api/social/posts/${postOfA}`, { token: b.token })).status, 200);
  });
});

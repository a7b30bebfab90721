// The feed end to end, embedded and on PostgreSQL + Redis + NATS: the posts of the people I
// follow and mine, exactly those I may see, newest first; it follows follows, unfollows,
// approvals and visibility changes at once (fanned out on read); pages have no gaps or repeats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, type SignedUp, signup } from '@chat/testing';
import {
  allPages,
  approvedFollow,
  follow,
  makePrivate,
  POSTS_SUITE_ENV,
  postIds,
  write,
} from './post-fixtures.ts';

const feedOf = async (api: Api, who: SignedUp) =>
  postIds(await api.get('/api/social/feed', { token: who.token }));

/** One post of each visibility, newest last; returns their ids. */
async function threePosts(api: Api, who: SignedUp): Promise<{ open: number; friends: number; mine: number }> {
  return {
    open: await write(api, who, { text: `${who.nickname}: public` }),
    friends: await write(api, who, { text: `${who.nickname}: followers`, visibility: 'FOLLOWERS' }),
    mine: await write(api, who, { text: `${who.nickname}: private`, visibility: 'PRIVATE' }),
  };
}

const desc = (ids: number[]) => [...ids].sort((a, b) => b - a);

await describeOnBackends(
  'social: feed',
  (p) => {
    test('the feed holds exactly the posts I may see, and follows changes at once', async () => {
      const { api } = p();
      const [me, pub, priv, pending, other] = [
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
      ];
      await makePrivate(api, priv);
      await makePrivate(api, pending);
      assert.deepEqual((await follow(api, me, pub.userId)).body, { state: 'FOLLOWING' });
      await approvedFollow(api, me, priv);
      assert.deepEqual((await follow(api, me, pending.userId)).body, { state: 'REQUESTED' });

      const own = await threePosts(api, me);
      const p1 = await threePosts(api, pub);
      const p2 = await threePosts(api, priv);
      const p3 = await threePosts(api, pending);
      await threePosts(api, other);

      const expected = desc([own.open, own.friends, own.mine, p1.open, p1.friends, p2.open, p2.friends]);
      assert.deepEqual(await feedOf(api, me), expected);
      const first = (await api.get('/api/social/feed', { token: me.token })).body.posts[0];
      assert.equal(first.author.id, priv.userId);
      assert.equal(first.visibility, 'FOLLOWERS');

      // The people I follow do not see my PRIVATE posts, nor my FOLLOWERS posts unless they follow me.
      assert.deepEqual(await feedOf(api, pub), desc([p1.open, p1.friends, p1.mine]));
      await follow(api, pub, me.userId);
      assert.deepEqual(await feedOf(api, pub), desc([p1.open, p1.friends, p1.mine, own.open, own.friends]));

      // A post made PRIVATE, or deleted, leaves the feed at once.
      const hide = await api.patch(
        `/api/social/posts/${p2.friends}`,
        { visibility: 'PRIVATE' },
        { token: priv.token },
      );
      assert.equal(hide.status, 200, hide.text);
      assert.equal((await api.delete(`/api/social/posts/${p1.open}`, { token: pub.token })).status, 204);
      assert.deepEqual(await feedOf(api, me), desc([own.open, own.friends, own.mine, p1.friends, p2.open]));

      // Unfollowing, or being removed as a follower, takes their posts away; an approval brings them.
      assert.equal(
        (await api.delete(`/api/social/users/${pub.userId}/follow`, { token: me.token })).status,
        204,
      );
      await api.delete(`/api/social/me/followers/${me.userId}`, { token: priv.token });
      await api.post(`/api/social/me/follow-requests/${me.userId}/accept`, undefined, {
        token: pending.token,
      });
      assert.deepEqual(await feedOf(api, me), desc([own.open, own.friends, own.mine, p3.open, p3.friends]));
    });

    test("a private account's posts never reach the feed of someone not approved", async () => {
      const { api } = p();
      const [owner, asker] = [await signup(api), await signup(api)];
      await follow(api, asker, owner.userId); // public then: followed at once
      await makePrivate(api, owner);
      const posts = await threePosts(api, owner);
      // Following before the account turned private still counts: an approved follow.
      assert.deepEqual(await feedOf(api, asker), desc([posts.open, posts.friends]));
      // Removed, then asking again: nothing until accepted.
      await api.delete(`/api/social/me/followers/${asker.userId}`, { token: owner.token });
      assert.deepEqual((await follow(api, asker, owner.userId)).body, { state: 'REQUESTED' });
      assert.deepEqual(await feedOf(api, asker), []);
      for (let i = 0; i < 3; i++) await write(api, owner, { text: `more ${i}` });
      assert.deepEqual(await allPages(api, asker, '/api/social/feed', 2), []);
      const page = await api.get('/api/social/feed', { token: asker.token });
      assert.ok(!page.text.includes(owner.nickname), 'no trace of the private account');
    });

    test('pages of the feed have no gaps or repeats, also while new posts are written', async () => {
      const { api } = p();
      const me = await signup(api);
      const authors = [await signup(api), await signup(api), await signup(api)];
      for (const a of authors) await follow(api, me, a.userId);
      const written: number[] = [];
      for (let i = 0; i < 13; i++) {
        const who = authors[i % 3]!;
        const visibility = i % 5 === 4 ? 'PRIVATE' : i % 2 === 0 ? 'PUBLIC' : 'FOLLOWERS';
        const id = await write(api, who, { text: `post ${i}`, visibility });
        if (visibility !== 'PRIVATE') written.push(id);
      }
      written.push(await write(api, me, { text: 'mine', visibility: 'PRIVATE' }));
      assert.deepEqual(await allPages(api, me, '/api/social/feed', 4), desc(written));

      // A post written between two pages shows on top later, never inside the pages after.
      const firstPage = await api.get('/api/social/feed?size=5', { token: me.token });
      const fresh = await write(api, authors[0]!, { text: 'fresh' });
      const rest = await allPages(api, me, '/api/social/feed', 5, 'posts', firstPage.body.nextCursor);
      assert.deepEqual([...postIds(firstPage), ...rest], desc(written));
      assert.equal((await feedOf(api, me))[0], fresh);

      // A follower of no one sees their own posts only; bad cursors and sizes are 400.
      const alone = await signup(api);
      assert.deepEqual(await feedOf(api, alone), []);
      for (const q of ['cursor=0', 'cursor=abc', 'size=0', 'size=101']) {
        const res = await api.get(`/api/social/feed?${q}`, { token: me.token });
        assert.equal(res.status, 400, q);
        assert.equal(res.body.error, 'BAD_REQUEST');
      }
      assert.equal((await api.get('/api/social/feed')).status, 401);
    });

    test('search finds only the posts I may see; its text is taken literally', async () => {
      const { api } = p();
      const [me, pub, priv, fan] = [
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
      ];
      await makePrivate(api, priv);
      await approvedFollow(api, fan, priv);
      const word = `qz${Date.now() % 1_000_000}`;
      const open = await write(api, pub, { text: `Open ${word} day` });
      const followersOnly = await write(api, pub, { text: `${word} for followers`, visibility: 'FOLLOWERS' });
      const secret = await write(api, priv, { text: `Secret ${word.toUpperCase()}` });
      const literal = await write(api, pub, { text: `100%_${word}` });
      const search = (who: SignedUp, q: string) =>
        api.get(`/api/social/search/posts?q=${encodeURIComponent(q)}`, { token: who.token });

      assert.deepEqual(postIds(await search(me, word)), desc([open, literal]));
      assert.deepEqual(
        postIds(await search(fan, word)),
        desc([open, secret, literal]),
        'an approved follower',
      );
      assert.deepEqual(postIds(await search(pub, word)), desc([open, followersOnly, literal]), 'the author');
      assert.deepEqual(postIds(await search(me, `0%_${word}`)), [literal], '% and _ are not wildcards');
      assert.deepEqual(postIds(await search(me, `1__%${word}`)), []);
      for (const q of ['', '   ', 'x'.repeat(101)]) {
        const res = await search(me, q);
        assert.equal(res.status, 400, q);
        assert.equal(res.body.error, 'BAD_REQUEST');
      }
      assert.equal((await api.get(`/api/social/search/posts?q=${word}`)).status, 401);
    });
  },
  { env: POSTS_SUITE_ENV },
);

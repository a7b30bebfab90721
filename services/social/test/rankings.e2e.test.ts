// Rankings and recommendations end to end, embedded and on PostgreSQL + Redis + NATS: popular
// posts follow reactions and comments (each person counted once), come back the same after
// the cache lost them, and never show what the reader may not see (FOLLOWERS and PRIVATE
// posts, private accounts, accounts turned private since); people I may know are friends of
// friends and people using my tags; posts for me come from the tags I interact with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Api,
  type ApiResponse,
  describeOnBackends,
  eventually,
  type SignedUp,
  signup,
} from '@chat/testing';
import { RANKING_KEYS } from '../src/rankings/ranking-keys.ts';
import { approvedFollow, follow, makePrivate, POSTS_SUITE_ENV, postIds, write } from './post-fixtures.ts';

const react = async (api: Api, who: SignedUp, postId: number) => {
  const res = await api.post(`/api/social/posts/${postId}/reactions`, { kind: 'LIKE' }, { token: who.token });
  assert.equal(res.status, 201, res.text);
};
const comment = async (api: Api, who: SignedUp, postId: number) => {
  const res = await api.post(`/api/social/posts/${postId}/comments`, { text: 'nice' }, { token: who.token });
  assert.equal(res.status, 201, res.text);
};

/** Every post id of the popular posts, in rank order (all pages). */
async function ranking(api: Api, who: SignedUp): Promise<number[]> {
  const ids: number[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const res: ApiResponse = await api.get(`/api/social/rankings/posts?size=7&cursor=${cursor}`, {
      token: who.token,
    });
    ids.push(...postIds(res));
    cursor = res.body.nextCursor;
  }
  return ids;
}
const only = (ids: number[], wanted: number[]) => ids.filter((id) => wanted.includes(id));
const users = (api: Api, n: number) => Promise.all(Array.from({ length: n }, () => signup(api)));

await describeOnBackends(
  'social: rankings and recommendations',
  (p) => {
    test('popular posts follow reactions and comments, once per person, and survive a lost cache', async () => {
      const { api } = p();
      const [author, a, b, c, d] = await users(api, 5);
      // Read once first: the ranking's generation is built (from the database) at its first read.
      await ranking(api, a!);
      const low = await write(api, author!, { text: 'one reaction' });
      const mid = await write(api, author!, { text: 'three reactions' });
      const top = await write(api, author!, { text: 'two commenters' });
      const viewed = await write(api, author!, { text: 'only viewed' });
      await react(api, a!, low);
      await react(api, author!, low); // the author's own: not counted
      for (const who of [a!, b!, c!]) await react(api, who, mid);
      await comment(api, a!, top);
      await comment(api, a!, top); // the same commenter again: not counted
      await comment(api, b!, top);
      for (const who of [c!, d!, d!]) {
        assert.equal((await api.get(`/api/social/posts/${viewed}`, { token: who.token })).status, 200);
      }
      const mine = [low, mid, top, viewed];
      // Weights: comment 8, reaction 4, view 1 (one per viewer and day): 16, 12, 4, 2.
      const expected = [top, mid, low, viewed];
      await eventually(async () => {
        const got = only(await ranking(api, a!), mine);
        return JSON.stringify(got) === JSON.stringify(expected) ? got : undefined;
      });

      // Removing a reaction takes back what it added.
      assert.equal(
        (await api.delete(`/api/social/posts/${low}/reactions/me`, { token: a!.token })).status,
        204,
      );
      await eventually(async () => {
        const got = only(await ranking(api, a!), mine);
        return JSON.stringify(got) === JSON.stringify([top, mid, viewed, low]) ? got : undefined;
      });

      // The cache loses the ranking (a flush): the next read rebuilds it from the database,
      // views included (counted per post and day there); the removed reaction stays removed.
      const cache = p().server.server.infra.cache;
      const now = Date.now();
      await cache.del(RANKING_KEYS.posts(now), RANKING_KEYS.ready(now));
      assert.deepEqual(only(await ranking(api, b!), mine), [top, mid, viewed]);
      assert.notEqual(await cache.get(RANKING_KEYS.ready(now)), null, 'marked built');

      // A deleted post leaves it.
      assert.equal((await api.delete(`/api/social/posts/${mid}`, { token: author!.token })).status, 204);
      await eventually(async () => !only(await ranking(api, a!), mine).includes(mid));
    });

    test('rankings and recommendations never show what the reader may not see', async () => {
      const { api } = p();
      const [open, closed, turning, follower, stranger, fan] = await users(api, 6);
      const tag = `leak${Date.now() % 1_000_000}`;
      await makePrivate(api, closed!);
      await approvedFollow(api, follower!, closed!);
      await follow(api, follower!, open!.userId);
      const shown = await write(api, open!, { text: 'public', tags: [tag] });
      const friendsOnly = await write(api, open!, {
        text: 'followers',
        visibility: 'FOLLOWERS',
        tags: [tag],
      });
      const own = await write(api, open!, { text: 'private', visibility: 'PRIVATE', tags: [tag] });
      const ofPrivate = await write(api, closed!, { text: 'public of a private account', tags: [tag] });
      const later = await write(api, turning!, {
        text: 'public, then the account turns private',
        tags: [tag],
      });
      const hidden = await write(api, open!, { text: 'public, then edited to FOLLOWERS', tags: [tag] });
      for (const id of [shown, friendsOnly, hidden, ofPrivate]) await react(api, follower!, id);
      await comment(api, follower!, own).catch(() => undefined); // 404: not theirs to see
      for (const id of [later, hidden, shown]) await react(api, fan!, id);
      await eventually(async () => {
        const got = await ranking(api, stranger!);
        return got.includes(shown) && got.includes(later) && got.includes(hidden);
      });
      const edit = await api.patch(
        `/api/social/posts/${hidden}`,
        { visibility: 'FOLLOWERS' },
        { token: open!.token },
      );
      assert.equal(edit.status, 200, edit.text);
      await makePrivate(api, turning!);

      const never = [friendsOnly, own, ofPrivate, later, hidden];
      for (const who of [stranger!, follower!, fan!]) {
        assert.deepEqual(only(await ranking(api, who), never), [], `the public ranking as ${who.nickname}`);
      }

      // Posts for me: the stranger reacted to a post with the tag, and sees only what they may.
      const seed = await write(api, open!, { text: 'seed', tags: [tag] });
      await react(api, stranger!, seed);
      const forStranger = postIds(
        await api.get('/api/social/recommendations/posts', { token: stranger!.token }),
      );
      assert.deepEqual(only(forStranger, [shown, ...never, seed]), [shown]);
      // The approved follower may see the FOLLOWERS posts (not those they reacted to already).
      await react(api, follower!, seed);
      const third = await write(api, closed!, {
        text: 'followers of a private account',
        visibility: 'FOLLOWERS',
        tags: [tag],
      });
      const forFollower = postIds(
        await api.get('/api/social/recommendations/posts', { token: follower!.token }),
      );
      assert.deepEqual(only(forFollower, [shown, ...never, seed, third]), [third]);

      // Popular rooms: visits to a private account's room never rank it.
      for (const who of [stranger!, fan!]) {
        assert.equal(
          (await api.get(`/api/social/users/${open!.userId}/room`, { token: who.token })).status,
          200,
        );
      }
      assert.equal(
        (await api.get(`/api/social/users/${closed!.userId}/room`, { token: follower!.token })).status,
        200,
      );
      for (const period of ['DAY', 'WEEK']) {
        const res = await api.get(`/api/social/rankings/rooms?period=${period}&size=50`, {
          token: stranger!.token,
        });
        assert.equal(res.status, 200, res.text);
        const rooms = res.body.rooms as { owner: { id: number }; visits: number }[];
        assert.equal(rooms.find((r) => r.owner.id === open!.userId)?.visits, 2);
        assert.equal(
          rooms.find((r) => r.owner.id === closed!.userId),
          undefined,
        );
      }
    });

    test('people I may know: friends of friends by mutual count, then people using my tags', async () => {
      const { api } = p();
      const [me, a, b, x, y, priv, tagger, hiddenTagger] = await users(api, 8);
      const tag = `knit${Date.now() % 1_000_000}`;
      await follow(api, me!, a!.userId);
      await follow(api, me!, b!.userId);
      for (const [who, whom] of [
        [a!, x!],
        [b!, x!],
        [a!, y!],
        [b!, a!], // someone I follow already: not suggested
        [a!, me!], // me: never
      ] as const) {
        await follow(api, who, whom.userId);
      }
      await makePrivate(api, priv!);
      await approvedFollow(api, a!, priv!);
      await write(api, me!, { text: 'my hobby', tags: [tag] });
      await write(api, tagger!, { text: 'same hobby', tags: [tag] });
      await makePrivate(api, hiddenTagger!);
      await write(api, hiddenTagger!, { text: 'same hobby, private account', tags: [tag] });

      const res = await api.get('/api/social/recommendations/people', { token: me!.token });
      assert.equal(res.status, 200, res.text);
      const people = res.body.people as { user: { id: number }; mutualCount: number; sharedTags: string[] }[];
      const ids = people.map((s) => s.user.id);
      // x: followed by a and b; then y and priv (by a), in id order; then the tag's user.
      assert.equal(ids[0], x!.userId);
      assert.equal(people[0]!.mutualCount, 2);
      assert.deepEqual(
        ids.slice(1, 3),
        [y!.userId, priv!.userId].sort((m, k) => m - k),
      );
      assert.deepEqual(
        people.slice(1, 3).map((s) => s.mutualCount),
        [1, 1],
      );
      // A private account is fine to suggest as a person (its content is not shown).
      assert.ok(ids.includes(priv!.userId));
      const byTag = people.find((s) => s.user.id === tagger!.userId);
      assert.deepEqual(byTag && { mutual: byTag.mutualCount, tags: byTag.sharedTags }, {
        mutual: 0,
        tags: [tag],
      });
      for (const never of [me!, a!, b!, hiddenTagger!])
        assert.ok(!ids.includes(never.userId), never.nickname);
    });
  },
  { env: POSTS_SUITE_ENV },
);

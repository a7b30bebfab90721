// Post search end to end, embedded and on PostgreSQL + Redis + NATS: a query of one character,
// a two-syllable Korean word and a longer English one each find exactly the matching posts the
// searcher may see (through the character-pair index or among the newest posts), newest first,
// the same whatever the page size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, eventually, type SignedUp, signup } from '@chat/testing';
import { allPages, approvedFollow, makePrivate, POSTS_SUITE_ENV, postIds, write } from './post-fixtures.ts';

const block = (api: Api, who: SignedUp, userId: number) =>
  api.put(`/api/rooms/blocked-users/${userId}`, undefined, { token: who.token });

const searchPath = (q: string) => `/api/social/search/posts?q=${encodeURIComponent(q)}`;

const desc = (ids: number[]) => [...ids].sort((a, b) => b - a);

await describeOnBackends(
  'social: post search',
  (p) => {
    test('1, 2 (Korean) and 3+ character queries find exactly the visible matching posts', async () => {
      const { api } = p();
      const [me, pub, friend, stranger, blocker, blocked] = [
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
      ];
      await makePrivate(api, friend);
      await approvedFollow(api, me, friend);
      await makePrivate(api, stranger);
      assert.equal((await block(api, blocker, me.userId)).status, 204);
      assert.equal((await block(api, me, blocked.userId)).status, 204);

      const korean = await write(api, pub, { text: '오늘 공원에서 뚱냥을 봤다 鬱' });
      const english = await write(api, pub, { text: 'A ZebraCorn in the park' });
      await write(api, pub, { text: '뚱 냥 zebra corn 울' }); // the letters, not the words
      const forFans = await write(api, pub, { text: '뚱냥 zebracorn 鬱', visibility: 'FOLLOWERS' }); // I do not follow pub
      const fromFriend = await write(api, friend, { text: '뚱냥이 zebracorns 鬱', visibility: 'FOLLOWERS' });
      await write(api, stranger, { text: '뚱냥 zebracorn 鬱' }); // a private account I do not follow
      const byBlocker = await write(api, blocker, { text: '뚱냥 zebracorn 鬱' });
      const byBlocked = await write(api, blocked, { text: '뚱냥 zebracorn 鬱' });
      const mine = await write(api, me, { text: '내 뚱냥 鬱 zebraCORN', visibility: 'PRIVATE' });

      const expected: Record<string, number[]> = {
        鬱: desc([korean, fromFriend, mine]),
        뚱냥: desc([korean, fromFriend, mine]),
        ZEBRACORN: desc([english, fromFriend, mine]),
      };
      // Blocks reach social through the log.
      await eventually(async () => {
        const ids = postIds(await api.get(searchPath('뚱냥'), { token: me.token }));
        return ids.length === expected.뚱냥!.length;
      });
      for (const [q, ids] of Object.entries(expected)) {
        assert.deepEqual(postIds(await api.get(searchPath(q), { token: me.token })), ids, q);
        assert.deepEqual(await allPages(api, me, searchPath(q), 1), ids, `${q}, a post a page`);
      }
      // Others see by their own relations: pub its FOLLOWERS post and the blocks' posts.
      assert.deepEqual(
        postIds(await api.get(searchPath('뚱냥'), { token: pub.token })),
        desc([korean, forFans, byBlocker, byBlocked]),
      );
      assert.deepEqual(postIds(await api.get(searchPath('냥뚱'), { token: me.token })), []);
    });
  },
  { env: POSTS_SUITE_ENV },
);

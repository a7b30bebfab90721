// The social sweeper end to end, embedded and on PostgreSQL + Redis + NATS: uploads never
// attached go after a day, the images of deleted posts an hour after the delete, old
// notifications after their retention, days of post views older than the rankings' rebuild; what is in use stays and is still served. Storage
// failing or an object already gone does not stop a pass; two nodes sweeping at once remove
// each thing once. Time is moved by setting the rows' times back in the database; the server's
// own timer is off (SOCIAL_SWEEP_INTERVAL_SEC=0) and passes run on demand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification } from '@chat/contracts';
import { type Cache, createLogger, createMemoryCache, type ObjectStore } from '@chat/platform';
import {
  type Api,
  describeOnBackends,
  eventually,
  type Platform,
  type SignedUp,
  signup,
} from '@chat/testing';
import { createHousekeeping } from '../src/housekeeping/housekeeping.module.ts';
import { postImageKey } from '../src/posts/post-images.ts';
import { follow, getImage, POSTS_SUITE_ENV, upload, write } from './post-fixtures.ts';

const logger = createLogger({ level: 'silent' });

/** A sweeper of the platform's database and storage, as another node would run it. */
const sweeperOf = (p: Platform, over: { cache?: Cache; storage?: ObjectStore; batch?: number } = {}) => {
  const { infra, config } = p.server.server;
  return createHousekeeping({
    db: infra.db,
    storage: over.storage ?? infra.storage,
    cache: over.cache ?? infra.cache,
    logger,
    config: config.social,
    batch: over.batch,
  });
};
/** One pass now, by a sweeper of its own (the lease is free between tests). */
const sweep = async (p: Platform) => {
  const counts = await sweeperOf(p).sweepNow();
  assert.ok(counts, 'the lease was free');
  return counts;
};

const db = (p: Platform) => p.server.server.infra.db;
const storage = (p: Platform) => p.server.server.infra.storage;
/** Whether the image's bytes are in storage, and its row in the database. */
async function stored(p: Platform, id: string): Promise<{ object: boolean; row: boolean }> {
  const object = (await storage(p).head(postImageKey(id))) !== null;
  const { rows } = await db(p).query<{ n: number }>(
    'select count(*)::int as n from social.post_images where id = $1',
    [id],
  );
  return { object, row: rows[0]!.n === 1 };
}
const KEPT = { object: true, row: true };
const GONE = { object: false, row: false };

const uploadedHoursAgo = (p: Platform, ids: string[], hours: number) =>
  db(p).query(
    `update social.post_images set created_at = now() - make_interval(hours => $2) where id = any($1)`,
    [ids, hours],
  );
const deletedHoursAgo = (p: Platform, postId: number, hours: number) =>
  db(p).query('update social.posts set deleted_at = now() - make_interval(hours => $2) where id = $1', [
    postId,
    hours,
  ]);
const deletePost = async (p: Platform, who: SignedUp, id: number) =>
  assert.equal((await p.api.delete(`/api/social/posts/${id}`, { token: who.token })).status, 204);
const imageUrl = (postId: number, imageId: string) => `/api/social/posts/${postId}/images/${imageId}`;

const listOf = async (api: Api, who: SignedUp): Promise<Notification[]> =>
  (await api.get('/api/notifications', { token: who.token })).body.notifications;
/** `owner`'s notifications once each of `followers` followed them (the consumer is asynchronous). */
async function followedBy(api: Api, owner: SignedUp, followers: SignedUp[]): Promise<Map<number, number>> {
  for (const f of followers) assert.equal((await follow(api, f, owner.userId)).status, 200);
  const list = await eventually(async () => {
    const got = await listOf(api, owner);
    return got.length === followers.length && got;
  });
  return new Map(list.map((n) => [n.actor.id, n.id]));
}
const notificationsDaysAgo = (p: Platform, ids: number[], days: number, read: boolean) =>
  db(p).query(
    `update social.notifications
        set created_at = now() - make_interval(days => $2),
            read_at = case when $3::boolean then now() - make_interval(days => $2) end
      where id = any($1)`,
    [ids, days, read],
  );

await describeOnBackends(
  'social: housekeeping',
  (p) => {
    test('an upload never attached goes after a day; a fresh one and an attached one stay', async () => {
      const { api } = p();
      const a = await signup(api);
      const [old, fresh, attached, gone] = [
        await upload(p(), a, 'png'),
        await upload(p(), a, 'jpeg'),
        await upload(p(), a, 'gif'),
        await upload(p(), a, 'webp'),
      ];
      const post = await write(api, a, { text: 'with an image', imageIds: [attached] });
      await uploadedHoursAgo(p(), [old, attached, gone], 25);
      await uploadedHoursAgo(p(), [fresh], 23);
      // A bad state: the object of an old upload is missing already. It does not stop the pass.
      await storage(p()).delete([postImageKey(gone)]);

      const counts = await sweep(p());
      assert.ok(counts.uploads >= 2, JSON.stringify(counts));
      assert.deepEqual(await stored(p(), old), GONE);
      assert.deepEqual(await stored(p(), gone), GONE);
      assert.deepEqual(await stored(p(), fresh), KEPT);
      assert.deepEqual(await stored(p(), attached), KEPT);
      assert.equal((await getImage(p(), a, imageUrl(post, attached))).status, 200);

      // The removed upload can no longer be posted; the fresh one still can.
      const late = await api.post('/api/social/posts', { text: 'late', imageIds: [old] }, { token: a.token });
      assert.equal(late.status, 400, late.text);
      const onTime = await write(api, a, { text: 'on time', imageIds: [fresh] });
      assert.equal((await getImage(p(), a, imageUrl(onTime, fresh))).status, 200);
    });

    test("a deleted post's images leave storage an hour later; a live post's stay and are served", async () => {
      const { api } = p();
      const [a, reader] = [await signup(api), await signup(api)];
      const doomed = [await upload(p(), a, 'png'), await upload(p(), a, 'jpeg')];
      const living = await upload(p(), a, 'gif');
      const deleted = await write(api, a, { text: 'to be deleted', imageIds: doomed });
      const live = await write(api, a, { text: 'stays', imageIds: [living] });
      await deletePost(p(), a, deleted);

      await sweep(p());
      for (const id of doomed) assert.deepEqual(await stored(p(), id), KEPT, 'not within the hour');

      await deletedHoursAgo(p(), deleted, 2);
      const counts = await sweep(p());
      assert.ok(counts.postImages >= 2, JSON.stringify(counts));
      for (const id of doomed) assert.deepEqual(await stored(p(), id), GONE);
      assert.deepEqual(await stored(p(), living), KEPT);
      const served = await getImage(p(), reader, imageUrl(live, living));
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/gif');
      assert.equal((await getImage(p(), a, imageUrl(deleted, doomed[0]!))).status, 404);
    });

    test('storage failing keeps the rows for a later pass', async () => {
      const { api } = p();
      const a = await signup(api);
      const orphan = await upload(p(), a, 'png');
      const image = await upload(p(), a, 'jpeg');
      const post = await write(api, a, { text: 'deleted', imageIds: [image] });
      await deletePost(p(), a, post);
      await uploadedHoursAgo(p(), [orphan], 25);
      await deletedHoursAgo(p(), post, 2);

      const failing: ObjectStore = {
        ...storage(p()),
        delete: () => Promise.reject(new Error('storage unreachable')),
      };
      const counts = await sweeperOf(p(), { storage: failing }).sweepNow();
      assert.equal(counts?.uploads, 0);
      assert.equal(counts?.postImages, 0);
      assert.deepEqual(await stored(p(), orphan), KEPT);
      assert.deepEqual(await stored(p(), image), KEPT);
      // Taken by the failed pass: no post can take the upload any more.
      const res = await api.post('/api/social/posts', { text: 'x', imageIds: [orphan] }, { token: a.token });
      assert.equal(res.status, 400, res.text);

      // A later pass (once the failed one's hold has run out) removes them.
      await db(p()).query(
        `update social.post_images set removing_since = now() - interval '10 minutes' where id = any($1)`,
        [[orphan, image]],
      );
      await sweep(p());
      assert.deepEqual(await stored(p(), orphan), GONE);
      assert.deepEqual(await stored(p(), image), GONE);
    });

    test('read notifications go after 90 days, any after 365; recent and unread ones stay', async () => {
      const { api } = p();
      const [owner, f1, f2, f3, f4, f5] = await Promise.all(Array.from({ length: 6 }, () => signup(api)));
      const ids = await followedBy(api, owner!, [f1!, f2!, f3!, f4!, f5!]);
      const id = (f: SignedUp | undefined) => ids.get(f!.userId)!;
      await notificationsDaysAgo(p(), [id(f1)], 100, true); // read, past 90 days: goes
      await notificationsDaysAgo(p(), [id(f2)], 100, false); // unread, 100 days: stays
      await notificationsDaysAgo(p(), [id(f3)], 400, false); // unread, past 365 days: goes
      await notificationsDaysAgo(p(), [id(f4)], 30, true); // read, 30 days: stays
      // f5's: unread, new: stays.

      const counts = await sweep(p());
      assert.ok(counts.notifications >= 2, JSON.stringify(counts));
      const left = (await listOf(api, owner!)).map((n) => n.id);
      assert.deepEqual(left.sort(), [id(f2), id(f4), id(f5)].sort());
      const unread = await api.get('/api/notifications/unread-count', { token: owner!.token });
      assert.equal(unread.body.count, 2);
    });

    test("a post's view counts stay for the popular posts' rebuild window, then go", async () => {
      const { api } = p();
      const [author, viewer] = await Promise.all([signup(api), signup(api)]);
      const postId = await write(api, author!, { text: 'viewed on two days' });
      assert.equal((await api.get(`/api/social/posts/${postId}`, { token: viewer!.token })).status, 200);
      const days = async () =>
        (
          await db(p()).query<{ age: number; views: number }>(
            `select (now() at time zone 'UTC')::date - day as age, views from social.post_view_days
              where post_id = $1 order by day`,
            [postId],
          )
        ).rows;
      // The view is counted in the database too (after the response: wait for it).
      await eventually(async () => (await days()).length === 1);
      await db(p()).query(
        `insert into social.post_view_days (post_id, day, views)
         values ($1, (now() at time zone 'UTC')::date - 8, 5), ($1, (now() at time zone 'UTC')::date - 9, 7)`,
        [postId],
      );
      const counts = await sweep(p());
      assert.ok(counts.viewDays >= 1, JSON.stringify(counts));
      assert.deepEqual(await days(), [
        { age: 8, views: 5 },
        { age: 0, views: 1 },
      ]);
    });

    test('two nodes sweeping at once remove each thing once, without an error', async () => {
      const { api } = p();
      await sweep(p()); // what earlier tests left
      const a = await signup(api);
      const orphans = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          upload(p(), a, (['png', 'jpeg', 'gif', 'webp'] as const)[i % 4]!),
        ),
      );
      const images = [await upload(p(), a, 'png'), await upload(p(), a, 'gif'), await upload(p(), a, 'webp')];
      const posts = [
        await write(api, a, { text: 'one', imageIds: images.slice(0, 2) }),
        await write(api, a, { text: 'two', imageIds: images.slice(2) }),
      ];
      for (const post of posts) {
        await deletePost(p(), a, post);
        await deletedHoursAgo(p(), post, 2);
      }
      await uploadedHoursAgo(p(), orphans, 30);
      const followers = await Promise.all(Array.from({ length: 3 }, () => signup(api)));
      const notes = await followedBy(api, a, followers);
      await notificationsDaysAgo(p(), [...notes.values()], 400, false);
      const expected = {
        uploads: orphans.length,
        postImages: images.length,
        notifications: notes.size,
        viewDays: 0,
      };
      const all = [...orphans, ...images];

      // Sharing the cache (Redis): one takes the lease, the other skips its turn.
      const shared = await Promise.all(
        [sweeperOf(p(), { batch: 2 }), sweeperOf(p(), { batch: 2 })].map((s) => s.sweepNow()),
      );
      assert.deepEqual(shared.filter((c) => c === null).length, 1, JSON.stringify(shared));
      assert.deepEqual(
        shared.find((c) => c !== null),
        expected,
      );
      for (const id of all) assert.deepEqual(await stored(p(), id), GONE);

      // Without a shared lease (each its own cache, as when Redis is unreachable): both sweep
      // at once, in small batches, and each thing is removed by one of them.
      const more = await Promise.all(
        Array.from({ length: 6 }, (_, i) => upload(p(), a, i % 2 ? 'png' : 'gif')),
      );
      await uploadedHoursAgo(p(), more, 30);
      const caches = [createMemoryCache(), createMemoryCache()];
      const both = await Promise.all(caches.map((cache) => sweeperOf(p(), { cache, batch: 2 }).sweepNow()));
      for (const cache of caches) await cache.close();
      assert.ok(both.every((c) => c !== null));
      assert.equal(
        both.reduce((n, c) => n + c!.uploads, 0),
        more.length,
        JSON.stringify(both),
      );
      for (const id of more) assert.deepEqual(await stored(p(), id), GONE);
    });
  },
  { env: { ...POSTS_SUITE_ENV, SOCIAL_SWEEP_INTERVAL_SEC: '0' } },
);

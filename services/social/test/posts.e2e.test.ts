// Posts end to end, embedded and on PostgreSQL + Redis + NATS: text, tags, mentions and images;
// who sees a post, its images, comments and reactions; comments one level deep; one reaction
// per user; edit and delete by the author; bad input gets a clear error and changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, type SignedUp, signup } from '@chat/testing';
import sharp from 'sharp';
import {
  allPages,
  approvedFollow,
  follow,
  getImage,
  IMAGES,
  makePrivate,
  POSTS_SUITE_ENV,
  postAs,
  postIds,
  sendBytes,
  upload,
  write,
} from './post-fixtures.ts';

const get = (api: Api, who: SignedUp, path: string) => api.get(path, { token: who.token });

await describeOnBackends(
  'social: posts',
  (p) => {
    test('a post with text, tags, mentions and images; edited shows editedAt; deleted leaves every list', async () => {
      const { api } = p();
      const [a, b, c] = [await signup(api), await signup(api), await signup(api)];
      await follow(api, b, a.userId);
      const images = [await upload(p(), a, 'png'), await upload(p(), a, 'jpeg')];

      const res = await postAs(api, a, {
        text: '  Lunch in Seoul  ',
        tags: ['#Seoul', 'seoul', ' Food_2024 ', '#서울'],
        mentions: [b.userId, c.userId, b.userId],
        imageIds: images,
        visibility: 'PUBLIC',
        extra: 'dropped',
      });
      assert.equal(res.status, 201, res.text);
      const post = res.body;
      assert.equal(post.text, 'Lunch in Seoul');
      assert.deepEqual(post.tags, ['seoul', 'food_2024', '서울']);
      assert.deepEqual(
        post.mentions.map((u: { id: number }) => u.id),
        [b.userId, c.userId],
      );
      assert.equal(post.author.nickname, a.nickname);
      assert.equal(post.editedAt, null);
      assert.equal(post.commentCount, 0);
      assert.deepEqual(post.reactions, {
        counts: { LIKE: 0, LOVE: 0, HAHA: 0, WOW: 0, SAD: 0 },
        total: 0,
        mine: null,
      });
      assert.deepEqual(
        post.images.map((i: { id: string; contentType: string }) => [i.id, i.contentType]),
        [
          [images[0], 'image/png'],
          [images[1], 'image/jpeg'],
        ],
      );
      assert.equal('extra' in post, false);

      const img = await getImage(p(), c, post.images[1].url);
      assert.equal(img.status, 200);
      assert.equal(img.headers.get('content-type'), 'image/jpeg');
      assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
      // The upload as kept: re-encoded (so not its bytes), the same 3 x 2 JPEG.
      const served = await sharp(img.bytes).metadata();
      assert.deepEqual([served.format, served.width, served.height], ['jpeg', 3, 2]);
      assert.equal(
        (await getImage(p(), c, `/api/social/posts/${post.id}/images/${'x'.repeat(22)}`)).status,
        404,
      );

      // The same upload cannot go into a second post.
      const again = await postAs(api, a, { text: 'again', imageIds: [images[0]] });
      assert.equal(again.status, 400);
      assert.match(again.body.message, /imageIds/);

      assert.deepEqual(postIds(await get(api, c, '/api/social/tags/%23SEOUL/posts')), [post.id]);
      assert.deepEqual(postIds(await get(api, c, `/api/social/tags/${encodeURIComponent('서울')}/posts`)), [
        post.id,
      ]);

      // Edit: the author only; the fields sent replace the post's, images stay.
      const notMine = await api.patch(
        `/api/social/posts/${post.id}`,
        { text: 'mine now' },
        { token: b.token },
      );
      assert.equal(notMine.status, 403);
      assert.match(notMine.body.message, /Only the author/);
      const edited = await api.patch(
        `/api/social/posts/${post.id}`,
        { text: 'Dinner', tags: ['night'] },
        { token: a.token },
      );
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.text, 'Dinner');
      assert.deepEqual(edited.body.tags, ['night']);
      assert.equal(edited.body.images.length, 2);
      assert.equal(edited.body.mentions.length, 2);
      assert.ok(edited.body.editedAt);
      assert.deepEqual(postIds(await get(api, c, '/api/social/tags/seoul/posts')), []);
      assert.deepEqual(postIds(await get(api, c, '/api/social/tags/night/posts')), [post.id]);
      assert.equal((await get(api, c, `/api/social/posts/${post.id}`)).body.editedAt, edited.body.editedAt);

      // Delete: the author only; then gone from the post's page, its image, lists, tags and the feed.
      assert.equal((await api.delete(`/api/social/posts/${post.id}`, { token: b.token })).status, 403);
      assert.equal((await api.delete(`/api/social/posts/${post.id}`, { token: a.token })).status, 204);
      assert.equal((await get(api, c, `/api/social/posts/${post.id}`)).status, 404);
      assert.equal((await getImage(p(), a, post.images[0].url)).status, 404);
      assert.deepEqual(postIds(await get(api, c, `/api/social/users/${a.userId}/posts`)), []);
      assert.deepEqual(postIds(await get(api, c, '/api/social/tags/night/posts')), []);
      assert.deepEqual(postIds(await get(api, b, '/api/social/feed')), []);
      assert.equal((await get(api, a, `/api/social/users/${a.userId}`)).body.posts, 0);
      assert.equal((await api.delete(`/api/social/posts/${post.id}`, { token: a.token })).status, 404);
      assert.equal(
        (await api.patch(`/api/social/posts/${post.id}`, { text: 'x' }, { token: a.token })).status,
        404,
      );
    });

    test('who sees a post, its images, comments and reactions: visibility and private accounts', async () => {
      const { api } = p();
      const [owner, fan, asker, stranger, pub] = [
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
      ];
      await makePrivate(api, owner);
      await approvedFollow(api, fan, owner);
      assert.deepEqual((await follow(api, asker, owner.userId)).body, { state: 'REQUESTED' });
      const tag = `vis_${owner.userId}`;
      const image = await upload(p(), owner, 'gif');
      const open = await write(api, owner, { text: 'public', tags: [tag], imageIds: [image] });
      const friends = await write(api, owner, { text: 'followers', tags: [tag], visibility: 'FOLLOWERS' });
      const mine = await write(api, owner, { text: 'private', tags: [tag], visibility: 'PRIVATE' });
      const pubOpen = await write(api, pub, { text: 'pub public', tags: [tag] });
      const pubFriends = await write(api, pub, {
        text: 'pub followers',
        tags: [tag],
        visibility: 'FOLLOWERS',
      });
      const imageUrl = `/api/social/posts/${open}/images/${image}`;

      // The owner sees everything; the approved follower all but PRIVATE.
      assert.deepEqual(postIds(await get(api, owner, `/api/social/users/${owner.userId}/posts`)), [
        mine,
        friends,
        open,
      ]);
      assert.deepEqual(postIds(await get(api, fan, `/api/social/users/${owner.userId}/posts`)), [
        friends,
        open,
      ]);
      assert.equal((await get(api, fan, `/api/social/users/${owner.userId}`)).body.posts, 2);
      assert.equal((await get(api, owner, `/api/social/users/${owner.userId}`)).body.posts, 3);
      assert.equal((await get(api, fan, `/api/social/posts/${friends}`)).status, 200);
      assert.equal((await getImage(p(), fan, imageUrl)).status, 200);
      const hidden = await get(api, fan, `/api/social/posts/${mine}`);
      assert.equal(hidden.status, 404);
      assert.match(hidden.body.message, new RegExp(`Post ${mine} not found`));

      // Not approved (asked, or a stranger): the account is private; FOLLOWERS and PRIVATE posts do not exist.
      for (const who of [asker, stranger]) {
        const list = await get(api, who, `/api/social/users/${owner.userId}/posts`);
        assert.equal(list.status, 403);
        assert.match(list.body.message, /private/);
        assert.equal((await get(api, who, `/api/social/users/${owner.userId}`)).body.posts, 0);
        for (const path of [
          `/api/social/posts/${open}`,
          `/api/social/posts/${open}/comments`,
          `/api/social/posts/${open}/reactions`,
        ]) {
          const res = await get(api, who, path);
          assert.equal(res.status, 403, path);
          assert.match(res.body.message, /private/);
        }
        assert.equal((await getImage(p(), who, imageUrl)).status, 403);
        for (const id of [friends, mine]) {
          for (const suffix of ['', '/comments', '/reactions']) {
            const res = await get(api, who, `/api/social/posts/${id}${suffix}`);
            assert.equal(res.status, 404, `${id}${suffix}`);
            assert.equal(res.body.message, `Post ${id} not found`);
          }
          const comment = await api.post(
            `/api/social/posts/${id}/comments`,
            { text: 'hi' },
            { token: who.token },
          );
          assert.equal(comment.status, 404);
          const react = await api.post(
            `/api/social/posts/${id}/reactions`,
            { kind: 'LIKE' },
            { token: who.token },
          );
          assert.equal(react.status, 404);
          assert.equal(
            (await api.delete(`/api/social/posts/${id}/reactions/me`, { token: who.token })).status,
            404,
          );
          assert.equal(
            (await api.patch(`/api/social/posts/${id}`, { text: 'x' }, { token: who.token })).status,
            404,
          );
          assert.equal((await api.delete(`/api/social/posts/${id}`, { token: who.token })).status, 404);
        }
        const comment = await api.post(
          `/api/social/posts/${open}/comments`,
          { text: 'hi' },
          { token: who.token },
        );
        assert.equal(comment.status, 403);
      }
      // A public account: its PUBLIC posts for anyone, FOLLOWERS ones for followers.
      assert.deepEqual(postIds(await get(api, stranger, `/api/social/users/${pub.userId}/posts`)), [pubOpen]);
      assert.equal((await get(api, stranger, `/api/social/users/${pub.userId}`)).body.posts, 1);
      assert.equal((await get(api, stranger, `/api/social/posts/${pubFriends}`)).status, 404);

      // Tag pages hold exactly what each may see.
      const tagged = (who: SignedUp) => get(api, who, `/api/social/tags/${tag}/posts`);
      assert.deepEqual(postIds(await tagged(owner)), [pubOpen, mine, friends, open]);
      assert.deepEqual(postIds(await tagged(fan)), [pubOpen, friends, open]);
      assert.deepEqual(postIds(await tagged(asker)), [pubOpen]);
      await follow(api, stranger, pub.userId);
      assert.deepEqual(postIds(await tagged(stranger)), [pubFriends, pubOpen]);

      // The fan's comment and reaction are seen by followers; they vanish for the fan once removed.
      const said = await api.post(
        `/api/social/posts/${friends}/comments`,
        { text: 'nice' },
        { token: fan.token },
      );
      assert.equal(said.status, 201, said.text);
      await api.delete(`/api/social/me/followers/${fan.userId}`, { token: owner.token });
      assert.equal((await get(api, fan, `/api/social/posts/${friends}`)).status, 404);
      assert.equal((await get(api, fan, `/api/social/posts/${friends}/comments`)).status, 404);
      assert.equal((await getImage(p(), fan, imageUrl)).status, 403);
      // Their own comment they may still delete.
      const gone = await api.delete(`/api/social/posts/${friends}/comments/${said.body.id}`, {
        token: fan.token,
      });
      assert.equal(gone.status, 204);
    });

    test('comments: one level deep, oldest first by cursor, deleted by their author or the post author', async () => {
      const { api } = p();
      const [a, b, c] = [await signup(api), await signup(api), await signup(api)];
      const postId = await write(api, a, { text: 'discuss' });
      const other = await write(api, a, { text: 'elsewhere' });
      const comment = (who: SignedUp, body: Record<string, unknown>, id = postId) =>
        api.post(`/api/social/posts/${id}/comments`, body, { token: who.token });

      const first = await comment(b, { text: 'first', mentions: [c.userId] });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.body.parentId, null);
      assert.deepEqual(
        first.body.mentions.map((u: { id: number }) => u.id),
        [c.userId],
      );
      const reply = await comment(c, { text: 'a reply', parentId: first.body.id });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.parentId, first.body.id);
      const deeper = await comment(a, { text: 'too deep', parentId: reply.body.id });
      assert.equal(deeper.status, 400);
      assert.match(deeper.body.message, /is a reply/);
      const elsewhere = await comment(a, { text: 'wrong post', parentId: first.body.id }, other);
      assert.equal(elsewhere.status, 400);
      assert.match(elsewhere.body.message, /parentId/);
      assert.equal((await comment(a, { text: 'x' }, 987_654_321)).status, 404);
      assert.equal((await comment(a, { text: '   ' })).status, 400);
      assert.equal((await comment(a, { text: 'x'.repeat(1001) })).status, 400);
      assert.equal((await comment(a, { text: 'x'.repeat(1000) })).status, 201);
      const later: number[] = [];
      for (let i = 0; i < 3; i++) later.push((await comment(c, { text: `more ${i}` })).body.id);

      const top = await get(api, a, `/api/social/posts/${postId}/comments`);
      assert.equal(top.status, 200, top.text);
      assert.equal(top.body.comments[0].replyCount, 1);
      assert.equal(top.body.comments[0].author.id, b.userId);
      const all = await allPages(api, a, `/api/social/posts/${postId}/comments`, 2, 'comments');
      assert.equal(all.length, 5);
      assert.deepEqual(
        all,
        [...all].sort((x, y) => x - y),
      );
      assert.deepEqual(all.slice(2), later);
      const replies = await get(api, b, `/api/social/posts/${postId}/comments/${first.body.id}/replies`);
      assert.deepEqual(
        replies.body.comments.map((r: { id: number }) => r.id),
        [reply.body.id],
      );
      assert.equal((await get(api, b, `/api/social/posts/${postId}`)).body.commentCount, 6);

      // c may not delete b's comment; a (the post's author) may, and its replies go with it.
      const path = (id: number) => `/api/social/posts/${postId}/comments/${id}`;
      const refused = await api.delete(path(first.body.id), { token: c.token });
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /comment's author/);
      assert.equal((await api.delete(path(first.body.id), { token: a.token })).status, 204);
      assert.equal((await api.delete(path(first.body.id), { token: a.token })).status, 404);
      assert.equal(
        (await get(api, b, `/api/social/posts/${postId}/comments/${first.body.id}/replies`)).status,
        404,
      );
      assert.equal((await api.delete(path(later[0]!), { token: c.token })).status, 204);
      assert.equal((await get(api, b, `/api/social/posts/${postId}`)).body.commentCount, 3);
      assert.equal(
        (await allPages(api, a, `/api/social/posts/${postId}/comments`, 2, 'comments')).includes(
          first.body.id,
        ),
        false,
      );
    });

    test('reactions: one per user and post, counts per kind and mine; twice is 409, PUT changes the kind', async () => {
      const { api } = p();
      const [a, b, c] = [await signup(api), await signup(api), await signup(api)];
      const postId = await write(api, a, { text: 'react to me' });
      const path = `/api/social/posts/${postId}/reactions`;

      const liked = await api.post(path, { kind: 'LIKE' }, { token: b.token });
      assert.equal(liked.status, 201, liked.text);
      assert.equal(liked.body.mine, 'LIKE');
      assert.equal(liked.body.counts.LIKE, 1);
      const twice = await api.post(path, { kind: 'LOVE' }, { token: b.token });
      assert.equal(twice.status, 409);
      assert.match(twice.body.message, /already reacted/);
      assert.equal((await api.post(path, { kind: 'HAHA' }, { token: c.token })).status, 201);
      assert.equal((await api.post(path, { kind: 'ANGRY' }, { token: a.token })).status, 400);
      assert.equal((await api.put(`${path}/me`, { kind: 'WOW' }, { token: a.token })).status, 404);

      const changed = await api.put(`${path}/me`, { kind: 'LOVE' }, { token: b.token });
      assert.equal(changed.status, 200, changed.text);
      assert.deepEqual(changed.body, {
        counts: { LIKE: 0, LOVE: 1, HAHA: 1, WOW: 0, SAD: 0 },
        total: 2,
        mine: 'LOVE',
      });
      const seenByA = await get(api, a, `/api/social/posts/${postId}`);
      assert.equal(seenByA.body.reactions.mine, null);
      assert.equal(seenByA.body.reactions.total, 2);

      const who = await get(api, a, path);
      assert.deepEqual(
        who.body.users.map((u: { id: number; kind: string }) => [u.id, u.kind]),
        [
          [c.userId, 'HAHA'],
          [b.userId, 'LOVE'],
        ],
      );
      assert.deepEqual(
        (await get(api, a, `${path}?kind=LOVE`)).body.users.map((u: { id: number }) => u.id),
        [b.userId],
      );

      assert.equal((await api.delete(`${path}/me`, { token: b.token })).status, 204);
      assert.equal((await api.delete(`${path}/me`, { token: b.token })).status, 204);
      const after = await get(api, b, `/api/social/posts/${postId}`);
      assert.deepEqual(after.body.reactions, {
        counts: { LIKE: 0, LOVE: 0, HAHA: 1, WOW: 0, SAD: 0 },
        total: 1,
        mine: null,
      });
      assert.equal((await api.post(path, { kind: 'SAD' }, { token: b.token })).status, 201);
    });

    test('bad input gets a clear error in the contract shape and changes nothing', async () => {
      const { api } = p();
      // Three users, so that no one's budget of writes (60 a minute) runs out.
      const [a, b, d] = [await signup(api), await signup(api), await signup(api)];
      const refuse = async (body: unknown, pattern: RegExp, status = 400) => {
        const res = await postAs(api, a, body);
        assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)}: ${res.text}`);
        assert.equal(res.body.status, status);
        assert.equal(res.body.path, '/api/social/posts');
        assert.match(res.body.message, pattern);
      };
      // At the limits: accepted.
      await write(api, a, { text: 'x'.repeat(2000) });
      await write(api, a, { text: 'tags', tags: Array.from({ length: 10 }, (_, i) => `t${i}`) });
      await write(api, a, { text: 'long tag', tags: [`#${'a'.repeat(30)}`] });
      await write(api, a, {
        text: 'images',
        imageIds: await Promise.all(['png', 'jpeg', 'gif', 'webp'].map((k) => upload(p(), a, k as 'png'))),
      });
      const before = postIds(await get(api, a, `/api/social/users/${a.userId}/posts`));
      assert.equal(before.length, 4);

      // Beyond them, or wrong: refused.
      await refuse({ text: 'x'.repeat(2001) }, /text/);
      await refuse({ text: 'tags', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /tags/);
      await refuse({ text: 'long tag', tags: [`#${'a'.repeat(31)}`] }, /longer than 30/);
      for (const tag of ['#', 'two words', 'semi;colon', ''])
        await refuse({ text: 'bad tag', tags: [tag] }, /is not a tag/);
      await refuse({ text: '   ' }, /text or at least one image/);
      await refuse({}, /text or at least one image/);
      await refuse({ text: 'who', mentions: Array.from({ length: 21 }, () => b.userId) }, /mentions/);
      await refuse({ text: 'who', mentions: [b.userId, 987_654_321] }, /no user 987654321/);
      await refuse({ text: 'who', visibility: 'SECRET' }, /visibility/);
      await refuse(
        { text: 'imgs', imageIds: Array.from({ length: 5 }, (_, i) => `${i}`.repeat(22)) },
        /imageIds/,
      );
      await refuse({ text: 'img', imageIds: ['not-an-upload-of-mine'] }, /imageIds/);
      const bs = await upload(p(), b, 'png');
      await refuse({ text: "someone else's", imageIds: [bs] }, /not an upload of yours/);
      await refuse({ text: 'twice', imageIds: [bs, bs] }, /imageIds/);
      const raw = await api.post('/api/social/posts', undefined, { token: a.token, raw: '{"text":' });
      assert.equal(raw.status, 400);
      assert.equal((await api.post('/api/social/posts', { text: 'anon' })).status, 401);

      // Edits beyond the limits, and empty edits.
      const id = before[0]!;
      const patch = (body: unknown) => api.patch(`/api/social/posts/${id}`, body, { token: a.token });
      assert.equal((await patch({ text: 'x'.repeat(2001) })).status, 400);
      assert.equal((await patch({ tags: ['no good'] })).status, 400);
      assert.match((await patch({ unknown: 1 })).body.message, /at least one/);
      const emptied = await patch({ text: '' });
      assert.equal(emptied.status, 200, emptied.text); // the post has images
      const textOnly = before[1]!;
      const refusedEdit = await api.patch(`/api/social/posts/${textOnly}`, { text: ' ' }, { token: a.token });
      assert.equal(refusedEdit.status, 400);

      // Images: wrong types, lying bytes, empty, too large.
      const send = (body: Buffer | undefined, type: string | undefined) =>
        sendBytes(p(), d, '/api/social/posts/images', body, type);
      const svg = await send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml');
      assert.equal(svg.status, 400);
      assert.match(String(svg.body.message), /image\/png/);
      assert.equal((await send(IMAGES.jpeg, 'image/png')).status, 400);
      assert.equal((await send(Buffer.from('{"a":1}'), 'application/json')).status, 400);
      assert.equal((await send(Buffer.alloc(0), 'image/png')).status, 400);
      assert.equal((await send(undefined, undefined)).status, 400);
      const big = await send(Buffer.concat([IMAGES.png, Buffer.alloc(1_048_576)]), 'image/png');
      assert.equal(big.status, 413);
      assert.equal(big.body.error, 'PAYLOAD_TOO_LARGE');
      assert.equal(
        (await sendBytes(p(), null, '/api/social/posts/images', IMAGES.png, 'image/png')).status,
        401,
      );

      // Unknown posts, bad ids and cursors.
      for (const path of [
        '/api/social/posts/987654321',
        '/api/social/posts/987654321/comments',
        '/api/social/posts/987654321/reactions',
      ]) {
        assert.equal((await get(api, a, path)).status, 404);
      }
      assert.equal(
        (await api.post('/api/social/posts/987654321/reactions', { kind: 'LIKE' }, { token: d.token }))
          .status,
        404,
      );
      assert.equal(
        (await api.delete('/api/social/posts/987654321/reactions/me', { token: d.token })).status,
        404,
      );
      for (const path of [
        '/api/social/posts/abc',
        '/api/social/posts/0',
        `/api/social/users/${a.userId}/posts?cursor=0`,
        `/api/social/users/${a.userId}/posts?cursor=abc`,
        `/api/social/users/${a.userId}/posts?size=101`,
        `/api/social/posts/${id}/comments?cursor=-5`,
        `/api/social/posts/${id}/reactions?kind=ANGRY`,
        '/api/social/tags/two%20words/posts',
        `/api/social/tags/${'a'.repeat(31)}/posts`,
        `/api/social/posts/${id}/images/short`,
      ]) {
        const res = await get(api, a, path);
        assert.equal(res.status, 400, `${path}: ${res.text}`);
        assert.equal(res.body.error, 'BAD_REQUEST');
      }
      assert.equal((await get(api, a, '/api/social/users/987654321/posts')).status, 404);

      // At most 20 uploads wait for a post at once (b has one waiting).
      for (let i = 0; i < 19; i++) await upload(p(), b, 'webp');
      const over = await sendBytes(p(), b, '/api/social/posts/images', IMAGES.webp, 'image/webp');
      assert.equal(over.status, 409);
      assert.match(String(over.body.message), /wait for a post/);

      // Nothing changed.
      assert.deepEqual(postIds(await get(api, a, `/api/social/users/${a.userId}/posts`)), before);
      assert.equal((await get(api, a, `/api/social/users/${a.userId}`)).body.posts, 4);
      assert.ok(!api.seen.some((t) => /"status":500|\bat [\w.]+ \(/.test(t)), 'no 500s, no stack traces');
    });
  },
  { env: POSTS_SUITE_ENV },
);

// Mini-homepages end to end, embedded and on PostgreSQL + Redis + NATS: rooms made on first use
// and customised with owned decorations; a private account's room for approved followers only;
// visitor counts exact under concurrent visits on two nodes (one visit per visitor and day,
// never the owner's), with one RoomVisited each; guestbooks with hiding, deleting and a spam
// limit; random visits among all rooms or friends of friends; bad input changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { decodeSocialEvent, SOCIAL_EVENTS_TOPIC, type SocialEvent } from '@chat/contracts';
import {
  type Api,
  describeOnBackends,
  eventually,
  type Platform,
  type SignedUp,
  signup,
} from '@chat/testing';
import {
  createAsset,
  follow,
  grantAsset,
  makePrivate,
  myRoom,
  ownedDecorations,
  ROOMS_SUITE_ENV,
  signupMany,
} from './rooms-fixtures.ts';

const roomOf = (api: Api, who: SignedUp, ownerId: number) =>
  api.get(`/api/social/users/${ownerId}/room`, { token: who.token });
const place = (api: Api, who: SignedUp, decorations: unknown[]) =>
  api.put('/api/social/me/room/decorations', { decorations }, { token: who.token });
const write = (api: Api, who: SignedUp, ownerId: number, text: string) =>
  api.post(`/api/social/users/${ownerId}/guestbook`, { text }, { token: who.token });
const entryTexts = async (api: Api, who: SignedUp, ownerId: number): Promise<string[]> => {
  const res = await api.get(`/api/social/users/${ownerId}/guestbook`, { token: who.token });
  assert.equal(res.status, 200, res.text);
  return res.body.entries.map((e: { text: string }) => e.text);
};

/** Collects the RoomVisited events of `ownerId` from the log (a consumer group of its own). */
async function roomVisits(p: Platform, ownerId: number) {
  const seen = new Map<string, SocialEvent>();
  const consumer = await p.server.server.infra.log.consume(
    SOCIAL_EVENTS_TOPIC,
    `test-rooms-${randomUUID()}`,
    async (records) => {
      for (const r of records) {
        const event = decodeSocialEvent(r.value);
        if (event.type === 'RoomVisited' && event.ownerId === ownerId) seen.set(event.eventId, event);
      }
    },
  );
  return { seen, stop: () => consumer.stop() };
}

await describeOnBackends(
  'social: mini-homepages',
  (p) => {
    test('a room is made on first use with defaults; its owner customises it with owned decorations', async () => {
      const { api, admin } = p();
      const [owner, guest] = [await signup(api), await signup(api)];
      const fresh = await myRoom(api, owner);
      assert.equal(fresh.title, owner.nickname);
      assert.equal(fresh.theme, 'CLASSIC');
      assert.deepEqual(fresh.background, { color: '#FFFFFF', asset: null });
      assert.deepEqual(fresh.decorations, []);
      assert.deepEqual(fresh.visitors, { today: 0, total: 0 });
      assert.equal(fresh.mine, true);
      assert.equal(fresh.owner.id, owner.userId);

      const [sofa, lamp, wallpaper] = await ownedDecorations(api, admin.token, owner, 3);
      const patched = await api.patch(
        '/api/social/me/room',
        { title: ' 나의 방 ', theme: 'NIGHT', intro: 'Hello\nworld', background: { assetId: wallpaper } },
        { token: owner.token },
      );
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.title, '나의 방');
      assert.equal(patched.body.theme, 'NIGHT');
      assert.equal(patched.body.intro, 'Hello\nworld');
      assert.equal(patched.body.background.color, null);
      assert.equal(patched.body.background.asset.id, wallpaper);

      const placed = await place(api, owner, [
        { assetId: sofa, x: 1000, y: 600, z: 5 },
        { assetId: lamp, x: 0, y: 0 },
      ]);
      assert.equal(placed.status, 200, placed.text);
      assert.deepEqual(
        placed.body.decorations.map((d: { asset: { id: number }; x: number; y: number; z: number }) => [
          d.asset.id,
          d.x,
          d.y,
          d.z,
        ]),
        [
          [lamp, 0, 0, 0],
          [sofa, 1000, 600, 5],
        ],
      );
      assert.equal(placed.body.decorations[0].asset.imageUrl, `/api/social/assets/${lamp}/image`);

      const seen = await roomOf(api, guest, owner.userId);
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.body.mine, false);
      assert.equal(seen.body.title, '나의 방');
      assert.equal(seen.body.decorations.length, 2);

      // A colour again; the title back to the nickname; an empty list clears the decorations.
      const back = await api.patch(
        '/api/social/me/room',
        { title: null, background: { color: '#a0b0c0' } },
        { token: owner.token },
      );
      assert.equal(back.body.title, owner.nickname);
      assert.deepEqual(back.body.background, { color: '#A0B0C0', asset: null });
      assert.equal(back.body.theme, 'NIGHT');
      assert.deepEqual((await place(api, owner, [])).body.decorations, []);
    });

    test('bad input: out of bounds, not owned, unknown, avatars, twice, too many, over limits: clear errors, nothing changes', async () => {
      const { api, admin } = p();
      const [owner, other] = [await signup(api), await signup(api)];
      const [sofa, lamp] = await ownedDecorations(api, admin.token, owner, 2);
      const [foreign] = await ownedDecorations(api, admin.token, other, 1);
      const hat = await createAsset(api, admin.token, { kind: 'AVATAR' });
      assert.equal((await grantAsset(api, admin.token, hat.id, owner.userId)).status, 201);
      const notGranted = await createAsset(api, admin.token);
      assert.equal((await place(api, owner, [{ assetId: sofa, x: 10, y: 20, z: 1 }])).status, 200);
      assert.equal(
        (await api.patch('/api/social/me/room', { title: 'Before', intro: 'Kept' }, { token: owner.token }))
          .status,
        200,
      );
      const before = await myRoom(api, owner);

      const refused = async (body: unknown[], status: number, message: RegExp) => {
        const res = await place(api, owner, body);
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
        assert.match(res.body.message, message);
        assert.equal(res.body.status, status);
        assert.equal(res.body.path, '/api/social/me/room/decorations');
      };
      await refused([{ assetId: lamp, x: 1001, y: 0 }], 400, /decorations\.0\.x must be <= 1000/);
      await refused([{ assetId: lamp, x: 5, y: -1 }], 400, /decorations\.0\.y must be >= 0/);
      await refused([{ assetId: lamp, x: 5, y: 601 }], 400, /y must be <= 600/);
      await refused([{ assetId: lamp, x: 5, y: 5, z: 1000 }], 400, /z must be <= 999/);
      await refused([{ assetId: lamp, x: 1.5, y: 5 }], 400, /integer/);
      await refused([{ assetId: foreign, x: 5, y: 5 }], 409, /do not own asset/);
      await refused([{ assetId: notGranted.id, x: 5, y: 5 }], 409, /do not own asset/);
      await refused([{ assetId: 987_654_321, x: 5, y: 5 }], 404, /Asset 987654321 not found/);
      await refused([{ assetId: hat.id, x: 5, y: 5 }], 400, /avatar item, not a room decoration/);
      await refused(
        [
          { assetId: lamp, x: 5, y: 5 },
          { assetId: lamp, x: 6, y: 6 },
        ],
        400,
        /placed twice/,
      );
      await refused(
        Array.from({ length: 31 }, () => ({ assetId: lamp, x: 1, y: 1 })),
        400,
        /must NOT have more than 30 items/,
      );
      // A good one before a bad one: all or nothing.
      await refused(
        [
          { assetId: lamp, x: 5, y: 5 },
          { assetId: foreign, x: 5, y: 5 },
        ],
        409,
        /decorations\[1\]\.assetId/,
      );

      const patch = (body: unknown) => api.patch('/api/social/me/room', body, { token: owner.token });
      assert.equal((await patch({ background: { color: '#000000', assetId: lamp } })).status, 400);
      assert.equal((await patch({ background: {} })).status, 400);
      assert.equal((await patch({ background: { color: 'red' } })).status, 400);
      assert.equal((await patch({ background: { assetId: foreign } })).status, 409);
      assert.equal((await patch({ background: { assetId: hat.id } })).status, 400);
      assert.equal((await patch({ theme: 'NEON' })).status, 400);
      assert.equal((await patch({ title: 'x'.repeat(41) })).status, 400);
      assert.equal((await patch({ title: '' })).status, 400);
      assert.equal((await patch({ intro: 'x'.repeat(501) })).status, 400);
      assert.equal((await patch({ intro: 'bell\u0007' })).status, 400);
      assert.equal((await roomOf(api, owner, 987_654_321)).status, 404);
      assert.equal((await api.get('/api/social/users/abc/room', { token: owner.token })).status, 400);
      assert.equal((await api.get(`/api/social/users/${owner.userId}/room`)).status, 401);

      const after = await myRoom(api, owner);
      assert.deepEqual({ ...after, updatedAt: null }, { ...before, updatedAt: null });
      assert.equal(after.title, 'Before');
      assert.equal(after.decorations.length, 1);
    });

    test("a private account's room is seen by its approved followers only", async () => {
      const { api } = p();
      const [owner, stranger, fan] = [await signup(api), await signup(api), await signup(api)];
      await makePrivate(api, owner);
      await api.post(`/api/social/users/${owner.userId}/follow`, undefined, { token: fan.token });

      for (const who of [stranger, fan]) {
        const hidden = await roomOf(api, who, owner.userId);
        assert.equal(hidden.status, 403);
        assert.match(hidden.body.message, /private/);
        assert.equal(
          (await api.get(`/api/social/users/${owner.userId}/guestbook`, { token: who.token })).status,
          403,
        );
        assert.equal((await write(api, who, owner.userId, 'let me in')).status, 403);
      }
      assert.deepEqual((await myRoom(api, owner)).visitors, { today: 0, total: 0 });
      assert.deepEqual(await entryTexts(api, owner, owner.userId), []);

      const accepted = await api.post(`/api/social/me/follow-requests/${fan.userId}/accept`, undefined, {
        token: owner.token,
      });
      assert.equal(accepted.status, 204);
      const seen = await roomOf(api, fan, owner.userId);
      assert.equal(seen.status, 200, seen.text);
      assert.deepEqual(seen.body.visitors, { today: 1, total: 1 });
      assert.equal((await roomOf(api, stranger, owner.userId)).status, 403);

      // Removed as a follower: hidden again.
      await api.delete(`/api/social/me/followers/${fan.userId}`, { token: owner.token });
      assert.equal((await roomOf(api, fan, owner.userId)).status, 403);
      assert.deepEqual((await myRoom(api, owner)).visitors, { today: 1, total: 1 });
    });

    test('visitor counts stay exact after 200 concurrent visits from 50 users across two nodes', async () => {
      const { api, kind } = p();
      // Real backend: a second node of the same deployment (same database, Redis, NATS).
      // Embedded: one process owns its data folder, so every visit goes to the one server.
      const second = kind === 'real' ? (await p().start({ NAMESPACE: p().env.NAMESPACE! })).api : api;
      const owner = await signup(api);
      await myRoom(api, owner);
      const visitors = await signupMany(api, 50, signup);
      const events = await roomVisits(p(), owner.userId);
      try {
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => {
            const node = i % 2 === 0 ? api : second;
            return roomOf(node, visitors[Math.floor(i / 4)]!, owner.userId);
          }),
        );
        assert.deepEqual(
          results.map((r) => r.status),
          Array(200).fill(200),
        );
        assert.deepEqual((await myRoom(api, owner)).visitors, { today: 50, total: 50 });
        assert.deepEqual(
          (await myRoom(api, owner)).visitors,
          { today: 50, total: 50 },
          'the owner is no visitor',
        );
        assert.equal((await roomOf(second, owner, owner.userId)).body.visitors.total, 50);
        const again = await roomOf(second, visitors[7]!, owner.userId);
        assert.deepEqual(again.body.visitors, { today: 50, total: 50 }, 'a repeat visit the same day');

        // One RoomVisited per counted visit.
        await eventually(async () => events.seen.size >= 50);
        const byVisitor = new Set(
          [...events.seen.values()].map((e) => (e as { visitorId: number }).visitorId),
        );
        assert.equal(events.seen.size, 50);
        assert.equal(byVisitor.size, 50);

        // The owner's list of visitors: each once today, newest first, by pages.
        const listed: number[] = [];
        let cursor: number | null = null;
        do {
          const q: string = cursor ? `&cursor=${cursor}` : '';
          const res = await api.get(`/api/social/me/room/visitors?size=20${q}`, { token: owner.token });
          assert.equal(res.status, 200, res.text);
          listed.push(...res.body.visitors.map((v: { user: { id: number } }) => v.user.id));
          assert.match(res.body.visitors[0].day, /^\d{4}-\d{2}-\d{2}$/);
          cursor = res.body.nextCursor;
        } while (cursor !== null);
        assert.deepEqual([...listed].sort(), visitors.map((v) => v.userId).sort());
        const theirs = await api.get('/api/social/me/room/visitors', { token: visitors[0]!.token });
        assert.deepEqual(theirs.body.visitors, [], 'a visitor sees their own room’s visitors only');
      } finally {
        await events.stop();
      }
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
      assert.ok([...events.seen.values()].every((e) => (e as { day: string }).day === today));
    });

    test('guestbook: newest first by pages; the owner hides, the author deletes; spam gets 429', async () => {
      const { api } = p();
      const [owner, alice, bob, spammer] = [
        await signup(api),
        await signup(api),
        await signup(api),
        await signup(api),
      ];
      const a1 = await write(api, alice, owner.userId, '  첫 방문!  ');
      assert.equal(a1.status, 201, a1.text);
      assert.equal(a1.body.text, '첫 방문!');
      assert.equal(a1.body.author.id, alice.userId);
      assert.equal(a1.body.hidden, false);
      const b1 = await write(api, bob, owner.userId, 'hi from bob');
      const a2 = await write(api, alice, owner.userId, 'again\nwith two lines');
      assert.equal((await write(api, owner, owner.userId, 'my own note')).status, 201);
      assert.deepEqual(await entryTexts(api, bob, owner.userId), [
        'my own note',
        'again\nwith two lines',
        'hi from bob',
        '첫 방문!',
      ]);
      const page = await api.get(`/api/social/users/${owner.userId}/guestbook?size=3`, { token: bob.token });
      const rest = await api.get(
        `/api/social/users/${owner.userId}/guestbook?size=3&cursor=${page.body.nextCursor}`,
        {
          token: bob.token,
        },
      );
      assert.deepEqual(
        rest.body.entries.map((e: { id: number }) => e.id),
        [a1.body.id],
      );
      assert.equal(rest.body.nextCursor, null);

      // Hidden: gone for everyone but the owner and the author.
      const hide = await api.patch(
        `/api/social/me/guestbook/${b1.body.id}`,
        { hidden: true },
        { token: owner.token },
      );
      assert.equal(hide.status, 200, hide.text);
      assert.equal(hide.body.hidden, true);
      assert.ok(!(await entryTexts(api, alice, owner.userId)).includes('hi from bob'));
      assert.ok((await entryTexts(api, bob, owner.userId)).includes('hi from bob'));
      assert.ok((await entryTexts(api, owner, owner.userId)).includes('hi from bob'));
      assert.equal(
        (await api.patch(`/api/social/me/guestbook/${b1.body.id}`, { hidden: true }, { token: bob.token }))
          .status,
        404,
        'only the owner hides',
      );
      await api.patch(`/api/social/me/guestbook/${b1.body.id}`, { hidden: false }, { token: owner.token });
      assert.ok((await entryTexts(api, alice, owner.userId)).includes('hi from bob'));

      // Deleting: the author only.
      const byOwner = await api.delete(`/api/social/guestbook/${a2.body.id}`, { token: owner.token });
      assert.equal(byOwner.status, 403);
      assert.match(byOwner.body.message, /hide/);
      assert.equal(
        (await api.delete(`/api/social/guestbook/${a2.body.id}`, { token: bob.token })).status,
        404,
      );
      assert.equal(
        (await api.delete(`/api/social/guestbook/${a2.body.id}`, { token: alice.token })).status,
        204,
      );
      assert.equal(
        (await api.delete(`/api/social/guestbook/${a2.body.id}`, { token: alice.token })).status,
        404,
      );
      assert.ok(!(await entryTexts(api, owner, owner.userId)).includes('again\nwith two lines'));

      const crlf = await write(api, alice, owner.userId, 'one\r\ntwo\rthree');
      assert.equal(crlf.body.text, 'one\ntwo\nthree', 'line breaks are stored as LF');

      // Bad input changes nothing.
      const before = await entryTexts(api, owner, owner.userId);
      assert.equal((await write(api, bob, owner.userId, 'x'.repeat(301))).status, 400);
      assert.equal((await write(api, bob, owner.userId, '')).status, 400);
      const blank = await write(api, bob, owner.userId, '   \n  ');
      assert.equal(blank.status, 400);
      assert.match(blank.body.message, /blank/);
      assert.equal((await write(api, bob, 987_654_321, 'nobody')).status, 404);
      assert.equal((await write(api, bob, owner.userId, 'x'.repeat(300))).status, 201);
      assert.equal(
        (await api.patch('/api/social/me/guestbook/987654321', { hidden: true }, { token: owner.token }))
          .status,
        404,
      );
      assert.deepEqual(await entryTexts(api, owner, owner.userId), ['x'.repeat(300), ...before]);

      // Spam: 5 a minute per author, then 429 with Retry-After; the refused ones are not kept.
      for (let i = 0; i < 5; i++)
        assert.equal((await write(api, spammer, owner.userId, `spam ${i}`)).status, 201);
      const limited = await write(api, spammer, owner.userId, 'spam 5');
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal(limited.body.error, 'TOO_MANY_REQUESTS');
      const texts = await entryTexts(api, owner, owner.userId);
      assert.equal(texts.filter((t) => t.startsWith('spam')).length, 5);
      assert.equal((await write(api, bob, owner.userId, 'others still write')).status, 201);
    });

    test('random visits: an active public room not mine; fof among users followed by those I follow', async () => {
      const { api } = p();
      const [me, friend, fof, hidden, known] = await signupMany(api, 5, signup);
      for (const who of [friend!, fof!, hidden!, known!]) await myRoom(api, who);
      await makePrivate(api, hidden!);
      await follow(api, me!, friend!.userId);
      await follow(api, friend!, fof!.userId);
      await follow(api, friend!, hidden!.userId);
      await follow(api, friend!, known!.userId);
      await follow(api, me!, known!.userId);

      for (let i = 0; i < 10; i++) {
        const res = await api.get('/api/social/rooms/random', { token: me!.token });
        assert.equal(res.status, 200, res.text);
        assert.notEqual(res.body.owner.id, me!.userId);
        assert.notEqual(res.body.owner.id, hidden!.userId);
      }
      for (let i = 0; i < 5; i++) {
        const res = await api.get('/api/social/rooms/random?scope=fof', { token: me!.token });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.owner.id, fof!.userId);
      }
      assert.equal((await myRoom(api, fof!)).visitors.total, 1, 'the random room was visited (once today)');

      await follow(api, me!, fof!.userId);
      const none = await api.get('/api/social/rooms/random?scope=fof', { token: me!.token });
      assert.equal(none.status, 404);
      assert.match(none.body.message, /scope=all/);
      const loner = await signup(api);
      assert.equal((await api.get('/api/social/rooms/random?scope=fof', { token: loner.token })).status, 404);
      assert.equal(
        (await api.get('/api/social/rooms/random?scope=mine', { token: loner.token })).status,
        400,
      );
    });
  },
  { env: ROOMS_SUITE_ENV },
);

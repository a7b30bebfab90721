// Avatars end to end, embedded and on PostgreSQL + Redis + NATS: a user wears owned AVATAR
// items (one per category, in drawing order), replaces and clears them; others see the avatar
// by its route, on the profile and in the room; a private account's avatar only by approved
// followers; bad input (unknown, a decoration, not owned, a category twice, too many, twice)
// answers a clear error and changes nothing; concurrent changes never fail; writes are limited.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Api, describeOnBackends, type Loose, type SignedUp, signup } from '@chat/testing';
import {
  createAsset,
  follow,
  grantAsset,
  makePrivate,
  ROOMS_SUITE_ENV,
  uniqueCategory,
} from './rooms-fixtures.ts';

const wear = (api: Api, who: SignedUp, assetIds: unknown) =>
  api.put('/api/social/me/avatar', { assetIds }, { token: who.token });
const avatarOf = (api: Api, who: SignedUp, userId: number) =>
  api.get(`/api/social/users/${userId}/avatar`, { token: who.token });
const ids = (items: { id: number }[]) => items.map((i) => i.id);

/** The ids `who` sees `userId` wear: by the avatar route, on the profile and in the room. */
async function seenWearing(api: Api, who: SignedUp, userId: number) {
  const [avatar, profile, room] = await Promise.all([
    avatarOf(api, who, userId),
    api.get(`/api/social/users/${userId}`, { token: who.token }),
    api.get(`/api/social/users/${userId}/room`, { token: who.token }),
  ]);
  for (const res of [avatar, profile, room]) assert.equal(res.status, 200, res.text);
  const route = ids(avatar.body.items);
  assert.deepEqual(ids(profile.body.avatar), route, 'the profile shows the same avatar');
  assert.deepEqual(ids(room.body.owner.avatar), route, 'the room shows the same avatar');
  return { ids: route, items: avatar.body.items as Loose[] };
}

/** AVATAR items made and granted to `owner`, one per category given (a fresh category each). */
async function ownedItems(api: Api, adminToken: string, owner: SignedUp, categories: string[]) {
  const items: Loose[] = [];
  for (const category of categories) {
    const item = await createAsset(api, adminToken, { kind: 'AVATAR', category, name: `${category} item` });
    assert.equal((await grantAsset(api, adminToken, item.id, owner.userId)).status, 201);
    items.push(item);
  }
  return items;
}

await describeOnBackends(
  'social: avatars',
  (p) => {
    test('I wear owned items in order; others see them on the avatar, profile and room; replace; clear', async () => {
      const { api, admin } = p();
      const [owner, guest] = [await signup(api), await signup(api)];
      const [heads, faces] = [uniqueCategory(), uniqueCategory()];
      const [hat, glasses, cap] = await ownedItems(api, admin.token, owner, [heads, faces, heads]);
      assert.deepEqual((await seenWearing(api, guest, owner.userId)).ids, [], 'nothing worn at first');

      const worn = await wear(api, owner, [hat.id, glasses.id]);
      assert.equal(worn.status, 200, worn.text);
      assert.deepEqual(worn.body.items, [
        {
          id: hat.id,
          kind: 'AVATAR',
          category: heads,
          name: hat.name,
          imageUrl: `/api/social/assets/${hat.id}/image`,
        },
        {
          id: glasses.id,
          kind: 'AVATAR',
          category: faces,
          name: glasses.name,
          imageUrl: `/api/social/assets/${glasses.id}/image`,
        },
      ]);
      const seen = await seenWearing(api, guest, owner.userId);
      assert.deepEqual(seen.items, worn.body.items);
      assert.deepEqual((await seenWearing(api, owner, owner.userId)).ids, [hat.id, glasses.id]);

      // Replaced as a whole, in the new order: the cap instead of the hat, drawn above the glasses.
      const replaced = await wear(api, owner, [glasses.id, cap.id]);
      assert.equal(replaced.status, 200, replaced.text);
      assert.deepEqual(ids(replaced.body.items), [glasses.id, cap.id]);
      assert.deepEqual((await seenWearing(api, guest, owner.userId)).ids, [glasses.id, cap.id]);

      const cleared = await wear(api, owner, []);
      assert.equal(cleared.status, 200, cleared.text);
      assert.deepEqual(cleared.body.items, []);
      assert.deepEqual((await seenWearing(api, guest, owner.userId)).ids, []);
    });

    test('bad input: unknown, a decoration, not owned, a category twice, twice, too many: clear errors, nothing changes', async () => {
      const { api, admin } = p();
      const [owner, other] = [await signup(api), await signup(api)];
      const [heads, faces] = [uniqueCategory(), uniqueCategory()];
      const [hat, glasses, cap] = await ownedItems(api, admin.token, owner, [heads, faces, heads]);
      const [foreign] = await ownedItems(api, admin.token, other, [uniqueCategory()]);
      const notGranted = await createAsset(api, admin.token, { kind: 'AVATAR', category: uniqueCategory() });
      const sofa = await createAsset(api, admin.token, { kind: 'DECORATION' });
      assert.equal((await grantAsset(api, admin.token, sofa.id, owner.userId)).status, 201);
      assert.equal((await wear(api, owner, [hat.id, glasses.id])).status, 200);

      const refused = async (body: unknown, status: number, message: RegExp) => {
        const res = await api.put('/api/social/me/avatar', body, { token: owner.token });
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
        assert.match(res.body.message, message);
        assert.equal(res.body.status, status);
        assert.equal(res.body.path, '/api/social/me/avatar');
        assert.equal(typeof res.body.error, 'string');
        assert.equal(typeof res.body.timestamp, 'string');
      };
      await refused({ assetIds: [987_654_321] }, 404, /Asset 987654321 not found/);
      await refused(
        { assetIds: [sofa.id] },
        400,
        /assetIds\[0\]: asset \d+ is a room decoration, not an avatar item/,
      );
      await refused({ assetIds: [foreign.id] }, 409, /assetIds\[0\]: you do not own asset/);
      await refused({ assetIds: [notGranted.id] }, 409, /you do not own asset/);
      await refused(
        { assetIds: [hat.id, glasses.id, cap.id] },
        400,
        new RegExp(`assetIds\\[2\\]: asset ${cap.id} is a second item of category "${heads}"`),
      );
      await refused({ assetIds: [hat.id, hat.id] }, 400, /duplicate items/);
      await refused({ assetIds: Array.from({ length: 9 }, (_, i) => i + 1) }, 400, /more than 8 items/);
      await refused({ assetIds: [1.5] }, 400, /integer/);
      await refused({ assetIds: [0] }, 400, /assetIds/);
      await refused({ assetIds: 'all' }, 400, /assetIds/);
      await refused({}, 400, /assetIds/);
      // A good one before a bad one: all or nothing.
      await refused({ assetIds: [cap.id, foreign.id] }, 409, /assetIds\[1\]/);

      assert.equal((await api.put('/api/social/me/avatar', { assetIds: [] })).status, 401);
      assert.equal((await avatarOf(api, owner, 987_654_321)).status, 404);
      assert.equal((await api.get('/api/social/users/abc/avatar', { token: owner.token })).status, 400);
      assert.equal((await api.get(`/api/social/users/${owner.userId}/avatar`)).status, 401);

      assert.deepEqual((await seenWearing(api, other, owner.userId)).ids, [hat.id, glasses.id]);
    });

    test("a private account's avatar is seen by its approved followers only", async () => {
      const { api, admin } = p();
      const [owner, stranger, fan] = [await signup(api), await signup(api), await signup(api)];
      const [hat] = await ownedItems(api, admin.token, owner, [uniqueCategory()]);
      assert.equal((await wear(api, owner, [hat.id])).status, 200);
      await makePrivate(api, owner);
      await follow(api, fan, owner.userId);
      const accepted = await api.post(`/api/social/me/follow-requests/${fan.userId}/accept`, undefined, {
        token: owner.token,
      });
      assert.equal(accepted.status, 204, accepted.text);

      const hidden = await avatarOf(api, stranger, owner.userId);
      assert.equal(hidden.status, 403, hidden.text);
      assert.match(hidden.body.message, /account is private/);
      const profile = await api.get(`/api/social/users/${owner.userId}`, { token: stranger.token });
      assert.equal(profile.body.visible, false);
      assert.deepEqual(profile.body.avatar, [], 'the profile of a private account shows no avatar');
      assert.equal(
        (await api.get(`/api/social/users/${owner.userId}/room`, { token: stranger.token })).status,
        403,
      );

      assert.deepEqual((await seenWearing(api, fan, owner.userId)).ids, [hat.id]);
      assert.deepEqual((await seenWearing(api, owner, owner.userId)).ids, [hat.id]);
    });

    test('concurrent changes of one avatar take turns: every one answers 200, one of them holds', async () => {
      const { api, admin } = p();
      const owner = await signup(api);
      const items = await ownedItems(api, admin.token, owner, [
        uniqueCategory(),
        uniqueCategory(),
        uniqueCategory(),
      ]);
      const sets = Array.from({ length: 12 }, (_, i) => items.slice(i % 3).map((a) => a.id));
      const answers = await Promise.all(sets.map((set) => wear(api, owner, set)));
      for (const res of answers) assert.equal(res.status, 200, res.text);
      const final = (await seenWearing(api, owner, owner.userId)).ids;
      assert.ok(
        sets.some((set) => JSON.stringify(set) === JSON.stringify(final)),
        `one of the sets: ${final}`,
      );
    });

    test('changes spend the write budget: 429 with Retry-After beyond it', async () => {
      const limited = await p().start({ REST_WRITE_RATE_PER_MIN: '3' });
      const user = await signup(limited.api);
      for (let i = 0; i < 3; i++) assert.equal((await wear(limited.api, user, [])).status, 200);
      const refused = await wear(limited.api, user, []);
      assert.equal(refused.status, 429, refused.text);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await avatarOf(limited.api, user, user.userId)).status, 200, 'reads are not limited');
    });
  },
  { env: ROOMS_SUITE_ENV, transport: 'inject' },
);

// Meta assets end to end, embedded and on PostgreSQL + Redis + NATS: the admin creates avatar
// items and decorations (placeholder SVG until an image is uploaded), grants them; users see the
// catalog with `owned` and their own assets; bad input and non-admins change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, signup } from '@chat/testing';
import sharp from 'sharp';
import { sendBytes } from './post-fixtures.ts';
import { createAsset, grantAsset, ROOMS_SUITE_ENV, uniqueCategory } from './rooms-fixtures.ts';

const ids = (res: { body: { assets: { id: number }[] } }) => res.body.assets.map((a) => a.id);

await describeOnBackends(
  'social: meta assets',
  (p) => {
    test('the admin creates assets; the catalog lists them by kind and category with a placeholder image', async () => {
      const { api, admin } = p();
      const user = await signup(api);
      const category = uniqueCategory();
      const chair = await createAsset(api, admin.token, { category, name: 'Chair', description: 'Wooden' });
      const hat = await createAsset(api, admin.token, { kind: 'AVATAR', category, name: '모자' });
      assert.equal(chair.kind, 'DECORATION');
      assert.equal(chair.active, true);
      assert.equal(chair.imageUrl, `/api/social/assets/${chair.id}/image`);

      const all = await api.get(`/api/social/assets?category=${category}`, { token: user.token });
      assert.equal(all.status, 200, all.text);
      assert.deepEqual(ids(all), [hat.id, chair.id]);
      assert.equal(all.body.assets[0].owned, false);
      const decorations = await api.get(`/api/social/assets?category=${category}&kind=DECORATION`, {
        token: user.token,
      });
      assert.deepEqual(ids(decorations), [chair.id]);
      const paged = await api.get(`/api/social/assets?category=${category}&size=1`, { token: user.token });
      assert.deepEqual(ids(paged), [hat.id]);
      const next = await api.get(
        `/api/social/assets?category=${category}&size=1&cursor=${paged.body.nextCursor}`,
        {
          token: user.token,
        },
      );
      assert.deepEqual(ids(next), [chair.id]);
      assert.equal(next.body.nextCursor, null);

      const categories = await api.get('/api/social/assets/categories', { token: user.token });
      const mine = categories.body.categories.filter((c: { name: string }) => c.name === category);
      assert.deepEqual(mine, [
        { kind: 'AVATAR', name: category, count: 1 },
        { kind: 'DECORATION', name: category, count: 1 },
      ]);

      // No image yet: a generated SVG, public (an <img> sends no token), with the name's initials.
      const svg = await api.get(`/api/social/assets/${hat.id}/image`);
      assert.equal(svg.status, 200);
      assert.match(svg.headers.get('content-type') ?? '', /image\/svg\+xml/);
      assert.match(svg.text, /<svg[^>]*>.*모자/s);
      assert.equal(svg.headers.get('x-content-type-options'), 'nosniff');
    });

    test('an uploaded image replaces the placeholder; bad uploads and non-admins change nothing', async () => {
      const { api, admin } = p();
      const user = await signup(api);
      const asset = await createAsset(api, admin.token);
      const path = `/api/social/admin/assets/${asset.id}/image`;
      const png = (raw: string, token = admin.token, type = 'image/png') =>
        api.put(path, undefined, { token, raw, headers: { 'content-type': type } });

      assert.equal((await png('not-yours', user.token)).status, 403);
      assert.equal((await png('svg', admin.token, 'image/svg+xml')).status, 400);
      const json = await api.put(path, { image: 'x' }, { token: admin.token });
      assert.equal(json.status, 400);
      assert.match(json.body.message, /image\/png/);
      assert.equal((await png('')).status, 400);
      assert.equal(
        (
          await api.put('/api/social/admin/assets/987654321/image', undefined, {
            token: admin.token,
            raw: 'x',
            headers: { 'content-type': 'image/png' },
          })
        ).status,
        404,
      );
      assert.match(
        (await api.get(`/api/social/assets/${asset.id}/image`)).headers.get('content-type') ?? '',
        /svg/,
      );

      // Bytes that are no image, or not the type they are sent as: refused, nothing stored.
      assert.equal((await png('PNG-BYTES-1')).status, 400);
      const jpeg = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#c33' } })
        .jpeg()
        .toBuffer();
      const lying = await sendBytes(p(), admin, path, jpeg, 'image/png', 'PUT');
      assert.equal(lying.status, 400);
      assert.match(String(lying.body.message), /not the image it claims to be/);
      assert.match(
        (await api.get(`/api/social/assets/${asset.id}/image`)).headers.get('content-type') ?? '',
        /svg/,
      );

      const picture = (width: number) =>
        sharp({ create: { width, height: 3, channels: 3, background: '#3c3' } })
          .png()
          .toBuffer();
      const first = await sendBytes(p(), admin, path, await picture(4), 'image/png', 'PUT');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.id, asset.id);
      const second = await sendBytes(p(), admin, path, await picture(5), 'image/png', 'PUT');
      assert.equal(second.status, 200, JSON.stringify(second.body));
      const image = await sendBytes(
        p(),
        null,
        `/api/social/assets/${asset.id}/image`,
        undefined,
        undefined,
        'GET',
      );
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
      const meta = await sharp(image.bytes).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 5, 3], 'the second one');
      assert.equal((await api.get('/api/social/assets/987654321/image')).status, 404);
    });

    test('grants: the user owns the asset once; withdrawn assets leave the catalog but stay with their owners', async () => {
      const { api, admin } = p();
      const [owner, other] = [await signup(api), await signup(api)];
      const category = uniqueCategory();
      const lamp = await createAsset(api, admin.token, { category, name: 'Lamp' });
      const wig = await createAsset(api, admin.token, { category, kind: 'AVATAR', name: 'Wig' });

      const granted = await grantAsset(api, admin.token, lamp.id, owner.userId);
      assert.equal(granted.status, 201, granted.text);
      assert.equal(granted.body.source, 'GRANT');
      assert.equal(granted.body.userId, owner.userId);
      assert.equal((await grantAsset(api, admin.token, wig.id, owner.userId)).status, 201);
      const twice = await grantAsset(api, admin.token, lamp.id, owner.userId);
      assert.equal(twice.status, 409);
      assert.match(twice.body.message, /already owns/);

      const mine = await api.get('/api/social/me/assets', { token: owner.token });
      assert.equal(mine.status, 200, mine.text);
      assert.deepEqual(ids(mine), [wig.id, lamp.id]);
      assert.equal(mine.body.assets[1].source, 'GRANT');
      assert.ok(Date.parse(mine.body.assets[1].acquiredAt) > 0);
      const decorations = await api.get('/api/social/me/assets?kind=DECORATION', { token: owner.token });
      assert.deepEqual(ids(decorations), [lamp.id]);
      const paged = await api.get('/api/social/me/assets?size=1', { token: owner.token });
      assert.deepEqual(ids(paged), [wig.id]);
      const rest = await api.get(`/api/social/me/assets?size=1&cursor=${paged.body.nextCursor}`, {
        token: owner.token,
      });
      assert.deepEqual(ids(rest), [lamp.id]);
      assert.deepEqual(ids(await api.get('/api/social/me/assets', { token: other.token })), []);
      const catalog = await api.get(`/api/social/assets?category=${category}`, { token: owner.token });
      assert.deepEqual(
        catalog.body.assets.map((a: { owned: boolean }) => a.owned),
        [true, true],
      );

      // Withdrawn: out of the catalog and of grants; its owner keeps it and still sees it.
      const off = await api.patch(
        `/api/social/admin/assets/${lamp.id}`,
        { active: false },
        { token: admin.token },
      );
      assert.equal(off.status, 200, off.text);
      assert.equal(off.body.active, false);
      assert.deepEqual(
        ids(await api.get(`/api/social/assets?category=${category}`, { token: other.token })),
        [wig.id],
      );
      const withdrawn = await grantAsset(api, admin.token, lamp.id, other.userId);
      assert.equal(withdrawn.status, 409);
      assert.match(withdrawn.body.message, /withdrawn/);
      assert.equal((await api.get(`/api/social/assets/${lamp.id}`, { token: other.token })).status, 404);
      const kept = await api.get(`/api/social/assets/${lamp.id}`, { token: owner.token });
      assert.equal(kept.status, 200);
      assert.equal(kept.body.owned, true);
      assert.deepEqual(ids(await api.get('/api/social/me/assets', { token: owner.token })), [
        wig.id,
        lamp.id,
      ]);
      const adminList = await api.get(`/api/social/admin/assets?category=${category}`, {
        token: admin.token,
      });
      assert.deepEqual(ids(adminList), [wig.id, lamp.id]);
    });

    test('bad input: non-admins, unknown assets and users, bad fields get clear errors and change nothing', async () => {
      const { api, admin } = p();
      const user = await signup(api);
      const category = uniqueCategory();
      const asset = await createAsset(api, admin.token, { category, name: 'Rug' });
      const create = (body: Record<string, unknown>, token = admin.token) =>
        api.post('/api/social/admin/assets', body, { token });
      const valid = { kind: 'DECORATION', category, name: 'Sofa' };

      assert.equal((await create(valid, user.token)).status, 403);
      assert.equal((await api.post('/api/social/admin/assets', valid)).status, 401);
      const kind = await create({ ...valid, kind: 'PET' });
      assert.equal(kind.status, 400);
      assert.match(kind.body.message, /body\.kind/);
      assert.equal((await create({ ...valid, name: 'x'.repeat(41) })).status, 400);
      assert.equal((await create({ ...valid, name: '   ' })).status, 400);
      assert.equal((await create({ ...valid, description: 'x'.repeat(301) })).status, 400);
      assert.equal((await create({ kind: 'AVATAR', name: 'No category' })).status, 400);

      const patchKind = await api.patch(
        `/api/social/admin/assets/${asset.id}`,
        { kind: 'AVATAR', name: 'Rug 2' },
        { token: admin.token },
      );
      assert.equal(patchKind.status, 200, 'unknown fields are dropped: the kind stays');
      assert.equal(patchKind.body.kind, 'DECORATION');
      assert.equal(patchKind.body.name, 'Rug 2');
      assert.equal(
        (await api.patch('/api/social/admin/assets/987654321', { name: 'x' }, { token: admin.token })).status,
        404,
      );
      assert.equal(
        (await api.patch(`/api/social/admin/assets/${asset.id}`, { name: 'x' }, { token: user.token }))
          .status,
        403,
      );
      assert.equal((await grantAsset(api, admin.token, asset.id, 987_654_321)).status, 404);
      assert.equal((await grantAsset(api, admin.token, 987_654_321, user.userId)).status, 404);
      assert.equal((await grantAsset(api, user.token, asset.id, user.userId)).status, 403);
      assert.equal((await api.get('/api/social/assets/987654321', { token: user.token })).status, 404);
      assert.equal((await api.get('/api/social/assets?kind=PET', { token: user.token })).status, 400);

      const catalog = await api.get(`/api/social/assets?category=${category}`, { token: user.token });
      assert.deepEqual(ids(catalog), [asset.id]);
      assert.equal(catalog.body.assets[0].name, 'Rug 2');
      assert.deepEqual(ids(await api.get('/api/social/me/assets', { token: user.token })), []);
    });
  },
  { env: ROOMS_SUITE_ENV },
);

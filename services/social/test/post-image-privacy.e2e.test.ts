// Post and asset images end to end, embedded and on PostgreSQL + Redis + NATS: what is kept and
// served is the upload re-encoded, upright and without its metadata (a phone photo's EXIF: GPS
// position, camera, time); an image that cannot be decoded or claims more than IMAGE_MAX_PIXELS
// pixels is refused before it is decoded, and nothing of it is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { animatedGif, phonePhoto, pixelBomb } from '@chat/images/testing';
import { describeOnBackends, type SignedUp, signup } from '@chat/testing';
import sharp from 'sharp';
import { getImage, POSTS_SUITE_ENV, sendBytes, upload, write } from './post-fixtures.ts';
import { createAsset, ROOMS_SUITE_ENV } from './rooms-fixtures.ts';

const MAX_PIXELS = 1_000_000;

await describeOnBackends(
  'social: image privacy',
  (p) => {
    /** Uploads `bytes` for a post, posts them publicly, and returns what `viewer` is served. */
    async function postAndView(author: SignedUp, viewer: SignedUp, bytes: Buffer, type: string) {
      const up = await sendBytes(p(), author, '/api/social/posts/images', bytes, type);
      assert.equal(up.status, 201, JSON.stringify(up.body));
      const postId = await write(p().api, author, { text: 'a photo', imageIds: [up.body.id] });
      const post = await p().api.get(`/api/social/posts/${postId}`, { token: viewer.token });
      assert.equal(post.status, 200, post.text);
      const served = await getImage(p(), viewer, post.body.images[0].url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), type);
      assert.equal(served.bytes.length, up.body.size, 'the size reported is what is served');
      assert.equal(served.headers.get('content-length'), String(up.body.size));
      return served.bytes;
    }

    test('a phone photo is served upright and without its EXIF (GPS, camera) to everyone who sees the post', async () => {
      const { api } = p();
      const [author, viewer] = [await signup(api), await signup(api)];
      const photo = await phonePhoto(64, 48);
      const uploaded = await sharp(photo).metadata();
      assert.ok(uploaded.exif?.includes('TestPhone'), 'the upload carries the camera and GPS');
      assert.equal(uploaded.orientation, 6);

      const bytes = await postAndView(author, viewer, photo, 'image/jpeg');
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.exif, undefined, 'no EXIF: no GPS position, camera or time');
      assert.equal(meta.xmp, undefined);
      assert.equal(meta.orientation, undefined);
      assert.deepEqual([meta.width, meta.height], [48, 64], 'turned upright by its orientation');
      assert.ok(!bytes.includes('TestPhone') && !bytes.includes('GPS'));

      // An animated GIF stays animated.
      const gif = await sharp(
        await postAndView(author, viewer, await animatedGif(3), 'image/gif'),
      ).metadata();
      assert.deepEqual([gif.format, gif.pages], ['gif', 3]);
    });

    test('bombs and undecodable images are refused before decoding; nothing of them waits for a post', async () => {
      const { api } = p();
      const who = await signup(api);
      const send = (bytes: Buffer, type: string) =>
        sendBytes(p(), who, '/api/social/posts/images', bytes, type);

      const started = performance.now();
      const bomb = await send(pixelBomb(), 'image/png');
      assert.equal(bomb.status, 400);
      assert.equal(bomb.body.error, 'BAD_REQUEST');
      assert.match(String(bomb.body.message), /100000 x 100000 pixels; at most 1000000/);
      assert.ok(performance.now() - started < 5000, 'refused without decoding');

      const justOver = await sharp({ create: { width: 1001, height: 1000, channels: 3, background: '#888' } })
        .png()
        .toBuffer();
      const over = await send(justOver, 'image/png');
      assert.equal(over.status, 400);
      assert.match(String(over.body.message), /1001 x 1000 pixels/);

      const garbage = await send(
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]),
        'image/jpeg',
      );
      assert.equal(garbage.status, 400);
      assert.equal(garbage.body.error, 'BAD_REQUEST');
      assert.match(String(garbage.body.message), /cannot be read/);

      // None of them waits: the user still has all 20 uploads that may wait for a post at once.
      for (let i = 0; i < 20; i++) await upload(p(), who, 'png');
      const more = await send(await sharp(justOver).resize(10).png().toBuffer(), 'image/png');
      assert.equal(more.status, 409);
    });

    test('an asset image is kept without its metadata; a bomb is refused and the placeholder stays', async () => {
      const { api, admin } = p();
      const asset = await createAsset(api, admin.token);
      const path = `/api/social/admin/assets/${asset.id}/image`;
      const image = () =>
        sendBytes(p(), null, `/api/social/assets/${asset.id}/image`, undefined, undefined, 'GET');

      const bomb = await sendBytes(p(), admin, path, pixelBomb(), 'image/png', 'PUT');
      assert.equal(bomb.status, 400);
      assert.match(String(bomb.body.message), /at most 1000000 pixels/);
      assert.match((await image()).headers.get('content-type') ?? '', /svg/);

      const put = await sendBytes(p(), admin, path, await phonePhoto(64, 48), 'image/jpeg', 'PUT');
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const served = await image();
      assert.equal(served.headers.get('content-type'), 'image/jpeg');
      const meta = await sharp(served.bytes).metadata();
      assert.equal(meta.exif, undefined);
      assert.deepEqual([meta.width, meta.height], [48, 64]);
    });
  },
  { env: { ...POSTS_SUITE_ENV, ...ROOMS_SUITE_ENV, IMAGE_MAX_PIXELS: String(MAX_PIXELS) } },
);

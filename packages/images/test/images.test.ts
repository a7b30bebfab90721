import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isAppError } from '@chat/platform';
import sharp from 'sharp';
import { cleanImage, processImage } from '../src/index.ts';
import { animatedGif, phonePhoto, pixelBomb } from './fixtures.ts';

const MAX_PIXELS = 1_000_000;

/** Rejects with a 400 whose message matches `pattern`. */
async function refused(work: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(work, (err) => {
    assert.ok(isAppError(err), String(err));
    assert.equal(err.status, 400);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('images', () => {
  let dir: string;
  const file = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chat-test-images-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('cleanImage: a phone photo comes back upright, a JPEG still, with no EXIF or GPS', async () => {
    const photo = await phonePhoto(64, 48);
    const before = await sharp(photo).metadata();
    assert.ok(before.exif, 'the fixture carries EXIF');
    assert.equal(before.orientation, 6);

    const meta = await sharp(await cleanImage(photo, 'image/jpeg', MAX_PIXELS)).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
    assert.equal(meta.orientation, undefined);
    assert.deepEqual([meta.width, meta.height], [48, 64], 'turned by its orientation');
  });

  test('cleanImage keeps the format, and an animated GIF or WebP animated', async () => {
    const gif = await animatedGif(3);
    const cleanGif = await sharp(await cleanImage(gif, 'image/gif', MAX_PIXELS)).metadata();
    assert.deepEqual([cleanGif.format, cleanGif.pages, cleanGif.width, cleanGif.height], ['gif', 3, 16, 16]);

    const webp = await sharp(gif, { animated: true }).webp().toBuffer();
    const cleanWebp = await sharp(await cleanImage(webp, 'image/webp', MAX_PIXELS)).metadata();
    assert.deepEqual([cleanWebp.format, cleanWebp.pages], ['webp', 3]);

    const png = await sharp({ create: { width: 5, height: 4, channels: 4, background: '#f00a' } })
      .png()
      .toBuffer();
    const cleanPng = await sharp(await cleanImage(png, 'image/png', MAX_PIXELS)).metadata();
    assert.deepEqual([cleanPng.format, cleanPng.width, cleanPng.height], ['png', 5, 4]);
  });

  test('cleanImage refuses bombs, undecodable bytes and images of another type than claimed', async () => {
    const started = performance.now();
    await refused(cleanImage(pixelBomb(), 'image/png', MAX_PIXELS), /100000 x 100000 pixels/);
    assert.ok(performance.now() - started < 2000, 'refused before decoding');
    const over = await sharp({ create: { width: 1001, height: 1000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await refused(cleanImage(over, 'image/png', MAX_PIXELS), /at most 1000000 pixels/);
    await refused(
      cleanImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg', MAX_PIXELS),
      /cannot be read/,
    );
    const photo = await phonePhoto(8, 8);
    await refused(cleanImage(photo, 'image/png', MAX_PIXELS), /not the image it claims to be \(image\/png\)/);
    await refused(cleanImage(photo, 'image/svg+xml', MAX_PIXELS), /image\/svg\+xml/);
    const truncated = (await sharp(photo).png().toBuffer()).subarray(0, 60);
    await refused(cleanImage(truncated, 'image/png', MAX_PIXELS), /cannot be read/);
  });

  test('processImage: upright, no metadata, a WebP thumbnail; bombs and garbage are 400s', async () => {
    const photo = await file('photo.jpg', await phonePhoto(800, 600));
    const image = await processImage(photo, 'image/jpeg', MAX_PIXELS);
    assert.deepEqual([image.width, image.height], [600, 800]);
    const original = await sharp(image.original).metadata();
    assert.deepEqual([original.format, original.width, original.height], ['jpeg', 600, 800]);
    assert.equal(original.exif, undefined);
    const thumbnail = await sharp(image.thumbnail).metadata();
    assert.deepEqual([thumbnail.format, thumbnail.width, thumbnail.height], ['webp', 300, 400]);

    await refused(
      processImage(await file('bomb.png', pixelBomb()), 'image/png', MAX_PIXELS),
      /at most 1000000 pixels/,
    );
    await refused(
      processImage(await file('junk.png', Buffer.from('not an image')), 'image/png', MAX_PIXELS),
      /cannot be read/,
    );
  });
});

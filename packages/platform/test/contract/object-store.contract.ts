import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import type { ObjectStore } from '../../src/ports/object-store.ts';
import { uniqueName } from '../../src/testing/services.ts';
import type { ContractOptions } from './cache.contract.ts';

export interface ObjectStoreContractOptions extends ContractOptions {
  /**
   * Why this server is known to keep what arrived of a request that broke off (s3rver writes
   * in place as the body arrives; S3 itself stores an object only once all of it arrived).
   * The put still fails; what the server kept is not checked.
   */
  keepsBrokenPuts?: string;
}

/** A stream of `chunks` pieces of `bytes`, as an upload arrives. */
function chunked(bytes: Buffer, pieces = 7): Readable {
  const size = Math.ceil(bytes.length / pieces);
  return Readable.from(Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));
}

/** A stream that sends `first` and then fails, as an upload cut off by the client. */
function failingAfter(first: Buffer): Readable {
  return new Readable({
    read() {
      if (this.readableLength === 0 && first.length > 0) {
        this.push(first);
        first = Buffer.alloc(0);
      } else this.destroy(new Error('client went away'));
    },
  });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Behaviour every ObjectStore adapter must have. */
export function objectStoreContract(
  name: string,
  make: () => Promise<ObjectStore>,
  opts: ObjectStoreContractOptions = {},
): void {
  describe(`ObjectStore contract: ${name}`, { skip: opts.skip }, () => {
    let store!: ObjectStore;
    const key = () => `test/${uniqueName('obj')}`;
    const read = async (k: string) => {
      const got = await store.get(k);
      return got && buffer(got.body);
    };
    before(async () => {
      store = await make();
    });
    after(async () => {
      await store?.close();
    });

    it('stores bytes and gives them back, all 256 byte values included', async () => {
      const k = key();
      const bytes = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        Buffer.from('사진 ✨'),
      ]);
      await store.put(k, bytes, bytes.length);
      const got = await store.get(k);
      assert.ok(got);
      assert.equal(got.size, bytes.length);
      assert.deepEqual(got.range, { start: 0, end: bytes.length - 1 });
      assert.deepEqual(await buffer(got.body), bytes);
      assert.deepEqual(await store.head(k), { size: bytes.length });
    });

    it('streams a large body in and out unchanged', async () => {
      const k = key();
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      await store.put(k, chunked(bytes, 50), bytes.length);
      const back = await read(k);
      assert.ok(back);
      assert.equal(back.length, bytes.length);
      assert.equal(sha(back), sha(bytes));
    });

    it('stores an empty object', async () => {
      const k = key();
      await store.put(k, Buffer.alloc(0), 0);
      assert.deepEqual(await store.head(k), { size: 0 });
      assert.deepEqual(await read(k), Buffer.alloc(0));
    });

    it('replaces an object put again under the same key', async () => {
      const k = key();
      await store.put(k, Buffer.from('first version'), 13);
      await store.put(k, Buffer.from('second'), 6);
      assert.equal((await read(k))?.toString(), 'second');
      assert.deepEqual(await store.head(k), { size: 6 });
    });

    it('answers null for a missing object, and deleting one is no error', async () => {
      const k = key();
      assert.equal(await store.get(k), null);
      assert.equal(await store.get(k, { start: 0, end: 0 }), null);
      assert.equal(await store.head(k), null);
      await store.delete([k]);
    });

    it('reads byte ranges: the first byte, the last, one in the middle, all', async () => {
      const k = key();
      const bytes = Buffer.from('0123456789abcdef');
      await store.put(k, bytes, bytes.length);
      for (const [start, end] of [
        [0, 0],
        [15, 15],
        [3, 9],
        [0, 15],
      ] as const) {
        const got = await store.get(k, { start, end });
        assert.ok(got);
        assert.equal(got.size, 16, 'the size of the whole object');
        assert.deepEqual(got.range, { start, end });
        assert.equal((await buffer(got.body)).toString(), bytes.subarray(start, end + 1).toString());
      }
    });

    it('refuses a range outside the object', async () => {
      const k = key();
      await store.put(k, Buffer.from('0123456789'), 10);
      for (const range of [
        { start: 10, end: 10 },
        { start: 5, end: 10 },
        { start: 6, end: 5 },
        { start: -1, end: 3 },
      ]) {
        await assert.rejects(store.get(k, range), RangeError, JSON.stringify(range));
      }
    });

    it('fails a body shorter or longer than announced', async () => {
      await assert.rejects(
        store.put(key(), chunked(Buffer.from('only nine')), 20),
        /ended after 9 of 20 bytes/,
      );
      await assert.rejects(
        store.put(key(), chunked(randomBytes(100_000)), 50_000),
        /longer than the 50000 bytes/,
      );
    });

    it('fails a body that breaks off', async () => {
      await assert.rejects(
        store.put(key(), failingAfter(randomBytes(64 * 1024)), 1024 * 1024),
        /client went away/,
      );
    });

    it('stores nothing of a failed put, and keeps the object it was to replace', {
      skip: opts.keepsBrokenPuts,
    }, async () => {
      const short = key();
      await assert.rejects(store.put(short, chunked(Buffer.from('only nine')), 20));
      assert.equal(await store.head(short), null);
      const long = key();
      await assert.rejects(store.put(long, chunked(randomBytes(100_000)), 50_000));
      assert.equal(await store.head(long), null);
      const broken = key();
      await assert.rejects(store.put(broken, failingAfter(randomBytes(64 * 1024)), 1024 * 1024));
      assert.equal(await store.head(broken), null);
      const k = key();
      await store.put(k, Buffer.from('the old one'), 11);
      await assert.rejects(
        store.put(k, failingAfter(randomBytes(64 * 1024)), 1024 * 1024),
        /client went away/,
      );
      assert.equal((await read(k))?.toString(), 'the old one');
    });

    it('deletes several objects at once', async () => {
      const keys = [key(), key(), key()];
      for (const k of keys) await store.put(k, Buffer.from(k), Buffer.byteLength(k));
      await store.delete(keys.slice(0, 2));
      assert.equal(await store.head(keys[0]!), null);
      assert.equal(await store.head(keys[1]!), null);
      assert.equal((await read(keys[2]!))?.toString(), keys[2]);
    });

    it('keeps concurrent puts apart', async () => {
      const items = Array.from({ length: 12 }, () => ({ k: key(), bytes: randomBytes(40_000) }));
      await Promise.all(items.map(({ k, bytes }) => store.put(k, chunked(bytes), bytes.length)));
      for (const { k, bytes } of items) assert.equal(sha((await read(k))!), sha(bytes));
    });

    it('refuses keys that could leave its space, before touching anything', async () => {
      for (const bad of [
        '../escape',
        'a/../../b',
        '/abs',
        'a//b',
        '.hidden',
        'a/.x',
        'nul\0byte',
        'x'.repeat(200),
        'a\\b',
        '',
        'sp ace',
      ]) {
        await assert.rejects(store.put(bad, Buffer.from('x'), 1), TypeError, JSON.stringify(bad));
        await assert.rejects(store.get(bad), TypeError);
      }
    });

    it('reports itself UP', async () => {
      const health = await store.health();
      assert.equal(health.status, 'UP');
      assert.equal(health.details.adapter, store.adapter);
    });
  });
}

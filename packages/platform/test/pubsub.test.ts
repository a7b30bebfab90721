import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { globToRegExp } from '../src/pubsub/memory.ts';
import { createRedisPubSub } from '../src/pubsub/redis.ts';
import { createTestMemoryPubSub, createTestRedisPubSub } from '../src/testing/adapters.ts';
import { skipUnless, testServiceUrls, uniqueName } from '../src/testing/services.ts';
import { inbox, pubsubContract } from './contract/pubsub.contract.ts';

const skip = await skipUnless('pubsub/redis', 'redis');

pubsubContract('memory', async (opts) => createTestMemoryPubSub(opts));
pubsubContract('redis', (opts) => createTestRedisPubSub(opts), { skip });

describe('glob patterns of the memory adapter', () => {
  const cases: [string, string, boolean][] = [
    ['room.*', 'room.', true],
    ['room.*', 'room.1.2', true],
    ['room.*', 'roomx1', false],
    ['user.?', 'user.a', true],
    ['user.?', 'user.ab', false],
    ['x[ab]', 'xb', true],
    ['x[ab]', 'xc', false],
    ['x[^ab]', 'xc', true],
    ['x[^ab]', 'xa', false],
    ['x[a-c]y', 'xby', true],
    ['x[c-a]y', 'xby', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a.b(c)|d+', 'a.b(c)|d+', true],
    ['a.b', 'axb', false],
    ['a[\\]]b', 'a]b', true],
  ];
  for (const [glob, channel, matches] of cases) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${channel}`, () => {
      assert.equal(globToRegExp(glob).test(channel), matches);
    });
  }
});

async function clientId(raw: Redis, name: string): Promise<string | undefined> {
  const list = String(await raw.client('LIST'));
  return list
    .split('\n')
    .find((line) => line.includes(` name=${name} `))
    ?.match(/^id=(\d+)/)?.[1];
}

describe('redis pub/sub', { skip }, () => {
  const url = testServiceUrls.redis;

  it('fans out to every node on the same prefix', async () => {
    const prefix = `${uniqueName('test')}:`;
    const nodes = await Promise.all([1, 2, 3].map(() => createRedisPubSub({ url, prefix })));
    try {
      const boxes = [inbox(), inbox()];
      await nodes[0]!.subscribe('room.1', boxes[0]!.handler);
      await nodes[1]!.psubscribe('room.*', boxes[1]!.handler);
      await nodes[2]!.publish('room.1', 'from node 3');
      await Promise.all(boxes.map((b) => b.waitFor(1)));
      assert.deepEqual(
        boxes.map((b) => b.received),
        [[['room.1', 'from node 3']], [['room.1', 'from node 3']]],
      );
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });

  it('keeps prefixes apart, even a prefix with glob characters', async () => {
    const base = uniqueName('test');
    const globby = await createRedisPubSub({ url, prefix: `${base}*:` });
    const plain = await createRedisPubSub({ url, prefix: `${base}x:` });
    try {
      const [seen, sentinel] = [inbox(), inbox()];
      await globby.psubscribe('*', seen.handler);
      await globby.subscribe('sentinel', sentinel.handler);
      await plain.publish('c', 'other prefix');
      await globby.publish('sentinel', 'done');
      await sentinel.waitFor(1);
      assert.deepEqual(seen.received, [['sentinel', 'done']]);
    } finally {
      await Promise.all([globby.close(), plain.close()]);
    }
  });

  it('holds one Redis subscription per channel, whatever the number of handlers', async () => {
    const prefix = `${uniqueName('test')}:`;
    const pubsub = await createRedisPubSub({ url, prefix });
    const raw = new Redis(url);
    try {
      const numsub = async () => Number(((await raw.pubsub('NUMSUB', `${prefix}c`)) as unknown[])[1]);
      const offs = await Promise.all([1, 2, 3].map(() => pubsub.subscribe('c', () => undefined)));
      assert.equal(await numsub(), 1);
      await offs[0]!();
      await offs[1]!();
      assert.equal(await numsub(), 1);
      await offs[2]!();
      assert.equal(await numsub(), 0);
    } finally {
      await Promise.all([pubsub.close(), raw.quit()]);
    }
  });

  it('resubscribes after its subscriber connection is killed', async () => {
    const prefix = `${uniqueName('test')}:`;
    const pubsub = await createRedisPubSub({ url, prefix });
    const raw = new Redis(url);
    try {
      const [direct, pattern] = [inbox(), inbox()];
      await pubsub.subscribe('c', direct.handler);
      await pubsub.psubscribe('p.*', pattern.handler);
      const before = pubsub.continuity();
      assert.notEqual(before, undefined, 'listening while connected');
      const id = await clientId(raw, `${prefix}sub`);
      assert.ok(id, 'the subscriber connection is named');
      await raw.client('KILL', 'ID', id);
      // Publish until the reconnected subscriber hears it again.
      const deadline = Date.now() + 5000;
      while (direct.received.length === 0 || pattern.received.length === 0) {
        assert.ok(Date.now() < deadline, 'resubscribed within 5 s');
        await pubsub.publish('c', 'again');
        await pubsub.publish('p.1', 'again');
        await sleep(50);
      }
      assert.notEqual(await clientId(raw, `${prefix}sub`), id);
      const after = pubsub.continuity();
      assert.notEqual(after, undefined, 'listening again once resubscribed');
      assert.notEqual(
        after,
        before,
        'a lost connection changes the continuity: messages may have been missed',
      );
      assert.equal((await pubsub.health()).status, 'UP');
    } finally {
      await Promise.all([pubsub.close(), raw.quit()]);
    }
  });

  it('is not listening while its connection is down, and says so in health', async () => {
    const prefix = `${uniqueName('test')}:`;
    const pubsub = await createRedisPubSub({ url, prefix });
    const raw = new Redis(url);
    try {
      await pubsub.subscribe('c', () => undefined);
      const id = await clientId(raw, `${prefix}sub`);
      await raw.client('KILL', 'ID', id!);
      const deadline = Date.now() + 5000;
      while (pubsub.continuity() !== undefined) {
        assert.ok(Date.now() < deadline, 'noticed the lost connection within 5 s');
        await sleep(10);
      }
      assert.equal((await pubsub.health()).status, 'DOWN');
    } finally {
      await Promise.all([pubsub.close(), raw.quit()]);
    }
  });

  it('fails fast with a one-line reason', async () => {
    await assert.rejects(
      createRedisPubSub({ url: 'redis://127.0.0.1:1', prefix: 'x:', connectTimeoutMs: 2000 }),
      {
        message: 'cannot connect to Redis at 127.0.0.1:1: ECONNREFUSED',
      },
    );
  });
});

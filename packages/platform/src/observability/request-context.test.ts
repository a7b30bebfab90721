import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentRequestId, REQUEST_ID_PATTERN, withoutRequestId, withRequestId } from './request-context.ts';

describe('request context', () => {
  test('no id outside a request; the id inside, and what the function returns', () => {
    assert.equal(currentRequestId(), undefined);
    assert.equal(
      withRequestId('req-1', () => `${currentRequestId()}!`),
      'req-1!',
    );
    assert.equal(currentRequestId(), undefined, 'gone once the request is done');
  });

  test('follows everything the request starts: awaits, timers, callbacks queued inside', async () => {
    const seen = await withRequestId('req-2', async () => {
      const ids: (string | undefined)[] = [currentRequestId()];
      await sleep(1);
      ids.push(currentRequestId());
      ids.push(
        await new Promise<string | undefined>((resolve) => setImmediate(() => resolve(currentRequestId()))),
      );
      ids.push(await Promise.resolve().then(() => currentRequestId()));
      return ids;
    });
    assert.deepEqual(seen, ['req-2', 'req-2', 'req-2', 'req-2']);
  });

  test('concurrent requests each keep their own id', async () => {
    const run = (id: string, ms: number) =>
      withRequestId(id, async () => {
        await sleep(ms);
        return currentRequestId();
      });
    assert.deepEqual(await Promise.all([run('a', 5), run('b', 1), run('c', 3)]), ['a', 'b', 'c']);
  });

  test('a nested request wins inside, the outer one is current again after', () => {
    withRequestId('outer', () => {
      assert.equal(
        withRequestId('inner', () => currentRequestId()),
        'inner',
      );
      assert.equal(currentRequestId(), 'outer');
    });
  });

  test('work a request only sets off can run outside it, and all that work starts too', async () => {
    let shared: Promise<(string | undefined)[]> | undefined;
    const kick = () => {
      shared ??= withoutRequestId(async () => {
        const ids = [currentRequestId()];
        await sleep(1);
        ids.push(currentRequestId());
        return ids;
      });
      return shared;
    };
    const seen = await withRequestId('starter', async () => {
      const ids = await kick();
      return [...ids, currentRequestId()];
    });
    assert.deepEqual(seen, [undefined, undefined, 'starter'], 'the request itself keeps its id');
  });

  test('a listener runs under the id of whoever emits, not of whoever registered it', () => {
    const events = new EventEmitter();
    const seen: (string | undefined)[] = [];
    withRequestId('registered', () => events.on('x', () => seen.push(currentRequestId())));
    withRequestId('emitted', () => events.emit('x'));
    events.emit('x');
    assert.deepEqual(seen, ['emitted', undefined]);
  });

  test('ids accepted from outside: short, letters, digits and ._:- only', () => {
    for (const ok of ['a', 'trace-1', '0f8f1e2a-0b5c-4c8e-9d1a-7e3b2c1d0a9f', 'a.b:c_d', 'x'.repeat(128)])
      assert.ok(REQUEST_ID_PATTERN.test(ok), ok);
    for (const bad of ['', 'x'.repeat(129), 'a b', 'a"b', 'line\nbreak', 'é', 'a/b', '{"reqId":1}'])
      assert.ok(!REQUEST_ID_PATTERN.test(bad), JSON.stringify(bad));
  });
});

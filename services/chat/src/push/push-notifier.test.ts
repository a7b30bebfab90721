import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { retryDelay } from './push-notifier.ts';

describe('when a refused push goes again', () => {
  test('overloaded, failing or silent push services are tried twice more: 1 s, then 5 s, give or take a quarter', () => {
    for (const err of [{ statusCode: 429 }, { statusCode: 503 }, { statusCode: 500 }, {}]) {
      assert.equal(
        retryDelay(err, 1, () => 0.5),
        1000,
      );
      assert.equal(
        retryDelay(err, 2, () => 0.5),
        5000,
      );
      assert.equal(
        retryDelay(err, 3, () => 0.5),
        undefined,
        'three tries in all',
      );
    }
    assert.equal(
      retryDelay({ statusCode: 503 }, 1, () => 0),
      750,
    );
    assert.equal(
      retryDelay({ statusCode: 503 }, 1, () => 1),
      1250,
    );
  });

  test("the push service's Retry-After is honoured, up to a minute", () => {
    assert.equal(retryDelay({ statusCode: 429, retryAfterMs: 3000 }, 1), 3000);
    assert.equal(retryDelay({ statusCode: 429, retryAfterMs: 3_600_000 }, 1), 60_000);
  });

  test('a refusal that will not change is not tried again (400, 403, 413; 404 and 410 expire it)', () => {
    for (const statusCode of [400, 401, 403, 404, 410, 413])
      assert.equal(retryDelay({ statusCode }, 1), undefined);
  });
});

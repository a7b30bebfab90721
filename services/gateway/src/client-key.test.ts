import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TokenVerifier } from '@chat/security';
import { createClientKey } from './client-key.ts';

/** A verifier that knows one token (user 7, expiring at 100 s) and counts its checks. */
function fakeVerifier() {
  const calls = { count: 0 };
  const verifier = {
    signedAccessToken(token: string) {
      calls.count++;
      return token === 'good' ? { userId: 7, exp: 100 } : undefined;
    },
  } as unknown as TokenVerifier;
  return { verifier, calls };
}

describe('client key', () => {
  test('a valid token keys on its user, checked once while it lasts', () => {
    const { verifier, calls } = fakeVerifier();
    const keyOf = createClientKey(verifier, () => 50_000);
    assert.deepEqual(keyOf('Bearer good', '1.2.3.4'), { user: 7 });
    assert.deepEqual(keyOf('Bearer good', '5.6.7.8'), { user: 7 });
    assert.equal(calls.count, 1);
  });

  test('no token, a bad one, or an expired remembered one: the address', () => {
    let now = 50_000;
    const { verifier } = fakeVerifier();
    const keyOf = createClientKey(verifier, () => now);
    assert.deepEqual(keyOf(undefined, '1.2.3.4'), { address: '1.2.3.4' });
    assert.deepEqual(keyOf('Bearer forged', '1.2.3.4'), { address: '1.2.3.4' });
    assert.deepEqual(keyOf('Bearer good', '1.2.3.4'), { user: 7 });
    now = 100_001;
    // Past its expiry the token is checked again (the fake still accepts it: its clock is fixed).
    assert.deepEqual(keyOf('Bearer good', '1.2.3.4'), { user: 7 });
  });
});

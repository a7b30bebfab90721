import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuthRevocationClient, TokenRevocationQuery } from '@chat/contracts';
import { isAppError } from '@chat/platform';
import { signup, startTestServer, type TestServer } from '@chat/testing';
import { createHttpAuthRevocationClient } from '../src/auth.http-client.ts';

const TOKEN = 'internal-token-for-tests-0123456789';

/** The claims of an access token a verifier would ask about (the payload, not verified here). */
function claimsOf(token: string): TokenRevocationQuery {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  return { userId: Number(payload.sub), jti: payload.jti, sid: payload.sid, iat: payload.iat };
}

describe('HTTP AuthRevocationClient against a users+auth server', () => {
  let server: TestServer;
  let auth: AuthRevocationClient;
  before(async () => {
    server = await startTestServer({ env: { SERVICES: 'users,auth', INTERNAL_TOKEN: TOKEN } });
    auth = createHttpAuthRevocationClient({
      baseUrl: server.internalUrl!,
      internalToken: TOKEN,
      retryDelayMs: 1,
    });
  });
  after(() => server.stop());

  test('a live token is not revoked; after logout it is', async () => {
    const user = await signup(server.api);
    const claims = claimsOf(user.token);
    assert.equal(await auth.isTokenRevoked(claims), false);
    assert.equal((await server.api.post('/api/auth/logout', undefined, { token: user.token })).status, 204);
    assert.equal(await auth.isTokenRevoked(claims), true);
  });

  test('a wrong internal token or an unreachable auth is SERVICE_UNAVAILABLE, never an answer', async () => {
    const user = await signup(server.api);
    const wrong = createHttpAuthRevocationClient({
      baseUrl: server.internalUrl!,
      internalToken: 'wrong',
      retries: 0,
    });
    await assert.rejects(
      wrong.isTokenRevoked(claimsOf(user.token)),
      (e) => isAppError(e) && e.code === 'SERVICE_UNAVAILABLE' && /internal token/.test(e.message),
    );
    const gone = createHttpAuthRevocationClient({
      baseUrl: 'http://127.0.0.1:1',
      internalToken: TOKEN,
      retryDelayMs: 1,
    });
    await assert.rejects(
      gone.isTokenRevoked(claimsOf(user.token)),
      (e) => isAppError(e) && e.code === 'SERVICE_UNAVAILABLE',
    );
  });
});

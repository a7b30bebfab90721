// One token verifier per process: a token revoked in auth is refused by every service of the
// process (users, chat REST and STOMP, auth, the admin API), from the cache and, when the cache
// lost its revocation data, from auth's own state.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectStomp } from '@chat/chat/testing';
import { revocationKeys } from '@chat/security';
import { eventually, login, type SignedUp, signup, startTestServer, type TestServer } from '@chat/testing';

/** The claims a revocation is keyed by, read from the token's payload. */
function claimsOf(token: string): { userId: number; jti: string; sid: string } {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
    jti: string;
    sid: string;
  };
  return { userId: Number(payload.sub), jti: payload.jti, sid: payload.sid };
}

describe('a logged-out token, in a process running every service', () => {
  let srv: TestServer;
  let user: SignedUp;
  let revoked: string;
  let live: string;
  before(async () => {
    srv = await startTestServer();
    user = await signup(srv.api);
    live = user.token;
    revoked = (await login(srv.api, user.email, user.password)).token;
    assert.equal((await srv.api.post('/api/auth/logout', undefined, { token: revoked })).status, 204);
  });
  after(() => srv?.stop());

  /** Each service's answer to `token`: an HTTP status, or 'refused'/'connected' for STOMP. */
  const probes = {
    users: async (token) => (await srv.api.get('/api/users/me', { token })).status,
    chat: async (token) => (await srv.api.get('/api/rooms', { token })).status,
    stomp: async (token) => {
      const conn = await connectStomp(srv.url, token).catch(() => undefined);
      await conn?.close();
      return conn ? 'connected' : 'refused';
    },
    auth: async (token) => (await srv.api.post('/api/auth/logout', undefined, { token })).status,
    admin: async (token) => (await srv.api.get('/api/admin/consumers', { token })).status,
  } satisfies Record<string, (token: string) => Promise<number | string>>;
  const refused = { users: 401, chat: 401, stomp: 'refused', auth: 401, admin: 401 };

  test('is refused by every service while the cache holds the revocation', async () => {
    const answers: Record<string, number | string> = {};
    for (const [name, probe] of Object.entries(probes)) {
      if (name !== 'auth') answers[name] = await probe(revoked);
    }
    const { auth: _, ...expected } = refused;
    assert.deepEqual(answers, expected);
  });

  test('is refused by every service after the cache lost its revocation data; a live token still works', async () => {
    const cache = srv.server.infra.cache;
    const { userId, jti, sid } = claimsOf(revoked);
    const answers: Record<string, number | string> = {};
    for (const [name, probe] of Object.entries(probes)) {
      // As after a cache restart: no sentinel, no revocation keys. Auth rebuilds them when asked.
      await cache.del(
        revocationKeys.epoch,
        revocationKeys.token(jti),
        revocationKeys.session(sid),
        revocationKeys.user(userId),
      );
      answers[name] = await probe(revoked);
      await eventually(async () => (await cache.get(revocationKeys.epoch)) !== null);
    }
    assert.deepEqual(answers, refused);

    await cache.del(revocationKeys.epoch);
    assert.equal(await probes.users(live), 200);
    await cache.del(revocationKeys.epoch);
    assert.equal(await probes.chat(live), 200);
    await cache.del(revocationKeys.epoch);
    assert.equal(await probes.stomp(live), 'connected');
    await cache.del(revocationKeys.epoch);
    assert.equal(await probes.admin(live), 403, 'authenticated, not an administrator');
  });
});

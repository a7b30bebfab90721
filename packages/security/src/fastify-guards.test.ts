import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHttpApp, createLogger, createMemoryCache, createMetrics } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import { bearerToken, createAuthGuards, principalOf } from './fastify-guards.ts';
import { createInternalGuard } from './internal-guard.ts';
import { createTokenSigner } from './token-signer.ts';
import { createTokenVerifier } from './token-verifier.ts';

const SECRET = 'guard-test-secret-0123456789-0123456789';
const signer = createTokenSigner({ secret: SECRET, accessTtlSec: 60, refreshTtlSec: 600 });

describe('fastify guards', () => {
  let app: FastifyInstance;
  before(async () => {
    app = createHttpApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics({ defaultMetrics: false }),
      bodyLimitBytes: 1024,
    });
    const guards = createAuthGuards(createTokenVerifier({ secret: SECRET, cache: createMemoryCache() }));
    app.get('/me', { preHandler: guards.authenticate }, async (req) => ({ id: principalOf(req).userId }));
    app.get('/admin', { preHandler: guards.requireAdmin }, async () => ({ ok: true }));
    app.get('/user', { preHandler: guards.requireRole('ROLE_USER') }, async () => ({ ok: true }));
    app.get('/internal', { preHandler: createInternalGuard('s3cret') }, async () => ({ ok: true }));
    await app.ready();
  });
  after(() => app.close());

  const token = async (role: 'ROLE_USER' | 'ROLE_ADMIN') =>
    (await signer.signAccess({ userId: 7, email: 'a@example.com', role, sid: 's' })).token;
  const get = (url: string, authorization?: string, extra: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { ...(authorization ? { authorization } : {}), ...extra } });

  test('401 without a token or with a malformed header, in the contract body', async () => {
    for (const header of [
      undefined,
      'Bearer',
      'Basic abc',
      'Bearer a b',
      `Token ${await token('ROLE_USER')}`,
    ]) {
      const res = await get('/me', header);
      assert.equal(res.statusCode, 401, String(header));
      assert.equal(res.json().error, 'UNAUTHORIZED');
    }
  });

  test('a valid token passes and sets the principal; the scheme is case-insensitive', async () => {
    assert.deepEqual((await get('/me', `Bearer ${await token('ROLE_USER')}`)).json(), { id: 7 });
    assert.equal((await get('/me', `bearer ${await token('ROLE_USER')}`)).statusCode, 200);
  });

  test('requireAdmin: 403 for ROLE_USER, 200 for ROLE_ADMIN; ROLE_ADMIN also passes ROLE_USER routes', async () => {
    const denied = await get('/admin', `Bearer ${await token('ROLE_USER')}`);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error, 'FORBIDDEN');
    assert.equal((await get('/admin')).statusCode, 401);
    assert.equal((await get('/admin', `Bearer ${await token('ROLE_ADMIN')}`)).statusCode, 200);
    assert.equal((await get('/user', `Bearer ${await token('ROLE_ADMIN')}`)).statusCode, 200);
  });

  test('internal guard: the configured token only', async () => {
    assert.equal((await get('/internal')).statusCode, 401);
    assert.equal((await get('/internal', undefined, { 'x-internal-token': 'wrong' })).statusCode, 401);
    assert.equal((await get('/internal', undefined, { 'x-internal-token': 's3cret' })).statusCode, 200);
  });

  test('bearerToken parsing', () => {
    assert.equal(bearerToken('Bearer abc.def'), 'abc.def');
    assert.equal(bearerToken('Bearer  abc '), 'abc');
    assert.equal(bearerToken(['Bearer abc']), null);
    assert.equal(bearerToken(undefined), null);
  });
});

// CORS from CORS_ORIGINS, the same in every mode: the all-in-one process, and a gateway in front
// of it. Browsers send bearer tokens, never cookies: no credentials are ever allowed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '@chat/platform';
import { startTestServer, type TestServer } from '@chat/testing';

const ALLOWED = 'https://chat.example.com';

async function preflight(url: string, path: string, origin: string, method: string): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type,x-request-id,idempotency-key',
    },
  });
}

describe('CORS', () => {
  let backend: TestServer;
  let gateway: TestServer;

  before(async () => {
    backend = await startTestServer({
      env: { CORS_ORIGINS: `${ALLOWED},http://localhost:5173`, LOGIN_RATE_PER_MIN: '1' },
    });
    gateway = await startTestServer({
      env: {
        SERVICES: 'gateway',
        CORS_ORIGINS: ALLOWED,
        AUTH_UPSTREAMS: backend.url,
        USERS_UPSTREAMS: backend.url,
        CHAT_UPSTREAMS: backend.url,
      },
    });
  });
  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  for (const mode of ['all-in-one', 'gateway'] as const) {
    const urlOf = () => (mode === 'gateway' ? gateway.url : backend.url);

    test(`${mode}: a preflight from an allowed origin is answered for every method the API uses`, async () => {
      for (const method of ['PATCH', 'DELETE', 'PUT', 'POST']) {
        const res = await preflight(urlOf(), '/api/users/me', ALLOWED, method);
        assert.equal(res.status, 204, method);
        assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
        assert.match(res.headers.get('access-control-allow-methods') ?? '', new RegExp(`\\b${method}\\b`));
        const headers = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
        for (const h of ['authorization', 'content-type', 'x-request-id', 'idempotency-key'])
          assert.ok(headers.includes(h), h);
        assert.match(res.headers.get('vary') ?? '', /Origin/i);
        assert.equal(res.headers.get('access-control-allow-credentials'), null);
      }
    });

    test(`${mode}: another origin gets no grant`, async () => {
      const res = await preflight(urlOf(), '/api/users/me', 'https://evil.example.net', 'PATCH');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      const get = await fetch(`${urlOf()}/api/users/me`, { headers: { origin: 'https://evil.example.net' } });
      assert.equal(get.headers.get('access-control-allow-origin'), null);
    });

    test(`${mode}: answers, errors included, carry the grant and expose the headers clients read`, async () => {
      const res = await fetch(`${urlOf()}/api/users/me`, { headers: { origin: ALLOWED } });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
      const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
      for (const h of ['x-request-id', 'x-ratelimit-remaining', 'retry-after'])
        assert.ok(exposed.includes(h), h);
      const missing = await fetch(`${urlOf()}/api/nothing`, { headers: { origin: ALLOWED } });
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get('access-control-allow-origin'), ALLOWED);
    });

    test(`${mode}: a throttled login (429) carries the grant, so the browser can read Retry-After`, async () => {
      const login = () =>
        fetch(`${urlOf()}/api/auth/login`, {
          method: 'POST',
          headers: { origin: ALLOWED, 'content-type': 'application/json' },
          body: JSON.stringify({ email: `cors-${mode}@example.com`, password: 'wrong-password-1' }),
        });
      assert.equal((await login()).status, 401);
      const limited = await login();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('access-control-allow-origin'), ALLOWED);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.match(limited.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
    });
  }

  test('CORS_ORIGINS=*: any origin is granted, still without credentials', async () => {
    const open = await startTestServer({ env: { SERVICES: 'gateway', CORS_ORIGINS: '*' } });
    try {
      const res = await preflight(open.url, '/api/users/me', 'https://anyone.example.org', 'DELETE');
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /\bDELETE\b/);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
      const get = await fetch(`${open.url}/actuator/health`, {
        headers: { origin: 'https://anyone.example.org' },
      });
      assert.equal(get.headers.get('access-control-allow-origin'), '*');
    } finally {
      await open.stop();
    }
  });

  test('CORS_ORIGINS takes origins or *, and refuses anything else naming the variable', () => {
    assert.deepEqual(
      loadConfig({ CORS_ORIGINS: 'https://Chat.Example.com, http://localhost:5173/' }).corsOrigins,
      ['https://chat.example.com', 'http://localhost:5173'],
    );
    assert.deepEqual(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins, ['*']);
    for (const bad of ['https://chat.example.com/app', 'ftp://files.example.com', 'chat.example.com']) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), /CORS_ORIGINS must list origins/, bad);
    }
  });
});

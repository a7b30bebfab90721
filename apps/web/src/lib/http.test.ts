import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type ApiError, createApi } from './http.ts';
import type { Session } from './session.ts';

const session = (n: number): Session => ({
  token: `access-${n}`,
  refreshToken: `refresh-${n}`,
  userId: 1,
  email: 'a@example.com',
  nickname: '에이',
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function holder(initial: Session | null) {
  const h = {
    current: initial,
    get: () => h.current,
    set: (s: Session | null) => {
      h.current = s;
    },
  };
  return h;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('http client', () => {
  it('refreshes an expired access token once, silently, for concurrent calls, and retries', async () => {
    let refreshes = 0;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      if (url === '/api/auth/refresh') {
        refreshes++;
        assert.deepEqual(JSON.parse(String(init.body)), { refreshToken: 'refresh-1' });
        return json(200, { ...session(2), tokenType: 'Bearer', expiresIn: 60, role: 'ROLE_USER' });
      }
      const auth = (init.headers as Record<string, string>).authorization;
      return auth === 'Bearer access-2'
        ? json(200, { ok: url })
        : json(401, { error: 'UNAUTHORIZED', message: 'x' });
    }) as typeof fetch;
    const h = holder(session(1));
    const api = createApi(h);
    const [a, b] = await Promise.all([api.request('GET', '/api/rooms'), api.request('GET', '/api/users/me')]);
    assert.deepEqual([a, b], [{ ok: '/api/rooms' }, { ok: '/api/users/me' }]);
    assert.equal(refreshes, 1, 'one refresh for both calls (a second would reuse a rotated token)');
    assert.equal(h.current?.refreshToken, 'refresh-2');
  });

  it('signs out when the refresh token is rejected', async () => {
    globalThis.fetch = (async (url: string) =>
      url === '/api/auth/refresh'
        ? json(401, { error: 'UNAUTHORIZED', message: 'revoked' })
        : json(401, { error: 'UNAUTHORIZED', message: 'expired' })) as typeof fetch;
    const h = holder(session(1));
    await assert.rejects(createApi(h).request('GET', '/api/rooms'), (e: ApiError) => e.status === 401);
    assert.equal(h.current, null);
  });

  it('turns the contract error body into an ApiError with its code and message', async () => {
    globalThis.fetch = (async () =>
      json(409, {
        status: 409,
        error: 'CONFLICT',
        message: 'email taken',
        path: '/',
        timestamp: '',
      })) as typeof fetch;
    await assert.rejects(createApi(holder(null)).request('POST', '/api/auth/signup', {}), (e: ApiError) => {
      assert.equal(e.code, 'CONFLICT');
      assert.equal(e.message, 'email taken');
      return true;
    });
  });

  it('waits Retry-After on a 429 and then gets through', async () => {
    let calls = 0;
    globalThis.fetch = (async () =>
      ++calls === 1
        ? json(429, { error: 'TOO_MANY_REQUESTS', message: 'slow down' }, { 'retry-after': '0' })
        : json(200, [])) as typeof fetch;
    assert.deepEqual(await createApi(holder(session(1))).request('GET', '/api/rooms'), []);
    assert.equal(calls, 2);
  });
});

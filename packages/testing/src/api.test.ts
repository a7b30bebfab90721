import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiResponse, createApi, injectTransport } from './api.ts';
import { signup } from './factories.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** What a suite can look at, minus what differs between two requests (time, request id, length). */
function comparable(res: ApiResponse) {
  const body = res.body && typeof res.body === 'object' ? { ...res.body, timestamp: undefined } : res.body;
  const headers = [
    'content-type',
    'content-security-policy',
    'x-frame-options',
    'cache-control',
    'retry-after',
  ];
  return { status: res.status, body, headers: headers.map((h) => [h, res.headers.get(h)]) };
}

describe('the test Api over app.inject answers like over real sockets', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('status, parsed body, text and headers match fetch for success, errors and non-JSON', async () => {
    const overFetch = createApi(server.url);
    const overInject = createApi(injectTransport(server.server.app, server.url));
    const user = await signup(overInject);
    const calls: [string, string, unknown, { token?: string; raw?: string }][] = [
      ['GET', '/actuator/health', undefined, {}],
      ['GET', '/api/users/me', undefined, { token: user.token }],
      ['GET', '/api/users/me', undefined, {}],
      ['GET', '/api/users?query=zz&size=1e3', undefined, { token: user.token }],
      ['POST', '/api/auth/login', undefined, { raw: '{"email":' }],
      ['PATCH', '/api/users/me', { nickname: 'same-on-both' }, { token: user.token }],
      ['GET', '/no/such/route', undefined, {}],
      ['GET', '/docs', undefined, {}],
    ];
    for (const [method, path, body, opts] of calls) {
      const [viaFetch, viaInject] = [
        await overFetch.request(method, path, body, opts),
        await overInject.request(method, path, body, opts),
      ];
      assert.deepEqual(comparable(viaInject), comparable(viaFetch), `${method} ${path}`);
      if (typeof viaFetch.body === 'string') assert.equal(viaInject.text, viaFetch.text, `${method} ${path}`);
    }
    assert.equal(overInject.seen.length, calls.length + 1, 'every response text is kept (signup too)');
  });
});

// A gateway with its own CORS_ORIGINS answers the preflights, so its grant is the one browsers
// must see on every answer: whatever the upstream sends, when an instance fails and the request
// is retried, and when no instance answers (a browser cannot read an answer without the grant).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@chat/testing';
import { deadUpstreamUrl, type FakeUpstream, startFakeUpstream } from './fake-upstream.ts';

const ALLOWED = 'https://chat.example.com';

/** A GET from the allowed origin. */
const fromBrowser = (url: string) => fetch(url, { headers: { origin: ALLOWED } });

function assertGranted(res: Response): void {
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
  assert.match(res.headers.get('vary') ?? '', /\bOrigin\b/i);
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  for (const h of ['x-request-id', 'x-ratelimit-remaining', 'retry-after']) assert.ok(exposed.includes(h), h);
  assert.ok(res.headers.get('x-request-id'), 'the request id a client would quote');
}

describe('CORS on answers the gateway proxies', () => {
  let own: FakeUpstream;
  let draining: FakeUpstream;
  let gateway: TestServer;

  before(async () => {
    [own, draining] = await Promise.all([startFakeUpstream('own-cors'), startFakeUpstream('draining')]);
    own.headers = {
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-upstream',
      vary: 'Accept-Encoding',
    };
    draining.mode = 'draining';
    gateway = await startTestServer({
      env: {
        SERVICES: 'gateway',
        CORS_ORIGINS: ALLOWED,
        USERS_UPSTREAMS: own.url,
        CHAT_UPSTREAMS: `${draining.url},${await deadUpstreamUrl()}`,
        AUTH_UPSTREAMS: own.url,
        GATEWAY_LIMIT_AUTH: '0.01/1',
      },
    });
  });
  after(async () => {
    await gateway?.stop();
    await Promise.all([own?.close(), draining?.close()]);
  });

  test("the gateway's policy replaces an upstream's own CORS headers", async () => {
    const res = await fromBrowser(`${gateway.url}/api/users/me`);
    assert.equal(res.status, 200);
    assertGranted(res);
    assert.match(res.headers.get('vary') ?? '', /Accept-Encoding/i, "the upstream's Vary is kept too");
    const other = await fetch(`${gateway.url}/api/users/me`, {
      headers: { origin: 'https://evil.example.net' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null, "the upstream's * is not passed on");
    assert.equal(other.headers.get('access-control-allow-credentials'), null);
  });

  test('a request retried after a failing instance, then refused (503), keeps the grant', async () => {
    const res = await fromBrowser(`${gateway.url}/api/rooms`);
    assert.equal(res.status, 503);
    assert.equal(draining.received.length, 1, 'the draining instance was tried first');
    assertGranted(res);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  });

  test("the gateway's own 429 carries the grant, Retry-After and the remaining count", async () => {
    assert.equal((await fromBrowser(`${gateway.url}/api/auth/me`)).status, 200);
    const limited = await fromBrowser(`${gateway.url}/api/auth/me`);
    assert.equal(limited.status, 429);
    assertGranted(limited);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});

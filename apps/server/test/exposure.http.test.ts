import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnBackends, signup } from '@chat/testing';

const ALLOWED = 'https://chat.example.com';

await describeOnBackends(
  'what the HTTP edge shows to anyone',
  (p) => {
    test('health without a token: status and adapter per component, nothing else; an admin sees the details', async () => {
      const anonymous = await p().api.get('/actuator/health');
      assert.equal(anonymous.status, 200);
      assert.deepEqual(Object.keys(anonymous.body).sort(), ['components', 'status']);
      for (const [name, component] of Object.entries<{ status: string; details: object }>(
        anonymous.body.components,
      )) {
        assert.deepEqual(Object.keys(component).sort(), ['details', 'status'], name);
        assert.deepEqual(Object.keys(component.details), ['adapter'], name);
      }
      assert.ok(!anonymous.text.includes(p().server.config.dataDir), 'no data directory');
      for (const address of [p().env.NATS_URL, p().env.DATABASE_URL, p().env.REDIS_URL]) {
        if (address) assert.ok(!anonymous.text.includes(new URL(address).host), 'no server address');
      }
      const user = await signup(p().api);
      const asUser = await p().api.get('/actuator/health', { token: user.token });
      assert.deepEqual(asUser.body, anonymous.body, 'a ROLE_USER token sees what anyone sees');
      const asAdmin = await p().api.get('/actuator/health', { token: p().admin.token });
      assert.equal(asAdmin.status, 200);
      const detailed = Object.values<{ details: object }>(asAdmin.body.components).filter(
        (c) => Object.keys(c.details).length > 1,
      );
      assert.ok(detailed.length > 0, 'the admin sees the details');
      if (p().kind === 'embedded') assert.ok(asAdmin.text.includes(p().server.config.dataDir));
    });

    test('security headers on every response: success, error, unknown route', async () => {
      const user = await signup(p().api);
      const responses = [
        await p().api.get('/actuator/health'),
        await p().api.get('/api/users/me', { token: user.token }),
        await p().api.get('/api/users/me'),
        await p().api.get('/no/such/route'),
      ];
      for (const res of responses) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('x-frame-options'), 'DENY');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        const csp = res.headers.get('content-security-policy') ?? '';
        for (const directive of [
          "default-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "img-src 'self' https: data: blob:",
          "style-src 'self'",
        ]) {
          assert.ok(csp.includes(directive), `${directive} in ${csp}`);
        }
        const host = new URL(p().server.url).host;
        assert.ok(csp.includes(`connect-src 'self' ws://${host} wss://${host}`), csp);
        assert.ok(!/connect-src[^;]*\bwss?:(;|\s|$)/.test(csp), 'WebSocket to the same host only');
      }
    });

    test('CORS_ORIGINS: a preflight from an allowed origin gets the headers, another origin does not', async () => {
      const preflight = (origin: string) =>
        fetch(`${p().server.url}/api/rooms`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
      const allowed = await preflight(ALLOWED);
      assert.ok(allowed.status < 300, String(allowed.status));
      assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED);
      assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
      const denied = await preflight('https://evil.example.net');
      assert.equal(denied.headers.get('access-control-allow-origin'), null);
      const user = await signup(p().api);
      const simple = await p().api.get('/api/users/me', { token: user.token, headers: { origin: ALLOWED } });
      assert.equal(simple.headers.get('access-control-allow-origin'), ALLOWED);
      const other = await p().api.get('/api/users/me', {
        token: user.token,
        headers: { origin: 'https://evil.example.net' },
      });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    });
  },
  // The preflight goes over a real socket (fetch); everything else through app.inject.
  { env: { CORS_ORIGINS: `${ALLOWED},https://other.example.com` }, transport: 'inject' },
);

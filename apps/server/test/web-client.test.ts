import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHttpApp, createLogger, createMetrics } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import { mountWebClient } from '../src/web-client.ts';

describe('web client serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-web-'));
  let app: FastifyInstance;
  before(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'export {};');
    app = createHttpApp({
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics({ defaultMetrics: false }),
      bodyLimitBytes: 1024,
    });
    app.get('/api/ping', async () => ({ ok: true }));
    mountWebClient(app, { dir, logger: createLogger({ level: 'silent' }) });
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('/ is the app, never cached, so a deploy shows at the next load', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(res.body, /id="app"/);
  });

  test('hashed assets are cached for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test('a client route reloads into the app (SPA fallback)', async () => {
    for (const url of ['/rooms/12', '/people?x=1', '/rooms/12/']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /id="app"/, url);
    }
  });

  test('/api, /ws and /actuator keep their JSON 404, and a missing asset is a 404', async () => {
    for (const url of ['/api/nothing', '/api', '/ws/x', '/actuator/nope', '/assets/gone-123.js']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      const body = res.json() as { error: string; status: number };
      assert.equal(body.error, 'NOT_FOUND', url);
      assert.equal(body.status, 404, url);
    }
    const api = await app.inject({ method: 'GET', url: '/api/ping' });
    assert.deepEqual(api.json(), { ok: true });
  });
});

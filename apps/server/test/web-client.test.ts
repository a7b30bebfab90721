import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { createHttpApp, createLogger, createMetrics } from '@chat/platform';
import type { FastifyInstance } from 'fastify';
import { mountWebClient } from '../src/web-client.ts';

const BIG_SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `단어${i}`))};`;
/** Not what the server would make (it uses quality 11): shows which bytes it sent. */
const BUILT_BR = brotliCompressSync(BIG_SCRIPT, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });

describe('web client serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-web-'));
  let app: FastifyInstance;
  before(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'export {};');
    writeFileSync(join(dir, 'assets', 'app-XyZ789.js'), BIG_SCRIPT);
    writeFileSync(join(dir, 'assets', 'built-1.js'), BIG_SCRIPT);
    writeFileSync(join(dir, 'assets', 'built-1.js.br'), BUILT_BR);
    // A leftover from an older build: older than its file, so not used.
    writeFileSync(join(dir, 'assets', 'stale-1.js'), BIG_SCRIPT);
    writeFileSync(join(dir, 'assets', 'stale-1.js.br'), brotliCompressSync('export const old = 1;'));
    utimesSync(join(dir, 'assets', 'stale-1.js.br'), new Date(2020, 0, 1), new Date(2020, 0, 1));
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

  test('scripts go compressed to a browser that accepts it (brotli, else gzip), as they are otherwise', async () => {
    const url = '/assets/app-XyZ789.js';
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'accept-encoding');
    assert.ok(br.rawPayload.length < BIG_SCRIPT.length / 2, 'smaller on the wire');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), BIG_SCRIPT);

    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br;q=0' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), BIG_SCRIPT);

    const plain = await app.inject({ method: 'GET', url });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, BIG_SCRIPT);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  test("the build's compressed copy is sent when it is at least as new as the file, and is not a URL of its own", async () => {
    const headers = { 'accept-encoding': 'br' };
    const built = await app.inject({ method: 'GET', url: '/assets/built-1.js', headers });
    assert.equal(built.headers['content-encoding'], 'br');
    assert.deepEqual(built.rawPayload, BUILT_BR);

    const stale = await app.inject({ method: 'GET', url: '/assets/stale-1.js', headers });
    assert.equal(stale.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(stale.rawPayload).toString(), BIG_SCRIPT);

    const own = await app.inject({ method: 'GET', url: '/assets/built-1.js.br' });
    assert.equal(own.statusCode, 404);
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

// A process running only the gateway keeps no data: it starts with a DATA_DIR nobody can create
// (a read-only container filesystem), opens no database and no event log, and says so in health.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deleteRedisPrefix, skipUnless, testServiceUrls, uniqueName } from '@chat/platform/testing';
import { createApi, startHealthyServer, stopServer, TEST_JWT_SECRET } from '@chat/testing';
import { deadUpstreamUrl } from './fake-upstream.ts';

test('a gateway-only process needs no database, event log or writable DATA_DIR', async () => {
  const server = await startHealthyServer({
    SERVICES: 'gateway',
    DATA_DIR: '/proc/chat-gateway-data',
    JWT_SECRET: TEST_JWT_SECRET,
    CHAT_UPSTREAMS: await deadUpstreamUrl(),
  });
  try {
    const api = createApi(server.url);
    const health = await api.get('/actuator/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.components.db.details.adapter, 'none');
    assert.equal(health.body.components.log.details.adapter, 'none');
    const rooms = await api.get('/api/rooms');
    assert.equal(rooms.status, 503, 'routed, and answered by the gateway itself');
    // The admin API lists the event log's consumers and dead letters: there are none here, and
    // an empty list would look like a healthy system. A 404 says where to ask instead.
    for (const path of ['/api/admin/consumers', '/api/admin/dead-letters']) {
      const admin = await api.get(path);
      assert.equal(admin.status, 404, path);
      assert.equal(admin.body.error, 'NOT_FOUND');
      assert.match(admin.body.message, /only the gateway/);
    }
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});

test('with only REDIS_URL (shared limits) it starts, answers health UP and never creates DATA_DIR', {
  skip: await skipUnless('gateway-only process on Redis', 'redis'),
}, async () => {
  const parent = mkdtempSync(join(tmpdir(), 'chat-gateway-'));
  const dataDir = join(parent, 'data');
  const namespace = uniqueName('gw');
  const server = await startHealthyServer({
    SERVICES: 'gateway',
    REDIS_URL: testServiceUrls.redis,
    NAMESPACE: namespace,
    DATA_DIR: dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
  });
  try {
    const health = await createApi(server.url).get('/actuator/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'UP');
    const adapters = Object.fromEntries(
      ['db', 'cache', 'pubsub', 'log', 'storage'].map((c) => [c, health.body.components[c].details.adapter]),
    );
    assert.deepEqual(adapters, { db: 'none', cache: 'redis', pubsub: 'redis', log: 'none', storage: 'none' });
  } finally {
    assert.equal(await stopServer(server), 0);
    await deleteRedisPrefix(`${namespace}:`);
  }
  assert.equal(existsSync(dataDir), false, 'DATA_DIR was never created');
  rmSync(parent, { recursive: true, force: true });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { freePort, NATS_SERVER, skipUnlessInstalled } from '@chat/testing';
import { nanos } from '@nats-io/nats-core';
import { connectJetStream } from '../src/log/nats/connect.ts';
import { NatsNames } from '../src/log/nats/names.ts';
import { createNatsEventLog } from '../src/log/nats.ts';
import { skipUnless, testServiceUrls, uniqueName } from '../src/testing/services.ts';
import { deleteNatsPrefix } from './contract/nats-cleanup.ts';

describe('NATS event log: connecting', () => {
  it('fails fast with one line when nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    await assert.rejects(
      createNatsEventLog({ url: `nats://127.0.0.1:${port}`, prefix: 'x', connectTimeoutMs: 2000 }),
      (err: Error) =>
        err.message.startsWith(`cannot connect to NATS at 127.0.0.1:${port}: `) &&
        !err.message.includes('\n'),
    );
    assert.ok(Date.now() - started < 3000);
  });

  it('fails fast when the server has no JetStream', async (t) => {
    const skip = skipUnlessInstalled('event log on NATS without JetStream', NATS_SERVER);
    if (skip) return t.skip(skip);
    const port = await freePort();
    const server = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    try {
      const url = `nats://127.0.0.1:${port}`;
      const log = await (async () => {
        for (let i = 0; ; i++) {
          try {
            return await createNatsEventLog({ url, prefix: 'x', connectTimeoutMs: 2000 });
          } catch (err) {
            if ((err as Error).message.includes('JetStream') || i > 50) throw err;
            await new Promise((resolve) => setTimeout(resolve, 50)); // the server is starting
          }
        }
      })().catch((err: Error) => err);
      assert.ok(log instanceof Error, 'creation must fail');
      assert.match(
        log.message,
        new RegExp(`^cannot connect to NATS at 127.0.0.1:${port}: JetStream is not available`),
      );
    } finally {
      server.kill();
    }
  });

  it('reports health UP with the server, DOWN once closed', async (t) => {
    const skip = await skipUnless('event log on NATS', 'nats');
    if (skip) return t.skip(skip);
    const prefix = uniqueName('evlog');
    const log = await createNatsEventLog({ url: testServiceUrls.nats, prefix });
    try {
      const up = await log.health();
      assert.equal(up.status, 'UP');
      assert.equal(up.details.adapter, 'nats');
      assert.ok(up.details.server);
    } finally {
      await log.close();
      await deleteNatsPrefix(prefix);
    }
    assert.equal((await log.health()).status, 'DOWN');
  });
});

describe('NATS event log: retention', () => {
  it('topic streams drop records older than the retention, also on existing streams', async (t) => {
    const skip = await skipUnless('event log on NATS', 'nats');
    if (skip) return t.skip(skip);
    const prefix = uniqueName('evret');
    const stream = new NatsNames(prefix).topicStream('orders');
    const { nc, jsm } = await connectJetStream(testServiceUrls.nats, 2000);
    try {
      const first = await createNatsEventLog({ url: testServiceUrls.nats, prefix, retentionMs: 3600_000 });
      await first.ensureTopic('orders', { partitions: 2 });
      await first.close();
      assert.equal((await jsm.streams.info(stream)).config.max_age, nanos(3600_000));

      const second = await createNatsEventLog({ url: testServiceUrls.nats, prefix, retentionMs: 7200_000 });
      await second.ensureTopic('orders');
      await second.close();
      const info = await jsm.streams.info(stream);
      assert.equal(info.config.max_age, nanos(7200_000));
      assert.match(info.config.description ?? '', /partitions=2/);
    } finally {
      await nc.close();
      await deleteNatsPrefix(prefix);
    }
  });
});

describe('NATS event log: replicas', () => {
  it('streams get the configured replicas; more than the servers fails at start', async (t) => {
    const skip = await skipUnless('event log on NATS', 'nats');
    if (skip) return t.skip(skip);
    const prefix = uniqueName('evrep');
    const { nc, jsm } = await connectJetStream(testServiceUrls.nats, 2000);
    try {
      const log = await createNatsEventLog({ url: testServiceUrls.nats, prefix, replicas: 1 });
      await log.ensureTopic('orders', { partitions: 2 });
      await log.close();
      const names = new NatsNames(prefix);
      for (const stream of [names.topicStream('orders'), names.dlqStream, names.ctlStream])
        assert.equal((await jsm.streams.info(stream)).config.num_replicas, 1, stream);
      // One server cannot hold 3 copies: the log refuses to start rather than promise less.
      await assert.rejects(
        createNatsEventLog({ url: testServiceUrls.nats, prefix, replicas: 3 }),
        /is not clustered: it cannot keep 3 replicas \(LOG_REPLICAS\)/,
      );
      assert.equal((await jsm.streams.info(names.dlqStream)).config.num_replicas, 1);
    } finally {
      await nc.close();
      await deleteNatsPrefix(prefix);
    }
  });
});

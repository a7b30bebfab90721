import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Registry } from 'prom-client';
import { createConsumerRegistry } from '../log/consumer-registry.ts';
import { instrumentEventLog, lagOfRegisteredGroups } from '../log/instrumented.ts';
import type { BatchHandler, ConsumeOptions, EventLog, LogRecord } from '../ports/event-log.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import { instrumentPubSub } from '../pubsub/instrumented.ts';
import { createMemoryPubSub } from '../pubsub/memory.ts';
import { registerDatabaseMetrics } from './db-metrics.ts';
import { createEventLogMetrics } from './eventlog-metrics.ts';
import { createPubSubMetrics } from './pubsub-metrics.ts';

const sample = async (registry: Registry, line: string) =>
  (await registry.metrics())
    .split('\n')
    .find((l) => l.startsWith(`${line} `))
    ?.split(' ')[1];

const record = (offset: number): LogRecord => ({
  topic: 't',
  partition: 0,
  offset,
  key: 'k',
  value: new Uint8Array(),
  headers: {},
  attempt: 1,
  timestamp: 0,
});

/** A strict fake: the consumer is driven by the test through `deliver`. */
function fakeLog() {
  let handler: BatchHandler | undefined;
  let opts: ConsumeOptions = {};
  let stopped = 0;
  const fail = () => Promise.reject(new Error('not used'));
  const log: EventLog = {
    adapter: 'embedded',
    ensureTopic: async (topic) => ({ topic, partitions: 2 }),
    append: async (_t, records) => records.map((_, i) => ({ partition: 0, offset: i, duplicate: i === 1 })),
    async consume(_t, _g, h, o = {}) {
      handler = h;
      opts = o;
      return { assignedPartitions: () => [1, 0], stop: async () => void stopped++ };
    },
    lag: async () => [
      { partition: 0, lag: 3 },
      { partition: 1, lag: 0 },
    ],
    deadLetters: fail,
    deadLetterGroups: fail,
    redrive: async () => 2,
    health: fail,
    close: async () => undefined,
  };
  return {
    log,
    deliver: (records: LogRecord[]) => handler!(records),
    hooks: () => opts,
    stopped: () => stopped,
  };
}

describe('platform metrics', () => {
  test('the instrumented log counts appends, handled records, retries and dead letters per group', async () => {
    const registry = new Registry();
    const consumers = createConsumerRegistry();
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, {
      consumers,
      metrics: createEventLogMetrics(registry, () => lagOfRegisteredGroups(fake.log, consumers)),
    });
    const seen: string[] = [];
    const consumer = await log.consume('t', 'g', async () => undefined, {
      onRetry: () => seen.push('retry'),
      onDeadLetter: () => seen.push('dead'),
    });
    const labels = '{topic="t",group="g"}';
    for (const name of [
      'eventlog_retries_total',
      'eventlog_dead_letters_total',
      'eventlog_consumed_records_total',
    ]) {
      assert.equal(await sample(registry, `${name}${labels}`), '0', `${name} exists before anything happens`);
    }
    await fake.deliver([record(1), record(2)]);
    fake.hooks().onRetry?.([record(3), record(4)], new Error('x'), 2);
    fake.hooks().onDeadLetter?.(record(3), new Error('x'));
    assert.deepEqual(seen, ['retry', 'dead'], "the consumer's own hooks still run");
    assert.equal(await sample(registry, `eventlog_consumed_records_total${labels}`), '2');
    assert.equal(await sample(registry, `eventlog_retries_total${labels}`), '2');
    assert.equal(await sample(registry, `eventlog_dead_letters_total${labels}`), '1');
    const before = Date.now() / 1000;
    fake.hooks().onProgress?.(1);
    const progress = Number(
      await sample(
        registry,
        'eventlog_partition_progress_timestamp_seconds{topic="t",group="g",partition="1"}',
      ),
    );
    assert.ok(progress >= before - 1 && progress <= Date.now() / 1000 + 1, `progress at ${progress}`);

    await log.append('t', [
      { key: 'a', value: 'x' },
      { key: 'b', value: 'y' },
    ]);
    assert.equal(
      await sample(registry, 'eventlog_appended_records_total{topic="t"}'),
      '1',
      'duplicates not counted',
    );
    assert.equal(await log.redrive('t', 'g'), 2);
    assert.equal(
      await sample(registry, 'eventlog_appended_records_total{topic="t"}'),
      '3',
      're-driven records count',
    );
    assert.equal(await sample(registry, 'eventlog_consumer_lag{topic="t",group="g",partition="0"}'), '3');

    assert.deepEqual(consumers.list(), [
      { topic: 't', group: 'g', localInstances: 1, assignedPartitions: [0, 1] },
    ]);
    await consumer.stop();
    assert.equal(fake.stopped(), 1);
    assert.deepEqual(consumers.list(), [
      { topic: 't', group: 'g', localInstances: 0, assignedPartitions: [] },
    ]);
    assert.ok(consumers.has('t', 'g'), 'a stopped group stays known');
  });

  test('a failing handler is not counted as consumed', async () => {
    const registry = new Registry();
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, {
      consumers: createConsumerRegistry(),
      metrics: createEventLogMetrics(registry, async () => []),
    });
    await log.consume('t', 'g', async () => {
      throw new Error('poison');
    });
    await assert.rejects(fake.deliver([record(1)]), /poison/);
    assert.equal(await sample(registry, 'eventlog_consumed_records_total{topic="t",group="g"}'), '0');
  });

  test('pub/sub counts published, received (per handler) and failed messages', async () => {
    const registry = new Registry();
    const inner = createMemoryPubSub();
    const pubsub = instrumentPubSub(inner, createPubSubMetrics(registry));
    const got: string[] = [];
    await pubsub.subscribe('room.1', (m) => got.push(m));
    await pubsub.psubscribe('room.*', (m) => got.push(m));
    await pubsub.publish('room.1', 'hi');
    while (got.length < 2) await new Promise((r) => setTimeout(r, 5));
    assert.equal(await sample(registry, 'pubsub_messages_published_total'), '1');
    assert.equal(await sample(registry, 'pubsub_messages_received_total'), '2');
    await pubsub.close();
    await assert.rejects(pubsub.publish('room.1', 'late'));
    assert.equal(await sample(registry, 'pubsub_publish_failures_total'), '1');
  });

  test('pool gauges read stats() at scrape time, and are absent without it', async () => {
    const registry = new Registry();
    let waiting = 0;
    const db = {
      adapter: 'postgres',
      stats: () => ({ total: 4, idle: 1, waiting }),
    } as unknown as SqlDatabase;
    registerDatabaseMetrics(registry, db);
    waiting = 2;
    assert.equal(await sample(registry, 'db_pool_connections{adapter="postgres"}'), '4');
    assert.equal(await sample(registry, 'db_pool_idle_connections{adapter="postgres"}'), '1');
    assert.equal(await sample(registry, 'db_pool_waiting_clients{adapter="postgres"}'), '2');

    const bare = new Registry();
    registerDatabaseMetrics(bare, { adapter: 'pglite' } as unknown as SqlDatabase);
    assert.equal(await sample(bare, 'db_pool_connections{adapter="pglite"}'), undefined);
  });
});

import assert from 'node:assert/strict';
import type { LogRecord } from '../../src/ports/event-log.ts';
import { partitionFor } from '../../src/ports/event-log.ts';
import { type ContractCase, fast, rec, totalLag } from './event-log.contract-kit.ts';
import { deferred, eventually, Probe, yieldTurns } from './log-probe.ts';

/** Appending, de-duplication, groups, ordering, lag and stop. */
export function deliveryCases(withLog: ContractCase): void {
  withLog(
    'appends by key: partition, increasing offsets, same key same partition',
    async (log, _fx, topic) => {
      assert.deepEqual(await log.ensureTopic(topic, { partitions: 4 }), { topic, partitions: 4 });
      assert.equal(
        (await log.ensureTopic(topic, { partitions: 9 })).partitions,
        4,
        'partition count is fixed',
      );
      const results = await log.append(topic, [rec('room-1', 'a'), rec('room-2', 'b'), rec('room-1', 'c')]);
      assert.equal(results.length, 3);
      for (const [i, key] of ['room-1', 'room-2', 'room-1'].entries()) {
        assert.equal(results[i]?.partition, partitionFor(key, 4));
        assert.equal(results[i]?.duplicate, false);
      }
      const more = await log.append(topic, [rec('room-1', 'd')]);
      const offsets = [results[0], results[2], more[0]].map((r) => r?.offset ?? -1);
      assert.ok(offsets[0]! < offsets[1]! && offsets[1]! < offsets[2]!, `offsets increase: ${offsets}`);
    },
  );

  withLog('drops a record whose id was already appended', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 2 });
    const [first] = await log.append(topic, [rec('k', 'one', 'msg-1')]);
    const [again, other, twice] = await log.append(topic, [
      rec('k', 'one again', 'msg-1'),
      rec('k', 'two', 'msg-2'),
      rec('k', 'two again', 'msg-2'),
    ]);
    assert.equal(again?.duplicate, true);
    assert.deepEqual([again?.partition, again?.offset], [first?.partition, first?.offset]);
    assert.equal(other?.duplicate, false);
    assert.equal(twice?.duplicate, true);
    const probe = new Probe();
    const c = await log.consume(topic, 'g', async (b) => probe.add(b), fast);
    await probe.until('two records', (p) => p.seen.length >= 2);
    await c.stop();
    assert.deepEqual(probe.values(), ['one', 'two']);
    assert.equal(await totalLag(log, topic, 'g'), 0);
  });

  withLog('headers travel with each record; a record without any has none', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 2 });
    const traced = { 'x-request-id': 'trace-0f8f1e2a', type: 'UserCreated', note: '한국어 ✓ a=b; c' };
    await log.append(topic, [
      { key: 'k', value: 'traced', headers: traced },
      { key: 'k', value: 'plain' },
      { key: 'k', value: 'empty', headers: {} },
    ]);
    const probe = new Probe();
    const c = await log.consume(topic, 'g', async (b) => probe.add(b), fast);
    await probe.until('three records', (p) => p.seen.length >= 3);
    await c.stop();
    assert.deepEqual(
      probe.seen.map((r) => [new TextDecoder().decode(r.value), r.headers]),
      [
        ['traced', traced],
        ['plain', {}],
        ['empty', {}],
      ],
    );
  });

  withLog('two groups have their own positions', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 2 });
    await log.append(
      topic,
      ['a', 'b', 'c', 'd', 'e'].map((v) => rec(`k-${v}`, v)),
    );
    const a = new Probe();
    const ca = await log.consume(topic, 'group-a', async (b) => a.add(b), fast);
    await a.until('group a has all', (p) => p.seen.length === 5);
    await ca.stop();
    assert.equal(await totalLag(log, topic, 'group-a'), 0);
    assert.equal(await totalLag(log, topic, 'group-b'), 5, 'group b has consumed nothing');
    const b = new Probe();
    const cb = await log.consume(topic, 'group-b', async (batch) => b.add(batch), fast);
    await b.until('group b has all', (p) => p.seen.length === 5);
    await cb.stop();
    assert.deepEqual(b.values().sort(), ['a', 'b', 'c', 'd', 'e']);
  });

  withLog(
    'delivers batches in offset order, the next only after the handler resolved',
    async (log, _fx, topic) => {
      await log.ensureTopic(topic, { partitions: 2 });
      const keys = ['x', 'y', 'z'];
      const appended: string[] = [];
      for (let i = 0; i < 60; i++) appended.push(`${keys[i % 3]}:${i}`);
      await Promise.all(
        [0, 1, 2, 3].map((chunk) =>
          log.append(
            topic,
            appended.slice(chunk * 15, chunk * 15 + 15).map((v) => rec(v.split(':')[0]!, v)),
          ),
        ),
      );
      const busy = new Set<number>();
      const probe = new Probe();
      const c = await log.consume(
        topic,
        'g',
        async (batch) => {
          const p = batch[0]!.partition;
          assert.ok(!busy.has(p), 'one handler call at a time per partition');
          assert.ok(batch.every((r) => r.partition === p && r.attempt === 1));
          busy.add(p);
          await yieldTurns(3);
          busy.delete(p);
          probe.add(batch);
        },
        { ...fast, batchSize: 7 },
      );
      await probe.until('all 60', (p) => p.seen.length >= 60);
      await c.stop();
      assert.equal(probe.seen.length, 60);
      assert.ok(probe.batches.every((b) => b.length <= 7));
      const byPartition = new Map<number, LogRecord[]>();
      for (const r of probe.seen) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
      for (const list of byPartition.values()) {
        for (let i = 1; i < list.length; i++)
          assert.ok(list[i]!.offset > list[i - 1]!.offset, 'offset order');
      }
      for (const key of keys) {
        const got = probe.values().filter((v) => v.startsWith(`${key}:`));
        const numbers = got.map((v) => Number(v.split(':')[1]));
        assert.deepEqual(
          numbers,
          [...numbers].sort((p, q) => p - q),
          `key ${key} in append order`,
        );
      }
    },
  );

  withLog('lag counts uncommitted records and drops to 0 once consumed', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 2 });
    await log.append(
      topic,
      ['a', 'b', 'c', 'd', 'e'].map((v) => rec(v, v)),
    );
    assert.equal(await totalLag(log, topic, 'g'), 5);
    assert.equal((await log.lag(topic, 'g')).length, 2);
    const gate = deferred();
    const probe = new Probe();
    const c = await log.consume(topic, 'g', async (b) => {
      probe.add(b);
      await gate.promise;
    });
    await probe.until('a first batch', (p) => p.seen.length > 0);
    assert.equal(await totalLag(log, topic, 'g'), 5, 'nothing committed while the handler runs');
    gate.resolve();
    await probe.until('all', (p) => p.seen.length === 5);
    await eventually('lag 0', async () => (await totalLag(log, topic, 'g')) === 0);
    await c.stop();
  });

  withLog('stop() lets the in-flight batch finish and commits it', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 1 });
    await log.append(
      topic,
      ['a', 'b', 'c'].map((v) => rec('k', v)),
    );
    const gate = deferred();
    const probe = new Probe();
    const c = await log.consume(topic, 'g', async (b) => {
      probe.add(b);
      await gate.promise;
    });
    await probe.until('the batch is in flight', (p) => p.seen.length === 3);
    let stopped = false;
    const stopping = c.stop().then(() => {
      stopped = true;
    });
    await yieldTurns(20);
    assert.equal(stopped, false, 'stop waits for the handler');
    gate.resolve();
    await stopping;
    assert.equal(await totalLag(log, topic, 'g'), 0, 'the finished batch was committed');
  });
}

import assert from 'node:assert/strict';
import type { LogRecord } from '../../src/ports/event-log.ts';
import { type ContractCase, fast, rec, totalLag } from './event-log.contract-kit.ts';
import { deferred, eventually, Probe, text } from './log-probe.ts';

/** Retries, dead letters, redrive, redelivery after a stop, and several instances. */
export function failureCases(withLog: ContractCase): void {
  withLog('retries a throwing handler with attempt counts until it succeeds', async (log, _fx, topic) => {
    await log.ensureTopic(topic, { partitions: 1 });
    await log.append(topic, [rec('k', 'a'), rec('k', 'b'), rec('k', 'c')]);
    const attemptsOfB: number[] = [];
    const retries: number[] = [];
    const ok = new Probe();
    const c = await log.consume(
      topic,
      'g',
      async (batch) => {
        for (const r of batch) if (text(r) === 'b') attemptsOfB.push(r.attempt);
        const b = batch.find((r) => text(r) === 'b');
        if (b && b.attempt < 3) throw new Error('not yet');
        ok.add(batch);
      },
      { ...fast, maxAttempts: 5, onRetry: (_r, _e, attempt) => retries.push(attempt) },
    );
    await ok.until('c handled', (p) => p.values().includes('c'));
    await c.stop();
    assert.deepEqual(attemptsOfB, [1, 2, 3]);
    assert.deepEqual(ok.values(), ['a', 'b', 'c'], 'each handled once, in order');
    assert.ok(retries.length >= 2);
    assert.equal((await log.deadLetters(topic, 'g')).length, 0);
    assert.equal(await totalLag(log, topic, 'g'), 0);
  });

  withLog(
    'dead-letters a poison record and keeps delivering the ones behind it; redrive',
    async (log, _fx, topic) => {
      await log.ensureTopic(topic, { partitions: 1 });
      const traced = { 'x-request-id': 'trace-poison' };
      const results = await log.append(
        topic,
        ['a', 'b', 'poison', 'c', 'd'].map((v) => ({ ...rec('room', v), headers: traced })),
      );
      const poisonAt = results[2]!;
      let cured = false;
      const ok = new Probe();
      const poisonAttempts: number[] = [];
      const dead: LogRecord[] = [];
      const c = await log.consume(
        topic,
        'g',
        async (batch) => {
          for (const r of batch) {
            if (text(r) === 'poison' && !cured) {
              poisonAttempts.push(r.attempt);
              throw new Error(`cannot handle ${text(r)}`);
            }
          }
          ok.add(batch);
        },
        { ...fast, maxAttempts: 3, onDeadLetter: (r) => dead.push(r) },
      );
      await ok.until('d handled', (p) => p.values().includes('d'));
      assert.deepEqual(ok.values(), ['a', 'b', 'c', 'd'], 'the records behind it still flow, in order');
      assert.deepEqual(poisonAttempts, [1, 2, 3]);
      const letters = await eventually('a dead letter', async () => {
        const l = await log.deadLetters(topic, 'g');
        return l.length > 0 ? l : undefined;
      });
      assert.equal(letters.length, 1);
      const letter = letters[0]!;
      assert.equal(letter.error, 'cannot handle poison');
      assert.deepEqual([letter.partition, letter.offset], [poisonAt.partition, poisonAt.offset]);
      assert.deepEqual([letter.topic, letter.group, letter.key, letter.attempts], [topic, 'g', 'room', 3]);
      assert.equal(new TextDecoder().decode(letter.value), 'poison');
      assert.deepEqual(letter.headers, traced, 'a dead letter keeps its headers');
      assert.equal(dead.length, 1);
      assert.equal((await log.deadLetters(topic, 'other-group')).length, 0);
      // Listed among the groups holding dead letters, by its real names, with its count.
      assert.deepEqual(
        (await log.deadLetterGroups()).filter((g) => g.topic === topic),
        [{ topic, group: 'g', count: 1 }],
      );
      await eventually('lag 0', async () => (await totalLag(log, topic, 'g')) === 0);

      cured = true;
      assert.equal(await log.redrive(topic, 'g'), 1);
      await ok.until('poison consumed after redrive', (p) => p.values().includes('poison'));
      await c.stop();
      assert.deepEqual(ok.values(), ['a', 'b', 'c', 'd', 'poison']);
      assert.equal((await log.deadLetters(topic, 'g')).length, 0);
      assert.deepEqual(
        (await log.deadLetterGroups()).filter((g) => g.topic === topic),
        [],
        'a group with none left is not listed',
      );
      assert.ok(ok.seen.at(-1)!.offset > results[4]!.offset, 're-appended at the end');
      assert.deepEqual(ok.seen.at(-1)!.headers, traced, 'and redriven with them');
    },
  );

  withLog(
    'redelivers what a stopped consumer did not finish to the next instance',
    async (log, fx, topic) => {
      await log.ensureTopic(topic, { partitions: 1 });
      await log.append(
        topic,
        ['a', 'b', 'c'].map((v) => rec('k', v)),
      );
      const first = new Probe();
      const c1 = await log.consume(topic, 'g', async (b) => first.add(b), { ...fast, batchSize: 1 });
      await first.until('a', (p) => p.values().includes('a'));
      await c1.stop();
      const done = first.values();
      await log.append(
        topic,
        ['d', 'e'].map((v) => rec('k', v)),
      );

      const stuck = deferred();
      const inHandler = deferred();
      const c2 = await log.consume(topic, 'g', async () => {
        inHandler.resolve();
        await stuck.promise;
      });
      await inHandler.promise;
      const stopping = c2.stop();
      stuck.reject(new Error('node died before committing'));
      await stopping;

      const other = await fx.open();
      const second = new Probe();
      const c3 = await other.consume(topic, 'g', async (b) => second.add(b), fast);
      await second.until('e', (p) => p.values().includes('e'));
      await c3.stop();
      const expected = ['a', 'b', 'c', 'd', 'e'].filter((v) => !done.includes(v));
      assert.deepEqual(second.values(), expected, 'uncommitted records again, in order, none lost');
      assert.ok(second.seen.every((r) => r.attempt === 1));
    },
  );

  withLog('instances of one group split the partitions; each record handled once', async (log, fx, topic) => {
    await log.ensureTopic(topic, { partitions: 4 });
    const handled = new Map<string, string>();
    const twice: string[] = [];
    const all = new Probe();
    const handler = (who: string) => async (batch: readonly LogRecord[]) => {
      for (const r of batch) {
        const id = `${r.partition}/${r.offset}`;
        if (handled.has(id)) twice.push(id);
        handled.set(id, who);
      }
      all.add(batch);
    };
    const keys = Array.from({ length: 40 }, (_, i) => `room-${i}`);
    await log.append(
      topic,
      keys.map((k) => rec(k, `early ${k}`)),
    );
    const c1 = await log.consume(topic, 'g', handler('one'), { ...fast, instanceId: 'one' });
    const log2 = await fx.open();
    const c2 = await log2.consume(topic, 'g', handler('two'), { ...fast, instanceId: 'two' });
    await eventually('a split', () => {
      const [a, b] = [c1.assignedPartitions(), c2.assignedPartitions()];
      return a.length > 0 && b.length > 0 && a.length + b.length === 4 && a.every((p) => !b.includes(p));
    });
    await log2.append(
      topic,
      keys.map((k) => rec(k, `late ${k}`)),
    );
    await all.until('all 80', (p) => new Set(p.values()).size === 80, 15_000);
    await c1.stop();
    await c2.stop();
    assert.deepEqual(twice, [], 'no record handled twice');
    assert.equal(handled.size, 80);
    assert.ok([...handled.values()].includes('two'));
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deleteConsumed, reclaim, startMaintenance } from '../src/log/embedded/maintenance.ts';
import { createEmbeddedEventLog } from '../src/log/embedded.ts';
import type { SqlDatabase } from '../src/ports/sql.ts';
import { createTestPglite } from '../src/testing/adapters.ts';
import { uniqueName } from '../src/testing/services.ts';
import { eventually, Probe } from './contract/log-probe.ts';

describe('embedded event log (PGlite) specifics', () => {
  let db!: SqlDatabase;
  before(async () => {
    db = await createTestPglite();
  });
  after(async () => {
    await db?.close();
  });

  it('group-commits concurrent appends with contiguous offsets per partition', async () => {
    const schema = uniqueName('evlog');
    const log = await createEmbeddedEventLog({ db, schema });
    try {
      await log.ensureTopic('t', { partitions: 3 });
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) => log.append('t', [{ key: `k${i % 17}`, value: `v${i}` }])),
      );
      const byPartition = new Map<number, number[]>();
      for (const [r] of results)
        byPartition.set(r!.partition, [...(byPartition.get(r!.partition) ?? []), r!.offset]);
      for (const offsets of byPartition.values()) {
        assert.deepEqual(
          [...offsets].sort((a, b) => a - b),
          Array.from({ length: offsets.length }, (_, i) => i + 1),
        );
      }
      const { rows } = await db.query<{ n: number }>(`select count(*) as n from ${schema}.records`);
      assert.equal(rows[0]?.n, 300);
    } finally {
      await log.close();
      await db.exec(`drop schema ${schema} cascade`);
    }
  });

  it('finds a repeated id while its window lasts, even once consumed and past retention; after it, stores it anew', async () => {
    const schema = uniqueName('evlog');
    const dedupWindowMs = 3000;
    const log = await createEmbeddedEventLog({ db, schema, dedupWindowMs, retainConsumedMs: 0 });
    try {
      await log.ensureTopic('t', { partitions: 2 });
      const [first] = await log.append('t', [{ key: 'k', value: 'one', id: 'm-1' }]);
      const probe = new Probe();
      const c = await log.consume('t', 'g', async (b) => probe.add(b));
      await probe.until('consumed', (p) => p.seen.length === 1);
      await c.stop();
      await deleteConsumed({ db, schema, dedupWindowMs, retainConsumedMs: 0 });
      const [again] = await log.append('t', [{ key: 'k', value: 'one again', id: 'm-1' }]);
      assert.deepEqual(again, { ...first, duplicate: true });
      const fresh = await eventually('the window passed', async () => {
        const [r] = await log.append('t', [{ key: 'k', value: 'one later', id: 'm-1' }]);
        return r?.duplicate === false ? r : undefined;
      });
      assert.ok(fresh.offset > first!.offset);
    } finally {
      await log.close();
      await db.exec(`drop schema ${schema} cascade`);
    }
  });

  it('an append to a partition the topic does not have stores nothing and says so', async () => {
    const schema = uniqueName('evlog');
    const log = await createEmbeddedEventLog({ db, schema });
    try {
      await log.ensureTopic('t', { partitions: 2 });
      await db.query(`delete from ${schema}.partitions where topic = 't' and partition = 1`);
      const keys = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
      await assert.rejects(log.append('t', keys), /a partition that topic t does not have/);
      const { rows } = await db.query<{ n: number }>(`select count(*) as n from ${schema}.records`);
      assert.equal(rows[0]?.n, 0, 'the records of the existing partition neither');
    } finally {
      await log.close();
      await db.exec(`drop schema ${schema} cascade`);
    }
  });

  it('reclaims the space of consumed records: the table does not grow round after round', async () => {
    const schema = uniqueName('evlog');
    const log = await createEmbeddedEventLog({ db, schema, dedupWindowMs: 0, retainConsumedMs: 0 });
    const size = async () =>
      Number((await db.query<{ n: string }>(`select pg_relation_size('${schema}.records') as n`)).rows[0]?.n);
    try {
      await log.ensureTopic('t', { partitions: 1 });
      const probe = new Probe();
      const c = await log.consume('t', 'g', async (b) => probe.add(b));
      const sizes: number[] = [];
      for (let round = 1; round <= 4; round++) {
        const batch = Array.from({ length: 200 }, (_, i) => ({
          key: 'k',
          value: `${round}:${i}:${'x'.repeat(500)}`,
        }));
        await log.append('t', batch);
        sizes.push(await size());
        await probe.until(`round ${round} consumed`, (p) => p.seen.length === round * 200);
        // The commits follow the batches: every record of the round is deleted once the
        // position moved past the last of them.
        await eventually(`round ${round} deleted`, async () => {
          await reclaim({ db, schema, dedupWindowMs: 0, retainConsumedMs: 0 });
          const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.records`);
          return rows[0]?.n === 0 || undefined;
        });
      }
      await c.stop();
      assert.ok(sizes[0]! > 0);
      // Measured with each round's records in: without the VACUUM the dead rows of the rounds
      // before stay too, and the fourth round's table is about 4x the first's.
      assert.ok(sizes[3]! <= sizes[0]! * 1.5, `records table ${sizes.join(' -> ')} bytes`);
    } finally {
      await log.close();
      await db.exec(`drop schema ${schema} cascade`);
    }
  });

  it('deletes records every group committed, keeps the rest', async () => {
    const schema = uniqueName('evlog');
    const log = await createEmbeddedEventLog({ db, schema, retainConsumedMs: null });
    try {
      await log.ensureTopic('t', { partitions: 1 });
      await log.append(
        't',
        ['a', 'b', 'c', 'd'].map((value) => ({ key: 'k', value })),
      );
      const fast = new Probe();
      const c1 = await log.consume('t', 'fast', async (b) => fast.add(b));
      await fast.until('all', (p) => p.seen.length === 4);
      await c1.stop();
      const slow = new Probe();
      const c2 = await log.consume(
        't',
        'slow',
        async (b) => {
          slow.add(b);
          if (slow.seen.length >= 2) throw new Error('stop here');
        },
        { batchSize: 1, maxAttempts: 1000, initialBackoffMs: 1000 },
      );
      await slow.until('two', (p) => p.seen.length >= 2);
      await c2.stop(); // committed "a" only

      const count = async () =>
        (await db.query<{ n: number }>(`select count(*) as n from ${schema}.records`)).rows[0]?.n;
      const stop = startMaintenance({
        db,
        schema,
        dedupWindowMs: 1000,
        retainConsumedMs: 0,
        intervalMs: 10,
        onError: () => {},
      });
      try {
        await eventually('a deleted', async () => (await count()) === 3);
      } finally {
        stop();
      }
      const again = new Probe();
      const c3 = await log.consume('t', 'slow', async (b) => again.add(b));
      await again.until('the rest', (p) => p.values().includes('d'));
      await c3.stop();
      assert.deepEqual(again.values(), ['b', 'c', 'd']);
    } finally {
      await log.close();
      await db.exec(`drop schema ${schema} cascade`);
    }
  });
});

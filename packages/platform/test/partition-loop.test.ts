import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PermanentError } from '../src/errors/transient.ts';
import { resolveConsumeOptions } from '../src/log/consume-options.ts';
import { startPartitionLoop } from '../src/log/partition-loop.ts';
import type { PartitionSource } from '../src/log/partition-source.ts';
import { Wakeup } from '../src/log/wait.ts';
import type { BatchHandler, LogRecord } from '../src/ports/event-log.ts';

/**
 * An in-memory partition: records 1..n (`add` appends more), a committed position, dead
 * letters; `state.afterFetch` runs once after the next fetch that returns records.
 */
function fakeSource(count: number, opts: { failCommits?: number } = {}) {
  const records: LogRecord[] = [];
  const append = (n: number) => {
    for (let i = 0; i < n; i++) {
      const offset = records.length + 1;
      records.push({
        topic: 't',
        partition: 0,
        offset,
        key: `k${offset}`,
        value: new TextEncoder().encode(`v${offset}`),
        headers: {},
        attempt: 1,
        timestamp: 0,
      });
    }
  };
  append(count);
  const wake = new Wakeup();
  const state = {
    committed: 0,
    position: 0,
    deadLetters: [] as LogRecord[],
    rewinds: 0,
    commitCalls: 0,
    afterFetch: undefined as (() => void) | undefined,
  };
  let failCommits = opts.failCommits ?? 0;
  const source: PartitionSource = {
    async fetch(max, signal) {
      while (!signal.aborted) {
        const v = wake.version;
        const batch = records.slice(state.position, state.position + max);
        if (batch.length > 0) {
          state.position = batch.at(-1)!.offset;
          const after = state.afterFetch;
          state.afterFetch = undefined;
          after?.();
          return batch.map((r) => ({ ...r }));
        }
        await wake.waitChange(v, 1000, signal);
      }
      return [];
    },
    async commit(record) {
      state.commitCalls++;
      if (failCommits > 0) {
        failCommits--;
        throw Object.assign(new Error('ack not confirmed'), { code: 'TIMEOUT' });
      }
      state.committed = record.offset;
      wake.notify();
    },
    async deadLetter(record) {
      state.deadLetters.push(record);
      state.committed = record.offset;
      wake.notify();
    },
    async rewind() {
      state.rewinds++;
      state.position = state.committed;
    },
    async close() {},
  };
  const add = (n: number) => {
    append(n);
    wake.notify();
  };
  return { source, state, wake, add };
}

/** Resolves once `cond` holds, checked after every commit / dead letter. */
async function until(wake: Wakeup, cond: () => boolean): Promise<void> {
  while (!cond()) {
    const v = wake.version;
    if (cond()) return;
    await wake.waitChange(v, 5000);
  }
}

const fast = { initialBackoffMs: 1, maxBackoffMs: 2, batchSize: 10 };
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const noop = () => undefined;

describe('partition loop: transient and permanent failures', { timeout: 10_000 }, () => {
  test('a dependency outage longer than maxAttempts dead-letters nothing and resumes', async () => {
    const { source, state, wake } = fakeSource(5);
    let failures = 0;
    const handled: string[] = [];
    const handler: BatchHandler = async (records) => {
      if (failures < 50) {
        failures++;
        throw refused();
      }
      for (const r of records) handled.push(r.key);
    };
    const options = resolveConsumeOptions({ ...fast, maxAttempts: 3 });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 5);
    await loop.stop();
    assert.equal(failures, 50, 'the outage lasted 50 attempts, far more than maxAttempts');
    assert.deepEqual(state.deadLetters, []);
    assert.deepEqual(handled, ['k1', 'k2', 'k3', 'k4', 'k5']);
  });

  test('a transient failure of one record alone is retried past maxAttempts too', async () => {
    const { source, state, wake } = fakeSource(3);
    let k2Failures = 0;
    const handler: BatchHandler = async (records) => {
      if (records.length > 1) throw new Error('batch failed'); // unknown kind: one by one
      if (records[0]!.key === 'k2' && k2Failures < 20) {
        k2Failures++;
        throw new Error('Connection terminated unexpectedly');
      }
    };
    const options = resolveConsumeOptions({ ...fast, maxAttempts: 2 });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 3);
    await loop.stop();
    assert.equal(k2Failures, 20);
    assert.deepEqual(state.deadLetters, []);
  });

  test('a poison record among good ones costs one solo attempt and is dead-lettered at once', async () => {
    const { source, state, wake } = fakeSource(6);
    const calls: string[][] = [];
    const stored: string[] = [];
    const handler: BatchHandler = async (records) => {
      calls.push(records.map((r) => r.key));
      if (records.some((r) => r.key === 'k3'))
        throw Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
      for (const r of records) stored.push(r.key);
    };
    const retries: number[] = [];
    const options = resolveConsumeOptions({
      batchSize: 10,
      maxAttempts: 5,
      initialBackoffMs: 60_000, // any backoff on a permanent failure would stall the test
      maxBackoffMs: 60_000,
      onRetry: (_records, _err, attempt) => retries.push(attempt),
    });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 6);
    await loop.stop();
    assert.deepEqual(stored, ['k1', 'k2', 'k4', 'k5', 'k6']);
    assert.deepEqual(
      state.deadLetters.map((r) => [r.key, r.attempt]),
      [['k3', 2]],
      'dead-lettered after the batch and exactly one solo attempt',
    );
    assert.equal(calls.filter((c) => c.length === 1 && c[0] === 'k3').length, 1);
    assert.equal(calls.length, 7, 'the batch, then each record alone once');
  });

  test('a record that is undecodable (PermanentError) alone in its batch is not retried', async () => {
    const { source, state, wake } = fakeSource(1);
    let calls = 0;
    const handler: BatchHandler = async () => {
      calls++;
      throw new PermanentError('malformed message record');
    };
    const options = resolveConsumeOptions({ ...fast, maxAttempts: 5 });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 1);
    await loop.stop();
    assert.equal(calls, 1);
    assert.deepEqual(
      state.deadLetters.map((r) => r.attempt),
      [1],
    );
  });

  test('errors of unknown kind are still dead-lettered after maxAttempts', async () => {
    const { source, state, wake } = fakeSource(1);
    let calls = 0;
    const handler: BatchHandler = async () => {
      calls++;
      throw new Error('boom');
    };
    const options = resolveConsumeOptions({ ...fast, maxAttempts: 3 });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 1);
    await loop.stop();
    assert.equal(calls, 3);
    assert.deepEqual(
      state.deadLetters.map((r) => r.attempt),
      [3],
    );
  });
});

describe('partition loop: failed commits', { timeout: 10_000 }, () => {
  test('a failed commit rewinds to the committed position instead of retrying the same ack', async () => {
    const { source, state, wake } = fakeSource(4, { failCommits: 3 });
    const handled: string[] = [];
    const handler: BatchHandler = async (records) => {
      for (const r of records) handled.push(r.key);
    };
    const options = resolveConsumeOptions({ ...fast });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 4);
    await loop.stop();
    assert.equal(state.rewinds, 3);
    assert.equal(state.commitCalls, 4, 'each failed commit was tried once, then the batch came again');
    assert.deepEqual(
      handled,
      [...Array(4)].flatMap(() => ['k1', 'k2', 'k3', 'k4']),
    );
  });
});

describe('partition loop: commits off the path', { timeout: 10_000 }, () => {
  test('the next batch is handled while the last commit runs; commits stay in order, one at a time', async () => {
    const { source, state, wake } = fakeSource(30);
    const commit = source.commit.bind(source);
    const order: string[] = [];
    let open = 0;
    let release: () => void = noop;
    let firstGate: Promise<void> | undefined = new Promise<void>((resolve) => {
      release = resolve;
    });
    source.commit = async (record) => {
      open++;
      assert.equal(open, 1, 'one commit at a time');
      order.push(`commit ${record.offset}`);
      const gate = firstGate;
      firstGate = undefined;
      await gate;
      await commit(record);
      open--;
    };
    const handler: BatchHandler = async (records) => {
      order.push(`handle ${records[0]!.offset}-${records.at(-1)!.offset}`);
      // The first commit is held until the second batch is being handled.
      if (records[0]!.offset === 11) release();
    };
    const options = resolveConsumeOptions({ ...fast });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 30);
    await loop.stop();
    assert.deepEqual(order, [
      'handle 1-10',
      'commit 10',
      'handle 11-20',
      'commit 20',
      'handle 21-30',
      'commit 30',
    ]);
  });

  test('a batch handled while the previous commit fails comes again after the rewind', async () => {
    const { source, state, wake } = fakeSource(20, { failCommits: 1 });
    const handled: string[] = [];
    const handler: BatchHandler = async (records) => {
      handled.push(`${records[0]!.offset}-${records.at(-1)!.offset}`);
    };
    const options = resolveConsumeOptions({ ...fast });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === 20);
    await loop.stop();
    assert.equal(state.rewinds, 1);
    assert.deepEqual(handled, ['1-10', '11-20', '1-10', '11-20']);
  });
});

describe('partition loop: stopping', { timeout: 10_000 }, () => {
  test('stop() while the partition rewinds after a failed commit returns, with nothing more to fetch', async () => {
    const { source, state } = fakeSource(3, { failCommits: 1 });
    const rewind = source.rewind.bind(source);
    let rewinding!: () => void;
    const inRewind = new Promise<void>((resolve) => {
      rewinding = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    source.rewind = async () => {
      rewinding();
      await gate;
      await rewind();
      state.position = 3; // as if the records were another owner's now: the fetch would wait
    };
    const options = resolveConsumeOptions({ ...fast });
    const loop = startPartitionLoop({
      partition: 0,
      source,
      handler: async () => undefined,
      options,
      onError: noop,
    });
    await inRewind;
    const stopped = loop.stop();
    release();
    await stopped;
    assert.equal(state.rewinds, 1);
  });
});

describe('partition loop: lingering for a larger batch (ConsumeOptions.linger)', { timeout: 10_000 }, () => {
  /** The batches handled after `first` records, with `later` more appended right after the first fetch. */
  async function batchesOf(
    first: number,
    later: number,
    linger: { minRecords: number; when?: () => boolean },
  ) {
    const { source, state, wake, add } = fakeSource(0);
    const batches: string[][] = [];
    const handler: BatchHandler = async (records) => {
      batches.push(records.map((r) => r.key));
    };
    add(first);
    state.afterFetch = () => add(later);
    const options = resolveConsumeOptions({ ...fast, batchSize: 100, linger: { ms: 200, ...linger } });
    const loop = startPartitionLoop({ partition: 0, source, handler, options, onError: noop });
    await until(wake, () => state.committed === first + later);
    await loop.stop();
    return batches.map((b) => b.length);
  }

  test('a busy partition waits linger.ms and takes what arrived meanwhile into the same batch', async () => {
    assert.deepEqual(await batchesOf(3, 4, { minRecords: 3 }), [7]);
  });

  test('fewer records than minRecords, or when() false: the batch goes at once', async () => {
    assert.deepEqual(await batchesOf(2, 4, { minRecords: 3 }), [2, 4]);
    assert.deepEqual(await batchesOf(3, 4, { minRecords: 3, when: () => false }), [3, 4]);
  });

  test('a fetch failing while it lingers loses nothing: the batch taken goes on alone', async () => {
    const { source, state, wake, add } = fakeSource(0);
    const handled: string[][] = [];
    const errors: string[] = [];
    add(3);
    let fetches = 0;
    const flaky: PartitionSource = {
      ...source,
      fetch(max, signal) {
        fetches++;
        if (fetches === 2) return Promise.reject(new Error('connection reset'));
        return source.fetch(max, signal);
      },
    };
    const options = resolveConsumeOptions({ ...fast, batchSize: 100, linger: { ms: 10, minRecords: 3 } });
    const loop = startPartitionLoop({
      partition: 0,
      source: flaky,
      handler: async (records) => {
        handled.push(records.map((r) => r.key));
      },
      options,
      onError: (err, context) => errors.push(`${context}: ${err.message}`),
    });
    await until(wake, () => state.committed === 3);
    add(2);
    await until(wake, () => state.committed === 5);
    await loop.stop();
    assert.deepEqual(handled, [
      ['k1', 'k2', 'k3'],
      ['k4', 'k5'],
    ]);
    assert.deepEqual(errors, ['fetch while lingering (partition 0): connection reset']);
  });

  test('stopping while it lingers ends the wait at once; the records stay for the next owner', async () => {
    const { source, state, add } = fakeSource(0);
    const handled: number[] = [];
    add(5);
    const fetched = new Promise<void>((resolve) => {
      state.afterFetch = resolve;
    });
    const options = resolveConsumeOptions({ ...fast, linger: { ms: 60_000, minRecords: 1 } });
    const loop = startPartitionLoop({
      partition: 0,
      source,
      handler: async (records) => {
        handled.push(records.length);
      },
      options,
      onError: noop,
    });
    await fetched;
    await loop.stop(); // the test's timeout (10 s) is far below the linger (60 s)
    assert.deepEqual(handled, []);
    assert.equal(state.committed, 0);
  });
});

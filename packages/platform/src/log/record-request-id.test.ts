import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currentRequestId, withRequestId } from '../observability/request-context.ts';
import type { AppendRecord, BatchHandler, ConsumeOptions, EventLog, LogRecord } from '../ports/event-log.ts';
import { createConsumerRegistry } from './consumer-registry.ts';
import { instrumentEventLog } from './instrumented.ts';
import { withRecordRequestId } from './record-request-id.ts';

const record = (offset: number, headers: Record<string, string> = {}): LogRecord => ({
  topic: 't',
  partition: 0,
  offset,
  key: 'k',
  value: new Uint8Array(),
  headers,
  attempt: 1,
  timestamp: 0,
});
const from = (id: string) => ({ 'x-request-id': id });

/** A strict fake adapter: keeps what was appended; the test drives the consumer and its hooks. */
function fakeLog() {
  const appended: AppendRecord[] = [];
  let handler: BatchHandler | undefined;
  let hooks: ConsumeOptions = {};
  const unused = () => Promise.reject(new Error('not used'));
  const log: EventLog = {
    adapter: 'embedded',
    ensureTopic: async (topic) => ({ topic, partitions: 1 }),
    async append(_t, records) {
      appended.push(...records);
      return records.map((_, i) => ({ partition: 0, offset: i, duplicate: false }));
    },
    async consume(_t, _g, h, o = {}) {
      handler = h;
      hooks = o;
      return { assignedPartitions: () => [0], stop: async () => undefined };
    },
    lag: unused,
    deadLetters: unused,
    deadLetterGroups: unused,
    redrive: unused,
    health: unused,
    close: async () => undefined,
  };
  return { log, appended, deliver: (records: LogRecord[]) => handler!(records), hooks: () => hooks };
}

describe('request ids on event-log records', () => {
  test('records appended inside a request carry its id; outside, nothing is added', async () => {
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, { consumers: createConsumerRegistry() });
    await withRequestId('req-1', () =>
      log.append('t', [
        { key: 'a', value: 'x' },
        { key: 'b', value: 'y', headers: { type: 'UserCreated' } },
        { key: 'c', value: 'z', headers: from('req-earlier') },
      ]),
    );
    await log.append('t', [{ key: 'd', value: 'w' }]);
    assert.deepEqual(
      fake.appended.map((r) => r.headers),
      [from('req-1'), { type: 'UserCreated', ...from('req-1') }, from('req-earlier'), undefined],
      "the request's id is added, a record that names one keeps it",
    );
  });

  test("a consumer handles a batch under the id its records share, and under none when they don't", async () => {
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, { consumers: createConsumerRegistry() });
    const seen: (string | undefined)[] = [];
    await log.consume('t', 'g', async () => {
      seen.push(currentRequestId());
    });
    await fake.deliver([record(1, from('req-a')), record(2, from('req-a'))]);
    await fake.deliver([record(3, from('req-a')), record(4, from('req-b'))]);
    await fake.deliver([record(5, from('req-a')), record(6)]);
    await fake.deliver([record(7)]);
    assert.deepEqual(seen, ['req-a', undefined, undefined, undefined]);
  });

  test('an id in a header that is not a valid request id is ignored', async () => {
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, { consumers: createConsumerRegistry() });
    const seen: (string | undefined)[] = [];
    await log.consume('t', 'g', async (records) => {
      seen.push(currentRequestId());
      for (const r of records) withRecordRequestId(r, () => seen.push(currentRequestId()));
    });
    await fake.deliver([record(1, from('two words'))]);
    await fake.deliver([record(2, from('x'.repeat(200)))]);
    assert.deepEqual(seen, [undefined, undefined, undefined, undefined]);
  });

  test('a mixed batch: each record under its own id when handled one by one', async () => {
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, { consumers: createConsumerRegistry() });
    const seen: (string | undefined)[] = [];
    await log.consume('t', 'g', async (records) => {
      for (const r of records) await withRecordRequestId(r, async () => seen.push(currentRequestId()));
    });
    await fake.deliver([record(1, from('req-a')), record(2, from('req-b')), record(3)]);
    assert.deepEqual(seen, ['req-a', 'req-b', undefined]);
  });

  test("retry and dead-letter hooks run under the records' id (their log lines carry it)", async () => {
    const fake = fakeLog();
    const log = instrumentEventLog(fake.log, { consumers: createConsumerRegistry() });
    const seen: string[] = [];
    await log.consume('t', 'g', async () => undefined, {
      onRetry: () => void seen.push(`retry ${currentRequestId()}`),
      onDeadLetter: () => void seen.push(`dead ${currentRequestId()}`),
    });
    const error = new Error('x');
    fake.hooks().onRetry?.([record(1, from('req-r'))], error, 2);
    fake.hooks().onDeadLetter?.(record(1, from('req-d')), error);
    fake.hooks().onDeadLetter?.(record(2), error);
    assert.deepEqual(seen, ['retry req-r', 'dead req-d', 'dead undefined']);
  });
});

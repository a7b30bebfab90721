import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createEmbeddedEventLog } from '../src/log/embedded.ts';
import { createNatsEventLog } from '../src/log/nats.ts';
import type { EventLog } from '../src/ports/event-log.ts';
import { createPgliteDatabase } from '../src/sql/pglite.ts';
import { skipUnless, testServiceUrls, uniqueName } from '../src/testing/services.ts';
import { Probe, text } from './contract/log-probe.ts';
import { deleteNatsPrefix } from './contract/nats-cleanup.ts';
import type { CrashConsumerConfig } from './fixtures/crash-consumer.ts';

const fixture = fileURLToPath(new URL('./fixtures/crash-consumer.ts', import.meta.url));

/** Runs the crash-consumer fixture; `line(re)` waits for a stdout line matching `re`. */
function startConsumer(cfg: CrashConsumerConfig) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fixture, JSON.stringify(cfg)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    lines,
    line(re: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = lines.map((l) => re.exec(l)).find((x) => x);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no line ${re} from the consumer; stdout ${JSON.stringify(lines)}; stderr ${stderr}`),
          );
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => setTimeout(check, 10));
        check();
      });
    },
    async kill(): Promise<void> {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Consumes in the test process and returns what arrives, until `last` shows up. */
async function consumeUntil(log: EventLog, topic: string, group: string, last: string): Promise<Probe> {
  const probe = new Probe();
  const started = Date.now();
  const c = await log.consume(topic, group, async (b) => probe.add(b), { initialBackoffMs: 2 });
  await probe.until(`"${last}"`, (p) => p.values().includes(last), 60_000);
  await c.stop();
  assert.ok(Date.now() - started < 60_000, 'redelivered promptly, not after ack_wait');
  return probe;
}

const values = ['a', 'b', 'c', 'd', 'e'];

describe('event log survives kill -9 of a consumer', () => {
  it('embedded (PGlite data folder): the uncommitted record is delivered again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'evlog-crash-'));
    const topic = 'crash';
    try {
      const child = startConsumer({
        adapter: 'embedded',
        dataDir,
        topic,
        group: 'g',
        hangOn: 'c',
        append: values,
      });
      const [, offset] = await child.line(/^handled (\d+) c$/);
      await child.kill();
      assert.deepEqual(
        child.lines.filter((l) => l.startsWith('handled')).map((l) => l.split(' ')[2]),
        ['a', 'b', 'c'],
      );

      const db = await createPgliteDatabase({ dataDir });
      const log = await createEmbeddedEventLog({ db });
      try {
        const probe = await consumeUntil(log, topic, 'g', 'e');
        // The loop commits b while it handles c: killed before that commit was durable, the
        // consumer resumes at b. Either way it resumes at the first uncommitted record, in order.
        const resumed = probe.values();
        assert.ok(['b', 'c'].includes(resumed[0] ?? ''), `resumed at ${resumed[0]}`);
        assert.deepEqual(resumed, values.slice(values.indexOf(resumed[0]!)), 'in order, each once');
        assert.equal(probe.seen.at(resumed[0] === 'c' ? 0 : 1)?.offset, Number(offset));
      } finally {
        await log.close();
        await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('NATS: the un-acked record is delivered again, first, without waiting for ack_wait', async (t) => {
    const skip = await skipUnless('event log crash on NATS', 'nats');
    if (skip) return t.skip(skip);
    const prefix = uniqueName('evcrash');
    const topic = 'crash';
    const log = await createNatsEventLog({ url: testServiceUrls.nats, prefix, leaseTtlMs: 1000 });
    try {
      await log.ensureTopic(topic, { partitions: 1 });
      const appended = await log.append(
        topic,
        values.map((value) => ({ key: 'k', value })),
      );
      const child = startConsumer({
        adapter: 'nats',
        url: testServiceUrls.nats,
        prefix,
        leaseTtlMs: 1000,
        topic,
        group: 'g',
        hangOn: 'c',
      });
      const [, offset] = await child.line(/^handled (\d+) c$/);
      await child.kill();
      assert.equal(Number(offset), appended[2]?.offset);

      const probe = await consumeUntil(log, topic, 'g', 'e');
      // As above: b's ack may still have been on its way when the consumer died.
      const resumed = probe.values();
      assert.ok(['b', 'c'].includes(resumed[0] ?? ''), `resumed at ${resumed[0]}`);
      assert.deepEqual(
        resumed,
        values.slice(values.indexOf(resumed[0]!)),
        'resumes at the un-acked record, in order',
      );
      assert.ok(probe.seen.every((r) => r.attempt === 1 && text(r) !== 'a'));
      assert.deepEqual(await log.lag(topic, 'g'), [{ partition: 0, lag: 0 }]);
    } finally {
      await log.close();
      await deleteNatsPrefix(prefix);
    }
  });
});

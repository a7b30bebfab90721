import { after } from 'node:test';
import { createEmbeddedEventLog } from '../src/log/embedded.ts';
import { createNatsEventLog } from '../src/log/nats.ts';
import type { EventLog } from '../src/ports/event-log.ts';
import type { SqlDatabase } from '../src/ports/sql.ts';
import { createTestPglite, createTestPostgres } from '../src/testing/adapters.ts';
import { skipUnless, testServiceUrls, uniqueName } from '../src/testing/services.ts';
import { type EventLogFixture, eventLogContract } from './contract/event-log.contract.ts';
import { deleteNatsPrefix } from './contract/nats-cleanup.ts';

/** One database per suite (PGlite takes seconds to start); every test gets its own schema. */
function embeddedFixture(makeDb: () => Promise<SqlDatabase>): () => Promise<EventLogFixture> {
  let shared: Promise<SqlDatabase> | undefined;
  after(async () => {
    if (shared) await (await shared).close();
  });
  return async () => {
    shared ??= makeDb();
    const db = await shared;
    const schema = uniqueName('evlog');
    const logs: EventLog[] = [];
    return {
      async open() {
        const log = await createEmbeddedEventLog({ db, schema, defaultPartitions: 4 });
        logs.push(log);
        return log;
      },
      async cleanup() {
        for (const log of logs) await log.close();
        await db.exec(`drop schema if exists ${schema} cascade`);
      },
    };
  };
}

async function natsFixture(): Promise<EventLogFixture> {
  const prefix = uniqueName('evlog');
  const logs: EventLog[] = [];
  return {
    async open() {
      const log = await createNatsEventLog({
        url: testServiceUrls.nats,
        prefix,
        defaultPartitions: 4,
        leaseTtlMs: 2000,
      });
      logs.push(log);
      return log;
    },
    async cleanup() {
      for (const log of logs) await log.close();
      await deleteNatsPrefix(prefix);
    },
  };
}

eventLogContract('embedded on PGlite', embeddedFixture(createTestPglite));
eventLogContract(
  'embedded on PostgreSQL',
  embeddedFixture(() => createTestPostgres()),
  {
    skip: await skipUnless('event log embedded on PostgreSQL', 'postgres'),
  },
);
eventLogContract('NATS JetStream', natsFixture, { skip: await skipUnless('event log on NATS', 'nats') });

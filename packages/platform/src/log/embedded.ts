import type { Consumer, DeadLetter, EventLog, TopicInfo } from '../ports/event-log.ts';
import type { SqlDatabase } from '../ports/sql.ts';
import { resolveConsumeOptions } from './consume-options.ts';
import { startMaintenance } from './embedded/maintenance.ts';
import { bytes, openEmbeddedPartition } from './embedded/partition-source.ts';
import { checkSchemaName, createEventLogSchema } from './embedded/schema.ts';
import { sharedState } from './embedded/shared-state.ts';
import { startGroupConsumer, trackConsumer } from './group-consumer.ts';

export interface EmbeddedEventLogOptions {
  /** The embedded database (PGlite; PostgreSQL works too). The log does not close it. */
  db: SqlDatabase;
  defaultPartitions?: number;
  /** Schema of the log's tables (default `eventlog`). */
  schema?: string;
  /** De-duplication window for record ids (default 2 min). */
  dedupWindowMs?: number;
  /**
   * Records every group of their topic committed are deleted after this long, and never
   * within the de-duplication window (default 10 min; null keeps everything). A topic nobody
   * consumes keeps everything.
   */
  retainConsumedMs?: number | null;
  /** Errors the consumers recover from by retrying (fetch, commit). */
  onError?: (err: Error, context: string) => void;
}

interface DeadLetterRow {
  id: number;
  partition: number;
  offset: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  dead_at: Date;
}

const SAFETY_POLL_MS = 1000;
const MAINTENANCE_MS = 60_000;

/**
 * The event log in the embedded database: records, positions and dead letters in tables of
 * its own schema, appends group-committed, consumers woken in-process. Ownership of
 * partitions is decided in-process, so every instance of a group must live in this process.
 */
export async function createEmbeddedEventLog(opts: EmbeddedEventLogOptions): Promise<EventLog> {
  const { db } = opts;
  const s = checkSchemaName(opts.schema ?? 'eventlog');
  const defaultPartitions = opts.defaultPartitions ?? 8;
  const dedupWindowMs = opts.dedupWindowMs ?? 120_000;
  const onError = opts.onError ?? (() => undefined);
  await createEventLogSchema(db, s);
  const shared = sharedState(db, s, dedupWindowMs);
  const topics = new Map<string, Promise<TopicInfo>>();
  const consumers = new Set<Consumer>();
  const stopMaintenance = startMaintenance({
    db,
    schema: s,
    dedupWindowMs,
    retainConsumedMs: opts.retainConsumedMs === undefined ? 10 * 60_000 : opts.retainConsumedMs,
    intervalMs: MAINTENANCE_MS,
    onError,
  });

  async function createTopic(topic: string, partitions: number): Promise<TopicInfo> {
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 4096) {
      throw new Error(`topic ${topic}: partitions must be an integer in 1..4096`);
    }
    return db.transaction(async (tx) => {
      await tx.query(`insert into ${s}.topics (topic, partitions) values ($1, $2) on conflict do nothing`, [
        topic,
        partitions,
      ]);
      const { rows } = await tx.query<{ partitions: number }>(
        `select partitions from ${s}.topics where topic = $1`,
        [topic],
      );
      const count = rows[0]!.partitions;
      await tx.query(
        `insert into ${s}.partitions (topic, partition) select $1, generate_series(0, $2 - 1) on conflict do nothing`,
        [topic, count],
      );
      return { topic, partitions: count };
    });
  }

  const ensureTopic = (topic: string, partitions?: number): Promise<TopicInfo> => {
    let info = topics.get(topic);
    if (!info) {
      info = createTopic(topic, partitions ?? defaultPartitions);
      topics.set(topic, info);
      info.catch(() => topics.delete(topic));
    }
    return info;
  };

  const listDeadLetters = async (topic: string, group: string, limit: number, ids?: readonly string[]) => {
    const { rows } = await db.query<DeadLetterRow>(
      `select id, partition, "offset", key, value, headers, error, attempts, dead_at from ${s}.dead_letters
        where topic = $1 and grp = $2 and ($3::int8[] is null or id = any($3::int8[])) order by id limit $4`,
      [topic, group, ids ? ids.map(Number).filter(Number.isSafeInteger) : null, limit],
    );
    return rows.map(
      (r): DeadLetter => ({
        id: String(r.id),
        topic,
        group,
        partition: r.partition,
        offset: r.offset,
        key: r.key,
        value: bytes(r.value),
        headers: r.headers,
        error: r.error,
        attempts: r.attempts,
        deadAt: r.dead_at.getTime(),
      }),
    );
  };

  const log: EventLog = {
    adapter: 'embedded',

    ensureTopic: (topic, o) => ensureTopic(topic, o?.partitions),

    async append(topic, records) {
      const { partitions } = await ensureTopic(topic);
      return shared.appends.append(topic, partitions, records);
    },

    async consume(topic, group, handler, consumeOpts) {
      const { partitions } = await ensureTopic(topic);
      const options = resolveConsumeOptions(consumeOpts);
      const consumer = await startGroupConsumer({
        handler,
        options,
        onError,
        assigner: shared.assignments.assigner(
          `${topic}\u0000${group}`,
          partitions,
          options.instanceId,
          onError,
        ),
        openPartition: (partition) =>
          openEmbeddedPartition({
            db,
            schema: s,
            topic,
            group,
            partition,
            wakeup: shared.wakeup(topic, partition),
            tail: shared.tail,
            commits: shared.commits,
            safetyPollMs: SAFETY_POLL_MS,
          }),
      });
      return trackConsumer(consumer, consumers);
    },

    async lag(topic, group) {
      await ensureTopic(topic);
      const { rows } = await db.query<{ partition: number; lag: number }>(
        `select p.partition, p.next_offset - 1 - coalesce(g.committed, 0) as lag
           from ${s}.partitions p
           left join ${s}.group_offsets g on g.topic = p.topic and g.partition = p.partition and g.grp = $2
          where p.topic = $1 order by p.partition`,
        [topic, group],
      );
      return rows;
    },

    deadLetters: (topic, group, o) => listDeadLetters(topic, group, o?.limit ?? 100),

    async deadLetterGroups() {
      const { rows } = await db.query<{ topic: string; grp: string; count: number }>(
        `select topic, grp, count(*)::int as count from ${s}.dead_letters group by topic, grp order by topic, grp`,
      );
      return rows.map((r) => ({ topic: r.topic, group: r.grp, count: r.count }));
    },

    async redrive(topic, group, ids) {
      const letters = await listDeadLetters(topic, group, Number.MAX_SAFE_INTEGER, ids);
      if (letters.length === 0) return 0;
      await log.append(
        topic,
        letters.map((d) => ({ key: d.key, value: d.value, headers: d.headers })),
      );
      await db.query(`delete from ${s}.dead_letters where id = any($1::int8[])`, [
        letters.map((d) => Number(d.id)),
      ]);
      return letters.length;
    },

    async health() {
      const h = await db.health();
      return {
        status: h.status,
        details: { ...h.details, adapter: 'embedded', database: db.adapter, schema: s },
      };
    },

    async close() {
      stopMaintenance();
      await Promise.all(
        [...consumers].map((c) => c.stop().catch((err) => onError(err as Error, 'stop consumer'))),
      );
      consumers.clear();
      await shared.appends.idle();
      await shared.commits.idle();
    },
  };
  return log;
}

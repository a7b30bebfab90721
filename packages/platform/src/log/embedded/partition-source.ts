import type { LogRecord } from '../../ports/event-log.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';
import type { PartitionSource } from '../partition-source.ts';
import type { Wakeup } from '../wait.ts';
import type { CommitQueue } from './commit-queue.ts';
import type { TailCache } from './tail-cache.ts';

export interface EmbeddedPartitionArgs {
  db: SqlDatabase;
  schema: string;
  topic: string;
  group: string;
  partition: number;
  /** Notified when the partition gets records in this process. */
  wakeup: Wakeup;
  /** The newest records appended by this process. */
  tail: TailCache;
  commits: CommitQueue;
  /** Re-checks the table this often even without a wake-up (appends from other processes). */
  safetyPollMs: number;
}

interface RecordRow {
  offset: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  created_at: Date;
}

/** Plain Uint8Array (pg hands out Buffers). */
export function bytes(v: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(v) === Uint8Array.prototype
    ? v
    : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

async function commitOffset(tx: SqlExecutor, a: EmbeddedPartitionArgs, offset: number): Promise<void> {
  await tx.query(
    `insert into ${a.schema}.group_offsets (topic, grp, partition, committed) values ($1, $2, $3, $4)
     on conflict (topic, grp, partition) do update set committed = excluded.committed, updated_at = now()`,
    [a.topic, a.group, a.partition, offset],
  );
}

/** One partition of a group read from the records table, from the committed offset on. */
export async function openEmbeddedPartition(a: EmbeddedPartitionArgs): Promise<PartitionSource> {
  const s = a.schema;
  const committed = async (): Promise<number> => {
    const { rows } = await a.db.query<{ committed: number }>(
      `select committed from ${s}.group_offsets where topic = $1 and grp = $2 and partition = $3`,
      [a.topic, a.group, a.partition],
    );
    return rows[0]?.committed ?? 0;
  };
  let position = await committed();
  let lastQuery = 0;

  return {
    async fetch(max, signal) {
      while (!signal.aborted) {
        const version = a.wakeup.version;
        const cached = a.tail.after(a.topic, a.partition, position, max);
        if (cached && cached.length > 0) {
          position = cached.at(-1)!.offset;
          return cached.map((r) => ({ ...r }));
        }
        // Memory says we are at the end: skip the query, unless the safety poll is due
        // (records appended by another process are only seen by querying).
        if (cached && Date.now() - lastQuery < a.safetyPollMs) {
          await a.wakeup.waitChange(version, a.safetyPollMs, signal);
          continue;
        }
        lastQuery = Date.now();
        const { rows: found } = await a.db.query<RecordRow>(
          `select "offset", key, value, headers, created_at from ${s}.records
            where topic = $1 and partition = $2 and "offset" > $3 order by "offset" limit $4`,
          [a.topic, a.partition, position, max],
        );
        const last = found.at(-1);
        if (last) {
          position = last.offset;
          return found.map(
            (r): LogRecord => ({
              topic: a.topic,
              partition: a.partition,
              offset: r.offset,
              key: r.key,
              value: bytes(r.value),
              headers: r.headers,
              attempt: 1,
              timestamp: r.created_at.getTime(),
            }),
          );
        }
        await a.wakeup.waitChange(version, a.safetyPollMs, signal);
      }
      return [];
    },
    commit: (record) => a.commits.commit(a.topic, a.group, a.partition, record.offset),
    async deadLetter(record, error, attempts) {
      await a.db.transaction(async (tx) => {
        await tx.query(
          `insert into ${s}.dead_letters (topic, grp, partition, "offset", key, value, headers, error, attempts)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            a.topic,
            a.group,
            a.partition,
            record.offset,
            record.key,
            record.value,
            JSON.stringify(record.headers),
            error,
            attempts,
          ],
        );
        await commitOffset(tx, a, record.offset);
      });
    },
    async rewind() {
      position = await committed();
    },
    async close() {},
  };
}

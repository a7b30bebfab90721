import { GroupCommit } from '../../batching/group-commit.ts';
import type { AppendRecord, AppendResult, LogRecord } from '../../ports/event-log.ts';
import { partitionFor } from '../../ports/event-log.ts';
import type { SqlDatabase, SqlExecutor } from '../../ports/sql.ts';

interface Pending {
  topic: string;
  partitions: number;
  records: readonly AppendRecord[];
}

interface Row {
  topic: string;
  partition: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  msgId: string | null;
  result?: AppendResult;
  /** Same id earlier in this flush: shares that row's result. */
  sameAs?: Row;
}

export interface AppendQueueOptions {
  db: SqlDatabase;
  schema: string;
  dedupWindowMs: number;
  /** Called after a flush committed, with the records it stored (in offset order per partition). */
  onStored: (records: LogRecord[]) => void;
}

/** Records per flush; more callers wait for the next one. */
const MAX_ROWS = 5000;
const encoder = new TextEncoder();

/**
 * Appends, group-committed: append() calls that arrive while a flush is running are written
 * together by the next one, in one short transaction of multi-row statements (ids seen,
 * offset blocks, records + ids); each caller is resolved when its flush committed.
 */
export class AppendQueue {
  readonly #o: AppendQueueOptions;
  readonly #commit: GroupCommit<Pending, AppendResult[]>;

  constructor(opts: AppendQueueOptions) {
    this.#o = opts;
    this.#commit = new GroupCommit((batch) => this.#write(batch), {
      weight: (p) => p.records.length,
      maxWeight: MAX_ROWS,
    });
  }

  append(topic: string, partitions: number, records: readonly AppendRecord[]): Promise<AppendResult[]> {
    if (records.length === 0) return Promise.resolve([]);
    return this.#commit.submit({ topic, partitions, records });
  }

  /** Resolves when everything queued so far is written. */
  idle(): Promise<void> {
    return this.#commit.idle();
  }

  async #write(batch: Pending[]): Promise<AppendResult[][]> {
    const perCall = batch.map((p) =>
      p.records.map(
        (r): Row => ({
          topic: p.topic,
          partition: partitionFor(r.key, p.partitions),
          key: r.key,
          value: typeof r.value === 'string' ? encoder.encode(r.value) : r.value,
          headers: { ...r.headers },
          msgId: r.id ?? null,
        }),
      ),
    );
    // A second use of an id within this flush is a duplicate of the first.
    const firstWithId = new Map<string, Row>();
    const rows: Row[] = [];
    for (const r of perCall.flat()) {
      const k = r.msgId === null ? null : `${r.topic}\u0000${r.msgId}`;
      const earlier = k === null ? undefined : firstWithId.get(k);
      if (earlier) {
        r.sameAs = earlier;
        continue;
      }
      if (k !== null) firstWithId.set(k, r);
      rows.push(r);
    }
    const stored = await this.#o.db.transaction(async (tx) => {
      await this.#markSeen(tx, rows);
      const fresh = rows.filter((r) => !r.result);
      if (fresh.length === 0) return [];
      const timestamp = await this.#assignOffsets(tx, fresh);
      await this.#insert(tx, fresh);
      return fresh.map(
        ({ topic, partition, key, value, headers, result }): LogRecord => ({
          topic,
          partition,
          offset: result!.offset,
          key,
          value,
          headers,
          attempt: 1,
          timestamp,
        }),
      );
    });
    this.#o.onStored(stored);
    return perCall.map((list) =>
      list.map((r) => {
        const result = r.result ?? (r.sameAs?.result && { ...r.sameAs.result, duplicate: true });
        if (!result) throw new Error(`topic ${r.topic} has no partition ${r.partition}`);
        return result;
      }),
    );
  }

  /** Rows whose id was appended within the window get that append's result. */
  async #markSeen(tx: SqlExecutor, rows: Row[]): Promise<void> {
    const withId = rows.filter((r) => r.msgId !== null);
    if (withId.length === 0) return;
    const { rows: seen } = await tx.query<{ ord: number; partition: number; offset: number }>(
      `select u.ord, d.partition, d."offset"
         from unnest($1::text[], $2::text[]) with ordinality as u(topic, msg_id, ord)
         cross join lateral (
           select d.partition, d."offset" from ${this.#o.schema}.dedup d
            where d.topic = u.topic and d.msg_id = u.msg_id
              and d.created_at > now() - make_interval(secs => $3)
            limit 1
         ) d`,
      [withId.map((r) => r.topic), withId.map((r) => r.msgId), this.#o.dedupWindowMs / 1000],
    );
    for (const d of seen)
      withId[d.ord - 1]!.result = { partition: d.partition, offset: d.offset, duplicate: true };
  }

  /** Takes a block of offsets per partition; returns the transaction's time (created_at). */
  async #assignOffsets(tx: SqlExecutor, rows: Row[]): Promise<number> {
    const counts = new Map<string, { topic: string; partition: number; n: number }>();
    for (const r of rows) {
      const k = `${r.partition}\u0000${r.topic}`;
      const c = counts.get(k) ?? { topic: r.topic, partition: r.partition, n: 0 };
      c.n++;
      counts.set(k, c);
    }
    const list = [...counts.values()];
    const { rows: blocks } = await tx.query<{ topic: string; partition: number; first: number; ts: number }>(
      `update ${this.#o.schema}.partitions p set next_offset = p.next_offset + u.n
         from unnest($1::text[], $2::int[], $3::int8[]) as u(topic, partition, n)
        where p.topic = u.topic and p.partition = u.partition
        returning p.topic, p.partition, p.next_offset - u.n as first, (extract(epoch from now()) * 1000)::int8 as ts`,
      [list.map((c) => c.topic), list.map((c) => c.partition), list.map((c) => c.n)],
    );
    const next = new Map(blocks.map((b) => [`${b.partition}\u0000${b.topic}`, b.first]));
    for (const r of rows) {
      const k = `${r.partition}\u0000${r.topic}`;
      const offset = next.get(k);
      if (offset === undefined) throw new Error(`topic ${r.topic} has no partition ${r.partition}`);
      next.set(k, offset + 1);
      r.result = { partition: r.partition, offset, duplicate: false };
    }
    return blocks[0]?.ts ?? Date.now();
  }

  /** Stores the records and remembers their ids, in one statement. */
  async #insert(tx: SqlExecutor, rows: Row[]): Promise<void> {
    const s = this.#o.schema;
    const col = <T>(f: (r: Row) => T) => rows.map(f);
    await tx.query(
      `with stored as (
         insert into ${s}.records (topic, partition, "offset", key, value, headers, msg_id)
         select * from unnest($1::text[], $2::int[], $3::int8[], $4::text[], $5::bytea[], $6::jsonb[], $7::text[])
       )
       insert into ${s}.dedup (topic, msg_id, partition, "offset")
       select topic, msg_id, partition, "offset"
         from unnest($1::text[], $7::text[], $2::int[], $3::int8[]) as u(topic, msg_id, partition, "offset")
        where msg_id is not null
       on conflict (topic, msg_id) do update
         set partition = excluded.partition, "offset" = excluded."offset", created_at = now()`,
      [
        col((r) => r.topic),
        col((r) => r.partition),
        col((r) => r.result!.offset),
        col((r) => r.key),
        col((r) => r.value),
        col((r) => JSON.stringify(r.headers)),
        col((r) => r.msgId),
      ],
    );
  }
}
